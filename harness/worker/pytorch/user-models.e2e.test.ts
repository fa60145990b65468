// A user's PyTorch model through the real CLI (needs `npm run build`): a `python` factory from the
// suite file's folder under .venv, and timm and torchvision models by name under .venv-vision
// (`npm run setup:vision`; skipped, saying so, where it is absent). Each trains base and SAM steps
// and lands in summary.csv with its parameter count (and, for a factory, its module's SHA-256).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';
import { cliIn, readCsv } from '../../fixtures/cli-process.js';
import { PROJECT_ROOT } from '../../paths.js';

const VISION_PYTHON = path.join(PROJECT_ROOT, '.venv-vision', 'bin', 'python');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-user-models-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// One SAM run (no baseline) at interval 2: 1 warm-up and 4 measured steps, 2 of them SAM steps.
const tinySuite = (name: string, model: object) => ({
  name,
  framework: 'torch',
  torch: { device: 'cpu' },
  model,
  dataset: { name: 'synthetic', shape: [16, 16, 3], classes: 4, batchSize: 4, samples: 16 },
  optimizer: { name: 'sgd', learningRate: 0.05 },
  steps: { warmup: 1, measured: 4 },
  matrix: { interval: [2] },
  baseline: false,
});

/** Runs `suite` from a folder of its own through the CLI; its one summary.csv row. */
async function bench(suite: ReturnType<typeof tinySuite>, env: Record<string, string> = {}) {
  const folder = path.join(dir, suite.name);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'suite.json'), JSON.stringify(suite));
  const result = await cliIn(folder, env)('suite.json', '--out', 'out');
  expect(result.exitCode, result.all).toBe(0);
  const rows = readCsv(path.join(folder, 'out', 'summary.csv'));
  expect(rows).toHaveLength(1);
  const row = rows[0]!;
  expect(row.status).toBe('ok');
  expect([row.base_step_n, row.sam_step_n]).toEqual(['2', '2']);
  return row;
}

const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex');

const FACTORY = `from torch import nn


def build(input_shape, classes, seed, width=4):
    c, h, w = input_shape
    return nn.Sequential(nn.Conv2d(c, width, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(width, classes))
`;

test('a python factory beside the suite file trains; summary.csv has its SHA-256 and parameter count', async () => {
  const suite = tinySuite('user-python', { source: 'python', factory: 'tiny_net:build', args: { width: 8 } });
  fs.mkdirSync(path.join(dir, suite.name), { recursive: true });
  fs.writeFileSync(path.join(dir, suite.name, 'tiny_net.py'), FACTORY);
  const row = await bench(suite);
  // harness/suite/user-model.ts digestOf: one line "<file name>\0<file sha256>\n" per file.
  expect(row.spec_model_sha256).toBe(sha256(`tiny_net.py\0${sha256(FACTORY)}\n`));
  expect(row.spec_model_args).toBe('{"width":8}');
  expect(Number(row.env_parameters)).toBe(3 * 9 * 8 + 8 + (8 * 4 + 4)); // conv 3x3 3→8, linear 8→4
});

// The probe builds the model once before any run: a factory that raises stops the bench there.
test('a python factory that raises stops the bench before any run: exit 2, the key and its first error line', async () => {
  const folder = path.join(dir, 'user-python-broken');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(
    path.join(folder, 'broken_net.py'),
    'def build(input_shape, classes, seed):\n    raise ValueError("width must be even\\nsecond line")\n',
  );
  fs.writeFileSync(path.join(folder, 'suite.json'), JSON.stringify(tinySuite('broken', { source: 'python', factory: 'broken_net:build' })));
  const result = await cliIn(folder)('suite.json', '--out', 'out');
  expect(result.exitCode, result.all).toBe(2);
  expect(result.all).toMatch(/suite\.json.* \/model\/factory .*ValueError: width must be even/);
  expect(result.all).not.toContain('second line');
  expect(fs.existsSync(path.join(folder, 'out', 'runs'))).toBe(false);
});

// The parameter counts of the libraries' own models at 4 classes, counted by the libraries.
async function libraryCounts(): Promise<Record<string, number>> {
  const script = [
    'import json, timm, torchvision',
    'count = lambda m: sum(p.numel() for p in m.parameters() if p.requires_grad)',
    'vit = timm.create_model("vit_tiny_patch16_224", pretrained=False, num_classes=4, img_size=16, patch_size=4)',
    'print(json.dumps({"timm": count(vit), "torchvision": count(torchvision.models.resnet18(weights=None, num_classes=4))}))',
  ].join('\n');
  const { stdout } = await execa(VISION_PYTHON, ['-c', script]);
  return JSON.parse(stdout) as Record<string, number>;
}

const hasVision = fs.existsSync(VISION_PYTHON);
describe.skipIf(!hasVision)(`timm and torchvision models (skipped: no ${VISION_PYTHON}; run npm run setup:vision)`, () => {
  // Counted while the first suite runs; awaited by each test (and marked handled until then).
  const counts = hasVision ? libraryCounts() : Promise.resolve<Record<string, number>>({});
  counts.catch(() => undefined);
  const vision = { SAMBENCH_PYTHON: VISION_PYTHON };

  test('timm vit_tiny_patch16_224 at 16x16 trains; env_parameters is timm’s count', async () => {
    const model = { source: 'timm', name: 'vit_tiny_patch16_224', args: { img_size: 16, patch_size: 4 } };
    const row = await bench(tinySuite('user-timm', model), vision);
    expect(row.spec_model_source).toBe('timm');
    expect(row.spec_model_sha256).toBe('');
    expect(Number(row.env_parameters)).toBe((await counts).timm);
  });

  test('torchvision resnet18 trains; env_parameters is torchvision’s count', async () => {
    const row = await bench(tinySuite('user-torchvision', { source: 'torchvision', name: 'resnet18' }), vision);
    expect(row.spec_model_name).toBe('resnet18');
    expect(Number(row.env_parameters)).toBe((await counts).torchvision);
  });
});
