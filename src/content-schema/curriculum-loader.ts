import type { Loader } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { curriculumProblems, type CurriculumEntry } from './validate-curriculum';

/**
 * Starlight's own docsLoader() is fixed to src/content/docs; our words live in the top-level
 * content/ folder. This wraps Astro's glob loader and, once every file has passed its schema,
 * checks the rules that span files, failing the build with every problem listed.
 */
export function curriculumLoader(): Loader {
  const files = glob({ base: './content', pattern: '**/[^_]*.{md,mdx}' });
  return {
    name: 'mqtt-lab-curriculum',
    async load(context) {
      await files.load(context);
      const entries: CurriculumEntry[] = [...context.store.values()].map((entry) => ({
        filePath: entry.filePath ?? entry.id,
        data: entry.data as CurriculumEntry['data'],
      }));
      const problems = curriculumProblems(entries);
      if (problems.length > 0) {
        throw new Error(`The course content has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
      }
    },
  };
}
