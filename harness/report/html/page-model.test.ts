// The page model on hand-checkable inputs: box statistics, labels, accuracy as the run results
// hold it, one tradeoff point per configuration with measure/'s Pareto front, r as in the verdicts.
import { describe, expect, test } from 'vitest';
import { reportFixture } from './fixtures/report-fixture.js';
import { fakeResult } from '../../measure/fixtures/result.js';
import { summarizeConfigurations } from '../../measure/index.js';
import { buildPageModel, METHOD_CARD_POINT, COMPOSER_RHO_RULE } from './page-model.js';
import { boxStats, shortLabels } from './page-stats.js';

describe('page-stats', () => {
  test('box statistics interpolate between order statistics (numpy default)', () => {
    expect(boxStats([5, 1, 4, 2, 3])).toEqual({ n: 5, min: 1, p10: 1.4, q1: 2, median: 3, q3: 4, p90: 4.6, max: 5 });
    expect(boxStats([])).toBeNull();
  });

  test('short labels drop the id parts every run shares', () => {
    expect(shortLabels(['base-bs64-s0', 'sam-k1-bs64-s0', 'sam-k10-bs64-s0'])).toEqual(['base', 'sam-k1', 'sam-k10']);
    expect(shortLabels(['only-one'])).toEqual(['only-one']);
    expect(shortLabels(['a-x', 'a-x'])).toEqual(['a-x', 'a-x']);
  });
});

describe('accuracy', () => {
  test("each run shows its result's final accuracy and gain; the failed run and the no-SAM run none or no gain", () => {
    const data = reportFixture({ evaluation: true, failedRun: true });
    const model = buildPageModel(data.results);
    expect(model.runs.map((r) => r.finalAccuracy)).toEqual(data.results.map((r) => r.finalEval?.acc ?? null));
    expect(model.runs.map((r) => r.accuracyGain)).toEqual(data.results.map((r) => r.accuracyGain));
    expect(model.runs[0]).toMatchObject({ accuracyGain: null });
    expect(model.runs[4]).toMatchObject({ status: 'failed', finalAccuracy: null, accuracyGain: null });
    // the failed run's evaluations are still drawn
    expect(model.runs[4]!.evals.step.length).toBeGreaterThan(0);
  });
});

describe('buildPageModel', () => {
  test("runs in order with steps, boxes of measured steps only, and the verdicts' r", () => {
    const data = reportFixture({ failedRun: true });
    const model = buildPageModel(data.results);
    expect(model.runs.map((r) => [r.label, r.baseline, r.interval, r.status])).toEqual([
      ['base', true, null, 'ok'],
      ['sam-k1-rho0.05', false, 1, 'ok'],
      ['sam-k2-rho0.1', false, 2, 'ok'],
      ['sam-k10-rho0.5', false, 10, 'ok'],
      ['sam-k5-rho0.25', false, 5, 'failed'],
    ]);
    const k2 = model.runs[2]!;
    expect(k2.steps.sam.slice(0, 4)).toEqual([0, 1, 0, 1]);
    expect(k2.steps.warmup.filter(Boolean)).toHaveLength(5);
    expect(k2.base!.n + k2.sam!.n).toBe(60);
    expect(k2.sam!.median).toBeCloseTo(data.results[2]!.sam!.median, 2);
    expect(model.runs[0]!.sam).toBeNull();
    expect(model.intervals).toEqual([1, 2, 5, 10]);
    // slowdown-law verdict's detail starts with "r = <the same value>", over successful runs only
    expect(data.verdicts[2]!.detail).toContain(`r = ${model.ratio!.toFixed(3)};`);
    expect(model.methodCardPoint).toEqual(METHOD_CARD_POINT);
    expect(model.tradeoff).toBeNull();
    expect(model.hasEvals).toBe(false);
  });

  test('seeds of one configuration become one tradeoff point; the baseline is the origin', () => {
    const data = reportFixture({ evaluation: true });
    const [base, k1] = data.results;
    const finalEval = { ...k1!.finalEval!, acc: base!.finalEval!.acc + 0.04 };
    const seed1 = {
      ...k1!,
      spec: { ...k1!.spec, id: `${k1!.spec.id}-again`, seed: 1 },
      slowdown: { value: 0.7, ci95: [0.6, 0.8] as [number, number] },
      finalEval,
      accuracyGain: 4,
    };
    const model = buildPageModel([base!, k1!, seed1]);
    const point = model.tradeoff!.points.find((p) => p.label === 'k=1 ρ=0.05')!;
    expect(point.runs).toBe(2);
    expect(point.slowdown).toBeCloseTo((k1!.slowdown!.value + 0.7) / 2, 12);
    expect(point.gainPoints).toBeCloseTo((model.runs[1]!.accuracyGain! + 4) / 2, 9);
    expect(model.tradeoff!.points[0]).toEqual({ label: 'no SAM', slowdown: 0, gainPoints: 0, runs: 1 });
  });

  test("the chart's front is the configurations' (measure/), by increasing slowdown; dominated points stay, off it", () => {
    const at = (interval: number, rho: number, slowdown: number, accuracyGain: number, seed = 0) =>
      fakeResult({ interval, rho }, { seed, slowdown, finalAccuracy: 0.7 + accuracyGain / 100, accuracyGain });
    const random = fakeResult(
      { interval: 1, rho: 0.05, variant: { kind: 'random', p: 0.1, pFinal: null } },
      { slowdown: 0.12, finalAccuracy: 0.71, accuracyGain: 1 },
    );
    const results = [fakeResult(null, { finalAccuracy: 0.7 }), at(1, 0.05, 0.9, 1.2), at(2, 0.1, 0.45, 2), at(10, 0.5, 0.1, 0.8), random];
    const { tradeoff } = buildPageModel(results);
    expect(tradeoff!.points.map((p) => [p.label, p.slowdown, p.gainPoints])).toEqual([
      ['no SAM', 0, 0],
      ['k=1 ρ=0.05', 0.9, 1.2],
      ['k=2 ρ=0.1', 0.45, 2],
      ['k=10 ρ=0.5', 0.1, 0.8],
      ['rst p=0.1 ρ=0.05', 0.12, 1],
    ]);
    expect(tradeoff!.front).toEqual([0, 3, 4, 2]);
    const configurations = summarizeConfigurations(results);
    expect(tradeoff!.points.map((_, i) => tradeoff!.front.includes(i))).toEqual(configurations.map((c) => c.onFront));
  });

  test('labels keep the batch size and learning rate where they vary; no tradeoff without a SAM point', () => {
    const k2 = fakeResult({ interval: 2, rho: 0.1 }, { finalAccuracy: 0.72, accuracyGain: 2 });
    const wide = { ...k2, spec: { ...k2.spec, dataset: { ...k2.spec.dataset, batchSize: 64 } } };
    const labels = buildPageModel([fakeResult(null, { finalAccuracy: 0.7 }), k2, wide]).tradeoff!.points.map((p) => p.label);
    expect(labels).toEqual(['no SAM bs=8', 'k=2 ρ=0.1 bs=8', 'k=2 ρ=0.1 bs=64']);
    const noGain = fakeResult({ interval: 2, rho: 0.1 }, { finalAccuracy: 0.72 });
    expect(buildPageModel([fakeResult(null, { finalAccuracy: 0.7 }), noGain]).tradeoff).toBeNull();
  });
});

