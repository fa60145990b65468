// Matrix expansion: which runs a suite gives, in which order, with which stable ids.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { DATASET_FORMAT_FILES } from '../../schemas/index.js';
import { countRuns } from './expand.js';
import { loadWrittenSuite } from './fixtures/suite-files.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-expand-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const load = (suite: object) => loadWrittenSuite(dir, suite);

const base = { name: 't', model: { name: 'mlp' }, dataset: { name: 'synthetic', shape: [4], batchSize: 8 }, steps: { measured: 20 } };

describe('expandSuite', () => {
  test('no matrix: one baseline and one SAM run with the schema defaults', () => {
    const { runs } = load(base);
    expect(runs.map((r) => r.id)).toEqual(['base-bs8-lr0.01-s0', 'sam-k1-rho0.05-bs8-lr0.01-s0']);
    const [baseline, sam] = runs;
    expect(baseline!.sam).toBeNull();
    expect(sam).toMatchObject({
      baselineId: 'base-bs8-lr0.01-s0',
      sam: { rho: 0.05, epsilon: 1e-12, interval: 1, adaptive: false, secondPassState: 'discard', rhoPerInterval: null },
      optimizer: { name: 'momentum', learningRate: 0.01, momentum: 0.9, nesterov: false, weightDecay: 0, schedule: { kind: 'constant' } },
      steps: { warmup: 5, measured: 20, timeLimitSeconds: null },
      dataset: {
        name: 'synthetic',
        path: null,
        batchSize: 8,
        shape: [4],
        classes: 10,
        samples: 1024,
        augment: false,
        normalize: false,
        imageSize: null,
        onBadImage: 'skip',
      },
      evaluation: null,
      model: { name: 'mlp', hidden: [256], batchNorm: false },
      backend: 'tensorflow',
      framework: 'tfjs',
      precision: 'float32',
      timeoutSeconds: 900,
      seed: 0,
      repeat: 0,
    });
  });

  test('repeats: one process per round, each SAM process paired with the no-SAM process of its round', () => {
    const { runs } = load({ ...base, repeats: 2, matrix: { interval: [1, 10] } });
    expect(runs.map((r) => [r.id, r.repeat, r.baselineId])).toEqual([
      ['base-bs8-lr0.01-s0-r0', 0, null],
      ['base-bs8-lr0.01-s0-r1', 1, null],
      ['sam-k1-rho0.05-bs8-lr0.01-s0-r0', 0, 'base-bs8-lr0.01-s0-r0'],
      ['sam-k1-rho0.05-bs8-lr0.01-s0-r1', 1, 'base-bs8-lr0.01-s0-r1'],
      ['sam-k10-rho0.05-bs8-lr0.01-s0-r0', 0, 'base-bs8-lr0.01-s0-r0'],
      ['sam-k10-rho0.05-bs8-lr0.01-s0-r1', 1, 'base-bs8-lr0.01-s0-r1'],
    ]);
  });

  test("rhoPerInterval scales rho with the interval (Composer's rule) with clean values", () => {
    const { runs } = load({ ...base, matrix: { interval: [1, 2, 5, 10], rhoPerInterval: 0.05 } });
    const sam = runs.filter((r) => r.sam);
    expect(sam.map((r) => [r.sam!.interval, r.sam!.rho])).toEqual([
      [1, 0.05],
      [2, 0.1],
      [5, 0.25],
      [10, 0.5],
    ]);
    expect(new Set(sam.map((r) => r.sam!.rho / r.sam!.interval)).size).toBe(1);
  });

  test('rho and rhoPerInterval together: at each k the fixed values, then c · k for each c, each value once, recording its c', () => {
    const { runs } = load({
      ...base,
      steps: { measured: 10 },
      matrix: { interval: [1, 2, 10], rho: [0.05, 0.1], rhoPerInterval: [0.05, 0.01] },
    });
    const sam = runs.filter((r) => r.sam);
    expect(sam.map((r) => [r.id, r.sam!.interval, r.sam!.rho, r.sam!.rhoPerInterval])).toEqual([
      // k=1: 0.05 is both fixed and 0.05 · 1, one run that records its c
      ['sam-k1-rho0.05-bs8-lr0.01-s0', 1, 0.05, 0.05],
      ['sam-k1-rho0.1-bs8-lr0.01-s0', 1, 0.1, null],
      ['sam-k1-rho0.01-bs8-lr0.01-s0', 1, 0.01, 0.01],
      // k=2: 0.1 is 0.05 · 2
      ['sam-k2-rho0.05-bs8-lr0.01-s0', 2, 0.05, null],
      ['sam-k2-rho0.1-bs8-lr0.01-s0', 2, 0.1, 0.05],
      ['sam-k2-rho0.02-bs8-lr0.01-s0', 2, 0.02, 0.01],
      // k=10: 0.1 is 0.01 · 10, and 0.5 = 0.05 · 10 is new
      ['sam-k10-rho0.05-bs8-lr0.01-s0', 10, 0.05, null],
      ['sam-k10-rho0.1-bs8-lr0.01-s0', 10, 0.1, 0.01],
      ['sam-k10-rho0.5-bs8-lr0.01-s0', 10, 0.5, 0.05],
    ]);
    expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
    expect(sam.every((r) => r.baselineId === 'base-bs8-lr0.01-s0')).toBe(true);
  });

  test('rhoPerInterval alone, as a number or a list, gives only the scaled points', () => {
    const one = load({ ...base, matrix: { interval: [1, 2], rhoPerInterval: 0.05 } }).runs.filter((r) => r.sam);
    const list = load({ ...base, matrix: { interval: [1, 2], rhoPerInterval: [0.05] } }).runs.filter((r) => r.sam);
    expect(list).toEqual(one);
    expect(one.map((r) => [r.sam!.rho, r.sam!.rhoPerInterval])).toEqual([
      [0.05, 0.05],
      [0.1, 0.05],
    ]);
    const several = load({ ...base, matrix: { interval: [2], rhoPerInterval: [0.05, 0.025] } }).runs.filter((r) => r.sam);
    expect(several.map((r) => [r.id, r.sam!.rhoPerInterval])).toEqual([
      ['sam-k2-rho0.1-bs8-lr0.01-s0', 0.05],
      ['sam-k2-rho0.05-bs8-lr0.01-s0', 0.025],
    ]);
  });

  test('crosses interval × rho × batch size × learning rate × seed; one baseline per (batch, lr, seed), first', () => {
    const { runs } = load({
      ...base,
      seeds: [0, 1],
      matrix: { interval: [1, 2], rho: [0.05, 0.1], batchSize: [8, 16], learningRate: [0.1] },
    });
    expect(runs).toHaveLength(2 * 2 * (1 + 2 * 2));
    expect(runs.slice(0, 5).map((r) => r.id)).toEqual([
      'base-bs8-lr0.1-s0',
      'sam-k1-rho0.05-bs8-lr0.1-s0',
      'sam-k1-rho0.1-bs8-lr0.1-s0',
      'sam-k2-rho0.05-bs8-lr0.1-s0',
      'sam-k2-rho0.1-bs8-lr0.1-s0',
    ]);
    expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
    for (const run of runs.filter((r) => r.sam)) {
      const baseline = runs.find((r) => r.id === run.baselineId)!;
      expect([baseline.dataset.batchSize, baseline.optimizer.learningRate, baseline.seed]).toEqual([
        run.dataset.batchSize,
        run.optimizer.learningRate,
        run.seed,
      ]);
      expect(run.dataset.batchSize).toBe(Number(/bs(\d+)/.exec(run.id)![1]));
    }
  });

  test('ids are stable: the same suite gives the same runs', () => {
    const suite = { ...base, seeds: [3, 1], matrix: { interval: [2, 1], rhoPerInterval: 0.05 } };
    expect(load(suite).runs).toEqual(load(suite).runs);
  });

  test('baseline: false gives SAM runs only, without baseline ids', () => {
    const { runs } = load({ ...base, baseline: false, matrix: { interval: [1, 2] } });
    expect(runs.map((r) => [r.id, r.baselineId])).toEqual([
      ['sam-k1-rho0.05-bs8-lr0.01-s0', null],
      ['sam-k2-rho0.05-bs8-lr0.01-s0', null],
    ]);
  });

  test('file datasets get an absolute path resolved from the suite folder, and the IDX image shape', () => {
    fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
    for (const file of [...DATASET_FORMAT_FILES.idx.train, ...DATASET_FORMAT_FILES.idx.test])
      fs.writeFileSync(path.join(dir, 'data', file), '');
    const { runs } = load({ ...base, dataset: { name: 'mnist', path: 'data', batchSize: 8 } });
    expect(runs[0]!.dataset).toEqual({
      name: 'mnist',
      path: path.join(dir, 'data'),
      batchSize: 8,
      shape: [28, 28, 1],
      classes: 10,
      samples: null,
      trainSubset: null,
      labelNoise: 0,
      mixup: null,
      augment: false,
      normalize: true,
      imageSize: null,
      onBadImage: 'skip',
    });
    expect(runs[0]!.evaluation).toEqual({ everySteps: 0, testSamples: null, targetAccuracy: null });
  });

  test('countRuns equals the runs expandSuite builds', () => {
    const suites = [
      base,
      {
        ...base,
        repeats: 3,
        seeds: [0, 1],
        matrix: { interval: [1, 2, 10], rho: [0.05, 0.1], batchSize: [8, 16] },
        limits: { maxRuns: 100 },
      },
      { ...base, baseline: false, matrix: { interval: [1, 10], rhoPerInterval: 0.05, learningRate: [0.1, 0.01] } },
      // duplicates dropped: 0.05 at k=1 (fixed and 0.05 · 1), 0.1 at k=2 (fixed and 0.05 · 2), 0.1 at k=5 (fixed and 0.02 · 5)
      { ...base, seeds: [0, 1], matrix: { interval: [1, 2, 5], rho: [0.05, 0.1], rhoPerInterval: [0.05, 0.02] } },
    ];
    for (const suite of suites) {
      const { runs, suite: resolved } = load(suite);
      expect(countRuns(resolved)).toBe(runs.length);
    }
  });

  test('a matrix of millions of runs is refused from its size alone, before it is built', () => {
    const huge = {
      ...base,
      seeds: Array.from({ length: 1000 }, (_, i) => i),
      matrix: { interval: [1, 2], rho: Array.from({ length: 3000 }, (_, i) => (i + 1) / 1000) },
    };
    expect(() => load(huge)).toThrow('expands to 6001000 runs (baselines and repeats included), more than /limits/maxRuns');
  });
});

