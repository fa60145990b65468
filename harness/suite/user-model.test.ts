// A user's model at load time: its files must be there and stay in their folder, and its source
// must fit the suite's framework; each refusal names the suite key.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { TINY_SUITE } from '../fixtures/tiny-suite.js';
import { loadSuiteObject, SuiteError, type SuiteProblem } from './index.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-user-suite-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function problemsOf(model: object, extra: object = {}): SuiteProblem[] {
  try {
    loadSuiteObject({ ...TINY_SUITE, name: 'user', model, ...extra }, dir, path.join(dir, 'suite.json'));
  } catch (error) {
    if (error instanceof SuiteError) return error.problems.map(({ pointer, message }) => ({ pointer, message }));
    throw error;
  }
  throw new Error('the suite loaded');
}

describe("a user's model when the suite loads", () => {
  test('a missing model file is a problem at /model/path, naming the file and what was expected', () => {
    expect(problemsOf({ source: 'tfjs-module', path: 'nope.mjs' })).toEqual([
      {
        pointer: '/model/path',
        message: `${path.join(dir, 'nope.mjs')}: no such file; expected an ES module that exports the model factory`,
      },
    ]);
  });

  test('a model.json whose weight file leaves its folder is a problem at /model/path', () => {
    fs.mkdirSync(path.join(dir, 'net'));
    const file = path.join(dir, 'net', 'model.json');
    fs.writeFileSync(file, JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ['../../outside.bin'], weights: [] }] }));
    expect(problemsOf({ source: 'tfjs-layers', path: 'net/model.json' })).toEqual([
      { pointer: '/model/path', message: `${file} names weight file "../../outside.bin", which is not a file beside it` },
    ]);
  });

  test.each([
    { framework: 'tfjs', model: { source: 'python', factory: 'my_models:build' }, runs: '"torch"' },
    { framework: 'torch', model: { source: 'tfjs-module', path: 'net.mjs' }, runs: '"tfjs"' },
  ])('source $model.source in framework $framework is a problem at /model/source', ({ framework, model, runs }) => {
    const problems = problemsOf(model, { framework });
    expect(problems).toContainEqual({
      pointer: '/model/source',
      message: expect.stringContaining(`is a model source for framework ${runs}`) as string,
    });
  });
});
