// matrix.worldSize and matrix.syncFirstGradient: run specs, ids, baseline pairing, counts, and the
// refusal in a TF.js suite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { countRuns } from './expand.js';
import { loadWrittenSuite, suiteFileProblems, writeSuiteFile } from './fixtures/suite-files.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-data-parallel-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const load = (suite: object) => loadWrittenSuite(dir, suite);

const base = {
  name: 't',
  framework: 'torch',
  model: { name: 'mlp' },
  dataset: { name: 'synthetic', shape: [4], batchSize: 8 },
  steps: { measured: 20 },
};
const torchOf = (runs: ReturnType<typeof load>['runs']) =>
  runs.map((r) => [r.id, r.torch?.worldSize, r.torch?.syncFirstGradient, r.baselineId]);

describe('matrix.worldSize and matrix.syncFirstGradient', () => {
  test('absent: the suite’s torch settings in every spec, ids as before', () => {
    const { runs } = load({ ...base, torch: { worldSize: 2, syncFirstGradient: true } });
    expect(torchOf(runs)).toEqual([
      ['base-bs8-lr0.01-s0', 2, true, null],
      ['sam-k1-rho0.05-bs8-lr0.01-s0', 2, true, 'base-bs8-lr0.01-s0'],
    ]);
  });

  test('a baseline per world size, a SAM run per (world size, sync) beyond one worker and one at one worker', () => {
    const suite = {
      ...base,
      seeds: [0, 1],
      matrix: { interval: [1, 2], worldSize: [1, 2], syncFirstGradient: [false, true] },
      torch: { syncFirstGradient: true },
    };
    const { runs } = load(suite);
    const seed0 = runs.filter((r) => r.seed === 0);
    expect(torchOf(seed0)).toEqual([
      ['base-bs8-lr0.01-s0', 1, true, null],
      ['sam-k1-rho0.05-bs8-lr0.01-s0', 1, true, 'base-bs8-lr0.01-s0'],
      ['sam-k2-rho0.05-bs8-lr0.01-s0', 1, true, 'base-bs8-lr0.01-s0'],
      ['base-ws2-bs8-lr0.01-s0', 2, true, null],
      ['sam-k1-rho0.05-ws2-bs8-lr0.01-s0', 2, false, 'base-ws2-bs8-lr0.01-s0'],
      ['sam-k1-rho0.05-ws2-sync-bs8-lr0.01-s0', 2, true, 'base-ws2-bs8-lr0.01-s0'],
      ['sam-k2-rho0.05-ws2-bs8-lr0.01-s0', 2, false, 'base-ws2-bs8-lr0.01-s0'],
      ['sam-k2-rho0.05-ws2-sync-bs8-lr0.01-s0', 2, true, 'base-ws2-bs8-lr0.01-s0'],
    ]);
    // Seeds inside each world size, as they are inside each label smoothing and MixUp.
    expect(runs.map((r) => r.id).slice(3, 6)).toEqual([
      'base-bs8-lr0.01-s1',
      'sam-k1-rho0.05-bs8-lr0.01-s1',
      'sam-k2-rho0.05-bs8-lr0.01-s1',
    ]);
    expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
    expect(countRuns(load(suite).suite)).toBe(runs.length);
  });

  test('only the swept key is named: sync alone at the suite’s world size, world size alone with the suite’s sync', () => {
    const syncs = load({ ...base, torch: { worldSize: 4 }, matrix: { syncFirstGradient: [true, false] } });
    expect(torchOf(syncs.runs)).toEqual([
      ['base-bs8-lr0.01-s0', 4, false, null],
      ['sam-k1-rho0.05-sync-bs8-lr0.01-s0', 4, true, 'base-bs8-lr0.01-s0'],
      ['sam-k1-rho0.05-bs8-lr0.01-s0', 4, false, 'base-bs8-lr0.01-s0'],
    ]);
    const sizes = load({ ...base, torch: { syncFirstGradient: true }, matrix: { worldSize: [2, 1] } });
    expect(torchOf(sizes.runs)).toEqual([
      ['base-ws2-bs8-lr0.01-s0', 2, true, null],
      ['sam-k1-rho0.05-ws2-bs8-lr0.01-s0', 2, true, 'base-ws2-bs8-lr0.01-s0'],
      ['base-bs8-lr0.01-s0', 1, true, null],
      ['sam-k1-rho0.05-bs8-lr0.01-s0', 1, true, 'base-bs8-lr0.01-s0'],
    ]);
  });

  test('counted exactly with the other matrix keys, repeats and no baseline; refused past limits.maxRuns', () => {
    const matrix = {
      rho: [0.05, 0.1],
      batchSize: [8, 16],
      labelSmoothing: [0, 0.1],
      worldSize: [1, 2, 4],
      syncFirstGradient: [false, true],
    };
    const suite = { ...base, seeds: [0, 1], matrix, limits: { maxRuns: 1000 } };
    for (const over of [{}, { repeats: 2 }, { baseline: false }]) {
      const loaded = load({ ...suite, ...over });
      expect(countRuns(loaded.suite)).toBe(loaded.runs.length);
    }
    // 2 batch sizes · 2 label smoothings · 2 seeds · (ws 1: 1 + 2 rho; ws 2 and 4: 1 + 2 rho · 2 syncs) = 8 · 13
    expect(load(suite).runs).toHaveLength(104);
    expect(() => load({ ...suite, limits: { maxRuns: 103 } })).toThrow('expands to 104 runs');
  });

  test.each(['worldSize', 'syncFirstGradient'])('matrix.%s in a TF.js suite is refused at its pointer', (key) => {
    const values = key === 'worldSize' ? [1, 2] : [false, true];
    const file = writeSuiteFile(dir, { ...base, framework: 'tfjs', matrix: { [key]: values } });
    expect(suiteFileProblems(file)).toEqual([
      {
        pointer: `/matrix/${key}`,
        message: `sweeps the PyTorch setting torch.${key}, but /framework is "tfjs"; set "framework": "torch" or remove the key`,
      },
    ]);
  });

  test.each([
    [{ worldSize: [] }, '/matrix/worldSize'],
    [{ worldSize: [0] }, '/matrix/worldSize/0'],
    [{ worldSize: [2, 2] }, '/matrix/worldSize'],
    [{ syncFirstGradient: [true, true] }, '/matrix/syncFirstGradient'],
  ])('refused: %j', (matrix, pointer) => {
    expect(() => load({ ...base, matrix })).toThrow(pointer);
  });
});
