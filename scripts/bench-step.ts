// `npm run bench:step [-- --model small-cnn|resnet20]`: times single training steps of a model
// (the worker's builders, CIFAR-shaped input, batch 128), plain momentum SGD vs. SAM, on a TF.js
// backend and (when installed) on PyTorch CPU in the same run, and checks the targets.
// Each sample is one step, from a ready batch to the loss read back; base and SAM steps alternate.
import os from 'node:os';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { BACKEND_NAMES, loadBackend, type BackendName } from '../harness/worker/backend.js';
import { SAM } from '../harness/sam/index.js';
import { textTable } from '../harness/report/format.js';
import {
  computeStatistics,
  ratioOfMedians,
  toSamples,
  type RatioEstimate as Ratio,
  type Samples,
  type Statistics,
} from '../harness/stats/index.js';
import { measureSamOverhead, overheadTable, type OverheadRow } from './sam-overhead.js';
import { intOption, runPythonTwin } from './bench-args.js';
import { targetVerdict } from './target-verdict.js';
import { buildBenchModel, lossOf, parseBenchModel, syntheticBatch, timedStep, type BenchModel, type TimedStep } from './bench-model.js';

const RHO = 0.05;
// The targets (the one place they live): TF.js base within 1.2x of PyTorch's, and a SAM
// step at most 2.05 base steps in either framework.
const TARGETS = { tfjsOverTorchBase: 1.2, samOverBase: 2.05 } as const;
const KINDS = ['base', 'sam'] as const;
type Kind = (typeof KINDS)[number];
type Timings = Record<Kind, Samples>;

interface Config {
  model: BenchModel;
  steps: number;
  warmup: number;
  batch: number;
  backend: BackendName;
  threads: number | null;
  json: boolean;
}

function parseConfig(): Config {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'small-cnn' },
      steps: { type: 'string', default: '30' },
      warmup: { type: 'string', default: '5' },
      batch: { type: 'string', default: '128' },
      backend: { type: 'string', default: 'tensorflow' },
      threads: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!(BACKEND_NAMES as readonly string[]).includes(values.backend)) {
    throw new Error(`--backend must be one of ${BACKEND_NAMES.join(', ')}; got "${values.backend}"`);
  }
  return {
    model: parseBenchModel(values.model),
    steps: intOption('steps', values.steps, 1),
    warmup: intOption('warmup', values.warmup, 0),
    batch: intOption('batch', values.batch, 1),
    backend: values.backend as BackendName,
    threads: values.threads === undefined ? null : intOption('threads', values.threads, 1),
    json: values.json,
  };
}

async function measureTfjs(config: Config): Promise<{ times: Timings; leakedTensors: number; overhead: OverheadRow[] }> {
  const [x, y] = syntheticBatch(config.batch);
  const baseModel = buildBenchModel(config.model);
  const samModel = buildBenchModel(config.model); // same seed: identical starting point
  const baseOpt = tf.train.momentum(0.01, 0.9);
  const samOpt = new SAM(tf.train.momentum(0.01, 0.9), { rho: RHO, interval: 1 });
  const run: Record<Kind, TimedStep> = {
    base: timedStep(baseOpt, lossOf(baseModel, x, y)),
    sam: timedStep(samOpt, lossOf(samModel, x, y)),
  };
  const times: Record<Kind, number[]> = { base: [], sam: [] };
  let tensorsAfterWarmup = 0;
  for (let i = 0; i < config.warmup + config.steps; i++) {
    if (i === config.warmup) tensorsAfterWarmup = tf.memory().numTensors;
    for (const kind of KINDS) {
      const ms = await run[kind]();
      if (i >= config.warmup) times[kind].push(ms);
    }
  }
  const leakedTensors = tf.memory().numTensors - tensorsAfterWarmup;
  const { variables, lossFn } = lossOf(baseModel, x, y);
  const overhead = await measureSamOverhead({ variables, loss: lossFn, rho: RHO });
  tf.dispose([x, y]);
  [baseOpt, samOpt, baseModel, samModel].forEach((d) => d.dispose());
  return { times: { base: toSamples(times.base, 'tfjs base'), sam: toSamples(times.sam, 'tfjs sam') }, leakedTensors, overhead };
}

type TorchRun = { version: string; threads: number; times: Timings } | { skipped: string };

// Runs the PyTorch twin in a child process (no shell), or says why it was skipped.
async function measureTorch(config: Config): Promise<TorchRun> {
  const args = ['--model', config.model, '--batch', `${config.batch}`, '--steps', `${config.steps}`, '--warmup', `${config.warmup}`];
  if (config.threads !== null) args.push('--threads', `${config.threads}`);
  const run = await runPythonTwin('bench_step_torch.py', args);
  if ('skipped' in run) return run;
  try {
    const out = JSON.parse(run.stdout) as { version: string; threads: number; base_ms: number[]; sam_ms: number[] };
    return {
      version: out.version,
      threads: out.threads,
      times: { base: toSamples(out.base_ms, 'torch base'), sam: toSamples(out.sam_ms, 'torch sam') },
    };
  } catch (error) {
    return { skipped: `bench_step_torch.py printed unusable output (${error instanceof Error ? error.message : String(error)})` };
  }
}

