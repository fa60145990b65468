import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { readResultsFolder } from '../harness/compare/index.js';
import { repeatedRuns, standardRuns, writeResultsFolder } from '../harness/compare/fixtures/bench.js';
import { historyLineOf } from '../harness/history/index.js';
import { resampledNight, roundsOf } from './night-resample.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-night-resample-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
// Three rounds, round k's steps scaled by 1, 1.1, 1.2.
const bench = readResultsFolder(writeResultsFolder(path.join(dir, 'bench'), 'fake', repeatedRuns([1, 1.1, 1.2])));

test('a bench splits into its rounds: each a no-SAM process and the SAM process paired with it', () => {
  const rounds = roundsOf(bench);
  expect(rounds.map((r) => r.map((run) => run.spec.id))).toEqual([
    ['base-s0-r0', 'sam-k2-s0-r0'],
    ['base-s0-r1', 'sam-k2-s0-r1'],
    ['base-s0-r2', 'sam-k2-s0-r2'],
  ]);
  const single = readResultsFolder(writeResultsFolder(path.join(dir, 'single'), 'fake', standardRuns()));
  expect(roundsOf(single).map((r) => r.map((run) => run.spec.id))).toEqual([['base-s0', 'sam-k2-s0']]);
});

test('a night draws whole rounds and renumbers them, keeping each SAM process paired with its own no-SAM process', () => {
  const rounds = roundsOf(bench);
  // random() = 0.9 draws the last round (1.2 times as slow) every time.
  const night = resampledNight(bench, rounds, 4, () => 0.9);
  expect(night.runs.map((r) => [r.spec.id, r.spec.repeat, r.spec.baselineId])).toEqual([
    ['base-s0-r0', 0, null],
    ['sam-k2-s0-r0', 0, 'base-s0-r0'],
    ['base-s0-r1', 1, null],
    ['sam-k2-s0-r1', 1, 'base-s0-r1'],
    ['base-s0-r2', 2, null],
    ['sam-k2-s0-r2', 2, 'base-s0-r2'],
    ['base-s0-r3', 3, null],
    ['sam-k2-s0-r3', 3, 'base-s0-r3'],
  ]);
  const line = historyLineOf(night, { results: '', timestamp: '2026-01-01T00:00:00.000Z', commit: null });
  const [base, sam] = line.configurations;
  expect(base!.processes).toBe(4);
  // Every process is round 2's: four equal values, and each SAM process's slowdown is against round 2's no-SAM process.
  expect(new Set(base!.values.baseStepMs).size).toBe(1);
  expect(base!.values.baseStepMs[0]).toBeCloseTo(
    historyLineOf(bench, { results: '', timestamp: '', commit: null }).configurations[0]!.values.baseStepMs[2]!,
    6,
  );
  expect(sam!.values.slowdown).toHaveLength(4);
  for (const s of sam!.values.slowdown) expect(s).toBeCloseTo(0.4, 1);
});
