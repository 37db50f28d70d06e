import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectFixture, type ProjectFixture } from '../../../test-support/project-fixture';

/**
 * The real Astro content pipeline on deliberately broken content: the error an instructor sees
 * must name the file and the field.
 */

const moduleOverview = (criteria: string) => `---
kind: module
title: MQTT fundamentals
order: 1
duration: 1 week
summary: Publish/subscribe, the broker and the packets.
outcomes:
  - Explain decoupling in space, time and synchronisation
criteria: [${criteria}]
---
Overview text.
`;

const lesson = `---
kind: lesson
title: A lesson in a module that does not exist
order: 1
level: beginner
minutes: 10
objectives:
  - Fail the build
---
Lesson text.
`;

describe('astro sync on invalid content', () => {
  let fixture: ProjectFixture;
  beforeAll(() => {
    fixture = createProjectFixture();
    fixture.write('content/index.mdx', '---\nkind: page\ntitle: Home\n---\nHome.\n');
  });
  afterAll(() => fixture.remove());

  it('accepts valid content', () => {
    fixture.write('content/modules/01-fundamentals/index.mdx', moduleOverview('B1, B2'));
    const result = fixture.sync();
    expect(result.output).not.toMatch(/error/i);
    expect(result.status).toBe(0);
  });

  it('fails on invalid frontmatter, naming the file and the field', () => {
    fixture.write('content/modules/01-fundamentals/index.mdx', moduleOverview('B1, Z9'));
    const result = fixture.sync();
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('content/modules/01-fundamentals/index.mdx');
    expect(result.output).toMatch(/criteria\.1: Invalid option/);
  });

  it('fails on a lesson that names an unknown module', () => {
    fixture.write('content/modules/01-fundamentals/index.mdx', moduleOverview('B1'));
    fixture.write('content/modules/09-ghost/intro.mdx', lesson);
    const result = fixture.sync();
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(
      'content/modules/09-ghost/intro.mdx: module: this lesson belongs to module "09-ghost", which has no overview',
    );
  });
});
