import { describe, expect, test } from 'vitest';
import type { RunSpec } from '../../schemas/index.js';
import { scheduleRuns } from './schedule.js';

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
