// The line under the configurations table that names the configurations on the Pareto front:
// cheapest first, broken between labels to fit the terminal, absent without a front.
import { expect, test } from 'vitest';
import { fakeResult } from '../measure/fixtures/result.js';
import { summarizeConfigurations } from '../measure/index.js';
import { configurationsTable, paretoFrontLine } from './table.js';

const sam = (interval: number, rho: number, slowdown: number, accuracyGain: number) =>
  fakeResult({ interval, rho }, { slowdown, finalAccuracy: 0.7 + accuracyGain / 100, accuracyGain });
const withAccuracy = summarizeConfigurations([
  fakeResult(null, { finalAccuracy: 0.7 }),
  sam(1, 0.05, 0.9, 1.2),
  sam(2, 0.1, 0.45, 2),
  sam(10, 0.5, 0.1, 0.8),
]);

test('names the configurations on the front by increasing slowdown, under the table', () => {
  const line = 'Pareto front (slowdown vs accuracy gain): no SAM bs=8 lr=0.1; SAM k=10 rho=0.5 bs=8 lr=0.1; SAM k=2 rho=0.1 bs=8 lr=0.1';
  expect(paretoFrontLine(withAccuracy, { width: 200, color: false })).toBe(line);
  expect(configurationsTable(withAccuracy, { width: 200, color: false }).split('\n').at(-1)).toBe(line);
});

test('a narrow terminal breaks the line between labels, never inside one', () => {
  expect(paretoFrontLine(withAccuracy, { width: 64, color: false })!.split('\n')).toEqual([
    'Pareto front (slowdown vs accuracy gain): no SAM bs=8 lr=0.1;',
    '  SAM k=10 rho=0.5 bs=8 lr=0.1; SAM k=2 rho=0.1 bs=8 lr=0.1',
  ]);
});

test('no line without accuracy', () => {
  const timed = summarizeConfigurations([fakeResult(null), fakeResult({ interval: 10, rho: 0.5 })]);
  expect(paretoFrontLine(timed)).toBeNull();
  expect(configurationsTable(timed)).not.toContain('Pareto front');
});
