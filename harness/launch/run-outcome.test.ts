// One reason per failed run, by precedence: timeout > nan > worker-error > signal > crash.
import { expect, test } from 'vitest';
import type { WorkerEvent } from '../../schemas/index.js';
import { failureMessage, failureReason, type WorkerExit } from './run-outcome.js';

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

// The message a worker without its native binding sends (worker/backend.ts): a long cause before the fix.
test('a long worker error is clipped to one line, but never inside the fix command it carries', () => {
  const cause = `${'libtensorflow.so.2: cannot open shared object file '.repeat(4)}(No such file or directory)`;
  const text = `native TensorFlow for backend "tensorflow" does not load (${cause}). Run \`npm run setup\` (it installs libtensorflow).`;
  const error: WorkerEvent = { type: 'error', reason: 'worker-error', message: text };
  const context = { timeoutMs: 1000, plannedSteps: 10, stderrTail: '' };
  const line = failureMessage('worker-error', { ...clean, exitCode: 1 }, [error], context);
  expect(line.length).toBeLessThanOrEqual(200 + 'the worker failed: '.length);
  expect(line).toMatch(/^the worker failed: native TensorFlow for backend "tensorflow" does not load \(libtensorflow.+… /);
  expect(line.endsWith(' Run `npm run setup` (it installs libtensorflow).')).toBe(true);
  const early = failureMessage(
    'worker-error',
    { ...clean, exitCode: 1 },
    [{ ...error, message: `${'y'.repeat(190)} \`npm run setup\` ${cause}` }],
    context,
  );
  expect(early).toMatch(/^the worker failed: y{10,}… `npm run setup`…$/);
  expect(early.length).toBeLessThanOrEqual(200 + 'the worker failed: '.length);
  const short = failureMessage('worker-error', { ...clean, exitCode: 1 }, [{ ...error, message: 'x'.repeat(300) }], context);
  expect(short).toBe(`the worker failed: ${'x'.repeat(199)}…`);
});
