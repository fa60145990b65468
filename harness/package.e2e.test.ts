// The package as a project that depends on it gets it: `npm pack`, then the tarball installed
// into a new project offline, then `sambench/sam` training a model.fit model, its types under
// nodenext and bundler resolution, and the `sambench` bin (a shipped suite's dry run, and a real
// bench of the consumer's own tfjs-module model on its own NumPy-written .npz). Offline on a machine that ran `npm ci`
// here: the consumer's package-lock.json is cut from this repo's (the same versions, whose
// tarballs npm's cache holds), and `npm ci --offline` installs it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

// The wheel route's record: the consumer's `sambench setup` then finds libtensorflow and the
// binding in the shared cache and downloads nothing.
const nativeRecord = path.join(root, 'node_modules', '@tensorflow', 'tfjs-node', 'deps', 'sambench-native.json');
const wheelCached =
  fs.existsSync(nativeRecord) && (JSON.parse(fs.readFileSync(nativeRecord, 'utf8')) as { source?: string }).source === 'wheel';

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}
type Manifest = LockEntry & { name: string; version: string; bin?: Record<string, string> };

// Where node finds `name` from the package at `from` (a lock key): its own node_modules, then
// each folder above it.
function locate(packages: Record<string, LockEntry>, from: string, name: string): string {
  for (let dir = from; ; dir = dir.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, '')) {
    const key = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (packages[key]) return key;
    if (!dir) throw new Error(`package-lock.json has no ${name} for ${from || 'the root'}`);
  }
}

// The consumer's lockfile: the tarball, and from this repo's lockfile every package that the
// tarball's and the consumer's dependencies reach, at the same places and versions.
function consumerLock(
  repo: { packages: Record<string, LockEntry> },
  sambench: Manifest,
  tarball: { resolved: string; integrity: string },
  dependencies: Record<string, string>,
): { name: string; lockfileVersion: number; requires: boolean; packages: Record<string, LockEntry> } {
  const packages: Record<string, LockEntry> = {};
  const edges = (entry: LockEntry) => [
    ...Object.keys(entry.dependencies ?? {}),
    ...Object.keys(entry.optionalDependencies ?? {}),
    ...Object.keys(entry.peerDependencies ?? {}).filter((dep) => !entry.peerDependenciesMeta?.[dep]?.optional),
  ];
  const queue = [...edges(sambench), ...Object.keys(dependencies).filter((dep) => dep !== 'sambench')].map((dep) =>
    locate(repo.packages, '', dep),
  );
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    if (packages[key]) continue;
    // The flags say how this repo uses the package (a devDependency here), not how the consumer does.
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = repo.packages[key]!;
    packages[key] = entry;
    for (const dep of edges(entry)) queue.push(locate(repo.packages, key, dep));
  }
  const { name, version, license, dependencies: deps, peerDependencies, peerDependenciesMeta, bin, engines } = sambench;
  const tarballEntry = { version, ...tarball, license, dependencies: deps, bin, engines, peerDependencies, peerDependenciesMeta };
  return {
    name: 'consumer',
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: 'consumer', dependencies }, [`node_modules/${name}`]: tarballEntry, ...packages },
  };
}

let work: string;
let consumer: string;
let packedFiles: string[];

