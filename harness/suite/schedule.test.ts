import { describe, expect, test } from 'vitest';
import type { RunSpec } from '../../schemas/index.js';
import { interleaveBenches, scheduleRuns } from './schedule.js';

// Only id and repeat matter to the schedule.
const run = (id: string, repeat: number) => ({ id: `${id}-r${repeat}`, repeat }) as RunSpec;
const suiteOf = (ids: string[], repeats: number) => ids.flatMap((id) => Array.from({ length: repeats }, (_, r) => run(id, r)));

describe('scheduleRuns', () => {
  test('one round keeps the suite order', () => {
    const runs = ['base', 'sam-k1', 'sam-k10'].map((id) => run(id, 0));
    expect(scheduleRuns(runs).map((r) => r.id)).toEqual(runs.map((r) => r.id));
  });

  test('round r holds every run once, rounds in order', () => {
    const ids = ['base', 'sam-k1', 'sam-k2', 'sam-k10'];
    const order = scheduleRuns(suiteOf(ids, 3));
    expect(order).toHaveLength(12);
    for (const round of [0, 1, 2]) {
      const slice = order.slice(4 * round, 4 * round + 4);
      expect(slice.every((r) => r.repeat === round)).toBe(true);
      expect(slice.map((r) => r.id.replace(/-r\d+$/, '')).sort()).toEqual([...ids].sort());
    }
  });

  test('rounds are shuffled, the same way every time', () => {
    const ids = Array.from({ length: 8 }, (_, i) => `run${i}`);
    const order = scheduleRuns(suiteOf(ids, 4)).map((r) => r.id.replace(/-r\d+$/, ''));
    const rounds = [0, 1, 2, 3].map((round) => order.slice(8 * round, 8 * round + 8).join(' '));
    // 8! orders per round: four identical rounds would mean no shuffle.
    expect(new Set(rounds).size).toBeGreaterThan(1);
    expect(scheduleRuns(suiteOf(ids, 4)).map((r) => r.id)).toEqual(scheduleRuns(suiteOf(ids, 4)).map((r) => r.id));
  });
});

describe('interleaveBenches', () => {
  const jobs = (bench: string, ids: string[], repeats: number) => suiteOf(ids, repeats).map((spec) => ({ bench, spec }));

  test('every round holds both benches, shuffled together even when there is one round', () => {
    const ids = ['base', 'sam-k1', 'sam-k10'];
    const one = interleaveBenches(jobs('a', ids, 1), jobs('b', ids, 1)).map((j) => `${j.bench}:${j.spec.id}`);
    expect([...one].sort()).toEqual([...ids.map((id) => `a:${id}-r0`), ...ids.map((id) => `b:${id}-r0`)].sort());
    expect(one).not.toEqual([...ids.map((id) => `a:${id}-r0`), ...ids.map((id) => `b:${id}-r0`)]);
    const three = interleaveBenches(jobs('a', ids, 3), jobs('b', ids, 3));
    for (const round of [0, 1, 2]) {
      const slice = three.slice(6 * round, 6 * round + 6);
      expect(slice.every((j) => j.spec.repeat === round)).toBe(true);
      expect(slice.filter((j) => j.bench === 'a')).toHaveLength(3);
    }
  });
});
