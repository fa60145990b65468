// `compare` and `baseline` in-process on synthetic results folders: exit codes, what is
// printed, baselines written and read back, and the arguments that are refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { parseBaseline, portableSource, writeBaseline } from './baseline-file.js';
import { readResultsFolder } from './bench-data.js';
import { SambenchError } from '../errors.js';
import { main as baselineMain } from './baseline-cli.js';
import { main as compareMain } from './cli.js';
import { recordBenchStart } from '../provenance.js';
import { fakeSpec, repeatedRuns, spreadAround, standardRuns, writeResultsFolder } from './fixtures/bench.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-compare-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => path.join(dir, name);

// A refused input ends a command by a throw; runIfEntry prints it as `name: message` and exits 2.
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (!(error instanceof SambenchError)) throw error;
    expect(error.exitCode).toBe(2);
    return error.message;
  }
  throw new Error('expected a SambenchError, but the command returned');
}

let out: string[] = [];
let err: string[] = [];
beforeEach(() => {
  out = [];
  err = [];
  // Every line goes through terminal-output.ts: one write of the line and its newline.
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk).replace(/\n$/, '')) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk).replace(/\n$/, '')) > 0);
});
afterEach(() => vi.restoreAllMocks());

const reference = writeResultsFolder(at('reference'), 'fake', standardRuns(1, 1));
const rerun = writeResultsFolder(at('rerun'), 'fake', standardRuns(1, 11));
const slower = writeResultsFolder(at('slower'), 'fake', standardRuns(1.3, 21));
// Three processes per configuration, a few percent apart, as a suite with repeats: 3 makes them.
const repeated = writeResultsFolder(at('repeated'), 'fake', repeatedRuns([1, 1.02, 0.98], 51));
const repeatedSlower = writeResultsFolder(at('repeated-slower'), 'fake', repeatedRuns([1.3, 1.326, 1.274], 61));

