// The one way sambench's text reaches the terminal: every line for stdout or stderr goes through
// here and has its escape sequences and control characters stripped (control-characters.ts),
// since much of it quotes text sambench did not write (a worker's message, a file name, a path).
// sambench's own codes are added after that, here alone: colour, and the live progress line's
// `\r ESC[2K`. harness/layering.test.ts fails on a module that writes to the terminal otherwise.
import readline from 'node:readline/promises';
import { inspect } from 'node:util';
import { stripControl } from './control-characters.js';

/** What a coloured piece of text says. */
export type Tone = 'good' | 'bad' | 'unsure';

// Colour travels as Unicode noncharacters (reserved for a program's internal use), turned into
// SGR codes after stripping, or dropped where colour is off.
const MARK: Record<Tone, string> = { good: '\ufdd0', bad: '\ufdd1', unsure: '\ufdd2' };
const END = '\ufdd3';
const SGR: Record<string, string> = { '\ufdd0': '\x1b[32m', '\ufdd1': '\x1b[31m', '\ufdd2': '\x1b[33m', [END]: '\x1b[39m' };
const MARKS = /[\ufdd0-\ufdd3]/g;

// A reader that went away (`sambench history | head`) is no error of sambench: what it would have
// read is dropped and the command goes on (a bench still writes its results). Any other write
// error stays fatal, as it was.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

/** A stream text is printed to: what decides colour and the live line. */
export type TerminalStream = Pick<NodeJS.WriteStream, 'isTTY'> & Partial<Pick<NodeJS.WriteStream, 'hasColors'>>;

// FORCE_COLOR=0/false forces colour off; any other value (empty, 1, 2, 3, true) on. NO_COLOR set
// to anything non-empty turns it off (no-color.org). Otherwise a TTY that can show colour (Node's
// hasColors also says no for TERM=dumb).
/** Whether to colour what goes to `stream`, by FORCE_COLOR, then NO_COLOR, then the stream itself. */
export function wantsColor(stream: TerminalStream, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR) return false;
  return stream.isTTY === true && (stream.hasColors?.(env) ?? false);
}

// Progress redraws one line only where the terminal understands `\r ESC[2K`: not in a pipe or
// log, and not on TERM=dumb (Emacs shells, some CI consoles), which print the codes as text.
/** Whether `stream` takes the live progress line: a TTY whose TERM is not `dumb`. */
export function takesLiveLine(stream: TerminalStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** `text` marked to show in the colour of `tone` where the stream takes colour. */
export function tint(text: string, tone: Tone): string {
  return text === '' ? text : `${MARK[tone]}${text}${END}`;
}

// A cell of a coloured table quotes names from the suite: its own marks go before it is tinted,
// so only sambench's tint can colour.
/** `text` without colour marks. */
export function untinted(text: string): string {
  return text.replace(MARKS, '');
}

/**
 * `text` as it may reach `stream`: escape sequences and control characters stripped; then, if
 * `colored` (a report whose cells were tinted) and the stream takes colour, its marks turned into
 * colour, else dropped.
 */
export function terminalText(text: string, stream: TerminalStream, env: NodeJS.ProcessEnv = process.env, colored = false): string {
  const color = colored && wantsColor(stream, env);
  return stripControl(text).replace(MARKS, (mark) => (color ? SGR[mark]! : ''));
}

/** A stream's printer: whole lines, and the live line progress redraws in place. */
export interface TerminalWriter {
  /** Whether `redraw` may be used: the stream is a terminal that takes the live line. */
  readonly live: boolean;
  /** Prints `text` and a newline. */
  line(text: string): void;
  /** Redraws the live line with `text`, ended by a newline when `final`; off a live terminal, prints it as a plain line. */
  redraw(text: string, final: boolean): void;
}

/** The printer for `stream` (stderr unless a test gives another), in `env`. */
export function terminalWriter(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): TerminalWriter {
  const live = takesLiveLine(stream, env);
  const clean = (text: string) => terminalText(text, stream, env);
  return {
    live,
    line: (text) => void stream.write(`${clean(text)}\n`),
    redraw: (text, final) => void stream.write(live ? `\r\x1b[2K${clean(text)}${final ? '\n' : ''}` : `${clean(text)}\n`),
  };
}

/** Prints `text` and a newline on stdout, stripped of control characters; `colored` for a report whose cells were tinted. */
export function printOut(text = '', { colored = false } = {}): void {
  process.stdout.write(`${terminalText(text, process.stdout, process.env, colored)}\n`);
}

/** Prints `text` and a newline on stderr, stripped of control characters. */
export function printErr(text: string): void {
  process.stderr.write(`${terminalText(text, process.stderr)}\n`);
}

// A bug's report keeps its stack and causes, as console.error would show them.
/** Prints an unexpected error on stderr, stack and cause included. */
export function printBug(error: unknown): void {
  printErr(inspect(error, { depth: 5 }));
}

// A second Ctrl-C at the question answers too (with nothing).
/** Asks `question` on stderr and returns the line the user typed ('' at Ctrl-C). */
export async function askLine(question: string): Promise<string> {
  const terminal = readline.createInterface({ input: process.stdin, output: process.stderr });
  const interrupted = new Promise<string>((resolve) => terminal.once('SIGINT', () => resolve('')));
  try {
    return await Promise.race([terminal.question(terminalText(question, process.stderr)), interrupted]);
  } finally {
    terminal.close();
  }
}
