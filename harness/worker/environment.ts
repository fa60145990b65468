// Describes the machine and software a run measured on, for its `env` event.
import os from 'node:os';
import type { BackendInfo } from './backend.js';
import { injectedSlowdown } from './injected-slowdown.js';
import type { EnvEvent } from '../../schemas/index.js';

/** The `env` event of a run. */
export function environmentEvent(runId: string, backend: BackendInfo, parameters: number): EnvEvent {
  const cpus = os.cpus();
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
    // libtensorflow sizes its intra-op pool from TF_NUM_INTRAOP_THREADS, else from the CPUs it may use.
    threads: Number(process.env.TF_NUM_INTRAOP_THREADS) || os.availableParallelism(),
    gpu: null,
    platform: `${os.platform()}-${os.arch()}`,
    hostname: os.hostname(),
    parameters,
  };
}
