// Every class of invalid suite, as a table: each case asserts the exact list of JSON pointers
// reported, and, where given, the words of the message.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { SuiteError, formatProblem, loadSuite } from './index.js';
import cases from './fixtures/invalid-suites.json' with { type: 'json' };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-suites-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
// Cases with an MNIST-style dataset at "." (this folder) find its file names there (their
// content is the workers' to read).
for (const split of ['train', 't10k'])
  for (const kind of ['images-idx3', 'labels-idx1']) fs.writeFileSync(path.join(dir, `${split}-${kind}-ubyte`), '');

function write(name: string, text: string): string {
  const file = path.join(dir, `${name.replace(/\W+/g, '-')}.json`);
  fs.writeFileSync(file, text);
  return file;
}

function problemsOf(file: string): SuiteError {
  try {
    loadSuite(file);
  } catch (error) {
    if (error instanceof SuiteError) return error;
    throw error;
  }
  throw new Error(`${file} loaded without problems`);
}

describe('invalid suites', () => {
  test.each(cases.map((c) => [c.description, c] as const))('%s', (_d, { suite, problems, contains }) => {
    const file = write(_d, JSON.stringify(suite, null, 2));
    const error = problemsOf(file);
    expect(error.problems.map((p) => p.pointer).sort()).toEqual([...problems].sort());
    for (const words of contains ?? []) expect(error.message).toContain(words);
    expect(error.message).toContain(file);
  });

  test('not JSON: every syntax error with line and column', () => {
    const file = write('broken', '{\n  "name": "x",\n  "model": {"name": "mlp",},\n}');
    const error = problemsOf(file);
    expect(error.problems.length).toBeGreaterThanOrEqual(1);
    expect(error.problems[0]).toMatchObject({ pointer: '', line: 3 });
    expect(error.message).toMatch(/is not valid JSON: (PropertyNameExpected|ValueExpected)/);
  });

  test('comments are not JSON', () => {
    expect(problemsOf(write('comment', '// hi\n{}')).message).toContain('is not valid JSON');
  });

  test('a missing file', () => {
    expect(problemsOf(path.join(dir, 'nope.json')).problems).toEqual([{ pointer: '', message: 'file not found' }]);
  });

  test('problems carry the line and column of the offending key', () => {
    const file = write(
      'located',
      '{\n  "name": "t",\n  "model": {"name": "mlp"},\n  "dataset": {"name": "synthetic", "batchSize": 0},\n  "steps": {"measured": 4}\n}\n',
    );
    const [problem] = problemsOf(file).problems;
    expect(problem).toMatchObject({ pointer: '/dataset/batchSize', line: 4, column: 36 });
    expect(problemsOf(file).message).toContain(`${file}:4:36 /dataset/batchSize must be >= 1 (got 0)`);
  });
});

describe('old names', () => {
  const suite = (kind: string) =>
    JSON.stringify(
      {
        name: 't',
        model: { name: 'mlp' },
        dataset: { name: 'synthetic', batchSize: 8 },
        steps: { measured: 10 },
        matrix: { interval: [1, 2] },
        expect: [
          { kind: 'step-ratio', range: { min: 1 } },
          { kind, tolerance: 0.05 },
        ],
      },
      null,
      2,
    );

  test('"rho-scaling" loads as before, with a warning naming the file, the pointer and "slowdown-law"', () => {
    const file = write('old-name', suite('rho-scaling'));
    const { warnings, runs } = loadSuite(file);
    expect(runs).toHaveLength(3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ pointer: '/expect/1/kind', deprecated: true, line: 27 });
    const line = formatProblem(file, warnings[0]!);
    expect(line).toMatch(/^\S+:27:\d+ \/expect\/1\/kind "rho-scaling" is deprecated: it is the old name of "slowdown-law"/);
    expect(line.startsWith(`${file}:27:`)).toBe(true);
    expect(line).toContain('write "kind": "slowdown-law"');
  });

  test('"slowdown-law" loads without a warning', () => {
    expect(loadSuite(write('new-name', suite('slowdown-law'))).warnings).toEqual([]);
  });
});

describe('rho-scaling-accuracy', () => {
  test('loads with evaluation, two or more intervals, and both rho = c and rho = c · k at every k > 1', () => {
    const file = write(
      'rho-accuracy',
      JSON.stringify({
        name: 't',
        model: { name: 'mlp' },
        dataset: { name: 'fashion-mnist', path: '.', batchSize: 8 },
        steps: { measured: 10 },
        matrix: { interval: [1, 2, 5, 10], rho: [0.05, 0.1, 0.25, 0.5], rhoPerInterval: 0.05 },
        expect: [{ kind: 'rho-scaling-accuracy', tolerancePoints: 0.5 }],
      }),
    );
    const { runs, warnings } = loadSuite(file);
    expect(warnings).toEqual([]);
    // 4 rho values at every interval, 0.05 · k among them: no extra point
    expect(runs.filter((r) => r.sam)).toHaveLength(16);
    expect(runs.filter((r) => r.sam?.rhoPerInterval === 0.05).map((r) => r.id)).toEqual([
      'sam-k1-rho0.05-bs8-lr0.01-s0',
      'sam-k2-rho0.1-bs8-lr0.01-s0',
      'sam-k5-rho0.25-bs8-lr0.01-s0',
      'sam-k10-rho0.5-bs8-lr0.01-s0',
    ]);
  });
});

describe('the kinds that need evaluations during training, a regulariser or PyTorch', () => {
  const base = {
    name: 't',
    model: { name: 'mlp' },
    dataset: { name: 'fashion-mnist', path: '.', batchSize: 8 },
    steps: { measured: 10 },
    evaluation: { everySteps: 5 },
  };

  test.each([
    ['overfitting with everySteps 5', { matrix: { interval: [1, 2] }, expect: [{ kind: 'overfitting', interval: 2 }] }],
    [
      'gain-diminishes with and without label smoothing',
      { matrix: { interval: [1, 2], labelSmoothing: [0, 0.1] }, expect: [{ kind: 'gain-diminishes', interval: 2 }] },
    ],
    [
      'data-parallel in a PyTorch suite',
      { framework: 'torch', torch: { worldSize: 2 }, matrix: { interval: [1, 2] }, expect: [{ kind: 'data-parallel', interval: 2 }] },
    ],
    ['memory-overhead', { matrix: { interval: [1, 2] }, expect: [{ kind: 'memory-overhead', range: { min: 0.5, max: 1.5 } }] }],
  ])('%s loads', (name, rest) => {
    expect(loadSuite(write(name, JSON.stringify({ ...base, ...rest }))).warnings).toEqual([]);
  });
});
