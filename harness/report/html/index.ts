// report.html: takes the suite, run summaries, verdicts and each run's events; gives one
// self-contained HTML page (tables and Chart.js charts, no outside files). Never reads runs itself.
export { renderReport, writeReport, REPORT_FILE } from './render.js';
export type { ReportData } from './report-data.js';
export type { PageModel, PageRun } from './page-model.js';
