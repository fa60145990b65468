// The results folder of a bench: chosen or stamped, never overwritten without --resume, with the
// resolved suite written first so a crashed bench still says what it ran.
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { LoadedSuite } from '../suite/index.js';

/** A folder-name-safe UTC timestamp, e.g. 2026-11-30T05-12-00-000. */
export function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-').replace('Z', '');
}

/**
 * Creates `dir/runs/` and writes `dir/suite.resolved.json`; returns the absolute folder.
 * @throws UsageError when `dir` already holds runs and `resume` is false.
 */
export function prepareOutDir(dir: string, resume: boolean, loaded: LoadedSuite): string {
  const out = path.resolve(dir);
  const runsDir = path.join(out, 'runs');
  if (!resume && fs.existsSync(runsDir) && fs.readdirSync(runsDir).length > 0) {
    throw new UsageError(`${out} already holds runs; add --resume to keep them and run the rest, or choose another --out`, false);
  }
  fs.mkdirSync(runsDir, { recursive: true });
  fs.writeFileSync(path.join(out, 'suite.resolved.json'), `${JSON.stringify(loaded.suite, null, 2)}\n`);
  return out;
}
