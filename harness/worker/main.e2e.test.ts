// The built worker entry refuses a spec that breaks schemas/run-spec.schema.json: one `error`
// event naming the field, exit 1, before any TensorFlow backend loads; and a tiny run's `done`
// event carries the process's peak memory (needs `npm run build`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { checkEvent } from '../../schemas/index.js';
import { fakeSpec } from '../launch/fixtures/spec.js';
import { PROJECT_ROOT } from '../paths.js';

const WORKER = path.join(PROJECT_ROOT, 'dist', 'harness', 'worker', 'main.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-worker-spec-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test.each([
  ['a missing field', (spec: Record<string, unknown>) => delete spec.seed, '/seed is required'],
  [
    'a wrong type',
    (spec: Record<string, unknown>) => Object.assign(spec.dataset as object, { batchSize: '64' }),
    '/dataset/batchSize must be an integer (got "64")',
  ],
])('a spec with %s is refused with the field named', async (_what, breakIt, problem) => {
  const spec = fakeSpec('bad') as unknown as Record<string, unknown>;
  breakIt(spec);
  const file = path.join(dir, 'bad.spec.json');
  fs.writeFileSync(file, JSON.stringify(spec));
  const result = await execa('node', [WORKER, file], { reject: false });
  expect(result.exitCode).toBe(1);
  const events = result.stdout.split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(events).toEqual([{ type: 'error', reason: 'worker-error', message: `run spec ${file}: ${problem}` }]);
});

test('a tiny run ends with a done event that carries its peak RSS in bytes and no device peak', async () => {
  const file = path.join(dir, 'tiny.spec.json');
  fs.writeFileSync(file, JSON.stringify(fakeSpec('tiny')));
  const result = await execa('node', [WORKER, file], { reject: false });
  expect(result.exitCode, result.stderr).toBe(0);
  const lines = result.stdout.split('\n').filter((line) => line.startsWith('{'));
  for (const line of lines) expect(checkEvent(JSON.parse(line)), line).toMatchObject({ ok: true });
  const done = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
  expect(done).toMatchObject({ type: 'done', steps: 6, peakDeviceBytes: null });
  expect(Number.isInteger(done.peakRssBytes)).toBe(true);
  // Node.js with TF.js loaded holds well over 10 MiB: KiB taken for bytes would fail this.
  expect(done.peakRssBytes).toBeGreaterThan(10 * 2 ** 20);
}, 60_000);
