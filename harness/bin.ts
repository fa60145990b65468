#!/usr/bin/env node
// The `sambench` command of the package (its `bin`): `sambench <command> [args]` hands the
// arguments to that command's own main, the same one `npm run bench|compare|baseline|calibrate|ab`
// runs in a checkout, so each command keeps its own flags, usage text and exit codes.
// `sambench setup` runs scripts/setup-native.mjs (the set-up `npm ci` runs here) for a project
// that depends on sambench.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { isEntry, runMain } from './command-line.js';
import { ExitCode, UsageError } from './errors.js';
import { PROJECT_ROOT } from './paths.js';
import { sambenchVersion } from './provenance.js';
import { printOut } from './terminal-output.js';

export const BIN_USAGE = `usage: sambench <command> [args]

commands:
  bench <suite.json> [--dry-run] [--out DIR] ...   run a suite (sambench bench --help)
  compare <baseline> <current> [...]              compare two results (sambench compare --help)
  baseline <results folder> [--out FILE]          save a results folder as a baseline
  calibrate <suite.json> [...]                    measure the comparison's false-alarm rate
  ab <rev-a> <rev-b> <suite.json> [...]           bench two git revisions of sambench side by side
  claims [--only ID,...] [--page-only]            check the method card's claims (suites/claims/), one page
  history [--suite S] [--fail-on-regression] [...]       the bench history: series, change points, history.html
  setup                                           set up native TensorFlow for @tensorflow/tfjs-node
                                                  (libtensorflow from the tensorflow-cpu wheel when
                                                  Google storage is out of reach; cached)

  --version, -V   print sambench's version
  --help, -h      this text`;

/** A command ready to run: the name its messages start with, its main, its arguments and usage. */
export interface Command {
  name: string;
  main: (argv: string[]) => number | Promise<number>;
  argv: string[];
  usage?: string;
}

// Loaded on demand: `sambench --version` and `sambench compare` import no more than they use.
const COMMANDS: Record<string, () => Promise<Omit<Command, 'argv'>>> = {
  bench: async () => ({ name: 'sambench', main: (await import('./cli.js')).main, usage: (await import('./cli/args.js')).USAGE }),
  compare: async () => ({
    name: 'sambench compare',
    main: (await import('./compare/cli.js')).main,
    usage: (await import('./compare/args.js')).COMPARE_USAGE,
  }),
  baseline: async () => ({
    name: 'sambench baseline',
    main: (await import('./compare/baseline-cli.js')).main,
    usage: (await import('./compare/args.js')).BASELINE_USAGE,
  }),
  calibrate: async () => ({
    name: 'sambench calibrate',
    main: (await import('./cli/calibrate.js')).main,
    usage: (await import('./cli/calibrate-args.js')).CALIBRATE_USAGE,
  }),
  ab: async () => ({
    name: 'sambench ab',
    main: (await import('./cli/ab/ab.js')).main,
    usage: (await import('./cli/ab/ab-args.js')).AB_USAGE,
  }),
  claims: async () => ({
    name: 'sambench claims',
    main: (await import('./cli/claims/run-claims.js')).main,
    usage: (await import('./cli/claims/run-claims.js')).CLAIMS_USAGE,
  }),
  history: async () => ({
    name: 'sambench history',
    main: (await import('./cli/history/history.js')).main,
    usage: (await import('./cli/history/history-args.js')).HISTORY_USAGE,
  }),
  setup: () => Promise.resolve({ name: 'sambench setup', main: setupNative }),
};

// A child process, as in a checkout: the script is plain Node and runs its set-up at load.
/** Runs scripts/setup-native.mjs with `argv`; returns its exit code. */
function setupNative(argv: string[]): number {
  const script = path.join(PROJECT_ROOT, 'scripts', 'setup-native.mjs');
  const result = spawnSync(process.execPath, [script, ...argv], { stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? ExitCode.bug;
}

function printing(text: string): Command['main'] {
  return () => {
    printOut(text);
    return ExitCode.ok;
  };
}

/** The command `sambench ...argv` runs; for an unknown command, one that fails with a UsageError. */
export async function resolveCommand(argv: string[]): Promise<Command> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-V') return { name: 'sambench', main: printing(sambenchVersion()), argv: [] };
  if (first === undefined || first === '--help' || first === '-h') return { name: 'sambench', main: printing(BIN_USAGE), argv: [] };
  const load = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (load) return { ...(await load()), argv: rest };
  const hint = first.endsWith('.json') ? `; to run a suite: sambench bench ${first}` : '';
  const unknown = () => {
    throw new UsageError(`unknown command ${JSON.stringify(first)}${hint}`);
  };
  return { name: 'sambench', main: unknown, argv: [], usage: BIN_USAGE };
}

if (isEntry(import.meta.url)) {
  const command = await resolveCommand(process.argv.slice(2));
  runMain(command.name, command.main, command.argv, command.usage);
}
