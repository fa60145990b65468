// report.html in a real headless Chromium (Debian's, driven by playwright-core), opened from
// file:// as a user would: no console errors, no page errors, no requests leaving the file, every
// chart drawn, the verdict rows present. Screenshots are kept in a temp folder (path printed).
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { expectAllDrawn, inspectCharts, missing, openPage, outDir, useBrowser, type PageGlobals } from '../../../scripts/chromium-page.js';
import { reportFixture } from './fixtures/report-fixture.js';
import { writeReport, type ReportData } from './index.js';
import { OUTCOME_LABEL } from '../verdict-wording.js';

const DESCRIPTION = 'Small CNN on CIFAR-10 </script><script>alert("broke out")</script> <!-- & "quotes" — SAM cost and gain.';

if (missing) console.warn(`report.chromium.test: skipped: ${missing}`);
useBrowser();

// Writes the report and opens it.
const open = (name: string, data: ReportData) => openPage(writeReport(path.join(outDir, name), data));

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
