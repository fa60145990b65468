// How the terminal report is drawn on one stream: how wide it may be and whether it is coloured.
// Decided once per stream from the stream and the environment; every table takes the result, so
// tests pass a fixed one and never depend on the terminal they run in.
//
// Colour without a library: Node's own `WriteStream.hasColors()` already honours NO_COLOR,
// FORCE_COLOR, NODE_DISABLE_COLORS and TERM=dumb on a TTY, and three SGR codes are all the report
// needs; when to colour, and the codes, belong to terminal-output.ts, which prints the report.
// (picocolors and chalk are only transitive dependencies here; util.styleText needs Node 20.12
// and checks no environment before Node 22.)
import { tint, untinted, wantsColor, type Tone } from '../terminal-output.js';

/** The terminal a report is drawn for. */
export interface Terminal {
  /** Columns a line may take. */
  width: number;
  /** Whether to colour PASS / FAIL / INCONCLUSIVE and failed runs. */
  color: boolean;
}

/** Width of a report that goes to a file or a pipe, and the narrowest a terminal is taken to be. */
export const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 60;

/** The width and colour for a report on `stream`: a TTY's columns (COLUMNS when set), else DEFAULT_WIDTH. */
export function terminalFor(
  stream: Pick<NodeJS.WriteStream, 'isTTY'> & Partial<Pick<NodeJS.WriteStream, 'hasColors' | 'columns'>>,
  env: NodeJS.ProcessEnv = process.env,
): Terminal {
  const columns = Number(env.COLUMNS) || (stream.isTTY ? stream.columns : undefined) || DEFAULT_WIDTH;
  return { width: Math.max(MIN_WIDTH, columns), color: wantsColor(stream, env) };
}

// Marked, not coded: terminal-output.ts turns the marks into colour after it strips what the
// cells quote, so a run id or a message cannot carry escape codes of its own; marks a cell
// already held go first, so no cell colours itself.
/** `text` marked with the colour of `tone` when `color` is on, else left plain. */
export function paint(text: string, tone: Tone | undefined, color: boolean): string {
  const plain = untinted(text);
  return color && tone ? tint(plain, tone) : plain;
}
