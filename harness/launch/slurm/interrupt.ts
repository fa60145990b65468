// Ctrl-C while sambench follows a Slurm job: the job runs on without this process, so the user
// chooses to leave it running (and resume later) or cancel it with scancel. Without a terminal to
// ask on (CI, a pipe), it is left running and sambench says so. Either way sambench stops
// following and exits with ExitCode.interrupted, saying how to resume.
import { ExitCode, SambenchError } from '../../errors.js';
import { askLine } from '../../terminal-output.js';
import { cancelJob } from './cluster.js';

/** Where to ask, and how to cancel: the terminal and scancel, unless a test gives others. */
export interface InterruptOptions {
  /** Asks the question and returns the answer; null when there is no one to ask. */
  ask?: ((question: string) => Promise<string>) | null;
  cancel?: (jobId: string) => Promise<void>;
}

/** The user's choice at Ctrl-C, acted on: the error that ends the bench. */
export async function onInterrupt(jobId: string, resumeCommand: string, options: InterruptOptions = {}): Promise<SambenchError> {
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  const ask = options.ask === undefined ? (interactive ? askLine : null) : options.ask;
  const choice = ask
    ? await ask(
        `\nsambench: Slurm job ${jobId} is still running. Leave it running to resume later (l), or cancel it with scancel (c)? [L/c] `,
      )
    : '';
  if (/^c/i.test(choice.trim())) {
    await (options.cancel ?? cancelJob)(jobId);
    return new SambenchError(
      `cancelled Slurm job ${jobId} (scancel); ${resumeCommand} keeps the runs that finished and submits the others again`,
      'INTERRUPTED',
      ExitCode.interrupted,
    );
  }
  const why = ask ? '' : ' (no terminal to ask on, so it was not cancelled)';
  return new SambenchError(
    `left Slurm job ${jobId} running${why}; ${resumeCommand} waits for it, takes in its runs and submits any that did not finish; scancel ${jobId} cancels it`,
    'INTERRUPTED',
    ExitCode.interrupted,
  );
}

/** Ctrl-C held back while a job is submitted and recorded: `came` says whether one came. */
export interface HeldInterrupts {
  came: () => boolean;
  release: () => void;
}

/**
 * Holds Ctrl-C from now until `release`: the job that sbatch is submitting may start before
 * sambench has its id, and a Ctrl-C then must neither end sambench with the job unrecorded (a
 * resume would not know it) nor go unheard. The follower acts on a held one at once.
 */
export function holdInterrupts(): HeldInterrupts {
  let came = false;
  const hold = () => {
    came = true;
  };
  process.on('SIGINT', hold);
  return { came: () => came, release: () => process.off('SIGINT', hold) };
}

/**
 * Runs `follow` until it ends or Ctrl-C comes (or came while the job was submitted:
 * `interruptedBefore`); at Ctrl-C, stops it (through the signal it gets), asks, and rejects with
 * the resulting error.
 */
export async function followUntilInterrupted<T>(
  jobId: string,
  resumeCommand: string,
  follow: (signal: AbortSignal) => Promise<T>,
  options: InterruptOptions = {},
  interruptedBefore = false,
): Promise<T> {
  const controller = new AbortController();
  let onSigint = () => {};
  const interrupted = new Promise<never>((_, reject) => {
    onSigint = () => {
      if (controller.signal.aborted) return; // one question; a second Ctrl-C is the question's
      controller.abort();
      onInterrupt(jobId, resumeCommand, options).then(reject, reject);
    };
  });
  // `on`, not `once`: the listener must stay while the signal is handled. execa's exit hook
  // (signal-exit), registered whenever the follower runs squeue or sacct, re-raises SIGINT when it
  // finds itself the only listener left, and a `once` listener is gone by then: sambench died of
  // the signal instead of asking and exiting 130.
  process.on('SIGINT', onSigint);
  if (interruptedBefore) onSigint();
  try {
    // Once aborted, following stops with the abort; the answer to the question decides the end.
    const following = follow(controller.signal).catch((error: unknown) => {
      if (controller.signal.aborted) return interrupted;
      throw error;
    });
    return await Promise.race([following, interrupted]);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
