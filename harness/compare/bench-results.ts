// A bench as its results: the runs with their configurations, verdicts and the exit code the CLI
// gives. One model for both ways in: what the library's bench() just ran, and loadResults() of a
// results folder written earlier (read as compare reads it, bench-data.ts).
import path from 'node:path';
import type { Expectation } from '../../schemas/index.js';
import { ExitCode, type ExitCodeValue } from '../errors.js';
import { summarizeConfigurations, type ConfigurationSummary } from '../measure/index.js';
import { checkExpectations, type Verdict } from '../report/verdicts.js';
import { validateSuite, formatProblems } from '../suite/index.js';
import { CompareInputError, readResolvedSuite, readResultsFolder, type BenchData } from './bench-data.js';

/** A bench's results: its runs (BenchData), their configurations and verdicts, and the exit code the CLI gives them. */
export interface BenchResults extends BenchData {
  /** The runs pooled per configuration (over seeds and repeats), as configurations.csv holds them. */
  configurations: ConfigurationSummary[];
  /** One per expectation of the suite (`expect`), as verdicts.csv holds them. */
  verdicts: Verdict[];
  /** Runs whose status is `failed`. */
  failedRuns: number;
  /** What `sambench bench` exits with for these results: 0, 1 (an expectation failed) or 3 (a run failed); see ExitCode. */
  exitCode: ExitCodeValue;
}

/** How results are judged. */
export interface JudgeOptions {
  /** An inconclusive verdict fails too (exit code 1), as `--strict` does. @default false */
  strict?: boolean;
}

// Inconclusive is not failed: it warns (see inconclusiveWarning), unless CI asked for --strict.
/** The exit code the verdicts call for: 1 if one failed, or with `strict` was inconclusive; else 0. */
export function verdictExitCode(verdicts: readonly Verdict[], strict: boolean): ExitCodeValue {
  const failing = verdicts.some((v) => v.outcome === 'fail' || (strict && v.outcome === 'inconclusive'));
  return failing ? ExitCode.expectationFailed : ExitCode.ok;
}

// The largest code wins (errors.ts): a failed run (3) over a failed expectation (1).
/** `data` judged against `expectations`: configurations, verdicts and the exit code. */
export function judgeBench(data: BenchData, expectations: Expectation[], { strict = false }: JudgeOptions = {}): BenchResults {
  const configurations = summarizeConfigurations(data.runs);
  const verdicts = checkExpectations(expectations, data.runs);
  const failedRuns = data.runs.filter((r) => r.status === 'failed').length;
  const exitCode = Math.max(verdictExitCode(verdicts, strict), failedRuns > 0 ? ExitCode.runsFailed : ExitCode.ok) as ExitCodeValue;
  return { ...data, configurations, verdicts, failedRuns, exitCode };
}

// The suite it was made with gives the expectations; a folder without one (older) has no verdicts.
/**
 * Reads a results folder (`results/<suite>/<stamp>`) into the model `bench()` returns, its verdicts
 * judged again from the runs and the suite the folder was made with.
 * @throws CompareInputError (exit code 2) when `folder` is not a results folder or a file in it is unreadable.
 */
export function loadResults(folder: string, options: JudgeOptions = {}): BenchResults {
  const data = readResultsFolder(folder);
  const resolved = readResolvedSuite(folder);
  if (resolved === null) return judgeBench(data, [], options);
  const { suite, problems } = validateSuite(resolved);
  if (problems.length > 0) throw new CompareInputError(formatProblems(path.join(folder, 'suite.resolved.json'), problems));
  return judgeBench(data, suite.expect ?? [], options);
}
