// Local multi-GPU: when a run of the bench needs a GPU, takes the machine's GPUs (CUDA_VISIBLE_DEVICES
// or nvidia-smi) once, and gives a launcher that runs one GPU-using run per GPU at a time, each on
// its own device and CPUs; none without a GPU run or with fewer than two GPUs.
import type { RunSpec } from '../../../schemas/index.js';
import type { Launcher } from '../launcher.js';
import { launchOne } from '../launcher.js';
import { gpusNeeded } from '../worker-command.js';
import { nvidiaSmiProbe, type GpuProbe } from './devices.js';
import { gpuPoolLauncher, slotsFor } from './gpu-pool.js';
import { printErr } from '../../terminal-output.js';

export { nvidiaSmiProbe, visibleGpus, type Gpu, type GpuProbe, type GpuSnapshot } from './devices.js';
export { gpuPoolLauncher, slotsFor, type Slot, type StartRun } from './gpu-pool.js';

/**
 * The multi-GPU launcher for `specs` on this machine, or null (nothing changes then) when none of
 * them needs a GPU (the machine is not probed) or the machine has fewer than two GPUs.
 */
export async function localGpuLauncher(
  specs: readonly RunSpec[],
  probe: GpuProbe = nvidiaSmiProbe,
  warn = (line: string) => printErr(`sambench: warning: ${line}`),
): Promise<Launcher | null> {
  if (!specs.some((spec) => gpusNeeded(spec) > 0)) return null;
  const { gpus, users } = await probe();
  const slots = slotsFor(gpus);
  return slots.length < 2 ? null : gpuPoolLauncher(slots, users, launchOne, warn);
}
