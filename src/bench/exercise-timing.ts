/**
 * Exercise figures on the built site (run `astro build` first; `npm run bench` does), all JS
 * beyond the lesson page, gzip, counting every script the page and its workers fetch once:
 * - interactive: what loads from "Open the editor" until the exercise is usable — the island with
 *   its plain editor, the sandbox warmed (broker worker, learner worker, the exercise's checks) —
 *   plus what the first Run fetches (scenario, progress store). Split from what follows by the
 *   island's User Timing mark taken right before Monaco is requested, compared with each
 *   request's start time in Chromium's network stack (budget: 400 KB);
 * - full editor: Monaco and its editor glue, requested after that mark;
 * - language service: the TypeScript worker and its Monaco mode, started once Monaco is usable;
 * - Run → verdict: time from pressing Run to the graded result on screen, over RUNS runs of the
 *   reference solution of a simple exercise in the full editor, median and p95 (goal: median <= 150 ms).
 * Figures, not a pass/fail test: the machine is noisy.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page, Request } from 'playwright-core';
import { launchChromium } from '../../test-support/chromium.ts';
import { startPreview } from '../../test-support/preview-server.ts';
import { FULL_EDITOR_READY_MARK, FULL_EDITOR_REQUESTED_MARK, INTERACTIVE_MARK } from '../components/exercise/exercise-marks.ts';

const LESSON = '/modules/01-fundamentals/first-steps/';
const EXERCISE = '01-fundamentals/first-connection';
const RUNS = 20;
export const INTERACTIVE_BUDGET_GZIP = 400 * 1024;
export const VERDICT_GOAL_MS = 150;

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

export type Part = 'interactive' | 'full editor' | 'language service';
const PARTS: Part[] = ['interactive', 'full editor', 'language service'];

interface Script {
  file: string;
  gzip: number;
  /** Epoch ms at which Chromium started the request. */
  startedAt: number;
  duringFirstRun: boolean;
}

export interface ExerciseFigures {
  gzipByPart: Record<Part, number>;
  filesByPart: Record<Part, { file: string; gzip: number }[]>;
  /** ms from pressing "Open the editor" until the exercise was interactive, and until Monaco replaced the plain editor. */
  msToInteractive: number;
  msToFullEditor: number;
  /** Monaco chunks requested before the plain editor's mark: would make the interactive figure a lie. */
  monacoCountedAsInteractive: string[];
  verdictMs: { median: number; p95: number; runs: number };
}

/** What a script is for: the language service by name (it starts after Monaco), the rest by when it was requested. */
function partOf(script: Script, fullEditorRequestedAt: number): Part {
  if (/^(tsMode|ts\.worker)/.test(script.file)) return 'language service';
  if (script.startedAt < fullEditorRequestedAt || script.duringFirstRun) return 'interactive';
  return 'full editor';
}

/** A User Timing mark of the page as epoch ms, comparable with request start times. */
async function markAt(page: Page, name: string): Promise<number> {
  const at = await page.evaluate((mark) => {
    const entry = performance.getEntriesByName(mark, 'mark')[0];
    return entry ? performance.timeOrigin + entry.startTime : undefined;
  }, name);
  if (at === undefined) throw new Error(`the page never marked ${name}`);
  return at;
}

/** Clicks Run and resolves with the ms until the graded result is on screen. */
async function timedRun(page: Page): Promise<number> {
  const section = page.locator(`section[data-exercise="${EXERCISE}"]`);
  const ms = await section.evaluate(async (element) => {
    const island = element.querySelector<HTMLElement>('[data-finished-runs]');
    const button = element.querySelector<HTMLButtonElement>('button[data-action="run"]');
    if (!island || !button) throw new Error('exercise island not found');
    const before = Number(island.dataset['finishedRuns']);
    const started = performance.now();
    button.click();
    await new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if (Number(island.dataset['finishedRuns']) > before) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(island, { attributes: true, attributeFilter: ['data-finished-runs'] });
    });
    return performance.now() - started;
  });
  if ((await section.locator('[data-check][data-pass="false"]').count()) > 0) {
    throw new Error('the reference solution failed a check: the timing would not be of a graded pass');
  }
  return ms;
}

