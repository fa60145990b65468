import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, expect, test, vi } from 'vitest';
import { readResultsFolder } from './bench-data.js';
import { standardRuns, writeResultsFolder } from './fixtures/bench.js';
import { appendHistory, readHistory, type HistoryLine } from './history.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-history-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

const results = writeResultsFolder(path.join(dir, 'bench'), 'fake', standardRuns());
const bench = readResultsFolder(results);
const file = path.join(dir, 'out', 'history.jsonl');

test('appends one compact JSON line per bench, with per-run medians, ratio, slowdown and accuracy', () => {
  const line = appendHistory(bench, { file, commit: 'abc1234', now: new Date('2026-01-02T03:04:05Z') });
  appendHistory(bench, { file, commit: null });
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  expect(lines).toHaveLength(2);
  expect(JSON.parse(lines[0]!)).toEqual(line);
  expect(line).toMatchObject({
    suite: 'fake',
    timestamp: '2026-01-02T03:04:05.000Z',
    commit: 'abc1234',
    results,
    env: { cpu: 'Test CPU', cores: 2, backend: 'tensorflow', nativeTensorflow: '2.21.0', tfjs: '4.22.0' },
  });
  const [base, sam] = line.runs;
  expect(base).toMatchObject({ id: 'base-s0', status: 'ok', samMedianMs: null, ratio: null, slowdown: null, finalAccuracy: 0.8 });
  expect(base!.baseMedianMs).toBeCloseTo(10, 0);
  expect(sam).toMatchObject({ id: 'sam-k2-s0', status: 'ok', finalAccuracy: 0.82 });
  expect(sam!.ratio).toBeCloseTo(1.8, 1);
  // slowdown = mean(10, 18) / 10 − 1
  expect(sam!.slowdown).toBeCloseTo(0.4, 1);
  expect((JSON.parse(lines[1]!) as HistoryLine).commit).toBeNull();
});

test('takes the commit from $GITHUB_SHA (CI) and the file from $SAMBENCH_HISTORY_FILE', () => {
  const other = path.join(dir, 'env-history.jsonl');
  vi.stubEnv('GITHUB_SHA', 'deadbeef');
  vi.stubEnv('SAMBENCH_HISTORY_FILE', other);
  expect(appendHistory(bench).commit).toBe('deadbeef');
  expect(fs.readFileSync(other, 'utf8').trim().split('\n')).toHaveLength(1);
});

test('writes the runs it is given, reading nothing back from disk', () => {
  const gone = { ...bench, source: path.join(dir, 'deleted-since'), runs: bench.runs.slice(1) };
  const line = appendHistory(gone, { file: path.join(dir, 'memory.jsonl'), commit: null });
  expect(line.results).toBe(gone.source);
  expect(line.runs.map((r) => r.id)).toEqual(['sam-k2-s0']);
  // the SAM run's figures are its RunResult's, rounded
  expect(line.runs[0]!.ratio).toBe(Number(bench.runs[1]!.stepRatio!.value.toFixed(4)));
});

test('a history cut mid-line by a crash: the next bench starts a fresh line, and reading skips only the cut one, naming its line', () => {
  const cut = path.join(dir, 'cut.jsonl');
  const first = appendHistory(bench, { file: cut, commit: 'a1' });
  fs.appendFileSync(cut, '{"suite":"fake","timest'); // what a kill mid-append leaves
  const third = appendHistory(bench, { file: cut, commit: 'c3' });
  const lines = fs.readFileSync(cut, 'utf8').split('\n');
  expect(lines).toHaveLength(4);
  expect(JSON.parse(lines[2]!)).toEqual(third);
  expect(readHistory(cut)).toEqual({
    lines: [first, third],
    skipped: [expect.stringMatching(new RegExp(`^${cut.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: not JSON \\(.*\\); skipped$`))],
  });
});

test('reading a history skips a line that is JSON but not a history line, and a missing file is an empty history', () => {
  const odd = path.join(dir, 'odd.jsonl');
  const line = appendHistory(bench, { file: odd, commit: null });
  fs.appendFileSync(odd, '[1,2]\n\n');
  appendHistory(bench, { file: odd, commit: null });
  const read = readHistory(odd);
  expect(read.lines).toEqual([line, { ...line, timestamp: read.lines[1]!.timestamp }]);
  expect(read.skipped).toEqual([`${odd}:2: not a history line (expected an object with "suite" and "runs"); skipped`]);
  expect(readHistory(path.join(dir, 'none.jsonl'))).toEqual({ lines: [], skipped: [] });
});
