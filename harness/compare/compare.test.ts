// `compare` and `baseline` in-process on synthetic results folders: exit codes, what is
// printed, baselines written and read back, and the arguments that are refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { parseBaseline, writeBaseline } from './baseline-file.js';
import { readResultsFolder } from './bench-data.js';
import { main as baselineMain } from './baseline-cli.js';
import { main as compareMain } from './cli.js';
import { fakeSpec, spreadAround, standardRuns, writeResultsFolder } from './fixtures/bench.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-compare-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => path.join(dir, name);

let out: string[] = [];
let err: string[] = [];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

const reference = writeResultsFolder(at('reference'), 'fake', standardRuns(1, 1));
const rerun = writeResultsFolder(at('rerun'), 'fake', standardRuns(1, 11));
const slower = writeResultsFolder(at('slower'), 'fake', standardRuns(1.3, 21));

describe('compare', () => {
  test('a results folder against itself: every metric unchanged, exit 0', () => {
    expect(compareMain([reference, reference])).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/base-s0 +base step +\d+\.\d+ ms +\d+\.\d+ ms +\+0\.0% +Mann-Whitney p=1\.000 +unchanged/);
    for (const metric of ['SAM step', 'SAM/base ratio', 'slowdown', 'final accuracy']) expect(text).toContain(metric);
    expect(text).not.toMatch(/REGRESSED|improved/);
    expect(text).toContain('2 matched runs compared: no regression');
    expect(err).toEqual([]);
  });

  test('a rerun with the same distributions is not a regression', () => {
    expect(compareMain([reference, rerun])).toBe(0);
  });

  test('30 % slower steps: step times regressed, exit 1; --min-effect 0.5 lets it pass', () => {
    expect(compareMain([reference, slower])).toBe(1);
    const text = out.join('\n');
    expect(text).toMatch(/base-s0 +base step .* \+3\d\.\d% .* REGRESSED/);
    expect(text).toMatch(/SAM step .* REGRESSED/);
    expect(text).toContain('2 regressed: base-s0 (base step); sam-k2-s0 (base step, SAM step)');
    expect(compareMain([reference, slower, '--min-effect', '0.5'])).toBe(0);
  });

  test('unmatched runs are listed with the settings that differ; a different environment is warned about', () => {
    const runs = standardRuns(1, 31);
    runs.push({
      spec: fakeSpec('sam-k4-s0', 4, 'base-s0'),
      base: spreadAround(10, 24),
      sam: spreadAround(18, 6),
      env: { cpu: 'Other CPU', cores: 8 },
    });
    for (const r of runs) r.env = { cpu: 'Other CPU', cores: 8 };
    const other = writeResultsFolder(at('other-env'), 'fake', runs);
    expect(compareMain([reference, other])).toBe(0);
    expect(out.join('\n')).toMatch(
      /current runs with no baseline run of the same configuration[^\n]*\n {2}sam-k4-s0 \(closest: sam-k2-s0, differs in sam\.interval\)/,
    );
    expect(err.join('\n')).toContain(
      'different environments, so step times may differ for that reason alone: cpu "Test CPU" → "Other CPU"; cores 2 → 8',
    );
  });

  test('a run that finished in the baseline and failed now is a regression', () => {
    const runs = standardRuns(1, 41);
    runs[1] = { ...runs[1]!, failed: true };
    expect(compareMain([reference, writeResultsFolder(at('failed'), 'fake', runs)])).toBe(1);
    expect(out.join('\n')).toMatch(/sam-k2-s0 .* current run failed \(nan\) +REGRESSED/);
  });

  test.each([
    [['only-one'], 'expected <baseline> and <current>, got 1 argument: only-one'],
    [['a', 'b', '--min-effect', '5%'], '--min-effect must be a fraction ≥ 0 (0.05 = 5 %); got "5%"'],
    [['a', 'b', '--fast'], "Unknown option '--fast'"],
    [[path.join(os.tmpdir(), 'no-such-bench'), 'b'], 'no-such-bench: no such file or folder (expected a results folder'],
  ])('bad arguments %j exit 2', (argv, message) => {
    expect(compareMain(argv)).toBe(2);
    expect(err.join('\n')).toContain(message);
  });

  test('a file that is not a baseline, or a folder without runs, exits 2 naming it', () => {
    fs.writeFileSync(at('not-baseline.json'), '{"name": "smoke"}');
    expect(compareMain([at('not-baseline.json'), reference])).toBe(2);
    expect(err.join('\n')).toContain(`${at('not-baseline.json')} is not a sambench baseline: expected "format": "sambench-baseline"`);
    expect(compareMain([reference, dir])).toBe(2);
    expect(err.join('\n')).toContain(`${dir} is not a results folder: expected ${path.join(dir, 'runs')}/`);
  });

  test('benches with no configuration in common exit 2', () => {
    const unrelated = writeResultsFolder(at('unrelated'), 'fake', [
      { spec: fakeSpec('base-s9', null, null, 9), base: spreadAround(10, 30), sam: [] },
    ]);
    expect(compareMain([reference, unrelated])).toBe(2);
    expect(err.join('\n')).toContain('nothing was compared; if the suite changed on purpose, refresh the baseline');
  });
});

describe('baseline files', () => {
  test('`baseline` writes a compact file that compares like its results folder', () => {
    const file = at('baselines/fake.json');
    expect(baselineMain([reference, '--out', file])).toBe(0);
    expect(out.join('\n')).toMatch(/wrote .*fake\.json: suite fake, 2 runs, 60 measured steps/);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/"base": \[\d+\.\d+, \d+\.\d+/);
    const stored = parseBaseline(text, file);
    const folder = readResultsFolder(reference);
    expect(stored.runs.map((r) => r.spec)).toEqual(folder.runs.map((r) => r.spec));
    stored.runs.forEach((r, i) => r.stepsMs.base.forEach((ms, j) => expect(ms).toBeCloseTo(folder.runs[i]!.stepsMs.base[j]!, 3)));
    expect(compareMain([file, reference])).toBe(0);
    expect(out.join('\n')).toContain('(baseline of suite fake, created ');
    expect(compareMain([file, slower])).toBe(1);
  });

  test('a bench with a failed run makes no baseline', () => {
    const runs = standardRuns();
    runs[0] = { ...runs[0]!, failed: true };
    const bench = readResultsFolder(writeResultsFolder(at('with-failure'), 'fake', runs));
    expect(() => writeBaseline(bench, at('never.json'))).toThrow('a baseline needs every run finished; failed: base-s0 (nan)');
    expect(fs.existsSync(at('never.json'))).toBe(false);
  });

  test.each([
    ['{"format": "sambench-baseline", "version": 2}', 'baseline version 2 is not supported (expected 1)'],
    [
      '{"format": "sambench-baseline", "version": 1, "suite": "s", "createdAt": "x", "runs": [{"spec": {"id": "a"}, "status": "ok", "env": null, "stepsMs": {"base": ["1"], "sam": []}, "finalAccuracy": null}]}',
      '/runs/0/stepsMs must be',
    ],
    ['not json', 'is not a sambench baseline: not JSON'],
  ])('parseBaseline refuses %s', (text, message) => {
    expect(() => parseBaseline(text, 'b.json')).toThrow(message);
  });
});
