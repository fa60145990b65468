// Ctrl-C while following a Slurm job: the answer decides between leaving the job running and
// scancel; without a terminal the job is left running. Every way ends with exit 130 and the resume command.
import { describe, expect, test } from 'vitest';
import { ExitCode } from '../../errors.js';
import { followUntilInterrupted, holdInterrupts, onInterrupt } from './interrupt.js';

const RESUME = 'npx sambench bench s.json --out r --resume --launcher slurm';

describe('onInterrupt', () => {
  test('"c" cancels the job with scancel', async () => {
    const cancelled: string[] = [];
    const error = await onInterrupt('12', RESUME, {
      ask: () => Promise.resolve('c\n'),
      cancel: (id) => Promise.resolve(void cancelled.push(id)),
    });
    expect(cancelled).toEqual(['12']);
    expect(error).toMatchObject({ code: 'INTERRUPTED', exitCode: ExitCode.interrupted });
    expect(error.message).toBe(`cancelled Slurm job 12 (scancel); ${RESUME} keeps the runs that finished and submits the others again`);
  });

  test.each([
    ['Enter (the default) leaves it running', () => Promise.resolve(''), ''],
    ['no terminal: left running, and said why', null, ' (no terminal to ask on, so it was not cancelled)'],
  ])('%s', async (_, ask, why) => {
    const cancelled: string[] = [];
    const error = await onInterrupt('12', RESUME, { ask, cancel: (id) => Promise.resolve(void cancelled.push(id)) });
    expect(cancelled).toEqual([]);
    expect(error.message).toBe(
      `left Slurm job 12 running${why}; ${RESUME} waits for it, takes in its runs and submits any that did not finish; scancel 12 cancels it`,
    );
  });
});

test('SIGINT stops the follower and rejects with the answer; without one the follower’s result comes back', async () => {
  await expect(followUntilInterrupted('12', RESUME, () => Promise.resolve('followed'), { ask: null })).resolves.toBe('followed');
  const following = followUntilInterrupted(
    '12',
    RESUME,
    (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))),
    { ask: null },
  );
  setTimeout(() => process.emit('SIGINT'), 10);
  await expect(following).rejects.toThrow('left Slurm job 12 running');
  await expect(following).rejects.toMatchObject({ code: 'INTERRUPTED' });
});

test('a Ctrl-C while the job is submitted is held, then acted on as soon as following starts', async () => {
  const held = holdInterrupts();
  process.emit('SIGINT');
  held.release();
  expect(held.came()).toBe(true);
  let followed = false;
  const following = followUntilInterrupted(
    '12',
    RESUME,
    (signal) =>
      new Promise((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason as Error);
        followed = true;
        resolve('followed');
      }),
    { ask: null },
    held.came(),
  );
  await expect(following).rejects.toThrow('left Slurm job 12 running');
  expect(followed).toBe(false);
  const quiet = holdInterrupts();
  quiet.release();
  expect(quiet.came()).toBe(false);
});
