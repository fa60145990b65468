// The built worker, run twice on one spec in two processes: the same seed must give the same
// losses (initial weights, batch order, augmentation and the batch worker thread all seeded).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../paths.js';
import type { RunSpec, WorkerEvent } from '../../schemas/index.js';
import { fakeSpec } from '../launch/fixtures/spec.js';

const WORKER = path.join(PROJECT_ROOT, 'dist', 'harness', 'worker', 'main.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-determinism-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Seed 0, the suites' default: TF.js' normal generators take seed 0 for "unseeded". Native
// backend, augmentation on (through the batch worker thread), no SAM.
const base = fakeSpec('determinism', { warmup: 1, measured: 3 });
const spec: RunSpec = {
  ...base,
  backend: 'tensorflow',
  dataset: { ...base.dataset, batchSize: 16, shape: [6, 6, 1], classes: 4, samples: 40, augment: true },
  optimizer: { ...base.optimizer, name: 'momentum', learningRate: 0.05, momentum: 0.9 },
  sam: null,
  seed: 0,
  baselineId: null,
  timeoutSeconds: 60,
};

async function stepLosses(specFile: string): Promise<number[]> {
  const { stdout } = await execa('node', [WORKER, specFile]);
  const events = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as WorkerEvent);
  return events.flatMap((e) => (e.type === 'step' && e.loss !== null ? [e.loss] : []));
}

test('two processes on the same spec report the same loss at every step', async () => {
  const file = path.join(dir, 'spec.json');
  fs.writeFileSync(file, JSON.stringify(spec));
  const [a, b] = await Promise.all([stepLosses(file), stepLosses(file)]);
  expect(a).toHaveLength(4);
  expect(b).toHaveLength(4);
  // Multi-threaded native reductions may differ in the last bits; different weights or batches differ by far more.
  a.forEach((loss, i) => expect(Math.abs(loss - b[i]!) / loss, `step ${i + 1}: ${loss} vs ${b[i]}`).toBeLessThan(1e-6));
});
