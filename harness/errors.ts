// sambench's known failures and exit codes. A leaf: it imports nothing, so every stage (and
// every command line: bench, compare, baseline) can throw and catch the same errors.

/**
 * Exit codes of every sambench command; when several apply, the largest wins.
 * Scripts and CI read them, so a value never changes.
 */
export const ExitCode = {
  /** Every run finished and no expectation failed (inconclusive ones only warn, unless `--strict`). */
  ok: 0,
  /** An expectation (or a regression check) failed, or with `--strict` was inconclusive. */
  expectationFailed: 1,
  /** Bad command line, suite or set-up: nothing was started. */
  badInput: 2,
  /** Some runs failed; they are recorded and the rest reported. */
  runsFailed: 3,
  /** A bug in sambench. */
  bug: 70,
  /** Stopped by Ctrl-C (SIGINT); while a Slurm job ran, left running or cancelled as the user chose: resume with --resume. */
  interrupted: 130,
  /** Stopped by SIGTERM (128 + 15, as a shell reports it): resume with --resume. */
  terminated: 143,
} as const;

/** One of the values of {@link ExitCode}. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * A failure sambench expected and can explain: the command prints its message without a
 * stack and exits with `exitCode`. Anything else that reaches a command line is a bug.
 */
export class SambenchError extends Error {
  /** Stable and greppable, e.g. `USAGE`, `TORCH_MISSING`; tests and scripts may match on it. */
  readonly code: string;
  /** What the command exits with when this error ends it. */
  readonly exitCode: ExitCodeValue;

  /** `options.cause` keeps the underlying error (a failed import, a spawn error). */
  constructor(message: string, code: string, exitCode: ExitCodeValue, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** A command line (or set-up) that cannot be used; nothing was started, exit code 2. */
export class UsageError extends SambenchError {
  /** Print the usage text after the message (for mistakes in the command line itself). */
  readonly showUsage: boolean;

  /** `code` says which check refused; `USAGE` for the command line itself. */
  constructor(message: string, showUsage = true, code = 'USAGE', options?: ErrorOptions) {
    super(message, code, ExitCode.badInput, options);
    this.showUsage = showUsage;
  }
}
