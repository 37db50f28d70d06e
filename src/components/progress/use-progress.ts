import { useEffect, useState } from 'preact/hooks';
import { progressStore } from '../../progress/browser-progress';
import type { ProgressStore } from '../../progress/progress-store';
import type { Progress } from '../../progress/progress-schema';

/**
 * The learner's progress for an island, kept current as this page or another tab changes it.
 * Undefined on the server and until mounted: progress lives in the browser only.
 */
export function useProgress(): { progress: Progress | undefined; store: ProgressStore | undefined } {
  const [store, setStore] = useState<ProgressStore | undefined>(undefined);
  const [progress, setProgress] = useState<Progress | undefined>(undefined);
  useEffect(() => {
    const current = progressStore();
    setStore(current);
    setProgress(current.progress);
    return current.subscribe(setProgress);
  }, []);
  return { progress, store };
}
