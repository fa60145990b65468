// bench.json: which suite and code made a results folder, written at the start and kept on resume.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { UsageError } from './errors.js';
import { PROJECT_ROOT } from './paths.js';
import { codeVersion, describeCode, readManifest, recordBenchStart, sha256, type CodeVersion } from './provenance.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-provenance-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const code = (commit: string | null, dirty: boolean | null = false): CodeVersion => ({ sambench: '0.1.0', commit, dirty, node: 'v20.0.0' });
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const start = (folder: string, resume: boolean, c: CodeVersion, now: string) =>
  recordBenchStart(folder, {
    suiteName: 'smoke',
    suiteFile: 'suites/smoke.json',
    resolvedSuite: '{"name": "smoke"}\n',
    resume,
    command: ['dist/harness/cli.js', 'suites/smoke.json'],
    now: new Date(now),
    code: c,
  });

test('the first start records the suite (file, sha256 of the resolved suite), the code, node, command and time', () => {
  const folder = fs.mkdtempSync(path.join(dir, 'first-'));
  expect(start(folder, false, code(A), '2026-01-01T00:00:00Z')).toEqual([]);
  expect(readManifest(folder)).toEqual({
    format: 'sambench-bench',
    version: 1,
    sambench: '0.1.0',
    commit: A,
    dirty: false,
    node: 'v20.0.0',
    startedAt: '2026-01-01T00:00:00.000Z',
    command: ['dist/harness/cli.js', 'suites/smoke.json'],
    suiteSha256: sha256('{"name": "smoke"}\n'),
    suite: { name: 'smoke', file: 'suites/smoke.json', sha256: sha256('{"name": "smoke"}\n') },
    resumes: [],
  });
});

test('a resume keeps the original and adds itself; a resume by another commit is warned about', () => {
  const folder = fs.mkdtempSync(path.join(dir, 'resumed-'));
  start(folder, false, code(A), '2026-01-01T00:00:00Z');
  expect(start(folder, true, code(A), '2026-01-02T00:00:00Z')).toEqual([]);
  const warnings = start(folder, true, code(B, true), '2026-01-03T00:00:00Z');
  expect(warnings).toEqual([
    `${folder} was started by sambench 0.1.0 at commit aaaaaaaaaaaa and is resumed by sambench 0.1.0 at commit bbbbbbbbbbbb + uncommitted changes: its runs may mix two versions of the code`,
  ]);
  const manifest = readManifest(folder)!;
  expect(manifest).toMatchObject({ commit: A, startedAt: '2026-01-01T00:00:00.000Z' });
  expect(manifest.resumes.map((r) => [r.startedAt, r.commit])).toEqual([
    ['2026-01-02T00:00:00.000Z', A],
    ['2026-01-03T00:00:00.000Z', B],
  ]);
});

// A resume may change what changes no run (expectations, words): suite.sha256 follows
// suite.resolved.json, and every start keeps the hash of the suite it ran with.
test('a resume with edited expectations: the suite hash follows suite.resolved.json, each start keeps its own', () => {
  const folder = fs.mkdtempSync(path.join(dir, 'rejudged-'));
  start(folder, false, code(A), '2026-01-01T00:00:00Z');
  const edited = '{"name": "smoke", "expect": []}\n';
  recordBenchStart(folder, { suiteName: 'smoke', suiteFile: 'suites/smoke.json', resolvedSuite: edited, resume: true, code: code(A) });
  const manifest = readManifest(folder)!;
  expect(manifest.suite.sha256).toBe(sha256(edited));
  expect(manifest.suiteSha256).toBe(sha256('{"name": "smoke"}\n'));
  expect(manifest.resumes.map((r) => r.suiteSha256)).toEqual([sha256(edited)]);
});

test('a folder without bench.json has no provenance; a damaged one is refused naming it', () => {
  const folder = fs.mkdtempSync(path.join(dir, 'damaged-'));
  expect(readManifest(folder)).toBeNull();
  fs.writeFileSync(path.join(folder, 'bench.json'), '{"format": "something else"}');
  expect(() => readManifest(folder)).toThrow(UsageError);
  expect(() => start(folder, true, code(A), '2026-01-01T00:00:00Z')).toThrow(
    `${path.join(folder, 'bench.json')} is not a sambench bench manifest`,
  );
});

test('describeCode: 12 digits of the commit, and whether the checkout had changes', () => {
  expect(describeCode(code(A))).toBe('aaaaaaaaaaaa');
  expect(describeCode(code(A, true))).toBe('aaaaaaaaaaaa + uncommitted changes');
  expect(describeCode(code(null))).toBe('unknown');
});

const gitCheckout = fs.existsSync(path.join(PROJECT_ROOT, '.git'));
test.runIf(gitCheckout && !process.env.GITHUB_SHA)(
  `in a git checkout the code names its commit${!gitCheckout ? ' (skipped: not a git checkout)' : process.env.GITHUB_SHA ? ' (skipped: GITHUB_SHA names it)' : ''}`,
  () => {
    const now = codeVersion();
    expect(now.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(typeof now.dirty).toBe('boolean');
    expect(now.sambench).toBe(
      (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
  },
);
