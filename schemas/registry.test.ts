// The registries are the one list of models, model sources and datasets: the schemas carry their
// enums, and each framework's builders are exactly the built-in models it lists.
import { describe, expect, it } from 'vitest';
import { MODEL_BUILDERS } from '../harness/worker/models/index.js';
import { SPLIT_READERS } from '../harness/worker/data/index.js';
import { BUILTIN_MODELS, DATASETS, MODEL_SOURCES, membersFor } from './registry.js';
import { readSchema } from './load.js';

type Node = Record<string, unknown>;
const at = (node: unknown, ...keys: (string | number)[]): Node => keys.reduce((n: Node, k) => n[k] as Node, node as Node);

describe('the registries', () => {
  it('the TF.js builders are the built-in models the registry gives TF.js', () => {
    expect(Object.keys(MODEL_BUILDERS).sort()).toEqual(membersFor(BUILTIN_MODELS, 'tfjs').sort());
  });

  it('the TF.js split readers are the formats of the datasets the registry gives TF.js', () => {
    const formats = new Set(membersFor(DATASETS, 'tfjs').flatMap((name) => DATASETS[name].format ?? []));
    expect(Object.keys(SPLIT_READERS).sort()).toEqual([...formats].sort());
  });

  it('the suite and run-spec schemas list the registry members, in its order', () => {
    const suite = readSchema('suite');
    const runSpec = readSchema('run-spec');
    const builtinBranch = (at(suite, '$defs', 'model', 'allOf') as unknown as Node[]).find(
      (branch) => at(branch, 'if', 'properties', 'source').const === 'builtin',
    );
    expect(at(builtinBranch, 'then', 'properties', 'name').enum).toEqual(Object.keys(BUILTIN_MODELS));
    expect(at(suite, '$defs', 'model', 'properties', 'source').enum).toEqual(Object.keys(MODEL_SOURCES));
    expect(at(suite, '$defs', 'dataset', 'properties', 'name').enum).toEqual(Object.keys(DATASETS));
    expect(at(runSpec, '$defs', 'model', 'oneOf', 0, 'properties', 'name').enum).toEqual(Object.keys(BUILTIN_MODELS));
    expect(at(runSpec, '$defs', 'dataset', 'properties', 'name').enum).toEqual(Object.keys(DATASETS));
  });

  it('every model source takes a framework, and each of its keys is a key of the suite schema', () => {
    const keys = Object.keys(at(readSchema('suite'), '$defs', 'model', 'properties'));
    for (const [name, entry] of Object.entries(MODEL_SOURCES)) {
      expect(entry.frameworks.length, name).toBeGreaterThan(0);
      for (const key of entry.keys) expect(keys, `${name}.${key}`).toContain(key);
    }
  });
});
