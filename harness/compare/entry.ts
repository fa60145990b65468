// Shared tail of the `compare` and `baseline` entry points: run main when the file is the
// process's script, set process.exitCode (never process.exit), and report a bug as exit 70.
import { pathToFileURL } from 'node:url';
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

// Lets each command file be both importable (tests call main) and runnable (`node dist/...`).
/** Runs `main(argv)` if `moduleUrl` is the script node was started with; `name` prefixes a bug report. */
export function runIfEntry(moduleUrl: string, name: string, main: (argv: string[]) => number): void {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  // Through a promise, so a throw and a returned code end the same two ways.
  Promise.resolve(process.argv.slice(2))
    .then(main)
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        console.error(`${name}: internal error (a bug; please report it with the lines below)`);
        console.error(error);
        process.exitCode = ExitCode.bug;
      },
    );
}
