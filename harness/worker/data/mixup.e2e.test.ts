// MixUp draws the same in both workers: λ and the permutation of many (seed, step, alpha), and a
// whole augmented, mixed synthetic batch, bit for bit, from the TF.js data code and from
// harness/worker/pytorch (mixup.py, batches.py) run by .venv's Python.
import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { ResolvedDataset } from '../../../schemas/index.js';
import { PROJECT_ROOT } from '../../paths.js';
import { loadBackend } from '../backend.js';
import { loadTrainingData } from './index.js';
import { planMixup } from './mixup.js';

const PYTHON = path.join(PROJECT_ROOT, '.venv', 'bin', 'python');
const ALPHAS = [0.05, 0.2, 0.4, 1, 2, 4];

const DATASET: ResolvedDataset = {
  name: 'synthetic',
  path: null,
  batchSize: 6,
  shape: [4, 4, 2],
  classes: 3,
  samples: 15,
  augment: true,
  normalize: false,
  imageSize: null,
  onBadImage: 'skip',
  trainSubset: null,
  labelNoise: 0,
  mixup: { alpha: 0.4 },
};

const SCRIPT = `
import json, sys
from harness.worker.pytorch.mixup import plan_mixup
from harness.worker.pytorch.datasets import synthetic_samples
from harness.worker.pytorch.batches import TrainBatches
dataset = json.loads(sys.argv[1])
alphas = json.loads(sys.argv[2])
plans = []
for seed in range(1, 6):
    for step in range(1, 11):
        for alpha in alphas:
            p = plan_mixup(seed, step, 9, alpha)
            plans.append({"lambda": p.lam.hex(), "partners": p.partners.tolist()})
batches = TrainBatches(synthetic_samples(dataset, 3), dataset["batchSize"], 3, True, mixup=dataset["mixup"])
mixed = []
for step in (1, 2, 3):
    xs, ys = batches.arrays(step)
    mixed.append({"xs": [float(v).hex() for v in xs.ravel()], "ys": [float(v).hex() for v in ys.ravel()]})
print(json.dumps({"plans": plans, "batches": mixed}))
`;

// Python's float.hex() of a float64, from JS: exact, so equal strings mean equal bits.
function hex(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0x0.0p+0' : '0x0.0p+0';
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? '-' : '';
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const mantissa = (bits & 0xfffffffffffffn).toString(16).padStart(13, '0');
  return exponent === 0 ? `${sign}0x0.${mantissa}p-1022` : `${sign}0x1.${mantissa}p${exponent - 1023 >= 0 ? '+' : ''}${exponent - 1023}`;
}

beforeAll(async () => {
  await loadBackend('tensorflow');
});

test('λ, the permutation and a mixed batch are the same from both workers', async () => {
  if (!fs.existsSync(PYTHON)) throw new Error(`${PYTHON} is missing: run \`bash scripts/setup-python.sh\``);
  const { stdout } = await execa(PYTHON, ['-c', SCRIPT, JSON.stringify(DATASET), JSON.stringify(ALPHAS)], { cwd: PROJECT_ROOT });
  const torch = JSON.parse(stdout) as {
    plans: Array<{ lambda: string; partners: number[] }>;
    batches: Array<{ xs: string[]; ys: string[] }>;
  };
  const plans = [];
  for (let seed = 1; seed <= 5; seed++)
    for (let step = 1; step <= 10; step++)
      for (const alpha of ALPHAS) {
        const plan = planMixup(seed, step, 9, alpha);
        plans.push({ lambda: hex(plan.lambda), partners: [...plan.partners] });
      }
  expect(plans).toEqual(torch.plans);
  const data = await loadTrainingData(DATASET, 3);
  for (const [i, step] of [1, 2, 3].entries()) {
    const { xs, ys } = data.batch(step);
    expect({ xs: [...xs.dataSync()].map(hex), ys: [...ys.dataSync()].map(hex) }).toEqual(torch.batches[i]);
    tf.dispose([xs, ys]);
  }
});
