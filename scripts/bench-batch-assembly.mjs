// Measures assembleBatch on the main thread: one training batch of CIFAR-shaped bytes (default
// 128 × 32 × 32 × 3) gathered, standardised and, unless --no-augment, pad-crop-flipped.
// A script, not a test (no timing assertions): `node scripts/bench-batch-assembly.mjs
// [--batch 128] [--size 32] [--reps 300] [--no-augment]`. Prints median, p10 and p90 in ms.
import { parseArgs } from 'node:util';
import { assembleBatch } from '../harness/worker/data/batch-assembly.mjs';

const { values: args } = parseArgs({
  options: {
    batch: { type: 'string', default: '128' },
    size: { type: 'string', default: '32' },
    samples: { type: 'string', default: '10000' },
    reps: { type: 'string', default: '300' },
    'no-augment': { type: 'boolean', default: false },
  },
});
const [batch, side, count, reps] = [args.batch, args.size, args.samples, args.reps].map(Number);
const augment = !args['no-augment'];
const sampleSize = side * side * 3;

// Deterministic filler (LCG): the timing does not depend on the pixel values.
let state = 1;
const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
const values = new Uint8Array(new SharedArrayBuffer(count * sampleSize)).map(() => next() & 255);
const labels = Uint8Array.from({ length: count }, () => next() % 10);
const source = {
  values,
  labels,
  inputShape: [side, side, 3],
  classes: 10,
  scale: 1 / 255,
  mean: [0.49, 0.48, 0.45],
  std: [0.25, 0.24, 0.26],
};

const plan = () => ({
  indices: Uint32Array.from({ length: batch }, () => next() % count),
  crops: augment ? Uint8Array.from({ length: 3 * batch }, (_, k) => (k % 3 === 2 ? next() & 1 : next() % 9)) : null,
});

for (let i = 0; i < 30; i++) assembleBatch(source, plan()); // warm-up: let the JIT settle
const ms = [];
for (let i = 0; i < reps; i++) {
  const p = plan();
  const start = performance.now();
  assembleBatch(source, p);
  ms.push(performance.now() - start);
}
ms.sort((a, b) => a - b);
const q = (f) => ms[Math.min(ms.length - 1, Math.floor(f * ms.length))].toFixed(2);
console.log(
  `assembleBatch ${batch} × [${side}, ${side}, 3], augment ${augment}, normalised: ` +
    `median ${q(0.5)} ms (p10 ${q(0.1)}, p90 ${q(0.9)}) over ${reps} batches`,
);
