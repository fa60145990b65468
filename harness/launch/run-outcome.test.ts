// One reason per failed run, by precedence: timeout > nan > worker-error > signal > crash.
import { expect, test } from 'vitest';
import type { WorkerEvent } from '../../schemas/index.js';
import { failureReason, type WorkerExit } from './run-outcome.js';

const clean: WorkerExit = { exitCode: 0, signal: null, timedOut: false, startError: null };
const done: WorkerEvent = { type: 'done', steps: 1, wallMs: 1 };
const nan: WorkerEvent = { type: 'error', reason: 'nan', message: 'NaN' };
const caught: WorkerEvent = { type: 'error', reason: 'worker-error', message: 'boom' };
const killed: WorkerExit = { ...clean, exitCode: null, signal: 'SIGKILL' };

test.each([
  ['exit 0 with done', clean, [done], null],
  ['exit 0 without done', clean, [], 'crash'],
  ['exit 1 with done', { ...clean, exitCode: 1 }, [done], 'crash'],
  ['not started', { ...clean, exitCode: null, startError: 'spawn x ENOENT' }, [], 'crash'],
  ['signal', killed, [done], 'signal'],
  ['worker-error beats signal', killed, [caught], 'worker-error'],
  ['an error event fails even exit 0 with done', clean, [caught, done], 'worker-error'],
  ['nan beats worker-error', { ...clean, exitCode: 1 }, [caught, nan], 'nan'],
  ['timeout beats everything', { ...killed, timedOut: true }, [nan, caught], 'timeout'],
] as const)('%s', (_name, exit, events, reason) => {
  expect(failureReason(exit, events)).toBe(reason);
});
