// Where a bench's time goes, from its runs' event logs: each worker's start (env.startup), its
// steps (warm-up and measured apart), its waits for batches and its evaluations; the rest of
// the bench (the harness before and after the runs, spawning, process exit) is what the wall
// clock saw beyond the logs. Pure: `npm run bench:time-to-verdict` measures, this adds up.
import type { WorkerEvent } from '../schemas/index.js';

/** The phases of a bench, in the order they happen, with what each one covers. */
export const PHASES = [
  ['build', 'build (scripts/build-if-stale.mjs)'],
  ['harness', 'harness: suite, preflight, reading logs, reports'],
  ['processStart', 'worker process start (runtime boot, modules)'],
  ['framework', 'framework import (native TensorFlow / torch)'],
  ['data', 'data (load or generate)'],
  ['model', 'model build'],
  ['warmup', 'warm-up steps'],
  ['measured', 'measured steps'],
  ['batchWait', 'waiting for batches'],
  ['evaluation', 'evaluations'],
  ['inRunOther', 'in-run other (events, bookkeeping)'],
  ['launcher', 'spawn, exit, launcher (the rest)'],
] as const;

export type Phase = (typeof PHASES)[number][0];
/** Seconds per phase. */
export type PhaseSeconds = Record<Phase, number>;

/** One bench as measured from outside. */
export interface BenchTiming {
  /** Seconds the build check (or build) took before the CLI started. */
  buildSeconds: number;
  /** Seconds the bench command took, start to exit. */
  benchSeconds: number;
  /** Seconds the harness takes around the runs: a `--resume` of the finished folder, which reruns nothing. */
  harnessSeconds: number;
  /** Each run's events, as its log holds them. */
  runs: readonly (readonly WorkerEvent[])[];
}

const ZERO: PhaseSeconds = Object.fromEntries(PHASES.map(([phase]) => [phase, 0])) as PhaseSeconds;

/** The phases of one run's process that its log tells, in seconds (spawn and exit excluded). */
export function runPhases(events: readonly WorkerEvent[]): Partial<PhaseSeconds> {
  const phases = { ...ZERO };
  let inRun = 0;
  for (const event of events) {
    if (event.type === 'env' && event.startup) {
      phases.processStart += (event.startup.processMs ?? 0) / 1000;
      phases.framework += event.startup.frameworkMs / 1000;
      phases.data += event.startup.dataMs / 1000;
      phases.model += event.startup.modelMs / 1000;
    } else if (event.type === 'step') {
      phases[event.warmup ? 'warmup' : 'measured'] += event.ms / 1000;
      phases.batchWait += (event.dataMs ?? 0) / 1000;
    } else if (event.type === 'eval') {
      phases.evaluation += (event.evalMs ?? 0) / 1000;
    } else if (event.type === 'done') {
      inRun = event.wallMs / 1000;
    }
  }
  const accounted = phases.warmup + phases.measured + phases.batchWait + phases.evaluation;
  phases.inRunOther = Math.max(0, inRun - accounted);
  return phases;
}

/** A bench's time to verdict, split. */
export interface VerdictTime {
  /** Build plus the bench command: what the user waited. */
  seconds: number;
  /** Seconds per phase; they add up to `seconds` plus `overcount`. */
  phases: PhaseSeconds;
  /**
   * Seconds the phases add up to beyond `seconds`: the harness's share, measured in a separate
   * --resume, can come out longer than it was during the bench. 0 when the launcher's share is positive.
   */
  overcount: number;
}

/** Splits one bench's time to verdict into its phases. */
export function verdictTime(timing: BenchTiming): VerdictTime {
  const phases = { ...ZERO, build: timing.buildSeconds, harness: timing.harnessSeconds };
  for (const run of timing.runs) {
    for (const [phase, seconds] of Object.entries(runPhases(run)) as [Phase, number][]) phases[phase] += seconds;
  }
  const accounted = PHASES.reduce((sum, [phase]) => sum + (phase === 'build' || phase === 'launcher' ? 0 : phases[phase]), 0);
  // What the wall clock saw beyond the logs and the harness.
  const rest = timing.benchSeconds - accounted;
  phases.launcher = Math.max(0, rest);
  return { seconds: timing.buildSeconds + timing.benchSeconds, phases, overcount: Math.max(0, -rest) };
}
