// Number formats and the plain-text table every terminal report uses (bench, compare,
// bench:step): one definition each, so the same figure reads the same everywhere.

/** `x` with `digits` decimals, or `-` when there is no value. */
export const num = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined ? '-' : x.toFixed(digits));

// 0.071 → 7.1%: slowdowns, accuracies and relative changes are fractions in the model.
/** A fraction as a percentage with one decimal (`7.1%`), or `-` when there is no value. */
export const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '-' : `${(100 * x).toFixed(1)}%`);

/** `x` with `digits` decimals and an explicit sign (`+0.40`, `-1.25`). */
export const signed = (x: number, digits: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;

/** A fraction as a signed percentage with one decimal (`+7.1%`), for changes. */
export const signedPct = (x: number): string => `${signed(100 * x, 1)}%`;

/** Accuracy points with their sign, to 2 decimals: `+1.95`, `-0.54`. */
export const signedPoints = (x: number): string => signed(x, 2);

// An interval's two ends, formatted alike; each renderer decides how to wrap them.
/** The two ends of `ci` in format `f`, or null when there is no interval. */
export function formatInterval(ci: readonly [number, number] | null | undefined, f: (x: number) => string): [string, string] | null {
  return ci ? [f(ci[0]), f(ci[1])] : null;
}

/** How a column of a text table is aligned. */
export type Align = 'left' | 'right';

// tinybench's table converter idea: rows of strings in, one aligned block out.
/**
 * A plain-text table: the header, a rule of dashes, then the rows; columns two spaces apart,
 * padded to their widest cell (left-aligned unless `align` says right), trailing spaces trimmed.
 * `paint` may wrap a row's cell text (colour codes): it is applied after the width is measured.
 */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[] = [],
  paint: (text: string, row: number, column: number) => string = (text) => text,
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[], row: number | null) =>
    cells
      .map((c, i) => {
        const pad = ' '.repeat(widths[i]! - c.length);
        const text = row === null ? c : paint(c, row, i);
        return align[i] === 'right' ? pad + text : text + pad;
      })
      .join('  ')
      .trimEnd();
  return [
    line(header, null),
    line(
      widths.map((w) => '-'.repeat(w)),
      null,
    ),
    ...rows.map((r, i) => line(r, i)),
  ].join('\n');
}
