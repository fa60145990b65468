// Revisions resolved in this checkout: a commit it has becomes its full sha and subject; one it
// lacks, or a word that git would read as an option, is refused as a UsageError (exit 2).
import { expect, test } from 'vitest';
import { ExitCode, UsageError } from '../../errors.js';
import { PROJECT_ROOT } from '../../paths.js';
import { checkoutTop, resolveRevision } from './revisions.js';

test('HEAD resolves to a full sha with its subject line, and HEAD^{commit} to the same', async () => {
  const head = await resolveRevision(PROJECT_ROOT, 'HEAD', '<rev-a>');
  expect(head.sha).toMatch(/^[0-9a-f]{40}$/);
  expect(head.given).toBe('HEAD');
  expect(typeof head.subject).toBe('string');
  expect((await resolveRevision(PROJECT_ROOT, head.sha.slice(0, 12), '<rev-b>')).sha).toBe(head.sha);
});

test('a revision the checkout lacks is refused, naming the argument and the value', async () => {
  const refused = resolveRevision(PROJECT_ROOT, 'no-such-branch-of-sambench', '<rev-b>');
  await expect(refused).rejects.toThrow(UsageError);
  await expect(refused).rejects.toThrow(/^<rev-b> "no-such-branch-of-sambench" names no commit of /);
  await expect(refused).rejects.toMatchObject({ exitCode: ExitCode.badInput, code: 'AB_REVISION' });
});

test('a revision that starts with - is refused before git sees it', async () => {
  for (const rev of ['--output=/tmp/x', '-h']) {
    await expect(resolveRevision(PROJECT_ROOT, rev, '<rev-a>')).rejects.toThrow(
      `<rev-a> must be a git revision (a commit, branch, tag or an expression such as HEAD~1), not an option; got ${JSON.stringify(rev)}`,
    );
  }
});

test('a --repo that is no git checkout is named as such', async () => {
  await expect(checkoutTop('/')).rejects.toThrow(/^--repo must be a git checkout of sambench; \/ is not one/);
});
