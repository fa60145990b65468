// OutputTail hands on each event of a task's growing output once, whole, even when a
// multi-byte character falls across two of its reads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { WorkerEvent } from '../../../schemas/index.js';
import { OutputTail } from './ingest.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-output-tail-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a character split between two reads of 64 KiB arrives whole, and each event once', () => {
  const file = path.join(dir, 'task.worker.out');
  const head = '{"type":"error","reason":"worker-error","message":"';
  // 'é' is two bytes in UTF-8: the first is the 65,536th byte of the file, the second the next.
  const message = `${'x'.repeat(65_535 - head.length)}é`;
  const line = `${JSON.stringify({ type: 'error', reason: 'worker-error', message })}\n`;
  const events: WorkerEvent[] = [];
  const tail = new OutputTail(file, (event) => events.push(event));
  tail.read(); // not there yet
  fs.writeFileSync(file, line);
  tail.read();
  tail.read();
  expect(events).toEqual([{ type: 'error', reason: 'worker-error', message }]);
});
