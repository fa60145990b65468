// The resume command names a command that works where the bench was started: sambench's own
// `npm run bench` in its checkout, else the package's bin through npx (a dependent project, or
// `node dist/harness/cli.js`).
import { describe, expect, test } from 'vitest';
import { resumeCommand } from './resume-command.js';

describe('resumeCommand', () => {
  test('started as `npm run bench` in the sambench checkout: the same npm script', () => {
    const env = { npm_lifecycle_event: 'bench', npm_package_name: 'sambench' };
    expect(resumeCommand('suites/smoke.json', '/tmp/out', [], env)).toBe('npm run bench -- suites/smoke.json --out /tmp/out --resume');
  });

  test.each([
    ['a dependent project’s own bench script', { npm_lifecycle_event: 'bench', npm_package_name: 'my-models' }],
    ['another npm script of sambench', { npm_lifecycle_event: 'test', npm_package_name: 'sambench' }],
    ['no npm at all (npx sambench, node dist/harness/cli.js)', {}],
  ])('%s: the sambench bin through npx', (_, env) => {
    expect(resumeCommand('suites/smoke.json', '/tmp/out', [], env)).toBe('npx sambench bench suites/smoke.json --out /tmp/out --resume');
  });

  test('extra arguments follow --resume; words the shell would split are quoted', () => {
    expect(resumeCommand('my suite.json', "/tmp/it's", ['--launcher', 'slurm', '--partition', 'gpu'], {})).toBe(
      `npx sambench bench 'my suite.json' --out '/tmp/it'\\''s' --resume --launcher slurm --partition gpu`,
    );
  });
});
