import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { CRITERION_IDS, type CriterionId } from '../criteria';
import type { GradedItem } from '../graded-items';
import { questionKey, quizSchema } from '../quiz-schema';

/**
 * Node side, for tests: the graded items and the published criteria read straight from the
 * repository's files (the site reads the same files through Astro's collections and Vite).
 */

const criterionIds = (value: unknown): CriterionId[] =>
  Array.isArray(value) ? value.filter((id): id is CriterionId => (CRITERION_IDS as readonly unknown[]).includes(id)) : [];

function filesNamed(dir: string, name: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesNamed(path, name);
    return entry.name === name ? [path] : [];
  });
}

/** Every exercise (exercises/<module>/<slug>/exercise.yaml) and every quiz question (content/quizzes/*.yaml). */
export function collectGradedItems(root: string): GradedItem[] {
  const exercises = filesNamed(join(root, 'exercises'), 'exercise.yaml').map((file): GradedItem => {
    const meta = parse(readFileSync(file, 'utf8')) as { title?: unknown; criteria?: unknown };
    const id = relative(join(root, 'exercises'), file).split(/[\\/]/).slice(0, 2).join('/');
    return { kind: 'exercise', id, title: String(meta.title ?? id), criteria: criterionIds(meta.criteria) };
  });
  const quizDir = join(root, 'content', 'quizzes');
  const questions = (existsSync(quizDir) ? readdirSync(quizDir) : [])
    .filter((name) => name.endsWith('.yaml'))
    .flatMap((name) => {
      const quizId = name.replace(/\.yaml$/, '');
      const quiz = quizSchema.parse(parse(readFileSync(join(quizDir, name), 'utf8')));
      return quiz.questions.map((question): GradedItem => ({
        kind: 'question',
        id: questionKey(quizId, question.id),
        title: question.prompt,
        criteria: question.criteria,
      }));
    });
  return [...exercises, ...questions];
}

function frontmatter(file: string): Record<string, unknown> {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'));
  const data: unknown = match ? parse(match[1]!) : {};
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
}

/**
 * The criteria served (frontmatter `criteria`) by modules that have at least one lesson: those
 * the course has started to teach, and so must assess. Maps each criterion to the modules.
 */
export function publishedCriteria(root: string): Map<CriterionId, string[]> {
  const modulesDir = join(root, 'content', 'modules');
  const published = new Map<CriterionId, string[]>();
  if (!existsSync(modulesDir)) return published;
  for (const dir of readdirSync(modulesDir).sort()) {
    const index = join(modulesDir, dir, 'index.mdx');
    if (!existsSync(index)) continue;
    const hasLesson = readdirSync(join(modulesDir, dir))
      .filter((name) => /\.mdx?$/.test(name) && !name.startsWith('index.'))
      .some((name) => frontmatter(join(modulesDir, dir, name))['kind'] === 'lesson');
    if (!hasLesson) continue;
    for (const id of criterionIds(frontmatter(index)['criteria'])) published.set(id, [...(published.get(id) ?? []), dir]);
  }
  return published;
}
