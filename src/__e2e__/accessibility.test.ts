import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../../test-support/axe';
import { PHONE, useBrowser } from '../../test-support/e2e-browser';

/** One page of each type, in both colour schemes and on a phone: 0 serious or critical violations. */
const PAGE_TYPES = [
  ['home', '/'],
  ['module overview', '/modules/01-fundamentals/'],
  ['levels', '/levels/'],
  ['resources', '/resources/'],
  ['projects', '/projects/'],
  ['404', '/404.html'],
] as const;

describe('accessibility (axe-core, WCAG 2.1 A/AA)', () => {
  const browser = useBrowser();

  it.each(PAGE_TYPES)('%s page (light)', async (_type, path) => {
    const page = await browser.open(path);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it.each(PAGE_TYPES)('%s page (dark)', async (_type, path) => {
    const page = await browser.open(path, { colorScheme: 'dark' });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('module overview on a phone with the menu open', async () => {
    const page = await browser.open('/modules/01-fundamentals/', PHONE);
    await page.getByRole('button', { name: 'Menu' }).click();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
