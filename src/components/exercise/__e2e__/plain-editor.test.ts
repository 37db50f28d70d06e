import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../../../../test-support/axe';
import { PHONE, useBrowser } from '../../../../test-support/e2e-browser';
import { checkStates, exerciseSection, LESSON_PATH, plainEditor, run, visibleEditorText } from './exercise-page';

const FIRST = '01-fundamentals/first-connection';
const solution = readFileSync(new URL(`../../../../exercises/${FIRST}/solution.ts`, import.meta.url), 'utf8');
/** Monaco's API chunk: holding or failing it keeps the exercise on its plain editor. */
const MONACO = '**/editor.api.*.js';

const savedCode = (page: Page): Promise<string | undefined> =>
  page.evaluate((id) => {
    const saved = localStorage.getItem(`mqtt-lab:exercise:${id}:code`);
    return saved === null ? undefined : (JSON.parse(saved) as { code: string }).code;
  }, FIRST);

describe('the plain editor an exercise opens with (Chromium, built site)', () => {
  const browser = useBrowser();

  it('without Monaco the exercise still works: type, Tab indents, Esc then Tab leaves, Run grades', async () => {
    const page = await browser.open(LESSON_PATH);
    await page.route(MONACO, (route) => route.abort());
    const section = exerciseSection(page, FIRST);
    await section.getByRole('button', { name: 'Open the editor' }).click();
    const textarea = plainEditor(section);
    await textarea.waitFor();
    await expect(textarea.evaluate((element) => document.activeElement === element)).resolves.toBe(true);
    await expect(textarea.getAttribute('aria-label')).resolves.toBe('Code editor: Your first connection');

    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('if (true) {');
    await page.keyboard.press('Enter');
    await expect(textarea.inputValue()).resolves.toBe('if (true) {\n  ');
    await page.keyboard.press('Tab');
    await expect(textarea.inputValue()).resolves.toBe('if (true) {\n    ');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await expect(textarea.evaluate((element) => document.activeElement === element)).resolves.toBe(false);

    await textarea.focus();
    await page.keyboard.press('Control+M');
    await expect(section.locator('.exercise__keyboard-hint').textContent()).resolves.toContain('Tab moves focus');
    await page.keyboard.press('Tab');
    await expect(textarea.evaluate((element) => document.activeElement === element)).resolves.toBe(false);

    await section.locator('[data-editor-state="plain-only"]').waitFor({ timeout: 20_000 });
    await expect(section.locator('.exercise__notice').textContent()).resolves.toMatch(/full editor could not be loaded/);
    await textarea.fill(solution);
    expect(await run(section)).toBe('completed');
    expect(Object.values(await checkStates(section)).every(Boolean)).toBe(true);
    await page.waitForFunction((id) => localStorage.getItem(`mqtt-lab:exercise:${id}:code`)?.includes('connectAsync'), FIRST);
  });

  it('Monaco replaces it in place: the code typed meanwhile, the caret and the focus carry over', async () => {
    const page = await browser.open(LESSON_PATH);
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(MONACO, async (route) => {
      await released;
      await route.continue();
    });
    const section = exerciseSection(page, FIRST);
    await section.getByRole('button', { name: 'Open the editor' }).click();
    const textarea = plainEditor(section);
    await textarea.waitFor();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('const before = 1;\nconst after = 2;\n');
    // The caret goes to the end of the first line: the next keys after the swap must land there.
    await textarea.evaluate((element: HTMLTextAreaElement) => element.setSelectionRange(17, 17));
    await section.locator('[data-editor-state="upgrading"]').waitFor({ timeout: 20_000 });
    release();
    await section.locator('[data-editor-state="ready"]').waitFor({ timeout: 20_000 });
    await expect(textarea.count()).resolves.toBe(0);
    await expect(page.evaluate(() => Boolean(document.activeElement?.closest('.monaco-editor')))).resolves.toBe(true);
    await page.keyboard.insertText(' // here');
    await expect(visibleEditorText(section)).resolves.toContain('const before = 1; // here\nconst after = 2;');
    await expect.poll(() => savedCode(page)).toBe('const before = 1; // here\nconst after = 2;\n');
  });

  it('axe: no serious or critical violations on the plain editor (light, dark phone)', async () => {
    for (const options of [{}, { ...PHONE, colorScheme: 'dark' as const }]) {
      const page = await browser.open(LESSON_PATH, options);
      await page.route(MONACO, (route) => route.abort());
      const section = exerciseSection(page, FIRST);
      await section.getByRole('button', { name: 'Open the editor' }).click();
      await section.locator('[data-editor-state="plain-only"]').waitFor({ timeout: 20_000 });
      const violations = await seriousViolations(page);
      expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  });
});
