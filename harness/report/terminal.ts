// How the terminal report is drawn on one stream: how wide it may be and whether it is coloured.
// Decided once per stream from the stream and the environment; every table takes the result, so
// tests pass a fixed one and never depend on the terminal they run in.
//
// Colour without a library: Node's own `WriteStream.hasColors()` already honours NO_COLOR,
// FORCE_COLOR, NODE_DISABLE_COLORS and TERM=dumb on a TTY, and three SGR codes are all the report
// needs. (picocolors and chalk are only transitive dependencies here; util.styleText needs Node
// 20.12 and checks no environment before Node 22.)

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

// FORCE_COLOR=0/false forces colour off; any other value (empty, 1, 2, 3, true) on. NO_COLOR set
// to anything non-empty turns it off (no-color.org). Otherwise a TTY that can show colour.
/** Whether to colour what goes to `stream`, by FORCE_COLOR, then NO_COLOR, then the stream itself. */
export function wantsColor(
  stream: Pick<NodeJS.WriteStream, 'isTTY'> & Partial<Pick<NodeJS.WriteStream, 'hasColors'>>,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR) return false;
  return stream.isTTY === true && (stream.hasColors?.(env) ?? false);
}

/** The width and colour for a report on `stream`: a TTY's columns (COLUMNS when set), else DEFAULT_WIDTH. */
export function terminalFor(
  stream: Pick<NodeJS.WriteStream, 'isTTY'> & Partial<Pick<NodeJS.WriteStream, 'hasColors' | 'columns'>>,
  env: NodeJS.ProcessEnv = process.env,
): Terminal {
  const columns = Number(env.COLUMNS) || (stream.isTTY ? stream.columns : undefined) || DEFAULT_WIDTH;
  return { width: Math.max(MIN_WIDTH, columns), color: wantsColor(stream, env) };
}

/** What a cell's colour says. */
export type Tone = 'good' | 'bad' | 'unsure';

const SGR: Record<Tone, string> = { good: '\x1b[32m', bad: '\x1b[31m', unsure: '\x1b[33m' };

/** `text` in the colour of `tone` when `color` is on, else unchanged. */
export function paint(text: string, tone: Tone | undefined, color: boolean): string {
  return color && tone && text !== '' ? `${SGR[tone]}${text}\x1b[39m` : text;
}
