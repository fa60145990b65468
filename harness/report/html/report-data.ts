// What report.html is made from: everything the CLI has at the end of a bench.
import type { RunResult } from '../../measure/index.js';
import type { Suite } from '../../../schemas/index.js';
import type { Verdict } from '../verdicts.js';
import type { BenchManifest } from '../../provenance.js';

// The CLI's inputs to the CSVs, plus the suite and a date, so the page needs nothing else.
/** Inputs of `renderReport`: the suite, its run results (raw steps and evaluations included) and verdicts. */
export interface ReportData {
  suite: Suite;
  results: RunResult[];
  verdicts: Verdict[];
  /** When the results were made, shown as given (an ISO 8601 date is best). */
  createdAt: string;
  /** What made the results folder (its bench.json); null when unknown. */
  provenance: BenchManifest | null;
}
