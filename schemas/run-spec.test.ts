// A worker takes only a spec that matches schemas/run-spec.schema.json; a refused one is named
// by each bad field's pointer, what was expected and what was found.
import { describe, expect, test } from 'vitest';
import { fakeSpec } from '../harness/launch/fixtures/spec.js';
import { ContractError, checkRunSpec, parseRunSpec } from './index.js';

const spec = () => JSON.parse(JSON.stringify(fakeSpec('base-s0'))) as Record<string, unknown> & ReturnType<typeof fakeSpec>;

function refusal(value: unknown): ContractError {
  try {
    checkRunSpec(value, 'x.spec.json');
  } catch (error) {
    if (error instanceof ContractError) return error;
    throw error;
  }
  throw new Error('the spec was accepted');
}

describe('checkRunSpec', () => {
  test('accepts a resolved TF.js spec and a PyTorch one', () => {
    expect(checkRunSpec(spec(), 'x.spec.json').id).toBe('base-s0');
    const torch = {
      ...spec(),
      framework: 'torch',
      precision: 'mixed-bfloat16',
      torch: { device: 'cuda', worldSize: 2, channelsLast: true, syncFirstGradient: false },
    };
    expect(checkRunSpec(torch, 'x.spec.json').torch?.worldSize).toBe(2);
  });

  test.each([
    ['a missing field', (s: ReturnType<typeof spec>) => delete (s as Record<string, unknown>).seed, '/seed', 'is required'],
    [
      'a wrong type',
      (s: ReturnType<typeof spec>) => Object.assign(s.dataset, { batchSize: '64' }),
      '/dataset/batchSize',
      'must be an integer (got "64")',
    ],
    [
      'a wrong type inside a nullable object',
      (s: ReturnType<typeof spec>) => Object.assign(s.sam!, { rho: 'big' }),
      '/sam/rho',
      'must be a number (got "big")',
    ],
    [
      'a nullable field left out rather than null',
      (s: ReturnType<typeof spec>) => delete (s.steps as unknown as Record<string, unknown>).timeLimitSeconds,
      '/steps/timeLimitSeconds',
      'is required',
    ],
    [
      'an unknown key',
      (s: ReturnType<typeof spec>) => Object.assign(s.model, { depth: 3 }),
      '/model/depth',
      'is not a known key; expected one of: source, name, hidden, batchNorm',
    ],
    [
      'a value out of its enum',
      (s: ReturnType<typeof spec>) => Object.assign(s, { framework: 'jax' }),
      '/framework',
      'must be one of "tfjs", "torch" (got "jax")',
    ],
    [
      'a schedule without its gamma',
      (s: ReturnType<typeof spec>) => Object.assign(s.optimizer, { schedule: { kind: 'step', milestones: [3] } }),
      '/optimizer/schedule/gamma',
      'is required',
    ],
  ])('refuses %s, naming the field', (_what, breakIt, pointer, message) => {
    const value = spec();
    breakIt(value);
    const error = refusal(value);
    expect(error.issues).toEqual([{ pointer, message }]);
    expect(error.message).toBe(`run spec x.spec.json: ${pointer} ${message}`);
    expect(error.code).toBe('RUN_SPEC_INVALID');
  });

  test('lists every problem at once', () => {
    const value = spec();
    delete (value as Record<string, unknown>).seed;
    value.dataset.batchSize = 0;
    expect(refusal(value).message).toBe('run spec x.spec.json: 2 problems\n  /seed is required\n  /dataset/batchSize must be >= 1 (got 0)');
  });
});

describe('parseRunSpec', () => {
  test('parses and checks JSON text', () => {
    expect(parseRunSpec(JSON.stringify(spec()), 'x.spec.json').seed).toBe(1);
  });

  test('refuses text that is not JSON', () => {
    expect(() => parseRunSpec('{"id": ', 'x.spec.json')).toThrow(/^run spec x\.spec\.json: \(root\) is not valid JSON/);
  });
});
