// Settings of the SAM optimizer: defaults as in the seed (Composer's SAMOptimizer) and
// the checks that every setting gets before an optimizer is built.

/** What the perturbed (second) forward pass may leave in non-trainable state such as BatchNorm moving statistics. */
export type SecondPassState = 'discard' | 'keep';

/** SAM settings as a caller writes them; every field is optional. */
export interface SamOptions {
  /** Radius of the ascent step, > 0. @default 0.05 */
  rho?: number;
  /** Added to the gradient norm in `rho / (‖g‖ + epsilon)`, ≥ 0. @default 1e-12 */
  epsilon?: number;
  /** SAM runs on steps `interval, 2·interval, …` (1-based); the base optimizer alone on the others. @default 1 */
  interval?: number;
  /** Adaptive SAM (ASAM, davda54): scale the ascent by |w|. @default false */
  adaptive?: boolean;
  /**
   * `'discard'` restores non-trainable variables (BatchNorm moving mean/variance) written by the
   * perturbed pass, so they hold the first pass's statistics, as google-research/sam does;
   * `'keep'` lets the perturbed pass update them too, as Composer and davda54 do.
   * @default 'discard'
   */
  secondPassState?: SecondPassState;
}

/** SAM settings with every default filled in and every value checked. */
export type ResolvedSamOptions = Required<SamOptions>;

/** The seed's defaults (Composer `SAMOptimizer`). */
export const SAM_DEFAULTS: ResolvedSamOptions = {
  rho: 0.05,
  epsilon: 1e-12,
  interval: 1,
  adaptive: false,
  secondPassState: 'discard',
};

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}" (string)` : `${String(value)} (${typeof value})`;
}

function invalid(name: string, rule: string, value: unknown): Error {
  return new RangeError(`SAM option \`${name}\` must be ${rule}; got ${describe(value)}`);
}

/** Fills in defaults and rejects invalid settings with an error that names the setting and the value it got. */
export function resolveSamOptions(options: SamOptions = {}): ResolvedSamOptions {
  const resolved = { ...SAM_DEFAULTS, ...definedOnly(options) };
  const { rho, epsilon, interval, adaptive, secondPassState } = resolved;
  if (typeof rho !== 'number' || !Number.isFinite(rho) || rho <= 0) {
    throw invalid('rho', 'a finite number > 0', rho);
  }
  if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon < 0) {
    throw invalid('epsilon', 'a finite number ≥ 0', epsilon);
  }
  if (typeof interval !== 'number' || !Number.isSafeInteger(interval) || interval < 1) {
    throw invalid('interval', 'a positive integer', interval);
  }
  if (typeof adaptive !== 'boolean') throw invalid('adaptive', 'true or false', adaptive);
  if (secondPassState !== 'discard' && secondPassState !== 'keep') {
    throw invalid('secondPassState', '"discard" or "keep"', secondPassState);
  }
  return resolved;
}

function definedOnly(options: SamOptions): SamOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}
