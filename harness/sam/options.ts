// Settings of the SAM optimizer: defaults as in Composer's SAMOptimizer and
// the checks that every setting gets before an optimizer is built.
import type { AeSamScheduleOptions } from './ae-sam.js';
import { LOOK_SAM_GRANULARITIES, type LookSamOptions } from './look-sam.js';
import type { RandomScheduleOptions } from './random-schedule.js';

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
  /**
   * Which steps are SAM steps instead of every `interval`-th: `{kind: 'random', …}` (RST/G-RST),
   * each step with probability p_t, or `{kind: 'aesam', …}` (AE-SAM), each step whose ‖g_t‖² is
   * high against its running mean and variance (both need `interval` 1). Absent: the interval schedule.
   */
  schedule?: RandomScheduleOptions | AeSamScheduleOptions;
  /**
   * LookSAM (Liu et al. 2022): SAM steps (every `interval`-th) keep g_v, the SAM gradient's part
   * orthogonal to the plain gradient; the steps after one apply g_t + α·(‖g_t‖/‖g_v‖)·g_v. Needs
   * the interval schedule (no `schedule`). `granularity` `'tensor'` projects and scales per variable.
   * Absent: the steps between SAM steps are plain.
   */
  lookSam?: LookSamOptions;
}

/** SAM settings with every default filled in and every value checked (`schedule` and `lookSam` only when given). */
export type ResolvedSamOptions = Required<Omit<SamOptions, 'schedule' | 'lookSam'>> & {
  schedule?: Required<RandomScheduleOptions> | AeSamScheduleOptions;
  lookSam?: Required<LookSamOptions>;
};

/**
 * The kinds of `schedule` SAM takes: the variants that pick their own SAM steps (sambench's
 * schemas/registry/sam-variants.json; schemas/registry.test.ts checks it).
 */
export const SCHEDULE_KINDS: readonly NonNullable<SamOptions['schedule']>['kind'][] = ['random', 'aesam'];

/** Composer's defaults (Composer `SAMOptimizer`). */
export const SAM_DEFAULTS: Required<Omit<SamOptions, 'schedule' | 'lookSam'>> = {
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
  const { schedule, lookSam, ...rest } = resolved;
  return {
    ...rest,
    ...(schedule === undefined ? {} : { schedule: resolveSchedule(schedule, interval) }),
    ...(lookSam === undefined ? {} : { lookSam: resolveLookSam(lookSam, schedule) }),
  };
}

function resolveLookSam(lookSam: LookSamOptions, schedule: SamOptions['schedule']): Required<LookSamOptions> {
  const given = typeof lookSam === 'object' && lookSam !== null;
  const alpha: unknown = given ? lookSam.alpha : lookSam;
  if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha <= 0) throw invalid('lookSam.alpha', 'a finite number > 0', alpha);
  const granularity: unknown = (given ? lookSam.granularity : undefined) ?? LOOK_SAM_GRANULARITIES[0];
  if (!LOOK_SAM_GRANULARITIES.includes(granularity as never)) {
    throw invalid('lookSam.granularity', LOOK_SAM_GRANULARITIES.map((g) => `"${g}"`).join(' or '), granularity);
  }
  if (schedule !== undefined) throw invalid('schedule', 'absent with lookSam (LookSAM takes SAM every `interval`-th step)', schedule.kind);
  return { alpha, granularity: granularity as Required<LookSamOptions>['granularity'] };
}

const isProbability = (x: unknown): x is number => typeof x === 'number' && x >= 0 && x <= 1;
const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function resolveSchedule(
  schedule: RandomScheduleOptions | AeSamScheduleOptions,
  interval: number,
): Required<RandomScheduleOptions> | AeSamScheduleOptions {
  const kind: unknown = schedule.kind;
  if (!SCHEDULE_KINDS.includes(kind as never)) throw invalid('schedule.kind', SCHEDULE_KINDS.map((k) => `"${k}"`).join(' or '), kind);
  const { totalSteps } = schedule;
  if (typeof totalSteps !== 'number' || !Number.isSafeInteger(totalSteps) || totalSteps < 1) {
    throw invalid('schedule.totalSteps', 'a positive integer', totalSteps);
  }
  const named = kind === 'random' ? 'a random schedule' : 'an AE-SAM schedule';
  if (interval !== 1) throw invalid('interval', `1 with ${named} (the schedule picks the SAM steps)`, interval);
  return schedule.kind === 'aesam' ? resolveAeSam(schedule) : resolveRandom(schedule);
}

function resolveRandom({ kind, p, pFinal = null, totalSteps, random }: RandomScheduleOptions): Required<RandomScheduleOptions> {
  if (!isProbability(p)) throw invalid('schedule.p', 'a number in [0, 1]', p);
  if (pFinal !== null && !isProbability(pFinal)) throw invalid('schedule.pFinal', 'null or a number in [0, 1]', pFinal);
  if (typeof random !== 'function') throw invalid('schedule.random', 'a function returning draws in [0, 1)', random);
  return { kind, p, pFinal, totalSteps, random };
}

function resolveAeSam({ kind, delta, lambda1, lambda2, totalSteps }: AeSamScheduleOptions): AeSamScheduleOptions {
  if (!isFiniteNumber(delta) || delta <= 0 || delta >= 1) throw invalid('schedule.delta', 'a number in (0, 1)', delta);
  if (!isFiniteNumber(lambda1)) throw invalid('schedule.lambda1', 'a finite number', lambda1);
  if (!isFiniteNumber(lambda2)) throw invalid('schedule.lambda2', 'a finite number', lambda2);
  return { kind, delta, lambda1, lambda2, totalSteps };
}

function definedOnly(options: SamOptions): SamOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}
