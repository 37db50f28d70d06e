import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBrowser } from '../../../../test-support/e2e-browser';

/**
 * The demos' Node tests prove each story on the broker; this plays every `<Demo>` of the content to
 * its end on its lesson page in Chromium, as a learner presses Play, with its packets in the view.
 */

function mdxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? mdxFiles(path) : path.endsWith('.mdx') ? [path] : [];
  });
}

/** [demo id, lesson URL] for every `<Demo id="…" />` in the content. */
const embedded = mdxFiles('content/modules').flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/<Demo\s+id="([^"]+)"/g)].map(
    (match) => [match[1]!, `/${file.replace(/^content\//, '').replace(/\.mdx$/, '')}/`] as const,
  ),
);

describe('every demo in the page', () => {
  const browser = useBrowser();

  it.each(embedded)('%s plays to the end on %s', async (id, lesson) => {
    const page = await browser.open(lesson);
    const section = page.locator(`section[data-demo="${id}"]`).first();
    await section.scrollIntoViewIfNeeded();
    await section.getByRole('button', { name: 'Play demo' }).click();
    // Either the end or an error the player shows: a failing demo says why instead of timing out.
    await section.locator('.demo-status:has-text("Finished"), .demo-error').first().waitFor({ timeout: 45_000 });
    expect(await section.locator('.demo-error').allTextContents()).toEqual([]);
    expect(await section.locator('.pv-arrow-button').count()).toBeGreaterThan(0);
  });
});
