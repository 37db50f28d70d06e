import { describe, expect, it } from 'vitest';
import { curriculumProblems, type CurriculumEntry } from '../validate-curriculum';

const overview = (dir: string, order: number): CurriculumEntry => ({
  filePath: `content/modules/${dir}/index.mdx`,
  data: { kind: 'module', order },
});
const lesson = (dir: string, slug: string, order: number): CurriculumEntry => ({
  filePath: `content/modules/${dir}/${slug}.mdx`,
  data: { kind: 'lesson', order },
});

describe('rules that span content files', () => {
  it('accepts modules with their lessons', () => {
    expect(
      curriculumProblems([overview('01-fundamentals', 1), lesson('01-fundamentals', 'pubsub', 1), lesson('01-fundamentals', 'qos', 2)]),
    ).toEqual([]);
  });

  it('names the lesson and the unknown module it belongs to', () => {
    const problems = curriculumProblems([overview('01-fundamentals', 1), lesson('09-ghost', 'intro', 1)]);
    expect(problems).toEqual([
      'content/modules/09-ghost/intro.mdx: module: this lesson belongs to module "09-ghost", which has no overview content/modules/09-ghost/index.mdx (known modules: 01-fundamentals)',
    ]);
  });

  it('rejects a module whose order disagrees with its folder number', () => {
    expect(curriculumProblems([overview('02-topics', 3)])).toEqual([
      'content/modules/02-topics/index.mdx: order: 3 does not match the folder number 02',
    ]);
  });

  it('rejects two lessons with the same order in one module', () => {
    const problems = curriculumProblems([overview('01-fundamentals', 1), lesson('01-fundamentals', 'a', 1), lesson('01-fundamentals', 'b', 1)]);
    expect(problems).toEqual(['content/modules/01-fundamentals/b.mdx: order: 1 is already used by content/modules/01-fundamentals/a.mdx']);
  });

  it('rejects a lesson outside any module folder and a module overview in the wrong place', () => {
    const problems = curriculumProblems([
      { filePath: 'content/stray.mdx', data: { kind: 'lesson', order: 1 } },
      { filePath: 'content/modules/01-fundamentals/extra.mdx', data: { kind: 'module', order: 1 } },
    ]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^content\/modules\/01-fundamentals\/extra\.mdx: kind:/);
    expect(problems[1]).toMatch(/^content\/stray\.mdx: kind: a lesson must live in a module folder/);
  });
});
