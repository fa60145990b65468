// One simulated night from a real bench: its rounds (the processes of one repeat, a no-SAM process
// and the SAM processes paired with it) drawn with replacement and renumbered, so each night has
// the bench's own process-to-process noise. Used by simulate-nights.ts.
import { configurationId, type BenchData } from '../harness/compare/index.js';
import type { RunResult } from '../harness/measure/index.js';

/** The bench's runs by round (spec.repeat; a bench without repeats is one round), in round order. */
export function roundsOf(bench: BenchData): RunResult[][] {
  const rounds = new Map<number, RunResult[]>();
  for (const run of bench.runs) rounds.set(run.spec.repeat, [...(rounds.get(run.spec.repeat) ?? []), run]);
  return [...rounds.keys()].sort((a, b) => a - b).map((k) => rounds.get(k)!);
}

// A run of round `from` as a run of round `to`: its id, repeat and no-SAM pairing renumbered.
function renumbered(run: RunResult, to: number): RunResult {
  const rename = (id: string) => `${id.replace(/-r\d+$/, '')}-r${to}`;
  const { spec } = run;
  return {
    ...run,
    spec: {
      ...spec,
      id: `${configurationId(spec)}-r${to}`,
      repeat: to,
      baselineId: spec.baselineId ? rename(spec.baselineId) : spec.baselineId,
    },
  };
}

/** A night of `count` rounds drawn with replacement from `rounds` by `random` (uniform in [0, 1)). */
export function resampledNight(bench: BenchData, rounds: readonly RunResult[][], count: number, random: () => number): BenchData {
  const runs = Array.from({ length: count }, (_, k) =>
    rounds[Math.floor(random() * rounds.length)]!.map((run) => renumbered(run, k)),
  ).flat();
  return { ...bench, runs };
}
