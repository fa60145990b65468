// The end of a run is its worker's exit: what the worker leaves running is killed then, and a
// child holding stdout cannot turn a finished run into a timeout. Run for each guard (reaper.ts):
// the best this machine has, and none (the group kill alone, as where no tool exists).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { stillRunningAfter } from './fixtures/alive.js';
import { fakeSpec } from './fixtures/spec.js';
import { launchRun, runFiles, type RunOutcome } from './index.js';
import { noGuard, pdeathsigGuard, processGuard, type ProcessGuard } from './reaper.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const linux = process.platform === 'linux';
// Generous: the kill is immediate, the poll only allows for a busy machine.
const GONE_WITHIN_MS = 3000;
let runsDir: string;

beforeEach(() => {
  runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-run-end-'));
});
afterEach(() => {
  fs.rmSync(runsDir, { recursive: true, force: true });
});

function launch(fixture: string, id: string, guard: ProcessGuard, child: string, timeoutMs = 30_000): Promise<RunOutcome> {
  const worker = { command: process.execPath, args: [path.join(fixtures, `${fixture}.mjs`)] };
  return launchRun(fakeSpec(id), {
    runsDir,
    worker,
    guard,
    timeoutMs,
    killGraceMs: 200,
    env: { FAKE_CHILD: child, FAKE_WORKER_ESCAPE: child === 'escaped' ? '1' : '0' },
  });
}

// The child the fixture named on stderr.
const childOf = (id: string) => Number(/child (\d+)/.exec(fs.readFileSync(runFiles(runsDir, id).stderr, 'utf8'))![1]);

const best = processGuard();
const guards: [string, ProcessGuard][] = [
  [`the best here (${best.kind})`, best],
  ['none', noGuard],
];
if (best.kind === 'reaper') guards.push(['setpriv', pdeathsigGuard]);

describe.runIf(linux)(`the end of a run${linux ? '' : ' (skipped: Linux only)'}`, () => {
  describe.each(guards)('guard: %s', (_name, guard) => {
    test('a worker that exits 0 after done while its child holds stdout open is ok, long before the timeout; the child is killed', async () => {
      const outcome = await launch('worker-leaves-child', 'held', guard, 'stdout');
      expect(outcome.status, JSON.stringify(outcome)).toBe('ok');
      expect(outcome.wallMs).toBeLessThan(15_000);
      expect(await stillRunningAfter([childOf('held')], GONE_WITHIN_MS)).toEqual([]);
    });

    test('a child a cleanly finished worker leaves in its group does not outlive the run', async () => {
      const outcome = await launch('worker-leaves-child', 'quiet', guard, 'quiet');
      expect(outcome.status, JSON.stringify(outcome)).toBe('ok');
      expect(await stillRunningAfter([childOf('quiet')], GONE_WITHIN_MS)).toEqual([]);
    });
  });

  // Only a subreaper reaches a process that left the group and the session (setsid).
  describe.runIf(best.kind === 'reaper')(
    `a child that left the session (setsid)${best.kind === 'reaper' ? '' : ' (skipped: no python3 for the reaper)'}`,
    () => {
      test('does not outlive a run that ended cleanly', async () => {
        const outcome = await launch('worker-leaves-child', 'escaped-ok', best, 'escaped');
        expect(outcome.status, JSON.stringify(outcome)).toBe('ok');
        expect(await stillRunningAfter([childOf('escaped-ok')], GONE_WITHIN_MS)).toEqual([]);
      });

      test('does not outlive a run that timed out, and cannot hold the launcher by its stdout', async () => {
        const outcome = await launch('worker-stubborn-child', 'escaped-timeout', best, 'escaped', 500);
        expect(outcome).toMatchObject({ status: 'failed', reason: 'timeout', signal: 'SIGKILL' });
        expect(await stillRunningAfter([childOf('escaped-timeout')], GONE_WITHIN_MS)).toEqual([]);
      });
    },
  );
});
