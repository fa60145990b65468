// loadResults() and compare() of the library on the committed golden results folders: the same
// verdicts and configurations the bench wrote (expected/*.csv), the exit codes the CLIs give.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, test } from 'vitest';
import { ExitCode } from '../errors.js';
import { judgeBench, loadResults, verdictExitCode } from './bench-results.js';
import { CompareInputError } from './bench-data.js';
import { compare } from './compare-inputs.js';

const GOLDEN = path.join(import.meta.dirname, '..', 'fixtures', 'golden-results');
const [A, B] = [path.join(GOLDEN, 'a'), path.join(GOLDEN, 'b')];
const expected = (file: string) =>
  parse<Record<string, string>>(fs.readFileSync(path.join(GOLDEN, 'expected', file), 'utf8'), { columns: true });
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-results-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('loadResults', () => {
  test('a results folder reads back as the bench wrote it: its runs, configurations and verdicts', () => {
    const results = loadResults(A);
    expect(results.suite).toBe('golden');
    expect(results.source).toBe(A);
    expect(results.runs.map((r) => r.spec.id)).toEqual(
      expected('summary.csv')
        .map((r) => r.run_id)
        .sort(),
    );
    expect(results.configurations.map((c) => c.label).sort()).toEqual(
      expected('configurations.csv')
        .map((c) => c.configuration)
        .sort(),
    );
    expect(results.verdicts.map((v) => [v.expectation, v.outcome])).toEqual(
      expected('verdicts.csv').map((v) => [v.expectation, v.outcome]),
    );
    expect(results.failedRuns).toBe(0);
    expect(results.exitCode).toBe(verdictExitCode(results.verdicts, false));
  });

  test('strict: an inconclusive verdict fails (exit code 1), as --strict', () => {
    expect(loadResults(A).verdicts.some((v) => v.outcome === 'inconclusive')).toBe(true);
    expect(loadResults(A, { strict: true }).exitCode).toBe(ExitCode.expectationFailed);
  });

  test('a failed run gives exit code 3, over a failed expectation', () => {
    const data = loadResults(A);
    const runs = data.runs.map((r, i) => (i === 0 ? { ...r, status: 'failed' as const, reason: 'crash' as const } : r));
    const judged = judgeBench({ ...data, runs }, [{ kind: 'step-ratio', range: { max: 0 } }]);
    expect([judged.failedRuns, judged.verdicts[0]!.outcome, judged.exitCode]).toEqual([1, 'fail', ExitCode.runsFailed]);
  });

  test('a folder without suite.resolved.json (an older bench) has no verdicts', () => {
    const older = path.join(scratch, 'older');
    fs.cpSync(path.join(A, 'runs'), path.join(older, 'runs'), { recursive: true });
    const results = loadResults(older);
    expect([results.suite, results.verdicts, results.runs.length]).toEqual(['golden', [], 6]);
  });

  test('not a results folder: CompareInputError, exit code 2, as compare says', () => {
    const error = (() => {
      try {
        loadResults(GOLDEN);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(CompareInputError);
    expect((error as CompareInputError).exitCode).toBe(ExitCode.badInput);
    expect((error as CompareInputError).message).toContain('is not a results folder');
  });
});

describe('compare', () => {
  test('two folders: the comparison compare prints (minimum effect: the current suite’s regression.minEffect), and its exit code', () => {
    const comparison = compare(A, B);
    expect(comparison.configurations.length).toBeGreaterThan(0);
    expect(comparison.options.minEffect).toBe(0.1);
    expect(comparison.exitCode).toBe(comparison.regressions > 0 ? ExitCode.expectationFailed : ExitCode.ok);
  });

  test('a bench in hand compares as its folder does; options are compare’s flags', () => {
    const fromFolder = compare(A, B, { minEffect: 0.3 });
    const fromData = compare(loadResults(A), loadResults(B), { minEffect: 0.3 });
    expect(fromData.options).toEqual(fromFolder.options);
    expect(fromData.configurations.map((c) => c.metrics.map((m) => m.verdict))).toEqual(
      fromFolder.configurations.map((c) => c.metrics.map((m) => m.verdict)),
    );
    expect(fromData.exitCode).toBe(fromFolder.exitCode);
  });

  test('no configuration in common: nothing compared, exit code 2', () => {
    const a = loadResults(A);
    const other = { ...a, runs: a.runs.map((r) => ({ ...r, spec: { ...r.spec, dataset: { ...r.spec.dataset, batchSize: 999 } } })) };
    const comparison = compare(a, other);
    expect([comparison.configurations.length, comparison.exitCode]).toEqual([0, ExitCode.badInput]);
  });
});
