// A user's TF.js model in the worker: a Layers model.json loaded from memory (its trainingConfig
// ignored, its digest re-checked), a module's factory called with the worker's tf, and each way
// either can be wrong, as a ModelFileProblem at the suite key to fix.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { layersWeightFiles, modelDigest, ModelFileProblem, sha256Hex, type UserModel } from '../../../schemas/index.js';
import { FACTORY_MODULE, saveLayersModel, smallNet } from '../../fixtures/user-models.js';
import { loadBackend } from '../backend.js';
import type { RunSpec } from '../../../schemas/index.js';
import { buildRunModel } from './run-model.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-user-model-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  await loadBackend('tensorflow');
});

// The spec's model as the suite loader resolves it: absolute path, one digest over the files.
function userModel(source: 'tfjs-layers' | 'tfjs-module', file: string, extra: Partial<UserModel> = {}): UserModel {
  const text = fs.readFileSync(file);
  const files = [file, ...(source === 'tfjs-layers' ? layersWeightFiles(file, text.toString('utf8')) : [])];
  const sha256 = modelDigest(files.map((f) => ({ path: f, sha256: sha256Hex(fs.readFileSync(f)) })));
  return {
    source,
    name: path.basename(file),
    path: file,
    export: source === 'tfjs-module' ? 'createModel' : null,
    factory: null,
    args: {},
    sha256,
    ...extra,
  };
}

const spec = (model: UserModel, shape: RunSpec['dataset']['shape'] = [8, 8, 1], classes = 3) =>
  ({ id: 'r', seed: 0, model, dataset: { shape, classes } }) as unknown as RunSpec;

async function problemOf(run: RunSpec): Promise<ModelFileProblem> {
  const error: unknown = await buildRunModel(run).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelFileProblem);
  return error as ModelFileProblem;
}

function writeModule(name: string, source: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, source);
  return file;
}

describe('tfjs-layers', () => {
  test("loads model.save's files from memory with their weights, without the saved optimizer, and records the files' hashes", async () => {
    const saved = smallNet();
    const file = await saveLayersModel(saved, path.join(dir, 'ok'));
    const { model, record } = await buildRunModel(spec(userModel('tfjs-layers', file)));
    expect(model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(saved.getWeights().map((w) => Array.from(w.dataSync())));
    // Its trainingConfig (adam, categoricalCrossentropy) is not applied: train.ts brings the run's own.
    expect(model.optimizer).toBeUndefined();
    expect(record).toEqual({
      source: 'tfjs-layers',
      name: 'model.json',
      files: [
        { path: file, sha256: sha256Hex(fs.readFileSync(file)) },
        { path: path.join(dir, 'ok', 'weights.bin'), sha256: sha256Hex(fs.readFileSync(path.join(dir, 'ok', 'weights.bin'))) },
      ],
    });
  });

  test('a weight file edited after the suite loaded is refused at /model/path, naming the files', async () => {
    const file = await saveLayersModel(smallNet(), path.join(dir, 'edited'));
    const model = userModel('tfjs-layers', file);
    fs.appendFileSync(path.join(dir, 'edited', 'weights.bin'), Buffer.from([0, 0, 0, 0]));
    const problem = await problemOf(spec(model));
    expect(problem.pointer).toBe('/model/path');
    expect(problem.message).toMatch(/changed since the suite was loaded/);
    expect(problem.message).toContain(path.join(dir, 'edited', 'weights.bin'));
  });

  test('a missing model.json is refused at /model/path', async () => {
    const file = await saveLayersModel(smallNet(), path.join(dir, 'gone'));
    const model = userModel('tfjs-layers', file);
    fs.rmSync(file);
    const problem = await problemOf(spec(model));
    expect(problem).toMatchObject({ pointer: '/model/path' });
    expect(problem.message).toBe(`${file}: no such file; expected a TF.js Layers model.json (model.save('file://…') writes one)`);
  });

  test('a model.json whose weight file leaves its folder is refused, naming that file', () => {
    const file = path.join(dir, 'escape', 'model.json');
    const text = JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ['../secret.bin'], weights: [] }] });
    expect(() => layersWeightFiles(file, text)).toThrow(`${file} names weight file "../secret.bin", which is not a file beside it`);
    expect(() => layersWeightFiles(file, text.replace('../secret.bin', '/etc/passwd'))).toThrow(/names weight file "\/etc\/passwd"/);
  });

  test.each([
    { what: 'output size ≠ class count', net: () => smallNet(5), message: /output shape is \[5\].*expected \[3\], one logit per class/ },
    {
      what: 'input shape ≠ dataset shape',
      net: () => smallNet(3, { inputShape: [10, 10, 1] }),
      message: /input shape is \[10, 10, 1\].*samples are \[8, 8, 1\]/,
    },
    { what: 'a softmax output', net: () => smallNet(3, { softmax: true }), message: /applies a softmax; sambench's loss takes logits/ },
  ])('$what is refused at /model/path', async ({ what, net, message }) => {
    const file = await saveLayersModel(net(), path.join(dir, what.replace(/\W+/g, '-')));
    const problem = await problemOf(spec(userModel('tfjs-layers', file)));
    expect(problem.pointer).toBe('/model/path');
    expect(problem.message).toMatch(message);
  });
});

