/** Drives one exercise on the built lesson page the way a learner does, through the UI only. */
import type { Locator, Page } from 'playwright-core';

export const LESSON_PATH = '/modules/01-fundamentals/first-steps/';

export function exerciseSection(page: Page, id: string): Locator {
  return page.locator(`section[data-exercise="${id}"]`);
}

/** Presses "Open the editor" and waits until Monaco (the full editor) has replaced the plain one. */
export async function openEditor(section: Locator): Promise<void> {
  await section.getByRole('button', { name: 'Open the editor' }).click();
  await section.locator('[data-editor-state="ready"]').waitFor({ timeout: 20_000 });
}

/** Replaces the editor's content from the keyboard: select all, then type the text in. */
export async function typeCode(page: Page, section: Locator, code: string): Promise<void> {
  // Click near the first line: the middle of a long editor can lie under the page's sticky header.
  await section.locator('[data-exercise-editor] .monaco-editor .view-lines').click({ position: { x: 8, y: 8 } });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // One insertion, as an IME or a paste would: per-key typing would fight auto-closing brackets.
  await page.keyboard.insertText(code);
}

/** The editor's visible lines, top to bottom (Monaco renders only what is on screen). */
export async function visibleEditorText(section: Locator): Promise<string> {
  return section.evaluate((element) =>
    [...element.querySelectorAll<HTMLElement>('[data-exercise-editor] .view-line')]
      .map((line) => ({ top: Number.parseFloat(line.style.top), text: line.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((line) => line.text.replace(/\u00a0/g, ' '))
      .join('\n'),
  );
}

/** Clicks Run and resolves with the outcome status once the result panel shows one. */
export async function run(section: Locator): Promise<string> {
  await section.locator('button[data-action="run"]').click();
  const outcome = section.locator('[data-outcome]');
  await outcome.waitFor({ timeout: 15_000 });
  await section.locator('button[data-action="run"]:not([disabled])').waitFor({ timeout: 15_000 });
  return (await outcome.getAttribute('data-outcome')) ?? '';
}

export async function checkStates(section: Locator): Promise<Record<string, boolean>> {
  return section.locator('[data-check]').evaluateAll((items) =>
    Object.fromEntries(items.map((item) => [item.getAttribute('data-check') ?? '', item.getAttribute('data-pass') === 'true'])),
  );
}

/** The plain editor (a textarea) the exercise opens with, before Monaco replaces it. */
export function plainEditor(section: Locator): Locator {
  return section.locator('[data-exercise-editor] textarea[data-plain-editor]');
}
