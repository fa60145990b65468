// examples/own-workload/ as its README runs it, in a temp copy of its source files: make-data.py
// (in .venv's Python) writes data.npz, make-model.mjs writes tfjs-model/, and the built CLI's
// --dry-run lists each suite's runs with the shape and classes read from data.npz. timm.json
// dry-runs with .venv-vision's Python where it exists, and is refused (exit 2, naming the Python
// and SAMBENCH_PYTHON) where it does not. Then one short real bench of tfjs-module.json, from a
// suite derived from it with fewer steps. Skipped without .venv's Python.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliIn, readCsv } from './fixtures/cli-process.js';
import { PROJECT_ROOT } from './paths.js';

const PYTHON = path.join(PROJECT_ROOT, '.venv', 'bin', 'python');
const VISION_PYTHON = path.join(PROJECT_ROOT, '.venv-vision', 'bin', 'python');
const EXAMPLE = path.join(PROJECT_ROOT, 'examples', 'own-workload');
const hasVision = fs.existsSync(VISION_PYTHON);

let dir: string;

beforeAll(async () => {
  if (!fs.existsSync(PYTHON)) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-own-workload-'));
  // The sources only: the generated files are made here, as a user makes them.
  for (const name of fs.readdirSync(EXAMPLE).filter((n) => /\.(py|mjs|json|md)$/.test(n)))
    fs.copyFileSync(path.join(EXAMPLE, name), path.join(dir, name));
  expect(fs.existsSync(path.join(dir, 'data.npz')) || fs.existsSync(path.join(dir, 'tfjs-model'))).toBe(false);
  // make-model.mjs runs in place, with the output folder as its argument: its import of
  // @tensorflow/tfjs-node resolves from its own folder (this checkout's node_modules), not a temp copy's.
  await Promise.all([
    execa(PYTHON, [path.join(dir, 'make-data.py'), path.join(dir, 'data.npz')], { cwd: dir }),
    execa('node', [path.join(EXAMPLE, 'make-model.mjs'), path.join(dir, 'tfjs-model')], { cwd: PROJECT_ROOT }),
  ]);
}, 30_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// `dir` is made in beforeAll, so the runner is made per call.
const cli = (args: string[], env: Record<string, string> = {}) => cliIn(dir, env)(...args);

// model.mjs, tfjs-model/ and my_models.py at width 16, by hand: conv 3·3·1·16 + 16, conv
// 3·3·16·32 + 32, dense (2·2·32)·10 + 10 (16 → 14 → 7 → 5 → 2 through the convolutions and pools).
const PARAMETERS = 3 * 3 * 16 + 16 + (3 * 3 * 16 * 32 + 32) + 2 * 2 * 32 * 10 + 10;

// A dry run's stdout: the probed model's line, then one line per run.
function expectThreeRuns(result: { stdout: string; stderr: string }, model: RegExp): void {
  const [probed, ...runs] = result.stdout.trim().split('\n');
  expect(probed).toMatch(model);
  expect(runs.map((line) => line.split(/\s+/)[0])).toEqual([
    'base-bs64-lr0.05-s0',
    'sam-k1-rho0.05-bs64-lr0.05-s0',
    'sam-k5-rho0.05-bs64-lr0.05-s0',
  ]);
  for (const line of runs) expect(line).toMatch(/ on arrays \[16, 16, 1\] classes=10 batch=64 /);
  expect(result.stderr).toContain('3 runs (dry run: nothing started)');
}

describe.skipIf(!fs.existsSync(PYTHON))('examples/own-workload (skipped without .venv: bash scripts/setup-python.sh)', () => {
  test('make-data.py and make-model.mjs write data.npz and tfjs-model/', () => {
    expect(fs.statSync(path.join(dir, 'data.npz')).size).toBeGreaterThan(0);
    const model = JSON.parse(fs.readFileSync(path.join(dir, 'tfjs-model', 'model.json'), 'utf8')) as {
      weightsManifest: { paths: string[] }[];
    };
    for (const file of model.weightsManifest.flatMap((group) => group.paths))
      expect(fs.existsSync(path.join(dir, 'tfjs-model', file)), file).toBe(true);
  });

  test.each([
    ['tfjs-module.json', 'model.mjs#createModel (tfjs-module)'],
    ['tfjs-layers.json', 'tfjs-model/model.json (tfjs-layers)'],
    ['python.json', 'my_models:build (python)'],
  ])(
    '%s --dry-run: the model probed, 3 runs on [16, 16, 1] with 10 classes',
    async (suite, model) => {
      const result = await cli([path.join(dir, suite), '--dry-run']);
      expect(result.exitCode, result.stderr).toBe(0);
      expectThreeRuns(result, new RegExp(`^model ${model.replace(/[.()]/g, '\\$&')}: ${PARAMETERS} parameters$`));
    },
    15_000,
  );

  if (hasVision)
    test('timm.json --dry-run with SAMBENCH_PYTHON at .venv-vision: 3 runs', async () => {
      const result = await cli([path.join(dir, 'timm.json'), '--dry-run'], { SAMBENCH_PYTHON: VISION_PYTHON });
      expect(result.exitCode, result.stderr).toBe(0);
      expectThreeRuns(result, /^model vit_tiny_patch16_224 \(timm\): \d+ parameters$/);
      expect(result.stdout).toContain('vit_tiny_patch16_224 on arrays');
    }, 20_000);
  else
    test('timm.json --dry-run without .venv-vision (SAMBENCH_PYTHON at .venv, no timm): refused with exit 2, naming the Python and SAMBENCH_PYTHON', async () => {
      const result = await cli([path.join(dir, 'timm.json'), '--dry-run'], { SAMBENCH_PYTHON: PYTHON });
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`needs timm, which does not import in ${PYTHON}`);
      expect(result.stderr).toContain('SAMBENCH_PYTHON');
    }, 20_000);

  test("a short bench of tfjs-module.json (steps 1 + 4, interval 2): summary.csv has the user's model", async () => {
    const example = JSON.parse(fs.readFileSync(path.join(dir, 'tfjs-module.json'), 'utf8')) as Record<string, unknown>;
    const suite = { ...example, name: 'own-tfjs-module-short', steps: { warmup: 1, measured: 4 }, matrix: { interval: [2] } };
    fs.writeFileSync(path.join(dir, 'short.json'), `${JSON.stringify(suite, null, 2)}\n`);
    const out = path.join(dir, 'results');
    const result = await cli(['short.json', '--out', out]);
    expect(result.exitCode, result.stderr).toBe(0);
    const summary = readCsv(path.join(out, 'summary.csv'));
    expect(summary.map((row) => [row.run_id, row.status])).toEqual([
      ['base-bs64-lr0.05-s0', 'ok'],
      ['sam-k2-rho0.05-bs64-lr0.05-s0', 'ok'],
    ]);
    for (const row of summary) {
      expect(row).toMatchObject({
        spec_model_source: 'tfjs-module',
        spec_model_name: 'model.mjs#createModel',
        spec_model_path: path.join(fs.realpathSync(dir), 'model.mjs'),
        spec_model_args: '{"width":16}',
        spec_dataset_shape: '16;16;1',
        spec_dataset_classes: '10',
        env_parameters: String(PARAMETERS),
      });
      expect(row.spec_model_sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const steps = readCsv(path.join(out, 'steps.csv'));
    const kinds = new Set(steps.filter((s) => s.run_id === 'sam-k2-rho0.05-bs64-lr0.05-s0').map((s) => s.kind));
    expect(kinds).toEqual(new Set(['base', 'sam']));
  }, 30_000);
});
