#!/usr/bin/env node
// sambench's command line: suite file → runs (one worker process each) → one RunResult per run
// → verdicts, CSVs, report.html, a terminal report and a history line. Sets process.exitCode (see errors.ts) and returns.
import path from 'node:path';
import { printEarlyExit, runIfEntry } from './command-line.js';
import { benchSuite, modelNote } from './cli/bench.js';
import type { BenchListener } from './cli/bench-events.js';
import { progressPrinter } from './cli/progress.js';
import { writeOutputFile } from './output-file.js';
import { USAGE, parseCliArgs, type CliArgs } from './cli/args.js';
import { ExitCode } from './errors.js';
import { defaultOutDir, prepareOutDir } from './cli/out-dir.js';
import { plannedBatchScript } from './cli/launcher.js';
import { resumeCommand } from './cli/resume-command.js';
import { stopOnSignals, type StopSignals } from './cli/stop-signals.js';
import { busyMachineWarning } from './report/busy-machine.js';
import { configurationsTable, runsTable, verdictTable } from './report/table.js';
import { terminalFor } from './report/terminal.js';
import { inconclusiveWarning } from './report/verdict-wording.js';
import { samSetting } from './measure/index.js';
import { probeSuite } from './launch/model-probe.js';
import { runFiles } from './launch/run-files.js';
import { portableWorkerCommand, shellWord } from './launch/worker-command.js';
import { formatProblem, loadSuite, type LoadedSuite } from './suite/index.js';
import { printErr, printOut } from './terminal-output.js';

function describeRun(run: LoadedSuite['runs'][number]): string {
  const sam = run.sam ? `SAM ${samSetting(run.sam)}` : 'no SAM (baseline)';
  // Shape and classes as the files give them (an arrays header, an image folder's classes); unknown when the files are not here.
  const { shape, classes } = run.dataset;
  const data = classes > 0 ? `[${shape.join(', ')}] classes=${classes}` : 'shape and classes unknown (files not here)';
  return `${run.id}  ${run.model.name} on ${run.dataset.name} ${data} batch=${run.dataset.batchSize} lr=${run.optimizer.learningRate} seed=${run.seed}  ${sam}  steps=${run.steps.warmup}+${run.steps.measured}`;
}

// Specs for workers started elsewhere (a GPU node with Python only); --out DIR --resume takes
// their event logs in afterwards. One example per worker program, as launching would start it.
function exportSpecs(dir: string, loaded: LoadedSuite): void {
  const out = prepareOutDir(dir, false, loaded);
  const runsDir = path.join(out, 'runs');
  for (const run of loaded.runs) writeOutputFile(runFiles(runsDir, run.id).spec, `${JSON.stringify(run, null, 2)}\n`);
  const byCommand = new Map<string, LoadedSuite['runs']>();
  for (const run of loaded.runs) {
    const command = portableWorkerCommand(run).map(shellWord).join(' ');
    byCommand.set(command, [...(byCommand.get(command) ?? []), run]);
  }
  printOut(`${loaded.runs.length} run specs in ${runsDir}; run each with its worker from the root of a sambench checkout, e.g.`);
  for (const [command, runs] of byCommand) {
    const files = runFiles(runsDir, runs[0]!.id);
    const which = byCommand.size > 1 ? `  (${runs.length} ${runs[0]!.framework} run${runs.length === 1 ? '' : 's'})` : '';
    printOut(`  ${command} ${shellWord(files.spec)} > ${shellWord(files.events)}${which}`);
  }
  printOut(`then: ${resumeCommand(loaded.file, out)}`);
}

// The results folder: --out, else results/<suite name>/<timestamp>.
function defaultOut(args: CliArgs, loaded: LoadedSuite): string {
  return args.out ?? defaultOutDir(loaded.suite.name);
}

