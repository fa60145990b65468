// The local multi-GPU scheduler on a faked device list: at most one GPU-using run per GPU at a time,
// each on its own device and CPUs, never overtaking the order given; a run without a GPU alone; a
// warning when a GPU a run gets is in use by another process. The machine is probed once per
// bench, and only when a run needs a GPU; without nvidia-smi it has no GPUs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { RunSpec } from '../../../schemas/index.js';
import { fakeSpec } from '../fixtures/spec.js';
import type { LaunchJob } from '../launcher.js';
import type { RunOutcome } from '../run-outcome.js';
import { nvidiaSmiProbe, visibleGpus, type Gpu, type GpuProbe } from './devices.js';
import { gpuPoolLauncher, slotsFor, type StartRun } from './gpu-pool.js';
import { localGpuLauncher } from './index.js';

const gpus: Gpu[] = [0, 1, 2].map((i) => ({ id: String(i), uuid: `GPU-${i}` }));
const spec = (id: string, device: 'cpu' | 'cuda', worldSize = 1): RunSpec => ({
  ...fakeSpec(id),
  framework: 'torch',
  torch: { device, worldSize, channelsLast: false, syncFirstGradient: false },
});

interface Started {
  id: string;
  devices: string | undefined;
  cpus: number[] | null;
  /** Runs under way when this one started (itself included). */
  alongside: string[];
}

// A fake start: each run takes a few ms; records what it got and what ran beside it.
function recorder() {
  const started: Started[] = [];
  const running = new Set<string>();
  const start: StartRun = async (job, _onEvent, env, cpus) => {
    running.add(job.spec.id);
    started.push({ id: job.spec.id, devices: env.CUDA_VISIBLE_DEVICES, cpus, alongside: [...running] });
    await new Promise((resolve) => setTimeout(resolve, 5 + (job.spec.id.length % 3) * 5));
    running.delete(job.spec.id);
    return { status: 'ok', runId: job.spec.id, events: [], wallMs: 1, warnings: [] } satisfies RunOutcome;
  };
  return { started, start };
}

const quiet = new Map<string, number[]>();
const hooks = { started: () => () => {}, ended: () => {} };
const jobs = (specs: RunSpec[]): LaunchJob[] => specs.map((s) => ({ spec: s, runsDir: '/tmp/runs' }));

describe('gpuPoolLauncher', () => {
  test('one run per GPU at a time, each pinned to its own device and its own CPUs; outcomes in order', async () => {
    const { started, start } = recorder();
    const launcher = gpuPoolLauncher(slotsFor(gpus, 6), quiet, start, () => {});
    const specs = ['a', 'bb', 'c', 'dd', 'e', 'ff', 'g'].map((id) => spec(id, 'cuda'));
    const outcomes = await launcher.launch(jobs(specs), hooks);
    expect(outcomes.map((o) => o.runId)).toEqual(specs.map((s) => s.id));
    expect(started.map((s) => s.id)).toEqual(specs.map((s) => s.id));
    expect(started.slice(0, 3).map((s) => [s.devices, s.cpus])).toEqual([
      ['0', [0, 1]],
      ['1', [2, 3]],
      ['2', [4, 5]],
    ]);
    for (const run of started) {
      expect(run.alongside.length).toBeLessThanOrEqual(3);
      const beside = started.filter((other) => other !== run && run.alongside.includes(other.id));
      for (const other of beside) {
        expect(other.devices).not.toBe(run.devices);
        expect(other.cpus!.filter((c) => run.cpus!.includes(c))).toEqual([]);
      }
    }
  });

  test('a data-parallel run takes as many GPUs as processes; a run without a GPU runs alone on every CPU', async () => {
    const { started, start } = recorder();
    const launcher = gpuPoolLauncher(slotsFor(gpus, 6), quiet, start, () => {});
    await launcher.launch(jobs([spec('one', 'cuda'), spec('ddp', 'cuda', 2), spec('cpu', 'cpu'), spec('two', 'cuda')]), hooks);
    const byId = new Map(started.map((s) => [s.id, s]));
    expect(byId.get('ddp')).toMatchObject({ devices: '1,2', cpus: [2, 3, 4, 5] });
    expect(byId.get('cpu')).toMatchObject({ devices: undefined, cpus: null, alongside: ['cpu'] });
    expect(byId.get('two')!.devices).toBe('0');
  });

  test('a GPU in use by another process is named in a warning', async () => {
    const { start } = recorder();
    const warnings: string[] = [];
    const busy = new Map([['GPU-1', [4242]]]);
    await gpuPoolLauncher(slotsFor(gpus, 6), busy, start, (line) => warnings.push(line)).launch(
      jobs([spec('a', 'cuda'), spec('b', 'cuda')]),
      hooks,
    );
    expect(warnings).toEqual(['GPU 1 given to run b is in use by another process (pid 4242): its timings may be off']);
  });
});

describe('the device list', () => {
  test('CUDA_VISIBLE_DEVICES limits and orders the GPUs; -1 hides them all', () => {
    expect(visibleGpus('2,0', gpus)).toEqual([gpus[2], gpus[0]]);
    expect(visibleGpus('GPU-1', gpus)).toEqual([{ id: 'GPU-1', uuid: 'GPU-1' }]);
    expect(visibleGpus('-1', gpus)).toEqual([]);
    expect(visibleGpus('', gpus)).toEqual([]);
    expect(visibleGpus(undefined, gpus)).toEqual(gpus);
  });

  test('fewer CPUs than GPUs: as many slots as CPUs', () => {
    expect(slotsFor(gpus, 2).map((s) => [s.gpu.id, s.cpus])).toEqual([
      ['0', [0]],
      ['1', [1]],
    ]);
  });
});

describe('localGpuLauncher', () => {
  afterEach(() => vi.restoreAllMocks());
  // A probe that counts its calls and finds `found`.
  const counting = (found: Gpu[]) => vi.fn<GpuProbe>(() => Promise.resolve({ gpus: found, users: new Map() }));

  test('no run needs a GPU: the machine is not probed and nothing changes', async () => {
    const probe = counting(gpus);
    expect(await localGpuLauncher([spec('a', 'cpu'), fakeSpec('tfjs')], probe)).toBeNull();
    expect(probe).not.toHaveBeenCalled();
  });

  test('a run needs a GPU: probed once for the whole bench; several GPUs give the pool, one gives nothing', async () => {
    vi.spyOn(os, 'availableParallelism').mockReturnValue(6);
    const probe = counting(gpus);
    const launcher = await localGpuLauncher([spec('a', 'cuda'), spec('b', 'cpu')], probe);
    expect(launcher?.name).toBe('local, 3 GPUs (0, 1, 2)');
    expect(probe).toHaveBeenCalledTimes(1);
    expect(await localGpuLauncher([spec('a', 'cuda')], counting([gpus[0]!]))).toBeNull();
  });
});

describe('nvidiaSmiProbe on a machine without nvidia-smi', () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-no-nvidia-smi-'));
  afterEach(() => vi.unstubAllEnvs());

  test('no GPUs and no users; CUDA_VISIBLE_DEVICES still names the devices', async () => {
    vi.stubEnv('PATH', empty);
    vi.stubEnv('CUDA_VISIBLE_DEVICES', undefined);
    expect(await nvidiaSmiProbe()).toEqual({ gpus: [], users: new Map() });
    vi.stubEnv('CUDA_VISIBLE_DEVICES', '0,1');
    expect((await nvidiaSmiProbe()).gpus).toEqual([
      { id: '0', uuid: null },
      { id: '1', uuid: null },
    ]);
  });
});
