// What a bench says as it goes, as data: the library's `onEvent` gets every event, and the CLI
// prints them (progress.ts for the runs, cli.ts for the rest). Nothing here prints.
import type { RunSpec, WorkerEvent } from '../../schemas/index.js';

// `index` is 1-based, in the order the runs are launched; `total` counts the bench's runs.
/** A run's part of a bench: started, a worker event, kept from an earlier bench (resume), ended. */
export type RunEvent =
  | { type: 'run-start'; index: number; total: number; spec: RunSpec }
  | { type: 'run-event'; index: number; total: number; spec: RunSpec; event: WorkerEvent }
  | { type: 'run-kept'; index: number; total: number; spec: RunSpec }
  | {
      type: 'run-end';
      index: number;
      total: number;
      spec: RunSpec;
      status: 'ok' | 'failed';
      /** Why it failed (RunResult's reason), and the worker's message; null for an ok run. */
      reason: string | null;
      message: string | null;
      /** The run's stderr log. */
      stderr: string;
      warnings: string[];
    };

/** Everything a bench reports while it runs: its start, each run's progress, warnings and notes. */
export type BenchEvent =
  | { type: 'bench-start'; suite: string; runs: number; out: string; launcher: string }
  | RunEvent
  /** Something the user should know (a deprecated suite key, a busy GPU, an earlier bench's leftovers). */
  | { type: 'warning'; message: string }
  /** Plain information, e.g. that a long reduction is under way. */
  | { type: 'note'; message: string };

// A library call without onEvent hears nothing.
/** Where events go. */
export type BenchListener = (event: BenchEvent) => void;
