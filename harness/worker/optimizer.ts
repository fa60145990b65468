// Builds a run's optimizer: the suite's base optimizer, wrapped in SAM for SAM runs, with the
// strategy of the run's SAM variant: a built-in's from harness/sam/strategies.generated.ts, or a
// user's plugin module (sam-plugin.ts).
import * as tf from '@tensorflow/tfjs-core';
import { SAM, SAM_SCHEDULE_STREAM, SAM_STRATEGIES, type SamOptions, type SamStrategy, type StrategyContext } from '../sam/index.js';
import { mixSeed, mulberry32 } from '../prng.js';
import { isSamPlugin, type RunSpec } from '../../schemas/index.js';
import { loadStrategyPlugin } from './sam-plugin.js';

/** The base optimizer a spec names (momentum and nesterov only for "momentum"). */
export function baseOptimizer({ optimizer }: RunSpec): tf.Optimizer {
  const { name, learningRate, momentum, nesterov } = optimizer;
  switch (name) {
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'momentum':
      return tf.train.momentum(learningRate, momentum, nesterov);
    case 'adam':
      return tf.train.adam(learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate);
  }
}

type SamRunSpec = RunSpec & { sam: NonNullable<RunSpec['sam']> };

/** SAM's own settings of a SAM run (rho, epsilon, interval, adaptive, secondPassState), without its variant. */
function samSettings({ sam }: SamRunSpec): SamOptions {
  const { variant: _variant, rhoPerInterval: _c, ...settings } = sam;
  return settings;
}

/**
 * What a run gives its variant's strategy: its seed, its steps (warm-up + measured), SAM's interval
 * and epsilon, and the draws of its random schedule, mulberry32(mixSeed(seed, SAM_SCHEDULE_STREAM)),
 * the same in the PyTorch worker.
 */
export function strategyContext(spec: SamRunSpec, args: Record<string, unknown> = {}): StrategyContext {
  return {
    seed: spec.seed,
    totalSteps: spec.steps.warmup + spec.steps.measured,
    interval: spec.sam.interval,
    epsilon: spec.sam.epsilon,
    random: mulberry32(mixSeed(spec.seed, SAM_SCHEDULE_STREAM)),
    args,
  };
}

/**
 * The library options that give a built-in variant's SAM, as a caller of `new SAM` writes them
 * (`schedule`, `lookSam`; a variant the options do not name: its `strategy`). The worker passes
 * the strategy itself (runOptimizer); both come from the variant's module.
 */
export function samOptions(spec: SamRunSpec): SamOptions {
  const { variant } = spec.sam;
  // A user's variant is code to load (runOptimizer); its options are its strategy alone.
  if (isSamPlugin(variant))
    throw new Error(`samOptions: SAM variant "${variant.kind}" (${variant.path}) is a plugin; runOptimizer loads it`);
  const context = strategyContext(spec);
  const strategies = SAM_STRATEGIES[variant.kind];
  const added = strategies.samOptions ? strategies.samOptions(variant, context) : { strategy: strategies.build(tf, variant, context) };
  return { ...samSettings(spec), ...added };
}

/** The strategy of a SAM run's variant: its built-in module's, or a plugin's (loaded and checked). */
async function runStrategy(spec: SamRunSpec): Promise<SamStrategy> {
  const { variant } = spec.sam;
  if (variant.kind === 'python')
    throw new Error(`SAM variant "python" (${variant.path}) is a PyTorch plugin; the TF.js worker runs "module" plugins`);
  if (variant.kind === 'module') return loadStrategyPlugin(tf, variant, strategyContext(spec, variant.args));
  return SAM_STRATEGIES[variant.kind].build(tf, variant, strategyContext(spec));
}

/** The optimizer of a run: SAM around the base one with its variant's strategy, or the base one for a baseline run. */
export async function runOptimizer(spec: RunSpec): Promise<tf.Optimizer> {
  if (!spec.sam) return baseOptimizer(spec);
  const samSpec = { ...spec, sam: spec.sam };
  const strategy = await runStrategy(samSpec);
  return new SAM(baseOptimizer(spec), { ...samSettings(samSpec), strategy });
}
