import { describe, expect, it } from 'vitest';
import { PHONE, useBrowser } from '../../test-support/e2e-browser';

describe('the site shell', () => {
  const browser = useBrowser();

  it('search finds the lesson that teaches a topic', async () => {
    const page = await browser.open('/');
    await page.getByRole('button', { name: 'Search' }).first().click();
    const input = page.locator('#starlight__search input.pagefind-ui__search-input');
    await input.fill('retained');
    const results = page.locator('#starlight__search .pagefind-ui__result-link');
    await expect.poll(() => results.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect((await results.allTextContents()).join(' ')).toMatch(/Retained messages/);
  });

  it('switches to dark mode and remembers it', async () => {
    const page = await browser.open('/modules/01-fundamentals/');
    await page.locator('starlight-theme-select select').first().selectOption('dark');
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.reload();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
  });

  it('follows the system colour scheme by default', async () => {
    const page = await browser.open('/', { colorScheme: 'dark' });
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
  });

  it('reads on a phone: no horizontal scroll, the menu opens the module list', async () => {
    const page = await browser.open('/modules/03-qos-and-reliability/', PHONE);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.isVisible()).toBe(true);
    await menu.click();
    expect(await page.locator('#starlight__sidebar').getByText('4. Security').isVisible()).toBe(true);
  });

  it('headings have deep links that land on them', async () => {
    const page = await browser.open('/modules/01-fundamentals/');
    const anchor = page.locator('.sl-markdown-content h2#outcomes').locator('xpath=..').locator('a.sl-anchor-link');
    expect(await anchor.getAttribute('href')).toBe('#outcomes');
    const deep = await browser.open('/modules/01-fundamentals/#outcomes');
    const top = await deep.locator('h2#outcomes').evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeLessThan(300);
  });

  it('offers instructors an edit link to the source file', async () => {
    const page = await browser.open('/modules/02-topics-and-messages/');
    const href = await page.getByRole('link', { name: /edit page/i }).getAttribute('href');
    expect(href).toMatch(/\/edit\/main\/content\/modules\/02-topics-and-messages\/index\.mdx$/);
  });

  it('an unknown address gets a 404 page that leads back', async () => {
    const page = await browser.open('/');
    const response = await page.goto(new URL('/no/such/page/', browser.siteUrl()).href);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toContain('Page not found');
    expect(await page.getByRole('link', { name: 'Back to the learning path' }).getAttribute('href')).toBe('/');
  });
});
