// Non-finite values, wherever they sit in an event, take the one road of a divergence: the
// event is written only where the schema can say null there, and NonFiniteValueError follows.
import { expect, test } from 'vitest';
import { checkEvent, type WorkerEvent } from '../../schemas/index.js';
import { emit, NonFiniteValueError } from './emit.js';

function emitted(event: WorkerEvent): { lines: string[]; error: unknown } {
  const lines: string[] = [];
  try {
    emit(event, (line) => void lines.push(line));
    return { lines, error: null };
  } catch (error) {
    return { lines, error };
  }
}

const step = { type: 'step', i: 3, kind: 'sam', ms: 12.5, loss: 0.7, warmup: false } as const;
const evaluation = { type: 'eval', step: 8, acc: 0.5, top5: null, loss: 1.25, samples: 10, trainMs: 100 } as const;

test('a finite event is written as one JSON line', () => {
  const { lines, error } = emitted(step);
  expect(error).toBeNull();
  expect(lines).toEqual([`${JSON.stringify(step)}\n`]);
});

test.each([
  ['loss', Number.NaN, 'evaluation loss is NaN at step 8'],
  ['acc', Number.NaN, 'evaluation acc is NaN at step 8'],
  ['trainMs', Number.POSITIVE_INFINITY, 'evaluation trainMs is Infinity at step 8'],
])('an evaluation whose %s is %s is not written and fails as a divergence', (field, value, message) => {
  const { lines, error } = emitted({ ...evaluation, [field]: value });
  expect(lines).toEqual([]);
  expect(error).toBeInstanceOf(NonFiniteValueError);
  expect((error as NonFiniteValueError).message).toBe(message);
  expect((error as NonFiniteValueError).step).toBe(8);
});

test('a step whose loss is NaN is written with loss null (the schema allows it), then fails at its step', () => {
  const { lines, error } = emitted({ ...step, loss: Number.NaN });
  expect(lines).toHaveLength(1);
  const written = JSON.parse(lines[0]!) as unknown;
  expect(checkEvent(written)).toMatchObject({ ok: true, event: { i: 3, loss: null } });
  expect(error).toBeInstanceOf(NonFiniteValueError);
  expect((error as NonFiniteValueError).message).toBe('training loss is NaN at step 3');
  expect((error as NonFiniteValueError).step).toBe(3);
});

test('a non-finite number nested in an array is found and named by its path', () => {
  const { lines, error } = emitted({ ...step, workersMs: [10, Number.NEGATIVE_INFINITY] });
  expect(lines).toEqual([]);
  expect((error as NonFiniteValueError).message).toBe('training workersMs/1 is -Infinity at step 3');
});

test('an event without a step (done) says which event', () => {
  const { error } = emitted({ type: 'done', steps: 4, wallMs: Number.NaN });
  expect((error as NonFiniteValueError).message).toBe('done event wallMs is NaN');
  expect((error as NonFiniteValueError).step).toBeUndefined();
});
