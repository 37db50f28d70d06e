import { getCollection, type CollectionEntry } from 'astro:content';
import type { LessonFrontmatter, ModuleFrontmatter } from '../content-schema/frontmatter';
import { LEVELS, type Level } from '../assessment/criteria';

/** Read-side view of the course: modules and lessons in order, with their URLs. */

type DocsEntry = CollectionEntry<'docs'>;
export type ModuleEntry = DocsEntry & { data: DocsEntry['data'] & ModuleFrontmatter };
export type LessonEntry = DocsEntry & { data: DocsEntry['data'] & LessonFrontmatter };

export function isModule(entry: DocsEntry): entry is ModuleEntry {
  return entry.data.kind === 'module';
}
export function isLesson(entry: DocsEntry): entry is LessonEntry {
  return entry.data.kind === 'lesson';
}

/** "modules/01-fundamentals/qos" → "01-fundamentals". */
export function moduleDirOf(entry: DocsEntry): string {
  return entry.id.split('/')[1] ?? '';
}

export function urlOf(entry: DocsEntry): string {
  return `${import.meta.env.BASE_URL.replace(/\/$/, '')}/${entry.id}/`;
}

export async function getModules(): Promise<ModuleEntry[]> {
  const docs = await getCollection('docs');
  return docs.filter(isModule).sort((a, b) => a.data.order - b.data.order);
}

export async function getLessons(moduleDir: string): Promise<LessonEntry[]> {
  const docs = await getCollection('docs');
  return docs
    .filter((entry): entry is LessonEntry => isLesson(entry) && moduleDirOf(entry) === moduleDir)
    .sort((a, b) => a.data.order - b.data.order);
}

/** The levels a module serves, from the criteria it names, in course order. */
export function levelsOf(criteria: readonly string[]): Level[] {
  const prefixes = new Set(criteria.map((id) => id[0]));
  return LEVELS.filter((level) => prefixes.has(level[0]!.toUpperCase()));
}
