// AE-SAM (Jiang et al., ICLR 2023): every step takes g_t first and is a SAM step when ‖g_t‖² is
// high against its running mean and variance (../ae-sam.ts holds the rule). Its option checks and its strategy.
import { AeSamSchedule, type AeSamScheduleOptions, type AeSamState } from '../ae-sam.js';
import { checkOwnSchedule, invalidOption, isFiniteNumber } from '../option-checks.js';
import type { SamOptions } from '../options.js';
import type { SamStrategy, StrategyContext, TfCore } from '../strategy.js';

/** The run spec's `{kind: 'aesam', delta, lambda1, lambda2}`. */
export interface AeSamVariant {
  kind: 'aesam';
  delta: number;
  lambda1: number;
  lambda2: number;
}

/** Checks a `schedule: {kind: 'aesam', …}` for SAM at `interval` (which must be 1). */
export function resolveAeSamSchedule(schedule: AeSamScheduleOptions, interval: number): AeSamScheduleOptions {
  checkOwnSchedule(schedule.totalSteps, interval, 'an AE-SAM schedule');
  const { kind, delta, lambda1, lambda2, totalSteps } = schedule;
  if (!isFiniteNumber(delta) || delta <= 0 || delta >= 1) throw invalidOption('schedule.delta', 'a number in (0, 1)', delta);
  if (!isFiniteNumber(lambda1)) throw invalidOption('schedule.lambda1', 'a finite number', lambda1);
  if (!isFiniteNumber(lambda2)) throw invalidOption('schedule.lambda2', 'a finite number', lambda2);
  return { kind, delta, lambda1, lambda2, totalSteps };
}

/** The AE-SAM strategy: decides each step from its first gradient's ‖g_t‖²; `state` is μ, σ², c and the threshold. */
export interface AeSamStrategy extends SamStrategy {
  readonly state: AeSamState | null;
}

/** AE-SAM's decisions over a run; a step can be asked without ‖g_t‖² only once it has been decided. */
export function aeSamStrategy(schedule: AeSamScheduleOptions): AeSamStrategy {
  const decisions = new AeSamSchedule(schedule);
  return {
    name: 'aesam',
    decidesFromFirstGradient: true,
    isSamStep(step, squaredGradNorm) {
      if (squaredGradNorm !== undefined) return decisions.decide(step, squaredGradNorm);
      const decided = decisions.decisionFor(step);
      if (decided === null) throw new RangeError(`SAM (AE-SAM): step ${step} is decided from its first gradient; ask once it has run`);
      return decided;
    },
    get state() {
      return decisions.state;
    },
    config: () => {
      throw new Error('SAM.getConfig: a SAM with an AE-SAM schedule cannot be serialized (μ and σ² are state)');
    },
  };
}

/** The library options of the variant: its settings over the run's steps (T = warm-up + measured). */
export const samOptions = (variant: AeSamVariant, { totalSteps }: StrategyContext): SamOptions => ({
  schedule: { ...variant, totalSteps },
});

/** AE-SAM over a run, at the variant's δ, λ1 and λ2. */
export const build = (_tf: TfCore, variant: AeSamVariant, context: StrategyContext): SamStrategy =>
  aeSamStrategy(resolveAeSamSchedule(samOptions(variant, context).schedule as AeSamScheduleOptions, context.interval));
