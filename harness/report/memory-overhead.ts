// The memory-overhead verdict: SAM's extra peak memory over its paired no-SAM run, in copies of
// the model's parameters (measure/memory.ts), one value per process pair, against a range; the
// detail puts the parameter count's prediction beside the bytes measured.
import { BYTES_PER_PARAMETER, memoryOverheads, predictedCopies, type MemoryOverhead, type RunResult } from '../measure/index.js';
import { exact, mean } from '../stats/index.js';
import { gather, samRunsAt } from './evidence.js';
import { num } from './format.js';
import { rangeVerdict, type Verdict } from './range-verdict.js';
import type { Range } from './verdict-rule.js';

const mib = (bytes: number) => `${num(bytes / 2 ** 20, 1)} MiB`;
const SOURCE = { device: 'device memory', rss: 'resident set size' } as const;

// What the values were made of: the parameter count, a copy's bytes, the mean extra peak and
// the prediction, so a reader sees whether SAM's one copy explains the bytes.
function memoryText(overheads: readonly MemoryOverhead[], runs: readonly RunResult[]): string | null {
  if (overheads.length === 0) return null;
  const parameters = [...new Set(overheads.map((o) => o.parameters))];
  const copyBytes = mean(parameters) * BYTES_PER_PARAMETER;
  const sources = [...new Set(overheads.map((o) => SOURCE[o.source]))].join(' and ');
  const predicted = [...new Set(runs.map((r) => predictedCopies(r.spec)))].map(
    (copies) => `${copies} ${copies === 1 ? 'copy' : 'copies'}, ${mib(copies * copyBytes)}`,
  );
  return (
    `${parameters.join(', ')} parameters × ${BYTES_PER_PARAMETER} bytes (float32 under every precision) = ${mib(copyBytes)} a copy; ` +
    `mean extra peak ${mib(mean(overheads.map((o) => o.extraBytes)))} (${sources}); ` +
    `SAM keeps the perturbation e (and w under PyTorch's mixed-float16), so the parameter count predicts ${predicted.join(' or ')}`
  );
}

/** The verdict of `memory-overhead`: extra peak memory of the SAM runs (at `interval`) over their no-SAM runs, in parameter copies, within `range`. */
export function memoryOverheadVerdict(results: readonly RunResult[], interval: number | undefined, range: Range): Verdict {
  const runs = samRunsAt(results, interval);
  const overheads = memoryOverheads(results);
  const gathered = gather(runs, (r) => (overheads.has(r) ? exact(overheads.get(r)!.copies) : null), 'process', true);
  const verdict = rangeVerdict(interval ? `memory-overhead@interval=${interval}` : 'memory-overhead', 'memory-overhead', gathered, range, {
    where: interval ? `SAM runs at interval ${interval}` : 'SAM runs',
    what: 'memory overhead over the no-SAM run (parameter copies)',
  });
  const text = memoryText(
    runs.flatMap((r) => overheads.get(r) ?? []),
    runs,
  );
  return text ? { ...verdict, detail: `${verdict.detail}; ${text}` } : verdict;
}
