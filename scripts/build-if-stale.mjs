#!/usr/bin/env node
// Builds dist/ (npm run build) only when a build input changed since the last build this script
// ran, so `npm run bench -- --help` starts in a fraction of a second instead of tsc's two or more.
// An input is a non-test source under harness/, schemas/ or scripts/, or package.json and the
// tsconfigs; "changed" is a modification time newer than dist/.build-stamp. A deleted source
// leaves its old output in dist/, as tsc's own incremental build does.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_DIRS = ['harness', 'schemas', 'scripts'];
const ROOT_FILES = ['package.json', 'tsconfig.json', 'tsconfig.build.json'];
const SOURCE = /\.(ts|mts|mjs|js|css|json)$/;
// Tests and fixtures are not built (tsconfig.build.json excludes them): editing one needs no build.
const NOT_BUILT = /\.test\.ts$|[\\/]fixtures[\\/]/;

/** The stamp a build leaves: its mtime is when that build started. */
export const stampFile = (root = ROOT) => path.join(root, 'dist', '.build-stamp');

/** Why `root` needs a build (the stamp is missing, or an input is newer than it), or null when dist/ is current. */
export function staleReason(root = ROOT) {
  let built;
  try {
    built = fs.statSync(stampFile(root)).mtimeMs;
  } catch {
    return 'no build stamp in dist/';
  }
  const inputs = ROOT_FILES.map((f) => path.join(root, f));
  for (const dir of SOURCE_DIRS) {
    if (!fs.existsSync(path.join(root, dir))) continue;
    for (const entry of fs.readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })) {
      const file = path.join(entry.parentPath, entry.name);
      if (entry.isFile() && SOURCE.test(entry.name) && !NOT_BUILT.test(file)) inputs.push(file);
    }
  }
  for (const file of inputs) {
    let mtime;
    try {
      mtime = fs.statSync(file).mtimeMs;
    } catch {
      continue;
    }
    if (mtime > built) return `${path.relative(root, file)} changed since the last build`;
  }
  return null;
}

/** Runs `npm run build` when stale, then stamps dist/ with the build's start time; returns the exit code. */
export function buildIfStale(root = ROOT) {
  const reason = staleReason(root);
  if (reason === null) return 0;
  const started = new Date();
  if (process.argv.includes('--verbose')) console.error(`building dist/: ${reason}`);
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) return build.status ?? 1;
  // The build's start, not its end: a source saved while tsc ran is newer, so the next run rebuilds.
  fs.writeFileSync(stampFile(root), `${started.toISOString()}\n`);
  fs.utimesSync(stampFile(root), started, started);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = buildIfStale();
