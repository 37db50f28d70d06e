/**
 * Turns the text of an exercise folder into an `Exercise`, or fails with an
 * `ExerciseFormatError` naming the file and the field. Browser-safe: no file system here.
 */
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { EXERCISE_FILES, type Exercise, type ExerciseFileName } from '../exercise-types.ts';
import { ExerciseFormatError } from './exercise-format-error.ts';
import { ExerciseMetaSchema } from './exercise-meta.ts';
import { parseHints } from './hints.ts';

export interface ExerciseSource {
  /** The folder relative to the repository root: `exercises/<module>/<slug>`. */
  dir: string;
  files: Partial<Record<ExerciseFileName, string>>;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const got = valueAt(raw, issue.path);
  const gotPhrase = got === undefined ? 'nothing' : JSON.stringify(got);
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map(String).join('|')}, got ${gotPhrase}`;
  if (issue.code === 'invalid_type') return `expected ${issue.expected}, got ${got === undefined ? 'nothing' : gotPhrase}`;
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  return `${issue.message}, got ${gotPhrase}`;
}

function fieldPath(path: readonly PropertyKey[]): string | undefined {
  if (path.length === 0) return undefined;
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
}

export function parseExercise(source: ExerciseSource): Exercise {
  const [moduleFolder, slug] = source.dir.split('/').slice(-2);
  const fileOf = (name: ExerciseFileName) => `${source.dir}/${name}`;
  for (const name of EXERCISE_FILES) {
    if (source.files[name] === undefined) throw new ExerciseFormatError(fileOf(name), undefined, 'file is missing');
  }
  const text = (name: ExerciseFileName): string => source.files[name] ?? '';

  let raw: unknown;
  try {
    raw = parseYaml(text('exercise.yaml'));
  } catch (error) {
    throw new ExerciseFormatError(fileOf('exercise.yaml'), undefined, `not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = ExerciseMetaSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    if (!issue) throw new ExerciseFormatError(fileOf('exercise.yaml'), undefined, 'invalid');
    throw new ExerciseFormatError(fileOf('exercise.yaml'), fieldPath(issue.path), describeIssue(issue, raw));
  }
  const meta = result.data;
  if (meta.module !== moduleFolder) {
    throw new ExerciseFormatError(fileOf('exercise.yaml'), 'module', `expected "${moduleFolder ?? ''}" (the folder the exercise is in), got ${JSON.stringify(meta.module)}`);
  }
  meta.spec.forEach((ref, index) => {
    if (ref.statement === undefined && ref.section === undefined) {
      throw new ExerciseFormatError(fileOf('exercise.yaml'), `spec[${index}]`, 'expected a statement or a section');
    }
  });

  const hints = parseHints(text('hints.md'));
  if (hints.length === 0) throw new ExerciseFormatError(fileOf('hints.md'), undefined, 'expected at least one hint, each under a "## " heading');
  for (const name of ['prompt.md', 'starter.ts', 'solution.ts'] as const) {
    if (text(name).trim() === '') throw new ExerciseFormatError(fileOf(name), undefined, 'file is empty');
  }

  return {
    id: `${moduleFolder ?? ''}/${slug ?? ''}`,
    dir: source.dir,
    meta,
    prompt: text('prompt.md'),
    starter: text('starter.ts'),
    solution: text('solution.ts'),
    hints,
    hasScenario: source.files['scenario.ts'] !== undefined,
  };
}
