// The two revisions `sambench ab` compares, as git names them: each resolved to its full sha (and
// its subject line, for the report) in the sambench checkout given. git is started without a
// shell, with argument arrays, and a revision never reaches it as an option: revision-name.ts
// refuses a leading `-`, and `--end-of-options` ends git's options before it.
import path from 'node:path';
import { execa } from 'execa';
import { UsageError } from '../../errors.js';
import { checkRevisionName } from './revision-name.js';

/** A commit of the sambench checkout: its full sha and subject line (untrusted text: print it through the sink). */
export interface Revision {
  /** As given on the command line, e.g. `HEAD~1`. */
  given: string;
  sha: string;
  subject: string;
}

/** `git -C repo ...args`, never throwing: its exit code and output. */
export async function git(repo: string, args: readonly string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const result = await execa('git', ['-C', repo, ...args], { reject: false, stdin: 'ignore' });
  if (result.failed && result.exitCode === undefined)
    throw new UsageError(`could not run git (needed to check out the revisions): ${result.shortMessage}`, false, 'AB_GIT');
  return { exitCode: result.exitCode ?? 1, stdout: result.stdout, stderr: result.stderr };
}

// A folder that is not a git checkout would make every revision "unknown": say what is wrong instead.
/** The absolute top folder of the git checkout `repo`; a UsageError (exit 2) naming --repo when it is none. */
export async function checkoutTop(repo: string): Promise<string> {
  const top = await git(path.resolve(repo), ['rev-parse', '--show-toplevel']);
  if (top.exitCode !== 0)
    throw new UsageError(
      `--repo must be a git checkout of sambench; ${path.resolve(repo)} is not one (${top.stderr.trim()})`,
      false,
      'AB_REPO',
    );
  return top.stdout.trim();
}

/**
 * Resolves `rev` to a commit of `repo`, as `git rev-parse --verify <rev>^{commit}` does; `which`
 * names the argument. @throws UsageError (exit 2) for a revision that starts with `-` or names no commit.
 */
export async function resolveRevision(repo: string, rev: string, which: string): Promise<Revision> {
  checkRevisionName(rev, which);
  const parsed = await git(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  const sha = parsed.stdout.trim();
  if (parsed.exitCode !== 0 || !/^[0-9a-f]{40,64}$/.test(sha))
    throw new UsageError(
      `${which} ${JSON.stringify(rev)} names no commit of ${repo} (git rev-parse --verify found none)`,
      false,
      'AB_REVISION',
    );
  const subject = await git(repo, ['log', '-1', '--format=%s', sha]);
  return { given: rev, sha, subject: subject.exitCode === 0 ? subject.stdout.trim() : '' };
}

/** The short form of a sha that the report shows. */
export const shortSha = (sha: string): string => sha.slice(0, 10);
