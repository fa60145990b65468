import { describe, expect, test } from 'vitest';
import { machineLoad, parseProcStat } from './machine-load.js';

describe('parseProcStat', () => {
  test('sums the aggregate line into busy, steal and total ticks', () => {
    const text = 'cpu  100 5 20 800 10 1 2 12 0 0\ncpu0 50 2 10 400 5 0 1 6 0 0\nintr 1\n';
    // busy = 100 + 5 + 20 + 1 + 2; total = busy + idle 800 + iowait 10 + steal 12
    expect(parseProcStat(text)).toEqual({ busy: 128, steal: 12, total: 950 });
  });

  test('null without a cpu line', () => {
    expect(parseProcStat('intr 1\n')).toBeNull();
  });
});

describe('machineLoad', () => {
  test('other processes take the busy share the worker did not use', () => {
    // 2 cores for 1 s = 2000 core-ms; 200 of 400 ticks busy; the worker used 500 ms of CPU.
    const load = machineLoad({ busy: 0, steal: 0, total: 0 }, { busy: 200, steal: 20, total: 400 }, 500, 1000, 2);
    expect(load).toMatchObject({ busyShare: 0.5, ownShare: 0.25, otherShare: 0.25, stealShare: 0.05 });
  });

  test('never a negative share for others, and null for an empty window', () => {
    expect(machineLoad({ busy: 0, steal: 0, total: 0 }, { busy: 10, steal: 0, total: 100 }, 900, 1000, 2)!.otherShare).toBe(0);
    expect(machineLoad({ busy: 5, steal: 0, total: 100 }, { busy: 5, steal: 0, total: 100 }, 0, 1000, 2)).toBeNull();
  });
});
