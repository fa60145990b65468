// The schema is the one source of truth: the shipped suites follow it, and the code that must
// agree with it (generated types, model registry, SAM defaults) does.
import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import { PROJECT_ROOT, readSchema } from '../paths.js';
import { SAM_DEFAULTS } from '../sam/options.js';
import { MODEL_BUILDERS } from '../worker/models/index.js';
import { loadSuite } from './index.js';

const schema = readSchema('suite.schema.json') as { $defs: Record<string, { properties: Record<string, { enum?: string[]; default?: unknown }> }> };

describe('suite schema', () => {
  // A suite for another machine may name a dataset folder that is not here; that alone is allowed.
  test('every shipped suite in suites/ is valid', () => {
    const suites = fs.readdirSync(path.join(PROJECT_ROOT, 'suites')).filter((f) => f.endsWith('.json'));
    expect(suites).toEqual(expect.arrayContaining(['smoke.json', 'imagenet-r50.json', 'cifar10-resnet20.json', 'fashion-mnist.json']));
    for (const file of suites) {
      const { warnings, runs } = loadSuite(path.join(PROJECT_ROOT, 'suites', file), { allowMissingData: true });
      expect(warnings.map((w) => w.pointer), file).toEqual(warnings.length ? ['/dataset/path'] : []);
      expect(runs.length, file).toBeGreaterThan(0);
    }
  });

  test('the model names are exactly the model registry', () => {
    expect([...schema.$defs.model!.properties.name!.enum!].sort()).toEqual(Object.keys(MODEL_BUILDERS).sort());
  });

  test('the SAM defaults are the optimizer library defaults', () => {
    const defaults = Object.fromEntries(Object.entries(schema.$defs.sam!.properties).map(([key, value]) => [key, value.default]));
    expect(defaults).toEqual(SAM_DEFAULTS);
  });

  test('the generated TypeScript types are up to date with the schemas', async () => {
    const result = await execa('node', ['scripts/generate-types.mjs', '--check'], { cwd: PROJECT_ROOT, reject: false });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });
});
