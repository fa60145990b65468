// Each built command line (dist/, `npm run build`) as a user runs it: -V prints the version, an
// unknown option is refused in sambench's words. command-line.test.ts checks the rest in process.
import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { expect, test } from 'vitest';
import { PROJECT_ROOT } from './paths.js';

const VERSION = (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const COMMANDS = [
  { name: 'bench', script: 'cli.js' },
  { name: 'compare', script: 'compare/cli.js' },
  { name: 'baseline', script: 'compare/baseline-cli.js' },
  { name: 'calibrate', script: 'cli/calibrate.js' },
  { name: 'ab', script: 'cli/ab/ab.js' },
  { name: 'history', script: 'cli/history/history.js' },
];

test.each(COMMANDS)('$name from dist/: -V and --bogus, as a user sees them', async ({ script }) => {
  const cli = path.join(PROJECT_ROOT, 'dist', 'harness', script);
  const version = await execa('node', [cli, '-V'], { reject: false });
  expect([version.exitCode, version.stdout, version.stderr]).toEqual([0, VERSION, '']);
  const bogus = await execa('node', [cli, '--bogus'], { reject: false });
  expect(bogus.exitCode).toBe(2);
  expect(bogus.stderr).toMatch(/^sambench( \w+)?: unknown option --bogus; --help lists the options$/);
  // Node's own wording, with its unbalanced quote, never reaches the user.
  expect(bogus.stderr).not.toContain('To specify a positional argument');
});
