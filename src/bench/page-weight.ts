/**
 * `npm run bench`: builds the site and prints, per page type, the JavaScript a page ships before
 * the learner interacts (raw and gzip), the HTML size, and the build time; then compares the
 * lesson page with its budget; then the exercise figures (exercise-timing.ts): the JavaScript
 * until an exercise is interactive (budget 400 KB gzip), the full editor's and the TypeScript
 * service's that follow, and Run → verdict median and p95. Figures, not a pass/fail test: the
 * machine is noisy.
 */
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../../test-support/chromium.ts';
import { startPreview } from '../../test-support/preview-server.ts';
import { measureExercise, printExerciseFigures } from './exercise-timing.ts';
import { findPageOfEachType, type PageType } from './page-types.ts';

const LESSON_JS_BUDGET_GZIP = 40 * 1024;

interface Weight {
  type: PageType;
  path: string;
  jsRaw: number;
  jsGzip: number;
  jsFiles: number;
  htmlRaw: number;
  htmlGzip: number;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function build(): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error('astro build failed');
  return performance.now() - started;
}

async function measure(): Promise<Weight[]> {
  const server = await startPreview();
  const browser = await launchChromium();
  try {
    const weights: Weight[] = [];
    for (const { type, path } of findPageOfEachType('dist')) {
      const page = await browser.newPage();
      const scripts: Promise<Buffer>[] = [];
      page.on('response', (response) => {
        if (['script'].includes(response.request().resourceType())) scripts.push(response.body());
      });
      const response = await page.goto(server.url + path, { waitUntil: 'networkidle' });
      const html = (await response?.body()) ?? Buffer.alloc(0);
      const bodies = await Promise.all(scripts);
      weights.push({
        type,
        path,
        jsFiles: bodies.length,
        jsRaw: bodies.reduce((sum, body) => sum + body.length, 0),
        jsGzip: bodies.reduce((sum, body) => sum + gzipSync(body).length, 0),
        htmlRaw: html.length,
        htmlGzip: gzipSync(html).length,
      });
      await page.close();
    }
    return weights;
  } finally {
    await browser.close();
    server.stop();
  }
}

const buildMs = build();
const weights = await measure();
console.log(`\nBuild time: ${(buildMs / 1000).toFixed(1)} s\n`);
console.table(
  weights.map((w) => ({
    'page type': w.type,
    path: w.path,
    'JS files': w.jsFiles,
    'JS raw': kb(w.jsRaw),
    'JS gzip': kb(w.jsGzip),
    'HTML raw': kb(w.htmlRaw),
    'HTML gzip': kb(w.htmlGzip),
  })),
);
const lesson = weights.find((w) => w.type === 'lesson');
if (lesson) {
  const verdict = lesson.jsGzip <= LESSON_JS_BUDGET_GZIP ? 'within' : 'OVER';
  console.log(`Lesson page JS before interaction: ${kb(lesson.jsGzip)} gzip — ${verdict} the ${kb(LESSON_JS_BUDGET_GZIP)} budget.`);
} else {
  console.log('No lesson page was built, so the lesson budget was not measured.');
}

// The exercise figures reuse the dist/ just built: interactive, full editor, language service, Run → verdict.
printExerciseFigures(await measureExercise());
