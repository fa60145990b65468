// A user's TF.js model (run spec `model.source` `tfjs-layers` or `tfjs-module`): its files read
// through read-file.ts and checked against the spec's digest, then loaded in memory (no file://,
// so every backend takes it) or built by the user's module. Gives an uncompiled model, as the
// built-ins are: train.ts applies the run's optimizer and loss, never the model's own.
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { layersWeightFiles, modelDigest, ModelFileProblem, sha256Hex, type ModelFile, type UserModel } from '../../../schemas/index.js';
import { READ_LIMITS, readRegularFile, UnreadableFileError } from '../../read-file.js';

/** What a user's model is built from: the spec's model, the dataset's sample shape and classes, the run's seed. */
export interface UserModelOptions {
  model: UserModel;
  inputShape: number[];
  classes: number;
  seed: number;
}

/** A user's model, built, with the files it was read from. */
export interface BuiltUserModel {
  model: tfl.LayersModel;
  files: ModelFile[];
}

/** The first line of what an error says: a user's stack trace stays in the log, not in a suite problem. */
export const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error))
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim() ?? 'no message';

function readModelFile(file: string, what: string): Buffer {
  try {
    return readRegularFile(file, { what, maxBytes: READ_LIMITS.model });
  } catch (error) {
    if (error instanceof UnreadableFileError) throw new ModelFileProblem('/model/path', error.message);
    throw error;
  }
}

// The spec's digest was taken when the suite loaded: a file edited since would train a model no result names.
function checkDigest(model: UserModel, files: ModelFile[]): void {
  const now = modelDigest(files);
  if (now === model.sha256) return;
  throw new ModelFileProblem(
    '/model/path',
    `${model.path} changed since the suite was loaded (its files' SHA-256 is ${now}, the run spec says ${String(model.sha256)}): ` +
      `${files.map((f) => f.path).join(', ')}; run the bench again so its specs carry the current files`,
  );
}

// One ArrayBuffer of the shards in the manifest's order, as TF.js' own loaders concatenate them.
function concatenated(buffers: Buffer[]): ArrayBuffer {
  const out = new Uint8Array(buffers.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of buffers) {
    out.set(b, at);
    at += b.length;
  }
  return out.buffer;
}

interface LayersJson {
  modelTopology?: object;
  weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
}

async function loadLayersModel(model: UserModel): Promise<BuiltUserModel> {
  const file = model.path!;
  const text = readModelFile(file, "a TF.js Layers model.json (model.save('file://…') writes one)");
  const shardFiles = layersWeightFiles(file, text.toString('utf8'));
  const shards = shardFiles.map((w) => readModelFile(w, 'a weight file of a TF.js Layers model'));
  const files = [{ path: file, sha256: sha256Hex(text) }, ...shardFiles.map((w, i) => ({ path: w, sha256: sha256Hex(shards[i]!) }))];
  checkDigest(model, files);
  const json = JSON.parse(text.toString('utf8')) as LayersJson;
  if (json.modelTopology === undefined) {
    throw new ModelFileProblem(
      '/model/path',
      `${file} has no modelTopology; expected a Layers model.json (a graph model from tf.saved_model is not one)`,
    );
  }
  // Without its trainingConfig: a model saved after compile() keeps neither its optimizer nor its loss here.
  const handler = tf.io.fromMemory({
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    weightData: concatenated(shards),
    ...(json.format ? { format: json.format } : {}),
    ...(json.generatedBy ? { generatedBy: json.generatedBy } : {}),
  });
  try {
    return { model: await tfl.loadLayersModel(handler), files };
  } catch (error) {
    throw new ModelFileProblem('/model/path', `${file}: TF.js cannot load it as a Layers model (${firstLine(error)})`);
  }
}

// The factory gets the TF.js the worker runs (the union package: layers, ops, the active backend).
async function buildFromModule({ model, inputShape, classes, seed }: UserModelOptions): Promise<BuiltUserModel> {
  const file = model.path!;
  const files = [{ path: file, sha256: sha256Hex(readModelFile(file, 'an ES module that exports the model factory')) }];
  checkDigest(model, files);
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new ModelFileProblem('/model/path', `${file} does not load as an ES module (${firstLine(error)})`);
  }
  const name = model.export ?? 'createModel';
  const exports = Object.keys(namespace);
  if (!exports.includes(name)) {
    const has = exports.length === 0 ? 'it exports nothing' : `it exports ${exports.map((e) => `"${e}"`).join(', ')}`;
    throw new ModelFileProblem('/model/export', `${file} has no export "${name}"; ${has}`);
  }
  const factory = namespace[name];
  if (typeof factory !== 'function') {
    throw new ModelFileProblem(
      '/model/export',
      `export "${name}" of ${file} is ${typeof factory}, not a function (tf, options) → tf.LayersModel`,
    );
  }
  const tfjs = await import('@tensorflow/tfjs');
  let built: unknown;
  try {
    built = await (factory as (...args: unknown[]) => unknown)(tfjs, { inputShape: [...inputShape], classes, seed, args: model.args });
  } catch (error) {
    throw new ModelFileProblem('/model/export', `${name}() of ${file} threw: ${firstLine(error)}`);
  }
  return { model: asLayersModel(built, `${name}() of ${file}`), files };
}

// A model from another copy of TF.js looks like one but runs on that copy's engine: refused, saying why.
function asLayersModel(value: unknown, who: string): tfl.LayersModel {
  if (value instanceof tfl.LayersModel) return value;
  const looksLike = typeof value === 'object' && value !== null && 'trainableWeights' in value && 'countParams' in value;
  const what = looksLike
    ? 'a LayersModel from another copy of TF.js; build it with the `tf` passed as its first argument'
    : `${value === null ? 'null' : typeof value === 'object' ? `an object of class ${value.constructor?.name ?? 'none'}` : typeof value}`;
  throw new ModelFileProblem('/model/export', `${who} returned ${what}; expected a tf.LayersModel (tf.sequential() or tf.model())`);
}

/** Builds a user's TF.js model; @throws ModelFileProblem (a user's mistake, at its suite key) for anything the user can fix. */
export async function buildUserModel(opts: UserModelOptions): Promise<BuiltUserModel> {
  switch (opts.model.source) {
    case 'tfjs-layers':
      return loadLayersModel(opts.model);
    case 'tfjs-module':
      return buildFromModule(opts);
    default:
      throw new ModelFileProblem(
        '/model/source',
        `model source "${opts.model.source}" runs in the PyTorch worker (framework "torch"), not in TF.js`,
      );
  }
}
