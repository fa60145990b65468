// The random SAM schedule (RST / SS-SAM, Zhao et al. 2022, arXiv 2203.09962): each step is a SAM
// step with probability p_t, decided by one uniform draw per step; G-RST grows p_t linearly.

// Stream id of the draws in sambench, mulberry32(mixSeed(seed, stream)); the data's streams are
// order 1, synthetic content 2, augmentation 3, train subset 4, label noise 5, and after this one
// MixUp 7 (harness/worker/data/mixup.ts; stepper.py: the same).
/** The PRNG stream id sambench's workers draw a run's random SAM schedule from. */
export const SAM_SCHEDULE_STREAM = 6;

/** A random schedule as a caller gives it to `SAM` (`schedule` option). */
export interface RandomScheduleOptions {
  kind: 'random';
  /** Probability that step 1 is a SAM step (and every step, without `pFinal`), in [0, 1]. */
  p: number;
  /** G-RST: the probability at step `totalSteps`; p_t grows (or falls) linearly in between. @default null (constant p) */
  pFinal?: number | null;
  /** Steps of the whole run; p_t stays at `pFinal` after it. */
  totalSteps: number;
  /** Uniform draws in [0, 1), one per step in order (sambench: mulberry32 of the run seed, stream 6). */
  random: () => number;
}

/**
 * A value that moves linearly over a run: `first` at 1-based step 1, `last` at `totalSteps` and
 * after, first + (last − first) · (step − 1) / (totalSteps − 1) in between (G-RST's p_t, AE-SAM's c_t).
 */
export function linearOverRun(first: number, last: number, totalSteps: number, step: number): number {
  if (totalSteps <= 1) return first;
  if (step >= totalSteps) return last;
  // The same operations in the same order as harness/sam/pytorch/random_schedule.py: bit for bit.
  return first + ((last - first) * (step - 1)) / (totalSteps - 1);
}

/** p_t of 1-based step `step`: p, or p + (pFinal − p) · (step − 1) / (totalSteps − 1) up to totalSteps. */
export function samProbability(p: number, pFinal: number | null, totalSteps: number, step: number): number {
  return pFinal === null ? p : linearOverRun(p, pFinal, totalSteps, step);
}

/** Decides, step after step, which steps are SAM steps: step t is one when its draw u_t < p_t. */
export class RandomSchedule {
  private drawn = 0;
  private lastDecision = false;

  constructor(private readonly options: Required<RandomScheduleOptions>) {}

  /** Whether 1-based `step` is a SAM step; steps must be asked in order (the same step again is fine). */
  isSamStep(step: number): boolean {
    if (step === this.drawn) return this.lastDecision;
    if (step !== this.drawn + 1)
      throw new RangeError(`RandomSchedule: asked for step ${step} after step ${this.drawn}; ask steps in order`);
    const { p, pFinal, totalSteps, random } = this.options;
    this.drawn = step;
    this.lastDecision = random() < samProbability(p, pFinal, totalSteps, step);
    return this.lastDecision;
  }
}
