// How the worker knows its launcher is gone (the worker that stops then: launcher-watch.e2e.test.ts).
import { expect, test } from 'vitest';
import { deadPid } from '../fixtures/os-fixtures.js';
import { processGone } from '../processes.js';

test('processGone: this process is there, an exited one is gone', () => {
  expect(processGone(process.pid)).toBe(false);
  expect(processGone(deadPid())).toBe(true);
});
