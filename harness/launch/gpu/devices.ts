// The GPUs of this machine, as CUDA_VISIBLE_DEVICES limits them or nvidia-smi lists them, and the
// processes using each, so the local launcher can give each run its own GPU and warn when another
// program is using it. No GPU (no nvidia-smi) is an empty list, not an error.
import { execa } from 'execa';

/** One GPU: `id` is what CUDA_VISIBLE_DEVICES takes (an index or a UUID), `uuid` what nvidia-smi reports processes by. */
export interface Gpu {
  id: string;
  uuid: string | null;
}

/** The machine's GPUs as one look found them. */
export interface GpuSnapshot {
  /** The GPUs runs may use, in order. */
  gpus: Gpu[];
  /** The pids using each GPU, by UUID. */
  users: Map<string, number[]>;
}

/** What the launcher asks about GPUs, once per bench; tests give a fake. */
export type GpuProbe = () => Promise<GpuSnapshot>;

// A failed query (no nvidia-smi, no driver) lists nothing.
async function nvidiaSmi(query: string): Promise<string[][]> {
  const result = await execa('nvidia-smi', [query, '--format=csv,noheader'], { reject: false, stdin: 'ignore', stderr: 'ignore' });
  if (result.failed) return [];
  return result.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(',').map((field) => field.trim()));
}

/** The GPUs named by `cudaVisibleDevices` (when set), matched to `known` ones for their UUIDs. */
export function visibleGpus(cudaVisibleDevices: string | undefined, known: readonly Gpu[]): Gpu[] {
  if (cudaVisibleDevices === undefined) return [...known];
  const ids = cudaVisibleDevices
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  // CUDA stops at the first invalid entry; "-1" (or "") is the usual way to hide every GPU.
  const valid = ids.slice(0, ids.findIndex((id) => !/^(\d+|GPU-[\w-]+|MIG-[\w-/]+)$/.test(id)) >>> 0);
  return valid.map((id) => ({
    id,
    uuid: known.find((gpu) => gpu.id === id || gpu.uuid === id)?.uuid ?? (id.startsWith('GPU-') ? id : null),
  }));
}

/** This machine's GPUs through nvidia-smi, limited by CUDA_VISIBLE_DEVICES, and their users. */
export const nvidiaSmiProbe: GpuProbe = async () => {
  const [listed, apps] = await Promise.all([nvidiaSmi('--query-gpu=index,uuid'), nvidiaSmi('--query-compute-apps=gpu_uuid,pid')]);
  const known = listed.map(([index, uuid]) => ({ id: index!, uuid: uuid ?? null }));
  const users = new Map<string, number[]>();
  for (const [uuid, pid] of apps) users.set(uuid!, [...(users.get(uuid!) ?? []), Number(pid)]);
  return { gpus: visibleGpus(process.env.CUDA_VISIBLE_DEVICES, known), users };
};
