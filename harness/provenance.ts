// What made a results folder: `bench.json`, written at the start of every bench (atomically), so a
// folder read months later says which suite (file and sha256 of the resolved suite) and which code
// (sambench version, git commit and whether the checkout had uncommitted changes) produced it,
// with what command, Node and start time; a resume adds one entry, the original stays.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.js';
import { writeOutputFile } from './output-file.js';
import { PROJECT_ROOT } from './paths.js';
import { READ_LIMITS, readTextFileIfPresent } from './read-file.js';
import { formatIssues, schemaIssues, validatorOf } from '../schemas/index.js';

/** File name of the manifest inside a results folder. */
export const MANIFEST_FILE = 'bench.json';
/** The `format` value every manifest carries. */
export const MANIFEST_FORMAT = 'sambench-bench';

/** The code that ran: sambench's version and, in a git checkout, its commit. */
export interface CodeVersion {
  /** package.json `version`. */
  sambench: string;
  /** $GITHUB_SHA, else `git rev-parse HEAD`; null outside a git checkout. */
  commit: string | null;
  /** Tracked files differ from the commit; null when unknown (no git, or the commit came from $GITHUB_SHA). */
  dirty: boolean | null;
  /** `process.version`. */
  node: string;
}

/** One start of a bench into the folder: the first, or a `--resume`. */
export interface BenchStart extends CodeVersion {
  /** ISO date. */
  startedAt: string;
  /** The command line (node's script and its arguments). */
  command: string[];
  /** sha256 of the resolved suite this start ran with (a resume may change only what changes no run: words, expectations, limits; cli/suite-changes.ts). */
  suiteSha256: string;
}

/** `bench.json`: what made a results folder. */
export interface BenchManifest extends BenchStart {
  format: typeof MANIFEST_FORMAT;
  version: 1;
  suite: {
    name: string;
    /** The suite file as given on the command line. */
    file: string;
    /** sha256 of the resolved suite, exactly the bytes of suite.resolved.json (the latest start's). */
    sha256: string;
  };
  /** Later starts with `--resume`, oldest first. */
  resumes: BenchStart[];
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
  } catch {
    return null;
  }
}

// A bench outside a git checkout (a tarball, a container) still runs; it just names no commit.
/** The commit measured: $GITHUB_SHA, else `git rev-parse HEAD`; null outside a git checkout. */
export function gitCommit(): string | null {
  if (process.env.GITHUB_SHA) return process.env.GITHUB_SHA;
  const out = git(['rev-parse', 'HEAD'])?.trim() ?? '';
  return /^[0-9a-f]{7,64}$/.test(out) ? out : null;
}

/** package.json's `version` (what `--version` prints), `unknown` when it has none. */
export function sambenchVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

/** The code running now. */
export function codeVersion(): CodeVersion {
  const commit = gitCommit();
  const status = commit !== null && !process.env.GITHUB_SHA ? git(['status', '--porcelain', '--untracked-files=no']) : null;
  return { sambench: sambenchVersion(), commit, dirty: status === null ? null : status.trim() !== '', node: process.version };
}

/** A commit as people quote it: 12 hex digits, `+ uncommitted changes` when dirty; `unknown` without one. */
export function describeCode(code: Pick<CodeVersion, 'commit' | 'dirty'>): string {
  if (code.commit === null) return 'unknown';
  return `${code.commit.slice(0, 12)}${code.dirty ? ' + uncommitted changes' : ''}`;
}

/** sha256 (hex) of `text`. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What a bench start records; `command` defaults to this process's. */
export interface ManifestInput {
  suiteName: string;
  suiteFile: string;
  /** The text of suite.resolved.json. */
  resolvedSuite: string;
  resume: boolean;
  command?: string[];
  now?: Date;
  code?: CodeVersion;
}

// A manifest people may have edited or that an older version wrote: checked before trusting.
/** The manifest of results folder `dir`; null when it has none. @throws UsageError when it is not a manifest. */
export function readManifest(dir: string): BenchManifest | null {
  const file = path.join(dir, MANIFEST_FILE);
  const text = readTextFileIfPresent(file, { what: 'a bench manifest', maxBytes: READ_LIMITS.json });
  if (text === null) return null;
  const fix = 'restore it, or delete it to start a new record';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${file} is not a sambench bench manifest: not JSON (${(error as Error).message}); ${fix}`,
      false,
      'MANIFEST_INVALID',
    );
  }
  const validate = validatorOf<BenchManifest>('bench');
  if (!validate(value)) {
    const what = `${file} is not a sambench bench manifest (schemas/bench.schema.json)`;
    throw new UsageError(`${formatIssues(what, schemaIssues(validate.errors ?? []))}\n${fix}`, false, 'MANIFEST_INVALID');
  }
  return value;
}

/**
 * Writes (or, on resume, extends) `dir/bench.json`; returns warnings for the user: a resume by
 * other code than the folder's first bench (its runs then mix two versions).
 */
export function recordBenchStart(dir: string, input: ManifestInput): string[] {
  const start: BenchStart = {
    ...(input.code ?? codeVersion()),
    startedAt: (input.now ?? new Date()).toISOString(),
    command: input.command ?? process.argv.slice(1),
    suiteSha256: sha256(input.resolvedSuite),
  };
  const before = input.resume ? readManifest(dir) : null;
  const warnings: string[] = [];
  let manifest: BenchManifest;
  if (before) {
    manifest = { ...before, suite: { ...before.suite, sha256: start.suiteSha256 }, resumes: [...before.resumes, start] };
    if (before.commit !== start.commit || before.dirty || start.dirty || before.sambench !== start.sambench)
      warnings.push(
        `${dir} was started by sambench ${before.sambench} at commit ${describeCode(before)} and is resumed by sambench ${start.sambench} at commit ${describeCode(start)}: its runs may mix two versions of the code`,
      );
  } else {
    const suite = { name: input.suiteName, file: input.suiteFile, sha256: start.suiteSha256 };
    manifest = { format: MANIFEST_FORMAT, version: 1, ...start, suite, resumes: [] };
  }
  writeOutputFile(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return warnings;
}
