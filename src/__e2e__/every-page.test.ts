import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../../test-support/axe';
import { useBrowser } from '../../test-support/e2e-browser';

/**
 * Every page the build produced, whatever content authors add: it renders without a script error,
 * has one title, links only to pages that exist, and has no serious accessibility violation.
 */

const DIST = 'dist';

function builtPages(dir = DIST): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return ['_astro', 'pagefind'].includes(name) ? [] : builtPages(path);
    return name === 'index.html' ? [`/${path.slice(DIST.length + 1, -'index.html'.length)}`] : [];
  });
}

/** Whether an internal link's target was built (ignoring the fragment). */
function linkTargetExists(href: string): boolean {
  const path = decodeURIComponent(href.split('#')[0]!.split('?')[0]!);
  if (path === '' || path === '/') return true;
  const file = join(DIST, path);
  return existsSync(path.endsWith('/') ? join(file, 'index.html') : file) || existsSync(join(file, 'index.html'));
}

describe('every built page', () => {
  const browser = useBrowser();
  const pages = existsSync(DIST) ? builtPages().sort() : [];

  it('the build has the course pages', () => {
    expect(pages.length).toBeGreaterThan(20);
  });

  it.each(pages)('%s renders, links only to built pages and passes axe', async (path) => {
    const page = await browser.open(path);
    await expect(page.locator('h1').count()).resolves.toBe(1);
    const hrefs = await page.locator('main a[href^="/"]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(hrefs.filter((href) => !linkTargetExists(href))).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