export async function measureExercise(): Promise<ExerciseFigures> {
  const server = await startPreview();
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    let counting = false;
    let firstRun = false;
    const seen = new Set<string>();
    const scripts: Promise<Script>[] = [];
    // Context-wide, so scripts fetched by workers count as well as the page's own.
    context.on('requestfinished', (request: Request) => {
      const url = request.url();
      if (!url.endsWith('.js') && request.resourceType() !== 'script') return;
      if (!counting || seen.has(url)) return;
      seen.add(url);
      const duringFirstRun = firstRun;
      scripts.push(
        (async () => {
          const body = (await (await request.response())?.body()) ?? Buffer.alloc(0);
          return { file: url.split('/').pop() ?? url, gzip: gzipSync(body).length, startedAt: request.timing().startTime, duringFirstRun };
        })(),
      );
    });

    await page.goto(server.url + LESSON, { waitUntil: 'networkidle' });
    const section = page.locator(`section[data-exercise="${EXERCISE}"]`);
    counting = true;
    const openedAt = Date.now();
    await section.getByRole('button', { name: 'Open the editor' }).click();
    await section.locator('[data-sandbox="ready"]').waitFor({ timeout: 30_000 });
    await section.locator('[data-editor-state="ready"]').waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(2000); // the language service starts on idle
    await page.waitForLoadState('networkidle');

    await section.locator('[data-exercise-editor] .view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(readFileSync(new URL(`../../exercises/${EXERCISE}/solution.ts`, import.meta.url), 'utf8'));
    // The first Run fetches what only a run needs: counted as interactive, and not timed.
    firstRun = true;
    await timedRun(page);
    await page.waitForLoadState('networkidle');
    firstRun = false;
    counting = false;

    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) times.push(await timedRun(page));
    times.sort((a, b) => a - b);

    const fullEditorRequestedAt = await markAt(page, FULL_EDITOR_REQUESTED_MARK);
    const loaded = await Promise.all(scripts);
    const gzipByPart: Record<Part, number> = { interactive: 0, 'full editor': 0, 'language service': 0 };
    const filesByPart: ExerciseFigures['filesByPart'] = { interactive: [], 'full editor': [], 'language service': [] };
    for (const script of loaded) {
      const part = partOf(script, fullEditorRequestedAt);
      gzipByPart[part] += script.gzip;
      filesByPart[part].push({ file: script.file, gzip: script.gzip });
    }
    const figures: ExerciseFigures = {
      gzipByPart,
      filesByPart,
      msToInteractive: (await markAt(page, INTERACTIVE_MARK)) - openedAt,
      msToFullEditor: (await markAt(page, FULL_EDITOR_READY_MARK)) - openedAt,
      monacoCountedAsInteractive: loaded
        .filter((script) => partOf(script, fullEditorRequestedAt) === 'interactive' && /^(editor\.api|code-editor-setup|monaco-editor)/.test(script.file))
        .map((script) => script.file),
      verdictMs: { median: percentile(times, 50), p95: percentile(times, 95), runs: times.length },
    };
    await context.close();
    return figures;
  } finally {
    await browser.close();
    server.stop();
  }
}

export function printExerciseFigures(figures: ExerciseFigures): void {
  const { gzipByPart: parts } = figures;
  console.log(`\nExercise ${EXERCISE} on ${LESSON}: JavaScript beyond the lesson page, gzip, after "Open the editor":`);
  console.table(
    Object.fromEntries(
      PARTS.map((part) => [part, { gzip: kb(parts[part]), files: figures.filesByPart[part].length, largest: largest(figures.filesByPart[part]) }]),
    ),
  );
  const within = parts.interactive <= INTERACTIVE_BUDGET_GZIP ? 'within' : 'OVER';
  console.log(
    `Interactive (plain editor, sandbox warmed, first Run: edit, Run, verdict): ${kb(parts.interactive)} — ${within} the ${kb(INTERACTIVE_BUDGET_GZIP)} budget; ` +
      `${figures.msToInteractive.toFixed(0)} ms after "Open the editor" on localhost.`,
  );
  console.log(
    `Full editor (Monaco, replaces the plain editor in place once the sandbox is ready): ${kb(parts['full editor'])} more; ` +
      `interactive + full editor ${kb(parts.interactive + parts['full editor'])}; ready ${figures.msToFullEditor.toFixed(0)} ms after "Open the editor".`,
  );
  console.log(`TypeScript language service (completion, type errors; starts after the full editor): ${kb(parts['language service'])}.`);
  if (figures.monacoCountedAsInteractive.length > 0) {
    console.log(`WARNING: Monaco was requested before the exercise was interactive: ${figures.monacoCountedAsInteractive.join(', ')}.`);
  }
  const { median, p95, runs } = figures.verdictMs;
  console.log(
    `Run → verdict (full editor) over ${runs} runs: median ${median.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms — ` +
      `goal median <= ${VERDICT_GOAL_MS} ms: ${median <= VERDICT_GOAL_MS ? 'met' : 'NOT met'}.`,
  );
}

/** The three largest files of a part, for the table. */
function largest(files: { file: string; gzip: number }[]): string {
  return [...files].sort((a, b) => b.gzip - a.gzip).slice(0, 3).map(({ file, gzip }) => `${file} ${kb(gzip)}`).join(', ');
}

if (import.meta.url === `file://${process.argv[1]}`) printExerciseFigures(await measureExercise());
