// The `late` variant (late-phase SAM, Zhou et al. 2024) in both frameworks: SAM on the last
// n = floor(fraction·T + 0.5) of a run's T steps. Each framework is reached the way its worker
// reaches it (TF.js: runOptimizer through the generated SAM_STRATEGIES; PyTorch: stepper.py's
// build_strategy and make_stepper through the registry), and both must pick the same steps,
// rounding edges included, and refuse a fraction that gives none with the same message.
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { PROJECT_ROOT } from '../../paths.js';
import { loadBackend } from '../../worker/backend.js';
import { runOptimizer } from '../../worker/optimizer.js';
import type { RunSpec } from '../../../schemas/index.js';
import { quadraticProblem } from '../fixtures/quadratic.js';
import { SAM } from '../sam-optimizer.js';
import { SAM_STRATEGIES } from '../strategies.generated.js';
import { lateSamSteps } from './late.js';

const PYTHON = path.join(PROJECT_ROOT, '.venv', 'bin', 'python');

/** [fraction, T, the SAM steps (1-based)]: the last n = floor(fraction·T + 0.5). */
const CASES: [number, number, number[]][] = [
  [0.125, 8, [8]], // 1 + 0.5 → 1
  [0.125, 4, [4]], // 0.5 + 0.5 → 1: half a step rounds up
  [0.01, 50, [50]], // 0.01·50 is 0.5 in float64 too
  [0.2, 7, [7]], // 1.4 + 0.5 → 1
  [0.3, 5, [4, 5]], // 1.5 + 0.5 → 2
  [0.5, 8, [5, 6, 7, 8]],
  [1, 3, [1, 2, 3]],
  // 0.35·90 is 31.5 in decimal but 31.499999999999996 in float64: 31 SAM steps, 60…90, in both.
  [0.35, 90, Array.from({ length: 31 }, (_, i) => 60 + i)],
];
/** [fraction, T] that give no SAM step. */
const NONE: [number, number][] = [
  [0.01, 49], // 0.49 + 0.5 → 0
  [0.125, 3], // 0.375 + 0.5 → 0
];

/** A run spec of the late variant at `fraction` over `total` steps (1 warm-up): what the workers read of it. */
function spec(fraction: number, total: number, interval = 1): RunSpec {
  return {
    seed: 7,
    steps: { warmup: 1, measured: total - 1 },
    optimizer: { name: 'sgd', learningRate: 0.1, momentum: 0, nesterov: false },
    sam: {
      rho: 0.05,
      epsilon: 1e-12,
      interval,
      adaptive: false,
      secondPassState: 'keep',
      rhoPerInterval: null,
      variant: { kind: 'late', fraction },
    },
    torch: { syncFirstGradient: false },
  } as unknown as RunSpec;
}

// For each request: the SAM steps of build_strategy(spec) (is_sam_step over 1..T), or its error;
// with `train`, the step kinds of make_stepper's SAM over T train_step calls on a tiny model.
const PYTHON_SIDE = `
import json, sys
import torch
from harness.worker.pytorch.precision import Precision
from harness.worker.pytorch.stepper import build_strategy, make_stepper, train_step
out = []
for request in json.loads(sys.argv[1]):
    spec, total = request["spec"], request["total"]
    try:
        strategy = build_strategy(spec)
    except Exception as error:
        out.append({"error": f"{type(error).__name__}: {error}"})
        continue
    row = {"steps": [t for t in range(1, total + 1) if strategy.is_sam_step(t, None)]}
    if request["train"]:
        torch.manual_seed(0)
        model = torch.nn.Linear(3, 2)
        stepper = make_stepper(spec, torch.optim.SGD(model.parameters(), lr=0.1), model, Precision("float32", torch.device("cpu")), None)
        x, y = torch.randn(4, 3), torch.tensor([0, 1, 0, 1])
        row["kinds"] = [train_step(model, stepper, Precision("float32", torch.device("cpu")), x, y).kind for _ in range(total)]
    out.append(row)
print(json.dumps(out))
`;

interface PythonRow {
  steps?: number[];
  kinds?: string[];
  error?: string;
}

