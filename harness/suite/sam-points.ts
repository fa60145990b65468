// The (variant, interval, rho) points of a suite's SAM runs. At interval k they are the fixed
// `matrix.rho` values (in list order), then c · k for each c of `matrix.rhoPerInterval` (in list
// order), each value once: a value that is both fixed and c · k is one run, which records its c.
// Each variant of `matrix.variant` (or the one `sam.variant`) gets those points in turn, at the
// intervals of its registry entry (schemas/registry/sam-variants.json `intervals`): an `interval`
// or `looksam` variant at every interval (LookSAM's k), a `random` or `aesam` one at interval 1
// only (its schedule replaces it).
import { SAM_VARIANTS, type ResolvedSamVariant, type SamVariant, type Suite } from '../../schemas/index.js';

/** One SAM point: its variant, interval, rho, and the c it came from (rho = c · interval), null for a fixed rho. */
export interface SamPoint {
  variant: ResolvedSamVariant;
  interval: number;
  rho: number;
  rhoPerInterval: number | null;
}

/** A variant as a run spec holds it: every value given (`pFinal` null for a constant p; AE-SAM's from the schema's defaults). */
export function resolveVariant(variant: SamVariant): ResolvedSamVariant {
  switch (variant.kind) {
    case 'random':
      return { kind: 'random', p: variant.p, pFinal: variant.pFinal ?? null };
    case 'looksam':
      return { kind: 'looksam', alpha: variant.alpha, granularity: variant.granularity ?? 'global' };
    case 'aesam':
      return { kind: 'aesam', delta: variant.delta!, lambda1: variant.lambda1!, lambda2: variant.lambda2! };
    case 'interval':
      return { kind: 'interval' };
  }
}

/** The variants a suite's SAM runs use, resolved. */
export function suiteVariants(suite: Suite): ResolvedSamVariant[] {
  return (suite.matrix?.variant ?? [suite.sam!.variant!]).map(resolveVariant);
}

function variantIntervals(suite: Suite, variant: ResolvedSamVariant): number[] {
  return SAM_VARIANTS[variant.kind].intervals === 'one' ? [1] : suiteIntervals(suite);
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
function newScaled(interval: number, fixed: ReadonlySet<number>, perInterval: readonly number[]): Omit<SamPoint, 'variant'>[] {
  const seen = new Set(fixed);
  const points: Omit<SamPoint, 'variant'>[] = [];
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
  return suiteVariants(suite).flatMap((variant) =>
    variantIntervals(suite, variant).flatMap((interval) => {
      // A fixed value that some c gives at this interval is that c's point too.
      const cOf = (rho: number) => perInterval.find((c) => scaledRho(c, interval) === rho) ?? null;
      const fixedPoints = fixed.map((rho) => ({ interval, rho, rhoPerInterval: cOf(rho) }));
      return [...fixedPoints, ...newScaled(interval, fixedSet, perInterval)].map((point) => ({ variant, ...point }));
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
    (total, variant) =>
      total + variantIntervals(suite, variant).reduce((n, interval) => n + fixed.size + newScaled(interval, fixed, perInterval).length, 0),
    0,
  );
}
