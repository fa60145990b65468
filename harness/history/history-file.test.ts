import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, expect, test, vi } from 'vitest';
import { readResultsFolder } from '../compare/index.js';
import { repeatedRuns, standardRuns, writeResultsFolder } from '../compare/fixtures/bench.js';
import { checkHistoryLine } from '../../schemas/index.js';
import { appendHistory, readHistory } from './history-file.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-history-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

const bench = readResultsFolder(writeResultsFolder(path.join(dir, 'bench'), 'fake', standardRuns()));
// Three processes per configuration, the third 20 % slower than the first.
const repeated = readResultsFolder(writeResultsFolder(path.join(dir, 'repeated'), 'fake', repeatedRuns([1, 1.1, 1.2])));
const file = path.join(dir, 'out', 'history.jsonl');

test('appends one version-2 line per bench: per configuration, a value per process of each metric, pooled estimates, accuracy', () => {
  const line = appendHistory(repeated, { file, commit: 'abc1234', now: new Date('2026-01-02T03:04:05Z') });
  expect(JSON.parse(fs.readFileSync(file, 'utf8').trim())).toEqual(line);
  expect(checkHistoryLine(line)).toEqual({ ok: true, line });
  expect(line).toMatchObject({
    version: 2,
    suite: 'fake',
    timestamp: '2026-01-02T03:04:05.000Z',
    commit: 'abc1234',
    machine: 'Test CPU · 2 cores · tensorflow TensorFlow 2.21.0 · linux-x64',
    env: { cpu: 'Test CPU', cores: 2, backend: 'tensorflow', nativeTensorflow: '2.21.0', tfjs: '4.22.0' },
  });
  const [base, sam] = line.configurations;
  expect(base).toMatchObject({ id: 'base-s0', processes: 3, failed: 0, accuracy: 0.8, stepRatio: null, slowdown: null });
  // The base processes' median steps scale with 1, 1.1, 1.2 around 10 ms.
  expect(base!.values.baseStepMs).toHaveLength(3);
  expect(base!.values.baseStepMs[1]! / base!.values.baseStepMs[0]!).toBeCloseTo(1.1, 1);
  expect(base!.values.baseStepMs[2]! / base!.values.baseStepMs[0]!).toBeCloseTo(1.2, 1);
  expect(sam).toMatchObject({ id: 'sam-k2-s0', processes: 3, failed: 0, accuracy: 0.82 });
  // Each SAM process: ratio ≈ 18 / 10; slowdown against its round's no-SAM process = mean(10, 18) / 10 − 1.
  for (const ratio of sam!.values.stepRatio) expect(ratio).toBeCloseTo(1.8, 1);
  for (const slowdown of sam!.values.slowdown) expect(slowdown).toBeCloseTo(0.4, 1);
  expect(sam!.stepRatio!.value).toBeCloseTo(1.8, 1);
  expect(sam!.stepRatio!.ci95[0]).toBeLessThan(sam!.stepRatio!.value);
  expect(sam!.stepRatio!.ci95[1]).toBeGreaterThan(sam!.stepRatio!.value);
});

test('takes the commit from $GITHUB_SHA (CI) and the file from $SAMBENCH_HISTORY_FILE; ab records what it benched against', () => {
  const other = path.join(dir, 'env-history.jsonl');
  vi.stubEnv('GITHUB_SHA', 'deadbeef');
  vi.stubEnv('SAMBENCH_HISTORY_FILE', other);
  expect(appendHistory(bench).commit).toBe('deadbeef');
  const ab = appendHistory(bench, { against: { commit: 'c0ffee', regressed: true } });
  expect(ab.against).toEqual({ commit: 'c0ffee', regressed: true });
  expect(readHistory(other).lines.map((l) => l.against ?? null)).toEqual([null, { commit: 'c0ffee', regressed: true }]);
});

test('reads lines written before versions (version 1) as version 2: repeated runs grouped into their configuration', () => {
  const v1 = path.join(import.meta.dirname, 'fixtures', 'v1-lines.jsonl');
  const { lines, skipped } = readHistory(v1);
  expect(skipped).toEqual([]);
  expect(lines).toHaveLength(2);
  const [golden, memory] = lines;
  // The golden bench's first line, by hand: base-bs32-lr0.05-s0 ran once, 5.819 ms, accuracy 0.758.
  expect(golden).toMatchObject({
    version: 2,
    suite: 'golden',
    commit: null,
    minEffect: null,
    machine: 'AMD EPYC · 2 cores · tensorflow TensorFlow 2.21.0 · linux-x64',
  });
  expect(golden!.configurations[0]).toEqual({
    id: 'base-bs32-lr0.05-s0',
    processes: 1,
    failed: 0,
    values: { baseStepMs: [5.819], samStepMs: [], stepRatio: [], slowdown: [], slowdownWithinRun: [] },
    stepRatio: null,
    slowdown: null,
    slowdownWithinRun: null,
    accuracy: 0.758,
  });
  // A real line of a bench with repeats (-r0, -r1, …): one configuration per run id without its round.
  const base = memory!.configurations[0]!;
  expect(base.id).toBe('base-bs32-lr0.01-s0');
  expect(base.processes).toBe(2);
  expect(base.values.baseStepMs).toEqual([75.315, 75.995]);
  // Its pooled ratio: the mean of the SAM processes' ratios with a t-interval, computed here by hand from the line.
  const sam = memory!.configurations[1]!;
  const ratios = sam.values.stepRatio;
  const m = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  expect(sam.stepRatio!.value).toBeCloseTo(m, 10);
  expect(sam.slowdownWithinRun).toBeNull();
  for (const line of lines) expect(checkHistoryLine(line).ok).toBe(true);
});

test('a history cut mid-line by a crash: the next bench starts a fresh line, and reading skips only the cut one, naming its line', () => {
  const cut = path.join(dir, 'cut.jsonl');
  const first = appendHistory(bench, { file: cut, commit: 'a1' });
  fs.appendFileSync(cut, '{"version":2,"suite":"fake","timest'); // what a kill mid-append leaves
  const third = appendHistory(bench, { file: cut, commit: 'c3' });
  expect(fs.readFileSync(cut, 'utf8').split('\n')).toHaveLength(4);
  const read = readHistory(cut);
  expect(read.lines).toEqual([first, third]);
  expect(read.skipped).toHaveLength(1);
  expect(read.skipped[0]).toMatch(/:2: not JSON \(.*\); skipped$/);
});

test('a line that is JSON but not a history line of either version is skipped and named with the schema problem', () => {
  const odd = path.join(dir, 'odd.jsonl');
  const line = appendHistory(bench, { file: odd, commit: null });
  fs.appendFileSync(odd, '[1,2]\n\n');
  fs.appendFileSync(odd, `${JSON.stringify({ ...line, configurations: 'none' })}\n`);
  fs.appendFileSync(odd, `${JSON.stringify({ suite: 'old', timestamp: 'x' })}\n`);
  const read = readHistory(odd);
  expect(read.lines).toEqual([line]);
  expect(read.skipped).toEqual([
    `${odd}:2: not a history line (/ must be object); skipped`,
    `${odd}:4: not a history line (/configurations must be array); skipped`,
    `${odd}:5: not a history line (/ must have required property 'runs'); skipped`,
  ]);
  expect(readHistory(path.join(dir, 'none.jsonl'))).toEqual({ lines: [], skipped: [] });
});