describe('tfjs-module', () => {
  test("calls the export with the worker's tf and (inputShape, classes, seed, args); equal seeds give equal weights", async () => {
    const file = writeModule('net.mjs', FACTORY_MODULE);
    const run = spec(userModel('tfjs-module', file, { args: { hidden: 5 } }), [8, 8, 1], 4);
    const [a, b] = [await buildRunModel(run), await buildRunModel(run)];
    expect(a.model.countParams()).toBe(64 * 5 + 5 + 5 * 4 + 4);
    expect(a.model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(b.model.getWeights().map((w) => Array.from(w.dataSync())));
    expect(a.record).toEqual({ source: 'tfjs-module', name: 'net.mjs', files: [{ path: file, sha256: sha256Hex(fs.readFileSync(file)) }] });
  });

  test('a module without the export is refused at /model/export, listing the exports it has', async () => {
    const file = writeModule('no-export.mjs', FACTORY_MODULE);
    const problem = await problemOf(spec(userModel('tfjs-module', file, { export: 'build' })));
    expect(problem).toMatchObject({
      pointer: '/model/export',
      message: `${file} has no export "build"; it exports "createModel", "version"`,
    });
  });

  test('a factory that throws is refused at /model/export with its first error line', async () => {
    const file = writeModule('throws.mjs', `export function createModel() { throw new Error('no GPU here\\n  at line 2'); }\n`);
    const problem = await problemOf(spec(userModel('tfjs-module', file)));
    expect(problem).toMatchObject({ pointer: '/model/export', message: `createModel() of ${file} threw: no GPU here` });
  });

  test.each([
    { returns: '42', what: 'returned number' },
    { returns: '{ layers: [] }', what: 'returned an object of class Object' },
  ])('a factory that returns $returns is refused, saying what it returned', async ({ returns, what }) => {
    const file = writeModule(`returns-${returns.length}.mjs`, `export const createModel = () => (${returns});\n`);
    const problem = await problemOf(spec(userModel('tfjs-module', file)));
    expect(problem.pointer).toBe('/model/export');
    expect(problem.message).toBe(`createModel() of ${file} ${what}; expected a tf.LayersModel (tf.sequential() or tf.model())`);
  });

  test('a module that does not load is refused at /model/path with its first error line', async () => {
    const file = writeModule('syntax.mjs', 'export function createModel( {\n');
    const problem = await problemOf(spec(userModel('tfjs-module', file)));
    expect(problem.pointer).toBe('/model/path');
    expect(problem.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} does not load as an ES module \\(`));
  });

  test('a model whose output size is not the class count is refused at /model/export', async () => {
    // This factory ignores the classes it is given.
    const file = writeModule('five.mjs', FACTORY_MODULE.replace('units: classes', 'units: 5'));
    const problem = await problemOf(spec(userModel('tfjs-module', file), [8, 8, 1], 3));
    expect(problem.pointer).toBe('/model/export');
    expect(problem.message).toMatch(/output shape is \[5\].*expected \[3\], one logit per class/);
  });
});
