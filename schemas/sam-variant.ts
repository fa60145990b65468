// What every stage reads off a run spec's SAM variant: the variant itself (older specs have
// none), whether its schedule picks its own SAM steps (schemas/registry/sam-variants.json), and
// its settings by name, from which run ids (suite/expand.ts) and configuration labels
// (measure/configurations.ts) are written in the registry's orders.
import { SAM_VARIANTS } from './registry.js';
import type { ResolvedSamVariant } from './run-spec.generated.js';

// Specs written before variants existed (results folders, baselines) have no `variant`: they ran
// Composer's interval schedule.
/** The SAM variant a run's spec ran, `{ kind: 'interval' }` for specs older than variants. */
export function samVariantOf(sam: { variant?: ResolvedSamVariant }): ResolvedSamVariant {
  return sam.variant ?? { kind: 'interval' };
}

// The measured fraction of SAM steps, not 1/k, prices these (measure/reduce.ts).
/** Whether a variant's schedule picks its own SAM steps (the registry's `picksOwnSamSteps`: `random`, `aesam`): it runs at interval 1 only. */
export function picksOwnSamSteps(variant: Pick<ResolvedSamVariant, 'kind'>): boolean {
  return SAM_VARIANTS[variant.kind].picksOwnSamSteps;
}

/**
 * A setting that names a SAM schedule: the interval k, LookSAM's alpha, AE-SAM's delta and c range, (G-)RST's p;
 * each variant's are its registry entry's `id` and `label`.
 */
export type ScheduleSettingName = string;

/** A SAM schedule in named parts, each value as ids and labels write it. */
export interface ScheduleParts {
  /** The variant's short name, one of its registry entry's `names` (`grst` is `random` with a growing p); null for the interval schedule, named by k alone. */
  name: string | null;
  /** The settings that tell it apart: `{ k: '5', alpha: '0.7', granularity: 'global' }`, `{ delta: '0.9', c: '1to-1' }` (c from lambda2 to lambda1), `{ p: '0.1-0.5' }`. */
  settings: Partial<Record<ScheduleSettingName, string>>;
}

/** The settings of `parts` that ids and labels write: all but those at their registry entry's `unwritten` value. */
export function writtenSettings(sam: { variant?: ResolvedSamVariant }, parts: ScheduleParts): ScheduleParts['settings'] {
  const unwritten = SAM_VARIANTS[samVariantOf(sam).kind].unwritten ?? {};
  return Object.fromEntries(Object.entries(parts.settings).filter(([key, value]) => unwritten[key] !== value));
}

/** The named parts of a SAM run's schedule, its variant's and its interval's; the one place a variant is read out for writing. */
export function scheduleParts(sam: { variant?: ResolvedSamVariant; interval: number }): ScheduleParts {
  const variant = samVariantOf(sam);
  const k = String(sam.interval);
  switch (variant.kind) {
    case 'interval':
      return { name: null, settings: { k } };
    case 'looksam':
      // Specs written before `granularity` projected globally.
      return { name: 'looksam', settings: { k, alpha: String(variant.alpha), granularity: variant.granularity ?? 'global' } };
    case 'aesam':
      return { name: 'aesam', settings: { delta: String(variant.delta), c: `${variant.lambda2}to${variant.lambda1}` } };
    case 'random':
      return variant.pFinal === null
        ? { name: 'rst', settings: { p: String(variant.p) } }
        : { name: 'grst', settings: { p: `${variant.p}-${variant.pFinal}` } };
  }
}
