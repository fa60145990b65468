// report.html in a real headless Chromium (Debian's, driven by playwright-core), opened from
// file:// as a user would: no console errors, no page errors, no requests leaving the file, every
// chart drawn, the verdict rows present. Screenshots are kept in a temp folder (path printed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { reportFixture } from './fixtures/report-fixture.js';
import { writeReport, type ReportData } from './index.js';
import { OUTCOME_LABEL } from '../verdict-wording.js';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../../scripts/chromium.mjs';

const ARGS = ['--headless', ...CHROMIUM_FLAGS];
const DESCRIPTION = 'Small CNN on CIFAR-10 </script><script>alert("broke out")</script> <!-- & "quotes" — SAM cost and gain.';

interface ChartCheck {
  name: string;
  canvases: { width: number; height: number; chart: boolean; points: number; inked: number }[];
}

// The little of the browser's globals these checks touch (the project compiles without the DOM lib).
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
}
interface PageGlobals {
  document: {
    querySelectorAll(
      selector: string,
    ): ArrayLike<{ dataset: Record<string, string | undefined>; querySelectorAll(selector: string): ArrayLike<CanvasLike> }>;
  };
  Chart: { getChart(canvas: CanvasLike): { data: { datasets: { data: unknown[] }[] } } | undefined };
  sambenchReport: { errors: string[] };
}

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-report-'));
let context: BrowserContext;

// scripts/install-chromium.sh (npm test's pretest) says why where it could not install Chromium;
// the skipped tests carry the reason in their name, so the reporter shows it.
const missing = fs.existsSync(CHROMIUM)
  ? null
  : `${CHROMIUM} not found: run scripts/install-chromium.sh as root, or install Chromium there`;

if (missing) console.warn(`report.chromium.test: skipped: ${missing}`);

beforeAll(async () => {
  if (missing) return;
  // A fresh profile per test run: nothing cached, nothing from an earlier session.
  context = await chromium.launchPersistentContext(path.join(outDir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
  });
});

afterAll(async () => {
  if (missing) return;
  await context?.close();
  fs.rmSync(path.join(outDir, 'profile'), { recursive: true, force: true });
  console.log(`report.chromium.test: reports and screenshots in ${outDir}`);
});

// Opens the report and records everything that would mean a broken page.
async function open(name: string, data: ReportData): Promise<{ page: Page; problems: string[] }> {
  const file = writeReport(path.join(outDir, name), data);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!/^(file|data):/.test(r.url())) problems.push(`request left the file: ${r.url()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.waitForSelector('html[data-rendered="true"]', { timeout: 20_000 });
  return { page, problems };
}

// For every chart box: its canvases, their Chart.js instance, data points and painted pixels.
function inspectCharts(page: Page): Promise<ChartCheck[]> {
  return page.evaluate(() => {
    const { document, Chart } = globalThis as unknown as PageGlobals;
    return Array.from(document.querySelectorAll('[data-chart]')).map((box) => ({
      name: box.dataset['chart']!,
      canvases: Array.from(box.querySelectorAll('canvas')).map((canvas) => {
        const chart = Chart.getChart(canvas);
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) inked++;
        return {
          width: canvas.width,
          height: canvas.height,
          chart: chart !== undefined,
          points: chart ? chart.data.datasets.reduce((n, d) => n + d.data.length, 0) : 0,
          inked,
        };
      }),
    }));
  });
}

function expectAllDrawn(charts: ChartCheck[]): void {
  for (const { name, canvases } of charts) {
    expect(canvases.length, `${name}: canvases`).toBeGreaterThan(0);
    for (const c of canvases) {
      expect(c.chart, `${name}: a Chart.js instance`).toBe(true);
      expect(c.width * c.height, `${name}: canvas size`).toBeGreaterThan(0);
      expect(c.points, `${name}: data points`).toBeGreaterThan(0);
      expect(c.inked, `${name}: painted pixels`).toBeGreaterThan(500);
    }
  }
}

describe.skipIf(missing !== null)(`report.html in Chromium${missing ? ` (skipped: ${missing})` : ''}`, () => {
  test('suite with evaluations: every chart drawn, verdicts shown, nothing logged', async () => {
    const data = reportFixture({ evaluation: true, description: DESCRIPTION });
    const { page, problems } = await open('with-evaluation', data);
    const charts = await inspectCharts(page);
    expect(charts.map((c) => c.name)).toEqual(['step-distribution', 'slowdown', 'tradeoff', 'rho-gain', 'accuracy', 'timeline']);
    expectAllDrawn(charts);
    expect(charts.find((c) => c.name === 'timeline')!.canvases).toHaveLength(4);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).sambenchReport.errors)).toEqual([]);
    // The callback runs in the page; tsconfig has no DOM types, so its rows are described here.
    type Row = { querySelector(selector: string): { textContent: string | null } | null };
    const verdicts = await page.$$eval('tr.verdict-row', (rows) =>
      (rows as unknown as Row[]).map((r) => [r.querySelector('code')!.textContent, r.querySelector('.verdict')!.textContent]),
    );
    expect(verdicts).toEqual(data.verdicts.map((v) => [v.expectation, OUTCOME_LABEL[v.outcome]]));
    expect(await page.textContent('.description')).toBe(DESCRIPTION);
    const shot = path.join(outDir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`report.chromium.test: screenshot ${shot}`);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('suite without evaluation, one failed run: notes instead of accuracy charts, still no errors', async () => {
    const { page, problems } = await open('no-evaluation', reportFixture({ failedRun: true }));
    const charts = await inspectCharts(page);
    expect(charts.map((c) => c.name)).toEqual(['step-distribution', 'slowdown', 'timeline']);
    expectAllDrawn(charts);
    expect(charts.find((c) => c.name === 'timeline')!.canvases).toHaveLength(5);
    expect(await page.textContent('body')).toContain('This suite has no evaluation');
    expect(await page.locator('tr.failed-row').count()).toBe(1);
    await page.screenshot({ path: path.join(outDir, 'report-no-evaluation.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  test('results without raw steps: step charts become notes, the slowdown chart stays, no errors', async () => {
    const data = reportFixture();
    data.results = data.results.map((r) => ({ ...r, steps: [], evals: [], stepsMs: { base: [], sam: [] } }));
    const { page, problems } = await open('no-events', data);
    const charts = await inspectCharts(page);
    expect(charts.map((c) => c.name)).toEqual(['slowdown']);
    expectAllDrawn(charts);
    expect(await page.locator('tr.verdict-row').count()).toBe(3);
    expect(await page.textContent('body')).toContain('No steps were recorded.');
    expect(problems).toEqual([]);
    await page.close();
  });
});
