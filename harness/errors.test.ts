import { expect, test } from 'vitest';
import { ExitCode, SambenchError, UsageError } from './errors.js';
import { CompareInputError } from './compare/index.js';
import { SuiteError } from './suite/index.js';

test('exit codes keep the values scripts and CI read', () => {
  expect(ExitCode).toEqual({ ok: 0, expectationFailed: 1, badInput: 2, runsFailed: 3, bug: 70, interrupted: 130, terminated: 143 });
});

test('a SambenchError carries its code, exit code and cause, and is named after its class', () => {
  const cause = new Error('spawn python3 ENOENT');
  const error = new SambenchError('framework "torch" needs Python', 'TORCH_MISSING', ExitCode.badInput, { cause });
  expect(error).toMatchObject({ name: 'SambenchError', code: 'TORCH_MISSING', exitCode: 2, cause });
});

test.each([
  ['UsageError', new UsageError('no suite file given'), 'USAGE'],
  ['SuiteError', new SuiteError('suites/x.json', [{ pointer: '/sam/interval', message: 'must be >= 1 (got 0)' }]), 'SUITE_INVALID'],
  ['CompareInputError', new CompareInputError('results/x: no such folder'), 'COMPARE_INPUT'],
])('%s is a SambenchError with exit code 2', (name, error, code) => {
  expect(error).toBeInstanceOf(SambenchError);
  expect(error).toMatchObject({ name, code, exitCode: ExitCode.badInput });
});

test('a UsageError prints the usage text unless told not to', () => {
  expect(new UsageError('bad flag').showUsage).toBe(true);
  expect(new UsageError('suites/x.json: no PyTorch', false, 'TORCH_MISSING')).toMatchObject({ showUsage: false, code: 'TORCH_MISSING' });
});
