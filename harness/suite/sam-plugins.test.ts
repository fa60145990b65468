// A user's own SAM variant in a suite: `module` (TF.js) and `python` (PyTorch) resolve, when the
// suite is expanded, to the absolute path of their file and its SHA-256, a name (the suite's, or
// the file's stem / the function's name), ids `sam-<name>-<key><value>…-rho…` at interval-1
// points, and the checks name the pointer of a missing file or a framework that cannot run it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkRunSpec } from '../../schemas/index.js';
import { samSetting } from '../measure/configurations.js';
import { countRuns } from './expand.js';
import { loadSuite } from './index.js';
import { idSafeName } from './sam-plugins.js';
import { suiteFileProblems, writeSuiteFile } from './fixtures/suite-files.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-sam-plugins-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const MODULE = 'export function build(tf, variant, context) { return { name: "warm", isSamStep: (step) => step % 2 === 0 }; }\n';
const PYTHON = 'def build(variant, context):\n    raise NotImplementedError\n';
fs.writeFileSync(path.join(dir, 'my-variant.mjs'), MODULE);
fs.writeFileSync(path.join(dir, 'my_variants.py'), PYTHON);
const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

const write = (suite: object): string => writeSuiteFile(dir, suite);
const problemsOf = (suite: object) => suiteFileProblems(write(suite));

const base = { name: 't', model: { name: 'mlp' }, dataset: { name: 'synthetic', shape: [4], batchSize: 8 }, steps: { measured: 20 } };
const torch = { ...base, framework: 'torch' };

describe('user variants expand to run specs', () => {
  test('module: the absolute path, the file’s SHA-256, its stem as name, scalar args in the id sorted by key', () => {
    const args = { steps: 5, mode: 'lin', table: [1, 2], on: true };
    const { runs } = loadSuite(write({ ...base, sam: { variant: { kind: 'module', path: 'my-variant.mjs', args } } }));
    expect(runs.map((r) => r.id)).toEqual(['base-bs8-lr0.01-s0', 'sam-my-variant-modelin-ontrue-steps5-rho0.05-bs8-lr0.01-s0']);
    const sam = runs[1]!.sam!;
    expect(sam.variant).toEqual({
      kind: 'module',
      name: 'my-variant',
      path: path.join(dir, 'my-variant.mjs'),
      sha256: sha256(MODULE),
      args,
    });
    expect(sam.interval).toBe(1);
    expect(samSetting(sam)).toBe('my-variant mode=lin on=true steps=5 rho=0.05');
    for (const run of runs) expect(checkRunSpec(JSON.parse(JSON.stringify(run)), `${run.id}.spec.json`)).toEqual(run);
  });

  test('python: the module file found from the suite’s folder, its function, the suite’s name for it', () => {
    const variant = { kind: 'python', factory: 'my_variants:build', name: 'warm', args: { p: 0.5 } };
    const { runs } = loadSuite(write({ ...torch, sam: { variant } }));
    expect(runs.map((r) => r.id)).toEqual(['base-bs8-lr0.01-s0', 'sam-warm-p0.5-rho0.05-bs8-lr0.01-s0']);
    expect(runs[1]!.sam!.variant).toEqual({
      kind: 'python',
      name: 'warm',
      path: path.join(dir, 'my_variants.py'),
      function: 'build',
      sha256: sha256(PYTHON),
      args: { p: 0.5 },
    });
    expect(samSetting(runs[1]!.sam!)).toBe('warm p=0.5 rho=0.05');
    for (const run of runs) expect(checkRunSpec(JSON.parse(JSON.stringify(run)), `${run.id}.spec.json`)).toEqual(run);
  });

  test('python without a name is called by its module (my_variants.py: my_variants); no args: {} and no id settings', () => {
    const { runs } = loadSuite(write({ ...torch, sam: { variant: { kind: 'python', factory: 'my_variants:build' } } }));
    expect(runs[1]!.id).toBe('sam-my_variants-rho0.05-bs8-lr0.01-s0');
    expect(runs[1]!.sam!.variant).toMatchObject({ name: 'my_variants', args: {} });
  });

  test('matrix.variant: a user variant runs at the interval-1 points, like random; the others at every interval', () => {
    const suite = {
      ...base,
      steps: { measured: 20 },
      matrix: { interval: [1, 2], rho: [0.05], variant: [{ kind: 'interval' }, { kind: 'module', path: 'my-variant.mjs', name: 'w' }] },
    };
    const loaded = loadSuite(write(suite));
    expect(loaded.runs.map((r) => r.id)).toEqual([
      'base-bs8-lr0.01-s0',
      'sam-k1-rho0.05-bs8-lr0.01-s0',
      'sam-k2-rho0.05-bs8-lr0.01-s0',
      'sam-w-rho0.05-bs8-lr0.01-s0',
    ]);
    expect(countRuns(loaded.suite)).toBe(loaded.runs.length);
  });

  test('a default name is made id-safe', () => {
    expect(idSafeName('my variant (v2)')).toBe('my_variant__v2_');
    expect(idSafeName('.hidden')).toBe('_hidden');
  });
});

describe('user variant problems name their pointer', () => {
  test('a missing module file', () => {
    const problems = problemsOf({ ...base, sam: { variant: { kind: 'module', path: 'nowhere.mjs' } } });
    expect(problems.map((p) => p.pointer)).toEqual(['/sam/variant/path']);
    expect(problems[0]!.message).toContain(path.join(dir, 'nowhere.mjs'));
  });

  test('a missing Python module, in matrix.variant', () => {
    const problems = problemsOf({
      ...torch,
      matrix: { variant: [{ kind: 'interval' }, { kind: 'python', factory: 'nowhere:build' }] },
    });
    expect(problems.map((p) => p.pointer)).toEqual(['/matrix/variant/1/factory']);
    expect(problems[0]!.message).toContain('module "nowhere" is not in');
  });

  test('a factory without ":"', () => {
    const problems = problemsOf({ ...torch, sam: { variant: { kind: 'python', factory: 'my_variants' } } });
    expect(problems.map((p) => p.pointer)).toEqual(['/sam/variant/factory']);
    expect(problems[0]!.message).toContain('is not `module:function`');
  });

  test('module under framework torch, python under tfjs', () => {
    const modules = problemsOf({ ...torch, sam: { variant: { kind: 'module', path: 'my-variant.mjs' } } });
    expect(modules.map(({ pointer, message }) => ({ pointer, message }))).toEqual([
      {
        pointer: '/sam/variant/kind',
        message: '"module" is a user variant for framework "tfjs"; this suite\'s framework is "torch", whose user variants are "python"',
      },
    ]);
    const pythons = problemsOf({ ...base, matrix: { variant: [{ kind: 'python', factory: 'my_variants:build' }] } });
    expect(pythons.map((p) => p.pointer)).toEqual(['/matrix/variant/0/kind']);
  });

  test('two user variants that would write the same ids', () => {
    const problems = problemsOf({
      ...base,
      matrix: {
        variant: [
          { kind: 'module', path: 'my-variant.mjs', args: { table: [1] } },
          { kind: 'module', path: 'my-variant.mjs', args: { table: [2] } },
        ],
      },
    });
    expect(problems.map((p) => p.pointer)).toEqual(['/matrix/variant/1']);
    expect(problems[0]!.message).toContain('would write the same run ids as /matrix/variant/0');
  });
});
