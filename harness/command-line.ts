// What every command line of sambench shares: strict argv parsing whose mistakes are
// UsageErrors (exit 2), and running a command's main when its file is the process's script,
// setting process.exitCode (never process.exit). The one place known errors are printed: a
// command's main just throws a SambenchError, which prints as `name: message` (a UsageError about
// the command line itself adds the usage text) and exits with its code; anything unexpected is
// reported as a bug (70).
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { refuseControl } from './control-characters.js';
import { ExitCode, SambenchError, UsageError } from './errors.js';
import { sambenchVersion } from './provenance.js';
import { printBug, printErr, printOut } from './terminal-output.js';

/** What every command answers before it reads its arguments: its usage text, or its version. */
export type EarlyExit = 'help' | 'version';

// Every command takes these two, so they are added here rather than in each command's options.
const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'V', default: false },
} as const;

type Parsed<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>> & { values: { help: boolean; version: boolean } };

/**
 * `parseArgs` with `-h`/`--help` and `-V`/`--version` added; its mistakes (an unknown option,
 * a missing value) thrown as UsageErrors in sambench's words, naming the option.
 */
export function parseArgv<T extends ParseArgsConfig>(config: T): Parsed<T> {
  const full = { ...config, options: { ...config.options, ...COMMON_OPTIONS } };
  try {
    return parseArgs(full) as unknown as Parsed<T>;
  } catch (error) {
    throw parseError(full, error);
  }
}

/** 'help' or 'version' when the command line asked for one (help wins), else null. */
export function earlyExit(values: { help: boolean; version: boolean }): EarlyExit | null {
  return values.help ? 'help' : values.version ? 'version' : null;
}

/** Prints the usage text or the version to stdout for `action`; returns exit code 0. */
export function printEarlyExit(action: EarlyExit, usage: string): number {
  printOut(action === 'help' ? usage : sambenchVersion());
  return ExitCode.ok;
}

// Node's own messages quote unevenly ("as in '-- "--foo"") and explain `--` at length; say what
// was wrong with which option, and where the options are listed.
function parseError(config: ParseArgsConfig, error: unknown): UsageError {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message;
  const options = config.options ?? {};
  const { tokens } = parseArgs({ ...config, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const known = options[token.name];
    if (known === undefined && code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      return new UsageError(`unknown option ${token.rawName}; --help lists the options`, false);
    if (known?.type === 'string' && token.value === undefined)
      return new UsageError(`${token.rawName} needs a value, e.g. ${token.rawName} VALUE; --help lists the options`, false);
    if (known?.type === 'boolean' && token.inlineValue)
      return new UsageError(`${token.rawName} takes no value (got ${token.rawName}=${token.value ?? ''})`, false);
  }
  return new UsageError(message.split('. ')[0] ?? message);
}

/**
 * The number an option was given (`fallback` when absent), refused as a UsageError naming the
 * option, the rule it breaks and the value when it is not a number that passes `ok`.
 */
export function numberOption(
  name: string,
  raw: string | boolean | undefined,
  fallback: number,
  ok: (x: number) => boolean,
  rule: string,
): number {
  if (raw === undefined) return fallback;
  const x = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!ok(x)) throw new UsageError(`--${name} must be ${rule}; got ${JSON.stringify(raw)}`);
  return x;
}

// `--out=` (or `--out ""`) would resolve to the current folder and write a bench, a baseline or
// calibration files into it: an empty path is a mistake, never a choice. A path goes into the
// commands sambench prints (resume) and the scripts it writes (Slurm), where a newline would end
// a line: a control character in it is refused too.
/** The path an option was given (null when absent), refused as a UsageError when it is empty or holds a control character. */
export function pathOption(name: string, raw: string | boolean | undefined): string | null {
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || raw.trim() === '')
    throw new UsageError(`--${name} needs a path; got ${JSON.stringify(raw)} (an empty path would mean the current folder)`);
  refuseControl(`--${name}`, raw, 'the shell commands and batch scripts sambench writes');
  return raw;
}

// Lets each command file be both importable (tests call main) and runnable (`node dist/...`).
/**
 * Runs `main(argv)` if `moduleUrl` is the script node was started with; `name` prefixes every
 * message, and `usage` follows the message of a UsageError with `showUsage`.
 */
export function runIfEntry(moduleUrl: string, name: string, main: (argv: string[]) => number | Promise<number>, usage?: string): void {
  if (isEntry(moduleUrl)) runMain(name, main, process.argv.slice(2), usage);
}

// npm starts a package's bin through a symlink (node_modules/.bin/sambench), and argv[1] keeps
// the link's path while import.meta.url is the real file's: compare real paths.
/** Whether `moduleUrl` is the script node was started with (through a symlink or not). */
export function isEntry(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  let real = script;
  try {
    real = fs.realpathSync(script);
  } catch {
    // A script that is gone cannot be this module.
  }
  return moduleUrl === pathToFileURL(real).href || moduleUrl === pathToFileURL(script).href;
}

/**
 * Runs `main(argv)` as a command: sets process.exitCode to what it returns, prints a
 * SambenchError as `name: message` (with `usage` after a UsageError with `showUsage`) and
 * anything else as a bug.
 */
export function runMain(name: string, main: (argv: string[]) => number | Promise<number>, argv: string[], usage?: string): void {
  // Through a promise, so a throw and a returned code end the same two ways.
  Promise.resolve(argv)
    .then(main)
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        // A failure sambench can explain (a full disk, an unwritable folder) is the user's to fix: no stack.
        if (error instanceof SambenchError) {
          const withUsage = error instanceof UsageError && error.showUsage && usage !== undefined;
          printErr(`${name}: ${error.message}${withUsage ? `\n\n${usage}` : ''}`);
          process.exitCode = error.exitCode;
          return;
        }
        printErr(`${name}: internal error (a bug; please report it with the lines below)`);
        printBug(error);
        process.exitCode = ExitCode.bug;
      },
    );
}
