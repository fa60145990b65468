// The results folder of a bench: chosen or stamped, never overwritten without --resume, with the
// resolved suite written first so a crashed bench still says what it ran.
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { makeFolders, writeOutputFile, writingTo } from '../output-file.js';
import { processGone } from '../processes.js';
import { readManifest, recordBenchStart } from '../provenance.js';
import { READ_LIMITS, readTextFile, readTextFileIfPresent } from '../read-file.js';
import { validateSuite, type LoadedSuite } from '../suite/index.js';
import { changedKeys } from './suite-changes.js';

// Keys that change no run: words, how results are judged (a resume re-judges the kept runs), and
// where runs execute (a folder begun here may be resumed on a cluster).
const NOT_MEASURED = new Set(['description', '$schema', 'expect', 'regression', 'launch']);

/** A folder-name-safe UTC timestamp, e.g. 2026-11-30T05-12-00-000. */
export function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-').replace('Z', '');
}

/**
 * Creates `dir/runs/`, writes `dir/suite.resolved.json` and records the start in `dir/bench.json`
 * (provenance.ts); returns the absolute folder.
 * @throws UsageError when `dir` already holds runs and `resume` is false, or when resuming with
 * a suite that differs from the one the folder was made with.
 */
export function prepareOutDir(dir: string, resume: boolean, loaded: LoadedSuite): string {
  const out = path.resolve(dir);
  const runsDir = path.join(out, 'runs');
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
  writeOutputFile(path.join(out, 'suite.resolved.json'), resolved);
  const start = { suiteName: loaded.suite.name, suiteFile: loaded.file, resolvedSuite: resolved, resume };
  for (const warning of recordBenchStart(out, start)) console.error(`sambench: warning: ${warning}`);
  return out;
}

// The folder's suite.resolved.json is the suite its runs were made with (written before any run).
function refuseAnotherSuite(out: string, loaded: LoadedSuite): void {
  const file = path.join(out, 'suite.resolved.json');
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
  const changed = changedKeys(before, loaded.suite).filter((key) => !NOT_MEASURED.has(key.split(/[.[]/)[0]!));
  if (changed.length === 0) return;
  const shown = changed.slice(0, 5).join(', ') + (changed.length > 5 ? ` and ${changed.length - 5} more` : '');
  throw new UsageError(
    `${loaded.file} differs from the suite ${out} was made with (${shown}); --resume keeps runs made with that suite, ` +
      'so it needs the same one: choose another --out for the edited suite',
    false,
  );
}

const LOCK_FILE = '.sambench.lock';
// Locks this process holds, released together when it exits (calibrate holds one per bench).
const held = new Set<string>();

// One bench per folder: a second one (--resume into the same --out) would clear the first's
// in-progress logs and overwrite its reports. The lock holds the owner's pid; a lock whose owner
// is gone (killed) is taken over. Released when this process exits.
function lockOutDir(out: string): void {
  const lock = path.join(out, LOCK_FILE);
  for (;;) {
    try {
      fs.writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        writingTo(lock, () => {
          throw error;
        });
      const text = readTextFileIfPresent(lock, { what: "a lock holding its owner's pid", maxBytes: 64 });
      // Released between the two calls: try to take it again.
      if (text === null) continue;
      const owner = Number(text.trim());
      if (owner === process.pid) return;
      if (Number.isInteger(owner) && owner > 0 && !processGone(owner)) {
        throw new UsageError(`${out} is in use by another sambench (pid ${owner}); wait for it to finish, or choose another --out`, false);
      }
      fs.rmSync(lock, { force: true });
    }
  }
  if (held.size === 0) process.once('exit', () => held.forEach((file) => fs.rmSync(file, { force: true })));
  held.add(lock);
}
