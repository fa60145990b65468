// A benchmark's target as a verdict from an interval: 'holds' or 'fails' only when the whole 95 %
// interval of the ratio lies on one side of the target, else 'inconclusive'.
import type { RatioEstimate } from '../harness/stats/index.js';

/** `r` (a ratio of medians with its 95 % interval) against an upper bound `target`, in words. */
export function targetVerdict(r: RatioEstimate, target: number): string {
  const ci = `CI [${r.ci95[0].toFixed(2)}, ${r.ci95[1].toFixed(2)}]`;
  if (r.ci95[1] <= target) return `holds (${ci} ≤ ${target})`;
  if (r.ci95[0] > target) return `fails (${ci} > ${target})`;
  return `inconclusive (${ci} straddles ${target}; point estimate ${r.ratio.toFixed(2)} ${r.ratio <= target ? '≤' : '>'} ${target})`;
}