// The schedule in epochs: ceil(epochs · samples / batch) steps in all, measured rounded up to whole
// SAM cycles of every interval; label noise and the subset reach every run's spec.
describe('steps.epochs, dataset.trainSubset and dataset.labelNoise', () => {
  const cifar = fs.mkdtempSync(path.join(dir, 'cifar-'));
  for (const file of [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`).concat('test_batch.bin'))
    fs.writeFileSync(path.join(cifar, file), '');
  const noisy = {
    ...base,
    dataset: { name: 'cifar10', path: cifar, batchSize: 128, trainSubset: 5000, labelNoise: 0.4 },
    steps: { warmup: 0, epochs: 40 },
    matrix: { interval: [1, 2, 5, 10], rhoPerInterval: 0.05 },
  };

  test('40 epochs of 5,000 samples at batch 128 is 1,563 steps, rounded up to 1,570 for interval 10', () => {
    const { runs } = load(noisy);
    expect(new Set(runs.map((r) => r.steps.measured))).toEqual(new Set([1570]));
    expect(runs.every((r) => r.dataset.trainSubset === 5000 && r.dataset.labelNoise === 0.4)).toBe(true);
  });

  test('warm-up steps count towards the epochs; one batch size per run', () => {
    const { runs } = load({ ...noisy, steps: { warmup: 30, epochs: 1 }, matrix: { interval: [1], batchSize: [100, 1000] } });
    expect(runs.map((r) => [r.dataset.batchSize, r.steps.measured])).toEqual([
      [100, 20],
      [100, 20],
      [1000, 1],
      [1000, 1],
    ]);
  });

  test('a suite without them resolves to clean labels and no subset', () => {
    const { runs } = load(base);
    expect(runs[0]!.dataset).toMatchObject({ trainSubset: null, labelNoise: 0 });
  });

  test.each([
    [{ ...noisy, steps: { epochs: 40, measured: 10 } }, '/steps'],
    [{ ...noisy, dataset: { name: 'cifar10', path: cifar, batchSize: 128 } }, '/steps/epochs needs the number of training samples'],
    [{ ...noisy, dataset: { ...noisy.dataset, samples: 100 } }, '/dataset/trainSubset cannot be combined with /dataset/samples'],
    [{ ...base, dataset: { ...base.dataset, labelNoise: 0.2 } }, '/dataset/labelNoise is only for file datasets'],
    [{ ...noisy, dataset: { ...noisy.dataset, labelNoise: 1 } }, '/dataset/labelNoise'],
  ])('refused: %#', (suite, message) => {
    expect(() => load(suite)).toThrow(message);
  });
});