async function python(requests: { spec: RunSpec; total: number; train: boolean }[]): Promise<PythonRow[]> {
  const result = await execa(PYTHON, ['-c', PYTHON_SIDE, JSON.stringify(requests)], { cwd: PROJECT_ROOT, reject: false });
  if (result.exitCode !== 0)
    throw new Error(`${PYTHON} -c …: exit ${String(result.exitCode)} (run bash scripts/setup-python.sh):\n${result.stderr}`);
  return JSON.parse(result.stdout) as PythonRow[];
}

/** The TF.js worker's optimizer for `runSpec`, over `total` steps of the quadratic: each step's kind. */
async function tfjsKinds(runSpec: RunSpec, total: number): Promise<string[]> {
  const sam = (await runOptimizer(runSpec)) as SAM;
  const { variables, loss, dispose } = quadraticProblem([3, 1], 'late');
  const kinds = Array.from({ length: total }, () => {
    tf.dispose(sam.minimize(loss, true, variables)!);
    return sam.lastStepKind;
  });
  sam.dispose();
  dispose();
  return kinds;
}

const tfjsSteps = (fraction: number, total: number): number[] => {
  const strategy = SAM_STRATEGIES.late.build(
    tf,
    { kind: 'late', fraction },
    { seed: 7, totalSteps: total, interval: 1, epsilon: 1e-12, random: Math.random, args: {} },
  );
  return Array.from({ length: total }, (_, i) => i + 1).filter((step) => strategy.isSamStep(step));
};

const tfjsError = (fraction: number, total: number): string => {
  try {
    lateSamSteps(fraction, total);
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
  throw new Error(`fraction ${fraction} of ${total} steps gave SAM steps`);
};

describe('the late variant: SAM on the last floor(fraction·T + 0.5) steps, the same in TF.js and PyTorch', () => {
  let torch: PythonRow[];
  beforeAll(async () => {
    await loadBackend('cpu');
    torch = await python([
      ...CASES.map(([f, total]) => ({ spec: spec(f, total), total, train: f === 0.5 })),
      ...NONE.map(([f, total]) => ({ spec: spec(f, total), total, train: false })),
      { spec: spec(0.5, 8, 2), total: 8, train: false },
      { spec: spec(0, 8), total: 8, train: false },
    ]);
  });

  test.each(CASES)('fraction %s of %s steps: SAM steps as predicted, in both frameworks', (f, total, expected) => {
    expect(lateSamSteps(f, total)).toBe(expected.length);
    expect(tfjsSteps(f, total)).toEqual(expected);
    expect(torch[CASES.findIndex(([g, t]) => g === f && t === total)]).toEqual(expect.objectContaining({ steps: expected }));
  });

  test('a fraction that gives no SAM step is refused with the same message in both', () => {
    NONE.forEach(([f, total], i) => {
      const message = `RangeError: SAM (late): fraction ${f} of ${total} steps gives no SAM step`;
      expect(tfjsError(f, total)).toMatch(new RegExp(`^${message.replace(/[().]/g, '\\$&')}`));
      expect(() =>
        SAM_STRATEGIES.late.build(
          tf,
          { kind: 'late', fraction: f },
          { seed: 0, totalSteps: total, interval: 1, epsilon: 0, random: Math.random, args: {} },
        ),
      ).toThrow(`fraction ${f} of ${total} steps gives no SAM step`);
      // Python raises ValueError with the same text.
      expect(torch[CASES.length + i]!.error).toBe(tfjsError(f, total).replace(/^RangeError/, 'ValueError'));
    });
  });

  test('interval above 1 and fraction 0 are refused in both', async () => {
    await expect(runOptimizer(spec(0.5, 8, 2))).rejects.toThrow(/interval.*1 with the late variant/);
    expect(torch[CASES.length + NONE.length]!.error).toMatch(/interval.*1 with the late variant/);
    await expect(runOptimizer(spec(0, 8))).rejects.toThrow(/`fraction` must be a number in \(0, 1\]/);
    expect(torch[CASES.length + NONE.length + 1]!.error).toMatch(/`fraction` must be a number in \(0, 1\]/);
  });

  test("the workers' SAM takes exactly those steps: base, then sam (warm-up counted)", async () => {
    const expected = ['base', 'base', 'base', 'base', 'sam', 'sam', 'sam', 'sam'];
    expect(await tfjsKinds(spec(0.5, 8), 8)).toEqual(expected);
    expect(torch[CASES.findIndex(([f]) => f === 0.5)]!.kinds).toEqual(expected);
  });
});
