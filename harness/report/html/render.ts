// Puts report.html together: header, verdict and run tables, chart sections, the page model as
// JSON, Chart.js and the client script, all inline, so the file opens offline from file://.
import fs from 'node:fs';
import path from 'node:path';
import { chartLibrarySource, clientScriptSource } from './assets.js';
import { escapeHtml, jsonForScript, scriptForInline } from './escape.js';
import { renderFigures } from './figures.js';
import { renderHeader } from './header.js';
import { buildPageModel } from './page-model.js';
import type { ReportData } from './report-data.js';
import { REPORT_CSS } from './styles.js';
import { renderRunsTable, renderVerdictTable } from './tables.js';
import { writeOutputFile } from '../../output-file.js';

// Named once, so the CLI's listing of written files and the tests agree.
/** File name of the report inside a results folder. */
export const REPORT_FILE = 'report.html';

// The policy makes "self-contained" enforceable: the browser refuses any outside request.
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

/** The top of a self-contained sambench page, up to `</head>`: its policy, `title` (escaped here) and the report's styles. */
export function pageHead(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${REPORT_CSS}</style>
</head>`;
}

/** The end of a self-contained sambench page after `</main>`: its chart model as JSON, Chart.js and its client `script`, all inline. */
export function pageTail(model: unknown, script: string): string {
  return `<script type="application/json" id="sambench-data">${jsonForScript(model)}</script>
<script>${scriptForInline(chartLibrarySource())}</script>
<script>${scriptForInline(script)}</script>
</body>
</html>
`;
}

// Pure: the same data always gives the same page (no clock, no randomness).
/** The complete report page for `data`, as one self-contained HTML document. */
export function renderReport(data: ReportData): string {
  const model = buildPageModel(data.results);
  return `${pageHead(`${data.suite.name} — sambench report`)}
<body>
<main>
${renderHeader(data)}
<section><h2>Verdicts</h2>
${renderVerdictTable(data.verdicts)}
</section>
<section><h2>Runs</h2>
${renderRunsTable(data.results)}
</section>
${renderFigures(model)}
<noscript><p class="note">The charts need JavaScript; the tables above and the CSV files beside this page hold every number.</p></noscript>
<footer>sambench · every number is also in the CSV files beside this page · charts drawn with Chart.js (MIT), bundled in this page</footer>
</main>
${pageTail(model, clientScriptSource())}`;
}

// What the CLI calls after the CSVs; returns the path for its list of written files.
/** Writes `report.html` into `dir` (created if missing); returns the file's path. */
export function writeReport(dir: string, data: ReportData): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, REPORT_FILE);
  writeOutputFile(file, renderReport(data));
  return file;
}
