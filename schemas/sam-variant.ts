// What every stage reads off a run spec's SAM variant: the variant itself (older specs have
// none) and whether its schedule picks its own SAM steps.
import type { ResolvedSamVariant } from './run-spec.generated.js';

// Specs written before variants existed (results folders, baselines) have no `variant`: they ran
// Composer's interval schedule.
/** The SAM variant a run's spec ran, `{ kind: 'interval' }` for specs older than variants. */
export function samVariantOf(sam: { variant?: ResolvedSamVariant }): ResolvedSamVariant {
  return sam.variant ?? { kind: 'interval' };
}

// The measured fraction of SAM steps, not 1/k, prices these (measure/reduce.ts).
/** Whether a variant's schedule picks its own SAM steps (`random`, `aesam`): it runs at interval 1 only. */
export function picksOwnSamSteps(variant: Pick<ResolvedSamVariant, 'kind'>): boolean {
  return variant.kind === 'random' || variant.kind === 'aesam';
}
