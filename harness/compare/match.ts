// Pairs the runs of two benches by resolved configuration: the RunSpec without what names or
// limits a run (id, suite, baselineId, timeoutSeconds, repeat). The environment is not part of the key,
// so the same suite on new hardware still matches (and environment.ts warns about it).
import type { RunSpec } from '../../schemas/index.js';
import type { RunResult } from '../measure/index.js';

// Names, ids and the kill timeout do not change what a run measures; nor does the round of a
// repeated run (its repeats share a key and pair in order), and specs written before rounds existed still match.
/** RunSpec fields left out of the matching key. */
export const NOT_IN_KEY = ['id', 'suite', 'baselineId', 'timeoutSeconds', 'repeat'] as const;

// Key order must not matter: specs written by different versions may order fields differently.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// Two runs measure the same thing exactly when their keys are equal.
/** The matching key of a run: canonical JSON of its spec without {@link NOT_IN_KEY}. */
export function runKey(spec: RunSpec): string {
  const rest: Record<string, unknown> = { ...spec };
  for (const field of NOT_IN_KEY) delete rest[field];
  return canonical(rest);
}

// The unit every metric is computed on.
/** A run of the baseline and the run of the current bench with the same configuration. */
export interface RunPair {
  baseline: RunResult;
  current: RunResult;
}

// Pairs plus the leftovers that the report lists.
/** The outcome of {@link matchRuns}. */
export interface RunMatching {
  pairs: RunPair[];
  /** Baseline runs no current run matches. */
  onlyBaseline: RunResult[];
  /** Current runs no baseline run matches. */
  onlyCurrent: RunResult[];
}

// Which runs can be compared at all; the rest are listed, never guessed at.
/**
 * Pairs runs with equal {@link runKey}, in the current bench's order. Runs sharing a key on
 * one side (a suite that repeats a configuration) are paired in order of appearance.
 */
export function matchRuns(baseline: readonly RunResult[], current: readonly RunResult[]): RunMatching {
  const waiting = new Map<string, RunResult[]>();
  for (const run of baseline) {
    const key = runKey(run.spec);
    waiting.set(key, [...(waiting.get(key) ?? []), run]);
  }
  const pairs: RunPair[] = [];
  const onlyCurrent: RunResult[] = [];
  for (const run of current) {
    const match = waiting.get(runKey(run.spec))?.shift();
    if (match) pairs.push({ baseline: match, current: run });
    else onlyCurrent.push(run);
  }
  const paired = new Set(pairs.map((p) => p.baseline));
  return { pairs, onlyBaseline: baseline.filter((r) => !paired.has(r)), onlyCurrent };
}

// For an unmatched run, say which settings keep it apart from its nearest counterpart.
/** Dotted paths of the spec fields (outside {@link NOT_IN_KEY}) whose values differ between `a` and `b`, leaf by leaf. */
export function specDifferences(a: RunSpec, b: RunSpec): string[] {
  const out: string[] = [];
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const walk = (x: unknown, y: unknown, at: string) => {
    // null against an object (no SAM vs SAM) differs in every field of the object, so it ranks as far.
    const xs = x ?? (isRecord(y) ? {} : x);
    const ys = y ?? (isRecord(x) ? {} : y);
    if (!isRecord(xs) || !isRecord(ys)) {
      if (canonical(x) !== canonical(y)) out.push(at);
      return;
    }
    const keys = new Set([...Object.keys(xs), ...Object.keys(ys)]);
    for (const k of [...keys].sort()) {
      if (at === '' && (NOT_IN_KEY as readonly string[]).includes(k)) continue;
      walk(xs[k], ys[k], at ? `${at}.${k}` : k);
    }
  };
  walk(a, b, '');
  return out;
}
