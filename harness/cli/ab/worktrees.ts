// Each revision `sambench ab` benches gets a git worktree of its own, cached by sha under
// `<repo>/.sambench/worktrees/<sha>` and reused by later runs. A worktree counts as ready only
// once `<sha>.ready` sits beside it, written after its checkout (and build, when one was needed)
// succeeded; anything else found there is half-made, so it is removed and made again. Its
// node_modules is this project's (a symlink) when the revision's package-lock.json is the same,
// else the revision's own `npm ci`; `npm run build` runs only when the suite has TF.js runs (the
// PyTorch worker runs from the Python sources).
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { UsageError } from '../../errors.js';
import { writeOutputFile } from '../../output-file.js';
import { READ_LIMITS, readTextFileIfPresent } from '../../read-file.js';
import { git, shortSha } from './revisions.js';

/** Where and how to make a revision's worktree. */
export interface WorktreeOptions {
  /** The git checkout the revision is a commit of. */
  repo: string;
  /** The folder that holds one worktree per sha. */
  cache: string;
  /** Build it (`npm run build`): the suite has TF.js runs, whose worker is the built dist/. */
  build: boolean;
  /** The checkout whose node_modules a worktree with the same package-lock.json borrows. */
  projectRoot: string;
  /** Hears progress (printed on stderr by the CLI). */
  say: (line: string) => void;
}

/** What `<sha>.ready` records. */
interface ReadyMarker {
  sha: string;
  built: boolean;
}

/** The cache of worktrees of `repo`: `<repo>/.sambench/worktrees`. */
export function worktreeCache(repo: string): string {
  return path.join(repo, '.sambench', 'worktrees');
}

// Anything but a marker of this sha (missing, cut short, damaged) means not ready.
function readMarker(file: string, sha: string): ReadyMarker | null {
  try {
    const text = readTextFileIfPresent(file, { what: 'a worktree marker', maxBytes: READ_LIMITS.json });
    const marker = (text === null ? {} : JSON.parse(text)) as Partial<ReadyMarker>;
    return marker.sha === sha && typeof marker.built === 'boolean' ? { sha, built: marker.built } : null;
  } catch {
    return null;
  }
}

/** The root of a ready worktree of commit `sha` (full), made, linked and built as needed. @throws UsageError (exit 2) when git or the build fails. */
export async function prepareWorktree(sha: string, options: WorktreeOptions): Promise<string> {
  const { cache, build, say } = options;
  const dir = path.join(cache, sha);
  const markerFile = path.join(cache, `${sha}.ready`);
  const marker = fs.existsSync(path.join(dir, '.git')) ? readMarker(markerFile, sha) : null;
  if (marker && (marker.built || !build)) {
    say(`worktree of ${shortSha(sha)} ready (reused): ${dir}`);
    return dir;
  }
  if (!marker) await checkOut(sha, dir, markerFile, options);
  linkDependencies(sha, dir, options);
  if (build) await buildWorktree(sha, dir, options);
  writeOutputFile(markerFile, `${JSON.stringify({ sha, built: build })}\n`);
  return dir;
}

// A fresh `git worktree add --detach`, after removing what a broken earlier attempt left.
async function checkOut(sha: string, dir: string, markerFile: string, { repo, cache, say }: WorktreeOptions): Promise<void> {
  fs.rmSync(markerFile, { force: true });
  if (fs.existsSync(dir)) {
    say(`removing the half-made worktree ${dir}`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(cache, { recursive: true });
  // The cache ignores itself, in a checkout whose .gitignore does not name .sambench/ (an older revision).
  const ignore = path.join(path.dirname(cache), '.gitignore');
  if (!fs.existsSync(ignore)) writeOutputFile(ignore, '*\n');
  await git(repo, ['worktree', 'prune']);
  say(`checking out ${shortSha(sha)} into ${dir}`);
  const added = await git(repo, ['worktree', 'add', '--detach', dir, sha]);
  if (added.exitCode !== 0)
    throw new UsageError(`could not check out ${sha} into ${dir} (git worktree add): ${added.stderr.trim()}`, false, 'AB_WORKTREE');
}

// The project's node_modules serves a revision locked to the same packages; a different lock gets
// its own install, but only where a build needs it (a PyTorch-only suite runs no Node in it).
function linkDependencies(sha: string, dir: string, { projectRoot, build, say }: WorktreeOptions): void {
  const modules = path.join(dir, 'node_modules');
  if (fs.existsSync(modules)) return;
  const lock = (root: string) =>
    readTextFileIfPresent(path.join(root, 'package-lock.json'), { what: 'a package-lock.json', maxBytes: READ_LIMITS.json });
  const own = lock(dir);
  if (own !== null && own === lock(projectRoot)) fs.symlinkSync(path.join(projectRoot, 'node_modules'), modules, 'dir');
  else if (build) say(`${shortSha(sha)}'s package-lock.json differs from this project's: it gets its own node_modules (npm ci)`);
}

async function buildWorktree(sha: string, dir: string, { say }: WorktreeOptions): Promise<void> {
  const started = performance.now();
  if (!fs.existsSync(path.join(dir, 'node_modules'))) await npm(sha, dir, ['ci'], say);
  say(`building ${shortSha(sha)} … (npm run build in ${dir})`);
  await npm(sha, dir, ['run', 'build'], say);
  say(`built ${shortSha(sha)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

// npm's output is kept back and its tail quoted in the error when it fails.
async function npm(sha: string, dir: string, args: string[], say: (line: string) => void): Promise<void> {
  const result = await execa('npm', args, { cwd: dir, reject: false, all: true, stdin: 'ignore' });
  if (result.exitCode === 0) return;
  const tail = (result.all ?? result.shortMessage).split('\n').slice(-20).join('\n');
  say(`npm ${args.join(' ')} failed for ${shortSha(sha)}`);
  throw new UsageError(`could not make ${shortSha(sha)} usable: npm ${args.join(' ')} in ${dir} failed:\n${tail}`, false, 'AB_BUILD');
}
