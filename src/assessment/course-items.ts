/// <reference types="vite/client" />
import { getCollection } from 'astro:content';
import { parse } from 'yaml';
import { getModules, getLessons, moduleDirOf, urlOf } from '../site/curriculum';
import { CRITERION_IDS, type CriterionId } from './criteria';
import type { GradedItem } from './graded-items';
import { questionKey } from './quiz-schema';

/**
 * Build side: the course's graded items and modules, read from the collections and the exercise
 * folders, with the page where each item is done (the page whose MDX embeds it by id). The
 * dashboard, assessment and certificate islands receive this as plain data.
 */

const exerciseYaml = import.meta.glob('/exercises/*/*/exercise.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface CourseModule {
  dir: string;
  title: string;
  href: string;
  lessons: { path: string; title: string }[];
  exerciseIds: string[];
  /** Keys of the module quiz's questions. */
  questionKeys: string[];
}

export interface CourseMap {
  modules: CourseModule[];
  items: GradedItem[];
}

const criterionIds = (value: unknown): CriterionId[] =>
  Array.isArray(value) ? value.filter((id): id is CriterionId => (CRITERION_IDS as readonly unknown[]).includes(id)) : [];

export async function courseMap(): Promise<CourseMap> {
  const docs = await getCollection('docs');
  /** The first page whose source embeds `id="<id>"`: the lesson with that exercise or quiz. */
  const pageEmbedding = (id: string): string | undefined => {
    const page = docs.find((entry) => entry.body?.includes(`id="${id}"`));
    return page ? urlOf(page) : undefined;
  };
  const withHref = (item: GradedItem, href: string | undefined): GradedItem => (href ? { ...item, href } : item);

  const exercises = Object.entries(exerciseYaml)
    .map(([path, text]) => {
      const id = path.split('/').slice(2, 4).join('/');
      const meta = parse(text) as { title?: unknown; criteria?: unknown };
      const item: GradedItem = { kind: 'exercise', id, title: String(meta.title ?? id), criteria: criterionIds(meta.criteria) };
      return withHref(item, pageEmbedding(id) ?? `/modules/${id.split('/')[0]}/`);
    })
    .sort((a, b) => a.id.localeCompare(b.id));

  const quizzes = (await getCollection('quizzes')).sort((a, b) => a.id.localeCompare(b.id));
  const questions = quizzes.flatMap((quiz) => {
    const href = pageEmbedding(quiz.id);
    return quiz.data.questions.map((question) => {
      const key = questionKey(quiz.id, question.id);
      const item: GradedItem = { kind: 'question', id: key, title: question.prompt, criteria: question.criteria };
      return withHref(item, href && `${href}#quiz-${key.replace(/[^a-z0-9-]/gi, '-')}`);
    });
  });

  const modules = await Promise.all(
    (await getModules()).map(async (module): Promise<CourseModule> => {
      const dir = moduleDirOf(module);
      return {
        dir,
        title: module.data.title,
        href: urlOf(module),
        lessons: (await getLessons(dir)).map((lesson) => ({ path: urlOf(lesson), title: lesson.data.title })),
        exerciseIds: exercises.filter((item) => item.id.startsWith(`${dir}/`)).map((item) => item.id),
        questionKeys: quizzes
          .filter((quiz) => quiz.data.module === dir)
          .flatMap((quiz) => quiz.data.questions.map((question) => questionKey(quiz.id, question.id))),
      };
    }),
  );
  return { modules, items: [...exercises, ...questions] };
}
