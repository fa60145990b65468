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
  /** The folder it starts in; the parent's when absent. */
  cwd?: string;
}

/** GPUs a run uses: one per data-parallel process for torch on CUDA, one for TF.js on tensorflow-gpu, else none. */
export function gpusNeeded(spec: RunSpec): number {
  if (spec.framework === 'torch') return spec.torch?.device === 'cuda' ? spec.torch.worldSize : 0;
  return spec.backend === 'tensorflow-gpu' ? 1 : 0;
}

// `root` is another sambench checkout (`sambench ab` runs each revision's own worker): its built
// TF.js worker, or its Python sources first on PYTHONPATH with the same Python. A torch worker of
// another checkout also starts in that folder, since `python -m` puts the current folder ahead of
// PYTHONPATH and the current folder may be this checkout.
/** The command line (without the spec file) that runs `spec` with the worker of the checkout at `root` (default: this one). */
export function workerCommand(spec: RunSpec, env: NodeJS.ProcessEnv = process.env, root?: string): WorkerCommand {
  if (spec.framework === 'tfjs') return { command: process.execPath, args: [root === undefined ? TFJS_WORKER : builtTfjsWorker(root)] };
  const python = pythonCommand(env);
  const pythonPath = { PYTHONPATH: [root ?? PROJECT_ROOT, env.PYTHONPATH].filter(Boolean).join(path.delimiter) };
  const where = root === undefined ? {} : { cwd: root };
  const worldSize = spec.torch?.worldSize ?? 1;
  if (worldSize === 1) return { command: python, args: ['-m', TORCH_WORKER_MODULE], env: pythonPath, ...where };
  const torchrun = ['-m', 'torch.distributed.run', '--standalone', `--nproc_per_node=${worldSize}`];
  return { command: python, args: [...torchrun, '-m', TORCH_WORKER_MODULE], env: pythonPath, ...where };
}

/** The built TF.js worker of the sambench checkout at `root` (`npm run build` there made it). */
export function builtTfjsWorker(root: string): string {
  return path.join(root, 'dist', 'harness', 'worker', 'main.js');
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
