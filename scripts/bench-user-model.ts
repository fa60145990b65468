// `npm run bench:user-model`: the cost of bringing your own model. The same architecture, small-cnn
// (CIFAR-shaped input, batch 128), built in and loaded as a user's model, timed side by side in one
// process: TF.js's built-in against a model.json that model.save wrote of it and the worker's
// loader read back (the tfjs-layers source), and in PyTorch (scripts/bench_user_model_torch.py) the
// built-in against the network written out by a `python` factory. Plain momentum SGD and SAM steps
// of all models interleave, so a noisy machine's drift hits all alike. Target: user / built-in
// per-step time ≤ 1.02, judged from the ratio's 95 % interval.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { layersWeightFiles, modelDigest, sha256Hex, type UserModel } from '../schemas/index.js';
import { READ_LIMITS, readRegularFile } from '../harness/read-file.js';
import { SAM } from '../harness/sam/index.js';
import { textTable } from '../harness/report/format.js';
import { computeStatistics, ratioOfMedians, toSamples, type RatioEstimate, type Samples } from '../harness/stats/index.js';
import { loadBackend } from '../harness/worker/backend.js';
import { buildUserModel } from '../harness/worker/models/user-model.js';
import { intOption, runPythonTwin } from './bench-args.js';
import { BENCH_INPUT, buildBenchModel, lossOf, syntheticBatch, timedStep, type TimedStep } from './bench-model.js';
import { targetVerdict } from './target-verdict.js';

const RHO = 0.05;
/** The most a user's model may cost per step over the same built-in architecture. */
const TARGET = 1.02;
const ORIGINS = ['builtin', 'user'] as const;
const KINDS = ['base', 'sam'] as const;
type Series = Record<string, Samples>;

// model.save (tfjs-node's file:// handler) writes the built-in model; the worker's loader reads it back.
async function savedAndLoaded(builtin: tfl.LayersModel, dir: string): Promise<tfl.LayersModel> {
  await builtin.save(`file://${dir}`);
  const modelJson = path.join(dir, 'model.json');
  const text = readRegularFile(modelJson, { what: 'a model.json', maxBytes: READ_LIMITS.model }).toString('utf8');
  const files = [modelJson, ...layersWeightFiles(modelJson, text)].map((file) => ({
    path: file,
    sha256: sha256Hex(readRegularFile(file, { what: 'a model file', maxBytes: READ_LIMITS.model })),
  }));
  const model: UserModel = {
    source: 'tfjs-layers',
    name: 'small-cnn model.json',
    path: modelJson,
    export: null,
    factory: null,
    args: {},
    sha256: modelDigest(files),
  };
  const { shape, classes } = BENCH_INPUT;
  return (await buildUserModel({ model, inputShape: [...shape], classes, seed: 0 })).model;
}

async function measureTfjs(batch: number, steps: number, warmup: number): Promise<Series> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-user-model-'));
  const [x, y] = syntheticBatch(batch);
  const models = { builtin: buildBenchModel('small-cnn'), user: await savedAndLoaded(buildBenchModel('small-cnn'), dir) };
  const optimizers: tf.Optimizer[] = [];
  const run: Record<string, TimedStep> = {};
  for (const origin of ORIGINS) {
    const base = tf.train.momentum(0.01, 0.9);
    const sam = new SAM(tf.train.momentum(0.01, 0.9), { rho: RHO, interval: 1 });
    optimizers.push(base, sam);
    run[`${origin} base`] = timedStep(base, lossOf(models[origin], x, y));
    run[`${origin} sam`] = timedStep(sam, lossOf(models[origin], x, y));
  }
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(run).map((k) => [k, []]));
  for (let i = 0; i < warmup + steps; i++) {
    for (const [kind, step] of Object.entries(run)) {
      const ms = await step();
      if (i >= warmup) times[kind]!.push(ms);
    }
  }
  tf.dispose([x, y]);
  [...optimizers, models.builtin, models.user].forEach((d) => d.dispose());
  fs.rmSync(dir, { recursive: true, force: true });
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, toSamples(v, `tfjs ${k}`)]));
}

async function measureTorch(batch: number, steps: number, warmup: number): Promise<Series | { skipped: string }> {
  const run = await runPythonTwin('bench_user_model_torch.py', ['--batch', `${batch}`, '--steps', `${steps}`, '--warmup', `${warmup}`]);
  if ('skipped' in run) return run;
  const { ms } = JSON.parse(run.stdout) as { ms: Record<string, number[]> };
  return Object.fromEntries(Object.entries(ms).map(([k, v]) => [k.replace('-', ' '), toSamples(v, `torch ${k}`)]));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      steps: { type: 'string', default: '30' },
      warmup: { type: 'string', default: '5' },
      batch: { type: 'string', default: '128' },
    },
  });
  const steps = intOption('steps', values.steps, 1);
  const warmup = intOption('warmup', values.warmup, 0);
  const batch = intOption('batch', values.batch, 1);
  const info = await loadBackend('tensorflow');
  const frameworks: [string, Series | { skipped: string }][] = [
    [`TF.js (${info.active})`, await measureTfjs(batch, steps, warmup)],
    ['PyTorch (cpu)', await measureTorch(batch, steps, warmup)],
  ];
  console.log(`small-cnn, batch ${batch}, ${steps} measured + ${warmup} warm-up steps per kind, SAM rho ${RHO}, interleaved`);
  console.log(`CPU: ${os.cpus()[0]?.model ?? 'unknown'} x ${os.cpus().length} cores; node ${process.version}\n`);
  const rows: string[][] = [];
  const ratios: [string, RatioEstimate][] = [];
  for (const [framework, measured] of frameworks) {
    if (typeof measured.skipped === 'string') {
      console.log(`${framework} skipped: ${measured.skipped}\n`);
      continue;
    }
    const series = measured as Series;
    for (const [kind, samples] of Object.entries(series)) {
      const s = computeStatistics(samples);
      rows.push([framework, kind, s.median.toFixed(2), `${s.p10.toFixed(2)}–${s.p90.toFixed(2)}`, `${s.n}`]);
    }
    for (const kind of KINDS)
      ratios.push([`${framework} ${kind}: user / built-in`, ratioOfMedians(series[`user ${kind}`]!, series[`builtin ${kind}`]!)]);
  }
  console.log(
    textTable(['framework', 'model and step', 'median ms', 'p10–p90 ms', 'n'], rows, ['left', 'left', 'right', 'right', 'right']),
  );
  console.log(`\nper-step time, user's model / built-in (ratio of medians, 95% bootstrap CI); target ≤ ${TARGET}`);
  for (const [name, r] of ratios) {
    console.log(
      `  ${name.padEnd(36)} ${r.ratio.toFixed(3)}  [${r.ci95[0].toFixed(3)}, ${r.ci95[1].toFixed(3)}]  ${targetVerdict(r, TARGET)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
