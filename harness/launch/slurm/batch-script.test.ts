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

  test('runs of several world sizes: every task gets the GPUs of the largest, each runs its own world size', () => {
    const specs = [torch('base-ws1', 'cuda', 1), torch('base-ws4', 'cuda', 4), torch('base-ws2', 'cuda', 2)];
    expect(sbatchOptions(job(specs))).toContain('--gpus-per-task=4');
    const script = batchScript(job(specs));
    expect(script).toMatch(/ {2}0\) id=base-ws1; .* -m harness\.worker\.pytorch\.main ;;/);
    expect(script).not.toMatch(/ {2}0\) .*nproc_per_node/);
    expect(script).toMatch(/ {2}1\) id=base-ws4; .* --nproc_per_node=4 -m harness\.worker\.pytorch\.main ;;/);
    expect(script).toMatch(/ {2}2\) id=base-ws2; .* --nproc_per_node=2 -m harness\.worker\.pytorch\.main ;;/);
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

// A path or setting that would end an #SBATCH line, or a shell line, is refused with exit 2,
// naming where it came from and the character; every word of a shell line is quoted.
describe('batchScript refuses what would end a line or a word', () => {
  // The error `make` throws: its exit code, stable code and message.
  const refusal = (make: () => unknown) => {
    try {
      make();
    } catch (error) {
      const { exitCode, code, message } = error as { exitCode: number; code: string; message: string };
      return { exitCode, code, message };
    }
    throw new Error('expected batchScript to refuse');
  };

  test.each([
    ['a newline', '/shared/out\nrm -rf ~', /^--out \(its Slurm log folder .*\) holds a newline \(U\+000A\)/],
    ['a carriage return', '/shared/out\r', /^--out \(its Slurm log folder .*\) holds a carriage return \(U\+000D\)/],
  ])('%s in --out (the log folder): CONTROL_CHARACTER', (_, dir, message) => {
    const error = refusal(() => batchScript({ ...job([torch('a', 'cpu')]), logDir: `${dir}/slurm` }));
    expect(error).toMatchObject({ exitCode: 2, code: 'CONTROL_CHARACTER' });
    expect(error.message).toMatch(message);
  });

  test.each([
    ['a space', '/shared/my out', ' '],
    ['a quote', `/shared/it's`, "'"],
    ['a #', '/shared/#1', '#'],
  ])('%s in --out (the log folder): SBATCH_VALUE', (_, dir, found) => {
    const error = refusal(() => batchScript({ ...job([torch('a', 'cpu')]), logDir: `${dir}/slurm` }));
    expect(error).toMatchObject({ exitCode: 2, code: 'SBATCH_VALUE' });
    expect(error.message).toMatch(/^--out \(its Slurm log folder .*\) holds /);
    expect(error.message).toContain(`holds ${JSON.stringify(found)}, which an #SBATCH line cannot take`);
  });

  test.each([
    ['partition', 'gpu\n#SBATCH --wrap=x', /^launch\.slurm\.partition \(or --partition\) holds a newline/],
    ['partition', 'gpu long', /^launch\.slurm\.partition \(or --partition\) holds " "/],
    ['account', 'ml#x', /^launch\.slurm\.account \(or --account\) holds "#"/],
    ['gres', 'gpu:"a100":1', /^launch\.slurm\.gres holds "\\""/],
    ['memory', '32G\r', /^launch\.slurm\.memory holds a carriage return/],
  ])('an #SBATCH value in launch.slurm.%s', (key, value, message) => {
    const error = refusal(() => batchScript(job([torch('a', 'cuda')], { [key]: value })));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(message);
  });

  test('a newline in the runs folder (a shell line) is refused too', () => {
    const specs = [torch('a', 'cpu')];
    const error = refusal(() => batchScript({ ...job(specs), jobs: specs.map((spec) => ({ spec, runsDir: '/shared/a\nb/runs' })) }));
    expect(error).toMatchObject({ exitCode: 2, code: 'CONTROL_CHARACTER' });
    expect(error.message).toMatch(/^--out \(its runs folder\) holds a newline/);
  });

  test('a space, a quote, $(…) and non-ASCII in the runs folder stay inside one quoted word', () => {
    const specs = [torch('a', 'cpu')];
    const runsDir = `/shared/my out/it's/$(touch pwned)/日本/runs`;
    const script = batchScript({ ...job(specs), jobs: specs.map((spec) => ({ spec, runsDir })) });
    expect(script).toContain(`\nruns='/shared/my out/it'\\''s/$(touch pwned)/日本/runs'\n`);
    // Every line is the script's own: the #SBATCH block is unbroken and no line is the user's path.
    const lines = script.split('\n');
    expect(lines.filter((l) => l.startsWith('#SBATCH')).length).toBe(sbatchOptions(job(specs)).length);
    expect(lines.findIndex((l) => !l.startsWith('#'))).toBeGreaterThan(lines.findLastIndex((l) => l.startsWith('#SBATCH')));
  });
});
