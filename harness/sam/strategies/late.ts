// Late-phase SAM (Zhou et al. 2024, arXiv 2410.10373): plain steps, then SAM on the last
// n = floor(fraction·T + 0.5) steps of the run's T steps. Its option checks and its strategy
// (harness/sam/pytorch/strategies/late.py is its twin: the same n, the same steps).
import { checkOwnSchedule, invalidOption } from '../option-checks.js';
import type { SamStrategy, StrategyContext, TfCore } from '../strategy.js';

/** The run spec's `{kind: 'late', fraction}`. */
export interface LateVariant {
  kind: 'late';
  fraction: number;
}

/**
 * How many of `totalSteps` steps are SAM steps: floor(fraction·T + 0.5), computed in float64 as the
 * Python twin computes it (math.floor(f * T + 0.5)). Throws when `fraction` is outside (0, 1] or
 * gives no SAM step.
 */
export function lateSamSteps(fraction: number, totalSteps: number): number {
  if (typeof fraction !== 'number' || !(fraction > 0 && fraction <= 1)) throw invalidOption('fraction', 'a number in (0, 1]', fraction);
  const n = Math.floor(fraction * totalSteps + 0.5);
  if (n === 0) {
    throw new RangeError(
      `SAM (late): fraction ${fraction} of ${totalSteps} steps gives no SAM step (floor(fraction·steps + 0.5) = 0); ` +
        'give a larger fraction (fraction·steps at least 0.5) or more steps',
    );
  }
  return n;
}

/** SAM on the last n of `totalSteps` steps: 1-based step t is a SAM step when t > totalSteps − n. */
export function lateStrategy(fraction: number, totalSteps: number): SamStrategy {
  const first = totalSteps - lateSamSteps(fraction, totalSteps) + 1;
  return {
    name: 'late',
    isSamStep: (step) => step >= first,
    config: () => {
      throw new Error('SAM.getConfig: a SAM with the late strategy cannot be serialized; build it again from its fraction and steps');
    },
  };
}

/** Late-phase SAM over a run: its fraction of the run's steps (T = warm-up + measured), at interval 1. */
export function build(_tf: TfCore, { fraction }: LateVariant, { totalSteps, interval }: StrategyContext): SamStrategy {
  checkOwnSchedule(totalSteps, interval, 'the late variant');
  return lateStrategy(fraction, totalSteps);
}
