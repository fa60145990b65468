import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { deadPid } from '../fixtures/os-fixtures.js';
import { loadSuite, validateSuite, type LoadedSuite } from '../suite/index.js';
import { prepareOutDir } from './out-dir.js';
import { sha256, type BenchManifest } from '../provenance.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-out-dir-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Only the file and the resolved suite matter here; resolved (defaults filled in) as loadSuite does.
const loaded = (suite: object) => ({ file: 'suites/x.json', suite: validateSuite(structuredClone(suite)).suite }) as unknown as LoadedSuite;
const smoke = { name: 'smoke', description: 'first words', model: { name: 'small-cnn' }, steps: { warmup: 5, measured: 40 } };

test('resuming with the same suite keeps the folder; its description may change', () => {
  const out = prepareOutDir(path.join(dir, 'same'), false, loaded(smoke));
  fs.writeFileSync(path.join(out, 'runs', 'base.jsonl'), '');
  expect(prepareOutDir(out, true, loaded({ ...smoke, description: 'new words' }))).toBe(out);
});

test('a folder with runs is not reused without --resume', () => {
  const out = prepareOutDir(path.join(dir, 'taken'), false, loaded(smoke));
  fs.writeFileSync(path.join(out, 'runs', 'base.jsonl'), '');
  expect(() => prepareOutDir(out, false, loaded(smoke))).toThrow('already holds runs; add --resume');
});

test('resuming with an edited suite is refused, naming what changed', () => {
  const out = prepareOutDir(path.join(dir, 'edited'), false, loaded(smoke));
  const edited = { ...smoke, model: { name: 'mlp' }, steps: { warmup: 1, measured: 10 } };
  expect(() => prepareOutDir(out, true, loaded(edited))).toThrow(
    `suites/x.json differs from the suite ${out} was made with (model.hidden, model.name, steps.measured, steps.warmup); --resume keeps runs made with that suite, so it needs the same one: choose another --out for the edited suite`,
  );
  // Nothing was overwritten: the folder still says which suite made it.
  expect(JSON.parse(fs.readFileSync(path.join(out, 'suite.resolved.json'), 'utf8'))).toEqual(loaded(smoke).suite);
});

test('resuming with edited expectations (or words) is allowed: the kept runs are judged again', () => {
  const out = prepareOutDir(path.join(dir, 'rejudged'), false, loaded(smoke));
  const rejudged = { ...smoke, description: 'other words', expect: [], regression: { minEffect: 0.2 } };
  expect(prepareOutDir(out, true, loaded(rejudged))).toBe(out);
  expect(JSON.parse(fs.readFileSync(path.join(out, 'suite.resolved.json'), 'utf8'))).toEqual(loaded(rejudged).suite);
});

test('resuming after raising limits.runTimeoutSeconds, as the timeout message advises, keeps the folder and its runs', () => {
  const out = prepareOutDir(path.join(dir, 'limits'), false, loaded(smoke));
  fs.writeFileSync(path.join(out, 'runs', 'base.jsonl'), '');
  const raised = { ...smoke, limits: { runTimeoutSeconds: 3600, maxRuns: 500 } };
  expect(prepareOutDir(out, true, loaded(raised))).toBe(out);
  expect(fs.readdirSync(path.join(out, 'runs'))).toEqual(['base.jsonl']);
  expect(JSON.parse(fs.readFileSync(path.join(out, 'suite.resolved.json'), 'utf8'))).toEqual(loaded(raised).suite);
});

