import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { UsageError } from '../errors.js';
import type { LoadedSuite } from '../suite/index.js';
import { brokenNativeBinding, missingBackendPackage, missingTorch, nativeBindingFile, preflight } from './preflight.js';

const gpuPackageInstalled = (() => {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node-gpu');
    return true;
  } catch {
    return false;
  }
})();

// Only the keys preflight reads; the rest of a suite does not matter here.
function loaded(suite: Partial<LoadedSuite['suite']>): LoadedSuite {
  return { file: 'suites/x.json', dir: 'suites', suite: { name: 'x', ...suite } as LoadedSuite['suite'], runs: [], warnings: [] };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('missingBackendPackage', () => {
  test.each(['tensorflow', 'wasm', 'cpu'] as const)('"%s" ships with sambench: nothing missing', (name) => {
    expect(missingBackendPackage(name)).toBeNull();
  });

  test.skipIf(gpuPackageInstalled)(
    `"tensorflow-gpu" without tfjs-node-gpu prints the install command and the CUDA it needs${gpuPackageInstalled ? ' (skipped: tfjs-node-gpu is installed)' : ''}`,
    () => {
      const hint = missingBackendPackage('tensorflow-gpu');
      expect(hint).toContain('npm install @tensorflow/tfjs-node-gpu@4.22.0');
      expect(hint).toContain('CUDA 11.2 and cuDNN 8.1');
    },
  );
});

describe('missingTorch', () => {
  test('a Python that does not exist is named, with the set-up command', () => {
    const message = missingTorch('cpu', '/nonexistent/python3');
    expect(message).toContain('/nonexistent/python3 not found');
    expect(message).toContain('bash scripts/setup-python.sh');
  });
});

describe('preflight', () => {
  test('a native TF.js suite passes without loading TensorFlow', () => {
    expect(() => preflight(loaded({ framework: 'tfjs', backend: 'tensorflow' }))).not.toThrow();
  });

  test('a torch suite without PyTorch is a UsageError (exit 2) naming the suite file, without the usage text', () => {
    vi.stubEnv('SAMBENCH_PYTHON', '/nonexistent/python3');
    let error: unknown;
    try {
      preflight(loaded({ framework: 'torch' }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ code: 'TORCH_MISSING', exitCode: 2, showUsage: false });
    expect((error as Error).message).toMatch(/^suites\/x\.json: framework "torch" needs Python with PyTorch/);
  });
});

describe('brokenNativeBinding', () => {
  test('the binding tfjs-node loads here loads', () => {
    expect(brokenNativeBinding()).toBeNull();
  });

  test('a missing binding file is named, with the set-up command', () => {
    const message = brokenNativeBinding('/nonexistent/tfjs_binding.node');
    expect(message).toBe(
      'backend "tensorflow" needs the native TensorFlow binding of @tensorflow/tfjs-node, and /nonexistent/tfjs_binding.node is missing: ' +
        'run `npm run setup` (`npx sambench setup` in a project that depends on sambench; it installs libtensorflow, from the tensorflow-cpu wheel when Google storage is out of reach, and builds the binding)',
    );
  });

  test('a binding that does not load (not a shared object) says why, with the set-up command', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-binding-'));
    try {
      const file = path.join(dir, 'tfjs_binding.node');
      fs.writeFileSync(file, 'not a shared object');
      const message = brokenNativeBinding(file);
      expect(message).toContain(`${file} does not load (`);
      expect(message).toContain('run `npm run setup`');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('preflight stops a native TF.js suite whose binding is missing (exit 2, NATIVE_MISSING), before any run', () => {
    let error: unknown;
    try {
      preflight(loaded({ framework: 'tfjs', backend: 'tensorflow' }), path.join(path.dirname(nativeBindingFile()), 'gone.node'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ code: 'NATIVE_MISSING', exitCode: 2, showUsage: false });
    expect((error as Error).message).toMatch(
      /^suites\/x\.json: backend "tensorflow" needs the native TensorFlow binding .+ run `npm run setup`/,
    );
    expect(() => preflight(loaded({ framework: 'tfjs', backend: 'cpu' }), '/nonexistent/tfjs_binding.node')).not.toThrow();
  });
});

describe('missingTorch: a Python that fails without a word', () => {
  test('/bin/false: says it exited with status 1 and printed nothing, and what to do (never an empty reason)', () => {
    const message = missingTorch('cpu', '/bin/false');
    expect(message).not.toContain('()');
    expect(message).toContain(
      '`/bin/false -c "import torch"` exited with status 1 and printed nothing, so it is not a Python with PyTorch',
    );
    expect(message).toContain('bash scripts/setup-python.sh');
    expect(message).toContain('set SAMBENCH_PYTHON to a Python that has torch');
  });
});
