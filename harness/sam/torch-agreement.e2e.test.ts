// The TF.js SAM (native backend) and the PyTorch SAM (harness/sam/pytorch) replay every reference
// case in float32 and must agree at every step, within the reference README's float32 tolerances:
// the two frameworks' implementations of the same options are the same algorithm.
import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { PROJECT_ROOT } from '../paths.js';
import { loadBackend } from '../worker/backend.js';
import { SAM, type SamStepKind, type SamStepStats } from './sam-optimizer.js';
import { referenceCases, referenceModel, type ReferenceCase } from './fixtures/reference-model.js';
import { optimizerFor } from './fixtures/optimizer-for-case.js';
import { variantCases, variantOptimizer } from './fixtures/variant-cases.js';

const PARAM_TOL = 2e-6;
const LOSS_TOL = 1e-6;
const RELATIVE_NORM_TOL = 1e-5;

const PYTHON = path.join(PROJECT_ROOT, '.venv', 'bin', 'python');
// A module of the project root's `harness` package, run from the root (see pyproject.toml).
const REPLAY = ['-m', 'harness.sam.pytorch.replay'];
const SETUP_HINT = 'run `bash scripts/setup-python.sh` to create .venv with PyTorch';

/** One step as harness/sam/pytorch/replay.py prints it. */
interface TorchStep {
  step: number;
  sam: boolean;
  kind: SamStepKind;
  skipped: boolean;
  loss: number;
  stats: SamStepStats | null;
  params: number[];
}

interface TorchReplay {
  torch: string;
  dtype: string;
  cases: TorchCase[];
  /** fixtures/variant-cases.json, replayed likewise. */
  variants: TorchCase[];
}

interface TorchCase {
  case: string;
  dtype: string;
  initial_params: number[];
  steps: TorchStep[];
}

interface TfjsStep {
  sam: boolean;
  kind: SamStepKind;
  loss: number;
  stats: SamStepStats | null;
  params: number[];
}

async function torchReplay(): Promise<TorchReplay> {
  if (!fs.existsSync(PYTHON)) throw new Error(`${PYTHON} is missing: ${SETUP_HINT}`);
  const result = await execa(PYTHON, REPLAY, { cwd: PROJECT_ROOT, reject: false });
  if (result.exitCode !== 0) {
    throw new Error(
      `${PYTHON} ${REPLAY.join(' ')} exited with ${String(result.exitCode)} (${SETUP_HINT} if torch is missing):\n${result.stderr}`,
    );
  }
  return JSON.parse(result.stdout) as TorchReplay;
}

/** The TF.js SAM (or the bare base optimizer for the baselines) on one case, as sam-reference.test.ts runs it. */
function tfjsTrajectory(reference: ReferenceCase): { initial: number[]; steps: TfjsStep[] } {
  return trajectory(optimizerFor(reference), reference.steps.length);
}

function trajectory(optimizer: tf.Optimizer, stepCount: number): { initial: number[]; steps: TfjsStep[] } {
  const model = referenceModel();
  const initial = model.params();
  const steps = Array.from({ length: stepCount }, (): TfjsStep => {
    const loss = optimizer.minimize(model.loss, true, model.variables)!;
    const value = loss.dataSync()[0]!;
    loss.dispose();
    const sam = optimizer instanceof SAM && optimizer.lastStepWasSam;
    const kind = optimizer instanceof SAM ? optimizer.lastStepKind : 'base';
    const stats = optimizer instanceof SAM ? optimizer.lastSamStats() : null;
    return { sam, kind, loss: value, stats, params: model.params() };
  });
  optimizer.dispose();
  model.dispose();
  return { initial, steps };
}

function maxAbsDiff(a: number[], b: number[]): number {
  expect(a).toHaveLength(b.length);
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
}

function relativeDiff(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

describe('TF.js SAM and PyTorch SAM agree in float32 on every reference case', () => {
  let torch: TorchReplay;
  const cases = referenceCases();

  beforeAll(async () => {
    torch = await torchReplay();
    await loadBackend('tensorflow');
  });

  test('PyTorch replayed exactly the reference cases, in float32', () => {
    expect(torch.dtype).toBe('float32');
    expect(torch.cases.map((c) => c.case)).toEqual(cases.map((c) => c.case));
    expect(tf.getBackend()).toBe('tensorflow');
  });

  test.each(cases.map((c) => [c.case, c] as const))('%s', (name, reference) => {
    const theirs = torch.cases.find((c) => c.case === name);
    expect(theirs, `PyTorch output has no case ${name}`).toBeDefined();
    const ours = tfjsTrajectory(reference);
    expectAgreement(name, ours, theirs!);
    ours.steps.forEach((tfjs, i) => expect(tfjs.sam, `${name} step ${i + 1}`).toBe(reference.steps[i]!.sam));
  });

  // Cheap-SAM variants: no published trajectories, so the two frameworks are held to each other.
  test('PyTorch replayed exactly the variant cases', () => {
    expect(torch.variants.map((c) => c.case)).toEqual(variantCases().map((c) => c.case));
  });

  test.each(variantCases().map((c) => [c.case, c] as const))('variant %s', (name, variant) => {
    const theirs = torch.variants.find((c) => c.case === name);
    expect(theirs, `PyTorch output has no variant case ${name}`).toBeDefined();
    const ours = trajectory(variantOptimizer(variant), variant.steps);
    expectAgreement(name, ours, theirs!);
    // Both kinds of step happen (and LookSAM's reuse steps), so the comparison covers each.
    expect(new Set(ours.steps.map((s) => s.sam))).toEqual(new Set([true, false]));
    if (variant.lookSam) expect(ours.steps.some((s) => s.kind === 'reuse')).toBe(true);
  });
});

function expectAgreement(name: string, ours: { initial: number[]; steps: TfjsStep[] }, theirs: TorchCase) {
  expect(theirs.dtype).toBe('float32');
  expect(maxAbsDiff(ours.initial, theirs.initial_params)).toBeLessThanOrEqual(PARAM_TOL);
  expect(theirs.steps).toHaveLength(ours.steps.length);
  ours.steps.forEach((tfjs, i) => {
    const pt = theirs.steps[i]!;
    const at = `${name} step ${i + 1}`;
    expect(pt.step, at).toBe(i + 1);
    expect(pt.skipped, at).toBe(false);
    expect(tfjs.sam, at).toBe(pt.sam);
    expect(tfjs.kind, at).toBe(pt.kind);
    expect(Math.abs(tfjs.loss - pt.loss), `${at}: loss`).toBeLessThanOrEqual(LOSS_TOL);
    if (tfjs.sam) {
      const [a, b] = [tfjs.stats!, pt.stats!];
      expect(b, at).not.toBeNull();
      expect(relativeDiff(a.gradNorm, b.gradNorm), `${at}: gradNorm`).toBeLessThanOrEqual(RELATIVE_NORM_TOL);
      expect(relativeDiff(a.scale, b.scale), `${at}: scale`).toBeLessThanOrEqual(RELATIVE_NORM_TOL);
      expect(relativeDiff(a.perturbationNorm, b.perturbationNorm), `${at}: perturbationNorm`).toBeLessThanOrEqual(RELATIVE_NORM_TOL);
    } else {
      expect(tfjs.stats, at).toBeNull();
      expect(pt.stats, at).toBeNull();
    }
    expect(maxAbsDiff(tfjs.params, pt.params), `${at}: params`).toBeLessThanOrEqual(PARAM_TOL);
  });
}
