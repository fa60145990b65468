// history/: the nightly's memory. Every bench appends a line to results/history.jsonl; this
// folder reads the lines back as series per metric, finds change points in them (E-divisive
// means, as Apache Otava does), draws history.html, and says which commit was the last good one.
export { changePoints, CHANGE_POINT_DEFAULTS, type ChangePoint, type ChangePointOptions } from './change-points.js';
export { DETECT_DEFAULTS, findChanges, type DetectOptions, type SeriesChange, type SeriesFindings } from './detect.js';
export { appendHistory, historyFile, readHistory, type HistoryOptions, type HistoryRead } from './history-file.js';
export { lastGoodCommit } from './last-good.js';
export { nightlyVerdict, type NightlyVerdict } from './nightly-verdict.js';
export { historyLineOf, machineFingerprint, type LineContext } from './line.js';
export { historyChartModel, renderHistoryPage } from './page.js';
export {
  HISTORY_METRICS,
  historySeries,
  type HistoryMetric,
  type MetricInfo,
  type Series,
  type SeriesFilter,
  type SeriesPoint,
} from './series.js';
export { historyTables, seriesTitle, valueText } from './table.js';
