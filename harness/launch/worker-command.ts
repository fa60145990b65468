// Which program runs a RunSpec: the TF.js worker under Node, or the PyTorch worker under
// Python (through torchrun for data-parallel runs).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../paths.js';
import type { RunSpec } from '../../schemas/index.js';

// The built TF.js worker: dist/harness/worker/main.js, next to this folder once compiled.
const TFJS_WORKER = fileURLToPath(new URL('../worker/main.js', import.meta.url));
// The PyTorch worker is plain Python and runs from the source tree.
const TORCH_WORKER = path.join(PROJECT_ROOT, 'harness', 'worker', 'torch', 'main.py');

/** The Python that runs PyTorch workers: $SAMBENCH_PYTHON, else the project's .venv, else python3. */
export function pythonCommand(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SAMBENCH_PYTHON) return env.SAMBENCH_PYTHON;
  const venv = path.join(PROJECT_ROOT, '.venv', 'bin', 'python');
  return fs.existsSync(venv) ? venv : 'python3';
}

/** The command line (without the spec file) that runs `spec`. */
export function workerCommand(spec: RunSpec, env: NodeJS.ProcessEnv = process.env): { command: string; args: string[] } {
  if (spec.framework === 'tfjs') return { command: process.execPath, args: [TFJS_WORKER] };
  const python = pythonCommand(env);
  const worldSize = spec.torch?.worldSize ?? 1;
  if (worldSize === 1) return { command: python, args: [TORCH_WORKER] };
  return { command: python, args: ['-m', 'torch.distributed.run', '--standalone', `--nproc_per_node=${worldSize}`, TORCH_WORKER] };
}
