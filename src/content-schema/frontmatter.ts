import { z } from 'astro/zod';
import { CRITERION_IDS, LEVELS } from '../assessment/criteria';
import { specRefSchema } from './spec-ref';

/**
 * Frontmatter of everything under content/. One collection (Starlight's `docs`), three kinds of page,
 * told apart by `kind` so that a module overview missing its outcomes fails as loudly as a lesson
 * missing its level.
 */

const nonEmpty = z.string().trim().min(1);

export const moduleFrontmatter = z.object({
  kind: z.literal('module'),
  order: z.number().int().min(1).max(99),
  duration: z.string().regex(/^\d+ weeks?$/, 'duration looks like "1 week" or "2 weeks"'),
  summary: nonEmpty,
  outcomes: z.array(nonEmpty).min(1),
  criteria: z.array(z.enum(CRITERION_IDS)).min(1),
});

export const lessonFrontmatter = z.object({
  kind: z.literal('lesson'),
  order: z.number().int().min(1).max(99),
  level: z.enum(LEVELS),
  minutes: z.number().int().min(1).max(240),
  objectives: z.array(nonEmpty).min(1),
  spec: z.array(specRefSchema).default([]),
  criteria: z.array(z.enum(CRITERION_IDS)).default([]),
});

export const pageFrontmatter = z.object({
  kind: z.literal('page'),
});

export const courseFrontmatter = z.discriminatedUnion('kind', [
  moduleFrontmatter,
  lessonFrontmatter,
  pageFrontmatter,
]);

export type ModuleFrontmatter = z.infer<typeof moduleFrontmatter>;
export type LessonFrontmatter = z.infer<typeof lessonFrontmatter>;
