// Lines written before history lines had versions (version 1: per run, point estimates) read as
// version 2: a run is one process of its configuration, repeated processes (`-r<round>` ids)
// are grouped back into theirs, and the pooled estimates are recomputed from those values.
import { exact, mean, pooled } from '../stats/index.js';
import type { HistoryConfiguration, HistoryLineV1, HistoryLineV2, HistoryRunV1 } from '../../schemas/index.js';
import { machineFingerprint } from './line.js';

// A version-1 line kept no spec: the id is all that says which runs are one configuration's processes.
const configurationOf = (id: string) => id.replace(/-r\d+$/, '');
const numbers = (values: (number | null | undefined)[]) => values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
const pooledOf = (values: number[]) => pooled(values.map(exact));

function configuration(id: string, runs: HistoryRunV1[]): HistoryConfiguration {
  const ok = runs.filter((r) => r.status === 'ok');
  const ratios = numbers(ok.map((r) => r.ratio));
  const slowdowns = numbers(ok.map((r) => r.slowdown));
  const accuracies = numbers(ok.map((r) => r.finalAccuracy));
  return {
    id,
    processes: runs.length,
    failed: runs.length - ok.length,
    values: {
      baseStepMs: numbers(ok.map((r) => r.baseMedianMs)),
      samStepMs: numbers(ok.map((r) => r.samMedianMs)),
      stepRatio: ratios,
      slowdown: slowdowns,
      slowdownWithinRun: [],
    },
    stepRatio: pooledOf(ratios),
    slowdown: pooledOf(slowdowns),
    slowdownWithinRun: null,
    accuracy: accuracies.length > 0 ? mean(accuracies) : null,
  };
}

/** A version-1 line as version 2 (nothing is invented: what version 1 did not keep stays empty or null). */
export function upgradeV1(line: HistoryLineV1): HistoryLineV2 {
  const groups = new Map<string, HistoryRunV1[]>();
  for (const run of line.runs) groups.set(configurationOf(run.id), [...(groups.get(configurationOf(run.id)) ?? []), run]);
  const env = line.env ?? null;
  return {
    version: 2,
    suite: line.suite,
    timestamp: line.timestamp,
    results: line.results ?? '',
    commit: line.commit ?? null,
    machine: machineFingerprint(env),
    env,
    minEffect: null,
    configurations: [...groups].map(([id, runs]) => configuration(id, runs)),
  };
}
