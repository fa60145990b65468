// Describes the machine and software a run measured on, for its `env` event.
import os from 'node:os';
import type { BackendInfo } from './backend.js';
import { injectedSlowdown } from './injected-slowdown.js';
import type { EnvEvent } from '../../schemas/index.js';

/** The Slurm job, array task and node a run ran as, from the variables Slurm sets; undefined outside Slurm. */
export function slurmIds(env: NodeJS.ProcessEnv): EnvEvent['slurm'] {
  const jobId = env.SLURM_JOB_ID;
  if (jobId === undefined) return undefined;
  const ids: NonNullable<EnvEvent['slurm']> = { jobId, nodeName: env.SLURMD_NODENAME ?? os.hostname() };
  const task = env.SLURM_ARRAY_TASK_ID;
  if (env.SLURM_ARRAY_JOB_ID !== undefined && task !== undefined && /^\d+$/.test(task)) {
    ids.arrayJobId = env.SLURM_ARRAY_JOB_ID;
    ids.arrayTaskId = Number(task);
  }
  return ids;
}

// libtensorflow sizes its intra-op pool from TF_NUM_INTRAOP_THREADS (0: its own choice), else from
// the CPUs it may use. A value that is not a whole number is recorded as a note, never as a
// number it is not: the env event stays valid whatever the variable holds.
/** The `threads` of the env event, or a note saying why it is unknown. */
export function intraOpThreads(env: NodeJS.ProcessEnv, cpus: number): { threads: number } | { note: string } {
  const raw = env.TF_NUM_INTRAOP_THREADS;
  if (raw === undefined || raw.trim() === '') return { threads: cpus };
  if (/^\s*\d+\s*$/.test(raw)) return { threads: Number(raw) || cpus };
  return {
    note: `TF_NUM_INTRAOP_THREADS is ${JSON.stringify(raw)}, not a whole number ≥ 0: how many threads libtensorflow uses is unknown`,
  };
}

/** The `env` event of a run; `model` says which model it trained (source, name, and a user's files with their hashes). */
export function environmentEvent(runId: string, backend: BackendInfo, parameters: number, model?: EnvEvent['model']): EnvEvent {
  const cpus = os.cpus();
  const slurm = slurmIds(process.env);
  const threads = intraOpThreads(process.env, os.availableParallelism());
  return {
    type: 'env',
    runId,
    framework: 'tfjs',
    backend: backend.active,
    representative: backend.representative,
    injectedSlowdown: injectedSlowdown(),
    node: process.version,
    tfjs: backend.tfjsVersion,
    nativeTensorflow: backend.nativeTensorflow,
    nativeSource: backend.nativeSource,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ...('threads' in threads ? { threads: threads.threads } : { notes: [threads.note] }),
    gpu: null,
    platform: `${os.platform()}-${os.arch()}`,
    hostname: os.hostname(),
    ...(process.env.CUDA_VISIBLE_DEVICES !== undefined ? { visibleDevices: process.env.CUDA_VISIBLE_DEVICES } : {}),
    ...(slurm ? { slurm } : {}),
    ...(model ? { model } : {}),
    parameters,
  };
}
