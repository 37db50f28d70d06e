/**
 * MQTT-SN datagrams in the packet view, on the built MQTT-SN lesson in Chromium: the sleeping-client
 * demo played against the broker worker's gateway; a gateway lane; the datagram's details with its
 * bytes annotated (MQTT-SN v1.2 §5.4); keyboard, phone width, and no serious axe issue in either theme.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../../../../test-support/axe';
import { PHONE, useBrowser } from '../../../../test-support/e2e-browser';

const LESSON_PATH = '/modules/08-constrained-environments/mqtt-sn/';
const DEMO = '08-constrained-environments/mqtt-sn-sleeping-client';

const demoSection = (page: Page): Locator => page.locator(`section[data-demo="${DEMO}"]`);

async function playToTheEnd(section: Locator): Promise<void> {
  await section.getByRole('button', { name: 'Play demo' }).click();
  await section.locator('.demo-status', { hasText: 'Finished' }).waitFor({ timeout: 30_000 });
}

describe('MQTT-SN in the packet view (Chromium, built site)', () => {
  const browser = useBrowser();

  it('draws a gateway lane; the wake-up PINGREQ opens with its ClientId annotated byte by byte', async () => {
    const page = await browser.open(LESSON_PATH);
    const section = demoSection(page);
    await playToTheEnd(section);
    await expect(section.locator('.pv-lane-head').allTextContents()).resolves.toEqual(['broker', 'operator', 'sensor-12', 'MQTT-SN gateway', 'sensor-12 (MQTT-SN)']);
    const labels = await section.locator('.pv-sn .pv-spoken').allTextContents();
    expect(labels).toContain('sensor-12 (MQTT-SN) to gateway: MQTT-SN DISCONNECT, sleep 300 s');
    const wake = section.locator('.pv-sn .pv-arrow-button', { hasText: 'client id sensor-12 (waking)' });
    await wake.focus();
    await page.keyboard.press('Enter');
    const details = section.locator('.pv-details');
    await expect(details.locator('h4').textContent()).resolves.toMatch(/sensor-12 \(MQTT-SN\) to gateway: MQTT-SN PINGREQ/);
    await expect(details.locator('.pv-details-meta').textContent()).resolves.toMatch(/MQTT-SN 1\.2 · 11 bytes/);
    const ranges = details.locator('.pv-range');
    await expect(ranges.nth(0).getAttribute('aria-label')).resolves.toBe('byte 0: Length: 11 octets, the whole message including this octet');
    await expect(ranges.nth(1).getAttribute('aria-label')).resolves.toBe('byte 1: MsgType 0x16: PINGREQ');
    await ranges.nth(2).focus();
    await expect(details.locator('.pv-hex-caption').textContent()).resolves.toBe('bytes 2–10: ClientId (a sleeping client waking up, §6.14): sensor-12');
  });

  it('filters by MQTT-SN message type', async () => {
    const page = await browser.open(LESSON_PATH);
    const section = demoSection(page);
    await playToTheEnd(section);
    await section.getByLabel('Filter by packet type').selectOption('sn:publish');
    const labels = await section.locator('.pv-arrow-button .pv-spoken').allTextContents();
    expect(labels).toHaveLength(2);
    expect(labels.every((label) => label.startsWith('gateway to sensor-12 (MQTT-SN): MQTT-SN PUBLISH, QoS 1, topic id 1'))).toBe(true);
  });

  it('on a phone the route says "gateway" for datagrams, and nothing overflows', async () => {
    const page = await browser.open(LESSON_PATH, PHONE);
    const section = demoSection(page);
    await playToTheEnd(section);
    await expect(section.locator('.pv-sn .pv-route').first().textContent()).resolves.toBe('sensor-12 (MQTT-SN) → gateway');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious axe violations with an MQTT-SN datagram open (${colorScheme})`, async () => {
      const page = await browser.open(LESSON_PATH, { colorScheme });
      const section = demoSection(page);
      await playToTheEnd(section);
      await section.locator('.pv-sn .pv-arrow-button').last().click();
      await section.locator('.pv-details').waitFor();
      const violations = (await seriousViolations(page)).filter((violation) => violation.nodes.some((node) => node.target.some((target) => /demo|pv-/.test(target))));
      expect(violations).toEqual([]);
    });
  }
});
