// Selects a TF.js backend by name and reports what is really running underneath it.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { GPU_BACKEND_HINT, NATIVE_SETUP_HINT } from '../launch/setup-hints.js';
import { registerBatchNormKernels, useNativeKernels } from './native-kernels.js';

/** Backends a suite or script can ask for. */
export const BACKEND_NAMES = ['tensorflow', 'tensorflow-gpu', 'wasm', 'cpu'] as const;
/** A backend name: native TensorFlow on CPU or GPU, or one of TF.js' own fallbacks. */
export type BackendName = (typeof BACKEND_NAMES)[number];

/** What a loaded backend is, for the event stream and reports. */
export interface BackendInfo {
  name: BackendName;
  /** The TF.js backend actually active (`tf.getBackend()`). */
  active: string;
  tfjsVersion: string;
  /** Version of the native libtensorflow under tfjs-node, or null for pure-JS / wasm backends. */
  nativeTensorflow: string | null;
  /** Where the native library came from (`scripts/setup-native.mjs`' record), if known. */
  nativeSource: string | null;
  /** False for the pure-JS and wasm fallbacks: their timings say nothing about native speed. */
  representative: boolean;
}

const require = createRequire(import.meta.url);

/** Raised when a backend cannot be loaded; the message says what to install or run. */
export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
}

/** How a backend is loaded. */
export interface LoadOptions {
  /**
   * Keep TF.js' own console messages (its "Hi, looks like you are running TensorFlow.js in
   * Node.js" banner, its warnings) to itself: true where the process's stderr is the user's
   * terminal (tests, scripts, library use); the worker passes false, since its stderr is the
   * run's stderr log, which keeps whatever TF.js says. (libtensorflow's own oneDNN line is
   * written before its logging starts and ignores TF_CPP_MIN_LOG_LEVEL.)
   * @default true
   */
  quiet?: boolean;
}

/** Loads and activates a backend; prints a warning to stderr for the non-representative ones. */
export async function loadBackend(name: BackendName, { quiet = true }: LoadOptions = {}): Promise<BackendInfo> {
  if (!(BACKEND_NAMES as readonly string[]).includes(name)) {
    throw new BackendUnavailableError(`unknown backend "${String(name)}"; expected one of ${BACKEND_NAMES.join(', ')}`);
  }
  if (name === 'tensorflow' || name === 'tensorflow-gpu') loadNative(name);
  else {
    // The TF.js union package registers the gradient kernels (tfjs-node imports it too).
    await import('@tensorflow/tfjs');
    if (name === 'wasm') await importWasm();
  }
  // TF.js prints its banner and warnings only outside production mode, a flag that gates nothing else.
  if (quiet) tf.env().set('PROD', true);
  const active = name.startsWith('tensorflow') ? 'tensorflow' : name;
  if (!(await tf.setBackend(active))) throw new BackendUnavailableError(`TF.js could not initialise backend "${active}"`);
  await tf.ready();
  const representative = active === 'tensorflow';
  if (representative) {
    useNativeKernels(true);
    registerBatchNormKernels();
  }
  if (!representative) {
    console.warn(
      `sambench: backend "${name}" is a TF.js fallback; its step times are not representative of native TensorFlow (use "tensorflow").`,
    );
  }
  return {
    name,
    active: tf.getBackend(),
    tfjsVersion: tf.version_core,
    nativeTensorflow: representative ? nativeVersion() : null,
    nativeSource: representative ? nativeSource(name) : null,
    representative,
  };
}

function loadNative(name: 'tensorflow' | 'tensorflow-gpu'): void {
  const pkg = name === 'tensorflow' ? '@tensorflow/tfjs-node' : '@tensorflow/tfjs-node-gpu';
  // libtensorflow's INFO lines (oneDNN, CPU features) drown the run's own output.
  process.env.TF_CPP_MIN_LOG_LEVEL ??= '1';
  try {
    // require, not import(): an import() of this CommonJS package has Node scan its sources for
    // named exports first, about 0.1-0.2 s more in every worker process (the side effect, the
    // backend's registration, is all that is needed here).
    require(pkg);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    if (name === 'tensorflow-gpu') throw new BackendUnavailableError(`${GPU_BACKEND_HINT} (${reason})`, { cause: error });
    throw new BackendUnavailableError(
      `native TensorFlow for backend "tensorflow" does not load (${reason}). ${capitalised(NATIVE_SETUP_HINT)}.`,
      {
        cause: error,
      },
    );
  }
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

async function importWasm(): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const distDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  wasm.setWasmPaths(`${distDir}${path.sep}`);
}

function nativeVersion(): string | null {
  const binding = (tf.backend() as unknown as { binding?: { TF_Version?: string } }).binding;
  return binding?.TF_Version ?? null;
}

function nativeSource(name: BackendName): string | null {
  const pkg = name === 'tensorflow' ? '@tensorflow/tfjs-node' : '@tensorflow/tfjs-node-gpu';
  try {
    const record = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'deps', 'sambench-native.json');
    const parsed = JSON.parse(fs.readFileSync(record, 'utf8')) as { source?: string; wheel?: string };
    return parsed.wheel ?? parsed.source ?? null;
  } catch {
    return null;
  }
}
