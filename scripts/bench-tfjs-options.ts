// `npm run bench:options [-- --model small-cnn|resnet20 --steps 15 --rounds 4 --native-lib DIR]`:
// TF.js speed options, each measured side by side in one run, as ratios of median base-step times
// (95% bootstrap intervals) against the default.
// - Settings libtensorflow reads when it loads (oneDNN, another native library) need a process
//   each: child processes run alternately, A B A B …, and an ONEDNN_VERBOSE=1 child per setting
//   counts the oneDNN primitives a step executes (0 means oneDNN is not used through the binding).
// - Options inside one process (fused conv+bias+relu vs separate ops, tf.tidy around the loss,
//   reading the loss every step vs every 10th) alternate step by step here.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import * as tf from '@tensorflow/tfjs-core';
import { loadBackend } from '../harness/worker/backend.js';
import { useNativeKernels } from '../harness/worker/native-kernels.js';
import { textTable } from '../harness/report/format.js';
import { median, ratioOfMedians, toSamples } from '../harness/stats/index.js';
import { intOption } from './bench-args.js';
import {
  buildBenchModel,
  lossOf,
  parseBenchModel,
  syntheticBatch,
  timedStep,
  timeSteps,
  type BenchModel,
  type TimedStep,
} from './bench-model.js';

const RESULT = 'SAMBENCH_RESULT ';
const READ_EVERY = 10;

interface Config {
  model: BenchModel;
  steps: number;
  rounds: number;
  batch: number;
  nativeLib: string | null;
  child: boolean;
}

function parseConfig(): Config {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'small-cnn' },
      steps: { type: 'string', default: '15' },
      rounds: { type: 'string', default: '4' },
      batch: { type: 'string', default: '128' },
      'native-lib': { type: 'string' },
      child: { type: 'boolean', default: false },
    },
  });
  return {
    model: parseBenchModel(values.model),
    steps: intOption('steps', values.steps, 1),
    rounds: intOption('rounds', values.rounds, 1),
    batch: intOption('batch', values.batch, 1),
    nativeLib: values['native-lib'] ?? null,
    child: values.child,
  };
}

/** A model, its batch and optimizer, and one timed base step (loss read back). */
async function setUp(config: Config): Promise<{ step: TimedStep; native: string }> {
  const info = await loadBackend('tensorflow');
  const [x, y] = syntheticBatch(config.batch);
  const model = buildBenchModel(config.model);
  const step = timedStep(tf.train.momentum(0.01, 0.9), lossOf(model, x, y));
  return { step, native: info.nativeTensorflow ?? '?' };
}

// The child: 3 warm-up steps, then `steps` timed ones, printed as one marked JSON line.
async function child(config: Config): Promise<void> {
  const { step, native } = await setUp(config);
  const ms = await timeSteps(step, 3, config.steps);
  console.log(RESULT + JSON.stringify({ ms, native }));
}

interface ProcessVariant {
  name: string;
  env: Record<string, string>;
}

async function runChild(
  config: Config,
  variant: ProcessVariant,
  steps: number,
  verbose = false,
): Promise<{ ms: number[]; native: string; stdout: string }> {
  const script = fileURLToPath(import.meta.url);
  const args = [script, '--child', '--model', config.model, '--batch', `${config.batch}`, '--steps', `${steps}`];
  const env = { ...variant.env, ...(verbose ? { ONEDNN_VERBOSE: '1' } : {}) };
  const result = await execa(process.execPath, args, { env, reject: false });
  const line = result.stdout.split('\n').find((l) => l.startsWith(RESULT));
  if (result.failed || line === undefined)
    throw new Error(`${variant.name}: child failed (${result.shortMessage ?? ''})\n${result.stderr.slice(-2000)}`);
  return { ...(JSON.parse(line.slice(RESULT.length)) as { ms: number[]; native: string }), stdout: result.stdout };
}

// oneDNN primitives executed in one verbose step, by kind: "convolution" 18, …
function onednnPrimitives(stdout: string): string {
  const kinds = new Map<string, number>();
  for (const line of stdout.split('\n')) {
    const fields = line.split(',');
    if (!/^(onednn|dnnl)_verbose$/.test(fields[0] ?? '') || !fields.includes('exec')) continue;
    const kind = fields[fields.indexOf('exec') + 2] ?? '?';
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return kinds.size === 0 ? 'none' : [...kinds].map(([k, n]) => `${k} ${n}`).join(', ');
}

type Row = [string, string, string, string, string];
const fmt = (x: number): string => x.toFixed(2);

function ratioRow(name: string, variant: number[], reference: number[], note: string): Row {
  const r = ratioOfMedians(toSamples(variant, name), toSamples(reference, 'reference'));
  return [name, fmt(median(variant)), fmt(r.ratio), `[${fmt(r.ci95[0])}, ${fmt(r.ci95[1])}]`, note];
}

async function processVariants(config: Config): Promise<Row[]> {
  const variants: ProcessVariant[] = [
    { name: 'default (oneDNN on)', env: {} },
    { name: 'TF_ENABLE_ONEDNN_OPTS=0', env: { TF_ENABLE_ONEDNN_OPTS: '0' } },
    { name: 'TF_ENABLE_MKL_NATIVE_FORMAT=0', env: { TF_ENABLE_ONEDNN_OPTS: '1', TF_ENABLE_MKL_NATIVE_FORMAT: '0' } },
  ];
  if (config.nativeLib !== null) variants.push({ name: `LD_LIBRARY_PATH=${config.nativeLib}`, env: { LD_LIBRARY_PATH: config.nativeLib } });
  const primitives = new Map<string, string>();
  for (const v of variants) {
    const { stdout, native } = await runChild(config, v, 1, true);
    primitives.set(v.name, `TF ${native}; oneDNN primitives per step: ${onednnPrimitives(stdout)}`);
  }
  const times = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (let round = 0; round < config.rounds; round++) {
    // A B C A B C …, the order reversed every other round so no setting always follows another.
    const order = round % 2 === 0 ? variants : [...variants].reverse();
    for (const v of order) times.get(v.name)!.push(...(await runChild(config, v, config.steps)).ms);
  }
  const reference = times.get(variants[0]!.name)!;
  return variants.map((v) => ratioRow(v.name, times.get(v.name)!, reference, primitives.get(v.name)!));
}

// Runs the tasks in turn, `rounds` times; each call returns one sample (ms).
async function alternate(tasks: Record<string, () => Promise<number>>, rounds: number): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = Object.fromEntries(Object.keys(tasks).map((k) => [k, []]));
  for (let i = 0; i < rounds; i++) for (const [name, task] of Object.entries(tasks)) out[name]!.push(await task());
  return out;
}

