// Time to verdict, split: the arithmetic on hand-made logs (the startup phases a real worker
// process reports: verdict-time.e2e.test.ts).
import { describe, expect, test } from 'vitest';
import type { WorkerEvent } from '../schemas/index.js';
import { PHASES, runPhases, verdictTime } from './verdict-time.js';

const env = (startup: { processMs: number | null; frameworkMs: number; dataMs: number; modelMs: number }): WorkerEvent =>
  ({ type: 'env', runId: 'r', startup }) as WorkerEvent;
const step = (i: number, ms: number, warmup: boolean, dataMs = 0): WorkerEvent => ({
  type: 'step',
  i,
  kind: 'base',
  ms,
  loss: 1,
  warmup,
  dataMs,
});

// processStart 0.2 s, framework 0.5, data 0.1, model 0.05; one warm-up step of 0.3 s, two measured
// of 1 s with 0.1 s batch waits; an evaluation of 0.4 s; done after 3 s of training.
const RUN: WorkerEvent[] = [
  env({ processMs: 200, frameworkMs: 500, dataMs: 100, modelMs: 50 }),
  step(1, 300, true),
  step(2, 1000, false, 100),
  step(3, 1000, false, 100),
  { type: 'eval', step: 3, acc: 0.5, top5: null, loss: 1, samples: 10, trainMs: 2500, evalMs: 400 },
  { type: 'done', steps: 3, wallMs: 3000 },
];

describe('runPhases', () => {
  test('splits a run by its log: startup from env, steps by warm-up, batch waits, evaluations, the in-run rest', () => {
    const phases = runPhases(RUN);
    expect(phases.processStart).toBeCloseTo(0.2);
    expect(phases.framework).toBeCloseTo(0.5);
    expect(phases.data).toBeCloseTo(0.1);
    expect(phases.model).toBeCloseTo(0.05);
    expect(phases.warmup).toBeCloseTo(0.3);
    expect(phases.measured).toBeCloseTo(2);
    expect(phases.batchWait).toBeCloseTo(0.2);
    expect(phases.evaluation).toBeCloseTo(0.4);
    // 3 s of training less 0.3 + 2 + 0.2 + 0.4 accounted for.
    expect(phases.inRunOther).toBeCloseTo(0.1);
  });

  test('a log from before startup was recorded (and a worker that knows no process start) counts 0 there', () => {
    expect(runPhases(RUN.slice(1)).framework).toBe(0);
    expect(runPhases([env({ processMs: null, frameworkMs: 500, dataMs: 0, modelMs: 0 })]).processStart).toBe(0);
  });
});

describe('verdictTime', () => {
  test('the phases of a bench add up to its build and bench seconds; the launcher gets what the logs do not tell', () => {
    // Two runs of 3.85 s each by their logs (0.85 s of startup, 3 s of training) and 1.5 s of harness.
    const time = verdictTime({ buildSeconds: 0.5, benchSeconds: 10, harnessSeconds: 1.5, runs: [RUN, RUN] });
    const sum = PHASES.reduce((total, [phase]) => total + time.phases[phase], 0);
    expect(time.seconds).toBe(10.5);
    expect(sum).toBeCloseTo(10.5);
    expect(time.phases.measured).toBeCloseTo(4);
    expect(time.phases.launcher).toBeCloseTo(10 - 1.5 - 2 * (0.85 + 3));
    expect(time.overcount).toBe(0);
  });

  test('a harness measured longer than its part of the bench is an overcount, never a negative phase', () => {
    const time = verdictTime({ buildSeconds: 0, benchSeconds: 8, harnessSeconds: 1, runs: [RUN, RUN] });
    expect(time.phases.launcher).toBe(0);
    expect(time.overcount).toBeCloseTo(1 + 2 * 3.85 - 8);
  });
});
