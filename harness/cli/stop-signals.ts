// Ctrl-C (SIGINT) or SIGTERM while a command runs here: it ends at once, as it would without a
// handler, but through process.exit, so what sambench holds is let go: the folders' locks are
// removed (the 'exit' listener of out-lock.ts), a report being written is finished first (a
// signal waits for the synchronous write, so no `.<name>.<pid>.tmp` is left), and once the results
// folder is known, the command that resumes the bench is printed. While a Slurm job is followed,
// its follower answers Ctrl-C instead (launch/slurm/interrupt.ts asks whether to cancel the job).
import { ExitCode } from '../errors.js';
import { printErr } from '../terminal-output.js';

/** The handlers of one command, from {@link stopOnSignals}. */
export interface StopSignals {
  /** The command that resumes the bench, printed at a signal from now on. */
  resumeWith(command: string): void;
  /** Runs `during` with Ctrl-C left to another handler (the Slurm follower); SIGTERM still ends the command. */
  sigintElsewhere<T>(during: () => Promise<T>): Promise<T>;
  /** Removes the handlers (the command ended). */
  dispose(): void;
}

const EXIT_CODES = { SIGINT: ExitCode.interrupted, SIGTERM: ExitCode.terminated } as const;

/** Ends the process at SIGINT or SIGTERM (exit 130, 143), saying so as `name`; call `dispose` when the command ends. */
export function stopOnSignals(name: string): StopSignals {
  let resume: string | null = null;
  let sigintPaused = false;
  const stop = (signal: keyof typeof EXIT_CODES) => {
    if (signal === 'SIGINT' && sigintPaused) return;
    const then = resume ? `; the runs that finished are kept: ${resume} runs the rest` : '';
    printErr(`\n${name}: stopped by ${signal}${then}`);
    process.exit(EXIT_CODES[signal]);
  };
  const onSigint = () => stop('SIGINT');
  const onSigterm = () => stop('SIGTERM');
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  return {
    resumeWith(command) {
      resume = command;
    },
    async sigintElsewhere(during) {
      sigintPaused = true;
      try {
        return await during();
      } finally {
        sigintPaused = false;
      }
    },
    dispose() {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
    },
  };
}
