// The probe: before any run of a suite with a user's model or SAM variant, a run's worker is started
// with `--probe` (schemas/probe.schema.json) to build the model and check it against the data, and
// to build a SAM run's variant's strategy, so a missing export, a factory that throws, a wrong output
// size or a plugin that returns no strategy is a problem of the suite (exit 2), not failed runs.
// Which runs: probe-targets.ts (one per own variant, else one for a user's model, else none).
// Started as runs are: without a shell, in its own process group, under the guard (reaper.ts),
// with a hard limit, so nothing it starts outlives it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { LAUNCHER_PID_ENV, PROBE_FLAG, type ProbeOk, type RunSpec } from '../../schemas/index.js';
import { writeOutputFile } from '../output-file.js';
import type { LoadedSuite } from '../suite/index.js';
import { signalGroup, startDeadline } from './deadline.js';
import { probeResult, type ProbeEnd } from './probe-outcome.js';
import { needsModelProbe, probeTargets } from './probe-targets.js';
import { processGuard, programExists } from './reaper.js';
import { workerCommand, shellWord } from './worker-command.js';

// Loading TF.js or PyTorch and building one model: seconds; a run's own limit if that is shorter.
const PROBE_LIMIT_MS = 300_000;
const KILL_GRACE_MS = 2000;

/** Starts `spec`'s worker with `--probe` and says how it ended. */
export async function runModelProbe(spec: RunSpec, timeoutMs: number): Promise<ProbeEnd & { command: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-probe-'));
  try {
    const specFile = path.join(dir, 'spec.json');
    writeOutputFile(specFile, `${JSON.stringify(spec, null, 2)}\n`);
    const worker = workerCommand(spec);
    const env = { ...worker.env, [LAUNCHER_PID_ENV]: String(process.pid) };
    const guard = processGuard();
    const found = programExists(worker.command, { ...process.env, ...env });
    const started = found ? guard.wrap(worker, process.pid) : worker;
    const args = [...started.args, specFile, PROBE_FLAG];
    const subprocess = execa(started.command, args, { reject: false, detached: true, stdin: 'ignore', env, stripFinalNewline: false });
    const deadline = startDeadline(subprocess, timeoutMs, KILL_GRACE_MS, guard.stopSignal);
    const result = await Promise.race([subprocess, deadline.gaveUp.then(() => null)]);
    deadline.cancel();
    // Whatever the worker left behind in its group goes with it.
    signalGroup(subprocess, 'SIGKILL');
    const command = [...worker.args, '<spec.json>', PROBE_FLAG].reduce(
      (line, word) => `${line} ${shellWord(word)}`,
      shellWord(worker.command),
    );
    const ran = result !== null && (result.exitCode !== undefined || result.signal !== undefined);
    return {
      command,
      exitCode: result?.exitCode ?? null,
      signal: result?.signal ?? null,
      timedOut: deadline.timedOut(),
      startError: result === null || ran ? null : (result.originalMessage ?? result.shortMessage ?? 'unknown spawn error'),
      stdout: typeof result?.stdout === 'string' ? result.stdout : '',
      stderr: typeof result?.stderr === 'string' ? result.stderr : '',
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Probes `loaded` before any run (probe-targets.ts), one worker at a time, the first failure ending it.
 * @returns what the probe found of a user's model; null for a built-in model (also when its variants were probed)
 * @throws SuiteError (exit 2, the suite file and the key at fault: `/model/export`, `/matrix/variant/1/path`)
 *   when the model or a variant cannot run; SambenchError `MODEL_PROBE_FAILED` (exit 2) when a probe
 *   itself crashed, with its stderr.
 */
export async function probeSuite(loaded: LoadedSuite): Promise<ProbeOk | null> {
  let model: ProbeOk | null = null;
  for (const { spec, variant } of probeTargets(loaded)) {
    const timeoutMs = Math.min(PROBE_LIMIT_MS, spec.timeoutSeconds * 1000);
    const end = await runModelProbe(spec, timeoutMs);
    const found = probeResult(end, { suiteFile: loaded.file, command: end.command, timeoutMs, variant });
    model ??= found;
  }
  return needsModelProbe(loaded) ? model : null;
}
