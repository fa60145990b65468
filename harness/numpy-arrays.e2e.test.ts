// The `arrays` dataset on files numpy itself writes (np.save, np.savez, np.savez_compressed, in
// .venv's Python): the header reader, the suite's refusals (exit 2, naming the suite file and
// /dataset/path), the TF.js loader, and the same first batch from both frameworks' loaders.
// An e2e file: writing the arrays starts a Python process. Skipped without .venv's numpy.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeFifo } from './fixtures/os-fixtures.js';
import { readArray, readArrayHeader } from './numpy-arrays.js';
import { npyNumbers } from './npy.js';
import { PROJECT_ROOT } from './paths.js';
import { loadSuite, SuiteError } from './suite/index.js';
import { assembleBatch, loadArraysSplit } from './worker/data/index.js';
import { loadTrainingData } from './worker/data/index.js';

const PYTHON = path.join(PROJECT_ROOT, '.venv', 'bin', 'python');
const hasNumpy = fs.existsSync(PYTHON);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-arrays-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Every file the tests read, written by numpy in one process.
const WRITE = String.raw`
import os, sys, numpy as np
d = sys.argv[1]
rng = np.random.default_rng(0)
x = rng.integers(0, 256, size=(64, 8, 8, 1), dtype=np.uint8)
y = (np.arange(64) % 10).astype(np.int64)
xt, yt = x[:16].copy(), (np.arange(16) % 10).astype(np.uint8)
np.savez(f"{d}/stored.npz", x_train=x, y_train=y, x_test=xt, y_test=yt)
np.savez_compressed(f"{d}/deflated.npz", x_train=x, y_train=y, x_test=xt, y_test=yt)
def folder(name, **arrays):
    os.makedirs(f"{d}/{name}")
    for key, value in arrays.items():
        np.save(f"{d}/{name}/{key}.npy", value, allow_pickle=True)
folder("npy", x_train=x, y_train=y.astype(np.int32), x_test=xt, y_test=yt)
f = rng.normal(3, 2, size=(40, 12)).astype(np.float32)
folder("float-flat", x_train=f, y_train=(np.arange(40) % 4).astype(np.uint16), x_test=f[:8], y_test=np.arange(8) % 4)
folder("grey", x_train=x[..., 0], y_train=y, x_test=xt[..., 0], y_test=yt)
folder("count", x_train=x, y_train=y[:60])
folder("float64", x_train=x.astype(np.float64), y_train=y)
folder("big-endian", x_train=x.astype(">f4"), y_train=y)
folder("fortran", x_train=np.asfortranarray(x), y_train=y)
folder("objects", x_train=np.array([None, {"a": 1}], dtype=object), y_train=y[:2])
folder("float-labels", x_train=x, y_train=y.astype(np.float32))
folder("test-shape", x_train=x, y_train=y, x_test=np.zeros((4, 6, 6, 1), np.uint8), y_test=y[:4])
folder("test-label", x_train=x, y_train=y, x_test=xt, y_test=np.full(16, 10, np.int64))
folder("one-class", x_train=x, y_train=np.zeros(64, np.int64))
np.savez(f"{d}/no-labels.npz", x_train=x, labels=y)
`;

beforeAll(async () => {
  if (hasNumpy) await execa(PYTHON, ['-c', WRITE, dir]);
});

function suiteFile(name: string, dataset: object, extra: object = {}): string {
  const file = path.join(dir, `${name}.json`);
  const suite = {
    name,
    model: { name: 'mlp', hidden: [8] },
    dataset: { name: 'arrays', batchSize: 8, ...dataset },
    steps: { warmup: 1, measured: 4 },
    ...extra,
  };
  fs.writeFileSync(file, JSON.stringify(suite));
  return file;
}

function refusal(file: string): string {
  try {
    loadSuite(file);
  } catch (error) {
    expect(error).toBeInstanceOf(SuiteError);
    expect((error as SuiteError).exitCode).toBe(2);
    return (error as SuiteError).message;
  }
  throw new Error(`${file} loaded`);
}