// The consumer's own dependencies: the TF.js union for model.fit, tfjs-node for `sambench setup`.
const CONSUMER_DEPS = { '@tensorflow/tfjs': '4.22.0', '@tensorflow/tfjs-node': '4.22.0' };

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-consumer-'));
  const { stdout } = await execa('npm', ['pack', '--json', '--pack-destination', work], { cwd: root });
  const [packed] = JSON.parse(stdout) as { filename: string; integrity: string; files: { path: string }[] }[];
  packedFiles = packed!.files.map((f) => f.path);
  consumer = path.join(work, 'consumer');
  fs.mkdirSync(consumer);
  const tarball = `file:../${packed!.filename}`;
  const manifest = {
    name: 'consumer',
    private: true,
    type: 'module',
    dependencies: { sambench: tarball, ...CONSUMER_DEPS },
    // As docs/library.md says: tfjs-node's own download is replaced by `sambench setup`.
    allowScripts: { '@tensorflow/tfjs-node': false, 'core-js': false },
  };
  fs.writeFileSync(path.join(consumer, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const repoLock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const packedManifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
  const lock = consumerLock(repoLock, packedManifest, { resolved: tarball, integrity: packed!.integrity }, manifest.dependencies);
  fs.writeFileSync(path.join(consumer, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  await execa('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: consumer });
}, 120_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  test('holds the built dist/ (bin, both entry points with their types) and no tests or fixtures', () => {
    for (const file of ['dist/harness/bin.js', 'dist/harness/index.js', 'dist/harness/index.d.ts', 'dist/harness/sam/index.d.ts'])
      expect(packedFiles).toContain(file);
    // The launcher's guard (launch/reaper.ts) runs it from the package root; without it every run degrades.
    expect(packedFiles).toContain('harness/launch/reaper.py');
    // The PyTorch worker imports each built-in SAM variant's strategy module from this subfolder.
    expect(packedFiles).toContain('harness/sam/pytorch/strategies/looksam.py');
    expect(packedFiles.filter((f) => /\.test\.|(^|\/)fixtures\/|(^|\/)test_[^/]*\.py$/.test(f))).toEqual([]);
    expect(packedFiles.filter((f) => !f.startsWith('dist/') && f.endsWith('.ts'))).toEqual([]);
  });

  test('installs without running a build or any script of its own', () => {
    const installed = JSON.parse(fs.readFileSync(path.join(consumer, 'node_modules', 'sambench', 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    };
    // `prepare` too: npm runs it for a git or folder dependency, and audits list it as an install
    // script; it is this checkout's set-up, stripped from the packed package.json (scripts/pack-manifest.mjs).
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(installed.scripts?.[hook]).toBeUndefined();
    expect(fs.existsSync(path.join(consumer, 'node_modules', 'typescript'))).toBe(false);
  });

  test("packing leaves the checkout's package.json as it was: `prepare` back, nothing set aside", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(manifest.scripts.prepare).toBe('node scripts/prepare.mjs');
    expect(fs.existsSync(path.join(root, 'package.json.packing'))).toBe(false);
  });
});

describe('in a project that installed the tarball', () => {
  test("`sambench/sam` trains a model.fit model on TF.js' CPU backend", async () => {
    const script = path.join(consumer, 'train.mjs');
    fs.writeFileSync(
      script,
      `import * as tf from '@tensorflow/tfjs';
import { SAM } from 'sambench/sam';
await tf.setBackend('cpu');
const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, activation: 'tanh', inputShape: [3] }), tf.layers.dense({ units: 1 })] });
const sam = new SAM(tf.train.sgd(0.1), { rho: 0.05 });
model.compile({ optimizer: sam, loss: 'meanSquaredError' });
const xs = tf.randomUniform([32, 3], -1, 1, 'float32', 1);
const ys = xs.sum(1, true);
const history = await model.fit(xs, ys, { epochs: 5, batchSize: 8, verbose: 0 });
const loss = history.history.loss;
console.log(JSON.stringify({ backend: tf.getBackend(), sam: sam.lastStepWasSam, first: loss[0], last: loss.at(-1) }));
`,
    );
    const { stdout } = await execa('node', [script], { cwd: consumer });
    const result = JSON.parse(stdout) as { backend: string; sam: boolean; first: number; last: number };
    expect(result).toMatchObject({ backend: 'cpu', sam: true });
    expect(result.last).toBeLessThan(result.first);
  });

  test.each(['nodenext', 'bundler'])('the types of `sambench` and `sambench/sam` resolve under moduleResolution %s', async (resolution) => {
    const dir = path.join(consumer, `types-${resolution}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'check.ts'),
      `import * as tf from '@tensorflow/tfjs-core';
import { SAM, type SamOptions } from 'sambench/sam';
import { loadBackend, bench, loadResults, compare, type BackendInfo, type BenchOutcome, type BenchResults, type ComparisonResult, type RunResult } from 'sambench';
const options: SamOptions = { rho: 0.1, interval: 2 };
export const ran: Promise<BenchOutcome> = bench('suite.json', { out: 'results', strict: true, onEvent: (e) => e.type === 'warning' && e.message });
export const read: BenchResults = loadResults('results');
export const runs: RunResult[] = read.runs;
export const compared: ComparisonResult = compare(read, 'results', { minEffect: 0.1 });
// @ts-expect-error the launcher is local or slurm
export const badLauncher = bench('suite.json', { launcher: 'ssh' });
export const sam: tf.Optimizer = new SAM(tf.train.sgd(0.1), options);
// @ts-expect-error rho is a number
export const bad = new SAM(tf.train.sgd(0.1), { rho: 'big' });
export const info: Promise<BackendInfo> = loadBackend('cpu');
`,
    );
    const module = resolution === 'bundler' ? 'esnext' : 'nodenext';
    const args = ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', module, '--moduleResolution', resolution];
    await execa('node', [tsc, ...args, '--types', 'node', '--typeRoots', path.join(root, 'node_modules', '@types'), 'check.ts'], {
      cwd: dir,
    });
  });

  test('`bench`, `loadResults` and `compare` from `sambench`: a tiny suite with a fake worker, silently; a committed results folder read back', async () => {
    const golden = path.join(root, 'harness', 'fixtures', 'golden-results');
    const worker = path.join(root, 'harness', 'launch', 'fixtures', 'worker-ok.mjs');
    // Stands in for Python: answers preflight's torch probe ("no CUDA"), runs the fake worker otherwise.
    const python = path.join(consumer, 'python');
    fs.writeFileSync(python, `#!/bin/sh\n[ "$1" = "-c" ] && { echo False; exit 0; }\nexec "${process.execPath}" "${worker}" "$@"\n`, {
      mode: 0o755,
    });
    const suite = {
      name: 'consumer',
      framework: 'torch',
      torch: { device: 'cpu' },
      model: { name: 'mlp', hidden: [8] },
      dataset: { name: 'synthetic', shape: [4], classes: 2, batchSize: 8, samples: 32 },
      optimizer: { name: 'sgd', learningRate: 0.05 },
      steps: { warmup: 1, measured: 4 },
      matrix: { interval: [2] },
    };
    const script = path.join(consumer, 'library.mjs');
    fs.writeFileSync(
      script,
      `import { bench, loadResults, compare } from 'sambench';
const golden = loadResults(${JSON.stringify(path.join(golden, 'a'))});
const comparison = compare(golden, ${JSON.stringify(path.join(golden, 'b'))});
const ran = await bench({ suite: ${JSON.stringify(suite)}, baseDir: process.cwd() }, { out: 'results/consumer', history: false });
const back = loadResults('results/consumer');
console.error(JSON.stringify({
  golden: [golden.suite, golden.runs.length, golden.verdicts.length],
  compared: comparison.configurations.length > 0,
  ran: [ran.exitCode, ran.runs.map((r) => r.status)],
  back: back.runs.map((r) => r.spec.id),
}));
`,
    );
    const { stdout, stderr } = await execa('node', [script], { cwd: consumer, env: { SAMBENCH_PYTHON: python } });
    expect(stdout).toBe('');
    expect(JSON.parse(stderr)).toEqual({
      golden: ['golden', 6, 6],
      compared: true,
      ran: [0, ['ok', 'ok']],
      back: ['base-bs8-lr0.05-s0', 'sam-k2-rho0.05-bs8-lr0.05-s0'],
    });
  });

  test('`npx sambench --version` prints the package version', async () => {
    const { stdout } = await execa('npx', ['--offline', 'sambench', '--version'], { cwd: consumer });
    expect(stdout.trim()).toBe(pkg.version);
  });

  test('`npx sambench bench <suite> --dry-run` lists the runs of a shipped suite', async () => {
    const suite = path.join('node_modules', 'sambench', 'suites', 'smoke.json');
    const { stdout, stderr } = await execa('npx', ['--offline', 'sambench', 'bench', suite, '--dry-run'], { cwd: consumer });
    expect(stdout.trim().split('\n')).toHaveLength(9);
    expect(stderr).toContain('9 runs (dry run: nothing started)');
  });

  test("`npx sambench bench` on the consumer's own model.mjs and its own NumPy-written .npz: base and SAM runs of a tfjs-module model", async () => {
    const dir = path.join(consumer, 'own-workload');
    fs.mkdirSync(dir);
    // The consumer's model: flatten + dense + dense, every initializer seeded. Its parameter count,
    // by hand: 8·8·1 inputs → 8 → 4 classes.
    const [side, hidden, classes] = [8, 8, 4];
    const parameters = side * side * hidden + hidden + hidden * classes + classes;
    fs.writeFileSync(
      path.join(dir, 'model.mjs'),
      `export function createModel(tf, { inputShape, classes, seed, args }) {
  return tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape }),
      tf.layers.dense({ units: args.hidden, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
      tf.layers.dense({ units: classes, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }),
    ],
  });
}
`,
    );
    // The data, written by NumPy itself (np.savez): 64 training and 16 test images, uint8, int64 labels.
    const python = path.join(root, '.venv', 'bin', 'python');
    expect(fs.existsSync(python), `${python} (bash scripts/setup-python.sh makes it)`).toBe(true);
    await execa(
      python,
      [
        '-c',
        `import numpy as np
rng = np.random.default_rng(0)
split = lambda n: (rng.integers(0, 256, size=(n, ${side}, ${side}, 1), dtype=np.uint8), rng.integers(0, ${classes}, size=n, dtype=np.int64))
(x_train, y_train), (x_test, y_test) = split(64), split(16)
y_train[:${classes}] = np.arange(${classes})
np.savez("data.npz", x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)`,
      ],
      { cwd: dir },
    );
    // Backend cpu: the consumer's tfjs-node has native TensorFlow only after `sambench setup`,
    // which needs the wheel route's cache (the test above); TF.js's CPU backend is always there.
    const suite = {
      name: 'my-suite',
      framework: 'tfjs',
      backend: 'cpu',
      model: { source: 'tfjs-module', path: 'model.mjs', args: { hidden } },
      dataset: { name: 'arrays', path: 'data.npz', batchSize: 16 },
      optimizer: { learningRate: 0.05 },
      steps: { warmup: 1, measured: 4 },
      evaluation: {},
      matrix: { interval: [2] },
    };
    fs.writeFileSync(path.join(dir, 'my-suite.json'), `${JSON.stringify(suite, null, 2)}\n`);
    const ran = await execa('npx', ['--offline', 'sambench', 'bench', 'my-suite.json', '--out', 'results'], { cwd: dir, reject: false });
    expect(ran.exitCode, ran.stderr).toBe(0);
    const results = path.join(dir, 'results');
    const summary = parse<Record<string, string>>(fs.readFileSync(path.join(results, 'summary.csv'), 'utf8'), { columns: true });
    expect(summary.map((row) => [row.run_id, row.status])).toEqual([
      ['base-bs16-lr0.05-s0', 'ok'],
      ['sam-k2-rho0.05-bs16-lr0.05-s0', 'ok'],
    ]);
    for (const row of summary) {
      expect(row).toMatchObject({
        spec_model_source: 'tfjs-module',
        spec_model_path: path.join(fs.realpathSync(dir), 'model.mjs'),
        spec_dataset_shape: `${side};${side};1`,
        spec_dataset_classes: String(classes),
        env_parameters: String(parameters),
      });
      expect(row.spec_model_sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const steps = parse<Record<string, string>>(fs.readFileSync(path.join(results, 'steps.csv'), 'utf8'), { columns: true });
    const kinds = (run: string) => new Set(steps.filter((s) => s.run_id === run && s.warmup === 'false').map((s) => s.kind));
    expect(kinds('base-bs16-lr0.05-s0')).toEqual(new Set(['base']));
    expect(kinds('sam-k2-rho0.05-bs16-lr0.05-s0')).toEqual(new Set(['base', 'sam']));
  }, 30_000);

  test.skipIf(!wheelCached)(
    '`npx sambench setup` gives tfjs-node native TensorFlow from the wheel route cache (skipped where npm ci used tfjs-node’s own download)',
    async () => {
      await execa('npx', ['--offline', 'sambench', 'setup'], { cwd: consumer, env: { SAMBENCH_TF_SOURCE: 'wheel' } });
      const { stdout } = await execa(
        'node',
        ['--input-type=module', '-e', "const i = await (await import('sambench')).loadBackend('tensorflow'); console.log(i.active);"],
        { cwd: consumer },
      );
      expect(stdout.trim()).toBe('tensorflow');
    },
    60_000,
  );
});
