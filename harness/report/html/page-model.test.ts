// The page model on hand-checkable inputs: box statistics, labels, the Pareto front, accuracy
// from summary fields or eval events, seeds averaged per configuration, r as in the verdicts.
import { describe, expect, test } from 'vitest';
import type { RunSummary } from '../../measure/summarize.js';
import type { WorkerEvent } from '../../../schemas/index.js';
import { accuracyByRun } from './accuracy.js';
import { reportFixture } from './fixtures/report-fixture.js';
import { buildPageModel, SEED_POINT } from './page-model.js';
import { boxStats, paretoFront, quantile, shortLabels } from './page-stats.js';

const evalAt = (step: number, acc: number): WorkerEvent => ({ type: 'eval', step, acc, loss: 1, samples: 100, trainMs: step });

// A summary as before RunSummary had accuracy fields, so the eval-event path is tested either way.
function withoutAccuracyFields(s: RunSummary): RunSummary {
  return Object.fromEntries(Object.entries(s).filter(([key]) => key !== 'finalAccuracy' && key !== 'accuracyGain')) as unknown as RunSummary;
}

describe('page-stats', () => {
  test('quantiles interpolate between order statistics (numpy default)', () => {
    expect(quantile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(quantile([10, 20, 30, 40], 0.25)).toBe(17.5);
    expect(boxStats([5, 1, 4, 2, 3])).toEqual({ n: 5, min: 1, p10: 1.4, q1: 2, median: 3, q3: 4, p90: 4.6, max: 5 });
    expect(boxStats([])).toBeNull();
  });

  test('short labels drop the id parts every run shares', () => {
    expect(shortLabels(['base-bs64-s0', 'sam-k1-bs64-s0', 'sam-k10-bs64-s0'])).toEqual(['base', 'sam-k1', 'sam-k10']);
    expect(shortLabels(['only-one'])).toEqual(['only-one']);
    expect(shortLabels(['a-x', 'a-x'])).toEqual(['a-x', 'a-x']);
  });

  test('the Pareto front keeps points no other point beats on both axes, by slowdown', () => {
    const p = (label: string, slowdown: number, gainPoints: number) => ({ label, slowdown, gainPoints, runs: 1 });
    const points = [p('k1', 0.9, 1.2), p('none', 0, 0), p('k2', 0.45, 2), p('k10', 0.1, 0.8), p('k5', 0.2, 0.5)];
    expect(paretoFront(points)).toEqual([1, 3, 2]); // k1 loses to k2, k5 to k10
  });
});

describe('accuracy', () => {
  const [base, sam] = reportFixture().summaries.map(withoutAccuracyFields);

  test('without summary fields: the last evaluation, and 100 × the difference to the no-SAM run', () => {
    const acc = accuracyByRun([base!, sam!], { [base!.spec.id]: [evalAt(20, 0.5), evalAt(10, 0.3)], [sam!.spec.id]: [evalAt(20, 0.525)] });
    expect(acc.get(base!.spec.id)).toEqual({ finalAccuracy: 0.5, accuracyGain: null });
    expect(acc.get(sam!.spec.id)!.finalAccuracy).toBe(0.525);
    expect(acc.get(sam!.spec.id)!.accuracyGain).toBeCloseTo(2.5, 12);
  });

  test('summary fields win when present, even when null', () => {
    const withFields = { ...sam!, finalAccuracy: 0.61, accuracyGain: 3 } as RunSummary;
    const nulls = { ...sam!, finalAccuracy: null, accuracyGain: null } as unknown as RunSummary;
    const events = { [base!.spec.id]: [evalAt(20, 0.5)], [sam!.spec.id]: [evalAt(20, 0.9)] };
    expect(accuracyByRun([base!, withFields], events).get(sam!.spec.id)).toEqual({ finalAccuracy: 0.61, accuracyGain: 3 });
    expect(accuracyByRun([base!, nulls], events).get(sam!.spec.id)).toEqual({ finalAccuracy: null, accuracyGain: null });
  });
});

describe('buildPageModel', () => {
  test('runs in order with steps, boxes of measured steps only, and the verdicts\' r', () => {
    const data = reportFixture({ failedRun: true });
    const model = buildPageModel(data);
    expect(model.runs.map((r) => [r.label, r.baseline, r.interval, r.status])).toEqual([
      ['base', true, null, 'ok'], ['sam-k1-rho0.05', false, 1, 'ok'], ['sam-k2-rho0.1', false, 2, 'ok'], ['sam-k10-rho0.5', false, 10, 'ok'], ['sam-k5-rho0.25', false, 5, 'failed'],
    ]);
    const k2 = model.runs[2]!;
    expect(k2.steps.sam.slice(0, 4)).toEqual([0, 1, 0, 1]);
    expect(k2.steps.warmup.filter(Boolean)).toHaveLength(5);
    expect(k2.base!.n + k2.sam!.n).toBe(60);
    expect(k2.sam!.median).toBeCloseTo(data.summaries[2]!.sam!.median, 2);
    expect(model.runs[0]!.sam).toBeNull();
    expect(model.intervals).toEqual([1, 2, 5, 10]);
    // rho-scaling verdict's detail starts with "r = <the same value>", over successful runs only
    expect(data.verdicts[2]!.detail).toContain(`r = ${model.ratio!.toFixed(3)};`);
    expect(model.seedPoint).toEqual(SEED_POINT);
    expect(model.tradeoff).toBeNull();
    expect(model.hasEvals).toBe(false);
  });

  test('seeds of one configuration become one tradeoff point; the baseline is the origin', () => {
    const data = reportFixture({ evaluation: true });
    const [base, k1] = data.summaries.map(withoutAccuracyFields);
    const seed1 = { ...k1!, spec: { ...k1!.spec, id: `${k1!.spec.id}-again`, seed: 1 }, slowdown: { value: 0.7, ci95: [0.6, 0.8] as [number, number] } };
    data.summaries = [base!, k1!, seed1];
    data.events[seed1.spec.id] = [evalAt(65, data.events[base!.spec.id]!.filter((e) => e.type === 'eval').at(-1)!.acc + 0.04)];
    const model = buildPageModel(data);
    const point = model.tradeoff!.points.find((p) => p.label === 'k=1 ρ=0.05')!;
    expect(point.runs).toBe(2);
    expect(point.slowdown).toBeCloseTo((k1!.slowdown!.value + 0.7) / 2, 12);
    expect(point.gainPoints).toBeCloseTo((model.runs[1]!.accuracyGain! + 4) / 2, 9);
    expect(model.tradeoff!.points[0]).toEqual({ label: 'no SAM', slowdown: 0, gainPoints: 0, runs: 1 });
  });
});
