import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, expect, test, vi } from 'vitest';
import { standardRuns, writeResultsFolder } from './fixtures/bench.js';
import { appendHistory, type HistoryLine } from './history.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-history-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

const results = writeResultsFolder(path.join(dir, 'bench'), 'fake', standardRuns());
const file = path.join(dir, 'out', 'history.jsonl');

test('appends one compact JSON line per bench, with per-run medians, ratio, slowdown and accuracy', () => {
  const line = appendHistory(results, { file, commit: 'abc1234', now: new Date('2026-01-02T03:04:05Z') });
  appendHistory(results, { file, commit: null });
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  expect(lines).toHaveLength(2);
  expect(JSON.parse(lines[0]!)).toEqual(line);
  expect(line).toMatchObject({ suite: 'fake', timestamp: '2026-01-02T03:04:05.000Z', commit: 'abc1234', results, env: { cpu: 'Test CPU', cores: 2, backend: 'tensorflow', nativeTensorflow: '2.21.0', tfjs: '4.22.0' } });
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
  expect(appendHistory(results).commit).toBe('deadbeef');
  expect(fs.readFileSync(other, 'utf8').trim().split('\n')).toHaveLength(1);
});

test('a folder that is not a bench is refused, and nothing is written', () => {
  expect(() => appendHistory(path.join(dir, 'nope'), { file, commit: null })).toThrow('no such folder');
});
