// A user's SAM variant for TF.js: a tiny plugin module in a temp folder, loaded by the worker's
// loader (and through runOptimizer, as a run spec names it), and each way a plugin can be wrong.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { ModelFileProblem, sha256Hex, type ResolvedModuleVariant } from '../../schemas/index.js';
import { fakeSpec } from '../launch/fixtures/spec.js';
import { SAM } from '../sam/index.js';
import { quadraticProblem } from '../sam/fixtures/quadratic.js';
import { loadBackend } from './backend.js';
import { runOptimizer, strategyContext } from './optimizer.js';
import { loadStrategyPlugin } from './sam-plugin.js';

// SAM on the steps `args.steps` names; reuse (twice the plain gradient) after the first SAM step.
const PLUGIN = `
export function build(tf, variant, context) {
  let sawSam = false;
  return {
    name: variant.name,
    isSamStep: (step) => context.args.steps.includes(step),
    plainGradient: (g) => (sawSam ? g.map((t) => tf.mul(t, 2)) : null),
    afterSamStep: () => { sawSam = true; },
    state: { totalSteps: context.totalSteps, interval: context.interval },
  };
}
`;

let dir: string;
const write = (name: string, text: string): ResolvedModuleVariant => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return { kind: 'module', name: 'every-other', path: file, sha256: sha256Hex(fs.readFileSync(file)), args: { steps: [2, 4] } };
};
const context = (args: Record<string, unknown>) => ({ ...strategyContext({ ...fakeSpec('plugin'), sam: fakeSpec('plugin').sam! }), args });

describe("the worker's TF.js plugin loader", () => {
  beforeAll(async () => {
    await loadBackend('cpu');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-sam-plugin-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('loads a plugin by file URL, calls build(tf, variant, context), and SAM runs its strategy', async () => {
    const variant = write('every-other.mjs', PLUGIN);
    const strategy = await loadStrategyPlugin(tf, variant, context(variant.args));
    expect(strategy.name).toBe('every-other');
    expect(strategy.state).toEqual({ totalSteps: 6, interval: 2 });
    const { variables, loss, dispose } = quadraticProblem([3, 1], 'plugin');
    const sam = new SAM(tf.train.sgd(0.1), { strategy });
    const kinds = Array.from({ length: 5 }, () => (tf.dispose(sam.minimize(loss, true, variables)!), sam.lastStepKind));
    expect(kinds).toEqual(['base', 'sam', 'reuse', 'sam', 'reuse']);
    sam.dispose();
    dispose();
  });

  test('runOptimizer builds SAM with the plugin a run spec names, its args in the context', async () => {
    const variant = write('from-spec.mjs', PLUGIN);
    const base = fakeSpec('plugin-run');
    const spec = { ...base, sam: { ...base.sam!, variant: variant as never } };
    const optimizer = await runOptimizer(spec);
    expect(optimizer).toBeInstanceOf(SAM);
    const sam = optimizer as SAM;
    expect(sam.strategy.name).toBe('every-other');
    expect([1, 2, 3, 4].map((step) => sam.isSamStep(step))).toEqual([false, true, false, true]);
    sam.dispose();
  });

  test('a default export is taken when there is no build', async () => {
    const variant = write('default.mjs', `export default () => ({ name: 'd', isSamStep: () => true });`);
    expect((await loadStrategyPlugin(tf, variant, context({}))).name).toBe('d');
  });

  test('a factory that returns no strategy: an error naming the file and what it returned', async () => {
    const variant = write('bad-return.mjs', `export function build() { return { name: 'x' }; }`);
    await expect(loadStrategyPlugin(tf, variant, context({}))).rejects.toThrow(
      `build() of ${variant.path} returned an object of class Object without an isSamStep method, not a SAM strategy`,
    );
    const number = write('number.mjs', `export const build = () => 5;`);
    await expect(loadStrategyPlugin(tf, number, context({}))).rejects.toThrow(`build() of ${number.path} returned number 5`);
  });

  test('a factory that throws fails with its message', async () => {
    const variant = write('throws.mjs', `export function build() { throw new Error('needs args.steps\\nmore detail'); }`);
    await expect(loadStrategyPlugin(tf, variant, context({}))).rejects.toThrow(`build() of ${variant.path} threw: needs args.steps`);
  });

  test('no build nor default export, a file that is no module, and a file edited since the suite loaded are refused', async () => {
    const none = write('none.mjs', `export const other = 1;`);
    await expect(loadStrategyPlugin(tf, none, context({}))).rejects.toThrow(`${none.path} exports no function \`build\` (or default)`);
    const broken = write('broken.mjs', `export function build( {`);
    await expect(loadStrategyPlugin(tf, broken, context({}))).rejects.toThrow(`${broken.path} does not load as an ES module`);
    const edited = { ...write('edited.mjs', PLUGIN), sha256: '0'.repeat(64) };
    await expect(loadStrategyPlugin(tf, edited, context({}))).rejects.toThrow(`${edited.path} changed since the suite was loaded`);
  });

  test('each refusal is a ModelFileProblem at the run spec key at fault, which `--probe` reports', async () => {
    const throws = write('throws-too.mjs', `export default () => { throw new Error('no'); };`);
    await expect(loadStrategyPlugin(tf, throws, context({}))).rejects.toBeInstanceOf(ModelFileProblem);
    await expect(loadStrategyPlugin(tf, throws, context({}))).rejects.toMatchObject({ pointer: '/sam/variant/path' });
    const gone = { ...throws, path: path.join(dir, 'gone.mjs') };
    await expect(loadStrategyPlugin(tf, gone, context({}))).rejects.toMatchObject({ pointer: '/sam/variant/path' });
    const edited = { ...write('edited-too.mjs', PLUGIN), sha256: '0'.repeat(64) };
    await expect(loadStrategyPlugin(tf, edited, context({}))).rejects.toMatchObject({ pointer: '/sam/variant/sha256' });
  });
});

describe("the worker's built-in strategies", () => {
  beforeAll(async () => {
    await loadBackend('cpu');
  });

  test('a random variant draws the steps samOptions gives (seed 0, stream 6: steps 1, 4, 6, 13 at p = 0.25)', async () => {
    const base = fakeSpec('rst');
    const spec = {
      ...base,
      seed: 0,
      steps: { ...base.steps, warmup: 0, measured: 16 },
      sam: { ...base.sam!, interval: 1, variant: { kind: 'random' as const, p: 0.25, pFinal: null } },
    };
    const sam = (await runOptimizer(spec)) as SAM;
    expect(sam.strategy.name).toBe('random');
    expect(Array.from({ length: 16 }, (_, i) => i + 1).filter((step) => sam.isSamStep(step))).toEqual([1, 4, 6, 13]);
    sam.dispose();
  });

  test('a LookSAM variant serializes as before; a baseline run gets the base optimizer', async () => {
    const base = fakeSpec('looksam');
    const spec = { ...base, sam: { ...base.sam!, variant: { kind: 'looksam' as const, alpha: 0.7, granularity: 'tensor' as const } } };
    const sam = (await runOptimizer(spec)) as SAM;
    expect(sam.getConfig().lookSam).toEqual({ alpha: 0.7, granularity: 'tensor' });
    sam.dispose();
    expect(await runOptimizer({ ...base, sam: null })).not.toBeInstanceOf(SAM);
  });
});
