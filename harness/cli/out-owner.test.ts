import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { validateSuite, type LoadedSuite } from '../suite/index.js';
import { prepareOutDir } from './out-dir.js';
import { refuseForeignFolder } from './out-owner.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-out-owner-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const smoke = { name: 'smoke', model: { name: 'small-cnn' }, steps: { warmup: 5, measured: 40 } };
const suiteText = `${JSON.stringify(smoke, null, 2)}\n`;
const loaded = (file: string) => ({ file, suite: validateSuite(structuredClone(smoke)).suite }) as unknown as LoadedSuite;

/** A folder holding `files` (name → text); returns its path. */
function folder(name: string, files: Record<string, string>): string {
  const at = path.join(dir, name);
  fs.mkdirSync(at, { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(at, file), text);
  return at;
}

const contents = (at: string) => Object.fromEntries(fs.readdirSync(at).map((f) => [f, fs.readFileSync(path.join(at, f), 'utf8')]));

test('the suite inside --out (a suite named bench.json, --out .) is refused before anything is written', () => {
  const at = folder('suite-inside', { 'bench.json': suiteText });
  const before = contents(at);
  for (const resume of [false, true])
    expect(() => prepareOutDir(at, resume, loaded(path.join(at, 'bench.json')))).toThrow(
      `the suite ${path.join(at, 'bench.json')} is inside the output folder ${at}, where sambench's files could replace it; choose another --out (a new or empty folder), or move the suite out of it`,
    );
  expect(contents(at)).toEqual(before);
});

test('the suite reached through a symbolic link is the same file: compared by real paths', () => {
  const at = folder('linked', { 'suite.resolved.json': suiteText });
  const link = path.join(dir, 'link-to-linked');
  fs.symlinkSync(at, link);
  expect(() => prepareOutDir(link, true, loaded(path.join(at, 'suite.resolved.json')))).toThrow(`is inside the output folder ${link}`);
  expect(contents(at)).toEqual({ 'suite.resolved.json': suiteText });
});

test('a folder holding files sambench did not write is refused, with or without --resume; nothing is written there', () => {
  const suite = path.join(folder('suites', { 'smoke.json': suiteText }), 'smoke.json');
  const at = folder('user-files', { 'report.html': '<p>mine</p>', 'notes.txt': 'mine' });
  for (const resume of [false, true])
    expect(() => prepareOutDir(at, resume, loaded(suite))).toThrow(
      `${at} holds files sambench did not write (notes.txt, report.html): it is not empty, nor a results folder of sambench's (no bench.json, nor suite.resolved.json beside runs/), and results there could replace them; choose another --out: a new or empty folder, or a results folder to --resume`,
    );
  expect(contents(at)).toEqual({ 'report.html': '<p>mine</p>', 'notes.txt': 'mine' });
});

test('a folder an export filled elsewhere (suite.resolved.json beside runs/, no bench.json) resumes, as scripts/gpu-check.sh leaves it', () => {
  const suite = path.join(folder('suites-3', { 'smoke.json': suiteText }), 'smoke.json');
  const at = folder('gpu-check', { 'suite.resolved.json': JSON.stringify(loaded(suite).suite), 'gpu-check.txt': 'torch 2' });
  fs.mkdirSync(path.join(at, 'runs'));
  expect(prepareOutDir(at, true, loaded(suite))).toBe(at);
  expect(fs.readFileSync(path.join(at, 'gpu-check.txt'), 'utf8')).toBe('torch 2');
});

test("a new folder, an empty one and a bench's folder are sambench's; calibrate's root must be new or empty", () => {
  const suite = path.join(folder('suites-2', { 'smoke.json': suiteText }), 'smoke.json');
  const made = prepareOutDir(path.join(dir, 'new', 'deep'), false, loaded(suite));
  expect(prepareOutDir(made, true, loaded(suite))).toBe(made);
  expect(prepareOutDir(folder('empty', {}), false, loaded(suite))).toBe(path.join(dir, 'empty'));
  expect(() => refuseForeignFolder(made, suite, false)).toThrow(`${made} holds files sambench did not write`);
  expect(() => refuseForeignFolder(path.join(dir, 'new', 'other'), suite, false)).not.toThrow();
});
