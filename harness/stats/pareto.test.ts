// The Pareto front on hand-checkable points: dominated ones out, ties kept, order by cost.
import { expect, test } from 'vitest';
import { paretoFront } from './pareto.js';

const p = (cost: number, gain: number) => ({ cost, gain });

test('keeps the points no other point beats on both axes, by increasing cost', () => {
  const points = [p(0.9, 1.2), p(0, 0), p(0.45, 2), p(0.1, 0.8), p(0.2, 0.5)];
  expect(paretoFront(points)).toEqual([1, 3, 2]); // 0.9 loses to 0.45 (cheaper, better); 0.2 to 0.1
});

test('a point dominated on one axis and tied on the other is off; equal points are all on', () => {
  // (0.1, 1) beats (0.1, 0.5) on gain at the same cost and (0.3, 1) on cost at the same gain.
  expect(paretoFront([p(0.1, 0.5), p(0.1, 1), p(0.3, 1)])).toEqual([1]);
  // Two configurations at the same point: neither is strictly better, both are on the front.
  expect(paretoFront([p(0.2, 1), p(0, 0), p(0.2, 1)])).toEqual([1, 0, 2]);
});

test('the origin is on the front unless something costs nothing and gains; a loss that costs is off', () => {
  expect(paretoFront([p(0, 0), p(0.5, -1)])).toEqual([0]);
  expect(paretoFront([p(0, 0), p(0, 0.5), p(0.5, 2)])).toEqual([1, 2]);
  // A cheaper-than-baseline point (negative slowdown: noise) with a gain beats the origin.
  expect(paretoFront([p(0, 0), p(-0.01, 0.2)])).toEqual([1]);
  expect(paretoFront([])).toEqual([]);
});
