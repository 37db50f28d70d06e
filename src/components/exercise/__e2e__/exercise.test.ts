import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../../../../test-support/axe';
import { PHONE, useBrowser } from '../../../../test-support/e2e-browser';
import { checkStates, exerciseSection, LESSON_PATH, openEditor, run, typeCode, visibleEditorText } from './exercise-page';

const FIRST = '01-fundamentals/first-connection';
const solution = readFileSync(new URL(`../../../../exercises/${FIRST}/solution.ts`, import.meta.url), 'utf8');
/** The solution without its last line: it never sends DISCONNECT. */
const withoutDisconnect = solution.replace('await client.endAsync();', '');

describe('<Exercise> on the lesson page (Chromium, built site)', () => {
  const browser = useBrowser();

  it('renders prompt, starter code and hints without loading the editor', async () => {
    const page = await browser.open(LESSON_PATH);
    const section = exerciseSection(page, FIRST);
    await expect(section.getByRole('heading', { name: 'Your first connection' }).count()).resolves.toBe(1);
    await expect(section.locator('[data-exercise-workspace] pre').textContent()).resolves.toContain("import mqtt from 'mqtt'");
    await expect(section.locator('details summary').first().textContent()).resolves.toMatch(/^Hint 1 of 3/);
    const monacoLoaded = await page.evaluate(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('editor.api')));
    expect(monacoLoaded).toBe(false);
  });

  it('a correct solution typed into the editor passes every check', async () => {
    const page = await browser.open(LESSON_PATH);
    const section = exerciseSection(page, FIRST);
    await openEditor(section);
    await typeCode(page, section, solution);
    expect(await run(section)).toBe('completed');
    const states = await checkStates(section);
    expect(Object.keys(states)).toHaveLength(6);
    expect(Object.values(states).every(Boolean)).toBe(true);
    await expect(section.locator('.exercise__console').textContent()).resolves.toContain('received on lab/hello: hello, MQTT');
  });

  it('type errors are listed with their line, and the reference solution type-checks clean', async () => {
    const page = await browser.open(LESSON_PATH);
    const section = exerciseSection(page, FIRST);
    await openEditor(section);
    await typeCode(page, section, "import mqtt from 'mqtt';\nconst port: number = 'not a number';\nconsole.log(port, mqtt);\n");
    const problems = section.locator('.exercise__problems');
    // The language service loads after the editor is usable: wait for its first verdict.
    await expect.poll(() => problems.textContent(), { timeout: 30_000 }).toMatch(/Line 2.*not assignable to type 'number'/);
    await typeCode(page, section, solution);
    await expect.poll(async () => ((await problems.count()) === 0 ? '' : await problems.textContent()), { timeout: 15_000 }).toBe('');
  });

  it('3.1.1 §3.14: a solution that never sends DISCONNECT fails exactly that check, with expected and seen', async () => {
    const page = await browser.open(LESSON_PATH);
    const section = exerciseSection(page, FIRST);
    await openEditor(section);
    await typeCode(page, section, withoutDisconnect);
    await run(section);
    const states = await checkStates(section);
    expect(Object.entries(states).filter(([, pass]) => !pass).map(([id]) => id)).toEqual(['disconnected-cleanly']);
    const failed = section.locator('[data-check="disconnected-cleanly"]');
    await expect(failed.locator('dt').allTextContents()).resolves.toEqual(expect.arrayContaining(['Expected', 'Seen']));
  });

  it('an infinite loop is stopped within 2 s and the page stays responsive', async () => {
    const page = await browser.open(LESSON_PATH);
    const section = exerciseSection(page, FIRST);
    await openEditor(section);
    await typeCode(page, section, 'while (true) {}\n');
    // The island starts the sandbox once the editor is usable; the figure is the loop's, not start-up's.
    await section.locator('[data-sandbox="ready"]').waitFor({ timeout: 10_000 });
    const started = Date.now();
    await section.locator('button[data-action="run"]').click();
    // While the loop spins in its worker, the page still answers: Reset asks for confirmation.
    await section.locator('button[data-action="reset"]').click();
    await section.getByRole('button', { name: 'Keep my code' }).waitFor({ timeout: 1000 });
    await section.locator('[data-outcome="timed-out"]').waitFor({ timeout: 5000 });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(2500);
    await expect(section.locator('[data-outcome]').textContent()).resolves.toMatch(/infinite loop/);
  });

  it('a runtime error is marked on the learner\'s line', async () => {
    const page = await browser.open(LESSON_PATH);
    const section = exerciseSection(page, FIRST);
    await openEditor(section);
    await typeCode(page, section, "const x = 1;\n\nthrow new Error('boom');\n");
    expect(await run(section)).toBe('threw');
    await expect(section.locator('[data-outcome]').textContent()).resolves.toMatch(/boom.*line 3/s);
    await section.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 5000 });
  });

  it('the code survives a reload', async () => {
    const page = await browser.open(LESSON_PATH);
    const section = exerciseSection(page, FIRST);
    await openEditor(section);
    await typeCode(page, section, "// kept across reloads\nconsole.log('still here');\n");
    // The save is debounced: wait until it is in storage.
    await page.waitForFunction((id) => localStorage.getItem(`mqtt-lab:exercise:${id}:code`)?.includes('kept across reloads'), FIRST);
    await page.reload({ waitUntil: 'load' });
    const reloaded = exerciseSection(page, FIRST);
    await expect(reloaded.locator('[data-exercise-saved-note]').isVisible()).resolves.toBe(true);
    await openEditor(reloaded);
    await expect(visibleEditorText(reloaded)).resolves.toContain('// kept across reloads');
  });

  it('a corrupt saved value shows a notice and the starter code instead of failing', async () => {
    const page = await browser.open(LESSON_PATH);
    await page.evaluate((id) => localStorage.setItem(`mqtt-lab:exercise:${id}:code`, '{not json'), FIRST);
    await page.reload({ waitUntil: 'load' });
    const section = exerciseSection(page, FIRST);
    await openEditor(section);
    await expect(section.locator('.exercise__notice').textContent()).resolves.toMatch(/could not be read/);
    await expect(visibleEditorText(section)).resolves.toContain("import mqtt from 'mqtt'");
  });

  it('keyboard: Esc then Tab leaves the editor; Ctrl+M makes Tab move focus', async () => {
    const page = await browser.open(LESSON_PATH);
    const section = exerciseSection(page, FIRST);
    await openEditor(section);
    const inEditor = () => page.evaluate(() => Boolean(document.activeElement?.closest('.monaco-editor')));
    expect(await inEditor()).toBe(true);
    await page.keyboard.press('Tab'); // indents: focus stays
    expect(await inEditor()).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await inEditor()).toBe(false);

    await section.locator('[data-exercise-editor] .view-lines').click();
    await page.keyboard.press('Control+M');
    await expect(section.locator('.exercise__keyboard-hint').textContent()).resolves.toContain('Tab moves focus');
    await page.keyboard.press('Tab');
    expect(await inEditor()).toBe(false);
  });

  it('hints are revealed one at a time; the solution needs a confirmation and leaves the code alone', async () => {
    const page = await browser.open(LESSON_PATH);
    const section = exerciseSection(page, FIRST);
    await openEditor(section);
    await section.getByRole('button', { name: 'Show hint 1 of 3' }).click();
    await expect(section.locator('.exercise__hint').count()).resolves.toBe(1);
    await section.getByRole('button', { name: 'Show hint 2 of 3' }).waitFor();
    await section.getByRole('button', { name: /Compare with the reference solution/ }).click();
    await section.getByRole('button', { name: 'Yes, show the solution' }).click();
    await section.locator('[data-solution-diff] .monaco-diff-editor').waitFor({ timeout: 10_000 });
    await expect(visibleEditorText(section)).resolves.toContain('TODO 1');
  });

  const readable = (violations: Awaited<ReturnType<typeof seriousViolations>>) =>
    violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);

  it('axe: no serious or critical violations with the editor open (light, dark, phone)', async () => {
    for (const options of [{}, { colorScheme: 'dark' as const }, PHONE]) {
      const page = await browser.open(LESSON_PATH, options);
      const section = exerciseSection(page, FIRST);
      await openEditor(section);
      await typeCode(page, section, withoutDisconnect);
      await section.getByRole('button', { name: 'Show hint 1 of 3' }).click();
      expect(readable(await seriousViolations(page))).toEqual([]);
    }
  });

  it('axe: no serious or critical violations with a graded run and its packet view (light, dark)', async () => {
    for (const options of [{}, { colorScheme: 'dark' as const }]) {
      const page = await browser.open(LESSON_PATH, options);
      const section = exerciseSection(page, FIRST);
      await openEditor(section);
      await typeCode(page, section, withoutDisconnect);
      await run(section);
      expect(readable(await seriousViolations(page))).toEqual([]);
    }
  });
});
