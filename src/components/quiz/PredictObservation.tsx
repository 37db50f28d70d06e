import type { ComponentType } from 'preact';
import { useState } from 'preact/hooks';
import { InlineCode } from './InlineCode';

/**
 * After a prediction: runs the question's demo on the in-page broker and shows what actually
 * happened in the packet view. The broker, MQTT.js and the packet view are loaded only when the
 * learner asks to run it, so they cost nothing on a lesson page until then.
 */
export function PredictObservation({ demoId, observe }: { demoId: string; observe: string }) {
  const [Run, setRun] = useState<ComponentType<{ demoId: string }> | undefined>(undefined);
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(false);

  const start = async () => {
    setLoading(true);
    try {
      const { ObservedRun } = await import('./ObservedRun');
      setRun(() => ObservedRun);
    } catch (cause) {
      setError(`The in-page broker could not be loaded: ${cause instanceof Error ? cause.message : String(cause)}`);
    } finally {
      setLoading(false);
    }
  };

  return (
    <div class="quiz-observe">
      <p>
        <strong>Now observe.</strong> <InlineCode text={observe} />
      </p>
      {Run ? (
        <Run demoId={demoId} />
      ) : (
        <button type="button" class="quiz-button" onClick={start} disabled={loading}>
          {loading ? 'Loading the broker…' : 'Run it on the in-page broker'}
        </button>
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
