// What a line of worker stdout must be to count as an event: JSON that schemas/events.schema.json accepts.
import { expect, test } from 'vitest';
import { parseEventLine } from './event-line.js';

const step = (fields: object) => JSON.stringify({ type: 'step', i: 1, kind: 'base', ms: 12.5, loss: 1, warmup: false, ...fields });

test('a plausible step event is an event', () => {
  expect(parseEventLine(step({}))).toMatchObject({ ok: true, event: { type: 'step', ms: 12.5 } });
  expect(parseEventLine(step({ ms: 86_400_000, dataMs: 3, cpuMs: 40, workersMs: [12, 13], allreduceMs: 1 })).ok).toBe(true);
});

// 1e308 ms would pass `minimum: 0` and then dominate every mean and ratio.
test.each([
  ['ms', { ms: 1e308 }],
  ['ms', { ms: 86_400_001 }],
  ['dataMs', { dataMs: 1e308 }],
  ['cpuMs', { cpuMs: 1e308 }],
  ['allreduceMs', { allreduceMs: 1e308 }],
  ['workersMs/1', { workersMs: [1, 1e308] }],
])('a step whose %s is more than a day is not an event', (field, fields) => {
  const parsed = parseEventLine(step(fields));
  expect(parsed.ok).toBe(false);
  if (!parsed.ok) expect(parsed.problem).toContain(field);
});

test('a line that is not JSON says so', () => {
  expect(parseEventLine('hello')).toEqual({ ok: false, problem: 'not JSON' });
});

// A step that took no time is a broken clock, and every step-time ratio divides by step times.
test.each([0, -1])('a step whose ms is %s is not an event', (ms) => {
  expect(parseEventLine(step({ ms }))).toEqual({ ok: false, problem: 'invalid step event: /ms must be > 0' });
});
