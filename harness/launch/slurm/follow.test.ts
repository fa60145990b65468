// Following a job: a task that ended well but whose `done` reaches the shared filesystem late is
// taken in once, after its output is whole, and each of its events reaches the progress hooks once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test, vi } from 'vitest';
import type { WorkerEvent } from '../../../schemas/index.js';
import { fakeSpec } from '../fixtures/spec.js';
import { runFiles } from '../run-files.js';
import { followJob } from './follow.js';
import { ingestTask } from './ingest.js';
import type { TaskState } from './task-state.js';

// Slurm says the one task of job 7 has ended well.
const completed: TaskState = { index: 0, state: 'COMPLETED', exitCode: 0, signal: 0, node: 'n1', startMs: 1000, endMs: 3000 };
vi.mock('./cluster.js', () => ({ taskStates: () => Promise.resolve(new Map([[0, completed]])) }));
vi.mock('./ingest.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./ingest.js')>();
  return { ...actual, ingestTask: vi.fn(actual.ingestTask) };
});

const runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-follow-'));
afterAll(() => fs.rmSync(runsDir, { recursive: true, force: true }));

test('a task whose done line shows after Slurm says it ended is taken in once, whole', async () => {
  const spec = fakeSpec('late', { warmup: 0, measured: 1 });
  const step: WorkerEvent = { type: 'step', i: 1, kind: 'base', ms: 1, loss: 2.3, warmup: false };
  const done: WorkerEvent = { type: 'done', steps: 1, wallMs: 1 };
  const files = runFiles(runsDir, spec.id);
  fs.writeFileSync(files.workerOut, `${JSON.stringify(step)}\n`);
  // The done line arrives half a second later, as over NFS.
  setTimeout(() => fs.appendFileSync(files.workerOut, `${JSON.stringify(done)}\n`), 500);
  const shown: WorkerEvent[] = [];
  const outcomes = await followJob(
    '7',
    new Map([[0, { spec, runsDir }]]),
    { started: () => (event) => shown.push(event), ended: () => {} },
    { pollMs: 10 },
  );
  expect(ingestTask).toHaveBeenCalledTimes(1);
  expect(outcomes.get(0)).toMatchObject({ status: 'ok', events: [step, done], wallMs: 2000 });
  expect(shown).toEqual([step, done]);
  expect(
    fs
      .readFileSync(files.events, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown),
  ).toEqual([step, done]);
});
