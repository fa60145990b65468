import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { keyProblems, nestingDepth } from './json-guards.js';
import { SuiteError, loadSuite } from './index.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-json-guards-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function problemsOf(text: string) {
  const file = path.join(dir, 'suite.json');
  fs.writeFileSync(file, text);
  try {
    loadSuite(file);
  } catch (error) {
    if (error instanceof SuiteError) return error.problems.map((p) => [p.pointer, p.message]);
    throw error;
  }
  throw new Error('the suite was accepted');
}

describe('nestingDepth', () => {
  test.each([
    ['{}', 1],
    ['{"a": [[1], {"b": []}]}', 4],
    ['{"a": "[[[[{{{{"}', 1],
    ['{"a": "\\\\\\"[["}', 1],
  ])('%s is %d deep', (text, depth) => {
    expect(nestingDepth(text)).toBe(depth);
  });
});

describe('keyProblems', () => {
  test('forbidden and duplicate keys, each with its pointer', () => {
    expect(keyProblems('{"__proto__": {"seeds": [5]}, "a": {"b": 1, "b": 2}, "c": [{"constructor": 1}]}')).toEqual([
      { pointer: '/__proto__', message: 'key "__proto__" is not allowed (it would change how the suite is read); remove it' },
      { pointer: '/a/b', message: 'key "b" appears twice in one object; keep one (JSON would silently take the last)' },
      { pointer: '/c/0/constructor', message: 'key "constructor" is not allowed (it would change how the suite is read); remove it' },
    ]);
  });

  test('the same key in two objects is fine', () => {
    expect(keyProblems('{"a": {"name": 1}, "b": {"name": 2}}')).toEqual([]);
  });
});

describe('loadSuite refuses them before building anything', () => {
  test('100,000 nested arrays: a problem, not a stack overflow', () => {
    expect(problemsOf('['.repeat(100_000) + ']'.repeat(100_000))).toEqual([
      ['', 'nests arrays and objects 100000 deep; a suite needs far fewer than 64'],
    ]);
  });

  test('a top-level __proto__ cannot smuggle in settings', () => {
    const suite =
      '{"__proto__": {"seeds": [5, 6]}, "name": "x", "model": {"name": "mlp"}, "dataset": {"name": "synthetic", "batchSize": 8}, "steps": {"measured": 10}}';
    expect(problemsOf(suite)).toEqual([
      ['/__proto__', 'key "__proto__" is not allowed (it would change how the suite is read); remove it'],
    ]);
  });
});
