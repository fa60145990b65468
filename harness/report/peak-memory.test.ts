// summary.csv's peak memory columns, read from the done event through the reduction: bytes as
// MiB to one decimal, empty where the worker reported nothing.
import { describe, expect, test } from 'vitest';
import { fakeSpec } from '../launch/fixtures/spec.js';
import { reduceRuns, type RunResult } from '../measure/index.js';
import type { DoneEvent, StepEvent } from '../../schemas/index.js';
import { fakeEnv } from '../measure/fixtures/env.js';
import { fakeBaseline, fakeResult } from '../measure/fixtures/result.js';
import { summarizeConfigurations } from '../measure/index.js';
import { runColumns } from './columns.js';
import { CONFIGURATIONS_TABLE, SUMMARY_TABLE, mebibytes } from './export-columns.js';
import { configurationsTable } from './table.js';

const step = (i: number): StepEvent => ({ type: 'step', i, kind: 'base', ms: 10, dataMs: 1, loss: 1, warmup: i <= 2 });

function cells(done: Omit<DoneEvent, 'type' | 'steps' | 'wallMs'>): Record<string, unknown> {
  const spec = { ...fakeSpec('base'), sam: null, baselineId: null };
  const events = [...[1, 2, 3, 4, 5, 6].map(step), { type: 'done' as const, steps: 6, wallMs: 60, ...done }];
  const result: RunResult = reduceRuns([{ spec, events }])[0]!;
  const column = (name: string) => SUMMARY_TABLE.columns.find((c) => c.name === name)!;
  return { rss: column('peak_rss_mb').value(result), device: column('peak_device_mb').value(result) };
}

describe('peak_rss_mb and peak_device_mb', () => {
  test('read the done event: 300 MiB + 52 KiB of RSS is 300.1, 1.5 GiB on the device 1536', () => {
    expect(cells({ peakRssBytes: 300 * 2 ** 20 + 52 * 1024, peakDeviceBytes: 1.5 * 2 ** 30 })).toEqual({ rss: 300.1, device: 1536 });
  });

  test('on CPU (peakDeviceBytes null) the device column is empty', () => {
    expect(cells({ peakRssBytes: 2 ** 20, peakDeviceBytes: null })).toEqual({ rss: 1, device: null });
  });

  test('a done event without them (logs written before) leaves both empty; the older peakMemoryBytes still counts', () => {
    expect(cells({})).toEqual({ rss: null, device: null });
    expect(cells({ peakMemoryBytes: 3 * 2 ** 20 })).toEqual({ rss: null, device: 3 });
  });

  test('rounds to one decimal of a MiB', () => {
    expect(mebibytes(0)).toBe(0);
    expect(mebibytes(2 ** 20 * 0.04)).toBe(0);
    expect(mebibytes(2 ** 20 * 0.06)).toBe(0.1);
    expect(mebibytes(null)).toBeNull();
  });
});

describe('peak memory beside slowdown and gain', () => {
  // 2^20 parameters (4 MiB a copy); SAM peaks 4 MiB above its no-SAM run's 100 MiB on the device.
  const env = fakeEnv('r', { parameters: 2 ** 20 });
  const sam = fakeResult({ interval: 2, rho: 0.1 }, { env, peakDeviceBytes: 104 * 2 ** 20 });
  const runs = [sam, fakeBaseline(sam, { env, peakDeviceBytes: 100 * 2 ** 20 })];

  test("report.html's runs table has a peak column only when some run reported a peak; RSS is marked", () => {
    const peak = (results: RunResult[]) => runColumns(results).find((c) => c.header === 'peak MiB');
    expect(peak(runs)!.cell(sam)).toEqual({ text: '104.0' });
    expect(
      peak([{ ...sam, peakDeviceBytes: null, peakRssBytes: 2 ** 20 }])!.cell({ ...sam, peakDeviceBytes: null, peakRssBytes: 2 ** 20 }),
    ).toEqual({
      text: '1.0 (RSS)',
    });
    expect(peak([fakeResult(null)])).toBeUndefined();
  });

  test('configurations.csv and the terminal table give the peak and the overhead in parameter copies', () => {
    const configurations = summarizeConfigurations(runs);
    const row = (name: string) => CONFIGURATIONS_TABLE.columns.find((c) => c.name === name)!.value(configurations[0]!);
    expect([row('peak_memory_mb'), row('memory_overhead_copies')]).toEqual([104, 1]);
    const table = configurationsTable(configurations, { width: 200, color: false });
    expect(table).toContain('peak MiB');
    expect(table).toContain('memory (copies) [95% CI]');
    expect(table).toMatch(/104\.0 +\+1\.00 \[\+1\.00, \+1\.00\]/);
  });
});
