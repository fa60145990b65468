// How the `compare` and `baseline` commands word their known input errors.
import { ExitCode, UsageError } from '../errors.js';
import { CompareInputError } from './bench-data.js';

// Both commands word their known errors alike: a bad command line gets the usage text, a bad
// input only its message; anything else is a bug and goes on to runIfEntry.
/** Prints a UsageError or CompareInputError as `name: message` and returns exit code 2; rethrows anything else. */
export function reportInputError(name: string, usage: string, error: unknown): number {
  if (error instanceof UsageError) console.error(`${name}: ${error.message}\n\n${usage}`);
  else if (error instanceof CompareInputError) console.error(`${name}: ${error.message}`);
  else throw error;
  return ExitCode.badInput;
}