test('a folder made before a suite key with a default existed resumes: the default means what the old code did', () => {
  const out = prepareOutDir(path.join(dir, 'older'), false, loaded(smoke));
  const file = path.join(out, 'suite.resolved.json');
  const older = JSON.parse(fs.readFileSync(file, 'utf8')) as { steps: Record<string, unknown>; repeats?: number };
  delete older.steps.warmup; // as if `steps.warmup` (default 5) had been added after this folder was made
  delete older.repeats;
  fs.writeFileSync(file, JSON.stringify(older));
  expect(prepareOutDir(out, true, loaded(smoke))).toBe(out);
  // A real difference still refuses.
  fs.writeFileSync(file, JSON.stringify({ ...older, steps: { warmup: 7, measured: 40 } }));
  expect(() => prepareOutDir(out, true, loaded(smoke))).toThrow('(steps.warmup)');
});

test('a folder another live bench holds is refused; a lock left by a dead one is taken over', () => {
  const out = prepareOutDir(path.join(dir, 'locked'), false, loaded(smoke));
  const lock = path.join(out, '.sambench.lock');
  // This process holds it now; pretend the parent of this process (alive) does.
  fs.writeFileSync(lock, `${process.ppid}\n`);
  expect(() => prepareOutDir(out, true, loaded(smoke))).toThrow(
    `${out} is in use: its lock ${lock} is held by sambench pid ${process.ppid}`,
  );
  // A pid that has exited: the lock is stale.
  fs.writeFileSync(lock, `${deadPid()}\n`);
  expect(prepareOutDir(out, true, loaded(smoke))).toBe(out);
  expect(fs.readFileSync(lock, 'utf8').split(' ')[0]).toBe(String(process.pid));
});

// A results folder says which suite and code made it from the first moment of the bench.
test('every results folder gets a bench.json at the start: suite sha256, code, command; a resume is added to it', () => {
  const out = prepareOutDir(path.join(dir, 'provenance'), false, loaded(smoke));
  const manifest = JSON.parse(fs.readFileSync(path.join(out, 'bench.json'), 'utf8')) as BenchManifest;
  expect(manifest.suite).toEqual({
    name: 'smoke',
    file: 'suites/x.json',
    sha256: sha256(fs.readFileSync(path.join(out, 'suite.resolved.json'), 'utf8')),
  });
  expect(manifest.node).toBe(process.version);
  expect(manifest.resumes).toEqual([]);
  prepareOutDir(out, true, loaded(smoke));
  const resumed = JSON.parse(fs.readFileSync(path.join(out, 'bench.json'), 'utf8')) as BenchManifest;
  expect(resumed.startedAt).toBe(manifest.startedAt);
  expect(resumed.resumes).toHaveLength(1);
});

// A user's SAM variant is named by its path, which stays when the file is edited: its run spec's
// `sam.variant.sha256` is what tells the kept runs' variant from the one a resume would run.
test("resuming after a user's SAM variant file was edited is refused, naming sam.variant.sha256", () => {
  const suiteDir = fs.mkdtempSync(path.join(dir, 'plugin-'));
  const variantFile = path.join(suiteDir, 'warm.mjs');
  fs.writeFileSync(variantFile, 'export const build = () => ({ name: "warm", isSamStep: () => true });\n');
  const suiteFile = path.join(suiteDir, 'suite.json');
  const suite = {
    name: 'plugin',
    model: { name: 'mlp' },
    dataset: { name: 'synthetic', shape: [4], batchSize: 8 },
    steps: { measured: 20 },
    sam: { variant: { kind: 'module', path: 'warm.mjs' } },
  };
  fs.writeFileSync(suiteFile, JSON.stringify(suite));
  const first = loadSuite(suiteFile);
  const out = prepareOutDir(path.join(suiteDir, 'out'), false, first);
  const samRun = first.runs.find((run) => run.sam !== null)!;
  fs.writeFileSync(path.join(out, 'runs', `${samRun.id}.spec.json`), JSON.stringify(samRun));
  expect(prepareOutDir(out, true, loadSuite(suiteFile))).toBe(out);
  fs.appendFileSync(variantFile, '// edited\n');
  expect(() => prepareOutDir(out, true, loadSuite(suiteFile))).toThrow(/differs from the suite .* was made with \(sam\.variant\.sha256\)/);
});
