// E-divisive means as Apache Otava does it, checked against Otava 0.8.0's own output
// (fixtures/otava-series.json, written by scripts/otava-fixtures.py), and on series whose change
// points are known by construction.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { mean, studentTTwoSided } from '../stats/index.js';
import {
  CHANGE_POINT_DEFAULTS,
  changePoints,
  otavaCompatibleChangePoints,
  type ChangePoint,
  type ChangePointOptions,
} from './change-points.js';
import { bestSplit } from './energy.js';
import { compareSegments } from './t-test.js';

interface FixtureSeries {
  values: number[];
  /** Nights where the level steps, when the series was built with steps; null for a drift or a real series. */
  steps: number[] | null;
  otava: Record<string, ChangePoint[]>;
}
const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'otava-series.json');
const fixture = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as {
  knobs: Record<string, ChangePointOptions>;
  series: Record<string, FixtureSeries>;
};
const cases = Object.entries(fixture.series).flatMap(([name, series]) =>
  Object.entries(fixture.knobs).map(([knob, options]) => ({ name, knob, series, options, otava: series.otava[knob]! })),
);
const series = (name: string): number[] => fixture.series[name]!.values;
const relativeError = (ours: number, theirs: number): number => Math.abs(ours - theirs) / Math.abs(theirs);

// Means either side of each point, recomputed from the indices alone.
function segmentMeans(values: readonly number[], points: readonly ChangePoint[]): Array<[number, number]> {
  const bounds = [0, ...points.map((p) => p.index), values.length];
  return points.map((_, i) => [mean(values.slice(bounds[i], bounds[i + 1])), mean(values.slice(bounds[i + 1], bounds[i + 2]))]);
}

describe('agreement with Apache Otava 0.8.0 (compute_change_points)', () => {
  test.each(cases)('$name, $knob: the same points, means and p-values', ({ series, options, otava }) => {
    const ours = otavaCompatibleChangePoints(series.values, options);
    expect(ours.map((p) => p.index)).toEqual(otava.map((p) => p.index));
    ours.forEach((p, i) => {
      const theirs = otava[i]!;
      // The fixture keeps 12 significant digits.
      expect(relativeError(p.before, theirs.before)).toBeLessThan(1e-10);
      expect(relativeError(p.after, theirs.after)).toBeLessThan(1e-10);
      expect(Math.abs(p.magnitude - theirs.magnitude)).toBeLessThan(1e-10);
      expect(relativeError(p.pValue, theirs.pValue)).toBeLessThan(1e-8);
    });
  });
});

// Otava 0.8.0 retests the wrong neighbours after dropping a weak point (merge.ts, NeighbourRule):
// the left neighbour keeps the means and p-value of a segment that has since grown, and that stale
// test can decide what is dropped next. changePoints retests both neighbours, so each point's means
// are those of the segments to its neighbours; where Otava's answer has no stale point, the two agree.
const STALE_IN_OTAVA = [
  'step-up-10%-at-30 / window30',
  'step-up-10%-at-30 / p0.01',
  'step-up-10%-at-30 / window30-p0.01',
  'step-up-10%-at-30 / window30-p0.01-magnitude5%',
  'step-down-5%-at-30 / window30-p0.01',
  'two-steps-at-20-and-40 / p0.01',
  'two-steps-at-20-and-40 / window30-p0.01',
  'two-steps-at-20-and-40 / window30-p0.01-magnitude5%',
  'step-up-10%-at-57 / p0.01',
  'step-up-10%-at-57 / window30-p0.01',
  'drift-0.5%-a-night / defaults',
  'drift-0.5%-a-night / window30',
  'drift-0.5%-a-night / p0.01',
  'drift-0.5%-a-night / magnitude5%',
  'drift-0.5%-a-night / window30-p0.01',
  'drift-0.5%-a-night / window30-p0.01-magnitude5%',
  'aa-noise-2% / p0.01',
  'aa-noise-2% / window30-p0.01',
  'aa-noise-2% / window30-p0.01-magnitude5%',
  'aa-noise-5% / p0.01',
  'aa-noise-5% / window30-p0.01',
  'aa-noise-5% / window30-p0.01-magnitude5%',
];

describe('changePoints against Otava, where their merge bookkeeping differs', () => {
  const isStale = (values: readonly number[], points: readonly ChangePoint[]): boolean =>
    segmentMeans(values, points).some(
      ([before, after], i) => relativeError(points[i]!.before, before) > 1e-9 || relativeError(points[i]!.after, after) > 1e-9,
    );

  test.each(cases)('$name, $knob: every point tested against its neighbours', ({ series, options }) => {
    const ours = changePoints(series.values, options);
    const bounds = [0, ...ours.map((p) => p.index), series.values.length];
    ours.forEach((p, i) => {
      const [before, after] = segmentMeans(series.values, ours)[i]!;
      expect(p.before).toBeCloseTo(before, 9);
      expect(p.after).toBeCloseTo(after, 9);
      expect(p.magnitude).toBeCloseTo(after / before - 1, 12);
      const test = compareSegments(series.values.slice(bounds[i], bounds[i + 1]), series.values.slice(bounds[i + 1], bounds[i + 2]));
      expect(p.pValue).toBe(test.pValue);
    });
  });

  test('where Otava leaves no stale test, changePoints gives its answer; the cases with one are these', () => {
    const staleCases = cases.filter(({ series, otava }) => isStale(series.values, otava)).map(({ name, knob }) => `${name} / ${knob}`);
    for (const { name, knob, series, options, otava } of cases) {
      if (staleCases.includes(`${name} / ${knob}`)) continue;
      const ours = changePoints(series.values, options);
      expect(
        ours.map((p) => p.index),
        `${name} / ${knob}`,
      ).toEqual(otava.map((p) => p.index));
      ours.forEach((p, i) => expect(relativeError(p.pValue, otava[i]!.pValue)).toBeLessThan(1e-8));
    }
    // 22 of the 54 cases; a stale point in each of these, and in no other.
    expect(staleCases).toEqual(STALE_IN_OTAVA);
  });
});

