// Matches the configurations of two benches: the RunSpec without what names or limits a run (id,
// suite, baselineId, timeoutSeconds, repeat), each side holding all its processes of that
// configuration. The environment is not part of the key, so the same suite on new hardware still
// matches (and environment.ts warns about it).
import { samVariantOf, type RunSpec } from '../../schemas/index.js';
import type { RunResult } from '../measure/index.js';

// Names, ids and the kill timeout do not change what a run measures; nor does the round of a
// repeated run: the processes of one configuration share a key and are its samples. Specs
// written before rounds existed still match.
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

// Dataset and optimizer fields added after specs were first written (results folders and baselines
// keep old specs), with the value that means what an old spec did: no subset, no label noise, no MixUp, no label smoothing.
const DATASET_FIELDS_ADDED_LATER: Pick<RunSpec['dataset'], 'trainSubset' | 'labelNoise' | 'mixup'> = {
  trainSubset: null,
  labelNoise: 0,
  mixup: null,
};
const OPTIMIZER_FIELDS_ADDED_LATER: Pick<RunSpec['optimizer'], 'labelSmoothing'> = { labelSmoothing: 0 };

// Two runs measure the same thing exactly when their keys are equal.
// Where a rho came from (a fixed value, or c · interval) does not change what the run measures,
// and specs written before it was recorded lack it.
/**
 * The matching key of a run: canonical JSON of its spec without {@link NOT_IN_KEY} and `sam.rhoPerInterval`,
 * and without `torch.syncFirstGradient` where nothing is synced (no SAM, or one worker).
 */
export function runKey(spec: RunSpec): string {
  const rest: Record<string, unknown> = {
    ...spec,
    // Specs written before these dataset fields existed meant exactly their "off" values.
    dataset: { ...DATASET_FIELDS_ADDED_LATER, ...spec.dataset },
    optimizer: { ...OPTIMIZER_FIELDS_ADDED_LATER, ...spec.optimizer },
    // Specs written before SAM variants existed ran the interval schedule.
    sam: spec.sam && {
      ...spec.sam,
      variant: samVariantOf(spec.sam),
      rhoPerInterval: undefined,
    },
    // syncFirstGradient acts only on a SAM run of more than one worker: elsewhere it changes nothing.
    torch: spec.torch && {
      ...spec.torch,
      syncFirstGradient: spec.sam && spec.torch.worldSize > 1 ? spec.torch.syncFirstGradient : undefined,
    },
  };
  for (const field of NOT_IN_KEY) delete rest[field];
  return canonical(rest);
}

// Run ids of repeated processes end in -r<round>; the configuration is what they share.
/** The id of a run's configuration: its id without the `-r<round>` suffix of a repeated process. */
export function configurationId(spec: RunSpec): string {
  const suffix = `-r${spec.repeat}`;
  return typeof spec.repeat === 'number' && spec.id.endsWith(suffix) ? spec.id.slice(0, -suffix.length) : spec.id;
}

// The unit every metric is decided on: all processes of one configuration on each side.
/** The processes (RunResults, failed ones included) of one configuration in each bench. */
export interface ConfigurationPair {
  /** `configurationId()` of the current bench's first process. */
  id: string;
  /** `configurationId()` of the baseline's first process (the same unless ids were renamed). */
  baselineId: string;
  baseline: RunResult[];
  current: RunResult[];
}

// Pairs plus the leftovers that the report lists.
/** The outcome of {@link matchConfigurations}. */
export interface ConfigurationMatching {
  pairs: ConfigurationPair[];
  /** Configurations of the baseline that the current bench lacks, each as its processes. */
  onlyBaseline: RunResult[][];
  /** Configurations of the current bench that the baseline lacks, each as its processes. */
  onlyCurrent: RunResult[][];
}

function groupByKey(runs: readonly RunResult[]): Map<string, RunResult[]> {
  const groups = new Map<string, RunResult[]>();
  for (const run of runs) {
    const key = runKey(run.spec);
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return groups;
}

// Which configurations can be compared at all; the rest are listed, never guessed at. Each side
// may hold any number of processes per configuration (a suite's repeats): they are pooled, not
// paired, so a baseline of one process compares with a bench of five.
/** Groups both benches' runs by {@link runKey} and pairs equal keys, in the current bench's order. */
export function matchConfigurations(baseline: readonly RunResult[], current: readonly RunResult[]): ConfigurationMatching {
  const before = groupByKey(baseline);
  const after = groupByKey(current);
  const pairs: ConfigurationPair[] = [];
  const onlyCurrent: RunResult[][] = [];
  for (const [key, runs] of after) {
    const match = before.get(key);
    if (match)
      pairs.push({ id: configurationId(runs[0]!.spec), baselineId: configurationId(match[0]!.spec), baseline: match, current: runs });
    else onlyCurrent.push(runs);
  }
  return { pairs, onlyBaseline: [...before].filter(([key]) => !after.has(key)).map(([, runs]) => runs), onlyCurrent };
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
