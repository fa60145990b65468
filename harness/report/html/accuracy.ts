// Accuracy of each run for the report: from the run summary when it carries accuracy fields
// (`finalAccuracy`, `accuracyGain`), otherwise from the run's own eval events.
import type { RunSummary } from '../../measure/summarize.js';
import type { EvalEvent, WorkerEvent } from '../../../schemas/index.js';

// What the runs table's accuracy columns and the tradeoff chart read, whatever its source.
/** A run's final top-1 accuracy (0–1) and its gain over its no-SAM run (percentage points). */
export interface RunAccuracy {
  finalAccuracy: number | null;
  accuracyGain: number | null;
}

// Older results and test doubles may lack these fields; a field that is present wins, even when null.
function optionalNumber(summary: RunSummary, key: string): number | null | undefined {
  if (!(key in summary)) return undefined;
  const value = (summary as unknown as Record<string, unknown>)[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

// Workers emit evaluations in order; sorting keeps a hand-edited or merged log drawable.
/** The run's eval events in step order. */
export function evalsOf(events: readonly WorkerEvent[] | undefined): EvalEvent[] {
  return (events ?? []).filter((e): e is EvalEvent => e.type === 'eval').sort((a, b) => a.step - b.step);
}

// Without summary fields: the last evaluation is the final accuracy, and the gain is
// 100 · (final − final of the no-SAM run named by spec.baselineId), as measure/summarize.ts defines it.
/** Accuracy of every summary, by run id. */
export function accuracyByRun(summaries: readonly RunSummary[], events: Record<string, WorkerEvent[]>): Map<string, RunAccuracy> {
  const finals = new Map<string, number | null>();
  for (const s of summaries) {
    const given = optionalNumber(s, 'finalAccuracy');
    finals.set(s.spec.id, given === undefined ? (evalsOf(events[s.spec.id]).at(-1)?.acc ?? null) : given);
  }
  const result = new Map<string, RunAccuracy>();
  for (const s of summaries) {
    const finalAccuracy = finals.get(s.spec.id) ?? null;
    const baselineFinal = s.spec.baselineId ? (finals.get(s.spec.baselineId) ?? null) : null;
    const derived = s.spec.sam && finalAccuracy !== null && baselineFinal !== null ? 100 * (finalAccuracy - baselineFinal) : null;
    const given = optionalNumber(s, 'accuracyGain');
    result.set(s.spec.id, { finalAccuracy, accuracyGain: given === undefined ? derived : given });
  }
  return result;
}
