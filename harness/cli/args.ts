// Command-line arguments of `sambench` (npm run bench -- …), parsed strictly.
import { parseArgs } from 'node:util';

export const USAGE = `usage: npm run bench -- <suite.json> [--dry-run] [--out DIR] [--resume]

  --dry-run   print the expanded runs, one per line, and exit
  --out DIR   results folder (default results/<suite name>/<timestamp>)
  --resume    with --out: keep the finished runs in DIR, run the others
  --help      this text`;

/** What the user asked for. */
export interface CliArgs {
  suiteFile: string;
  dryRun: boolean;
  out: string | null;
  resume: boolean;
}

/** A command line that cannot be used; exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses argv (without node and script); throws UsageError, or returns null for --help. */
export function parseCliArgs(argv: string[]): CliArgs | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        out: { type: 'string' },
        resume: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return null;
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'no suite file given' : `expected one suite file, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  if (values.resume && values.out === undefined) throw new UsageError('--resume needs --out DIR (the results folder to resume)');
  return { suiteFile: positionals[0]!, dryRun: values['dry-run'], out: values.out ?? null, resume: values.resume };
}
