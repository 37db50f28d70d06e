/**
 * Evaluates transpiled learner code as the body of an async function, so top-level `await`
 * works, and finds the learner's line in an error's stack. `sourceURL` names the code
 * `learner.ts` in stacks; the function wrapper shifts lines by an engine-specific amount,
 * measured once by throwing from a known line.
 */
const SOURCE_NAME = 'learner.ts';

type AsyncBody = (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = (async () => undefined).constructor as new (...params: string[]) => AsyncBody;

function compile(params: readonly string[], code: string): AsyncBody {
  return new AsyncFunction(...params, `${code}\n//# sourceURL=${SOURCE_NAME}`);
}

function stackLine(error: unknown): number | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  const match = stack ? new RegExp(`${SOURCE_NAME.replace('.', '\\.')}:(\\d+)`).exec(stack) : null;
  return match?.[1] ? Number(match[1]) : undefined;
}

let lineShift: number | undefined;
async function wrapperLineShift(): Promise<number> {
  if (lineShift === undefined) {
    try {
      await compile([], 'throw new Error()')();
    } catch (error) {
      lineShift = (stackLine(error) ?? 1) - 1;
    }
  }
  return lineShift ?? 0;
}

/** The line in the learner's source where `error` arose, if its stack goes through their code. */
export async function learnerLine(error: unknown): Promise<number | undefined> {
  const line = stackLine(error);
  return line === undefined ? undefined : line - (await wrapperLineShift());
}

export interface LearnerScope {
  require: (specifier: string) => unknown;
  console: Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'>;
  /** The `fetch` the code sees: the exercise's in-page HTTP API, not the network. */
  fetch?: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
}

/** Runs the code; resolves with what it returned, or with its default export if it has one. */
export async function evaluateLearnerCode(code: string, scope: LearnerScope): Promise<unknown> {
  await wrapperLineShift();
  const module = { exports: {} as Record<string, unknown> };
  const body = compile(['require', 'exports', 'module', 'console', 'fetch'], code);
  const returned = await body(scope.require, module.exports, module, scope.console, scope.fetch ?? globalThis.fetch);
  return 'default' in module.exports ? await module.exports['default'] : returned;
}
