/* Generated from schemas/registry/sam-variants.json by scripts/generate-registry.mjs: a SAM variant `kind` is
 * harness/sam/strategies/<kind>.ts, whose `build` makes its strategy. Edit the registry, then `npm run gen:types`. */
import type { StrategyModule } from './strategy.js';
import * as intervalStrategy from './strategies/interval.js';
import * as randomStrategy from './strategies/random.js';
import * as looksamStrategy from './strategies/looksam.js';
import * as aesamStrategy from './strategies/aesam.js';
import * as lateStrategy from './strategies/late.js';
import * as esamStrategy from './strategies/esam.js';

/** The built-in SAM variants' kinds (schemas/registry/sam-variants.json), in the registry's order. */
export type BuiltinStrategyKind = 'interval' | 'random' | 'looksam' | 'aesam' | 'late' | 'esam';

/** Every built-in SAM variant the TF.js SAM runs, by kind: its strategy module. */
export const SAM_STRATEGIES: Record<BuiltinStrategyKind, StrategyModule> = {
  interval: intervalStrategy,
  random: randomStrategy,
  looksam: looksamStrategy,
  aesam: aesamStrategy,
  late: lateStrategy,
  esam: esamStrategy,
};
