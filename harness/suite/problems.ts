// How a suite's problems are reported: each names the file, the JSON pointer (with line and
// column when known), what was wrong and what was expected, in the suite's own keys.
import { ExitCode, SambenchError } from '../errors.js';

/** One thing wrong with a suite file. */
export interface SuiteProblem {
  /** JSON pointer into the suite ('' for the whole file), e.g. `/matrix/rho/1`. */
  pointer: string;
  /** What is wrong and what was expected, e.g. `must be > 0 (got 0)`. */
  message: string;
  line?: number;
  column?: number;
  /** Set when the problem is only that a dataset folder is missing on this machine. */
  missingData?: boolean;
  /** Set for a warning that a key or value is kept under an old name (the message names the new one). */
  deprecated?: boolean;
}

/** A suite that cannot run (code `SUITE_INVALID`, exit 2); carries every problem found, not just the first. */
export class SuiteError extends SambenchError {
  constructor(
    readonly file: string,
    readonly problems: SuiteProblem[],
  ) {
    super(formatProblems(file, problems), 'SUITE_INVALID', ExitCode.badInput);
  }
}

/** One problem as `file:line:col /pointer message`. */
export function formatProblem(file: string, { pointer, message, line, column }: SuiteProblem): string {
  const where = line === undefined ? file : `${file}:${line}:${column}`;
  return `${where} ${pointer || '(root)'} ${message}`;
}

/** One line per problem: `file:line:col /pointer message`. */
export function formatProblems(file: string, problems: SuiteProblem[]): string {
  const header = `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  return [header, ...problems.map((problem) => `  ${formatProblem(file, problem)}`)].join('\n');
}
