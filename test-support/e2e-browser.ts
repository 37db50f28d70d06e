import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchChromium } from './chromium';

/**
 * One Chromium per e2e test file; each `openPage` gets a fresh context (no shared storage),
 * optionally phone-sized or in a colour scheme. Page errors fail loudly instead of passing unseen.
 */
export interface PageOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  isMobile?: boolean;
}

export function useBrowser(): { open(path: string, options?: PageOptions): Promise<Page>; siteUrl: () => string } {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
  });
  const siteUrl = () => inject('siteUrl');
  return {
    siteUrl,
    async open(path, options = {}) {
      const context = await browser.newContext({
        viewport: options.viewport ?? { width: 1280, height: 900 },
        colorScheme: options.colorScheme ?? 'light',
        isMobile: options.isMobile ?? false,
        hasTouch: options.isMobile ?? false,
      });
      contexts.push(context);
      context.setDefaultTimeout(5_000);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(new URL(path, siteUrl()).href, { waitUntil: 'load' });
      if (errors.length > 0) throw new Error(`${path} threw in the browser: ${errors.join('; ')}`);
      return page;
    },
  };
}

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true } as const;
