// The worker stops when the launcher that started it is gone (no orphans after a kill -9): the
// built worker (dist/, npm run build), started with a launcher pid that has exited.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { LAUNCHER_PID_ENV } from '../../schemas/index.js';
import { deadPid } from '../fixtures/os-fixtures.js';
import { fakeSpec } from '../launch/fixtures/spec.js';
import { PROJECT_ROOT } from '../paths.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-launcher-watch-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a worker whose launcher is gone stops within seconds instead of training on', async () => {
  const worker = path.join(PROJECT_ROOT, 'dist', 'harness', 'worker', 'main.js');
  if (!fs.existsSync(worker)) throw new Error(`${worker} is missing: build first (npm run build)`);
  const spec = { ...fakeSpec('orphan', { warmup: 0, measured: 1_000_000 }), sam: null, baselineId: null };
  const file = path.join(dir, 'orphan.spec.json');
  fs.writeFileSync(file, JSON.stringify(spec));
  const result = await execa('node', [worker, file], { reject: false, timeout: 60_000, env: { [LAUNCHER_PID_ENV]: String(deadPid()) } });
  expect(result.timedOut).toBe(false);
  expect(result.exitCode).toBe(1);
  expect(result.stderr).toContain('the launcher that started this run is gone; stopping');
});
