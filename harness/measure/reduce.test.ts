// Run results reduced from hand-made step events whose statistics can be checked by hand.
import { describe, expect, test } from 'vitest';
import { fakeSpec } from '../launch/fixtures/spec.js';
import type { StepEvent, WorkerEvent } from '../../schemas/index.js';
import { reduceRuns } from './reduce.js';
import type { RunInput } from './run-result.js';

const step = (i: number, kind: StepEvent['kind'], ms: number, warmup = false, dataMs = 1): StepEvent => ({
  type: 'step',
  i,
  kind,
  ms,
  dataMs,
  loss: 1 / i,
  warmup,
});
const done: WorkerEvent = { type: 'done', steps: 0, wallMs: 0 };

// Baseline: warm-up 50 ms, then base steps of 10 ms. SAM run (interval 2): base 10 ms, SAM 20 ms.
function inputs(): (RunInput & { events: WorkerEvent[] })[] {
  const baseline = { ...fakeSpec('base'), sam: null, baselineId: null };
  const sam = { ...fakeSpec('sam'), baselineId: 'base' };
  return [
    {
      spec: baseline,
      events: [step(1, 'base', 50, true), step(2, 'base', 50, true), ...[3, 4, 5, 6].map((i) => step(i, 'base', 10)), done],
    },
    {
      spec: sam,
      events: [
        step(1, 'base', 50, true),
        step(2, 'sam', 90, true),
        step(3, 'base', 10),
        step(4, 'sam', 20),
        step(5, 'base', 10),
        step(6, 'sam', 20),
        done,
      ],
    },
  ];
}

