// `sambench ab` as a function the nightly can call: two revisions of sambench → their worktrees →
// two benches of one suite, processes interleaved in shuffled rounds in one job (run-bench.ts) →
// rev-b compared with rev-a (compare/) → `<out>/a`, `<out>/b` and `<out>/ab.json`. Prints nothing
// but progress; the CLI (ab.ts) prints the comparison.
import path from 'node:path';
import { COMPARE_DEFAULTS, compareBenches, type BenchData, type Comparison } from '../../compare/index.js';
import { ExitCode, type ExitCodeValue } from '../../errors.js';
import { writeOutputFile } from '../../output-file.js';
import { appendHistory } from '../../history/index.js';
import { PROJECT_ROOT } from '../../paths.js';
import { INJECT_SLOWDOWN_ENV } from '../../../schemas/index.js';
import type { LoadedSuite } from '../../suite/index.js';
import { prepareOutDir } from '../out-dir.js';
import { runInterleavedBenches } from '../run-bench.js';
import { abReport } from './ab-report.js';
import { checkoutTop, resolveRevision, type Revision } from './revisions.js';
import { prepareWorktree, worktreeCache } from './worktrees.js';

/** What to bench against what. */
export interface AbOptions {
  /** The baseline (a) and the revision compared with it (b), as git names them. */
  revisions: [string, string];
  /** The suite, loaded (and checked) by the running sambench; both revisions run its runs. */
  loaded: LoadedSuite;
  /** The folder for `a/`, `b/` and ab.json (new or empty). */
  out: string;
  /** The sambench git checkout the revisions come from. @default this sambench's own */
  repo?: string;
  /** Slowdown injected into rev-b's workers (SAMBENCH_INJECT_SLOWDOWN). @default 0 */
  inject?: number;
  /** Smallest relative change that counts. @default the suite's regression.minEffect, else compare's default */
  minEffect?: number;
  /** Hears progress lines (checking out, building). @default none */
  say?: (line: string) => void;
  /** Append rev-b's bench to the history (results/history.jsonl, or $SAMBENCH_HISTORY_FILE), naming rev-a as what it was benched against. @default true */
  history?: boolean;
}

/** Two revisions benched side by side, and what compare made of them. */
export interface AbResult {
  /** Full shas of rev-a and rev-b. */
  commits: [string, string];
  revisions: [Revision, Revision];
  /** The worktrees their workers ran from (one folder twice when both are the same commit). */
  worktrees: [string, string];
  /** rev-a's bench (the baseline) and rev-b's; each one's provenance names its revision's commit. */
  benches: [BenchData, BenchData];
  comparison: Comparison;
  /** 1 when a metric of rev-b regressed or a configuration failed, else 0. */
  exitCode: ExitCodeValue;
  /** The ab.json written. */
  file: string;
  /** Why rev-b's history line could not be appended (the comparison itself is fine); null when it was, or `history` is false. */
  historyError: string | null;
}

/** Benches `revisions` on `loaded`'s runs and compares them. @throws UsageError (exit 2) for a bad repo or revision, a failed checkout or build. */
export async function runAb(options: AbOptions): Promise<AbResult> {
  const { loaded, say = () => {} } = options;
  const repo = await checkoutTop(options.repo ?? PROJECT_ROOT);
  const revisions: [Revision, Revision] = [
    await resolveRevision(repo, options.revisions[0], '<rev-a>'),
    await resolveRevision(repo, options.revisions[1], '<rev-b>'),
  ];
  const build = loaded.runs.some((run) => run.framework === 'tfjs');
  const worktreeOptions = { repo, cache: worktreeCache(repo), build, projectRoot: PROJECT_ROOT, say };
  const first = await prepareWorktree(revisions[0].sha, worktreeOptions);
  const same = revisions[0].sha === revisions[1].sha;
  const worktrees: [string, string] = [first, same ? first : await prepareWorktree(revisions[1].sha, worktreeOptions)];
  const out = path.resolve(options.out);
  const outs: [string, string] = [prepareOutDir(path.join(out, 'a'), false, loaded), prepareOutDir(path.join(out, 'b'), false, loaded)];
  const inject = options.inject ?? 0;
  const injected = inject > 0 ? { env: { [INJECT_SLOWDOWN_ENV]: String(inject) } } : {};
  const benched = await runInterleavedBenches(loaded, outs, [{ workerRoot: worktrees[0] }, { workerRoot: worktrees[1], ...injected }]);
  const benches: [BenchData, BenchData] = [ofCommit(benched[0], revisions[0].sha), ofCommit(benched[1], revisions[1].sha)];
  const minEffect = options.minEffect ?? loaded.suite.regression?.minEffect ?? COMPARE_DEFAULTS.minEffect;
  const comparison = compareBenches(benches[0], benches[1], { minEffect });
  const failed = comparison.configurations.some((c) => c.failure !== null);
  const exitCode = comparison.regressions > 0 || failed ? ExitCode.expectationFailed : ExitCode.ok;
  const file = path.join(out, 'ab.json');
  writeOutputFile(file, `${JSON.stringify(abReport({ revisions, loaded, inject, comparison, exitCode }), null, 2)}\n`);
  let historyError: string | null = null;
  if (options.history ?? true) {
    try {
      appendHistory(benches[1], { commit: revisions[1].sha, against: { commit: revisions[0].sha, regressed: comparison.regressions > 0 } });
    } catch (error) {
      historyError = (error as Error).message;
    }
  }
  return { commits: [revisions[0].sha, revisions[1].sha], revisions, worktrees, benches, comparison, exitCode, file, historyError };
}

// The bench's manifest names the running sambench's commit; the code measured is the revision's.
function ofCommit(bench: BenchData, sha: string): BenchData {
  return bench.provenance ? { ...bench, provenance: { ...bench.provenance, commit: sha, dirty: false } } : bench;
}
