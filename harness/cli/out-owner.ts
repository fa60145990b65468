// A results folder is sambench's alone: every file in it is one sambench wrote, so writing a result
// never replaces a user's file. --out (and --export, and calibrate's --out) must therefore name a
// new or empty folder, or one a bench made: marked by its bench.json (provenance.ts), the first
// file a bench writes after taking the lock, or holding an export's suite.resolved.json beside
// runs/. And the suite file (or a folder holding it) is never one.
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { writingTo } from '../output-file.js';
import { MANIFEST_FILE, MANIFEST_FORMAT, readManifest } from '../provenance.js';
import { LOCK_FILE } from './out-lock.js';
import { READ_LIMITS, readTextFile, UnreadableFileError } from '../read-file.js';

/** The resolved suite a results folder was made with. */
export const RESOLVED_SUITE_FILE = 'suite.resolved.json';

// What a bench leaves before it writes bench.json: its lock, and an empty runs/ folder.
function onlyBeforeManifest(out: string, names: readonly string[]): boolean {
  const emptyFolder = (name: string) => {
    try {
      return fs.readdirSync(path.join(out, name)).length === 0;
    } catch {
      return false;
    }
  };
  return names.every((name) => name === LOCK_FILE || (name === 'runs' && emptyFolder(name)));
}

// Whether `file` (known to be a regular file) says it is sambench's manifest, whatever else it holds.
function claimsToBeManifest(file: string): boolean {
  try {
    const value = JSON.parse(readTextFile(file, { what: 'a bench manifest', maxBytes: READ_LIMITS.json })) as { format?: unknown };
    return value?.format === MANIFEST_FORMAT;
  } catch {
    return false;
  }
}

// A bench's folder (its bench.json), or one without a manifest that holds what an export gives: a
// resolved suite beside runs/ (a folder scripts/gpu-check.sh filled, or an older sambench's).
function isResultsFolder(out: string): boolean {
  try {
    if (readManifest(out) !== null) return true;
  } catch (error) {
    // A FIFO, a device or an oversized file, or sambench's own manifest damaged: that is the
    // folder's problem, named as such; any other bench.json may be the user's suite of that name.
    if (error instanceof UnreadableFileError || claimsToBeManifest(path.join(out, MANIFEST_FILE))) throw error;
    return false;
  }
  try {
    const file = path.join(out, RESOLVED_SUITE_FILE);
    const suite = JSON.parse(readTextFile(file, { what: 'a resolved suite', maxBytes: READ_LIMITS.json })) as unknown;
    return typeof suite === 'object' && suite !== null && fs.statSync(path.join(out, 'runs')).isDirectory();
  } catch {
    return false;
  }
}

function realPath(file: string): string | null {
  try {
    return fs.realpathSync(file);
  } catch {
    return null;
  }
}

/**
 * Refuses `out` as a results folder (UsageError, exit 2, naming the file and what to do) when a
 * result could replace a file sambench did not write there: `suiteFile` inside it, or any file in
 * a folder that is not new, empty or a bench's (with `allowBench` false: not new or empty).
 */
export function refuseForeignFolder(out: string, suiteFile: string, allowBench = true): void {
  const realOut = realPath(out);
  if (realOut === null) return; // new: made by sambench (a path that cannot be made fails when it is)
  const realSuite = realPath(suiteFile);
  if (realSuite !== null && (realSuite === realOut || realSuite.startsWith(`${realOut}${path.sep}`)))
    throw new UsageError(
      `the suite ${suiteFile} is inside the output folder ${out}, where sambench's files could replace it; ` +
        'choose another --out (a new or empty folder), or move the suite out of it',
      false,
      'OUT_FOREIGN',
    );
  const names = writingTo(out, () => (fs.statSync(out).isDirectory() ? fs.readdirSync(out).sort() : null));
  if (names === null || onlyBeforeManifest(out, names) || (allowBench && isResultsFolder(out))) return;
  const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
  const bench = allowBench ? `, nor a results folder of sambench's (no ${MANIFEST_FILE}, nor ${RESOLVED_SUITE_FILE} beside runs/)` : '';
  throw new UsageError(
    `${out} holds files sambench did not write (${shown}): it is not empty${bench}, and results there could replace them; ` +
      'choose another --out: a new or empty folder' +
      (allowBench ? `, or a results folder to --resume` : ''),
    false,
    'OUT_FOREIGN',
  );
}
