// Which runs a suite's probe starts: the first run of each of its own SAM variants (which builds
// the model too), else the first run for a user's model, else none (a suite of built-ins starts no
// extra process); and the suite's pointer a worker's `/sam/variant/…` problem is reported at.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadSuiteObject } from '../suite/index.js';
import { probeTargets, suitePointer } from './probe-targets.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-probe-targets-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
fs.writeFileSync(path.join(dir, 'mine.mjs'), 'export function build() { return { isSamStep: (step) => step % 2 === 0 }; }\n');
fs.writeFileSync(path.join(dir, 'my_variants.py'), 'def build(variant, context):\n    return None\n');
fs.writeFileSync(path.join(dir, 'net.mjs'), 'export function build() { return null; }\n');

const base = {
  name: 't',
  model: { name: 'mlp' },
  dataset: { name: 'synthetic', shape: [4], batchSize: 8 },
  steps: { measured: 20 },
  seeds: [0, 1],
};
const load = (suite: object) => loadSuiteObject({ ...base, ...suite }, dir, path.join(dir, 'suite.json'));
// What each probe starts and reports: its run's id and the variant's pointer in the suite.
const targets = (suite: object) => probeTargets(load(suite)).map(({ spec, variant }) => [spec.id, variant?.at ?? null]);

describe('probeTargets', () => {
  test('a suite of built-ins (model and variants) is not probed', () => {
    expect(targets({})).toEqual([]);
    expect(targets({ matrix: { interval: [1, 2], variant: [{ kind: 'interval' }, { kind: 'random', p: 0.5 }] } })).toEqual([]);
  });

  test("a user's model alone: its first run, checking no variant", () => {
    expect(targets({ model: { source: 'tfjs-module', path: 'net.mjs' } })).toEqual([['base-bs8-lr0.01-s0', null]]);
  });

  test('each own variant (one file with other args is another): the first SAM run that uses it, with its pointer; built-ins beside them are not probed', () => {
    const matrix = {
      variant: [{ kind: 'interval' }, { kind: 'module', path: 'mine.mjs' }, { kind: 'module', path: 'mine.mjs', args: { n: 2 } }],
    };
    expect(targets({ matrix })).toEqual([
      ['sam-mine-rho0.05-bs8-lr0.01-s0', '/matrix/variant/1'],
      ['sam-mine-n2-rho0.05-bs8-lr0.01-s0', '/matrix/variant/2'],
    ]);
    expect(targets({ sam: { variant: { kind: 'module', path: 'mine.mjs' } } })).toEqual([
      ['sam-mine-rho0.05-bs8-lr0.01-s0', '/sam/variant'],
    ]);
    expect(targets({ framework: 'torch', sam: { variant: { kind: 'python', factory: 'my_variants:build' } } })).toEqual([
      ['sam-my_variants-rho0.05-bs8-lr0.01-s0', '/sam/variant'],
    ]);
  });

  test("with a user's model too, the variants' probes build it: no separate model probe", () => {
    const suite = { model: { source: 'tfjs-module', path: 'net.mjs' }, sam: { variant: { kind: 'module', path: 'mine.mjs' } } };
    expect(targets(suite)).toEqual([['sam-mine-rho0.05-bs8-lr0.01-s0', '/sam/variant']]);
  });
});

describe('suitePointer', () => {
  const module = { at: '/matrix/variant/1', kind: 'module' } as const;
  const python = { at: '/sam/variant', kind: 'python' } as const;

  test.each([
    [module, '/sam/variant/path', '/matrix/variant/1/path'],
    [module, '/sam/variant/sha256', '/matrix/variant/1/path'],
    [module, '/sam/variant/args/every', '/matrix/variant/1/args/every'],
    [module, '/sam/variant/name', '/matrix/variant/1/name'],
    [module, '/sam/variant', '/matrix/variant/1'],
    [python, '/sam/variant/function', '/sam/variant/factory'],
    [python, '/sam/variant/path', '/sam/variant/factory'],
    [python, '/sam/variant/sha256', '/sam/variant/factory'],
    [python, '/sam/variant/args', '/sam/variant/args'],
    [{ ...python, at: '/matrix/variant/0' }, '/sam/variant/function', '/matrix/variant/0/factory'],
  ])("%o's %s is the suite's %s", (variant, pointer, expected) => {
    expect(suitePointer(pointer, variant)).toBe(expected);
  });

  test("the model's pointers, and any pointer of a probe without a variant, are the suite's as they are", () => {
    expect(suitePointer('/model/export', module)).toBe('/model/export');
    expect(suitePointer('/sam/variantx', module)).toBe('/sam/variantx');
    expect(suitePointer('/sam/variant/path', null)).toBe('/sam/variant/path');
  });
});
