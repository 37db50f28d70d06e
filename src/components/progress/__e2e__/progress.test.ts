import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../../../../test-support/axe';
import { PHONE, useBrowser } from '../../../../test-support/e2e-browser';
import { exerciseSection, LESSON_PATH, openEditor, run, typeCode } from '../../exercise/__e2e__/exercise-page';

/**
 * The learner's progress end to end on the built site: quiz answers and exercise results reach
 * the dashboard, survive a reload, and come back from an export after a reset.
 */

const QUIZ = '/modules/01-fundamentals/quiz/';
const question = (page: Page, id: string) => page.locator(`#quiz-01-fundamentals-${id}`);

async function check(page: Page, id: string): Promise<string> {
  await question(page, id).getByRole('button', { name: 'Check my answer' }).click();
  return (await question(page, id).locator('.quiz-feedback').innerText()).trim();
}

/** Solves an exercise the way a learner does: on its lesson, typed into the editor, Run. */
async function solveExercise(page: Page, id: string): Promise<void> {
  const section = exerciseSection(page, id);
  await section.scrollIntoViewIfNeeded();
  await openEditor(section);
  await typeCode(page, section, await readFile(`exercises/${id}/solution.ts`, 'utf8'));
  expect(await run(section)).toBe('completed');
}

async function dashboardState(page: Page) {
  await page.locator('.progress-dashboard[data-ready="true"]').waitFor();
  const row = page.locator('tr[data-module="01-fundamentals"]');
  return {
    quiz: (await row.locator('[data-cell="quiz"]').innerText()).trim(),
    exercises: (await row.locator('[data-cell="exercises"]').innerText()).trim(),
    beginner: await page.locator('li[data-level="beginner"]').getAttribute('data-earned'),
    b4: await page.locator('[data-criterion="B4"] .progress-criterion__state').innerText(),
    sidebarMark: await page.locator('#starlight__sidebar a[href="/modules/01-fundamentals/first-steps/"] .progress-mark').count(),
  };
}

