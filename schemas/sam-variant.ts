// What every stage reads off a run spec's SAM variant: the variant itself (older specs have
// none), whether its schedule picks its own SAM steps (schemas/registry/sam-variants.json), and
// its settings by name, from which run ids (suite/expand.ts) and configuration labels
// (measure/configurations.ts) are written in the registry's orders. Nothing here names a kind:
// a built-in is written by its registry entry's `parts`, a user's own variant by its name and args.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { SAM_VARIANTS, isSamPluginKind, samKindFacts, type ResolvedSamPlugin, type SamVariantEntry } from './registry.js';
import type { ResolvedSamVariant } from './run-spec.generated.js';

// Specs written before variants existed (results folders, baselines) have no `variant`: they ran
// Composer's interval schedule.
/** The SAM variant a run's spec ran, `{ kind: 'interval' }` for specs older than variants. */
export function samVariantOf(sam: { variant?: ResolvedSamVariant }): ResolvedSamVariant {
  return sam.variant ?? { kind: 'interval' };
}

// The measured fraction of SAM steps, not 1/k, prices these (measure/reduce.ts).
/** Whether a variant's schedule picks its own SAM steps (the registry's `picksOwnSamSteps`: `random`, `aesam`, a user's own): it runs at interval 1 only. */
export function picksOwnSamSteps(variant: Pick<ResolvedSamVariant, 'kind'>): boolean {
  return samKindFacts(variant.kind).picksOwnSamSteps;
}

/** Whether `variant` is a user's own (`module`, `python`). */
export function isSamPlugin(variant: Pick<ResolvedSamVariant, 'kind'>): variant is ResolvedSamPlugin {
  return isSamPluginKind(variant.kind);
}

/**
 * A setting that names a SAM schedule: the interval k, LookSAM's alpha, AE-SAM's delta and c range, (G-)RST's p;
 * each variant's are its registry entry's `id` and `label`; a user's variant's are its scalar args.
 */
export type ScheduleSettingName = string;

/** A SAM schedule in named parts, each value as ids and labels write it. */
export interface ScheduleParts {
  /** The variant's short name, one of its registry entry's `names` (`grst` is `random` with a growing p), or a user's variant's `name`; null for the interval schedule, named by k alone. */
  name: string | null;
  /** The settings that tell it apart: `{ k: '5', alpha: '0.7', granularity: 'global' }`, `{ delta: '0.9', c: '1to-1' }` (c from lambda2 to lambda1), `{ p: '0.1-0.5' }`. */
  settings: Partial<Record<ScheduleSettingName, string>>;
}

/** The order ids and labels write a variant's settings in: `id` pairs each setting with its letter. */
export interface SettingOrder {
  id: [setting: ScheduleSettingName, letter: string][];
  label: ScheduleSettingName[];
}

/** `text` as part of a run id: every character but letters, digits, `.`, `_`, `+` and `-` becomes `_` (harness/safe-name.ts). */
export const idSafe = (text: string): string => text.replace(/[^A-Za-z0-9._+-]/g, '_');

// A user's variant is told apart by its scalar args, sorted by key; objects, lists and null are left out.
function pluginSettings(args: Record<string, unknown>): Record<string, string> {
  const scalar = Object.keys(args)
    .sort()
    .filter((key) => ['string', 'number', 'boolean'].includes(typeof args[key]));
  return Object.fromEntries(scalar.map((key) => [idSafe(key), idSafe(String(args[key]))]));
}

/** The order ids and labels write `variant`'s settings in: its registry entry's `id` and `label`; a user's variant's args by key. */
export function settingOrder(variant: ResolvedSamVariant): SettingOrder {
  if (isSamPlugin(variant)) {
    const keys = Object.keys(pluginSettings(variant.args));
    return { id: keys.map((key) => [key, key]), label: keys };
  }
  const entry = SAM_VARIANTS[variant.kind];
  return { id: Object.entries(entry.id), label: [...entry.label] };
}

/** The settings of `parts` that ids and labels write: all but those at their registry entry's `unwritten` value. */
export function writtenSettings(sam: { variant?: ResolvedSamVariant }, parts: ScheduleParts): ScheduleParts['settings'] {
  const variant = samVariantOf(sam);
  const unwritten = isSamPlugin(variant) ? {} : (SAM_VARIANTS[variant.kind].unwritten ?? {});
  return Object.fromEntries(Object.entries(parts.settings).filter(([key, value]) => unwritten[key] !== value));
}

// A field a spec lacks (written before the field existed: LookSAM's granularity) reads as its default.
const withDefaults = (entry: SamVariantEntry, variant: object): Record<string, unknown> => ({
  ...Object.fromEntries(Object.entries(entry.options.properties).map(([field, schema]) => [field, schema.default])),
  ...variant,
});

const filled = (template: string, values: Record<string, unknown>): string =>
  template.replace(/\{(\w+)\}/g, (_, field: string) => String(values[field]));

/** The named parts of a SAM run's schedule, its variant's and its interval's; the one place a variant is read out for writing. */
export function scheduleParts(sam: { variant?: ResolvedSamVariant; interval: number }): ScheduleParts {
  const variant = samVariantOf(sam);
  if (isSamPlugin(variant)) return { name: variant.name, settings: pluginSettings(variant.args) };
  const entry = SAM_VARIANTS[variant.kind];
  const values: Record<string, unknown> = { ...withDefaults(entry, variant), interval: sam.interval };
  const part = entry.parts.find((p) => Object.entries(p.when ?? {}).every(([field, value]) => (values[field] ?? null) === value));
  if (part === undefined)
    throw new Error(`schemas/registry/sam-variants.json: no part of "${variant.kind}" fits ${JSON.stringify(variant)}`);
  return {
    name: part.name,
    settings: Object.fromEntries(Object.entries(part.settings).map(([key, template]) => [key, filled(template, values)])),
  };
}

// The `if` of a registry problem is a JSON Schema over the resolved variant; `$data` lets one field
// bound another (AE-SAM's lambda1 ≤ lambda2).
const problemChecks = new Map<string, ValidateFunction>();
let problemAjv: Ajv2020 | undefined; // made at the first check: a worker that imports schemas/ never needs it

/** The messages of the registry's `problems` that `variant` (resolved) has, `{field}` filled in; none for a user's variant. */
export function registryProblems(variant: ResolvedSamVariant): string[] {
  if (isSamPlugin(variant)) return [];
  return (SAM_VARIANTS[variant.kind].problems ?? []).flatMap((problem) => {
    const key = JSON.stringify(problem.if);
    problemAjv ??= new Ajv2020({ $data: true, strict: true, allowUnionTypes: true });
    const check = problemChecks.get(key) ?? problemAjv.compile(problem.if);
    problemChecks.set(key, check);
    return check(variant) ? [filled(problem.message, variant as unknown as Record<string, unknown>)] : [];
  });
}
