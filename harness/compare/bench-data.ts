// One bench as compare, baselines and history see it: its suite, where it came from, and one
// RunResult per run. A results folder (`runs/<id>.spec.json` and `runs/<id>.jsonl`) goes through
// measure's one reduction, as a committed baseline file does (baseline-file.ts).
import fs from 'node:fs';
import path from 'node:path';
import { ExitCode, SambenchError, UsageError } from '../errors.js';
import { isSpecFileName, readRunLog, readRunSpecFile, readStdoutWarning, runFileNames } from '../launch/index.js';
import { reduceRuns, type RunResult } from '../measure/index.js';
import { readManifest, type BenchManifest } from '../provenance.js';
import { READ_LIMITS, readTextFile } from '../read-file.js';
import { checkSafeName } from '../safe-name.js';

// A path that cannot be compared: the command prints the message and exits 2 (runIfEntry).
/** An argument that is not a results folder or a baseline file (exit code 2). */
export class CompareInputError extends SambenchError {
  constructor(message: string) {
    super(message, 'COMPARE_INPUT', ExitCode.badInput);
  }
}

// What both kinds of compare argument turn into.
/** All runs of one bench: a results folder, a baseline file, or the bench the CLI just ran. */
export interface BenchData {
  suite: string;
  /** The path the bench was read from (or written to), as given. */
  source: string;
  kind: 'results' | 'baseline';
  /** ISO date of a baseline file's creation; null for a results folder. */
  createdAt: string | null;
  /** The suite's `regression.minEffect` (results folders only); null when not set. */
  minEffect: number | null;
  /** What made the bench (its bench.json, or what a baseline file kept of it); null when unknown (older folders). */
  provenance: BenchManifest | null;
  runs: RunResult[];
}

function readJson(file: string, what: string): unknown {
  const text = readTextFile(file, { what, maxBytes: READ_LIMITS.json });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CompareInputError(`${file}: cannot read it as JSON (${(error as Error).message})`);
  }
}

const RESOLVED_SUITE = 'suite.resolved.json';

// Older folders may lack it; what it holds is checked by its reader (a name, a schema).
/**
 * The suite a results folder was made with (its `suite.resolved.json`, as written), or null when
 * the folder has none. @throws CompareInputError when it is not a JSON object.
 */
export function readResolvedSuite(dir: string): object | null {
  const resolved = path.join(dir, RESOLVED_SUITE);
  if (!fs.existsSync(resolved)) return null;
  const suite = readJson(resolved, 'the resolved suite of the bench');
  if (typeof suite !== 'object' || suite === null || Array.isArray(suite))
    throw new CompareInputError(`${resolved}: expected a suite (a JSON object), got ${JSON.stringify(suite)}`);
  return suite;
}

// A folder such as results/smoke holds one folder per bench; name the newest for the user.
function notAResultsFolder(dir: string): CompareInputError {
  if (!fs.existsSync(dir)) return new CompareInputError(`${dir}: no such folder (expected a results folder such as results/smoke/<stamp>)`);
  if (!fs.statSync(dir).isDirectory())
    return new CompareInputError(`${dir} is a file; expected a results folder such as results/smoke/<stamp> (with runs/ inside)`);
  const benches = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'runs')))
    .map((e) => path.join(dir, e.name))
    .sort();
  const hint = benches.length > 0 ? `; it holds ${benches.length} bench folder(s), the newest is ${benches.at(-1)}` : '';
  const names = runFileNames('<run id>');
  return new CompareInputError(
    `${dir} is not a results folder: expected ${path.join(dir, 'runs')}/ with ${names.spec} and ${names.events} files${hint}`,
  );
}

// The results-folder side of loadBench; also the input of `baseline` and history.
/**
 * Reads every run of a results folder (`<dir>/runs/*.spec.json` with their event logs), sorted by run id.
 * @throws CompareInputError when `dir` holds no runs or a file is unreadable.
 */
export function readResultsFolder(dir: string): BenchData {
  const runsDir = path.join(dir, 'runs');
  if (!fs.existsSync(runsDir)) throw notAResultsFolder(dir);
  const specFiles = fs.readdirSync(runsDir).filter(isSpecFileName).sort();
  if (specFiles.length === 0)
    throw new CompareInputError(`${runsDir} holds no ${runFileNames('<run id>').spec} files: the bench started no run`);
  const inputs = specFiles.map((file) => {
    const spec = readRunSpecFile(path.join(runsDir, file));
    // An unreadable log is a RunLogError (exit 2), naming the file and line.
    const warning = readStdoutWarning(runsDir, spec.id);
    return { spec, events: readRunLog(runsDir, spec.id).events, warnings: warning ? [warning] : [] };
  });
  // No launcher outcome on disk: RunResult.status follows the log alone.
  const runs = reduceRuns(inputs);
  const resolved = path.join(dir, RESOLVED_SUITE);
  const suite = (readResolvedSuite(dir) ?? {}) as { name?: unknown; regression?: { minEffect?: unknown } };
  if (suite.name !== undefined) checkSafeName(suite.name, resolved, '/name');
  const minEffect = typeof suite.regression?.minEffect === 'number' ? suite.regression.minEffect : null;
  let provenance: BenchManifest | null;
  try {
    provenance = readManifest(dir);
  } catch (error) {
    if (error instanceof UsageError) throw new CompareInputError(error.message);
    throw error;
  }
  return {
    suite: typeof suite.name === 'string' ? suite.name : runs[0]!.spec.suite,
    source: dir,
    kind: 'results',
    createdAt: null,
    minEffect,
    provenance,
    runs,
  };
}
