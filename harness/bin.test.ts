// `sambench <command>` hands its arguments to the command's own main, with its name and usage.
import { expect, test } from 'vitest';
import { BIN_USAGE, resolveCommand } from './bin.js';
import { sambenchVersion } from './provenance.js';
import { main as compareMain } from './compare/cli.js';
import { COMPARE_USAGE } from './compare/args.js';
import { UsageError } from './errors.js';
import { AB_USAGE } from './cli/ab/ab-args.js';
import { HISTORY_USAGE } from './cli/history/history-args.js';

test('a command gets the arguments after its name, its main and its usage text', async () => {
  const command = await resolveCommand(['compare', 'a', 'b', '--alpha', '0.05']);
  expect(command).toEqual({ name: 'sambench compare', main: compareMain, argv: ['a', 'b', '--alpha', '0.05'], usage: COMPARE_USAGE });
});

test.each([['--version'], ['-V']])('%s prints the version of package.json', async (flag) => {
  expect(sambenchVersion()).toMatch(/^\d+\.\d+\.\d+/);
  const command = await resolveCommand([flag]);
  expect(command.name).toBe('sambench');
});

test('an unknown command is a UsageError, with a hint when it looks like a suite file', async () => {
  const command = await resolveCommand(['suites/smoke.json']);
  expect(command.usage).toBe(BIN_USAGE);
  expect(() => command.main([])).toThrow(UsageError);
  expect(() => command.main([])).toThrow('unknown command "suites/smoke.json"; to run a suite: sambench bench suites/smoke.json');
});

test('`sambench ab` is the ab command, with its usage text', async () => {
  const command = await resolveCommand(['ab', 'HEAD~1', 'HEAD', 's.json']);
  expect(command).toMatchObject({ name: 'sambench ab', argv: ['HEAD~1', 'HEAD', 's.json'], usage: AB_USAGE });
  expect(BIN_USAGE).toContain('ab <rev-a> <rev-b> <suite.json>');
});

test('`sambench history` is the history command, with its usage text', async () => {
  const command = await resolveCommand(['history', '--suite', 'nightly']);
  expect(command).toMatchObject({ name: 'sambench history', argv: ['--suite', 'nightly'], usage: HISTORY_USAGE });
  expect(BIN_USAGE).toContain('history [--suite S]');
});