async function main(): Promise<void> {
  const config = parseConfig();
  const info = await loadBackend(config.backend);
  const tfjs = await measureTfjs(config);
  const torch = await measureTorch(config);
  const torchTimes = 'times' in torch ? torch.times : null;

  const stats: { framework: string; step: Kind; stats: Statistics; samples: Samples }[] = [];
  const frameworks: [string, Timings | null][] = [
    [`tfjs-${info.active}`, tfjs.times],
    ['torch-cpu', torchTimes],
  ];
  for (const [framework, times] of frameworks) {
    for (const step of KINDS) if (times) stats.push({ framework, step, stats: computeStatistics(times[step]), samples: times[step] });
  }
  const ratios: Record<string, Ratio> = { 'TF.js SAM / TF.js base': ratioOfMedians(tfjs.times.sam, tfjs.times.base) };
  if (torchTimes) {
    ratios['PyTorch SAM / PyTorch base'] = ratioOfMedians(torchTimes.sam, torchTimes.base);
    ratios['TF.js base / PyTorch base'] = ratioOfMedians(tfjs.times.base, torchTimes.base);
    ratios['TF.js SAM / PyTorch SAM'] = ratioOfMedians(tfjs.times.sam, torchTimes.sam);
  }
  const vsTorch = ratios['TF.js base / PyTorch base'];
  const targets = [
    {
      target: `TF.js base step ≤ ${TARGETS.tfjsOverTorchBase}x PyTorch base step`,
      result: vsTorch ? targetVerdict(vsTorch, TARGETS.tfjsOverTorchBase) : 'not measured (PyTorch skipped)',
    },
    { target: `TF.js SAM / base ≤ ${TARGETS.samOverBase}`, result: targetVerdict(ratios['TF.js SAM / TF.js base']!, TARGETS.samOverBase) },
    {
      target: `PyTorch SAM / base ≤ ${TARGETS.samOverBase}`,
      result: torchTimes ? targetVerdict(ratios['PyTorch SAM / PyTorch base']!, TARGETS.samOverBase) : 'not measured (PyTorch skipped)',
    },
  ];
  const cpus = os.cpus();
  const environment = {
    backend: info.active,
    tfjs: info.tfjsVersion,
    nativeTensorflow: info.nativeTensorflow,
    representative: info.representative,
    torch: 'version' in torch ? { version: torch.version, threads: torch.threads } : null,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    node: process.version,
  };

  if (config.json) {
    const torchSkipped = 'skipped' in torch ? torch.skipped : null;
    const { leakedTensors, overhead: samOverhead } = tfjs;
    const json = { environment, config, results: stats, ratios, targets, torchSkipped, leakedTensors, samOverhead };
    console.log(JSON.stringify(json, null, 2));
    return;
  }
  const torchEnv = environment.torch ? `torch ${environment.torch.version} (${environment.torch.threads} threads)` : 'torch: not run';
  console.log(
    `tfjs ${environment.tfjs} on "${environment.backend}" (native TensorFlow ${environment.nativeTensorflow ?? 'none'}); ${torchEnv}`,
  );
  console.log(`CPU: ${environment.cpu} x ${environment.cores} cores; node ${environment.node}`);
  console.log(
    `model ${config.model}, batch ${config.batch}, ${config.steps} measured + ${config.warmup} warm-up steps per kind, SAM rho ${RHO}, interleaved\n`,
  );
  if ('skipped' in torch) console.log(`PyTorch skipped: ${torch.skipped}\n`);
  const rows = stats.map(({ framework, step, stats: s }) => [
    framework,
    step,
    s.median.toFixed(2),
    `${s.p10.toFixed(2)}–${s.p90.toFixed(2)}`,
    `${s.n}`,
  ]);
  console.log(textTable(['framework', 'step', 'median ms', 'p10–p90 ms', 'n'], rows, ['left', 'left', 'right', 'right', 'right']));
  console.log('\nratio of medians (95% bootstrap CI)');
  for (const [name, r] of Object.entries(ratios))
    console.log(`  ${name.padEnd(28)} ${r.ratio.toFixed(2)}  [${r.ci95[0].toFixed(2)}, ${r.ci95[1].toFixed(2)}]`);
  console.log('\ntargets');
  for (const t of targets) console.log(`  ${t.target}: ${t.result}`);
  if (tfjs.leakedTensors !== 0) console.log(`\nwarning: ${tfjs.leakedTensors} tensors leaked during the measured steps`);
  console.log(`\nSAM's extra work on tfjs-${info.active} vs one forward+backward of the base model (tinybench, in process)`);
  const [overheadHeader, ...overheadRows] = overheadTable(tfjs.overhead);
  console.log(textTable(overheadHeader!, overheadRows, ['left', 'left', 'right', 'right', 'right', 'right', 'right']));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
