// Time to verdict: the startup phases a real worker process reports (the built worker, needs
// `npm run build`) fit, with its log, inside its wall time. verdict-time.test.ts: the arithmetic.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { fakeSpec } from '../harness/launch/fixtures/spec.js';
import { PROJECT_ROOT } from '../harness/paths.js';
import type { RunSpec, WorkerEvent } from '../schemas/index.js';
import { runPhases } from './verdict-time.js';

const WORKER = path.join(PROJECT_ROOT, 'dist', 'harness', 'worker', 'main.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-verdict-time-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a real worker process reports its startup phases, and with its log they fit inside its wall time', async () => {
  const base = fakeSpec('startup', { warmup: 1, measured: 2 });
  const spec: RunSpec = {
    ...base,
    backend: 'tensorflow',
    dataset: { ...base.dataset, batchSize: 8, shape: [6, 6, 1], classes: 4, samples: 16 },
    sam: null,
    baselineId: null,
  };
  const file = path.join(dir, 'spec.json');
  fs.writeFileSync(file, JSON.stringify(spec));
  const started = performance.now();
  const { stdout } = await execa('node', [WORKER, file]);
  const wallSeconds = (performance.now() - started) / 1000;
  const events = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as WorkerEvent);
  const startup = events[0]?.type === 'env' ? events[0].startup : undefined;
  expect(startup).toBeDefined();
  // Node's boot and the worker's modules, then native TensorFlow: neither is ever free.
  expect(startup!.processMs).toBeGreaterThan(0);
  expect(startup!.frameworkMs).toBeGreaterThan(0);
  const phases = runPhases(events);
  const inProcess = Object.values(phases).reduce((sum, seconds) => sum + seconds, 0);
  expect(inProcess).toBeLessThanOrEqual(wallSeconds);
  expect(phases.measured).toBeGreaterThan(0);
});
