// What report.html is made from: everything the CLI has at the end of a bench.
import type { RunSummary } from '../../measure/summarize.js';
import type { Suite, WorkerEvent } from '../../../schemas/index.js';
import type { Verdict } from '../verdicts.js';

// The CLI's inputs to the CSVs, plus the suite and a date, so the page needs nothing else.
/** Inputs of `renderReport`: the suite, its run summaries and verdicts, each run's events. */
export interface ReportData {
  suite: Suite;
  summaries: RunSummary[];
  verdicts: Verdict[];
  /** Each run's worker events, by run id (runs without an entry get no step charts). */
  events: Record<string, WorkerEvent[]>;
  /** When the results were made, shown as given (an ISO 8601 date is best). */
  createdAt: string;
}