describe('reduceRuns', () => {
  test('drops warm-up steps and keeps SAM and base steps apart', () => {
    const [baseline, sam] = reduceRuns(inputs());
    expect(baseline).toMatchObject({
      warmupSteps: 2,
      measuredSteps: 4,
      sam: null,
      stepRatio: null,
      slowdown: null,
      predictedSlowdown: null,
    });
    expect(baseline!.base).toMatchObject({ n: 4, median: 10, mean: 10 });
    expect(sam!.base).toMatchObject({ n: 2, median: 10 });
    expect(sam!.sam).toMatchObject({ n: 2, median: 20 });
  });

  test('ratio, slowdown against the baseline, predicted slowdown (r − 1) / k, throughput', () => {
    const sam = reduceRuns(inputs())[1]!;
    expect(sam.stepRatio).toEqual({ value: 2, ci95: [2, 2], source: 'same-run' });
    expect(sam.meanStepMs).toBe(15);
    expect(sam.slowdown!.value).toBeCloseTo(0.5, 12); // 15 ms / 10 ms − 1
    expect(sam.samFraction).toBe(0.5); // 2 of the 4 measured steps
    expect(sam.predictedSlowdown).toBe(0.5); // (2 − 1) / 2
    expect(sam.slowdownWithinRun!.value).toBeCloseTo(0.5, 12); // 15 ms / its own 10 ms base steps − 1
    expect(sam.samplesPerSecond).toBeCloseTo((1000 * 8) / 15, 10);
    expect(sam.finalLoss).toBeCloseTo(1 / 6, 12);
  });

  test('SpeedMonitor-style throughput averages every step in the window, warm-up and data time included', () => {
    const sam = reduceRuns(inputs())[1]!;
    // 6 steps (fewer than the 100-batch window): (50 + 90 + 10 + 20 + 10 + 20) ms + 6 × 1 ms data
    expect(sam.speedMonitorWindow).toBe(6);
    expect(sam.speedMonitorSamplesPerSecond).toBeCloseTo((1000 * 6 * 8) / 206, 10);
  });

  test("interval 1 has no base steps: the ratio takes the baseline run's base steps", () => {
    const [baselineRecord, samRecord] = inputs();
    const allSam = {
      ...samRecord!,
      spec: { ...samRecord!.spec, sam: { ...samRecord!.spec.sam!, interval: 1 } },
      events: [...[3, 4, 5, 6].map((i) => step(i, 'sam', 30)), done],
    };
    const sam = reduceRuns([baselineRecord!, allSam])[1]!;
    expect(sam.stepRatio).toMatchObject({ value: 3, source: 'baseline' });
    expect(sam.predictedSlowdown).toBe(2);
    expect(sam.slowdown!.value).toBeCloseTo(2, 12);
  });

  test.each([
    ['a random schedule', { kind: 'random' as const, p: 0.3, pFinal: null }],
    ['AE-SAM', { kind: 'aesam' as const, delta: 0.9, lambda1: -1, lambda2: 1 }],
    // A user's variant is priced by its registry `cost` "fraction" too: it picks its own steps.
    ['a user variant (module)', { kind: 'module' as const, name: 'warmup', path: '/v/warmup.mjs', sha256: '0'.repeat(64), args: {} }],
    [
      'a user variant (python)',
      { kind: 'python' as const, name: 'build', path: '/v/my_variants.py', function: 'build', sha256: '1'.repeat(64), args: { steps: 5 } },
    ],
  ])('%s: predicted slowdown (r − 1) · f, f the measured fraction of SAM steps', (_name, variant) => {
    const [baselineRecord, samRecord] = inputs();
    const ownSteps = {
      ...samRecord!,
      spec: { ...samRecord!.spec, sam: { ...samRecord!.spec.sam!, interval: 1, variant } },
      // measured: SAM, base, base, base, SAM (SAM 30 ms, base 10 ms): f = 2/5, r = 3
      events: [step(1, 'sam', 90, true), step(2, 'sam', 30), ...[3, 4, 5].map((i) => step(i, 'base', 10)), step(6, 'sam', 30), done],
    };
    const sam = reduceRuns([baselineRecord!, ownSteps])[1]!;
    expect(sam.stepRatio).toMatchObject({ value: 3, source: 'same-run' });
    expect(sam.samFraction).toBeCloseTo(0.4, 12);
    expect(sam.predictedSlowdown).toBeCloseTo(0.8, 12); // (3 − 1) · 2/5
    expect(sam.slowdown!.value).toBeCloseTo(0.8, 12); // mean 18 ms / 10 ms − 1
  });

  test('LookSAM: reuse steps time as single-pass steps; predicted slowdown (r − 1)/k plus the reuse overhead', () => {
    const [baselineRecord, samRecord] = inputs();
    const looksam = {
      ...samRecord!,
      spec: { ...samRecord!.spec, sam: { ...samRecord!.spec.sam!, interval: 3, variant: { kind: 'looksam' as const, alpha: 0.7 } } },
      // measured: SAM 30 ms at steps 3 and 6, reuse 12 ms between; baseline steps 10 ms
      events: [
        step(1, 'base', 50, true),
        step(2, 'base', 50, true),
        ...[3, 4, 5, 6, 7, 8].map((i) => (i % 3 === 0 ? step(i, 'sam', 30) : step(i, 'reuse', 12))),
        done,
      ],
    };
    const sam = reduceRuns([baselineRecord!, looksam])[1]!;
    expect(sam.stepsMs).toEqual({ base: [12, 12, 12, 12], sam: [30, 30] });
    expect(sam.stepRatio).toMatchObject({ value: 2.5, source: 'same-run' }); // 30 / 12
    // q = 12/10 − 1 = 0.2; (1 + 0.2) · (1 + (2.5 − 1)/3) − 1 = 1.2 · 1.5 − 1 = 0.8
    expect(sam.predictedSlowdown).toBeCloseTo(0.8, 12);
    expect(sam.slowdown!.value).toBeCloseTo(0.8, 12); // mean (2·30 + 4·12)/6 = 18 ms over 10 ms
  });

  test('a failed baseline gives no slowdown; a failed run keeps its reason', () => {
    const [baseline, sam] = inputs();
    const results = reduceRuns([{ ...baseline!, outcome: { status: 'failed', reason: 'crash', message: 'boom' } }, sam!]);
    expect(results[0]).toMatchObject({ status: 'failed', reason: 'crash', message: 'boom' });
    expect(results[1]!.slowdown).toBeNull();
    expect(results[1]!.stepRatio).toMatchObject({ value: 2, source: 'same-run' });
  });

  test('accuracy: the last evaluation, the gain over the same-seed no-SAM run, time to the target', () => {
    const evaluation = { everySteps: 2, testSamples: null, targetAccuracy: 0.6 };
    const evalAt = (step: number, acc: number, trainMs: number): WorkerEvent => ({
      type: 'eval',
      step,
      acc,
      top5: null,
      loss: 1 - acc,
      samples: 100,
      trainMs,
    });
    const [baseline, sam] = inputs().map((r) => ({ ...r, spec: { ...r.spec, evaluation } }));
    // Before the done event, where a worker prints them.
    baseline!.events.splice(-1, 0, evalAt(2, 0.4, 100), evalAt(4, 0.62, 200), evalAt(6, 0.7, 300));
    sam!.events.splice(-1, 0, evalAt(2, 0.5, 150), evalAt(4, 0.65, 300), evalAt(6, 0.73, 450));
    const [b, s] = reduceRuns([baseline!, sam!]);
    expect(b!.finalEval).toEqual({ acc: 0.7, top5: null, loss: 1 - 0.7, samples: 100, step: 6 });
    expect(b).toMatchObject({ timeToTargetMs: 200, accuracyGain: null, timeToTargetRatio: null });
    expect(s!.finalEval!.acc).toBe(0.73);
    expect(s!.accuracyGain).toBeCloseTo(3, 10); // 73 % − 70 %, in points
    expect(s!.timeToTargetMs).toBe(300);
    expect(s!.timeToTargetRatio).toBe(1.5);
  });

  test('keeps the raw values: every step in order, measured step times per kind, evaluations', () => {
    const sam = reduceRuns(inputs())[1]!;
    expect(sam.steps.map((s) => s.i)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sam.stepsMs).toEqual({ base: [10, 10], sam: [20, 20] });
    expect(sam.evals).toEqual([]);
  });
});

