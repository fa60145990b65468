// What counts as a control character in text sambench did not write (a worker's message, a file
// name, a path from the command line): one list, for its two uses. What reaches the terminal has
// them stripped (terminal-output.ts), so a worker's stderr cannot move the cursor, retitle the
// window or hide a line; what goes into a script or a shell command line refuses them (a newline
// in --out would end an #SBATCH line and start a shell line of the user's path).
import { UsageError } from './errors.js';

// C0 but tab and newline, DEL, C1; then the Unicode format characters that reorder text or break
// lines where the terminal shows none: bidi marks, embeddings, overrides and isolates (U+061C,
// U+200E–200F, U+202A–202E, U+2066–2069), and the line and paragraph separators (U+2028–2029).
const CONTROL_BUT_LINES = '\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
// In a script, tab and newline are control characters too: either ends a word or a line.
const CONTROL = new RegExp(`[\\t\\n${CONTROL_BUT_LINES}]`, 'u');
// A whole escape sequence goes, not only its ESC, so no `[2J` is left to read: CSI (ESC [ or the
// C1 CSI) with its parameters, OSC (ESC ]) up to BEL or ST, and two-character ESC sequences.
// eslint-disable-next-line no-control-regex -- finding escape sequences is what this module is for
const ESCAPE_SEQUENCE = /\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[ -~]/g;
const STRIPPED = new RegExp(`[${CONTROL_BUT_LINES}]`, 'gu');

/** `text` without escape sequences and control characters, newlines and tabs kept: safe to print. */
export function stripControl(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(STRIPPED, '');
}

const NAMES: Record<number, string> = {
  0x09: 'a tab',
  0x0a: 'a newline',
  0x0d: 'a carriage return',
  0x1b: 'an escape',
  0x7f: 'a delete (DEL)',
  0x2028: 'a line separator',
  0x2029: 'a paragraph separator',
};

/** The first control character in `text`, as `a newline (U+000A)`, or null when there is none. */
export function firstControl(text: string): string | null {
  const found = CONTROL.exec(text)?.[0];
  if (found === undefined) return null;
  const point = found.codePointAt(0)!;
  const name = NAMES[point] ?? (point >= 0x200e ? 'a bidirectional-text control' : 'a control character');
  return `${name} (U+${point.toString(16).toUpperCase().padStart(4, '0')})`;
}

// Thrown before anything is written or started, naming where the value came from.
/**
 * Refuses (UsageError, exit 2) a `value` that holds a control character: `what` names it, e.g.
 * `--out` or `launch.slurm.partition`, and `where` says what it goes into (`an #SBATCH line`).
 */
export function refuseControl(what: string, value: string, where: string): void {
  const found = firstControl(value);
  if (found === null) return;
  throw new UsageError(
    `${what} holds ${found}; it goes into ${where}, where that would end a line or a word; got ${JSON.stringify(value)}: choose one without control characters`,
    false,
    'CONTROL_CHARACTER',
  );
}