// small-cnn's two convs (bias + relu), forward + backward: one fused op vs conv2d → add → relu.
async function fusedConv(config: Config): Promise<Row> {
  const shapes = [
    { x: [config.batch, 32, 32, 3], filter: [3, 3, 3, 32] },
    { x: [config.batch, 15, 15, 32], filter: [3, 3, 32, 64] },
  ] as const;
  const layers = shapes.map(({ x, filter }) => ({
    x: tf.randomNormal<tf.Rank.R4>([...x]),
    filter: tf.variable(tf.randomNormal<tf.Rank.R4>([...filter], 0, 0.1)),
    bias: tf.variable(tf.zeros<tf.Rank.R1>([filter[3]])),
  }));
  const timed = (conv: (l: (typeof layers)[number]) => tf.Tensor) => async () => {
    const start = performance.now();
    for (const l of layers) {
      const { value, grads } = tf.variableGrads(() => conv(l).sum(), [l.filter, l.bias]);
      await value.data();
      tf.dispose([value, ...Object.values(grads)]);
    }
    return performance.now() - start;
  };
  const fused = timed((l) => tf.fused.conv2d({ x: l.x, filter: l.filter, strides: 1, pad: 'valid', bias: l.bias, activation: 'relu' }));
  const separate = timed((l) => tf.relu(tf.add(tf.conv2d(l.x, l.filter, 1, 'valid'), l.bias)));
  await alternate({ fused, separate }, 3);
  const t = await alternate({ fused, separate }, config.steps * config.rounds);
  tf.dispose(layers.flatMap((l) => [l.x, l.filter, l.bias]));
  return ratioRow('separate conv2d → add → relu (vs fused)', t.separate!, t.fused!, "small-cnn's 2 conv layers, fwd+bwd");
}

async function inProcessVariants(config: Config): Promise<Row[]> {
  const { step } = await setUp(config);
  for (let i = 0; i < 3; i++) await step();
  // Per step, over a block of READ_EVERY steps: the loss read back every step, or only the last one's.
  const block = (readEach: boolean) => async () => {
    let ms = 0;
    for (let i = 0; i < READ_EVERY; i++) ms += await step(readEach || i === READ_EVERY - 1);
    return ms / READ_EVERY;
  };
  const blocks = Math.max(3, Math.ceil((config.steps * config.rounds) / READ_EVERY));
  const reads = await alternate({ every: block(true), last: block(false) }, blocks);
  const rows = [
    ratioRow(`loss read every ${READ_EVERY}th step (vs every step)`, reads.last!, reads.every!, `per-step mean of ${blocks} blocks each`),
  ];
  // The ReLU derivative: tfjs-node's Step kernel against harness/worker/native-kernels.ts' (the default).
  const withKernels = (on: boolean) => async () => {
    useNativeKernels(on);
    return step();
  };
  const kernels = await alternate({ ours: withKernels(true), theirs: withKernels(false) }, config.steps * config.rounds);
  useNativeKernels(true);
  rows.push(ratioRow("tfjs-node's Step, tfjs-core's ReLU gradient (vs sambench's)", kernels.theirs!, kernels.ours!, 'same bytes out'));
  rows.push(await fusedConv(config));
  return rows;
}

async function main(): Promise<void> {
  const config = parseConfig();
  if (config.child) return child(config);
  console.log(
    `model ${config.model}, batch ${config.batch}; base steps (momentum SGD), ${config.steps} per process × ${config.rounds} rounds\n`,
  );
  const rows = [...(await processVariants(config)), ...(await inProcessVariants(config))];
  const header = ['option', 'median ms', 'ratio', '95% CI', 'note'];
  console.log(textTable(header, rows, ['left', 'right', 'right', 'right', 'left']));
  console.log('\nratio = median(option) / median(its reference); < 1 is faster. NHWC is the only conv2d layout tfjs-node runs on CPU.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
