// `npm run bench:profile [-- --model small-cnn|resnet20 --steps 5 --json rows.json]`: one training
// step (forward + backward + momentum-SGD update) profiled kernel by kernel in TF.js (tf.profile)
// beside PyTorch's torch.profiler on the same model and batch, aggregated by op family
// (scripts/kernel-families.ts). Figures are means per profiled step; the wall rows say how much of
// a step the kernels cover and what profiling itself costs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { loadBackend } from '../harness/worker/backend.js';
import { textTable } from '../harness/report/format.js';
import { median } from '../harness/stats/index.js';
import { intOption, runPythonTwin } from './bench-args.js';
import { buildBenchModel, lossOf, parseBenchModel, syntheticBatch, timedStep, timeSteps, type BenchModel } from './bench-model.js';
import { aggregateByFamily, type KernelRow } from './kernel-families.js';
import { profileTfjsSteps } from './tfjs-kernel-profile.js';

interface Config {
  model: BenchModel;
  batch: number;
  steps: number;
  warmup: number;
  json: string | null;
}

/** One framework's profile: kernel rows and wall times, or why it was skipped. */
type Side =
  | { version: string; rows: KernelRow[]; plainWallMs: number[]; profiledWallMs: number[]; timerDisagreementMs?: number }
  | { skipped: string };

function parseConfig(): Config {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'small-cnn' },
      batch: { type: 'string', default: '128' },
      steps: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '3' },
      json: { type: 'string' },
    },
  });
  return {
    model: parseBenchModel(values.model),
    batch: intOption('batch', values.batch, 1),
    steps: intOption('steps', values.steps, 1),
    warmup: intOption('warmup', values.warmup, 0),
    json: values.json ?? null,
  };
}

async function profileTfjs(config: Config): Promise<Side> {
  const info = await loadBackend('tensorflow');
  const [x, y] = syntheticBatch(config.batch);
  const model = buildBenchModel(config.model);
  const optimizer = tf.train.momentum(0.01, 0.9);
  const { variables, lossFn } = lossOf(model, x, y);
  const plainWallMs = await timeSteps(timedStep(optimizer, { variables, lossFn }), config.warmup, config.steps);
  const profile = await profileTfjsSteps(optimizer, variables, lossFn, config.steps);
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  return { version: `tfjs ${info.tfjsVersion}, native TensorFlow ${info.nativeTensorflow ?? '?'}`, plainWallMs, ...profile };
}

async function profileTorch(config: Config): Promise<Side> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-profile-'));
  const out = path.join(dir, 'torch.json');
  const args = ['--model', config.model, '--batch', `${config.batch}`, '--steps', `${config.steps}`, '--warmup', `${config.warmup}`];
  try {
    const run = await runPythonTwin('bench_profile_torch.py', [...args, '--out', out]);
    if ('skipped' in run) return run;
    const torch = JSON.parse(fs.readFileSync(out, 'utf8')) as {
      version: string;
      plainWallMs: number[];
      profiledWallMs: number[];
      rows: KernelRow[];
    };
    return { ...torch, version: `torch ${torch.version}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (x: number): string => x.toFixed(2);
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function printTable(config: Config, sides: [string, Side][]): void {
  const measured = sides.filter((s): s is [string, Extract<Side, { rows: KernelRow[] }>] => 'rows' in s[1]);
  const totals = measured.map(([, side]) => aggregateByFamily(side.rows, config.steps));
  const header = ['family', ...measured.flatMap(([name]) => [`${name} ms`, 'share'])];
  const rows = totals[0]!.families.map((f, i) => [f.family, ...totals.flatMap((t) => [ms(t.families[i]!.ms), pct(t.families[i]!.share)])]);
  const line = (label: string, values: number[]): string[] => [label, ...values.flatMap((v) => [ms(v), ''])];
  rows.push(
    line(
      'kernels, total',
      totals.map((t) => t.totalMs),
    ),
  );
  rows.push(
    line(
      'wall, profiled step (median)',
      measured.map(([, s]) => median(s.profiledWallMs)),
    ),
  );
  rows.push(
    line(
      'wall, unprofiled step (median)',
      measured.map(([, s]) => median(s.plainWallMs)),
    ),
  );
  rows.push(['kernels / profiled wall', ...totals.flatMap((t, i) => [pct(t.totalMs / median(measured[i]![1].profiledWallMs)), ''])]);
  console.log(
    `model ${config.model}, batch ${config.batch}; ms are means over ${config.steps} profiled steps after ${config.warmup} warm-up`,
  );
  for (const [name, side] of sides) console.log(`  ${name}: ${'version' in side ? side.version : `skipped (${side.skipped})`}`);
  console.log();
  console.log(textTable(header, rows, ['left', ...measured.flatMap(() => ['right', 'right'] as const)]));
  const tfjs = sides.find(([name]) => name === 'TF.js')?.[1];
  if (tfjs && 'rows' in tfjs && tfjs.timerDisagreementMs !== undefined) {
    console.log(
      `\nTF.js kernel timer (process.hrtime) vs this script's clock: at most ${ms(tfjs.timerDisagreementMs)} ms apart per kernel`,
    );
  }
}

async function main(): Promise<void> {
  const config = parseConfig();
  const tfjs = await profileTfjs(config);
  const torch = await profileTorch(config);
  const sides: [string, Side][] = [
    ['TF.js', tfjs],
    ['PyTorch', torch],
  ];
  printTable(config, sides);
  if (config.json !== null) {
    fs.writeFileSync(config.json, `${JSON.stringify({ config, sides: Object.fromEntries(sides) }, null, 2)}\n`);
    console.log(`\nraw kernel rows: ${config.json}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
