// A bench as one history line (schemas/history-line.schema.json, version 2): per configuration
// (a suite's repeats of one run), the value of each timing metric for every finished process,
// the pooled ratio and slowdowns with their intervals, and the accuracy; beside them the commit
// and the machine fingerprint that says which lines' absolute step times can be compared.
import { configurationId, processValue, runKey, type BenchData, type FinishedById } from '../compare/index.js';
import type { RunResult } from '../measure/index.js';
import { mean, pooled, type Estimate } from '../stats/index.js';
import { HISTORY_VERSION, type HistoryConfiguration, type HistoryEnv, type HistoryLineV2 } from '../../schemas/index.js';

// Six significant digits: far below any noise a bench resolves, and a line stays short.
const kept = (x: number) => Number(x.toPrecision(6));
const keptEstimate = (e: Estimate | null) => e && { value: kept(e.value), ci95: [kept(e.ci95[0]), kept(e.ci95[1])] as [number, number] };
const finite = (values: (number | null | undefined)[]) =>
  values.flatMap((v) => (v === null || v === undefined || !Number.isFinite(v) ? [] : [kept(v)]));

// CPU, cores, GPU, backend with its native library, platform: what absolute step times depend on.
/** The machine fingerprint of a history line: absolute step times are compared only within one. */
export function machineFingerprint(env: HistoryEnv): string {
  if (!env) return 'unknown machine';
  const backend = [
    env.backend,
    env.nativeTensorflow ? `TensorFlow ${env.nativeTensorflow}` : null,
    env.torch ? `torch ${env.torch}` : null,
  ];
  const parts = [env.cpu, env.cores ? `${env.cores} cores` : null, env.gpu, backend.filter(Boolean).join(' '), env.platform];
  return parts.filter(Boolean).join(' · ') || 'unknown machine';
}

function historyEnv(bench: BenchData): HistoryEnv {
  const env = bench.runs.find((r) => r.env)?.env;
  if (!env) return null;
  const fields = ['cpu', 'cores', 'gpu', 'backend', 'nativeTensorflow', 'tfjs', 'torch', 'node', 'platform'] as const;
  const picked = Object.fromEntries(fields.flatMap((f) => (env[f] === undefined ? [] : [[f, env[f] ?? null]]))) as NonNullable<HistoryEnv>;
  return env.injectedSlowdown ? { ...picked, injectedSlowdown: env.injectedSlowdown } : picked;
}

function configuration(runs: readonly RunResult[], finished: FinishedById): HistoryConfiguration {
  const ok = runs.filter((r) => r.status === 'ok');
  const each = (metric: Parameters<typeof processValue>[0]) => finite(ok.map((r) => processValue(metric, r, finished)));
  const estimates = (pick: (r: RunResult) => Estimate | null) => keptEstimate(pooled(ok.flatMap((r) => pick(r) ?? [])));
  const accuracies = finite(ok.map((r) => r.finalEval?.acc));
  return {
    id: configurationId(runs[0]!.spec),
    processes: runs.length,
    failed: runs.length - ok.length,
    values: {
      baseStepMs: each('base step'),
      samStepMs: each('SAM step'),
      stepRatio: each('SAM/base ratio'),
      // compare's value is 1 + slowdown (positive, for its log scale); the history keeps the slowdown.
      slowdown: each('slowdown').map((v) => kept(v - 1)),
      slowdownWithinRun: finite(ok.map((r) => r.slowdownWithinRun?.value)),
    },
    stepRatio: estimates((r) => r.stepRatio),
    slowdown: estimates((r) => r.slowdown),
    slowdownWithinRun: estimates((r) => r.slowdownWithinRun),
    accuracy: accuracies.length > 0 ? kept(mean(accuracies)) : null,
  };
}

/** What a history line says besides the bench: where it is, when, which commit, and what `sambench ab` benched it against. */
export interface LineContext {
  results: string;
  timestamp: string;
  commit: string | null;
  against?: HistoryLineV2['against'];
}

// Configurations are grouped as compare groups them (runKey), in the bench's order.
/** The version-2 history line of `bench`. */
export function historyLineOf(bench: BenchData, context: LineContext): HistoryLineV2 {
  const groups = new Map<string, RunResult[]>();
  for (const run of bench.runs) groups.set(runKey(run.spec), [...(groups.get(runKey(run.spec)) ?? []), run]);
  const finished: FinishedById = new Map(bench.runs.filter((r) => r.status === 'ok').map((r) => [r.spec.id, r]));
  const env = historyEnv(bench);
  return {
    version: HISTORY_VERSION,
    suite: bench.suite,
    timestamp: context.timestamp,
    results: context.results,
    commit: context.commit,
    machine: machineFingerprint(env),
    env,
    ...(context.against ? { against: context.against } : {}),
    minEffect: bench.minEffect,
    configurations: [...groups.values()].map((runs) => configuration(runs, finished)),
  };
}
