import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { coverageProblems } from '../coverage';
import { collectGradedItems, publishedCriteria } from '../node/collect-graded-items';

/**
 * Every criterion the course teaches must be assessable: a criterion served by a module that has
 * lessons needs at least two graded items (exercises, quiz questions). The check tightens by
 * itself as modules get their lessons.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('criteria coverage', () => {
  it('every published criterion of the course is assessed by at least two graded items', () => {
    const items = collectGradedItems(root);
    expect(items.some((item) => item.kind === 'exercise')).toBe(true);
    expect(items.some((item) => item.kind === 'question')).toBe(true);
    expect(items.filter((item) => item.criteria.length === 0)).toEqual([]);
    expect(coverageProblems(items, publishedCriteria(root))).toEqual([]);
  });

  it('fails for a criterion taught by a module with a lesson but assessed once, naming the criterion and the items', () => {
    const fixture = mkdtempSync(join(tmpdir(), 'coverage-'));
    const write = (path: string, text: string) => {
      mkdirSync(join(fixture, path, '..'), { recursive: true });
      writeFileSync(join(fixture, path), text);
    };
    write('content/modules/04-security/index.mdx', '---\nkind: module\ncriteria: [I2]\n---\n');
    write('content/modules/04-security/tls.mdx', '---\nkind: lesson\n---\n');
    write('content/modules/05-brokers/index.mdx', '---\nkind: module\ncriteria: [I3]\n---\n');
    write('exercises/04-security/acl/exercise.yaml', 'title: ACLs\ncriteria: [I2]\n');
    const problems = coverageProblems(collectGradedItems(fixture), publishedCriteria(fixture));
    // I3's module has no lesson yet, so it is not published.
    expect(problems).toEqual([
      'I2 is taught by 04-security but assessed by 1 graded item(s), 2 needed: exercise 04-security/acl',
    ]);
  });
});
