// Command-line arguments of `sambench` (npm run bench -- …), parsed strictly.
import { earlyExit, parseArgv, pathOption, type EarlyExit } from '../command-line.js';
import { refuseControl } from '../control-characters.js';
import { UsageError } from '../errors.js';

export const USAGE = `usage: sambench bench <suite.json> [--dry-run] [--out DIR] [--resume] [--export DIR] [--strict]
                      [--launcher local|slurm] [--partition P] [--account A] [--qos Q]
       (in a sambench checkout: npm run bench -- <suite.json> …)

  --dry-run   print the expanded runs, one per line, and exit
  --out DIR   results folder (default results/<suite name>/<timestamp>)
  --resume    with --out: keep the finished runs in DIR, run the others (also takes in
              event logs that workers wrote elsewhere: see --export)
  --export DIR  write the resolved run specs to DIR/runs/<id>.spec.json and start nothing,
              for running workers on another machine (from a sambench checkout there, with
              the worker command it prints: node dist/harness/worker/main.js for TF.js runs,
              python -m harness.worker.pytorch.main for torch runs, each as
              <command> DIR/runs/<id>.spec.json > DIR/runs/<id>.jsonl), then --out DIR --resume here
  --strict    count inconclusive verdicts as failed (exit 1), for CI; without it they
              exit 0 with a warning on stderr
  --launcher local|slurm  where the runs execute (default: the suite's launch.launcher, else
              local): local runs here, one at a time, or on a machine with several GPUs one
              GPU-using run per GPU; slurm submits the pending runs as one sbatch --array job
              and follows it (docs/cluster-and-gpus.md); with --resume, a job left
              running is waited for and only runs without a finished log are submitted again
  --partition P, --account A, --qos Q  sbatch's options for --launcher slurm (default: the
              suite's launch.slurm)
  -h, --help     this text
  -V, --version  print sambench's version`;

/** What the user asked for. */
export interface CliArgs {
  suiteFile: string;
  dryRun: boolean;
  out: string | null;
  resume: boolean;
  /** Write the run specs here and start nothing. */
  exportTo: string | null;
  /** Inconclusive verdicts exit 1, as failed ones do. */
  strict: boolean;
  /** Where the runs execute; null: as the suite says. */
  launcher: 'local' | 'slurm' | null;
  /** sbatch options that override the suite's launch.slurm. */
  slurm: { partition?: string; account?: string; qos?: string };
}

// `npm run bench suites/x.json --dry-run` hands --dry-run, --out, --resume and --strict to npm, which
// keeps them as npm_config_* variables; take them from there so they are not lost.
function fromNpm(argv: string[], env: NodeJS.ProcessEnv): string[] {
  const args: string[] = [];
  if (env.npm_config_dry_run === 'true' && !argv.includes('--dry-run')) args.push('--dry-run');
  if (env.npm_config_resume === 'true' && !argv.includes('--resume')) args.push('--resume');
  if (env.npm_config_strict === 'true' && !argv.includes('--strict')) args.push('--strict');
  if (env.npm_config_out && !argv.includes('--out')) args.push('--out', env.npm_config_out);
  return args;
}

// USAGE lists each (a test checks it); -h/--help and -V/--version come from parseArgv.
/** The options of the bench command line. */
export const BENCH_OPTIONS = {
  'dry-run': { type: 'boolean', default: false },
  out: { type: 'string' },
  resume: { type: 'boolean', default: false },
  export: { type: 'string' },
  strict: { type: 'boolean', default: false },
  launcher: { type: 'string' },
  partition: { type: 'string' },
  account: { type: 'string' },
  qos: { type: 'string' },
} as const;

const LAUNCHERS = ['local', 'slurm'] as const;

/** Parses argv (without node and script); throws UsageError, or returns 'help' / 'version' when asked. */
export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CliArgs | EarlyExit {
  const parsed = parseArgv({
    args: [...argv, ...fromNpm(argv, env)],
    allowPositionals: true,
    strict: true,
    options: BENCH_OPTIONS,
  });
  const { values, positionals } = parsed;
  const early = earlyExit(values);
  if (early) return early;
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? 'no suite file given' : `expected one suite file, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  }
  refuseControl('the suite file', positionals[0]!, 'the shell commands and batch scripts sambench writes');
  const out = pathOption('out', values.out);
  const exportTo = pathOption('export', values.export);
  if (values.resume && out === null) throw new UsageError('--resume needs --out DIR (the results folder to resume)');
  const launcher = values.launcher ?? null;
  if (launcher !== null && !(LAUNCHERS as readonly string[]).includes(launcher))
    throw new UsageError(`--launcher must be one of ${LAUNCHERS.join(', ')}; got ${JSON.stringify(launcher)}`);
  const slurm: CliArgs['slurm'] = {};
  for (const key of ['partition', 'account', 'qos'] as const) {
    const value = values[key];
    if (value === undefined) continue;
    if (!/^\S+$/.test(value)) throw new UsageError(`--${key} needs a name without spaces; got ${JSON.stringify(value)}`);
    refuseControl(`--${key}`, value, 'an #SBATCH line');
    slurm[key] = value;
  }
  return {
    suiteFile: positionals[0]!,
    dryRun: values['dry-run'],
    out,
    resume: values.resume,
    exportTo,
    strict: values.strict,
    launcher: launcher as CliArgs['launcher'],
    slurm,
  };
}
