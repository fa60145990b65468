// Peak memory, the third axis beside slowdown and accuracy gain: a run's peak (device memory on
// CUDA, else resident set size) and a SAM run's extra peak over its no-SAM run's, counted in
// copies of the model's parameters, the unit in which SAM's extra state is predicted.
import type { RunSpec } from '../../schemas/index.js';
import type { RunResult } from './run-result.js';

// Parameters stay float32 under every precision: mixed precision autocasts activations, not weights.
/** Bytes of one parameter: 4 (float32) for every run, mixed precision included. */
export const BYTES_PER_PARAMETER = 4;

/** Which peak a memory figure comes from: the device's (CUDA) or the process's resident set. */
export type PeakSource = 'device' | 'rss';

/** A run's peak memory in bytes: its device's where reported, else its resident set size; null when neither. */
export function peakBytes(run: RunResult): { bytes: number; source: PeakSource } | null {
  if (run.peakDeviceBytes !== null) return { bytes: run.peakDeviceBytes, source: 'device' };
  return run.peakRssBytes === null ? null : { bytes: run.peakRssBytes, source: 'rss' };
}

/** A SAM run's extra peak over its no-SAM run's: bytes, and in copies of its parameters. */
export interface MemoryOverhead {
  extraBytes: number;
  /** extraBytes / (parameters × BYTES_PER_PARAMETER). */
  copies: number;
  parameters: number;
  source: PeakSource;
}

// One source for both runs: device memory when both report it, else both resident sets.
/** `sam`'s extra peak memory over `baseline`'s in parameter copies; null without both peaks of one source or a parameter count. */
export function memoryOverhead(sam: RunResult, baseline: RunResult): MemoryOverhead | null {
  const parameters = sam.env?.parameters ?? baseline.env?.parameters ?? null;
  if (!parameters) return null;
  const both = (pick: (r: RunResult) => number | null) =>
    pick(sam) === null || pick(baseline) === null ? null : pick(sam)! - pick(baseline)!;
  const device = both((r) => r.peakDeviceBytes);
  const extraBytes = device ?? both((r) => r.peakRssBytes);
  if (extraBytes === null) return null;
  return { extraBytes, copies: extraBytes / (parameters * BYTES_PER_PARAMETER), parameters, source: device === null ? 'rss' : 'device' };
}

/** Each ok SAM run's overhead over its ok no-SAM run (`spec.baselineId`) among `results`; a run without one is absent. */
export function memoryOverheads(results: readonly RunResult[]): Map<RunResult, MemoryOverhead> {
  const byId = new Map(results.map((r) => [r.spec.id, r]));
  const overheads = new Map<RunResult, MemoryOverhead>();
  for (const run of results) {
    const baseline = run.spec.baselineId === null ? undefined : byId.get(run.spec.baselineId);
    const overhead = run.spec.sam && run.status === 'ok' && baseline?.status === 'ok' ? memoryOverhead(run, baseline) : null;
    if (overhead) overheads.set(run, overhead);
  }
  return overheads;
}

// Both workers keep the perturbation e through a SAM step and free the first gradient before the
// second pass (sam-optimizer.ts, pytorch/sam.py); PyTorch's float16 loss scaler also keeps w, so
// an overflowed second pass can put it back exactly (pytorch/ascent.py).
/** Parameter copies SAM is predicted to keep beyond no SAM: 1 (e), 2 in PyTorch with mixed-float16 (e and w). */
export const predictedCopies = ({ framework, precision }: Pick<RunSpec, 'framework' | 'precision'>): number =>
  framework === 'torch' && precision === 'mixed-float16' ? 2 : 1;
