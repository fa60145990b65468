// The batch script sbatch gets: its #SBATCH lines from the suite's launch.slurm and time limit,
// and array task i running the i-th run's worker on its spec.
import { describe, expect, test } from 'vitest';
import type { RunSpec } from '../../../schemas/index.js';
import { fakeSpec } from '../fixtures/spec.js';
import { batchScript, sbatchOptions, timeLimitMinutes, type BatchJob } from './batch-script.js';

const torch = (id: string, device: 'cpu' | 'cuda', worldSize = 1): RunSpec => ({
  ...fakeSpec(id, { warmup: 1, measured: 1 }),
  framework: 'torch',
  timeoutSeconds: 900,
  torch: { device, worldSize, channelsLast: false, syncFirstGradient: false },
});
const job = (specs: RunSpec[], settings: Partial<BatchJob['settings']> = {}): BatchJob => ({
  name: 'sambench-x',
  jobs: specs.map((spec) => ({ spec, runsDir: '/shared/out/runs' })),
  logDir: '/shared/out/slurm',
  settings: { exclusive: true, ...settings },
});

describe('sbatchOptions', () => {
  test('defaults: one array task per run, a node each, the run timeout in minutes', () => {
    expect(sbatchOptions(job([torch('a', 'cpu'), torch('b', 'cpu')]))).toEqual([
      '--job-name=sambench-x',
      '--array=0-1',
      '--output=/shared/out/slurm/%A_%a.log',
      '--time=15',
      '--ntasks=1',
      '--exclusive',
    ]);
  });

  test('the suite’s resources, a throttle, and a GPU per data-parallel process on CUDA', () => {
    const settings = {
      cpusPerTask: 8,
      memory: '32G',
      partition: 'gpu',
      account: 'ml',
      qos: 'short',
      exclusive: false,
      maxConcurrentTasks: 2,
    };
    expect(sbatchOptions(job([torch('a', 'cuda', 4)], settings))).toEqual([
      '--job-name=sambench-x',
      '--array=0-0%2',
      '--output=/shared/out/slurm/%A_%a.log',
      '--time=15',
      '--ntasks=1',
      '--cpus-per-task=8',
      '--mem=32G',
      '--gpus-per-task=4',
      '--partition=gpu',
      '--account=ml',
      '--qos=short',
    ]);
    expect(sbatchOptions(job([torch('a', 'cuda')], { gres: 'gpu:a100:1' }))).toContain('--gres=gpu:a100:1');
    expect(sbatchOptions(job([torch('a', 'cuda')], { gres: 'gpu:a100:1' })).some((o) => o.startsWith('--gpus-per-task'))).toBe(false);
  });

  test.each([
    [1, 1],
    [60, 1],
    [61, 2],
    [900, 15],
  ])('a %i s run timeout is a %i minute limit', (seconds, minutes) => {
    expect(timeLimitMinutes(seconds)).toBe(minutes);
  });
});

describe('batchScript', () => {
  test('task i runs the i-th run with its worker, stdout and stderr beside its spec', () => {
    const script = batchScript(job([torch('base-s0', 'cpu'), torch("it's", 'cpu')]));
    expect(script).toMatch(/^#!\/bin\/bash\n#SBATCH --job-name=sambench-x\n/);
    expect(script).toContain('unset SAMBENCH_LAUNCHER_PID');
    expect(script).toMatch(/ {2}0\) id=base-s0; export PYTHONPATH=\S+; set -- \S+ -m harness\.worker\.pytorch\.main ;;/);
    expect(script).toContain(`  1) id='it'\\''s';`);
    expect(script).toContain('exec "$@" "$runs/$id.spec.json" >"$runs/$id.worker.out" 2>"$runs/$id.stderr.log"');
  });
});