describe('compare', () => {
  test('a results folder against itself: every metric unchanged, exit 0', () => {
    expect(compareMain([reference, reference])).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(
      /base-s0 +base step +1 vs 1 +\d+\.\d+ ms +\d+\.\d+ ms +\+0\.0% +Mann-Whitney p=1\.000 +unknown +unchanged \(one process per side\)/,
    );
    for (const metric of ['SAM step', 'SAM/base ratio', 'slowdown', 'final accuracy']) expect(text).toContain(metric);
    expect(text).not.toMatch(/ (REGRESSED|improved|unresolved)( \(|$)/m);
    expect(text).toContain('With one process per side the MDE is unknown');
    expect(text).toContain('2 matched configurations compared: no regression');
    expect(err).toEqual([]);
  });

  test('a rerun with the same distributions is not a regression', () => {
    expect(compareMain([reference, rerun])).toBe(0);
  });

  test('30 % slower steps with one process per side: unresolved, never REGRESSED, exit 0', () => {
    expect(compareMain([reference, slower])).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/base-s0 +base step +1 vs 1 .* \+3\d\.\d% +Mann-Whitney p=\S+ +unknown +unresolved \(one process per side\)/);
    expect(text).not.toContain('REGRESSED (');
    expect(text).toContain('2 matched configurations compared: no regression; 3 unresolved (one process per side)');
  });

  test('30 % slower steps with 3 processes per side: step times regressed, exit 1; --min-effect 0.5 lets it pass', () => {
    expect(compareMain([repeated, repeated])).toBe(0);
    expect(compareMain([repeated, repeatedSlower])).toBe(1);
    const text = out.join('\n');
    expect(text).toMatch(/base-s0 +base step +3 vs 3 .* \+3\d\.\d% +change 99% CI \[\+\d+\.\d, \+\d+\.\d\]% +\d+\.\d% +REGRESSED/);
    expect(text).toMatch(/SAM step .* REGRESSED/);
    expect(text).toContain('2 matched configurations compared: 2 regressed: base-s0 (base step); sam-k2-s0 (base step, SAM step)');
    expect(text).toMatch(/unchanged means: no change of at least the MDE, .* \(here up to base step \d+\.\d%, SAM step/);
    expect(compareMain([repeated, repeatedSlower, '--min-effect', '0.5'])).toBe(0);
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
      /current configurations with no baseline run of the same configuration[^\n]*\n {2}sam-k4-s0 \(closest: sam-k2-s0, differs in sam\.interval\)/,
    );
    expect(err.join('\n')).toContain(
      'measured on different hardware (cpu "Test CPU" → "Other CPU"; cores 2 → 8): step times in ms are not compared, only the machine-independent figures (SAM/base ratio, slowdown, accuracy)',
    );
    expect(out.join('\n')).not.toMatch(/ (base|SAM) step /);
    expect(out.join('\n')).toMatch(/SAM\/base ratio/);
  });

  test('a software difference alone keeps step times compared, with a warning', () => {
    const runs = standardRuns(1, 33);
    for (const r of runs) r.env = { tfjs: '9.9.9' };
    expect(compareMain([reference, writeResultsFolder(at('other-tfjs'), 'fake', runs)])).toBe(0);
    expect(err.join('\n')).toContain('different environments, so step times may differ for that reason alone: tfjs');
    expect(out.join('\n')).toMatch(/ base step /);
  });

  test('a run that finished in the baseline and failed now is a regression', () => {
    const runs = standardRuns(1, 41);
    runs[1] = { ...runs[1]!, failed: true };
    expect(compareMain([reference, writeResultsFolder(at('failed'), 'fake', runs)])).toBe(1);
    expect(out.join('\n')).toMatch(/sam-k2-s0 .* current run failed \(nan\) +- +REGRESSED/);
  });

  test('a run whose log holds only done is not dropped: compare names it as failed and says why', () => {
    const folder = writeResultsFolder(at('done-only'), 'fake', standardRuns(1, 31));
    fs.writeFileSync(path.join(folder, 'runs', 'sam-k2-s0.jsonl'), '{"type":"done","steps":0,"wallMs":0}\n');
    expect(compareMain([reference, folder])).toBe(1);
    const text = out.join('\n');
    expect(text).toMatch(/sam-k2-s0 .* current run failed \(incomplete\) +- +REGRESSED/);
    expect(text).toContain(
      'failed processes (left out of the samples):\n  current sam-k2-s0 (incomplete: the log holds 0 measured steps where the spec plans 30; redo the run (--resume redoes it))',
    );
    expect(() => writeBaseline(readResultsFolder(folder), at('never-done-only.json'))).toThrow(
      'a baseline needs every run finished; failed: sam-k2-s0 (incomplete: the log holds 0 measured steps where the spec plans 30',
    );
  });

  test('compare says which code made each side when the folders say (bench.json), and a baseline file keeps it', () => {
    const made = (name: string, commit: string, suite: string) => {
      const folder = writeResultsFolder(at(name), 'fake', standardRuns(1, 71));
      const code = { sambench: '0.1.0', commit, dirty: false, node: 'v20.0.0' };
      recordBenchStart(folder, { suiteName: 'fake', suiteFile: 'fake.json', resolvedSuite: suite, resume: false, code, command: [] });
      return folder;
    };
    const before = made('commit-a', 'a'.repeat(40), '{"name": "fake"}');
    const after = made('commit-b', 'b'.repeat(40), '{"name": "fake", "description": "x"}');
    expect(compareMain([before, after])).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('code:     baseline sambench 0.1.0, commit aaaaaaaaaaaa → current sambench 0.1.0, commit bbbbbbbbbbbb');
    expect(text).toMatch(/suite: +the resolved suites differ \(sha256 [0-9a-f]{16} → [0-9a-f]{16}\)/);
    out = [];
    expect(compareMain([before, before])).toBe(0);
    expect(out.join('\n')).toContain('code:     the same for both (sambench 0.1.0, commit aaaaaaaaaaaa)');
    const file = writeBaseline(readResultsFolder(before), at('with-provenance.json'));
    expect(parseBaseline(fs.readFileSync(file, 'utf8'), file).provenance).toMatchObject({ commit: 'a'.repeat(40), command: [] });
  });

  test.each([
    [['only-one'], 'expected <baseline> and <current>, got 1 argument: only-one'],
    [['a', 'b', '--min-effect', '5%'], '--min-effect must be a fraction ≥ 0 (0.05 = 5 %); got "5%"'],
    [['a', 'b', '--fast'], 'unknown option --fast; --help lists the options'],
    [[path.join(os.tmpdir(), 'no-such-bench'), 'b'], 'no-such-bench: no such file or folder (expected a results folder'],
  ])('bad arguments %j exit 2', (argv, message) => {
    expect(refusal(() => compareMain(argv))).toContain(message);
  });

  test('a file that is not a baseline, or a folder without runs, exits 2 naming it', () => {
    fs.writeFileSync(at('not-baseline.json'), '{"name": "smoke"}');
    expect(refusal(() => compareMain([at('not-baseline.json'), reference]))).toContain(
      `${at('not-baseline.json')} is not a sambench baseline: expected "format": "sambench-baseline"`,
    );
    expect(refusal(() => compareMain([reference, dir]))).toContain(`${dir} is not a results folder: expected ${path.join(dir, 'runs')}/`);
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
  test('`baseline --out` naming a file that is not a baseline (the suite) is refused, exit 2, the file untouched; a baseline is replaced', () => {
    const suite = at('my-suite.json');
    fs.writeFileSync(suite, '{"name": "fake"}\n');
    expect(() => baselineMain([reference, '--out', suite])).toThrow(
      `${suite} exists and is not a sambench baseline (it does not begin with "format": "sambench-baseline"); writing the baseline would replace it: give another --out, or move that file away`,
    );
    expect(fs.readFileSync(suite, 'utf8')).toBe('{"name": "fake"}\n');
    const baseline = at('baselines/replaced.json');
    expect(baselineMain([reference, '--out', baseline])).toBe(0);
    expect(baselineMain([rerun, '--out', baseline])).toBe(0);
    expect(JSON.parse(fs.readFileSync(baseline, 'utf8'))).toMatchObject({ from: 'rerun' });
  });

  test('`baseline` writes a compact file that compares like its results folder', () => {
    const file = at('baselines/fake.json');
    expect(baselineMain([reference, '--out', file])).toBe(0);
    expect(out.join('\n')).toMatch(/wrote .*fake\.json: suite fake, 2 runs, 60 measured steps/);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/"base": \[\d+\.\d+, \d+\.\d+/);
    // Outside the project (a temporary folder here), only the folder's name is kept.
    expect(JSON.parse(text)).toMatchObject({ from: 'reference' });
    const stored = parseBaseline(text, file);
    const folder = readResultsFolder(reference);
    expect(stored.runs.map((r) => r.spec)).toEqual(folder.runs.map((r) => r.spec));
    stored.runs.forEach((r, i) => r.stepsMs.base.forEach((ms, j) => expect(ms).toBeCloseTo(folder.runs[i]!.stepsMs.base[j]!, 3)));
    expect(compareMain([file, reference])).toBe(0);
    expect(out.join('\n')).toContain('(baseline of suite fake, created ');
    expect(compareMain([file, slower])).toBe(0);
    // A baseline of three processes per configuration pools them as a results folder does.
    const repeatedFile = at('baselines/fake-repeated.json');
    expect(baselineMain([repeated, '--out', repeatedFile])).toBe(0);
    expect(compareMain([repeatedFile, repeated])).toBe(0);
    expect(compareMain([repeatedFile, repeatedSlower])).toBe(1);
  });

  test('"from" is relative inside the project and a folder name outside it, never an absolute path', () => {
    expect(portableSource('/work/project/results/smoke/2026-01-01', '/work/project')).toBe('results/smoke/2026-01-01');
    expect(portableSource('/tmp/smokeA', '/work/project')).toBe('smokeA');
  });

  test('a bench with a failed run makes no baseline', () => {
    const runs = standardRuns();
    runs[0] = { ...runs[0]!, failed: true };
    const bench = readResultsFolder(writeResultsFolder(at('with-failure'), 'fake', runs));
    expect(() => writeBaseline(bench, at('never.json'))).toThrow(
      'a baseline needs every run finished; failed: base-s0 (nan: training loss is NaN)',
    );
    expect(fs.existsSync(at('never.json'))).toBe(false);
  });

  test.each([
    ['{"format": "sambench-baseline", "version": 2}', 'baseline version 2 is not supported (expected 1)'],
    [
      '{"format": "sambench-baseline", "version": 1, "suite": "s", "createdAt": "x", "runs": [{"spec": {"id": "a"}, "status": "ok", "env": null, "stepsMs": {"base": ["1"], "sam": []}, "finalAccuracy": null}]}',
      '/runs/0/stepsMs/base/0 must be a number (got "1") (run "a")',
    ],
    [
      '{"format": "sambench-baseline", "version": 1, "suite": "s", "createdAt": "x", "runs": [{"spec": {"id": "a"}, "status": "ok", "env": null, "stepsMs": {"base": [0, 1], "sam": []}, "finalAccuracy": null}]}',
      '/runs/0/stepsMs/base/0 must be > 0 (got 0) (run "a")',
    ],
    ['not json', 'is not a sambench baseline: not JSON'],
  ])('parseBaseline refuses %s', (text, message) => {
    expect(() => parseBaseline(text, 'b.json')).toThrow(message);
  });
});