describe('progress, quizzes and levels (Chromium, built site)', () => {
  const browser = useBrowser();

  it('the quiz is in the server-rendered HTML, readable without JavaScript', async () => {
    const page = await browser.open('/404.html');
    const html = await (await page.request.get(new URL(QUIZ, browser.siteUrl()).href)).text();
    expect(html).toContain('Which packet must it send first?');
    expect(html).toMatch(/<input[^>]*type="radio"/);
    expect(html).toContain('Move PUBREC up');
  });

  it('a learner answers quiz questions, records exercises, and the dashboard follows through reload, export, reset and import', async () => {
    const page = await browser.open(QUIZ);
    await page.locator('.quiz[data-hydrated="true"]').waitFor();

    await question(page, 'first-packet').getByLabel('CONNECT', { exact: true }).check();
    const feedback = await check(page, 'first-packet');
    expect(feedback).toMatch(/^✓ Right\./);
    expect(feedback).toContain('3.1.1 [MQTT-3.1.0-1]');

    // Ordering by keyboard alone: focus a move button and press Enter until the order is right.
    const ordering = question(page, 'qos2-handshake');
    const target = ['PUBLISH', 'PUBREC', 'PUBREL', 'PUBCOMP'];
    for (let position = 0; position < target.length; position++) {
      for (;;) {
        const order = await ordering.locator('.quiz-ordering__item').allInnerTexts();
        const at = order.indexOf(target[position]!);
        if (at === position) break;
        await ordering.getByRole('button', { name: `Move ${target[position]} up` }).focus();
        await page.keyboard.press('Enter');
      }
    }
    expect(await check(page, 'qos2-handshake')).toMatch(/^✓ Right\./);

    const wildcard = question(page, 'single-level-wildcard');
    await wildcard.getByLabel('home/kitchen/temperature', { exact: true }).check();
    await wildcard.getByLabel('home/garage/temperature', { exact: true }).check();
    expect(await check(page, 'single-level-wildcard')).toMatch(/^✓ Right\./);

    await question(page, 'protocol-level').getByLabel('Your answer').fill(' 0x04 ');
    expect(await check(page, 'protocol-level')).toMatch(/^✓ Right\./);

    await question(page, 'qos-for-frequent-readings').getByLabel(/^QoS 2/).check();
    const wrong = await check(page, 'qos-for-frequent-readings');
    expect(wrong).toMatch(/^✗ Not quite\. The answer: QoS 0/);
    expect(await page.locator('.quiz-score').innerText()).toMatch(/answered 5 of \d+ questions; 4 right/);

    const dashboard = await page.context().newPage();
    await dashboard.goto(new URL('/dashboard/', browser.siteUrl()).href);
    let state = await dashboardState(dashboard);
    expect(state.quiz).toMatch(/^4 of \d+ right$/);
    expect(state.beginner).toBe('false');

    // Two exercises passed in the lesson, which the learner also reads to its end.
    const lesson = await page.context().newPage();
    await lesson.goto(new URL(LESSON_PATH, browser.siteUrl()).href);
    await solveExercise(lesson, '01-fundamentals/first-connection');
    await solveExercise(lesson, '01-fundamentals/qos-at-a-glance');
    await lesson.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect.poll(async () => (await dashboardState(dashboard)).exercises).toMatch(/^2 of \d+$/);
    state = await dashboardState(dashboard);
    expect(state.b4).toBe('met');
    expect(state.beginner).toBe('true');

    await dashboard.getByLabel('Your name, as printed on your certificates').fill('Ada Lovelace');
    await dashboard.getByRole('button', { name: 'Save name' }).click();

    expect((await dashboardState(dashboard)).sidebarMark).toBe(1);
    await dashboard.reload();
    const afterReload = await dashboardState(dashboard);
    expect(afterReload).toEqual(state);
    expect(afterReload.sidebarMark).toBe(1);

    const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByRole('button', { name: 'Export progress' }).click()]);
    const exported = await readFile((await download.path())!, 'utf8');
    expect(JSON.parse(exported)).toMatchObject({ format: 'mqtt-lab-progress', progress: { version: 2, learner: { name: 'Ada Lovelace' } } });

    await dashboard.getByRole('button', { name: 'Reset progress…' }).click();
    await dashboard.getByRole('button', { name: 'Yes, delete my progress' }).click();
    const reset = await dashboardState(dashboard);
    expect(reset).toMatchObject({ quiz: expect.stringMatching(/^0 of/), exercises: expect.stringMatching(/^0 of/), beginner: 'false', sidebarMark: 0 });

    await dashboard.locator('input[type="file"]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"mqtt-lab-progress","progress":{"version":2}}') });
    expect(await dashboard.getByRole('alert').filter({ hasText: 'bad.json' }).innerText()).toMatch(/damaged, nothing was imported: progress\.epoch: expected object/);

    await dashboard.locator('input[type="file"]').setInputFiles({ name: 'export.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await expect.poll(() => dashboard.getByRole('status').filter({ hasText: 'Imported export.json' }).count()).toBe(1);
    expect(await dashboardState(dashboard)).toEqual(state);

    const certificate = await page.context().newPage();
    await certificate.goto(new URL('/certificate/beginner/', browser.siteUrl()).href);
    const article = certificate.getByRole('article', { name: 'Beginner certificate' });
    expect(await article.innerText()).toMatch(/Ada Lovelace[\s\S]*Beginner[\s\S]*B4[\s\S]*Earned on 20\d\d-\d\d-\d\d/);
    await certificate.goto(new URL('/certificate/advanced/', browser.siteUrl()).href);
    expect(await certificate.locator('[data-earned="false"]').innerText()).toMatch(/Not yet earned[\s\S]*A1/);
  });

  it('a second tab sees quiz answers from the first through the storage event', async () => {
    const dashboard = await browser.open('/dashboard/');
    await dashboardState(dashboard);
    const quiz = await dashboard.context().newPage();
    await quiz.goto(new URL(QUIZ, browser.siteUrl()).href);
    await quiz.locator('.quiz[data-hydrated="true"]').waitFor();
    await question(quiz, 'first-packet').getByLabel('CONNECT', { exact: true }).check();
    await check(quiz, 'first-packet');
    await expect.poll(async () => (await dashboardState(dashboard)).quiz).toMatch(/^1 of/);
  });

  it('predict, then observe: after the prediction, the demo runs on the in-page broker and the packet view shows the retained PUBLISH', async () => {
    const page = await browser.open(QUIZ);
    await page.locator('.quiz[data-hydrated="true"]').waitFor();
    const predict = question(page, 'retained-for-late-subscriber');
    await predict.getByLabel(/^Yes/).check();
    await predict.getByRole('button', { name: 'Lock in my prediction' }).click();
    expect(await predict.locator('.quiz-feedback').innerText()).toMatch(/^✓ Right\.[\s\S]*3\.1\.1 \[MQTT-3\.3\.1-6\]/);
    await predict.getByRole('button', { name: 'Run it on the in-page broker' }).click();
    await predict.locator('.quiz-observed[data-status="finished"]').waitFor({ timeout: 20_000 });
    const view = await predict.locator('.packet-view').innerText();
    expect(view).toMatch(/PUBLISH/);
    expect(view).toMatch(/dashboard/);
  });

  it.each([
    ['dashboard', 'light', '/dashboard/', '.progress-dashboard[data-ready="true"]'],
    ['dashboard', 'dark', '/dashboard/', '.progress-dashboard[data-ready="true"]'],
    ['beginner assessment', 'light', '/assessment/beginner/', '.progress-level[data-ready="true"]'],
    ['beginner assessment', 'dark', '/assessment/beginner/', '.progress-level[data-ready="true"]'],
    ['certificate', 'light', '/certificate/beginner/', '[data-earned]'],
  ] as const)('%s page has no serious axe violations (%s)', async (_name, colorScheme, path, ready) => {
    const page = await browser.open(path, { colorScheme });
    // Checked once the island has filled in the learner's status (a busy CI machine can take seconds).
    await page.locator(ready).waitFor({ timeout: 15_000 });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the quiz with feedback shown has no serious axe violations, in dark mode on a phone', async () => {
    const page = await browser.open(QUIZ, { ...PHONE, colorScheme: 'dark' });
    // The quiz hydrates when it scrolls into view; on a phone it starts below the fold.
    await page.locator('.quiz').first().scrollIntoViewIfNeeded();
    await page.locator('.quiz[data-hydrated="true"]').waitFor();
    await question(page, 'first-packet').getByLabel('SUBSCRIBE', { exact: true }).check();
    await check(page, 'first-packet');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
