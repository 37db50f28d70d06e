/** Checks about what the learner's code printed and how it ended. */
import type { ConsoleEntry } from '../../../sandbox-broker/src/record-types.ts';
import type { Check } from './check-types.ts';
import { consoleEntries, limited, listPhrase } from './record-query.ts';

export function printed(pattern: string | RegExp, options: { level?: ConsoleEntry['level'] } = {}): Check {
  const described = typeof pattern === 'string' ? JSON.stringify(pattern) : String(pattern);
  return {
    id: `printed:${described}`,
    title: `Printed ${described}`,
    run(record) {
      const lines = consoleEntries(record).filter((entry) => options.level === undefined || entry.level === options.level);
      const hit = lines.find((entry) => (typeof pattern === 'string' ? entry.text.includes(pattern) : pattern.test(entry.text)));
      return {
        pass: hit !== undefined,
        expected: `a console line containing ${described}`,
        seen: hit ? `printed ${JSON.stringify(hit.text)}` : listPhrase(limited(lines.map((entry) => JSON.stringify(entry.text))), 'nothing printed'),
      };
    },
  };
}
