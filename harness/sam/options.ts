// Settings of the SAM optimizer: defaults as in Composer's SAMOptimizer and
// the checks that every setting gets before an optimizer is built.
import type { AeSamScheduleOptions } from './ae-sam.js';
import type { LookSamOptions } from './look-sam.js';
import { invalidOption as invalid } from './option-checks.js';
import type { RandomScheduleOptions } from './random-schedule.js';
import type { SamStrategy } from './strategy.js';
import { aeSamStrategy, resolveAeSamSchedule } from './strategies/aesam.js';
import { intervalStrategy } from './strategies/interval.js';
import { lookSamStrategy, resolveLookSam } from './strategies/looksam.js';
import { randomStrategy, resolveRandomSchedule } from './strategies/random.js';

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
  /**
   * Which steps are SAM steps and what happens around them, as an object (a built-in of
   * harness/sam/strategies/ or your own; see strategy.ts): instead of `schedule` and `lookSam`, which
   * SAM maps onto the built-in strategies itself. Absent: the interval schedule (or `schedule` / `lookSam`).
   */
  strategy?: SamStrategy;
}

/** SAM settings with every default filled in and every value checked (`schedule` and `lookSam` only when given). */
export type ResolvedSamOptions = Required<Omit<SamOptions, 'schedule' | 'lookSam' | 'strategy'>> & {
  schedule?: Required<RandomScheduleOptions> | AeSamScheduleOptions;
  lookSam?: Required<LookSamOptions>;
  strategy?: SamStrategy;
};

/**
 * The kinds of `schedule` SAM takes: the variants that pick their own SAM steps (sambench's
 * schemas/registry/sam-variants.json; schemas/registry.test.ts checks it).
 */
export const SCHEDULE_KINDS: readonly NonNullable<SamOptions['schedule']>['kind'][] = ['random', 'aesam'];

// Each `schedule` kind's checks and the built-in strategy it maps onto, both in its strategy module
// (methods, so each entry takes its own kind of schedule).
interface ScheduleEntry {
  resolve(schedule: NonNullable<SamOptions['schedule']>, interval: number): NonNullable<ResolvedSamOptions['schedule']>;
  strategy(schedule: NonNullable<ResolvedSamOptions['schedule']>): SamStrategy;
}
const SCHEDULES: Record<NonNullable<SamOptions['schedule']>['kind'], ScheduleEntry> = {
  random: { resolve: resolveRandomSchedule, strategy: randomStrategy },
  aesam: { resolve: resolveAeSamSchedule, strategy: aeSamStrategy },
};

/** Composer's defaults (Composer `SAMOptimizer`). */
export const SAM_DEFAULTS: Required<Omit<SamOptions, 'schedule' | 'lookSam' | 'strategy'>> = {
  rho: 0.05,
  epsilon: 1e-12,
  interval: 1,
  adaptive: false,
  secondPassState: 'discard',
};

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
  const { schedule, lookSam, strategy, ...rest } = resolved;
  return {
    ...rest,
    ...(schedule === undefined ? {} : { schedule: resolveSchedule(schedule, interval) }),
    ...(lookSam === undefined ? {} : { lookSam: resolveLookSamWith(lookSam, schedule) }),
    ...(strategy === undefined ? {} : { strategy: checkStrategy(strategy, schedule, lookSam) }),
  };
}

function resolveLookSamWith(lookSam: LookSamOptions, schedule: SamOptions['schedule']): Required<LookSamOptions> {
  const resolved = resolveLookSam(lookSam);
  if (schedule !== undefined) throw invalid('schedule', 'absent with lookSam (LookSAM takes SAM every `interval`-th step)', schedule.kind);
  return resolved;
}

function checkStrategy(strategy: SamStrategy, schedule: SamOptions['schedule'], lookSam: SamOptions['lookSam']): SamStrategy {
  if (typeof strategy !== 'object' || strategy === null || typeof (strategy as Partial<SamStrategy>).isSamStep !== 'function') {
    throw invalid('strategy', 'an object with an isSamStep(step) method', strategy);
  }
  if (schedule !== undefined || lookSam !== undefined) {
    throw invalid('strategy', `absent with ${schedule !== undefined ? 'schedule' : 'lookSam'} (both pick the SAM steps)`, strategy.name);
  }
  return strategy;
}

function resolveSchedule(
  schedule: RandomScheduleOptions | AeSamScheduleOptions,
  interval: number,
): Required<RandomScheduleOptions> | AeSamScheduleOptions {
  const kind: unknown = schedule.kind;
  if (!SCHEDULE_KINDS.includes(kind as never)) throw invalid('schedule.kind', SCHEDULE_KINDS.map((k) => `"${k}"`).join(' or '), kind);
  return SCHEDULES[schedule.kind].resolve(schedule, interval);
}

/**
 * The strategy resolved options stand for: `strategy` itself, a `schedule`'s or LookSAM's built-in
 * strategy, or the interval schedule.
 */
export function samStrategy({ strategy, schedule, lookSam, interval, epsilon }: ResolvedSamOptions): SamStrategy {
  if (strategy) return strategy;
  if (schedule) return SCHEDULES[schedule.kind].strategy(schedule);
  return lookSam ? lookSamStrategy(lookSam, interval, epsilon) : intervalStrategy(interval);
}

function definedOnly(options: SamOptions): SamOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}
