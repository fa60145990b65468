// history.html in a real headless Chromium, opened from file://: a chart per series drawn, the
// change points marked, the table of change points present, nothing logged, no request leaving
// the file, and a suite name that tries to close the data script stays text.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { expectAllDrawn, inspectCharts, missing, openPage, outDir, useBrowser, type PageGlobals } from '../../scripts/chromium-page.js';
import { DETECT_DEFAULTS, findChanges } from './detect.js';
import { levels, nights } from './fixtures/nights.js';
import { renderHistoryPage } from './page.js';
import { historySeries } from './series.js';

useBrowser();

describe.skipIf(missing !== null)(`history.html in Chromium${missing ? ` (skipped: ${missing})` : ''}`, () => {
  test('a chart per series with its change point, the table of change points, nothing logged', async () => {
    const suite = 'nightly </script><script>alert("broke out")</script>';
    const lines = nights(levels(40, { at: 30, step: 10 }), { suite });
    const findings = findChanges(historySeries(lines, { metric: 'base step' }), DETECT_DEFAULTS);
    const file = path.join(outDir, 'history.html');
    fs.writeFileSync(file, renderHistoryPage(findings, DETECT_DEFAULTS, 'history.jsonl'));
    const { page, problems } = await openPage(file);
    const charts = await inspectCharts(page);
    expect(charts.map((c) => c.name)).toEqual(['series-0', 'series-1']);
    expectAllDrawn(charts);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).sambenchReport.errors)).toEqual([]);
    // One row per series' change point, at night 31 (1-based: 2026-01-31).
    const rows = await page.$$eval('tbody tr', (trs) => trs.map((tr) => (tr as unknown as { textContent: string }).textContent));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toContain('2026-01-31');
    expect(problems).toEqual([]);
    await page.screenshot({ path: path.join(outDir, 'history.png'), fullPage: true });
  });
});
