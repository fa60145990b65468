#!/usr/bin/env node
// sambench's command line: suite file → runs (one worker process each) → one RunResult per run
// → verdicts, CSVs, report.html, a terminal report and a history line. Sets process.exitCode (see errors.ts) and returns.
import fs from 'node:fs';
import path from 'node:path';
import { runIfEntry } from './command-line.js';
import { USAGE, parseCliArgs, type CliArgs } from './cli/args.js';
import { ExitCode, UsageError, type ExitCodeValue } from './errors.js';
import { appendHistory } from './compare/history.js';
import { prepareOutDir, timestamp } from './cli/out-dir.js';
import { runBench } from './cli/run-bench.js';
import { summarizeConfigurations } from './measure/index.js';
import { busyMachineWarning } from './report/busy-machine.js';
import { writeCsvReports } from './report/csv.js';
import { writeReport } from './report/html/index.js';
import { configurationsTable, runsTable, verdictTable } from './report/table.js';
import { inconclusiveWarning } from './report/verdict-wording.js';
import { checkExpectations, type Verdict } from './report/verdicts.js';
import { PROJECT_ROOT } from './paths.js';
import { preflight } from './launch/preflight.js';
import { SuiteError, formatProblem, loadSuite, type LoadedSuite } from './suite/index.js';

function describeRun(run: LoadedSuite['runs'][number]): string {
  const sam = run.sam ? `SAM interval=${run.sam.interval} rho=${run.sam.rho}${run.sam.adaptive ? ' adaptive' : ''}` : 'no SAM (baseline)';
  return `${run.id}  ${run.model.name} on ${run.dataset.name} batch=${run.dataset.batchSize} lr=${run.optimizer.learningRate} seed=${run.seed}  ${sam}  steps=${run.steps.warmup}+${run.steps.measured}`;
}

// Specs for workers started elsewhere (a GPU node with Python only); --out DIR --resume takes
// their event logs in afterwards.
function exportSpecs(dir: string, loaded: LoadedSuite): void {
  const out = prepareOutDir(dir, false, loaded);
  for (const run of loaded.runs) fs.writeFileSync(path.join(out, 'runs', `${run.id}.spec.json`), `${JSON.stringify(run, null, 2)}\n`);
  console.log(`${loaded.runs.length} run specs in ${path.join(out, 'runs')}; run each with its worker from a sambench checkout, e.g.`);
  console.log(
    `  python -m harness.worker.pytorch.main ${path.join(out, 'runs', `${loaded.runs[0]!.id}.spec.json`)} > ${path.join(out, 'runs', `${loaded.runs[0]!.id}.jsonl`)}`,
  );
  console.log(`then: npm run bench -- ${loaded.file} --out ${out} --resume`);
}

// Inconclusive is not failed: it warns (see inconclusiveWarning), unless CI asked for --strict.
/** The exit code the verdicts call for: 1 if one failed, or with `strict` was inconclusive; else 0. */
export function verdictExitCode(verdicts: readonly Verdict[], strict: boolean): ExitCodeValue {
  const failing = verdicts.some((v) => v.outcome === 'fail' || (strict && v.outcome === 'inconclusive'));
  return failing ? ExitCode.expectationFailed : ExitCode.ok;
}

/** Runs the CLI on `argv` (without node and script); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let args: CliArgs | null;
  let loaded: LoadedSuite;
  let out: string;
  try {
    args = parseCliArgs(argv);
    if (args === null) {
      console.log(USAGE);
      return ExitCode.ok;
    }
    loaded = loadSuite(args.suiteFile, { allowMissingData: args.dryRun || args.exportTo !== null });
    for (const warning of loaded.warnings.filter((w) => w.deprecated)) console.error(`warning: ${formatProblem(args.suiteFile, warning)}`);
    if (args.dryRun) {
      for (const warning of loaded.warnings.filter((w) => w.missingData))
        console.error(`warning (a real run stops here): ${args.suiteFile} ${warning.pointer} ${warning.message}`);
      for (const run of loaded.runs) console.log(describeRun(run));
      console.error(`${loaded.runs.length} runs (dry run: nothing started)`);
      return ExitCode.ok;
    }
    if (args.exportTo) {
      exportSpecs(args.exportTo, loaded);
      return ExitCode.ok;
    }
    preflight(loaded);
    out = prepareOutDir(args.out ?? path.join(PROJECT_ROOT, 'results', loaded.suite.name, timestamp()), args.resume, loaded);
  } catch (error) {
    if (error instanceof SuiteError) console.error(error.message);
    else if (error instanceof UsageError) console.error(`sambench: ${error.message}${error.showUsage ? `\n\n${USAGE}` : ''}`);
    else throw error;
    return ExitCode.badInput;
  }
  console.error(`sambench: ${loaded.suite.name}: ${loaded.runs.length} runs → ${out}`);
  // Reduced once: every output below reads these results.
  const bench = await runBench(loaded, out, { resume: args.resume });
  const results = bench.runs;
  const configurations = summarizeConfigurations(results);
  const verdicts = checkExpectations(loaded.suite.expect ?? [], results);
  const files = writeCsvReports(out, results, configurations, verdicts);
  files.push(writeReport(out, { suite: loaded.suite, results, verdicts, createdAt: new Date().toISOString() }));
  const withAccuracy = results.some((r) => r.finalEval !== null);
  console.log(`\n${runsTable(results)}\n${withAccuracy ? `\n${configurationsTable(configurations)}\n` : ''}\n${verdictTable(verdicts)}\n`);
  console.log(`results: ${out}\n  ${files.map((f) => path.relative(out, f)).join(', ')}, runs/`);
  const busy = busyMachineWarning(results);
  if (busy) console.error(`sambench: warning: ${busy}`);
  try {
    appendHistory(bench);
  } catch (error) {
    console.error(`sambench: could not append to the bench history: ${(error as Error).message}`);
  }
  const failedRuns = results.filter((r) => r.status === 'failed').length;
  if (failedRuns > 0)
    console.error(`${failedRuns} run${failedRuns === 1 ? '' : 's'} failed; see the stderr logs in ${path.join(out, 'runs')}`);
  const warning = inconclusiveWarning(verdicts, args.strict);
  if (warning) console.error(warning);
  return Math.max(verdictExitCode(verdicts, args.strict), failedRuns > 0 ? ExitCode.runsFailed : ExitCode.ok);
}

runIfEntry(import.meta.url, 'sambench', main);
