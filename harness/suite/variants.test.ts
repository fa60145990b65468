// SAM variants in a suite: `sam.variant` and `matrix.variant` expand into readable, unique run
// ids, the spec carries the resolved variant, and the cross-key rules refuse what cannot run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkRunSpec } from '../../schemas/index.js';
import { countRuns } from './expand.js';
import { loadSuite } from './index.js';
import { suiteFileProblems, writeSuiteFile } from './fixtures/suite-files.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-variants-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (suite: object): string => writeSuiteFile(dir, suite);
const problemsOf = (suite: object) => suiteFileProblems(write(suite));

function expectOneProblem(suite: object, pointer: string, words: string) {
  const problems = problemsOf(suite);
  expect(problems.map((p) => p.pointer)).toEqual([pointer]);
  expect(problems[0]!.message).toContain(words);
}

const base = { name: 't', model: { name: 'mlp' }, dataset: { name: 'synthetic', shape: [4], batchSize: 8 }, steps: { measured: 20 } };

describe('expanding variants', () => {
  test('no variant: the interval schedule, with the ids and spec of before plus variant "interval"', () => {
    const { runs } = loadSuite(write(base));
    expect(runs.map((r) => r.id)).toEqual(['base-bs8-lr0.01-s0', 'sam-k1-rho0.05-bs8-lr0.01-s0']);
    expect(runs[1]!.sam!.variant).toEqual({ kind: 'interval' });
  });

  test('sam.variant random: an rst run whose spec holds p and pFinal null', () => {
    const { runs } = loadSuite(write({ ...base, sam: { variant: { kind: 'random', p: 0.25 } } }));
    expect(runs.map((r) => r.id)).toEqual(['base-bs8-lr0.01-s0', 'sam-rst-p0.25-rho0.05-bs8-lr0.01-s0']);
    expect(runs[1]!.sam).toMatchObject({ interval: 1, variant: { kind: 'random', p: 0.25, pFinal: null } });
    expect(checkRunSpec(JSON.parse(JSON.stringify(runs[1])), 'spec')).toEqual(runs[1]);
  });

  test('matrix.variant: interval variants at every interval, random ones at interval 1, ids unique', () => {
    const suite = write({
      ...base,
      matrix: {
        interval: [1, 10],
        rho: [0.05],
        variant: [{ kind: 'interval' }, { kind: 'random', p: 0.1 }, { kind: 'random', p: 0.5 }, { kind: 'random', p: 0.1, pFinal: 0.9 }],
      },
    });
    const { runs, suite: loaded } = loadSuite(suite);
    const ids = runs.map((r) => r.id);
    expect(ids).toEqual([
      'base-bs8-lr0.01-s0',
      'sam-k1-rho0.05-bs8-lr0.01-s0',
      'sam-k10-rho0.05-bs8-lr0.01-s0',
      'sam-rst-p0.1-rho0.05-bs8-lr0.01-s0',
      'sam-rst-p0.5-rho0.05-bs8-lr0.01-s0',
      'sam-grst-p0.1-0.9-rho0.05-bs8-lr0.01-s0',
    ]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(countRuns(loaded)).toBe(runs.length);
    expect(runs.filter((r) => r.sam?.variant.kind === 'random').every((r) => r.sam!.interval === 1)).toBe(true);
    for (const run of runs) expect(checkRunSpec(JSON.parse(JSON.stringify(run)), run.id)).toEqual(run);
  });
});

describe('LookSAM variants', () => {
  test('a looksam variant runs at every interval (its k), with ids naming alpha and k', () => {
    const suite = write({ ...base, matrix: { interval: [1, 5], variant: [{ kind: 'interval' }, { kind: 'looksam', alpha: 0.7 }] } });
    const { runs } = loadSuite(suite);
    const ids = runs.map((r) => r.id);
    expect(ids).toEqual([
      'base-bs8-lr0.01-s0',
      'sam-k1-rho0.05-bs8-lr0.01-s0',
      'sam-k5-rho0.05-bs8-lr0.01-s0',
      'sam-looksam-a0.7-k1-rho0.05-bs8-lr0.01-s0',
      'sam-looksam-a0.7-k5-rho0.05-bs8-lr0.01-s0',
    ]);
    expect(runs[4]!.sam).toMatchObject({ interval: 5, variant: { kind: 'looksam', alpha: 0.7 } });
    for (const run of runs) expect(checkRunSpec(JSON.parse(JSON.stringify(run)), run.id)).toEqual(run);
  });

  test('granularity "tensor" adds -gtensor to the id; "global" (the default) adds nothing', () => {
    const variant = [
      { kind: 'looksam', alpha: 0.7 },
      { kind: 'looksam', alpha: 0.7, granularity: 'tensor' },
    ];
    const { runs } = loadSuite(write({ ...base, matrix: { interval: [5], variant } }));
    expect(runs.map((r) => r.id)).toEqual([
      'base-bs8-lr0.01-s0',
      'sam-looksam-a0.7-k5-rho0.05-bs8-lr0.01-s0',
      'sam-looksam-a0.7-k5-gtensor-rho0.05-bs8-lr0.01-s0',
    ]);
    expect(runs.slice(1).map((r) => r.sam!.variant)).toEqual([
      { kind: 'looksam', alpha: 0.7, granularity: 'global' },
      { kind: 'looksam', alpha: 0.7, granularity: 'tensor' },
    ]);
    for (const run of runs) expect(checkRunSpec(JSON.parse(JSON.stringify(run)), run.id)).toEqual(run);
    const explicit = loadSuite(write({ ...base, sam: { interval: 5, variant: { kind: 'looksam', alpha: 0.7, granularity: 'global' } } }));
    expect(explicit.runs[1]!.id).toBe('sam-looksam-a0.7-k5-rho0.05-bs8-lr0.01-s0');
    expect(problemsOf({ ...base, sam: { interval: 5, variant: { kind: 'looksam', alpha: 0.7, granularity: 'layer' } } })).not.toEqual([]);
  });

  test('alpha is required and above 0', () => {
    for (const variant of [{ kind: 'looksam' }, { kind: 'looksam', alpha: 0 }]) {
      const pointers = problemsOf({ ...base, sam: { interval: 5, variant } }).map((p) => p.pointer.slice(0, '/sam/variant'.length));
      expect(pointers).toContain('/sam/variant');
    }
  });

  test('LookSAM at interval 1 only has nothing to reuse', () => {
    expectOneProblem({ ...base, sam: { variant: { kind: 'looksam', alpha: 0.7 } } }, '/sam/interval', 'nothing to reuse');
    expect(loadSuite(write({ ...base, sam: { interval: 5, variant: { kind: 'looksam', alpha: 0.7 } } })).runs).toHaveLength(2);
  });

  test('expectations that judge interval runs, in a suite with looksam variants', () => {
    const suite = {
      ...base,
      matrix: { interval: [5], variant: [{ kind: 'interval' }, { kind: 'looksam', alpha: 0.7 }] },
      expect: [{ kind: 'slowdown', interval: 5, range: { max: 2 } }],
    };
    expectOneProblem(suite, '/expect/0', '"looksam" variants');
  });
});

describe('AE-SAM variants', () => {
  test("sam.variant aesam: the schema's defaults (delta 0.9, c from 1 to -1) in the spec, at interval 1", () => {
    const { runs } = loadSuite(write({ ...base, sam: { variant: { kind: 'aesam' } } }));
    expect(runs.map((r) => r.id)).toEqual(['base-bs8-lr0.01-s0', 'sam-aesam-d0.9-c1to-1-rho0.05-bs8-lr0.01-s0']);
    expect(runs[1]!.sam).toMatchObject({ interval: 1, variant: { kind: 'aesam', delta: 0.9, lambda1: -1, lambda2: 1 } });
    expect(checkRunSpec(JSON.parse(JSON.stringify(runs[1])), 'spec')).toEqual(runs[1]);
  });

  test('matrix.variant sweeps aesam settings next to the others; aesam runs at interval 1 only', () => {
    const suite = write({
      ...base,
      matrix: {
        interval: [1, 10],
        variant: [{ kind: 'interval' }, { kind: 'aesam' }, { kind: 'aesam', delta: 0.5, lambda1: 0, lambda2: 2 }],
      },
    });
    const { runs, suite: loaded } = loadSuite(suite);
    expect(runs.map((r) => r.id)).toEqual([
      'base-bs8-lr0.01-s0',
      'sam-k1-rho0.05-bs8-lr0.01-s0',
      'sam-k10-rho0.05-bs8-lr0.01-s0',
      'sam-aesam-d0.9-c1to-1-rho0.05-bs8-lr0.01-s0',
      'sam-aesam-d0.5-c2to0-rho0.05-bs8-lr0.01-s0',
    ]);
    expect(countRuns(loaded)).toBe(runs.length);
    expect(runs[4]!.sam).toMatchObject({ interval: 1, variant: { kind: 'aesam', delta: 0.5, lambda1: 0, lambda2: 2 } });
    for (const run of runs) expect(checkRunSpec(JSON.parse(JSON.stringify(run)), run.id)).toEqual(run);
  });

  test('a threshold that would rise over training (lambda1 above lambda2) is refused; equal values are a constant c', () => {
    expectOneProblem({ ...base, sam: { variant: { kind: 'aesam', lambda1: 1.5 } } }, '/sam/variant', 'has lambda1 1.5 above lambda2 1');
    expectOneProblem(
      { ...base, matrix: { variant: [{ kind: 'interval' }, { kind: 'aesam', lambda1: 2, lambda2: 0 }] } },
      '/matrix/variant/1',
      'has lambda1 2 above lambda2 0',
    );
    expect(loadSuite(write({ ...base, sam: { variant: { kind: 'aesam', lambda1: 0.5, lambda2: 0.5 } } })).runs).toHaveLength(2);
  });

  test('delta in (0, 1); an interval that random and aesam variants alone would ignore', () => {
    expect(problemsOf({ ...base, sam: { variant: { kind: 'aesam', delta: 0 } } }).map((p) => p.pointer)).toContain('/sam/variant/delta');
    const suite = { ...base, matrix: { interval: [1, 2], variant: [{ kind: 'random', p: 0.5 }, { kind: 'aesam' }] } };
    expectOneProblem(suite, '/matrix/interval', 'every variant is "random" or "aesam"');
  });

  test('expectations that judge interval runs, in a suite with aesam variants', () => {
    const suite = {
      ...base,
      matrix: { variant: [{ kind: 'interval' }, { kind: 'aesam' }] },
      expect: [{ kind: 'slowdown', interval: 1, range: { max: 2 } }],
    };
    expectOneProblem(suite, '/expect/0', '"aesam" variants');
  });
});

describe('invalid variants', () => {
  test.each([
    ['p above 1', { sam: { variant: { kind: 'random', p: 1.5 } } }, '/sam/variant'],
    ['an unknown kind', { sam: { variant: { kind: 'sometimes' } } }, '/sam/variant'],
    ['an unknown key', { sam: { variant: { kind: 'interval', p: 0.5 } } }, '/sam/variant'],
    ['the same variant twice', { matrix: { variant: [{ kind: 'interval' }, { kind: 'interval' }] } }, '/matrix/variant'],
  ])('%s', (_d, change, pointer) => {
    expect(problemsOf({ ...base, ...change }).map((p) => p.pointer.slice(0, pointer.length))).toContain(pointer);
  });

  test('a random variant that never takes SAM', () => {
    expectOneProblem({ ...base, sam: { variant: { kind: 'random', p: 0 } } }, '/sam/variant', 'never takes a SAM step');
  });

  test('an interval that random variants alone would ignore', () => {
    expectOneProblem({ ...base, sam: { interval: 2, variant: { kind: 'random', p: 0.5 } } }, '/sam/interval', 'has no effect');
    expectOneProblem({ ...base, matrix: { interval: [1, 2], variant: [{ kind: 'random', p: 0.5 }] } }, '/matrix/interval', 'has no effect');
  });

  test('expectations that judge interval runs, in a suite with random variants', () => {
    const suite = {
      ...base,
      matrix: { variant: [{ kind: 'interval' }, { kind: 'random', p: 0.5 }] },
      expect: [
        { kind: 'slowdown', interval: 1, range: { max: 2 } },
        { kind: 'step-ratio', range: { min: 1 } },
      ],
    };
    expectOneProblem(suite, '/expect/0', '"random" variants');
  });
});
