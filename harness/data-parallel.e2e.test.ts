// matrix.worldSize [1, 2] × matrix.syncFirstGradient [false, true] through the built CLI: a tiny torch
// suite (synthetic data, an MLP, 2 + 20 steps, no evaluation, no baselines, to keep it under a minute
// on two cores: data-parallel.test.ts expands those) gives one SAM run at world size 1 (nothing to
// sync) and two at 2, which all finish; the ws2 runs train on two ranks (every step reports two
// workers' times), and the synced SAM run trains differently from the unsynced one (which perturbs
// with each rank's local gradient).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { cliIn, readCsv } from './fixtures/cli-process.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-data-parallel-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const suite = {
  name: 'data-parallel',
  framework: 'torch',
  model: { name: 'mlp' },
  dataset: { name: 'synthetic', shape: [8], classes: 4, samples: 256, batchSize: 16 },
  optimizer: { learningRate: 0.1 },
  steps: { warmup: 2, measured: 20 },
  sam: { rho: 0.5 },
  baseline: false,
  matrix: { worldSize: [1, 2], syncFirstGradient: [false, true] },
};

// The workers' step times of each measured step of a run (`workersMs`, one per rank; absent on one worker).
function workersPerStep(runs: string, id: string): (number | undefined)[] {
  const events = fs
    .readFileSync(path.join(runs, `${id}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { type: string; warmup?: boolean; workersMs?: number[] });
  return events.filter((e) => e.type === 'step' && !e.warmup).map((e) => e.workersMs?.length);
}

test('one SAM run at 1 worker, an unsynced and a synced one at 2 on two ranks, which train differently', async () => {
  const file = path.join(dir, 'suite.json');
  fs.writeFileSync(file, JSON.stringify(suite));
  const out = path.join(dir, 'out');
  const result = await cliIn(dir)(file, '--out', out);
  expect(result.exitCode, result.all).toBe(0);
  const summary = readCsv(path.join(out, 'summary.csv'));
  const rows = summary.map((r) => [r.run_id, r.status, r.spec_torch_world_size, r.spec_torch_sync_first_gradient]);
  expect(rows).toEqual([
    ['sam-k1-rho0.5-bs16-lr0.1-s0', 'ok', '1', 'false'],
    ['sam-k1-rho0.5-ws2-bs16-lr0.1-s0', 'ok', '2', 'false'],
    ['sam-k1-rho0.5-ws2-sync-bs16-lr0.1-s0', 'ok', '2', 'true'],
  ]);
  const runs = path.join(out, 'runs');
  for (const { run_id: id, spec_torch_world_size: worldSize } of summary)
    expect(workersPerStep(runs, id!), id).toEqual(Array(20).fill(worldSize === '2' ? 2 : undefined));
  const loss = (id: string) => Number(summary.find((r) => r.run_id === id)!.final_loss);
  expect(loss('sam-k1-rho0.5-ws2-sync-bs16-lr0.1-s0')).not.toBe(loss('sam-k1-rho0.5-ws2-bs16-lr0.1-s0'));
  expect(readCsv(path.join(out, 'configurations.csv')).map((c) => c.configuration)).toEqual([
    'SAM k=1 rho=0.5 bs=16 lr=0.1',
    'SAM k=1 rho=0.5 bs=16 lr=0.1 ws=2',
    'SAM k=1 rho=0.5 bs=16 lr=0.1 ws=2 sync',
  ]);
});
