// The order runs are launched in: by rounds (a run's repeat r runs in round r), every round
// holding each run once, shuffled per round, so a slow spell of a shared machine hits every
// arm alike instead of the arm that happened to run then.
import type { RunSpec } from '../../schemas/index.js';
import { mixSeed, mulberry32, permutation } from '../prng.js';

// Fixed, so the same suite always runs in the same order (and a resumed bench keeps it).
const SCHEDULE_SEED = 0x5a3b;

/**
 * The runs in launch order. One round (`repeats: 1`) keeps the suite's order; with more, round r
 * holds every run's repeat r in a seeded random order.
 */
export function scheduleRuns(runs: readonly RunSpec[]): RunSpec[] {
  const rounds = new Map<number, RunSpec[]>();
  for (const run of runs) rounds.set(run.repeat, [...(rounds.get(run.repeat) ?? []), run]);
  if (rounds.size <= 1) return [...runs];
  return [...rounds.keys()]
    .sort((a, b) => a - b)
    .flatMap((round) => {
      const members = rounds.get(round)!;
      return [...permutation(members.length, mulberry32(mixSeed(SCHEDULE_SEED, round)))].map((i) => members[i]!);
    });
}
