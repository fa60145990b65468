import { afterEach, describe, expect, test, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { missingBackendPackage } from '../launch/preflight.js';
import { BackendUnavailableError, loadBackend } from './backend.js';

// Preflight's check, which finds the package without loading it.
const gpuPackageInstalled = missingBackendPackage('tensorflow-gpu') === null;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('loadBackend', () => {
  test('"tensorflow" runs on native libtensorflow (tfjs-node), not a fallback', async () => {
    const warn = vi.spyOn(console, 'warn');
    const info = await loadBackend('tensorflow');
    expect(tf.getBackend()).toBe('tensorflow');
    expect(info).toMatchObject({ name: 'tensorflow', active: 'tensorflow', representative: true, tfjsVersion: '4.22.0' });
    expect(info.nativeTensorflow).toMatch(/^2\.\d+\.\d+/);
    expect(info.nativeSource).not.toBeNull();
    expect(warn).not.toHaveBeenCalled();
    // A conv2d backward pass (what a CNN step needs) runs natively.
    const grad = tf.grad((x: tf.Tensor) => tf.sum(tf.conv2d(x as tf.Tensor4D, tf.ones<tf.Rank.R4>([3, 3, 1, 2]), 1, 'same')));
    expect(Array.from(grad(tf.ones([1, 4, 4, 1])).dataSync()).slice(0, 2)).toEqual([8, 12]);
  });

  test.each(['cpu', 'wasm'] as const)('"%s" works and warns that its timings are not representative', async (name) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const info = await loadBackend(name);
    expect(info).toMatchObject({ name, active: name, representative: false, nativeTensorflow: null });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`backend "${name}" is a TF.js fallback`));
    expect(Array.from(tf.matMul(tf.ones([2, 3]), tf.ones([3, 2])).dataSync())).toEqual([3, 3, 3, 3]);
  });

  test("in process it keeps TF.js' banner and warnings off the terminal (production mode); the worker's log keeps them", async () => {
    tf.env().set('PROD', false);
    await loadBackend('cpu', { quiet: false });
    expect(tf.env().getBool('PROD')).toBe(false);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await loadBackend('cpu');
    expect(tf.env().getBool('PROD')).toBe(true);
  });

  test.skipIf(gpuPackageInstalled)(
    `"tensorflow-gpu" without tfjs-node-gpu says how to install it and what CUDA it needs${gpuPackageInstalled ? ' (skipped: tfjs-node-gpu is installed)' : ''}`,
    async () => {
      const attempt = loadBackend('tensorflow-gpu');
      await expect(attempt).rejects.toBeInstanceOf(BackendUnavailableError);
      await expect(attempt).rejects.toThrow('npm install @tensorflow/tfjs-node-gpu@4.22.0');
      await expect(attempt).rejects.toThrow('CUDA 11.2 and cuDNN 8.1');
    },
  );

  test('an unknown name lists the valid ones', async () => {
    await expect(loadBackend('webgl' as never)).rejects.toThrow(
      'unknown backend "webgl"; expected one of tensorflow, tensorflow-gpu, wasm, cpu',
    );
  });
});
