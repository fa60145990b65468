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
  return inRounds(runs, (run) => run.repeat, { shuffleOneRound: false });
}

/**
 * Two benches' runs as one launch order (calibrate's A/B in one job): round r holds both
 * benches' repeat r, shuffled together even when there is one round, so neither bench always
 * runs first.
 */
export function interleaveBenches<T extends { spec: RunSpec }>(a: readonly T[], b: readonly T[]): T[] {
  return inRounds([...a, ...b], (job) => job.spec.repeat, { shuffleOneRound: true });
}

function inRounds<T>(items: readonly T[], roundOf: (item: T) => number, { shuffleOneRound }: { shuffleOneRound: boolean }): T[] {
  const rounds = new Map<number, T[]>();
  for (const item of items) rounds.set(roundOf(item), [...(rounds.get(roundOf(item)) ?? []), item]);
  if (rounds.size <= 1 && !shuffleOneRound) return [...items];
  return [...rounds.keys()]
    .sort((x, y) => x - y)
    .flatMap((round) => {
      const members = rounds.get(round)!;
      return [...permutation(members.length, mulberry32(mixSeed(SCHEDULE_SEED, round)))].map((i) => members[i]!);
    });
}
