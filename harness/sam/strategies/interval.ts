// The interval schedule (Composer's SAMOptimizer): SAM on every `interval`-th step, 1-based step n
// being one when n % interval == 0 (Composer's `(global_step + 1) % interval == 0`); the base
// optimizer alone with the plain gradient on the others. SAM's default.
import type { SamOptions } from '../options.js';
import type { SamStrategy, StrategyContext, TfCore } from '../strategy.js';

/** The run spec's `{kind: 'interval'}`: k is SAM's `interval`. */
export interface IntervalVariant {
  kind: 'interval';
}

/** SAM on steps interval, 2·interval, … (a checked positive integer, SAM's). */
export function intervalStrategy(interval: number): SamStrategy {
  return {
    name: 'interval',
    isSamStep: (step) => step % interval === 0,
    // SAM's own settings say it all: nothing to add.
    config: () => ({}),
  };
}

/** The library options of the variant: none besides SAM's `interval`. */
export const samOptions = (_variant: IntervalVariant, _context: StrategyContext): SamOptions => ({});

/** The interval schedule at the run's interval. */
export const build = (_tf: TfCore, _variant: IntervalVariant, { interval }: StrategyContext): SamStrategy => intervalStrategy(interval);
