// The PyTorch worker (harness/worker/pytorch/datasets.py), run in .venv's Python, draws the same
// training subset and the same noisy labels as training-split.ts, so both frameworks train alike.
import path from 'node:path';
import { execa } from 'execa';
import { expect, test } from 'vitest';
import { PROJECT_ROOT } from '../../paths.js';
import { addLabelNoise, subsetIndices } from './training-split.js';

const labelsOf = (n: number, classes: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7) % classes);

// The PyTorch worker's own draws, for the same seeds: equal, element by element.
test('the PyTorch worker draws the same subset and the same noisy labels', async () => {
  const python = path.join(PROJECT_ROOT, '.venv', 'bin', 'python');
  const script = [
    'import json, numpy as np',
    'from harness.worker.pytorch.datasets import add_label_noise, subset_indices',
    'labels = (np.arange(3000) * 7 % 10).astype(np.uint8)',
    'noisy, noise = add_label_noise(labels, 10, 0.4, 11)',
    'print(json.dumps({"subset": subset_indices(60000, 5000, 11).tolist(), "noisy": noisy.tolist(), "noise": noise}))',
  ].join('\n');
  const { stdout } = await execa(python, ['-c', script], { cwd: PROJECT_ROOT });
  const torch = JSON.parse(stdout) as { subset: number[]; noisy: number[]; noise: unknown };
  expect(torch.subset).toEqual([...subsetIndices(60_000, 5000, 11)]);
  const ours = addLabelNoise(labelsOf(3000, 10), 10, 0.4, 11);
  expect(torch.noisy).toEqual([...ours.labels]);
  expect(torch.noise).toEqual(ours.noise);
});
