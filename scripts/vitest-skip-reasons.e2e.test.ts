// The reporter that says why tests were skipped, on a real vitest run of a fixture with a
// skipped describe (its title says why) and a test that skips itself with a note.
import path from 'node:path';
import { execa } from 'execa';
import { expect, test } from 'vitest';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'skip-reasons');

test('after the summary, each reason with its count: the skipped suite title, or the note', async () => {
  const run = await execa('npx', ['vitest', 'run', '--config', path.join(FIXTURE, 'vitest.config.ts')], {
    env: { FORCE_COLOR: '0', NO_COLOR: '1' },
    reject: false,
  });
  expect(run.exitCode, run.all).toBe(0);
  expect(run.stdout).toContain(
    [
      '3 skipped, and why:',
      '  skips.fixture.ts: real datasets in /nowhere (skipped: folder not found) (2 tests)',
      '  skips.fixture.ts: no GPU on this machine',
    ].join('\n'),
  );
});
