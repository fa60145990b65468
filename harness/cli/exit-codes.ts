// Exit codes of `sambench`; when several apply, the largest wins.
export const EXIT = {
  /** Every run finished and every expectation holds. */
  ok: 0,
  /** An expectation (or a regression check) failed. */
  verdictFailed: 1,
  /** Bad command line or suite: nothing was started. */
  usage: 2,
  /** Some runs failed; they are recorded and the rest reported. */
  runFailed: 3,
  /** A bug in sambench. */
  bug: 70,
} as const;
