// Preflight: before any run starts, refuse what this machine cannot run, with the command that
// fixes it. Finds packages without loading them (TensorFlow stays out of this process) and
// probes PyTorch in a child Python.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { execaSync } from 'execa';
import { UsageError } from '../errors.js';
import type { LoadedSuite } from '../suite/index.js';
import type { Suite } from '../../schemas/index.js';
import { pythonCommand } from './worker-command.js';
import { GPU_BACKEND_HINT, NATIVE_SETUP_HINT } from './setup-hints.js';

/** A TF.js backend a suite can ask for (the suite schema's `backend`). */
export type SuiteBackend = NonNullable<Suite['backend']>;

// The worker repeats this when tfjs-node-gpu is installed but does not load.
/** What backend "tensorflow-gpu" needs and the exact command that installs it. */
const require = createRequire(import.meta.url);

// sambench's TensorFlow.js packages are optional peer dependencies: a project that installs
// sambench for its SAM optimizer alone does not get them, and `sambench bench` asks for them here.
/** The packages backend `name` loads, beyond sambench's own dependencies. */
function backendPackages(name: SuiteBackend): string[] {
  const union = ['@tensorflow/tfjs', '@tensorflow/tfjs-layers'];
  if (name === 'tensorflow') return [...union, '@tensorflow/tfjs-node'];
  if (name === 'wasm') return [...union, '@tensorflow/tfjs-backend-wasm'];
  return union;
}

function installed(pkg: string): boolean {
  try {
    // resolve() finds the package's entry file; it does not run it.
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

/** Why backend `name` cannot be used on this machine, found without loading it; null if its packages are installed. */
export function missingBackendPackage(name: SuiteBackend): string | null {
  if (name === 'tensorflow-gpu') return installed('@tensorflow/tfjs-node-gpu') ? null : GPU_BACKEND_HINT;
  const missing = backendPackages(name).filter((pkg) => !installed(pkg));
  if (missing.length === 0) return null;
  const native = missing.includes('@tensorflow/tfjs-node')
    ? ', with tfjs-node\'s own download script denied (`"allowScripts": { "@tensorflow/tfjs-node": false }` in package.json), then `npx sambench setup`'
    : '';
  return `backend "${name}" needs ${missing.join(', ')}: install ${missing.length === 1 ? 'it' : 'them'} with \`npm install ${missing.map((pkg) => `${pkg}@4.22.0`).join(' ')}\`${native}`;
}

/** The native binding file tfjs-node loads on this Node (node-pre-gyp's choice, as tfjs-node makes it). */
export function nativeBindingFile(): string {
  const manifest = require.resolve('@tensorflow/tfjs-node/package.json');
  const nodePreGyp = createRequire(manifest)('@mapbox/node-pre-gyp') as { find: (packageJson: string) => string };
  return nodePreGyp.find(manifest);
}

/**
 * Why backend "tensorflow" cannot load its native binding `bindingFile`, or null when it loads.
 * The binding is loaded in a child process, so TensorFlow stays out of this one (about a second).
 */
export function brokenNativeBinding(bindingFile = nativeBindingFile()): string | null {
  const needs = 'backend "tensorflow" needs the native TensorFlow binding of @tensorflow/tfjs-node';
  if (!fs.existsSync(bindingFile)) return `${needs}, and ${bindingFile} is missing: ${NATIVE_SETUP_HINT}`;
  const probe = execaSync(process.execPath, ['-e', `process.dlopen({ exports: {} }, ${JSON.stringify(bindingFile)})`], {
    reject: false,
    env: { TF_CPP_MIN_LOG_LEVEL: '3' },
  });
  if (probe.exitCode === 0) return null;
  const reason = /Error: (.*)/.exec(probe.stderr)?.[1] ?? probe.stderr.trim().split('\n').at(-1) ?? `exit code ${probe.exitCode}`;
  return `${needs}, and ${bindingFile} does not load (${reason}): ${NATIVE_SETUP_HINT}`;
}

// A Python that is not one (SAMBENCH_PYTHON=/bin/false) fails without a word: say how it ended,
// that it printed nothing, and which setting named it, never an empty reason.
/** What went wrong when `python` was asked to import torch: not found, killed, its last stderr line, or its exit status. */
function torchProbeFailure(
  python: string,
  probe: { exitCode?: number | undefined; signal?: string | undefined; stderr: string; failed: boolean },
): string {
  if (probe.failed && probe.exitCode === undefined && probe.signal === undefined) return `${python} not found`;
  const said = probe.stderr.trim().split('\n').at(-1)?.trim();
  if (said) return said;
  const ended = probe.signal ? `was killed by ${probe.signal}` : `exited with status ${probe.exitCode}`;
  const where = process.env.SAMBENCH_PYTHON === python ? ' (from SAMBENCH_PYTHON)' : '';
  return `\`${python} -c "import torch"\`${where} ${ended} and printed nothing, so it is not a Python with PyTorch`;
}

/** Why PyTorch runs cannot start here (no Python, no torch, no CUDA device), or null when they can. */
export function missingTorch(device: 'cpu' | 'cuda' = 'cpu', python = pythonCommand()): string | null {
  const probe = execaSync(python, ['-c', 'import torch; print(torch.cuda.is_available())'], { reject: false });
  if (probe.exitCode === 0) {
    return device === 'cuda' && probe.stdout.trim() !== 'True'
      ? `torch.device is "cuda", but PyTorch (${python}) sees no CUDA device here; use "cpu", or run on a GPU machine (--export the run specs to run them there)`
      : null;
  }
  const reason = torchProbeFailure(python, probe);
  return `framework "torch" needs Python with PyTorch (${reason}): run \`bash scripts/setup-python.sh\` (creates .venv with torch==2.13.0 from harness/requirements.txt), or set SAMBENCH_PYTHON to a Python that has torch`;
}

/**
 * Refuses, before any run starts, a suite this machine cannot run.
 * @throws UsageError (exit 2) naming the suite file and the command that fixes it;
 *   code `TORCH_MISSING`, `BACKEND_MISSING` or `NATIVE_MISSING`.
 * @param nativeBinding the tfjs-node binding backend "tensorflow" loads (another file in tests).
 */
export function preflight(loaded: LoadedSuite, nativeBinding?: string): void {
  const torch = loaded.suite.framework === 'torch';
  const backend = loaded.suite.backend!;
  const missing = torch ? missingTorch(loaded.suite.torch?.device ?? 'cpu') : missingBackendPackage(backend);
  if (missing) throw new UsageError(`${loaded.file}: ${missing}`, false, torch ? 'TORCH_MISSING' : 'BACKEND_MISSING');
  const broken = !torch && backend === 'tensorflow' ? brokenNativeBinding(nativeBinding) : null;
  if (broken) throw new UsageError(`${loaded.file}: ${broken}`, false, 'NATIVE_MISSING');
}