describe('change points known by construction', () => {
  // X = [10, 11, 10, 11, 10], Y = [20, 21, 20, 21, 20] (n = m = 5), split at τ = 5, κ = 10:
  //   Σ|X_i − Y_j| = 9·10 + 6·11 + 6·9 + 4·10 = 250; Σ_{i<k}|X_i − X_k| = 6 pairs (10, 11) · 1 = 6; the same for Y;
  //   Q̂ = 2/10 · 250 − 2·5/(10·4) · 6 − 2·5/(10·4) · 6 = 50 − 1.5 − 1.5 = 47.
  // t-test: means 10.4 and 20.4; population variances (3·0.4² + 2·0.6²)/5 = 0.24 each; pooled
  //   (4·0.24 + 4·0.24)/8 = 0.24; t = −10 / √(0.24 · (1/5 + 1/5)) = −32.27 with 8 degrees of freedom.
  const tiny = [10, 11, 10, 11, 10, 20, 21, 20, 21, 20];

  test('a 10-value step: the split, its statistic and its test, by hand', () => {
    expect(bestSplit(tiny, 0, tiny.length)).toEqual({ index: 5, qhat: 47 });
    const [point, ...rest] = changePoints(tiny);
    expect(rest).toEqual([]);
    expect(point!.index).toBe(5);
    expect(point!.before).toBeCloseTo(10.4, 12);
    expect(point!.after).toBeCloseTo(20.4, 12);
    expect(point!.magnitude).toBeCloseTo(20.4 / 10.4 - 1, 12);
    expect(relativeError(point!.pValue, studentTTwoSided(-10 / Math.sqrt(0.24 * 0.4), 8))).toBeLessThan(1e-9);
    expect(point!.pValue).toBeLessThan(1e-8);
  });

  test.each(['step-up-10%-at-30', 'step-down-5%-at-30', 'two-steps-at-20-and-40', 'step-up-10%-at-57'])(
    '%s: each step found within ±2 nights, and nothing else, with the defaults',
    (name) => {
      const found = changePoints(series(name)).map((p) => p.index);
      const steps = fixture.series[name]!.steps!;
      expect(found).toHaveLength(steps.length);
      found.forEach((index, i) => expect(Math.abs(index - steps[i]!)).toBeLessThanOrEqual(2));
    },
  );

  test('a step three nights before the end is found in the latest nights, with its size', () => {
    const [point] = changePoints(series('step-up-10%-at-57'));
    expect(point!.index).toBe(57);
    expect(point!.magnitude).toBeGreaterThan(0.08);
  });

  test('A/A noise: no change point at 5 % noise (defaults), nor at 2 % once a change must be 5 %', () => {
    expect(changePoints(series('aa-noise-5%'))).toEqual([]);
    expect(changePoints(series('aa-noise-2%'), { minMagnitude: 0.05 })).toEqual([]);
  });

  // A property of the method, which Otava shares (the agreement above): the split is chosen to make the
  // two sides differ, so the t-test's p-value after it is not a false-alarm rate. This 2 % series has
  // lows at nights 0–3 and 44–49, and the defaults (no magnitude floor) report them as 3.5–4.4 % changes.
  test('A/A noise at 2 % with the defaults: the 3–4 % runs Otava reports too', () => {
    const found = changePoints(series('aa-noise-2%'));
    expect(found.map((p) => p.index)).toEqual([4, 44, 50]);
    found.forEach((p) => expect(Math.abs(p.magnitude)).toBeLessThan(0.05));
  });

  test('one night 50 % slower is not a change point, whatever the knobs', () => {
    for (const options of Object.values(fixture.knobs)) expect(changePoints(series('outlier-at-35'), options)).toEqual([]);
  });

  test('a constant series and a series too short to split have none', () => {
    expect(changePoints(new Array<number>(20).fill(5))).toEqual([]);
    expect(changePoints([1])).toEqual([]);
    expect(changePoints([])).toEqual([]);
  });
});

describe('options', () => {
  test("the defaults are Otava's: window 50, p ≤ 0.001, no magnitude floor", () => {
    expect(CHANGE_POINT_DEFAULTS).toEqual({ window: 50, significance: 0.001, minMagnitude: 0 });
  });

  test.each([
    [{ window: 1 }, /window/],
    [{ window: 2.5 }, /window/],
    [{ significance: 0 }, /significance/],
    [{ significance: 1 }, /significance/],
    [{ significance: NaN }, /significance/],
    [{ minMagnitude: -0.01 }, /minMagnitude/],
    [{ minMagnitude: Infinity }, /minMagnitude/],
  ])('%o throws a RangeError naming the option', (options, name) => {
    expect(() => changePoints([1, 2, 3], options)).toThrow(RangeError);
    expect(() => changePoints([1, 2, 3], options)).toThrow(name);
  });

  test('a non-finite value in the series throws a RangeError naming its index', () => {
    expect(() => changePoints([1, NaN, 3])).toThrow(/series\[1\]/);
  });
});
