// RST / G-RST (Zhao et al. 2022, arXiv 2203.09962): each step is a SAM step when its draw is below
// p_t (../random-schedule.ts holds the rule). Its option checks and its strategy.
import { checkOwnSchedule, invalidOption } from '../option-checks.js';
import type { SamOptions } from '../options.js';
import { RandomSchedule, type RandomScheduleOptions } from '../random-schedule.js';
import type { SamStrategy, StrategyContext, TfCore } from '../strategy.js';

/** The run spec's `{kind: 'random', p, pFinal}`. */
export interface RandomVariant {
  kind: 'random';
  p: number;
  pFinal: number | null;
}

const isProbability = (x: unknown): x is number => typeof x === 'number' && x >= 0 && x <= 1;

/** Checks a `schedule: {kind: 'random', …}` for SAM at `interval` (which must be 1) and fills in pFinal. */
export function resolveRandomSchedule(schedule: RandomScheduleOptions, interval: number): Required<RandomScheduleOptions> {
  checkOwnSchedule(schedule.totalSteps, interval, 'a random schedule');
  const { kind, p, pFinal = null, totalSteps, random } = schedule;
  if (!isProbability(p)) throw invalidOption('schedule.p', 'a number in [0, 1]', p);
  if (pFinal !== null && !isProbability(pFinal)) throw invalidOption('schedule.pFinal', 'null or a number in [0, 1]', pFinal);
  if (typeof random !== 'function') throw invalidOption('schedule.random', 'a function returning draws in [0, 1)', random);
  return { kind, p, pFinal, totalSteps, random };
}

/** SAM on the steps whose draw is below p_t (one draw per step, in order); cannot be serialized. */
export function randomStrategy(schedule: Required<RandomScheduleOptions>): SamStrategy {
  const decisions = new RandomSchedule(schedule);
  return {
    name: 'random',
    isSamStep: (step) => decisions.isSamStep(step),
    config: () => {
      throw new Error('SAM.getConfig: a SAM with a random schedule cannot be serialized (its draws come from a function)');
    },
  };
}

/** The library options of the variant: a random schedule over the run, drawn from the context's stream. */
export const samOptions = ({ p, pFinal }: RandomVariant, { totalSteps, random }: StrategyContext): SamOptions => ({
  schedule: { kind: 'random', p, pFinal, totalSteps, random },
});

/** The random schedule of a run: its p and pFinal over its steps, drawn from `context.random`. */
export const build = (_tf: TfCore, variant: RandomVariant, context: StrategyContext): SamStrategy =>
  randomStrategy(resolveRandomSchedule(samOptions(variant, context).schedule as RandomScheduleOptions, context.interval));
