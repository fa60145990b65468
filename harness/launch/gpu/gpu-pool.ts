// Local runs on a machine with several GPUs: up to one GPU-using run per GPU at a time, each with
// CUDA_VISIBLE_DEVICES set to its own device(s) and pinned (taskset) to its own share of the CPUs,
// so runs that share a CPU are never timed at once (docs/cluster-and-gpus.md). A run that uses no GPU
// runs alone, on every CPU, as the sequential launcher would run it.
import os from 'node:os';
import type { WorkerEvent } from '../../../schemas/index.js';
import type { LaunchHooks, LaunchJob, Launcher } from '../launcher.js';
import type { RunOutcome } from '../run-outcome.js';
import { gpusNeeded } from '../worker-command.js';
import type { Gpu } from './devices.js';

/** One place to run: a GPU and the CPUs that go with it. */
export interface Slot {
  gpu: Gpu;
  /** CPU numbers, as taskset -c takes them. */
  cpus: number[];
}

/** Starts one job with extra environment, pinned to `cpus` when given (the real one: launchOne under taskset). */
export type StartRun = (
  job: LaunchJob,
  onEvent: (event: WorkerEvent) => void,
  env: Record<string, string>,
  cpus: number[] | null,
) => Promise<RunOutcome>;

/** One slot per GPU, the CPUs split between them in contiguous blocks; fewer slots than GPUs when CPUs are fewer. */
export function slotsFor(gpus: readonly Gpu[], cpuCount: number = os.availableParallelism()): Slot[] {
  const count = Math.min(gpus.length, cpuCount);
  const per = Math.floor(cpuCount / Math.max(count, 1));
  return gpus.slice(0, count).map((gpu, i) => ({ gpu, cpus: Array.from({ length: per }, (_, c) => i * per + c) }));
}

/**
 * A launcher that runs jobs in the order given, each GPU-using one as soon as enough slots are free
 * (never overtaking an earlier job), each non-GPU one alone. `warn` gets a line when a GPU a run
 * was given was in use by a process not started here (`users`, pids by GPU UUID, as the bench began).
 */
export function gpuPoolLauncher(
  slots: readonly Slot[],
  users: ReadonlyMap<string, readonly number[]>,
  start: StartRun,
  warn: (line: string) => void,
): Launcher {
  return {
    name: `local, ${slots.length} GPUs (${slots.map((s) => s.gpu.id).join(', ')})`,
    async launch(jobs: readonly LaunchJob[], hooks: LaunchHooks) {
      const outcomes: RunOutcome[] = [];
      let free = [...slots];
      const running = new Set<Promise<void>>();
      for (const [index, job] of jobs.entries()) {
        const gpuRun = gpusNeeded(job.spec) > 0;
        const need = gpuRun ? Math.min(gpusNeeded(job.spec), slots.length) : slots.length;
        while (free.length < need) await Promise.race(running);
        const taken = free.slice(0, need);
        free = free.slice(need);
        const env: Record<string, string> = gpuRun ? { CUDA_VISIBLE_DEVICES: taken.map((s) => s.gpu.id).join(',') } : {};
        if (gpuRun) warnIfBusy(job.spec.id, taken, users, warn);
        const cpus = gpuRun ? taken.flatMap((s) => s.cpus) : null;
        const run = start(job, hooks.started(index), env, cpus).then((outcome) => {
          outcomes[index] = outcome;
          hooks.ended(index, outcome);
          free = slots.filter((s) => free.includes(s) || taken.includes(s));
          running.delete(run);
        });
        running.add(run);
      }
      await Promise.all(running);
      return outcomes;
    },
  };
}

function warnIfBusy(
  runId: string,
  taken: readonly Slot[],
  users: ReadonlyMap<string, readonly number[]>,
  warn: (line: string) => void,
): void {
  for (const { gpu } of taken) {
    const pids = gpu.uuid ? (users.get(gpu.uuid) ?? []) : [];
    if (pids.length > 0)
      warn(`GPU ${gpu.id} given to run ${runId} is in use by another process (pid ${pids.join(', ')}): its timings may be off`);
  }
}
