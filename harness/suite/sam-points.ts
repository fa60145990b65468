// The (variant, interval, rho) points of a suite's SAM runs. At interval k they are the fixed
// `matrix.rho` values (in list order), then c · k for each c of `matrix.rhoPerInterval` (in list
// order), each value once: a value that is both fixed and c · k is one run, which records its c.
// Each variant of `matrix.variant` (or the one `sam.variant`) gets those points in turn, at the
// intervals of its registry entry (schemas/registry/sam-variants.json `intervals`): an `interval`
// or `looksam` variant at every interval (LookSAM's k), a `random`, `aesam` or `late` one, or a
// user's own, at interval 1 only (its schedule replaces it). A point keeps its variant as the suite
// gives it: a user's variant is resolved from its files when the suite is expanded (sam-plugins.ts).
import {
  SAM_VARIANTS,
  isSamPluginKind,
  samKindFacts,
  type ModuleVariant,
  type PythonVariant,
  type ResolvedSamVariant,
  type SamVariant,
  type Suite,
} from '../../schemas/index.js';

/** A variant as the suite gives it, with its JSON pointer (`/sam/variant`, `/matrix/variant/1`). */
export interface SuiteVariant {
  variant: SamVariant;
  at: string;
}

/** One SAM point: its variant (as the suite gives it, and where), interval, rho, and the c it came from (rho = c · interval), null for a fixed rho. */
export interface SamPoint extends SuiteVariant {
  interval: number;
  rho: number;
  rhoPerInterval: number | null;
}

/** A user's own variant as a suite gives it. */
export type SuitePlugin = ModuleVariant | PythonVariant;
/** A built-in variant as a suite gives it. */
export type BuiltinSuiteVariant = Exclude<SamVariant, SuitePlugin>;

/** Whether a suite's variant is a user's own (`module`, `python`), whose files resolve it (sam-plugins.ts). */
export const isSuitePlugin = (variant: SamVariant): variant is SuitePlugin => isSamPluginKind(variant.kind);

/**
 * A built-in variant as a run spec holds it: every field of its registry entry's `options` given,
 * an absent one as its default, else null where the run spec allows it (`pFinal` null for a constant p).
 */
export function resolveVariant(variant: BuiltinSuiteVariant): ResolvedSamVariant {
  const { options, runSpec } = SAM_VARIANTS[variant.kind];
  const given = variant as unknown as Record<string, unknown>;
  const resolved: Record<string, unknown> = { kind: variant.kind };
  for (const [field, schema] of Object.entries(options.properties)) {
    const nullable = [runSpec?.properties?.[field]?.type ?? schema.type].flat().includes('null');
    const value = given[field] ?? schema.default ?? (nullable ? null : undefined);
    if (value !== undefined) resolved[field] = value;
  }
  return resolved as unknown as ResolvedSamVariant;
}

/** The variants a suite's SAM runs use, as it gives them, each with its pointer. */
export function suiteVariants(suite: Suite): SuiteVariant[] {
  const listed = suite.matrix?.variant;
  return listed
    ? listed.map((variant, i) => ({ variant, at: `/matrix/variant/${i}` }))
    : [{ variant: suite.sam!.variant!, at: '/sam/variant' }];
}

function variantIntervals(suite: Suite, variant: SamVariant): number[] {
  return samKindFacts(variant.kind).intervals === 'one' ? [1] : suiteIntervals(suite);
}

/** The intervals a suite's interval-variant (and LookSAM) SAM runs use. */
export function suiteIntervals(suite: Suite): number[] {
  return suite.matrix?.interval ?? [suite.sam!.interval!];
}

// rho = c · interval, rounded so 0.05 · 3 gives 0.15, not 0.15000000000000002.
/** c · interval as a SAM run gets it. */
export function scaledRho(perInterval: number, interval: number): number {
  return Number((perInterval * interval).toPrecision(12));
}

/** The c values of `matrix.rhoPerInterval` (one number or a list), empty when absent. */
export function rhoPerIntervalValues(suite: Suite): number[] {
  const given = suite.matrix?.rhoPerInterval;
  return given === undefined ? [] : typeof given === 'number' ? [given] : [...given];
}

// Fixed values: the matrix's rho list; without it and without any c, the suite's `sam.rho`.
function fixedRhos(suite: Suite, perInterval: readonly number[]): number[] {
  return suite.matrix?.rho ?? (perInterval.length > 0 ? [] : [suite.sam!.rho!]);
}

// The c values whose c · k is not yet a point at k (neither fixed nor an earlier c's).
function newScaled(interval: number, fixed: ReadonlySet<number>, perInterval: readonly number[]): Omit<SamPoint, keyof SuiteVariant>[] {
  const seen = new Set(fixed);
  const points: Omit<SamPoint, keyof SuiteVariant>[] = [];
  for (const c of perInterval) {
    const rho = scaledRho(c, interval);
    if (!seen.has(rho)) points.push({ interval, rho, rhoPerInterval: c });
    seen.add(rho);
  }
  return points;
}

/** The SAM points of a suite, variant by variant, then interval by interval; each (variant, interval, rho) once. */
export function samPoints(suite: Suite): SamPoint[] {
  const perInterval = rhoPerIntervalValues(suite);
  const fixed = fixedRhos(suite, perInterval);
  const fixedSet = new Set(fixed);
  return suiteVariants(suite).flatMap(({ variant, at }) =>
    variantIntervals(suite, variant).flatMap((interval) => {
      // A fixed value that some c gives at this interval is that c's point too.
      const cOf = (rho: number) => perInterval.find((c) => scaledRho(c, interval) === rho) ?? null;
      const fixedPoints = fixed.map((rho) => ({ interval, rho, rhoPerInterval: cOf(rho) }));
      return [...fixedPoints, ...newScaled(interval, fixedSet, perInterval)].map((point) => ({ variant, at, ...point }));
    }),
  );
}

// Counted without listing the fixed values at every interval, so a huge matrix is refused
// before anything the size of intervals × rho values is built.
/** How many SAM points `samPoints` gives. */
export function samPointCount(suite: Suite): number {
  const perInterval = rhoPerIntervalValues(suite);
  const fixed = new Set(fixedRhos(suite, perInterval));
  return suiteVariants(suite).reduce(
    (total, { variant }) =>
      total + variantIntervals(suite, variant).reduce((n, interval) => n + fixed.size + newScaled(interval, fixed, perInterval).length, 0),
    0,
  );
}