describe('accuracy gain against rho', () => {
  // Two seeds at each (k, rho): gains g − 0.5 and g + 0.5, so a mean of g and a t(1) interval g ± 12.706·0.707/√2.
  const at = (interval: number, rho: number, g: number) =>
    [g - 0.5, g + 0.5].map((accuracyGain, seed) =>
      fakeResult({ interval, rho }, { seed, finalAccuracy: 0.7 + accuracyGain / 100, accuracyGain }),
    );
  const half = 12.706205 * 0.5;

  test('one line per interval, points by rho with their interval over seeds, Composer’s rule rho = 0.05·k marked', () => {
    const results = [
      fakeResult(null, { finalAccuracy: 0.7 }),
      ...at(10, 0.5, 0.8),
      ...at(1, 0.1, 7),
      ...at(10, 0.1, 2.4),
      ...at(1, 0.05, 4.8),
      ...at(10, 0.05, 1),
    ];
    const { rhoGain } = buildPageModel(results);
    expect(rhoGain!.composerRule).toEqual(COMPOSER_RHO_RULE);
    expect(rhoGain!.lines.map((l) => [l.label, l.interval, l.points.map((p) => [p.rho, p.composerRule])])).toEqual([
      [
        'k=1',
        1,
        [
          [0.05, true],
          [0.1, false],
        ],
      ],
      [
        'k=10',
        10,
        [
          [0.05, false],
          [0.1, false],
          [0.5, true],
        ],
      ],
    ]);
    const k10 = rhoGain!.lines[1]!.points;
    [1, 2.4, 0.8].forEach((g, i) => expect(k10[i]!.gain).toBeCloseTo(g, 9));
    expect(k10[1]!.lo).toBeCloseTo(2.4 - half, 4);
    expect(k10[1]!.hi).toBeCloseTo(2.4 + half, 4);
  });

  test('none with a single rho, or without accuracy', () => {
    expect(buildPageModel([fakeResult(null, { finalAccuracy: 0.7 }), ...at(1, 0.05, 1), ...at(2, 0.05, 1)]).rhoGain).toBeNull();
    expect(buildPageModel(reportFixture().results).rhoGain).toBeNull();
  });

  test("the report fixture's seed-rule runs (rho = 0.05·k at k = 1, 2, 10) each get a starred point", () => {
    const { rhoGain } = buildPageModel(reportFixture({ evaluation: true }).results);
    expect(rhoGain!.lines.map((l) => [l.label, l.points.map((p) => [p.rho, p.composerRule])])).toEqual([
      ['k=1', [[0.05, true]]],
      ['k=2', [[0.1, true]]],
      ['k=10', [[0.5, true]]],
    ]);
  });
});
