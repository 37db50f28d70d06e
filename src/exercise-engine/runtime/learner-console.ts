/** The `console` learner code (and the scenario) sees: every call becomes one formatted line. */
import { formatConsoleArgs } from './format-console.ts';

export type ConsoleLevel = 'log' | 'info' | 'warn' | 'error';

export function createLearnerConsole(
  emit: (level: ConsoleLevel, text: string) => void,
): Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'> {
  const at = (level: ConsoleLevel) => (...args: unknown[]): void => emit(level, formatConsoleArgs(args));
  return { log: at('log'), info: at('info'), warn: at('warn'), error: at('error'), debug: at('log') };
}
