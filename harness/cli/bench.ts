// bench() of the library and of `sambench bench`: a loaded suite → its runs in a results folder →
// the CSVs, report.html and a history line → BenchResults. Prints nothing: progress and warnings go
// to `onEvent` (cli.ts prints them); a mistake throws the SambenchError the CLI maps to its exit
// code. Signals are the CLI's alone (stop-signals.ts): a library never ends its host's process.
// The folder's lock (out-lock.ts) holds as for the CLI, and is let go when the process exits.
import path from 'node:path';
import { judgeBench, type BenchResults } from '../compare/index.js';
import { appendHistory } from '../history/index.js';
import { probeSuite } from '../launch/model-probe.js';
import { preflight } from '../launch/preflight.js';
import { writeCsvReports } from '../report/csv.js';
import { writeReport } from '../report/html/index.js';
import { formatProblem, loadSuite, loadSuiteObject, type LoadedSuite } from '../suite/index.js';
import type { BenchListener } from './bench-events.js';
import { chooseLauncher, launcherKind, plannedBatchScript } from './launcher.js';
import { defaultOutDir, prepareOutDir } from './out-dir.js';
import { runBench } from './run-bench.js';

/** A suite to bench: a suite file, or a suite object with the folder its relative paths (datasets) start from. */
export type SuiteInput = string | { suite: object; baseDir: string };

/** How {@link bench} runs. */
export interface BenchOptions {
  /** The results folder: new, empty, or (with `resume`) a bench's. @default results/<suite name>/<timestamp> in sambench's folder */
  out?: string;
  /** Keep the runs that finished earlier in `out` and run the rest, as `--resume`. @default false */
  resume?: boolean;
  /** Where the runs execute, as `--launcher`. @default the suite's launch.launcher (local) */
  launcher?: 'local' | 'slurm';
  /** sbatch options over the suite's launch.slurm, as `--partition`, `--account`, `--qos`. */
  slurm?: { partition?: string; account?: string; qos?: string };
  /** An inconclusive verdict fails too (exit code 1), as `--strict`. @default false */
  strict?: boolean;
  /** Append a line to the bench history (results/history.jsonl, or $SAMBENCH_HISTORY_FILE), as the CLI does. @default true */
  history?: boolean;
  /** Hears the bench as it goes: its start, each run's progress, warnings. @default nothing is reported */
  onEvent?: BenchListener;
}

/** What {@link bench} gives: the results, and what it wrote. */
export interface BenchOutcome extends BenchResults {
  /** The report files written in the results folder (CSVs, results.jsonl, report.html…), absolute; the runs are in `runs/`. */
  files: string[];
  /** Why the history line could not be appended (the bench itself is fine); null when it was, or `history` is false. */
  historyError: string | null;
}

// What the CLI adds around the bench: the resume command for its signal handlers, and Ctrl-C left to a Slurm follower.
/** Hooks of the command line; the library passes none. */
export interface BenchHooks {
  /** The results folder is taken. */
  prepared?(out: string): void;
  /** Runs `during`, the following of a Slurm job. */
  followingSlurm?<T>(during: () => Promise<T>): Promise<T>;
}

/** The CLI's label for a suite object, in messages and in bench.json: `<baseDir>/<suite object>`. */
export const SUITE_OBJECT_LABEL = '<suite object>';

// Loads strictly (a missing dataset folder is an error): a bench runs what it loads.
/** Loads `input`; @throws SuiteError (exit code 2) listing every problem. */
export function loadSuiteInput(input: SuiteInput): LoadedSuite {
  if (typeof input === 'string') return loadSuite(input);
  return loadSuiteObject(input.suite, input.baseDir, path.join(path.resolve(input.baseDir), SUITE_OBJECT_LABEL));
}

/**
 * Runs every run of a suite into a results folder, writes its reports and returns its results.
 * Failed runs are results too (exitCode 3); nothing is printed.
 * @throws SambenchError (exit code 2: UsageError, SuiteError…) for a bad suite, folder or set-up; nothing was run then.
 */
export async function bench(input: SuiteInput, options: BenchOptions = {}): Promise<BenchOutcome> {
  const loaded = loadSuiteInput(input);
  for (const warning of loaded.warnings) options.onEvent?.({ type: 'warning', message: formatProblem(loaded.file, warning) });
  return benchSuite(loaded, options);
}

/** What the model probe found, as the CLI says it: `model net/model.json (tfjs-layers): 1234 parameters`. */
export function modelNote(loaded: LoadedSuite, parameters: number): string {
  const model = loaded.runs[0]!.model;
  return `model ${model.name} (${model.source}): ${parameters} parameters`;
}

/** {@link bench} of a suite already loaded (the CLI loads it itself, for --dry-run and --export). */
export async function benchSuite(loaded: LoadedSuite, options: BenchOptions = {}, hooks: BenchHooks = {}): Promise<BenchOutcome> {
  const emit: BenchListener = options.onEvent ?? (() => {});
  const warn = (message: string) => emit({ type: 'warning', message });
  const choice = { launcher: options.launcher ?? null, slurm: options.slurm ?? {} };
  const resume = options.resume ?? false;
  preflight(loaded);
  const probed = await probeSuite(loaded);
  if (probed) emit({ type: 'note', message: modelNote(loaded, probed.parameters) });
  const outDir = options.out ?? defaultOutDir(loaded.suite.name);
  // Refuses a path or setting no batch script can hold (exit 2) before the folder is made.
  plannedBatchScript(choice, loaded, outDir);
  const out = prepareOutDir(outDir, resume, loaded, warn);
  hooks.prepared?.(out);
  const launcher = await chooseLauncher(choice, loaded, out, warn);
  emit({ type: 'bench-start', suite: loaded.suite.name, runs: loaded.runs.length, out, launcher: launcher.name });
  // Reduced once: every output below reads these results.
  const running = () => runBench(loaded, out, { resume, launcher, onEvent: emit });
  const data = await (launcherKind(choice, loaded) === 'slurm' && hooks.followingSlurm ? hooks.followingSlurm(running) : running());
  const results = judgeBench(data, loaded.suite.expect ?? [], { strict: options.strict ?? false });
  const { runs, configurations, verdicts, provenance } = results;
  const files = writeCsvReports(out, runs, configurations, verdicts);
  files.push(writeReport(out, { suite: loaded.suite, results: runs, verdicts, createdAt: new Date().toISOString(), provenance }));
  let historyError: string | null = null;
  if (options.history ?? true) {
    try {
      appendHistory(data);
    } catch (error) {
      historyError = (error as Error).message;
    }
  }
  return { ...results, files, historyError };
}
