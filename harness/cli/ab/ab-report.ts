// What `sambench ab` reports besides compare's table: a header naming both commits, and ab.json —
// both shas, the suite, the minimum effect and, per configuration and metric, compare's own
// MetricComparison (baseline, current, change, evidence, verdict, MDE) with its interval lifted out.
import type { Comparison, MetricComparison } from '../../compare/index.js';
import { stripControl } from '../../control-characters.js';
import type { LoadedSuite } from '../../suite/index.js';
import { shortSha, type Revision } from './revisions.js';

/** The `format` value of every ab.json. */
export const AB_FORMAT = 'sambench-ab';

/** One metric of ab.json: compare's figures, and the interval of the relative change (null for a test without one). */
export type AbMetric = MetricComparison & { interval: [number, number] | null };

/** ab.json: two revisions benched side by side on one suite, rev-b compared with rev-a. */
export interface AbFile {
  format: typeof AB_FORMAT;
  version: 1;
  /** rev-a (the baseline) and rev-b: as given, full sha, subject line. */
  commits: { a: Revision; b: Revision };
  suite: { name: string; file: string };
  minEffect: number;
  alpha: number;
  /** Slowdown injected into rev-b's workers (0: none). */
  inject: number;
  /** What `sambench ab` exited with: 1 when a metric regressed or a configuration failed. */
  exitCode: number;
  regressions: number;
  configurations: {
    id: string;
    baselineId: string;
    /** Why the configuration was not compared (a side's processes all failed), else null. */
    failure: string | null;
    regressed: boolean;
    metrics: AbMetric[];
  }[];
}

/** What ab.json is made from. */
export interface AbReportInput {
  revisions: [Revision, Revision];
  loaded: LoadedSuite;
  inject: number;
  comparison: Comparison;
  exitCode: number;
}

/** The content of ab.json. */
export function abReport({ revisions, loaded, inject, comparison, exitCode }: AbReportInput): AbFile {
  return {
    format: AB_FORMAT,
    version: 1,
    commits: { a: revisions[0], b: revisions[1] },
    suite: { name: loaded.suite.name, file: loaded.file },
    minEffect: comparison.options.minEffect,
    alpha: comparison.options.alpha,
    inject,
    exitCode,
    regressions: comparison.regressions,
    configurations: comparison.configurations.map((c) => ({
      id: c.id,
      baselineId: c.baselineId,
      failure: c.failure,
      regressed: c.regressed,
      metrics: c.metrics.map((m) => ({ ...m, interval: 'ci' in m.evidence ? m.evidence.ci : null })),
    })),
  };
}

// A subject line is the committer's text: its control characters are shown as nothing, here and in the sink.
/** The lines above compare's table: which commit is a, which is b, and any slowdown injected. */
export function abHeader(revisions: [Revision, Revision], inject: number): string {
  const line = (side: string, r: Revision) => `${side} ${shortSha(r.sha)} ${stripControl(r.subject)} (${stripControl(r.given)})`;
  const same =
    revisions[0].sha === revisions[1].sha ? ['the same commit on both sides (A/A): every regression flagged is a false alarm'] : [];
  const injected = inject > 0 ? [`rev-b's workers made ${(inject * 100).toFixed(1)} % slower on purpose (--inject ${inject})`] : [];
  return ['sambench ab', line('  a (baseline):', revisions[0]), line('  b (current): ', revisions[1]), ...same, ...injected].join('\n');
}
