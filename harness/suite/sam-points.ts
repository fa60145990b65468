// The (interval, rho) points of a suite's SAM runs. At interval k they are the fixed
// `matrix.rho` values (in list order), then c · k for each c of `matrix.rhoPerInterval` (in list
// order), each value once: a value that is both fixed and c · k is one run, which records its c.
import type { Suite } from '../../schemas/index.js';

/** One SAM point: its interval, its rho, and the c it came from (rho = c · interval), null for a fixed rho. */
export interface SamPoint {
  interval: number;
  rho: number;
  rhoPerInterval: number | null;
}

/** The intervals a suite's SAM runs use. */
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
function newScaled(interval: number, fixed: ReadonlySet<number>, perInterval: readonly number[]): SamPoint[] {
  const seen = new Set(fixed);
  const points: SamPoint[] = [];
  for (const c of perInterval) {
    const rho = scaledRho(c, interval);
    if (!seen.has(rho)) points.push({ interval, rho, rhoPerInterval: c });
    seen.add(rho);
  }
  return points;
}

/** The SAM points of a suite, interval by interval; each (interval, rho) once. */
export function samPoints(suite: Suite): SamPoint[] {
  const perInterval = rhoPerIntervalValues(suite);
  const fixed = fixedRhos(suite, perInterval);
  const fixedSet = new Set(fixed);
  return suiteIntervals(suite).flatMap((interval) => {
    // A fixed value that some c gives at this interval is that c's point too.
    const cOf = (rho: number) => perInterval.find((c) => scaledRho(c, interval) === rho) ?? null;
    const fixedPoints = fixed.map((rho) => ({ interval, rho, rhoPerInterval: cOf(rho) }));
    return [...fixedPoints, ...newScaled(interval, fixedSet, perInterval)];
  });
}

// Counted without listing the fixed values at every interval, so a huge matrix is refused
// before anything the size of intervals × rho values is built.
/** How many SAM points `samPoints` gives. */
export function samPointCount(suite: Suite): number {
  const perInterval = rhoPerIntervalValues(suite);
  const fixed = new Set(fixedRhos(suite, perInterval));
  return suiteIntervals(suite).reduce((n, interval) => n + fixed.size + newScaled(interval, fixed, perInterval).length, 0);
}
