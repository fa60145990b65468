// ESAM (Du et al., ICLR 2022, "Efficient Sharpness-aware Minimization for Improved Training of
// Neural Networks"): SAM on every step, made cheaper two ways. Stochastic weight perturbation (SWP,
// beta): each step (from the second on) every variable takes part in the ascent with probability
// beta, and e = rho·g/(‖g‖ + epsilon)/beta over the variables that take part. Sharpness-sensitive
// data selection (SDS, gamma): the second pass runs on the samples whose loss rises most at w + e.
// Its option checks and its strategy (harness/sam/pytorch/strategies/esam.py is its twin: the same
// draws, the same selection). Written from the paper's equations and the authors' code's behaviour
// (dydjw9/Efficient_SAM), see harness/sam/README.md.
import * as tf from '@tensorflow/tfjs-core';
import { checkOwnSchedule, invalidOption, isFiniteNumber } from '../option-checks.js';
import type { SamStrategy, StrategyContext, TfCore } from '../strategy.js';

/** The run spec's `{kind: 'esam', beta, gamma}` (both default to 0.5, the authors' run.sh). */
export interface EsamVariant {
  kind: 'esam';
  beta?: number;
  gamma?: number;
}

/** The default beta and gamma (the authors' run.sh). */
export const ESAM_DEFAULTS = { beta: 0.5, gamma: 0.5 } as const;

/** gamma at or above which every sample is selected (as the authors' code). */
export const SELECT_ALL_GAMMA = 0.99;

const checkFraction = (name: string, value: unknown): number => {
  if (!isFiniteNumber(value) || value <= 0 || value > 1) throw invalidOption(name, 'a number in (0, 1]', value);
  return value;
};

/**
 * SDS over one batch's loss increases s = l_after − l_before (float32 values, in batch order):
 * gamma ≥ 0.99 selects every sample; else position = floor(n·gamma), the cutoff is the position-th
 * largest s, and the selected samples are those STRICTLY above it (position − 1 of them without
 * ties, the authors' code's reading of "the top gamma fraction"). Throws when floor(n·gamma) = 0 or
 * when ties leave no sample above the cutoff.
 */
export function selectBySharpness(sharpness: ArrayLike<number>, gamma: number): boolean[] {
  const n = sharpness.length;
  if (gamma >= SELECT_ALL_GAMMA) return Array.from({ length: n }, () => true);
  const position = Math.floor(n * gamma); // Python's int(len(targets) * gamma)
  // Strictly above the largest is nothing, so a position below 2 never selects a sample.
  if (position < 2) {
    throw new Error(
      `SAM (esam): gamma ${gamma} selects no sample of a batch of ${n}: the second pass takes the samples whose loss ` +
        `increase is strictly above the floor(gamma·n) = ${position}-th largest, which needs floor(gamma·n) ≥ 2 ` +
        `(gamma ≥ ${Number((2 / n).toPrecision(6))}); give a larger gamma or batch`,
    );
  }
  const values = Array.from(sharpness);
  const cutoff = [...values].sort((a, b) => b - a)[position - 1]!;
  const selected = values.map((s) => s > cutoff);
  // Every increase ties at the cutoff (a perturbation that moved no loss, e.g. a network whose units
  // all died): the whole batch, where the authors' code would take an empty one and give NaN.
  return selected.includes(true) ? selected : values.map(() => true);
}

/** What ESAM did on its latest step, for tests and callers. */
export interface EsamState {
  /** The 1-based step of the latest ascent. */
  step: number;
  /** Per variable, in SAM's order: whether it took part in the step's ascent. */
  takesPart: boolean[];
  /** The draws of the step (empty at step 1), one per variable in SAM's order. */
  draws: number[];
  /** Per sample of the latest batch: whether the second pass ran on it. */
  selected: boolean[];
}

/** ESAM's strategy: every step a SAM step; SWP through `ascentGradient` and `perturbation`, SDS through `selectSamples`. */
export function esamStrategy(beta: number, gamma: number, random: () => number): SamStrategy & { readonly state: EsamState } {
  const state: EsamState = { step: 0, takesPart: [], draws: [], selected: [] };
  return {
    name: 'esam',
    isSamStep: () => true,
    // Called once per step: the k-th call is step k. Step 1: every variable; later steps: one draw each, in order.
    ascentGradient(g) {
      state.step += 1;
      state.draws = state.step === 1 ? [] : g.map(() => random());
      // The authors' code drops a tensor when its draw is above beta (random.random() > beta).
      const drawn = state.step === 1 ? g.map(() => true) : state.draws.map((u) => !(u > beta));
      // No tensor drawn: all take part, as the PyTorch strategy does (the authors' code has no gradient there and fails).
      state.takesPart = drawn.some(Boolean) ? drawn : g.map(() => true);
      return g.map((grad, i) => (state.takesPart[i] ? grad : tf.zerosLike(grad)));
    },
    perturbation: (e) => e.map((ascent) => tf.div(ascent, beta)),
    selectSamples(lossBefore, lossAfter) {
      const sharpness = tf.sub(lossAfter, lossBefore);
      state.selected = selectBySharpness(sharpness.dataSync(), gamma);
      return tf.tensor1d(state.selected.map(Number), 'int32');
    },
    state,
    config: () => {
      throw new Error('SAM.getConfig: a SAM with the esam strategy cannot be serialized (its draws come from a function)');
    },
  };
}

/** ESAM over a run: its beta and gamma (checked; defaults 0.5), drawing SWP from `context.random`, at interval 1. */
export function build(_tf: TfCore, variant: EsamVariant, { totalSteps, interval, random }: StrategyContext): SamStrategy {
  checkOwnSchedule(totalSteps, interval, 'the esam variant');
  const beta = checkFraction('beta', variant.beta ?? ESAM_DEFAULTS.beta);
  const gamma = checkFraction('gamma', variant.gamma ?? ESAM_DEFAULTS.gamma);
  return esamStrategy(beta, gamma, random);
}
