// A suite's model as a run spec carries it: a built-in one with its options filled in, or the
// user's own (`model.source`) with the absolute path of its files and one SHA-256 over them, so
// that `--resume` and compare see an edited model as a different configuration. Also the checks
// of a user's model that need its files: each must be there, a regular file, before any run.
import path from 'node:path';
import {
  MODEL_SOURCES,
  layersWeightFiles,
  modelDigest,
  ModelFileProblem,
  sha256Hex as sha256,
  type ModelFile,
  shown,
  withSchemaDefaults,
  type Model,
  type ModelSource,
  type ResolvedModel,
  type Suite,
} from '../../schemas/index.js';
import { READ_LIMITS, readRegularFile, UnreadableFileError } from '../read-file.js';
import type { SuiteProblem } from './problems.js';

export { ModelFileProblem, type ModelFile } from '../../schemas/index.js';

/** A suite's model, resolved, with the files it is read from (none for built-ins, timm and torchvision). */
export interface ResolvedModelFiles {
  model: ResolvedModel;
  files: ModelFile[];
}

// A spec has no optional field: a built-in model that is not `mlp` still carries mlp's default `hidden`.
const MLP_HIDDEN = withSchemaDefaults<Model>('suite', 'model', { name: 'mlp' }).hidden!;

function readModelFile(file: string, what: string, pointer: string): Buffer {
  try {
    return readRegularFile(file, { what, maxBytes: READ_LIMITS.model });
  } catch (error) {
    if (error instanceof UnreadableFileError) throw new ModelFileProblem(pointer, `${file}: ${error.reason}`);
    throw error;
  }
}

// `a.b:build` is a/b.py, or the package a/b/__init__.py, in the folder the module is imported from;
// the one found is read once, for its hash. A user's SAM variant's factory is found the same way (sam-plugins.ts).
/** The module file of a Python `module:function` factory imported from `root`, hashed. @throws ModelFileProblem at `pointer` when it is not there */
export function pythonModuleFile(root: string, factory: string, pointer = '/model/factory'): ModelFile {
  const parts = factory.split(':')[0]!.split('.');
  const candidates = [`${path.join(root, ...parts)}.py`, path.join(root, ...parts, '__init__.py')];
  for (const file of candidates) {
    try {
      return { path: file, sha256: sha256(readRegularFile(file, { what: 'a Python module', maxBytes: READ_LIMITS.model })) };
    } catch (error) {
      if (!(error instanceof UnreadableFileError && error.problem === 'missing')) throw error;
    }
  }
  throw new ModelFileProblem(
    pointer,
    `module ${shown(factory.split(':')[0])} is not in ${root} (looked for ${candidates.map((c) => path.relative(root, c)).join(' and ')}); the module is imported from the suite file's folder`,
  );
}

/** `file`, read as `what`, with its SHA-256. @throws ModelFileProblem at `pointer` when it is missing or not a regular file */
export function hashed(file: string, what: string, pointer: string): ModelFile {
  return { path: file, sha256: sha256(readModelFile(file, what, pointer)) };
}

/**
 * The run spec's model for `suite` (defaults filled in), with its files read and hashed.
 * @throws ModelFileProblem when a user's model file is missing, not a regular file, or not what its source reads
 */
export function resolveModel(suite: Suite, suiteDir: string): ResolvedModelFiles {
  // The checks and the expansion both ask; a model's files are read and hashed once per suite
  // (again only if the suite's model or folder is not the one they were read for).
  const key = `${suiteDir}\0${JSON.stringify(suite.model)}`;
  const cached = resolvedModels.get(suite);
  if (cached?.key === key) return cached.resolved;
  const resolved = resolveOnce(suite.model, suiteDir);
  resolvedModels.set(suite, { key, resolved });
  return resolved;
}

const resolvedModels = new WeakMap<Suite, { key: string; resolved: ResolvedModelFiles }>();

function resolveOnce(model: Model, suiteDir: string): ResolvedModelFiles {
  const source = model.source ?? 'builtin';
  if (source === 'builtin') {
    const name = model.name as Extract<ResolvedModel, { source: 'builtin' }>['name'];
    return { model: { source, name, hidden: model.hidden ?? MLP_HIDDEN, batchNorm: model.batchNorm ?? false }, files: [] };
  }
  const args = (model.args ?? {}) as Record<string, unknown>;
  const user = { source, name: '', path: null, export: null, factory: null, args, sha256: null };
  let files: ModelFile[] = [];
  switch (source) {
    case 'tfjs-layers': {
      const file = path.resolve(suiteDir, model.path!);
      const text = readModelFile(file, "a TF.js Layers model.json (model.save('file://…') writes one)", '/model/path');
      files = [
        { path: file, sha256: sha256(text) },
        ...layersWeightFiles(file, text.toString('utf8')).map((w) => hashed(w, 'a weight file', '/model/path')),
      ];
      return { model: { ...user, name: model.path!, path: file, sha256: modelDigest(files) }, files };
    }
    case 'tfjs-module': {
      const file = path.resolve(suiteDir, model.path!);
      files = [hashed(file, 'an ES module that exports the model factory', '/model/path')];
      return {
        model: { ...user, name: `${model.path!}#${model.export!}`, path: file, export: model.export!, sha256: modelDigest(files) },
        files,
      };
    }
    case 'python': {
      files = [pythonModuleFile(suiteDir, model.factory!)];
      return { model: { ...user, name: model.factory!, path: suiteDir, factory: model.factory!, sha256: modelDigest(files) }, files };
    }
    default:
      return { model: { ...user, name: model.name! }, files };
  }
}

/** Problems of `suite.model` that span keys: keys its source does not take, a source its framework does not run. */
export function modelKeyProblems(suite: Suite): SuiteProblem[] {
  const model = suite.model as Record<string, unknown>;
  const source = (model.source ?? 'builtin') as ModelSource;
  const entry = MODEL_SOURCES[source];
  const problems: SuiteProblem[] = [];
  const framework = suite.framework ?? 'tfjs';
  if (!entry.frameworks.includes(framework)) {
    const fits = Object.entries(MODEL_SOURCES)
      .filter(([, e]) => e.frameworks.includes(framework))
      .map(([name]) => name);
    const runs = entry.frameworks.map((f) => `"${f}"`).join(' or ');
    problems.push({
      pointer: '/model/source',
      message: `"${source}" is a model source for framework ${runs}; this suite's framework is "${framework}", which takes ${fits.join(', ')}`,
    });
  }
  for (const key of Object.keys(model)) {
    if (key === 'source' || entry.keys.includes(key)) continue;
    problems.push({ pointer: `/model/${key}`, message: `is not a key of model source "${source}" (it takes ${entry.keys.join(', ')})` });
  }
  return problems;
}