/** Runs the CLI on `argv` (without node and script); returns the exit code. @throws SambenchError for bad input (exit 2). */
export async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv);
  if (typeof args === 'string') return printEarlyExit(args, USAGE);
  const loaded = loadSuite(args.suiteFile, { allowMissingData: args.dryRun || args.exportTo !== null });
  for (const warning of loaded.warnings.filter((w) => w.deprecated)) printErr(`warning: ${formatProblem(args.suiteFile, warning)}`);
  if (args.dryRun) {
    for (const warning of loaded.warnings.filter((w) => w.missingData))
      printErr(`warning (a real run stops here): ${args.suiteFile} ${warning.pointer} ${warning.message}`);
    // A user's model and each own SAM variant are built once, as a run would build them: a broken one is refused here too.
    const probed = await probeSuite(loaded);
    if (probed) printOut(modelNote(loaded, probed.parameters));
    for (const run of loaded.runs) printOut(describeRun(run));
    const script = plannedBatchScript(args, loaded, defaultOut(args, loaded));
    if (script !== null)
      printOut(`\n# the batch script --launcher slurm would submit (sbatch), for all ${loaded.runs.length} runs:\n${script}`);
    printErr(`${loaded.runs.length} runs (dry run: nothing started)`);
    return ExitCode.ok;
  }
  if (args.exportTo) {
    exportSpecs(args.exportTo, loaded);
    return ExitCode.ok;
  }
  const signals = stopOnSignals('sambench');
  try {
    return await benchHere(args, loaded, signals);
  } finally {
    signals.dispose();
  }
}

// The bench's events as the CLI prints them on stderr: runs as progress lines, the rest as lines of their own.
function printEvents(): BenchListener {
  const progress = progressPrinter();
  return (event) => {
    if (event.type === 'warning') printErr(`sambench: warning: ${event.message}`);
    else if (event.type === 'note') printErr(`sambench: ${event.message}`);
    else if (event.type === 'bench-start')
      printErr(`sambench: ${event.suite}: ${event.runs} runs → ${event.out}${event.launcher === 'local' ? '' : ` (${event.launcher})`}`);
    else progress(event);
  };
}

// The bench (cli/bench.ts, the library's), then its report on the terminal; `signals` learns how
// to resume it once the folder is known, and leaves Ctrl-C to a Slurm job's follower.
async function benchHere(args: CliArgs, loaded: LoadedSuite, signals: StopSignals): Promise<number> {
  const options = {
    resume: args.resume,
    launcher: args.launcher ?? undefined,
    slurm: args.slurm,
    strict: args.strict,
    onEvent: printEvents(),
  };
  const bench = await benchSuite(
    loaded,
    { ...options, ...(args.out === null ? {} : { out: args.out }) },
    {
      prepared: (out) => signals.resumeWith(resumeCommand(loaded.file, out)),
      followingSlurm: (during) => signals.sigintElsewhere(during),
    },
  );
  const { source: out, runs: results, configurations, verdicts, files } = bench;
  const withAccuracy = results.some((r) => r.finalEval !== null);
  const terminal = terminalFor(process.stdout);
  const tables = [
    runsTable(results, terminal),
    ...(withAccuracy ? [configurationsTable(configurations, terminal)] : []),
    verdictTable(verdicts, terminal),
  ];
  printOut(`\n${tables.join('\n\n')}\n`, { colored: terminal.color });
  printOut(`results: ${out}\n  ${files.map((f) => path.relative(out, f)).join(', ')}, runs/`);
  const busy = busyMachineWarning(results);
  if (busy) printErr(`sambench: warning: ${busy}`);
  for (const r of results) for (const w of r.warnings) printErr(`sambench: warning: ${r.spec.id}: ${w}`);
  if (bench.historyError !== null) printErr(`sambench: could not append to the bench history: ${bench.historyError}`);
  const { failedRuns } = bench;
  if (failedRuns > 0) printErr(`${failedRuns} run${failedRuns === 1 ? '' : 's'} failed; see the stderr logs in ${path.join(out, 'runs')}`);
  const warning = inconclusiveWarning(verdicts, args.strict);
  if (warning) printErr(warning);
  return bench.exitCode;
}

runIfEntry(import.meta.url, 'sambench', main, USAGE);
