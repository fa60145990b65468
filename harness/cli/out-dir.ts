// The results folder of a bench: chosen or stamped, sambench's alone, never overwritten without
// --resume, marked (bench.json) and given the resolved suite first, so a crashed bench still says what it ran.
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { isSamPlugin, isSamPluginKind, type RunSpec } from '../../schemas/index.js';
import { makeFolders, removeStaleTemporaries, writeOutputFile, writingTo } from '../output-file.js';
import { readManifest, recordBenchStart } from '../provenance.js';
import { READ_LIMITS, readTextFile } from '../read-file.js';
import { validateSuite, type LoadedSuite } from '../suite/index.js';
import { lockOutDir } from './out-lock.js';
import { RESOLVED_SUITE_FILE, refuseForeignFolder } from './out-owner.js';
import { modelFileChanges, measuredChanges, variantFileChanges } from './suite-changes.js';
import { readRunSpecFile, runFiles } from '../launch/run-files.js';
import { printErr } from '../terminal-output.js';
import { resultsRoot } from '../paths.js';

/** A folder-name-safe UTC timestamp, e.g. 2026-11-30T05-12-00-000. */
export function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-').replace('Z', '');
}

// Where a command writes when no --out is given: one rule for bench (CLI and library) and calibrate.
/** `results/<suite name>/<prefix><timestamp>` under sambench's results root. */
export function defaultOutDir(suiteName: string, prefix = ''): string {
  return path.join(resultsRoot(), suiteName, `${prefix}${timestamp()}`);
}

/**
 * Takes `dir` as the results folder (out-owner.ts: new, empty or a bench's; out-lock.ts), marks it
 * with `bench.json` (provenance.ts), creates `runs/` and writes `suite.resolved.json`; returns the
 * absolute folder; `warn` hears what an earlier bench left (printed on stderr by default).
 * @throws UsageError when `dir` holds files sambench did not write or the suite, when it already
 * holds runs and `resume` is false, or when resuming with a suite that measures something else.
 */
export function prepareOutDir(
  dir: string,
  resume: boolean,
  loaded: LoadedSuite,
  warn: (message: string) => void = (message) => printErr(`sambench: warning: ${message}`),
): string {
  const out = path.resolve(dir);
  const runsDir = path.join(out, 'runs');
  refuseForeignFolder(out, loaded.file);
  if (!resume && fs.existsSync(runsDir) && fs.readdirSync(runsDir).length > 0) {
    throw new UsageError(`${out} already holds runs; add --resume to keep them and run the rest, or choose another --out`, false);
  }
  if (resume) {
    refuseAnotherSuite(out, loaded);
    // Checked before anything is written: a damaged bench.json stops the resume here, not after new CSVs.
    readManifest(out);
  }
  writingTo(out, () => makeFolders(runsDir));
  lockOutDir(out);
  const resolved = `${JSON.stringify(loaded.suite, null, 2)}\n`;
  const start = { suiteName: loaded.suite.name, suiteFile: loaded.file, resolvedSuite: resolved, resume };
  for (const warning of recordBenchStart(out, start)) warn(warning);
  removeStaleTemporaries(out);
  writeOutputFile(path.join(out, RESOLVED_SUITE_FILE), resolved);
  return out;
}

// The first run kept in the folder says which model files its runs trained; the first kept run of
// each user SAM variant, which file of that variant.
function keptFileChanges(out: string, loaded: LoadedSuite): string[] {
  const runsDir = path.join(out, 'runs');
  const isKept = (run: RunSpec) => fs.existsSync(runFiles(runsDir, run.id).spec);
  const changes: string[] = [];
  if ((loaded.suite.model.source ?? 'builtin') !== 'builtin') {
    const kept = loaded.runs.find(isKept);
    if (kept) changes.push(...modelFileChanges(readRunSpecFile(runFiles(runsDir, kept.id).spec), kept));
  }
  const { sam, matrix } = loaded.suite;
  if (![sam?.variant, ...(matrix?.variant ?? [])].some((variant) => variant && isSamPluginKind(variant.kind))) return changes;
  const checked = new Set<string>();
  for (const run of loaded.runs) {
    const variant = run.sam?.variant;
    if (!variant || !isSamPlugin(variant)) continue;
    const key = JSON.stringify({ ...variant, sha256: null });
    if (checked.has(key) || !isKept(run)) continue;
    checked.add(key);
    changes.push(...variantFileChanges(readRunSpecFile(runFiles(runsDir, run.id).spec), run));
  }
  return [...new Set(changes)];
}

// The folder's suite.resolved.json is the suite its runs were made with (written before any run).
function refuseAnotherSuite(out: string, loaded: LoadedSuite): void {
  const file = path.join(out, RESOLVED_SUITE_FILE);
  if (!fs.existsSync(file)) return;
  const text = readTextFile(file, { what: 'the resolved suite the folder was made with', maxBytes: READ_LIMITS.json });
  let before: unknown;
  try {
    before = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not readable JSON (${(error as Error).message}); cannot tell which suite made ${out}`, false);
  }
  // A folder made by an older sambench lacks the keys added since; their defaults mean what the
  // older code did, so they are filled in before comparing (the default of `sam.variant` is the
  // interval schedule every earlier run used).
  if (typeof before === 'object' && before !== null) validateSuite(before);
  const changed = [...measuredChanges(before, loaded.suite), ...keptFileChanges(out, loaded)];
  if (changed.length === 0) return;
  const shown = changed.slice(0, 5).join(', ') + (changed.length > 5 ? ` and ${changed.length - 5} more` : '');
  throw new UsageError(
    `${loaded.file} differs from the suite ${out} was made with (${shown}); --resume keeps runs made with that suite, ` +
      'so it needs the same one: choose another --out for the edited suite',
    false,
  );
}
