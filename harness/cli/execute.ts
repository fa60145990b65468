// Runs every RunSpec of a suite, one worker process each, in rounds (suite/schedule.ts), into
// <out>/runs/; with resume,
// runs whose log already holds a `done` event are kept as they are (their status then follows
// the log alone: see RunResult.status).
import path from 'node:path';
import { clearRunLog, launchRun, readRunLog } from '../launch/index.js';
import { workerCommand } from '../launch/worker-command.js';
import type { RunInput } from '../measure/index.js';
import type { RunSpec } from '../../schemas/index.js';
import { scheduleRuns } from '../suite/index.js';
import { Progress } from './progress.js';

export interface ExecuteOptions {
  runsDir: string;
  resume: boolean;
  /** Environment added to the workers' (tests use it for a test-only delay). */
  env?: Record<string, string>;
}

/**
 * Runs (or, on resume, reuses) every run, launched in rounds; failures are recorded, never thrown.
 * Returns one input per run in the order of `runs` (the suite's), whatever the launch order.
 */
export async function executeRuns(runs: RunSpec[], { runsDir, resume, env }: ExecuteOptions): Promise<RunInput[]> {
  const progress = new Progress(runs.length);
  const records = new Map<string, RunInput>();
  for (const [i, spec] of scheduleRuns(runs).entries()) {
    if (resume) {
      const log = readRunLog(runsDir, spec.id);
      if (log.finished) {
        records.set(spec.id, { spec, events: log.events, outcome: null });
        progress.keep(i + 1, spec);
        continue;
      }
    }
    clearRunLog(runsDir, spec.id);
    const outcome = await launchRun(spec, {
      runsDir,
      worker: workerCommand(spec),
      onEvent: progress.start(i + 1, spec),
      ...(env ? { env } : {}),
    });
    records.set(spec.id, { spec, events: outcome.events, outcome });
    if (outcome.status === 'ok') {
      progress.finish(i + 1, spec, 'ok');
    } else {
      progress.finish(
        i + 1,
        spec,
        `FAILED (${outcome.reason}): ${outcome.message}; stderr: ${path.join(runsDir, `${spec.id}.stderr.log`)}`,
      );
    }
  }
  return runs.map((spec) => records.get(spec.id)!);
}
