// report.html: takes the suite, the run results and the verdicts; gives one
// self-contained HTML page (tables and Chart.js charts, no outside files). Never reads runs itself.
export { renderReport, writeReport, REPORT_FILE } from './render.js';
export type { ReportData } from './report-data.js';
export { buildPageModel, type PageModel, type PageRun } from './page-model.js';
