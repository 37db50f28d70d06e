/**
 * Learner TypeScript → JavaScript the runtime can evaluate. Sucrase strips types and turns
 * `import`/`export` into `require`/`exports` (so the runtime decides what `mqtt` is) while keeping
 * every statement on its original line, so an error's line is the learner's line.
 */
import { transform } from 'sucrase';

export type TranspileResult = { ok: true; code: string } | { ok: false; message: string; line?: number };

export function transpileLearnerCode(source: string): TranspileResult {
  try {
    const { code } = transform(source, { transforms: ['typescript', 'imports'], filePath: 'learner.ts' });
    return { ok: true, code };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Sucrase reports positions as "(line:column)".
    const position = /\((\d+):\d+\)/.exec(message);
    return position?.[1] ? { ok: false, message, line: Number(position[1]) } : { ok: false, message };
  }
}
