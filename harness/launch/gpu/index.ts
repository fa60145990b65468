// Local multi-GPU: takes the machine's GPUs (CUDA_VISIBLE_DEVICES or nvidia-smi), gives a launcher
// that runs one GPU-using run per GPU at a time, each on its own device and CPUs; none with fewer than two GPUs.
import type { Launcher } from '../launcher.js';
import { launchOne } from '../launcher.js';
import { nvidiaSmiProbe, type GpuProbe } from './devices.js';
import { gpuPoolLauncher, slotsFor } from './gpu-pool.js';

export { nvidiaSmiProbe, visibleGpus, type Gpu, type GpuProbe } from './devices.js';
export { gpuPoolLauncher, slotsFor, type Slot, type StartRun } from './gpu-pool.js';

/** The multi-GPU launcher for this machine, or null when it has fewer than two GPUs (nothing changes then). */
export function localGpuLauncher(
  probe: GpuProbe = nvidiaSmiProbe,
  warn = (line: string) => console.error(`sambench: warning: ${line}`),
): Launcher | null {
  const slots = slotsFor(probe.list());
  return slots.length < 2 ? null : gpuPoolLauncher(slots, probe, launchOne, warn);
}
