// Every class of invalid suite, as a table: each case asserts the exact list of JSON pointers
// reported, and, where given, the words of the message.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { SuiteError, loadSuite } from './index.js';
import cases from './fixtures/invalid-suites.json' with { type: 'json' };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-suites-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

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
