// The history as series: one per (suite, configuration, metric), one point per night (line),
// and, for absolute step times, one per machine fingerprint too: a step in ms from another CPU
// is another series, never a change. Ratios, slowdowns and accuracy are machine-independent
// enough to follow across runners.
import { exact, pooled, type Estimate } from '../stats/index.js';
import type { HistoryConfiguration, HistoryLineV2 } from '../../schemas/index.js';

/** A metric followed across nights. */
export type HistoryMetric = 'base step' | 'SAM step' | 'SAM/base ratio' | 'slowdown' | 'within-run slowdown' | 'accuracy';

/** How a metric is read, written and judged. */
export interface MetricInfo {
  /** Absolute step times: compared only within one machine fingerprint. */
  absolute: boolean;
  /** ms, a plain ratio, or a fraction written as a percentage. */
  unit: 'ms' | 'ratio' | 'fraction';
  /** Accuracy: a drop is the regression. Every other metric: a rise. */
  higherIsBetter: boolean;
  /** A slowdown, a fraction near 0: change points are searched on 1 + slowdown (the ratio of mean step times), so a change is relative. */
  onePlus: boolean;
  /** The night's value with its 95 % interval between processes, or null when the configuration has none. */
  value: (c: HistoryConfiguration) => Estimate | null;
}

// Step times: the mean of the processes' medians with its t-interval (one process: no interval).
const fromValues = (values: number[]) => pooled(values.map(exact));

/** Every metric, in the order tables and pages show them. */
export const HISTORY_METRICS: Record<HistoryMetric, MetricInfo> = {
  'base step': { absolute: true, unit: 'ms', higherIsBetter: false, onePlus: false, value: (c) => fromValues(c.values.baseStepMs) },
  'SAM step': { absolute: true, unit: 'ms', higherIsBetter: false, onePlus: false, value: (c) => fromValues(c.values.samStepMs) },
  'SAM/base ratio': { absolute: false, unit: 'ratio', higherIsBetter: false, onePlus: false, value: (c) => c.stepRatio },
  slowdown: { absolute: false, unit: 'fraction', higherIsBetter: false, onePlus: true, value: (c) => c.slowdown },
  'within-run slowdown': { absolute: false, unit: 'fraction', higherIsBetter: false, onePlus: true, value: (c) => c.slowdownWithinRun },
  accuracy: {
    absolute: false,
    unit: 'fraction',
    higherIsBetter: true,
    onePlus: false,
    value: (c) => (c.accuracy === null ? null : exact(c.accuracy)),
  },
};

/** One night of a series. */
export interface SeriesPoint {
  /** Index of its line among the lines the series were built from. */
  line: number;
  timestamp: string;
  commit: string | null;
  value: number;
  /** 95 % interval between the night's processes; null with one process. */
  ci95: [number, number] | null;
  processes: number;
  failed: number;
  /** SAMBENCH_INJECT_SLOWDOWN of the night, when one was set (a simulated regression). */
  injectedSlowdown: number | null;
}

/** One metric of one configuration across nights. */
export interface Series {
  suite: string;
  configuration: string;
  metric: HistoryMetric;
  /** The machine fingerprint, for absolute step times; null where nights of every machine are followed together. */
  machine: string | null;
  points: SeriesPoint[];
}

/** Which series to build; unset: all. */
export interface SeriesFilter {
  suite?: string;
  metric?: HistoryMetric;
  /** Lines whose machine fingerprint contains this text. */
  machine?: string;
}

// A key that keeps series apart: suite, configuration, metric, and the machine for absolute times.
const seriesKey = (s: Omit<Series, 'points'>) => JSON.stringify([s.suite, s.configuration, s.metric, s.machine]);

/** The series of `lines` (in file order, which is night order), one per suite × configuration × metric (× machine for step times). */
export function historySeries(lines: readonly HistoryLineV2[], filter: SeriesFilter = {}): Series[] {
  const series = new Map<string, Series>();
  const metrics = filter.metric ? [filter.metric] : (Object.keys(HISTORY_METRICS) as HistoryMetric[]);
  for (const [index, line] of lines.entries()) {
    if (filter.suite !== undefined && line.suite !== filter.suite) continue;
    if (filter.machine !== undefined && !line.machine.includes(filter.machine)) continue;
    for (const c of line.configurations) {
      for (const metric of metrics) {
        const info = HISTORY_METRICS[metric];
        const estimate = info.value(c);
        if (!estimate) continue;
        const head = { suite: line.suite, configuration: c.id, metric, machine: info.absolute ? line.machine : null };
        const key = seriesKey(head);
        if (!series.has(key)) series.set(key, { ...head, points: [] });
        const spread = estimate.ci95[0] !== estimate.ci95[1];
        series.get(key)!.points.push({
          line: index,
          timestamp: line.timestamp,
          commit: line.commit,
          value: estimate.value,
          ci95: spread ? estimate.ci95 : null,
          processes: c.processes,
          failed: c.failed,
          injectedSlowdown: line.env?.injectedSlowdown ?? null,
        });
      }
    }
  }
  return [...series.values()];
}
