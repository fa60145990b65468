// Which program runs a RunSpec: the TF.js worker under Node, or the PyTorch worker under
// Python (through torchrun for data-parallel runs).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../paths.js';
import type { RunSpec } from '../../schemas/index.js';

// The built TF.js worker: dist/harness/worker/main.js, next to this folder once compiled.
const TFJS_WORKER = fileURLToPath(new URL('../worker/main.js', import.meta.url));
// The PyTorch worker is plain Python run from the source tree, as a module of the project root's
// `harness` package (pyproject.toml): with the root on PYTHONPATH it starts from any folder, and
// torchrun's `-m` starts the same module in every worker process.
const TORCH_WORKER_MODULE = 'harness.worker.pytorch.main';

/** The Python that runs PyTorch workers: $SAMBENCH_PYTHON, else the project's .venv, else python3. */
export function pythonCommand(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SAMBENCH_PYTHON) return env.SAMBENCH_PYTHON;
  const venv = path.join(PROJECT_ROOT, '.venv', 'bin', 'python');
  return fs.existsSync(venv) ? venv : 'python3';
}

/** A worker program: `command ...args <specFile>`, with `env` added to the parent's environment. */
export interface WorkerCommand {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/** GPUs a run uses: one per data-parallel process for torch on CUDA, one for TF.js on tensorflow-gpu, else none. */
export function gpusNeeded(spec: RunSpec): number {
  if (spec.framework === 'torch') return spec.torch?.device === 'cuda' ? spec.torch.worldSize : 0;
  return spec.backend === 'tensorflow-gpu' ? 1 : 0;
}

/** The command line (without the spec file) that runs `spec`. */
export function workerCommand(spec: RunSpec, env: NodeJS.ProcessEnv = process.env): WorkerCommand {
  if (spec.framework === 'tfjs') return { command: process.execPath, args: [TFJS_WORKER] };
  const python = pythonCommand(env);
  const pythonPath = { PYTHONPATH: [PROJECT_ROOT, env.PYTHONPATH].filter(Boolean).join(path.delimiter) };
  const worldSize = spec.torch?.worldSize ?? 1;
  if (worldSize === 1) return { command: python, args: ['-m', TORCH_WORKER_MODULE], env: pythonPath };
  const torchrun = ['-m', 'torch.distributed.run', '--standalone', `--nproc_per_node=${worldSize}`];
  return { command: python, args: [...torchrun, '-m', TORCH_WORKER_MODULE], env: pythonPath };
}

// --export prints how to start each run's worker on another machine: the same program and
// arguments as workerCommand, as a person types them from the root of a sambench checkout there.
/** The command line (spec file not included) that runs `spec` from the project root: `node dist/…/main.js`, or `python -m …`. */
export function portableWorkerCommand(spec: RunSpec): string[] {
  const { command, args } = workerCommand(spec, { SAMBENCH_PYTHON: 'python' });
  const program = spec.framework === 'tfjs' ? 'node' : command;
  return [program, ...args.map((arg) => (path.isAbsolute(arg) ? path.relative(PROJECT_ROOT, arg).split(path.sep).join('/') : arg))];
}

/** A path or word as a POSIX shell reads it back, quoted only when it needs to be. */
export const shellWord = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