describe('status: one definition', () => {
  const [baseline] = inputs();
  const error: WorkerEvent = { type: 'error', reason: 'nan', message: 'loss is NaN', step: 4 };
  const withoutDone = baseline!.events.filter((e) => e.type !== 'done');

  test('read back from disk: ok exactly with a done event and no error event', () => {
    expect(reduceRuns([baseline!])[0]).toMatchObject({ status: 'ok', reason: null, message: null });
    expect(reduceRuns([{ ...baseline!, events: withoutDone }])[0]).toMatchObject({
      status: 'failed',
      reason: 'unfinished',
      message: 'the log ends after 6 of 6 steps without a done event: the worker stopped early (see its stderr log) or has not finished',
    });
    expect(reduceRuns([{ ...baseline!, events: [...withoutDone, error] }])[0]).toMatchObject({
      status: 'failed',
      reason: 'nan',
      message: 'loss is NaN',
    });
    expect(reduceRuns([{ ...baseline!, events: [...baseline!.events, error] }])[0]!.status).toBe('failed');
  });

  test('a log holding only done is failed (incomplete), not ok with 0 steps; so is one with fewer or more measured steps', () => {
    expect(reduceRuns([{ ...baseline!, events: [done] }])[0]).toMatchObject({
      status: 'failed',
      reason: 'incomplete',
      message: 'the log holds 0 measured steps where the spec plans 4; redo the run (--resume redoes it)',
      measuredSteps: 0,
    });
    const threeMeasured = baseline!.events.filter((e) => !(e.type === 'step' && e.i === 6));
    expect(reduceRuns([{ ...baseline!, events: threeMeasured }])[0]).toMatchObject({ status: 'failed', reason: 'incomplete' });
    const extra = [...withoutDone, step(7, 'base', 10), done];
    expect(reduceRuns([{ ...baseline!, events: extra }])[0]!.message).toMatch(/^the log holds 5 measured steps where the spec plans 4/);
    // The launcher saw exit 0 after done, yet the log is short: still failed.
    expect(reduceRuns([{ ...baseline!, events: [done], outcome: { status: 'ok' } }])[0]!.status).toBe('failed');
  });

  test('fewer measured steps are ok when the time limit stopped the run (done.truncated), but not none', () => {
    const limited = { ...baseline!, spec: { ...baseline!.spec, steps: { ...baseline!.spec.steps, timeLimitSeconds: 1 } } };
    const truncated: WorkerEvent = { type: 'done', steps: 4, wallMs: 9, truncated: true };
    const short = [...baseline!.events.filter((e) => e.type === 'step' && e.i <= 4), truncated];
    expect(reduceRuns([{ ...limited, events: short }])[0]).toMatchObject({ status: 'ok', measuredSteps: 2, truncated: true });
    const warmupOnly = [...baseline!.events.filter((e) => e.type === 'step' && e.i <= 2), { ...truncated, steps: 2 }];
    expect(reduceRuns([{ ...limited, events: warmupOnly }])[0]).toMatchObject({ status: 'failed', reason: 'incomplete' });
  });

  test('done with truncated: true when the spec has no time limit is a protocol error', () => {
    const truncated: WorkerEvent = { type: 'done', steps: 4, wallMs: 9, truncated: true };
    const short = [...baseline!.events.filter((e) => e.type === 'step' && e.i <= 4), truncated];
    expect(reduceRuns([{ ...baseline!, events: short }])[0]).toMatchObject({
      status: 'failed',
      reason: 'protocol-error',
      message:
        'the done event says truncated: true, but the spec has no time limit (steps.timeLimitSeconds is null) that could have stopped the run early',
    });
    // Even with every planned step there: the worker's claim is wrong.
    const whole = [...withoutDone, truncated];
    expect(reduceRuns([{ ...baseline!, events: whole }])[0]).toMatchObject({ status: 'failed', reason: 'protocol-error' });
  });

  test('events after done (other than the machine event the launcher adds) are a protocol error', () => {
    const machine: WorkerEvent = { type: 'machine', busyShare: 0.5, ownShare: 0.4, otherShare: 0.1, stealShare: 0, loadAverage: 1 };
    expect(reduceRuns([{ ...baseline!, events: [...baseline!.events, machine] }])[0]!.status).toBe('ok');
    const late = [...baseline!.events, step(7, 'base', 10), { type: 'eval', step: 7, acc: 0.5, loss: 1, samples: 10, trainMs: 1 } as const];
    expect(reduceRuns([{ ...baseline!, events: late }])[0]).toMatchObject({
      status: 'failed',
      reason: 'protocol-error',
      message: 'the log holds 2 event(s) (step, eval) after the done event; a worker must print nothing after done',
    });
  });

  test('a skipped step number (a step line refused as broken, e.g. ms: 0) is a protocol error, not a short run', () => {
    const events = [step(1, 'base', 50, true), step(2, 'base', 50, true), ...[3, 5, 6].map((i) => step(i, 'base', 10)), done];
    expect(reduceRuns([{ ...baseline!, events }])[0]).toMatchObject({
      status: 'failed',
      reason: 'protocol-error',
      message:
        "step event 4 has step number 5 where 4 was due: the log lacks step 4, which the worker did not print or printed broken (the run's warning on stdout lines says how); a worker must number its steps 1, 2, 3, …",
    });
    const late = [step(2, 'base', 50, true), ...[3, 4, 5, 6].map((i) => step(i, 'base', 10)), done];
    expect(reduceRuns([{ ...baseline!, events: late }])[0]).toMatchObject({ reason: 'protocol-error' });
    // The last steps refused: the done event still counts them.
    const short = [...withoutDone.filter((e) => e.type !== 'step' || e.i <= 4), { type: 'done', steps: 6, wallMs: 9 } as const];
    expect(reduceRuns([{ ...baseline!, events: short }])[0]).toMatchObject({
      reason: 'protocol-error',
      message:
        "the done event counts 6 steps, but the log holds 4: the worker did not print the others or printed them broken (the run's warning on stdout lines says how)",
    });
  });

  test.each([
    ['repeats', [3, 4, 4, 5]],
    ['goes back', [3, 4, 2, 5]],
  ])('a step number that %s is a worker protocol error, named in the message', (_, numbers) => {
    const events = [step(1, 'base', 50, true), step(2, 'base', 50, true), ...numbers.map((i) => step(i, 'base', 10)), done];
    const result = reduceRuns([{ ...baseline!, events }])[0]!;
    expect(result).toMatchObject({ status: 'failed', reason: 'protocol-error' });
    expect(result.message).toBe(
      `step event 5 has step number ${numbers[2]} after 4; a worker must number its steps 1, 2, 3, … (a repeated or earlier number is a worker bug or an edited log)`,
    );
  });

  test("the launcher's outcome, when there is one, can only fail a run, and its reason wins", () => {
    expect(reduceRuns([{ ...baseline!, outcome: { status: 'ok' } }])[0]!.status).toBe('ok');
    expect(
      reduceRuns([{ ...baseline!, events: withoutDone, outcome: { status: 'failed', reason: 'timeout', message: 'timed out' } }])[0],
    ).toMatchObject({ status: 'failed', reason: 'timeout', message: 'timed out' });
  });

  test('a failed run keeps its evaluations and steps, but has no final accuracy', () => {
    const evalEvent: WorkerEvent = { type: 'eval', step: 6, acc: 0.5, loss: 1, samples: 10, trainMs: 1 };
    const failed = reduceRuns([{ ...baseline!, events: [...withoutDone, evalEvent] }])[0]!;
    expect(failed.evals).toHaveLength(1);
    expect(failed.steps).toHaveLength(6);
    expect(failed.finalEval).toBeNull();
  });
});
