// Preflight: before any run starts, refuse what this machine cannot run, with the command that
// fixes it. Finds packages without loading them (TensorFlow stays out of this process) and
// probes PyTorch in a child Python.
import { createRequire } from 'node:module';
import { execaSync } from 'execa';
import { UsageError } from '../errors.js';
import type { LoadedSuite } from '../suite/index.js';
import type { Suite } from '../../schemas/index.js';
import { pythonCommand } from './worker-command.js';

/** A TF.js backend a suite can ask for (the suite schema's `backend`). */
export type SuiteBackend = NonNullable<Suite['backend']>;

// The worker repeats this when tfjs-node-gpu is installed but does not load.
/** What backend "tensorflow-gpu" needs and the exact command that installs it. */
export const GPU_BACKEND_HINT =
  'backend "tensorflow-gpu" needs @tensorflow/tfjs-node-gpu: install it with `npm install @tensorflow/tfjs-node-gpu@4.22.0` ' +
  'on a Linux x86_64 machine with an NVIDIA GPU, CUDA 11.2 and cuDNN 8.1 (it runs libtensorflow 2.9.1); for newer CUDA use framework "torch"';

const require = createRequire(import.meta.url);

/** Why backend `name` cannot be used on this machine, found without loading it; null if its package is installed. */
export function missingBackendPackage(name: SuiteBackend): string | null {
  if (name !== 'tensorflow-gpu') return null;
  try {
    // resolve() finds the package's entry file; it does not run it.
    require.resolve('@tensorflow/tfjs-node-gpu');
    return null;
  } catch {
    return GPU_BACKEND_HINT;
  }
}

/** Why PyTorch runs cannot start here (no Python, no torch, no CUDA device), or null when they can. */
export function missingTorch(device: 'cpu' | 'cuda' = 'cpu', python = pythonCommand()): string | null {
  const probe = execaSync(python, ['-c', 'import torch; print(torch.cuda.is_available())'], { reject: false });
  if (probe.exitCode === 0) {
    return device === 'cuda' && probe.stdout.trim() !== 'True'
      ? `torch.device is "cuda", but PyTorch (${python}) sees no CUDA device here; use "cpu", or run on a GPU machine (--export the run specs to run them there)`
      : null;
  }
  const reason =
    probe.failed && probe.exitCode === undefined
      ? `${python} not found`
      : (probe.stderr.trim().split('\n').at(-1) ?? 'import torch failed');
  return `framework "torch" needs Python with PyTorch (${reason}): run \`bash scripts/setup-python.sh\` (creates .venv with torch==2.13.0 from harness/requirements.txt), or set SAMBENCH_PYTHON to a Python that has torch`;
}

/**
 * Refuses, before any run starts, a suite this machine cannot run.
 * @throws UsageError (exit 2) naming the suite file and the command that fixes it;
 *   code `TORCH_MISSING` or `BACKEND_MISSING`.
 */
export function preflight(loaded: LoadedSuite): void {
  const torch = loaded.suite.framework === 'torch';
  const missing = torch ? missingTorch(loaded.suite.torch?.device ?? 'cpu') : missingBackendPackage(loaded.suite.backend!);
  if (missing) throw new UsageError(`${loaded.file}: ${missing}`, false, torch ? 'TORCH_MISSING' : 'BACKEND_MISSING');
}
