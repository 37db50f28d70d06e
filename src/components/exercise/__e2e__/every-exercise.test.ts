import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBrowser } from '../../../../test-support/e2e-browser';
import { checkStates, exerciseSection, openEditor, run, typeCode } from './exercise-page';

/**
 * `npm run check` proves every reference solution in Node; this proves the same in the page, as
 * a learner runs it: on the lesson that embeds the exercise, typed into the editor, in Chromium.
 */

function mdxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? mdxFiles(path) : path.endsWith('.mdx') ? [path] : [];
  });
}

/** [exercise id, lesson URL] for every `<Exercise id="…" />` in the content. */
const embedded = mdxFiles('content/modules').flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/<Exercise\s+id="([^"]+)"/g)].map(
    (match) => [match[1]!, `/${file.replace(/^content\//, '').replace(/\.mdx$/, '')}/`] as const,
  ),
);

describe('every exercise in the page', () => {
  const browser = useBrowser();

  it('every exercise is embedded in a lesson', () => {
    const exercises = readdirSync('exercises').flatMap((module) =>
      /^\d\d-/.test(module)
        ? readdirSync(join('exercises', module))
            .filter((slug) => slug !== 'demos' && !slug.startsWith('__'))
            .map((slug) => `${module}/${slug}`)
        : [],
    );
    expect(exercises.filter((id) => !embedded.some(([embeddedId]) => embeddedId === id))).toEqual([]);
  });

  it.each(embedded)('%s: the reference solution passes every check on %s', async (id, lesson) => {
    const page = await browser.open(lesson);
    const section = exerciseSection(page, id);
    await section.scrollIntoViewIfNeeded();
    await openEditor(section);
    await typeCode(page, section, readFileSync(join('exercises', id, 'solution.ts'), 'utf8'));
    const outcome = await run(section);
    const failed = Object.entries(await checkStates(section)).filter(([, pass]) => !pass);
    expect({ outcome, failed }).toEqual({ outcome: 'completed', failed: [] });
  });
});
