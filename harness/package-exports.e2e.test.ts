// The package entry works for a plain Node ESM script: `import { SAM } from 'sambench'`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { expect, test } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

test("a Node ESM script inside the project can `import { SAM } from 'sambench'` and train with it", async () => {
  const script = path.join(root, 'dist', `exports-check-${process.pid}.mjs`);
  fs.writeFileSync(
    script,
    `import { SAM, loadBackend } from 'sambench';
import * as tf from '@tensorflow/tfjs-node';
const info = await loadBackend('tensorflow');
const w = tf.variable(tf.tensor1d([1, 2]));
const sam = new SAM(tf.train.sgd(0.1), { rho: 0.05 });
const loss = sam.minimize(() => tf.sum(tf.square(w)), true, [w]);
console.log(JSON.stringify({ backend: info.active, sam: sam.lastStepWasSam, loss: loss.dataSync()[0] }));
`,
  );
  try {
    const { stdout } = await execa('node', [script], { cwd: root });
    expect(JSON.parse(stdout)).toEqual({ backend: 'tensorflow', sam: true, loss: 5 });
  } finally {
    fs.rmSync(script);
  }
});
