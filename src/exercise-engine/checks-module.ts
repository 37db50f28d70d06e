/** Validates what an exercise's `checks.ts` exports: `export const checks: Check[]`. */
import type { Check } from './checks/check-types.ts';
import { ExerciseFormatError } from './schema/exercise-format-error.ts';

function isCheck(value: unknown): value is Check {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Check>;
  return typeof candidate.id === 'string' && typeof candidate.title === 'string' && typeof candidate.run === 'function';
}

export function checksFromModule(module: unknown, file: string): Check[] {
  const checks = (module as { checks?: unknown }).checks;
  if (!Array.isArray(checks) || checks.length === 0) {
    throw new ExerciseFormatError(file, 'checks', 'expected `export const checks = [ … ]` with at least one check');
  }
  checks.forEach((check: unknown, index) => {
    if (!isCheck(check)) throw new ExerciseFormatError(file, `checks[${index}]`, 'expected a check built with the helpers (id, title, run)');
  });
  const ids = new Set<string>();
  for (const check of checks as Check[]) {
    if (ids.has(check.id)) throw new ExerciseFormatError(file, 'checks', `two checks share the id "${check.id}"`);
    ids.add(check.id);
  }
  return checks as Check[];
}