describe.skipIf(!hasNumpy)('arrays written by numpy (.venv/bin/python)', () => {
  test.each(['stored.npz', 'deflated.npz', 'npy'])('%s: headers give dtype and shape; data and labels read back', (where) => {
    const at = path.join(dir, where);
    const x = readArrayHeader(at, 'x_train.npy');
    expect([x.header.dtype, x.header.shape]).toEqual(['uint8', [64, 8, 8, 1]]);
    const y = readArray(at, 'y_train.npy');
    expect(y.header.dtype).toBe(where === 'npy' ? 'int32' : 'int64');
    expect(Array.from(npyNumbers(y.header, y.data)).slice(0, 12)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    const stored = readArray(path.join(dir, 'stored.npz'), 'x_train.npy').data;
    expect(readArray(at, 'x_train.npy').data.equals(stored)).toBe(true);
  });

  test.each(['stored.npz', 'deflated.npz', 'npy'])('%s: the suite resolves shape [8, 8, 1] and 10 classes from the files', (where) => {
    const { runs } = loadSuite(suiteFile(`ok-${where}`, { path: where }, { evaluation: { everySteps: 2 } }));
    expect(runs[0]!.dataset).toMatchObject({ name: 'arrays', path: path.join(dir, where), shape: [8, 8, 1], classes: 10 });
  });

  test('[n, h, w] is one channel; flat float32 keeps [features]; dataset.classes overrides the labels', () => {
    expect(loadSuite(suiteFile('grey', { path: 'grey' })).runs[0]!.dataset.shape).toEqual([8, 8, 1]);
    const flat = loadSuite(suiteFile('flat', { path: 'float-flat', classes: 6 })).runs[0]!.dataset;
    expect([flat.shape, flat.classes]).toEqual([[12], 6]);
  });

  test.each([
    ['missing', 'nowhere.npz', /\/dataset\/path.*does not exist/],
    ['missing member', 'no-labels.npz', /\/dataset\/path.*holds no array y_train \(it holds x_train, labels\)/],
    ['counts', 'count', /\/dataset\/path.*y_train\.npy: holds 60 labels but .*x_train\.npy holds 64 samples/],
    ['dtype', 'float64', /\/dataset\/path.*dtype float64 \('<f8'\).*uint8, int8, int16, int32, int64, uint16, uint32, uint64, float32/],
    ['big-endian', 'big-endian', /\/dataset\/path.*is big-endian \('>f4'\); sambench reads little-endian arrays only/],
    ['Fortran order', 'fortran', /\/dataset\/path.*Fortran \(column-major\) order/],
    ['objects', 'objects', /\/dataset\/path.*Python objects \(dtype object\).*never unpickles/],
    ['float labels', 'float-labels', /\/dataset\/path.*float32 labels; labels are integers/],
    ['one class', 'one-class', /\/dataset\/path.*largest label is 0, which makes 1 classes/],
  ])('refused at load, exit 2, naming the suite file and /dataset/path: %s', (name, where, message) => {
    const file = suiteFile(`bad-${name.toLowerCase().replace(/ /g, '-')}`, { path: where });
    const text = refusal(file);
    expect(text).toContain(file);
    expect(text).toMatch(message);
  });

  test('with evaluation: x_test must match x_train, and y_test must be within the classes', () => {
    const evaluation = { evaluation: { everySteps: 2 } };
    expect(refusal(suiteFile('test-shape', { path: 'test-shape' }, evaluation))).toMatch(
      /\/dataset\/path.*x_test\.npy: holds uint8 samples of \[6, 6, 1\], but the training images are uint8 samples of \[8, 8, 1\]/,
    );
    expect(refusal(suiteFile('test-label', { path: 'test-label' }, evaluation))).toMatch(
      /\/dataset\/path.*y_test\.npy: label 10 at index 0 is out of range: the classes are 0 … 9/,
    );
    expect(refusal(suiteFile('labels-over', { path: 'npy', classes: 5 }))).toMatch(/y_train\.npy: label 5 at index 5 is out of range/);
  });

  test('a FIFO at the path is refused unread; so are a subset and flat samples that the arrays cannot serve', () => {
    makeFifo(path.join(dir, 'fifo.npz'));
    expect(refusal(suiteFile('fifo', { path: 'fifo.npz' }))).toMatch(/\/dataset\/path.*is a FIFO \(named pipe\); expected a \.npz file/);
    expect(refusal(suiteFile('subset', { path: 'npy', trainSubset: 65 }))).toMatch(
      /\/dataset\/trainSubset.*is 65, but the training arrays hold 64/,
    );
    expect(refusal(suiteFile('augment-flat', { path: 'float-flat', augment: true }))).toMatch(/\/dataset\/augment.*flat samples \[12\]/);
  });

  test('the TF.js loader: bytes stay bytes, float32 stays float32, labels are checked', () => {
    const bytes = loadArraysSplit(path.join(dir, 'deflated.npz'), 'train', 10, 10);
    expect([bytes.images.constructor.name, bytes.count, bytes.shape, Array.from(bytes.labels)]).toEqual([
      'Uint8Array',
      10,
      [8, 8, 1],
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    ]);
    const floats = loadArraysSplit(path.join(dir, 'float-flat'), 'train', null, 4);
    expect([floats.images.constructor.name, floats.count, floats.shape]).toEqual(['Float32Array', 40, [12]]);
    expect(() => loadArraysSplit(path.join(dir, 'npy'), 'train', null, 5)).toThrow(/y_train\.npy: label 5 at index 5 is out of range/);
  });

  // The same arrays, subset, label noise and normalisation in both workers: one first batch.
  test.each(['deflated.npz', 'float-flat'])('%s: TF.js and PyTorch serve the same first normalised batch', async (where) => {
    const flat = where === 'float-flat';
    const dataset = {
      name: 'arrays' as const,
      path: path.join(dir, where),
      batchSize: 8,
      shape: flat ? [12] : [8, 8, 1],
      classes: flat ? 4 : 10,
      samples: null,
      augment: false,
      normalize: true,
      imageSize: null,
      onBadImage: 'skip' as const,
      trainSubset: 30,
      labelNoise: 0.3,
    } as Parameters<typeof loadTrainingData>[0];
    const tfjs = await loadTrainingData(dataset, 7);
    const { xs, ys } = assembleBatch(tfjs.source, tfjs.plan(1));
    const tfjsLabels = Array.from({ length: 8 }, (_, r) => ys.subarray(r * dataset.classes, (r + 1) * dataset.classes).indexOf(1));
    const script = String.raw`
import json, sys
from harness.worker.pytorch.batches import TrainBatches
from harness.worker.pytorch.datasets import load_training_samples
samples = load_training_samples(json.loads(sys.argv[1]), 7)
xs, ys = TrainBatches(samples, 8, 7, False).arrays(1)
print(json.dumps({"xs": xs.ravel().tolist(), "ys": ys.tolist(), "flipped": samples.label_noise["flipped"]}))
`;
    const torch = await execa(PYTHON, ['-c', script, JSON.stringify(dataset)], { cwd: PROJECT_ROOT });
    const out = JSON.parse(torch.stdout) as { xs: number[]; ys: number[]; flipped: number };
    expect(out.ys).toEqual(tfjsLabels);
    expect(out.flipped).toBe(tfjs.labelNoise!.flipped);
    expect(out.xs).toHaveLength(xs.length);
    out.xs.forEach((value, i) => expect(value).toBeCloseTo(xs[i]!, 4));
  });
});
