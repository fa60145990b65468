// Which runs a suite's probe starts (model-probe.ts), and where in the suite a probe-error points.
// Each of the suite's own SAM variants is probed with its first run, which builds the model too;
// without one, a user's model is probed with the first run; a suite of built-ins is not probed.
// Pure: the suite layer finds the runs, model-probe.ts starts them.
import type { RunSpec } from '../../schemas/index.js';
import { firstPluginRuns, type LoadedSuite, type PluginRun } from '../suite/index.js';

/** A user's variant, as a probe of its run reports it: its pointer in the suite and its kind. */
export type ProbedVariant = Pick<PluginRun, 'at' | 'kind'>;

/** One probe: the run spec its worker is started with, and the user's variant it checks (null: the model alone). */
export interface ProbeTarget {
  spec: RunSpec;
  variant: ProbedVariant | null;
}

/** Whether a suite's model is the user's own, so that its runs are probed first. */
export const needsModelProbe = (loaded: LoadedSuite): boolean => (loaded.suite.model.source ?? 'builtin') !== 'builtin';

/** The probes of `loaded`, in the suite's order: one per own variant, else one for a user's model, else none. */
export function probeTargets(loaded: LoadedSuite): ProbeTarget[] {
  const plugins = firstPluginRuns(loaded.suite, loaded.dir, loaded.runs);
  // Each of these builds the model before the variant: a separate model probe would repeat one.
  if (plugins.length > 0) return plugins.map(({ at, kind, run }) => ({ spec: run, variant: { at, kind } }));
  const first = loaded.runs[0];
  return needsModelProbe(loaded) && first !== undefined ? [{ spec: first, variant: null }] : [];
}

// The run spec's variant is the suite's resolved (suite/sam-plugins.ts): `kind`, `name` and `args`
// are the suite's own keys, and the rest (`path`, `sha256`, a python variant's `function`) come from
// the file the suite names: a module's `path`, a python variant's `factory`.
const RUN_SPEC_VARIANT = '/sam/variant';
const SUITE_KEYS = new Set(['kind', 'name', 'args']);

/**
 * The suite's pointer for a probe's `pointer` (a run spec's): `/sam/variant/path` of the variant at
 * `/matrix/variant/1` is `/matrix/variant/1/path`, `/sam/variant/function` of a python one its
 * `…/factory`. Any other pointer (the model's) is the suite's as it is.
 */
export function suitePointer(pointer: string, variant: ProbedVariant | null): string {
  if (variant === null || (pointer !== RUN_SPEC_VARIANT && !pointer.startsWith(`${RUN_SPEC_VARIANT}/`))) return pointer;
  const [key, ...rest] = pointer.slice(RUN_SPEC_VARIANT.length + 1).split('/');
  if (key === undefined || key === '') return variant.at;
  const fileKey = variant.kind === 'module' ? 'path' : 'factory';
  if (SUITE_KEYS.has(key) || key === fileKey) return [variant.at, key, ...rest].join('/');
  return `${variant.at}/${fileKey}`;
}
