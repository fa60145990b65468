import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { LoadedSuite } from '../suite/index.js';
import { prepareOutDir } from './out-dir.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-out-dir-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Only the file and the resolved suite matter here.
const loaded = (suite: object) => ({ file: 'suites/x.json', suite }) as unknown as LoadedSuite;
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
    `suites/x.json differs from the suite ${out} was made with (model.name, steps.measured, steps.warmup); --resume keeps runs made with that suite, so it needs the same one: choose another --out for the edited suite`,
  );
  // Nothing was overwritten: the folder still says which suite made it.
  expect(JSON.parse(fs.readFileSync(path.join(out, 'suite.resolved.json'), 'utf8'))).toEqual(smoke);
});

test('a folder another live bench holds is refused; a lock left by a dead one is taken over', () => {
  const out = prepareOutDir(path.join(dir, 'locked'), false, loaded(smoke));
  const lock = path.join(out, '.sambench.lock');
  // This process holds it now; pretend the parent of this process (alive) does.
  fs.writeFileSync(lock, `${process.ppid}\n`);
  expect(() => prepareOutDir(out, true, loaded(smoke))).toThrow(
    `${out} is in use by another sambench (pid ${process.ppid}); wait for it to finish`,
  );
  // A pid that has exited: the lock is stale.
  fs.writeFileSync(lock, `${spawnSync(process.execPath, ['-e', '']).pid}\n`);
  expect(prepareOutDir(out, true, loaded(smoke))).toBe(out);
  expect(fs.readFileSync(lock, 'utf8').trim()).toBe(String(process.pid));
});
