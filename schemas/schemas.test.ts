// The schemas are the one source of truth: the shipped suites follow suite.schema.json, the
// specs they expand to follow run-spec.schema.json, and the code that must agree with the
// schemas (generated types, model registry, the SAM library's defaults) does. The generated types
// are current: schemas.e2e.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../harness/paths.js';
import { SAM_DEFAULTS } from '../harness/sam/options.js';
import { loadSuite } from '../harness/suite/index.js';
import { checkRunSpec, readSchema, withSchemaDefaults } from './index.js';

const suiteSchema = readSchema('suite') as { $defs: Record<string, { properties: Record<string, { enum?: string[] }> }> };
const shipped = fs.readdirSync(path.join(PROJECT_ROOT, 'suites')).filter((f) => f.endsWith('.json'));

describe('schemas', () => {
  // A suite for another machine may name a dataset folder that is not here; that alone is allowed.
  test.each(shipped)('shipped suite %s is valid, and each spec it expands to matches run-spec.schema.json', (file) => {
    const { warnings, runs } = loadSuite(path.join(PROJECT_ROOT, 'suites', file), { allowMissingData: true });
    expect(warnings.map((w) => w.pointer)).toEqual(warnings.length ? ['/dataset/path'] : []);
    expect(runs.length).toBeGreaterThan(0);
    // As --export writes them and a worker reads them: through JSON.
    for (const run of runs) expect(checkRunSpec(JSON.parse(JSON.stringify(run)), `${run.id}.spec.json`)).toEqual(run);
  });

  test('the shipped suites are all here', () => {
    expect(shipped).toEqual(expect.arrayContaining(['smoke.json', 'imagenet-r50.json', 'cifar10-resnet20.json', 'fashion-mnist.json']));
  });

  // harness/sam/ is a library with its own documented defaults; a suite's must be the same.
  test("the suite schema's SAM defaults are the SAM library's", () => {
    // The library has no variant option: without a `schedule` it runs the interval schedule.
    const { variant, ...options } = withSchemaDefaults<Record<string, unknown>>('suite', 'sam', {});
    expect(options).toEqual(SAM_DEFAULTS);
    expect(variant).toEqual({ kind: 'interval' });
  });

  // A suite that loads must expand to specs a worker takes: every limit of a suite key is its spec key's.
  test("each suite key's maximum is the maximum of the run-spec key it becomes", () => {
    type Node = { maximum?: number; items?: Node; anyOf?: Node[]; oneOf?: Node[]; properties?: Record<string, Node> };
    const maxima = (node: Node, at: string, into: Map<string, number>): Map<string, number> => {
      if (node.maximum !== undefined) into.set(at, node.maximum);
      if (node.items) maxima(node.items, `${at}/items`, into);
      for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) maxima(branch, at, into);
      for (const [key, child] of Object.entries(node.properties ?? {})) maxima(child, `${at}/${key}`, into);
      return into;
    };
    const specDefs = (readSchema('run-spec') as { $defs: Record<string, Node> }).$defs;
    const suiteDefs = suiteSchema.$defs as unknown as Record<string, Node>;
    const shared = ['model', 'dataset', 'optimizer', 'schedule', 'sam', 'steps', 'evaluation', 'torch'];
    // Suite keys that no run-spec key carries: epochs become measured steps (suite/expand.ts).
    const resolvedAway = ['steps/epochs'];
    for (const def of shared) {
      const suiteMaxima = maxima(suiteDefs[def]!, def, new Map());
      resolvedAway.forEach((key) => suiteMaxima.delete(key));
      expect(Object.fromEntries(suiteMaxima), def).toEqual(Object.fromEntries(maxima(specDefs[def]!, def, new Map())));
    }
  });

  // json-schema-to-typescript gives a definition it meets in a second shape (a $ref beside
  // other keywords) a copy of its own, `SamVariant1` beside `SamVariant`: one definition, one type.
  test.each(['suite', 'run-spec', 'events'])('%s.generated.ts declares no type twice under two names', (name) => {
    const source = fs.readFileSync(path.join(PROJECT_ROOT, 'schemas', `${name}.generated.ts`), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const namesByBody = new Map<string, string[]>();
    for (const declaration of source.split(/^export (?:type|interface) /m).slice(1)) {
      const typeName = /^\w+/.exec(declaration)![0];
      const body = declaration.slice(typeName.length).trim();
      namesByBody.set(body, [...(namesByBody.get(body) ?? []), typeName]);
    }
    expect(namesByBody.size).toBeGreaterThan(5);
    expect([...namesByBody.values()].filter((names) => names.length > 1)).toEqual([]);
  });
});
