import { describe, expect, it } from 'vitest';
import { CRITERIA } from '../assessment/criteria';
import { useBrowser } from '../../test-support/e2e-browser';

const MODULES = [
  ['01-fundamentals', 'MQTT fundamentals'],
  ['02-topics-and-messages', 'Topics and messages'],
  ['03-qos-and-reliability', 'Quality of service and reliability'],
  ['04-security', 'Security'],
  ['05-brokers', 'Brokers'],
  ['06-client-libraries', 'Client libraries'],
  ['07-mqtt-5-features', 'MQTT 5.0 features'],
  ['08-constrained-environments', 'MQTT in resource-constrained environments'],
] as const;

describe('the course pages', () => {
  const browser = useBrowser();

  it('home shows the learning path as a map of the eight modules in order', async () => {
    const page = await browser.open('/');
    const stops = page.getByTestId('path-map').locator('.path-map__stop');
    await expect.poll(() => stops.count()).toBe(8);
    const titles = await stops.locator('h3 a').allTextContents();
    MODULES.forEach(([, title], index) => expect(titles[index]).toContain(title));
    // Each stop says how long the module takes and which levels it serves.
    expect(await stops.first().textContent()).toMatch(/1 week/);
    expect(await stops.first().locator('.level-badge').count()).toBeGreaterThan(0);
  });

  it.each(MODULES)('module %s has an overview with its facts and outcomes', async (dir, title) => {
    const page = await browser.open(`/modules/${dir}/`);
    expect(await page.locator('h1').textContent()).toContain(title);
    const meta = page.getByTestId('module-meta');
    expect(await meta.textContent()).toMatch(/\d weeks?/);
    const outcomes = page.getByTestId('module-outcomes').locator('li');
    expect(await outcomes.count()).toBeGreaterThanOrEqual(3);
    // Real prose, not a stub: the overview body says something substantial.
    const words = (await page.locator('.sl-markdown-content').innerText()).split(/\s+/).length;
    expect(words).toBeGreaterThan(250);
  });

  it('module pages link to the previous and next module', async () => {
    const page = await browser.open('/modules/02-topics-and-messages/');
    const steps = page.getByTestId('module-steps');
    expect(await steps.locator('a[rel="prev"]').getAttribute('href')).toBe('/modules/01-fundamentals/');
    expect(await steps.locator('a[rel="next"]').getAttribute('href')).toBe('/modules/03-qos-and-reliability/');
    // Starlight's page-by-page pagination leads into the module's first lesson.
    expect(await page.locator('.pagination-links a[rel="next"]').getAttribute('href')).toMatch(/^\/modules\/02-topics-and-messages\/.+/);
  });

  it('the levels page lists the three levels and all twelve criteria', async () => {
    const page = await browser.open('/levels/');
    for (const level of ['Beginner', 'Intermediate', 'Advanced']) {
      await expect.poll(() => page.getByRole('heading', { name: level, level: 2 }).count()).toBe(1);
    }
    for (const criterion of CRITERIA) {
      const row = page.locator(`tr#${criterion.id.toLowerCase()}`);
      expect(await row.textContent()).toContain(criterion.text.toLowerCase());
      // Every criterion is taught somewhere: the "Taught in" cell links to a module.
      expect(await row.locator('a[href^="/modules/"]').count()).toBeGreaterThan(0);
    }
  });

  it.each([
    ['/projects/', ['IoT monitoring', 'Smart home', 'Industrial telemetry', 'Chat', 'Fleet management']],
    ['/resources/', ['MQTT Essentials', 'mqtt.org', 'Mosquitto']],
    ['/next-steps/', ['WebSockets', 'edge', 'AWS IoT', 'benchmark']],
    ['/instructors/', ['npm run check', 'Add a module', 'Add a lesson', 'Add an exercise', 'Add a demo', 'Add a quiz']],
  ])('%s covers what the curriculum lists', async (path, phrases) => {
    const page = await browser.open(path);
    const text = await page.locator('main').innerText();
    for (const phrase of phrases) expect(text.toLowerCase()).toContain(phrase.toLowerCase());
  });

  it('the sidebar has a group per module, overview first', async () => {
    const page = await browser.open('/levels/');
    const sidebar = page.locator('#starlight__sidebar');
    for (const [index, [, title]] of MODULES.entries()) {
      expect(await sidebar.getByText(`${index + 1}. ${title}`, { exact: true }).count()).toBe(1);
    }
    const firstGroup = sidebar.locator('details', { hasText: '1. MQTT fundamentals' });
    expect(await firstGroup.locator('a').first().getAttribute('href')).toBe('/modules/01-fundamentals/');
  });
});
