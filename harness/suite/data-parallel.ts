// The data-parallel settings of a suite's runs (framework "torch"): `matrix.worldSize` and
// `matrix.syncFirstGradient`, each replacing its key of `torch`. The no-SAM runs run once per world
// size, keeping the suite's syncFirstGradient (without SAM it means nothing); the SAM runs once per
// (world size, syncFirstGradient), except at world size 1, where there is nothing to sync: once,
// keeping the suite's value. expandSuite and countRuns both read this list, so they agree.
import type { ResolvedTorch, Suite } from '../../schemas/index.js';

/** The torch settings of the runs at one world size: of its no-SAM runs, and of its SAM runs (one per sync value). */
export interface ParallelPoint {
  /** Null for a TF.js suite. */
  baseline: ResolvedTorch | null;
  sam: (ResolvedTorch | null)[];
}

// Every `!` is a value the schema's defaults filled in (validateSuite runs first).
function resolveTorch(suite: Suite): ResolvedTorch | null {
  if (suite.torch === undefined) return null;
  const { device, worldSize, channelsLast, syncFirstGradient } = suite.torch;
  return { device: device!, worldSize: worldSize!, channelsLast: channelsLast!, syncFirstGradient: syncFirstGradient! };
}

/** The world sizes of `suite` in matrix order, each with the torch settings of its no-SAM and SAM runs. */
export function parallelPoints(suite: Suite): ParallelPoint[] {
  const torch = resolveTorch(suite);
  if (torch === null) return [{ baseline: null, sam: [null] }];
  const syncs = suite.matrix?.syncFirstGradient ?? [torch.syncFirstGradient];
  return (suite.matrix?.worldSize ?? [torch.worldSize]).map((worldSize) => {
    const baseline = { ...torch, worldSize };
    return { baseline, sam: worldSize === 1 ? [baseline] : syncs.map((syncFirstGradient) => ({ ...baseline, syncFirstGradient })) };
  });
}

// Only what the matrix sweeps is named, so the ids of suites without these keys stay what they were.
/**
 * The data-parallel parts of a run's id: `ws<n>` for a world size n ≠ 1 of `matrix.worldSize`, then
 * `sync` for a SAM run that syncs its first gradient at n > 1 under `matrix.syncFirstGradient`
 * (`sam-k1-rho0.05-ws2-sync-bs128-lr0.05-s0`); none where the matrix has neither key.
 */
export function parallelParts(suite: Suite, torch: ResolvedTorch | null, sam: boolean): string[] {
  if (torch === null || torch.worldSize === 1) return [];
  const synced = sam && torch.syncFirstGradient && suite.matrix?.syncFirstGradient !== undefined;
  return [...(suite.matrix?.worldSize === undefined ? [] : [`ws${torch.worldSize}`]), ...(synced ? ['sync'] : [])];
}
