// Peak memory per run and per configuration: device memory before resident set size, and a SAM
// run's extra peak over its no-SAM run in copies of its float32 parameters.
import { describe, expect, test } from 'vitest';
import { summarizeConfigurations } from './configurations.js';
import { fakeEnv } from './fixtures/env.js';
import { fakeBaseline, fakeResult } from './fixtures/result.js';
import { memoryOverhead, peakBytes, predictedCopies } from './memory.js';

const MiB = 2 ** 20;
// 2^20 parameters: 4 MiB a float32 copy.
const env = fakeEnv('r', { parameters: 2 ** 20 });

describe('peak memory', () => {
  test("a run's peak is its device's where reported, else its resident set's", () => {
    expect(peakBytes(fakeResult(null, { peakDeviceBytes: 5, peakRssBytes: 9 }))).toEqual({ bytes: 5, source: 'device' });
    expect(peakBytes(fakeResult(null, { peakRssBytes: 9 }))).toEqual({ bytes: 9, source: 'rss' });
    expect(peakBytes(fakeResult(null))).toBeNull();
  });

  test('the overhead compares like with like: device peaks when both runs have one, else resident sets', () => {
    const sam = fakeResult({ interval: 2, rho: 0.1 }, { env, peakDeviceBytes: 108 * MiB, peakRssBytes: 900 * MiB });
    const onDevice = fakeBaseline(sam, { peakDeviceBytes: 100 * MiB, peakRssBytes: 898 * MiB });
    expect(memoryOverhead(sam, onDevice)).toEqual({ extraBytes: 8 * MiB, copies: 2, parameters: 2 ** 20, source: 'device' });
    // 900 − 898 MiB of resident set: half a copy
    expect(memoryOverhead(sam, { ...onDevice, peakDeviceBytes: null })).toMatchObject({ copies: 0.5, source: 'rss' });
    expect(memoryOverhead({ ...sam, env: null }, onDevice)).toBeNull();
  });

  test('SAM is predicted one copy (e), two in PyTorch under mixed-float16 (e and w)', () => {
    expect(predictedCopies({ framework: 'tfjs', precision: 'float32' })).toBe(1);
    expect(predictedCopies({ framework: 'torch', precision: 'mixed-bfloat16' })).toBe(1);
    expect(predictedCopies({ framework: 'torch', precision: 'mixed-float16' })).toBe(2);
  });

  test('a configuration has the median peak of its ok runs in MiB and its pooled overhead in copies', () => {
    // SAM peaks 104, 106 MiB over no-SAM peaks of 100: 1 and 1.5 copies, mean 1.25
    const sams = [104, 106].map((peak, seed) => fakeResult({ interval: 2, rho: 0.1 }, { seed, env, peakDeviceBytes: peak * MiB }));
    const bases = sams.map((s) => fakeBaseline(s, { env, peakDeviceBytes: 100 * MiB }));
    const [sam, base] = summarizeConfigurations([...sams, ...bases]);
    expect(sam).toMatchObject({ peakMemoryMiB: 105, memoryOverhead: { value: 1.25 } });
    expect(base).toMatchObject({ peakMemoryMiB: 100, memoryOverhead: null });
  });
});
