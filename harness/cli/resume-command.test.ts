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

describe('resumeCommand: no character ends the line or the word', () => {
  test.each([
    ['a newline', '/tmp/out\nrm -rf ~', /^--out holds a newline \(U\+000A\)/],
    ['a carriage return', '/tmp/out\r', /^--out holds a carriage return \(U\+000D\)/],
  ])('%s in --out is refused (exit 2)', (_, out, message) => {
    expect(() => resumeCommand('suites/smoke.json', out, [], {})).toThrow(message);
    expect(() => resumeCommand('suites/smoke.json', out, [], {})).toThrow(
      expect.objectContaining({ exitCode: 2, code: 'CONTROL_CHARACTER' }),
    );
  });

  test('a space, a quote, $(…) and non-ASCII are quoted as one word each', () => {
    expect(resumeCommand('suites/日本.json', `/tmp/my out/$(touch pwned)/"q"`, [], {})).toBe(
      `npx sambench bench 'suites/日本.json' --out '/tmp/my out/$(touch pwned)/"q"' --resume`,
    );
  });
});
