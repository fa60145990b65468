// optimizer.labelSmoothing, dataset.mixup and their matrix keys: run specs, ids and counts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { countRuns } from './expand.js';
import { loadWrittenSuite } from './fixtures/suite-files.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-regularisers-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const load = (suite: object) => loadWrittenSuite(dir, suite);

const base = { name: 't', model: { name: 'mlp' }, dataset: { name: 'synthetic', shape: [4], batchSize: 8 }, steps: { measured: 20 } };

describe('label smoothing and MixUp', () => {
  test('absent: ε 0 and no MixUp in the specs, ids as before', () => {
    const { runs } = load(base);
    expect(runs.map((r) => r.id)).toEqual(['base-bs8-lr0.01-s0', 'sam-k1-rho0.05-bs8-lr0.01-s0']);
    for (const run of runs) {
      expect(run.optimizer.labelSmoothing).toBe(0);
      expect(run.dataset.mixup).toBeNull();
    }
  });

  test('set in the suite: in every spec, and in the ids', () => {
    const { runs } = load({ ...base, optimizer: { labelSmoothing: 0.1 }, dataset: { ...base.dataset, mixup: { alpha: 0.2 } } });
    expect(runs.map((r) => r.id)).toEqual(['base-ls0.1-mix0.2-bs8-lr0.01-s0', 'sam-k1-rho0.05-ls0.1-mix0.2-bs8-lr0.01-s0']);
    expect(runs[1]!.baselineId).toBe('base-ls0.1-mix0.2-bs8-lr0.01-s0');
    for (const run of runs) {
      expect(run.optimizer.labelSmoothing).toBe(0.1);
      expect(run.dataset.mixup).toEqual({ alpha: 0.2 });
    }
  });

  test('the matrix sweeps both, a baseline per setting, ids naming only what is set', () => {
    const suite = { ...base, seeds: [0, 1], matrix: { labelSmoothing: [0, 0.1], mixup: [null, { alpha: 1 }] } };
    const { runs } = load(suite);
    expect(runs.map((r) => [r.id, r.baselineId])).toEqual([
      ['base-bs8-lr0.01-s0', null],
      ['sam-k1-rho0.05-bs8-lr0.01-s0', 'base-bs8-lr0.01-s0'],
      ['base-bs8-lr0.01-s1', null],
      ['sam-k1-rho0.05-bs8-lr0.01-s1', 'base-bs8-lr0.01-s1'],
      ['base-mix1-bs8-lr0.01-s0', null],
      ['sam-k1-rho0.05-mix1-bs8-lr0.01-s0', 'base-mix1-bs8-lr0.01-s0'],
      ['base-mix1-bs8-lr0.01-s1', null],
      ['sam-k1-rho0.05-mix1-bs8-lr0.01-s1', 'base-mix1-bs8-lr0.01-s1'],
      ['base-ls0.1-bs8-lr0.01-s0', null],
      ['sam-k1-rho0.05-ls0.1-bs8-lr0.01-s0', 'base-ls0.1-bs8-lr0.01-s0'],
      ['base-ls0.1-bs8-lr0.01-s1', null],
      ['sam-k1-rho0.05-ls0.1-bs8-lr0.01-s1', 'base-ls0.1-bs8-lr0.01-s1'],
      ['base-ls0.1-mix1-bs8-lr0.01-s0', null],
      ['sam-k1-rho0.05-ls0.1-mix1-bs8-lr0.01-s0', 'base-ls0.1-mix1-bs8-lr0.01-s0'],
      ['base-ls0.1-mix1-bs8-lr0.01-s1', null],
      ['sam-k1-rho0.05-ls0.1-mix1-bs8-lr0.01-s1', 'base-ls0.1-mix1-bs8-lr0.01-s1'],
    ]);
    expect(runs[13]).toMatchObject({ optimizer: { labelSmoothing: 0.1 }, dataset: { mixup: { alpha: 1 } } });
    expect(countRuns(load(suite).suite)).toBe(runs.length);
  });

  test.each([
    [{ optimizer: { labelSmoothing: 1 } }, '/optimizer/labelSmoothing'],
    [{ dataset: { ...base.dataset, mixup: { alpha: 0 } } }, '/dataset/mixup/alpha'],
    [{ dataset: { ...base.dataset, mixup: { alpha: 5 } } }, '/dataset/mixup/alpha'],
    [{ matrix: { mixup: [] } }, '/matrix/mixup'],
  ])('refused: %j', (over, pointer) => {
    expect(() => load({ ...base, ...over })).toThrow(pointer);
  });
});
