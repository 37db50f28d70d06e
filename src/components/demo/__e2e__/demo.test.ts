/**
 * <Demo id="01-fundamentals/qos-handshakes" /> on the built lesson page, in Chromium: readable
 * without JavaScript, nothing heavy loaded before Play, the whole demo plays against the in-page
 * broker with every packet in the packet view, keyboard and phone usable, no serious axe issues.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../../../../test-support/axe';
import { PHONE, useBrowser } from '../../../../test-support/e2e-browser';

const LESSON_PATH = '/modules/01-fundamentals/first-steps/';
const DEMO = '01-fundamentals/qos-handshakes';

const demoSection = (page: Page): Locator => page.locator(`section[data-demo="${DEMO}"]`);

async function playToTheEnd(section: Locator): Promise<void> {
  await section.getByRole('button', { name: 'Play demo' }).click();
  await section.locator('.demo-status', { hasText: 'Finished' }).waitFor({ timeout: 30_000 });
}

describe('<Demo> on the lesson page (Chromium, built site)', () => {
  const browser = useBrowser();

  it('shows title, description and all six steps with explanations, and loads neither broker nor MQTT.js before Play', async () => {
    const page = await browser.open(LESSON_PATH);
    const section = demoSection(page);
    await expect(section.getByRole('heading', { name: 'QoS 0, 1 and 2 on the wire' }).count()).resolves.toBe(1);
    await expect(section.locator('.demo-step').count()).resolves.toBe(6);
    await expect(section.locator('.demo-step').nth(5).textContent()).resolves.toContain('DUP = 1');
    const workers = await page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => /broker-worker|mount-demo/.test(entry.name)).length);
    expect(workers).toBe(0);
  });

  it('plays every step against the in-page broker: handshakes, the dropped PUBACK and the re-sent PUBLISH appear', async () => {
    const page = await browser.open(LESSON_PATH);
    const section = demoSection(page);
    await playToTheEnd(section);
    await expect(section.locator('[data-demo-announcer]').textContent()).resolves.toBe('Demo finished: all 6 steps played.');
    const labels = await section.locator('.pv-arrow-button .pv-spoken').allTextContents();
    expect(labels.filter((label) => /^sensor-1 to broker: CONNECT/.test(label))).toHaveLength(2);
    expect(labels.some((label) => /^broker to sensor-1: PUBREC/.test(label))).toBe(true);
    expect(labels.some((label) => /^sensor-1 to broker: PUBLISH, QoS 1, packet id \d+, topic lab\/alarm, sent again/.test(label))).toBe(true);
    expect(labels.some((label) => /^broker to sensor-1: CONNACK, session present/.test(label))).toBe(true);
    await expect(section.locator('.pv-event', { hasText: 'dropped outgoing puback' }).count()).resolves.toBe(1);
    await expect(section.locator('.demo-step--done').count()).resolves.toBe(6);
  });

  it('keyboard: arrow keys move between packets, Enter opens the annotated bytes of the re-sent PUBLISH', async () => {
    const page = await browser.open(LESSON_PATH);
    const section = demoSection(page);
    await playToTheEnd(section);
    const resent = section.locator('.pv-arrow-button', { hasText: 'sent again' });
    await resent.focus();
    await page.keyboard.press('ArrowUp');
    const previous = await page.evaluate(() => document.activeElement?.querySelector('.pv-spoken')?.textContent);
    expect(previous).not.toMatch(/sent again/);
    await page.keyboard.press('ArrowDown');
    await expect(page.evaluate(() => document.activeElement?.querySelector('.pv-spoken')?.textContent)).resolves.toMatch(/sent again/);
    await page.keyboard.press('Enter');
    const details = section.locator('.pv-details');
    await expect(details.locator('h4').textContent()).resolves.toMatch(/sensor-1 to broker: PUBLISH/);
    // The first byte as the explanation describes it: 0x32, QoS 1, DUP = 0.
    const firstRange = details.locator('.pv-range').first();
    await expect(firstRange.textContent()).resolves.toBe('32');
    await expect(firstRange.getAttribute('aria-label')).resolves.toBe('byte 0: PUBLISH, QoS 1, not retained, not DUP');
    await firstRange.focus();
    await expect(details.locator('.pv-hex-caption').textContent()).resolves.toBe('byte 0: PUBLISH, QoS 1, not retained, not DUP');
    await expect(details.locator('.pv-payload pre').textContent()).resolves.toBe('door open');
  });

  it('Step runs one step at a time and Restart starts over with an empty packet view', async () => {
    const page = await browser.open(LESSON_PATH);
    const section = demoSection(page);
    await section.getByRole('button', { name: 'Play demo' }).click();
    await section.getByRole('button', { name: 'Pause' }).click();
    await section.locator('.demo-status', { hasText: 'Paused' }).waitFor({ timeout: 15_000 });
    const stepsDone = await section.locator('.demo-step--done').count();
    await section.getByRole('button', { name: 'Step' }).click();
    await section.locator('.demo-step--done').nth(stepsDone).waitFor({ timeout: 15_000 });
    await expect(section.locator('.demo-step--done').count()).resolves.toBe(stepsDone + 1);
    await section.getByRole('button', { name: 'Restart' }).click();
    await section.locator('.pv-empty').waitFor();
    await expect(section.locator('.demo-step--done').count()).resolves.toBe(0);
    await expect(section.getByRole('button', { name: 'Play' }).isEnabled()).resolves.toBe(true);
  });

  it('filters by client and by packet type', async () => {
    const page = await browser.open(LESSON_PATH);
    const section = demoSection(page);
    await playToTheEnd(section);
    await section.getByLabel('Filter by packet type').selectOption('pubrel');
    await expect(section.locator('.pv-arrow-button').count()).resolves.toBe(2);
    await section.getByLabel('Filter by packet type').selectOption('');
    await section.getByLabel('Filter by client').selectOption('phone');
    const labels = await section.locator('.pv-arrow-button .pv-spoken').allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.every((label) => /^(phone to broker|broker to phone):/.test(label))).toBe(true);
  });

  it('on a phone the lanes collapse to a list that says where each packet goes', async () => {
    const page = await browser.open(LESSON_PATH, PHONE);
    const section = demoSection(page);
    await playToTheEnd(section);
    await expect(section.locator('.pv-lane-heads').isVisible()).resolves.toBe(false);
    await expect(section.locator('.pv-route').first().isVisible()).resolves.toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious axe violations after playing, with a packet open (${colorScheme})`, async () => {
      const page = await browser.open(LESSON_PATH, { colorScheme });
      const section = demoSection(page);
      await playToTheEnd(section);
      await section.locator('.pv-arrow-button').last().click();
      await section.locator('.pv-details').waitFor();
      const violations = (await seriousViolations(page)).filter((violation) => violation.nodes.some((node) => node.target.some((target) => /demo|pv-/.test(target))));
      expect(violations).toEqual([]);
    });
  }
});
