// launchRun against tiny fake workers (plain .mjs run with this Node): one test per way a run ends.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { RunSpec, WorkerEvent } from '../../schemas/index.js';
import { fakeSpec } from './fixtures/spec.js';
import {
  clearRunLog,
  isSpecFileName,
  launchRun,
  readRunLog,
  runFileNames,
  runFiles,
  type LaunchOptions,
  type RunFailed,
  type RunOutcome,
} from './index.js';
import { readStdoutWarning, StdoutLog } from './stdout-log.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
let runsDir: string;

beforeEach(() => {
  runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-launch-'));
});
afterEach(() => {
  fs.rmSync(runsDir, { recursive: true, force: true });
});

function launch(fixture: string, spec: RunSpec = fakeSpec(fixture), options: Partial<LaunchOptions> = {}): Promise<RunOutcome> {
  const worker = { command: process.execPath, args: [path.join(fixtures, `${fixture}.mjs`)] };
  return launchRun(spec, { runsDir, worker, ...options });
}

function failed(outcome: RunOutcome): RunFailed {
  if (outcome.status !== 'failed') throw new Error(`expected a failed run, got ${JSON.stringify(outcome)}`);
  return outcome;
}

function logLines(runId: string): string[] {
  return fs.readFileSync(runFiles(runsDir, runId).events, 'utf8').split('\n').slice(0, -1);
}

const types = (events: WorkerEvent[]) => events.map((event) => event.type);

describe('launchRun', () => {
  test('a worker that exits 0 after done is ok; every event is on disk before onEvent sees it', async () => {
    const seen: WorkerEvent[] = [];
    const spec = fakeSpec('ok');
    const outcome = await launch('worker-ok', spec, {
      onEvent: (event) => {
        expect(JSON.parse(logLines('ok').at(-1) ?? 'null')).toEqual(event);
        seen.push(event);
      },
    });
    expect(outcome.status).toBe('ok');
    // A machine event follows `done` when the run spanned a clock tick of /proc/stat (not always, for one this short).
    const workerEvents = outcome.events.filter((e) => e.type !== 'machine');
    expect(types(workerEvents)).toEqual(['env', ...Array<string>(6).fill('step'), 'eval', 'done']);
    expect(outcome.events.filter((e) => e.type === 'step').map((e) => e.kind)).toEqual(['base', 'sam', 'base', 'sam', 'base', 'sam']);
    expect(seen).toEqual(workerEvents);
    expect(readRunLog(runsDir, 'ok').events).toEqual(outcome.events);
    expect(outcome.warnings).toEqual([]);
    expect(outcome.wallMs).toBeGreaterThan(0);
    expect(JSON.parse(fs.readFileSync(runFiles(runsDir, 'ok').spec, 'utf8'))).toEqual(spec);
    expect(fs.readFileSync(runFiles(runsDir, 'ok').stderr, 'utf8')).toContain('fake tensorflow: cpu feature notice');
  });

  test('no line is lost on a long stream of events; the launcher adds the machine load after done', async () => {
    const outcome = await launch('worker-ok', fakeSpec('long', { warmup: 0, measured: 3000 }));
    expect(outcome.status).toBe('ok');
    if (process.platform === 'linux') {
      const machine = outcome.events.at(-1)!;
      expect(types(outcome.events.slice(-2))).toEqual(['done', 'machine']);
      if (machine.type !== 'machine') throw new Error('unreachable');
      for (const share of [machine.busyShare, machine.ownShare, machine.otherShare, machine.stealShare])
        expect(share).toBeGreaterThanOrEqual(0);
      expect(readRunLog(runsDir, 'long').events.at(-1)).toEqual(machine);
    }
    expect(outcome.events.filter((e) => e.type === 'step').map((e) => e.i)).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1));
    expect(logLines('long')).toHaveLength(process.platform === 'linux' ? 3004 : 3003);
  });

  test('crash: non-zero exit keeps the valid lines on disk in order and the stderr tail', async () => {
    const outcome = failed(await launch('worker-crash'));
    expect(outcome).toMatchObject({ reason: 'crash', exitCode: 1, signal: null });
    expect(outcome.message).toBe('the worker exited with code 1 (after 3 of 6 steps): Error: fake worker ran out of disk space');
    expect(outcome.stderrTail).toContain('Error: fake worker ran out of disk space');
    expect(fs.readFileSync(runFiles(runsDir, 'worker-crash').stderr, 'utf8')).toContain('at train (worker.js:1:1)');
    expect(logLines('worker-crash').map((line) => JSON.parse(line) as unknown)).toEqual(outcome.events);
    expect(types(outcome.events)).toEqual(['env', 'step', 'step', 'step']);
  });

  test('crash: exit 0 without a done event', async () => {
    const outcome = failed(await launch('worker-ok', fakeSpec('no-done'), { env: { FAKE_WORKER_NO_DONE: '1' } }));
    expect(outcome).toMatchObject({ reason: 'crash', exitCode: 0, signal: null });
    expect(outcome.message).toMatch(/^the worker exited with code 0 before reporting done \(after 6 of 6 steps\)/);
  });

  test('crash: a worker that cannot be started', async () => {
    const outcome = failed(
      await launchRun(fakeSpec('absent'), { runsDir, worker: { command: path.join(fixtures, 'no-such-worker'), args: [] } }),
    );
    expect(outcome).toMatchObject({ reason: 'crash', exitCode: null, signal: null, events: [] });
    expect(outcome.message).toMatch(/^the worker could not be started: .*ENOENT/);
  });

  test('timeout: a hung worker that ignores SIGTERM is killed with SIGKILL after the grace', async () => {
    const outcome = failed(await launch('worker-hang', fakeSpec('hang'), { timeoutMs: 500, killGraceMs: 200 }));
    expect(outcome).toMatchObject({ reason: 'timeout', exitCode: null, signal: 'SIGKILL' });
    expect(outcome.message).toMatch(/^timed out after 500 ms \(after 0 of 6 steps\) and was killed/);
    expect(types(outcome.events)).toEqual(['env']);
    expect(outcome.wallMs).toBeGreaterThanOrEqual(500);
    expect(outcome.wallMs).toBeLessThan(5000);
  });

  // The child the stubborn worker named on stderr, and whether it still runs (a zombie does not).
  function childOf(runId: string): number {
    return Number(/child (\d+)/.exec(fs.readFileSync(runFiles(runsDir, runId).stderr, 'utf8'))![1]);
  }
  function running(pid: number): boolean {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  }

  test.runIf(process.platform === 'linux')(
    `timeout: the whole process group is killed, a stubborn child included${process.platform === 'linux' ? '' : ' (skipped: Linux only)'}`,
    async () => {
      const outcome = failed(await launch('worker-stubborn-child', fakeSpec('stubborn'), { timeoutMs: 500, killGraceMs: 200 }));
      expect(outcome).toMatchObject({ reason: 'timeout', signal: 'SIGKILL' });
      const child = childOf('stubborn');
      // SIGKILL is delivered at once; give the reaper a moment.
      for (let i = 0; i < 50 && running(child); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(running(child)).toBe(false);
    },
  );

  test('nan: an error event with reason nan', async () => {
    const outcome = failed(await launch('worker-nan'));
    expect(outcome).toMatchObject({ reason: 'nan', exitCode: 3, signal: null });
    expect(outcome.message).toBe('the run diverged at step 3: loss is NaN; try a lower learning rate or rho');
    expect(types(outcome.events)).toEqual(['env', 'step', 'step', 'error']);
  });

  test('worker-error: an error event with reason worker-error, message on one line', async () => {
    const outcome = failed(await launch('worker-error'));
    expect(outcome).toMatchObject({ reason: 'worker-error', exitCode: 1 });
    expect(outcome.message).toBe('the worker failed: dataset file /data/mnist/train-images-idx3-ubyte not found');
    expect(outcome.stderrTail).toContain('ENOENT');
  });

  test('signal: a worker killed from outside', async () => {
    const outcome = failed(await launch('worker-sigkill'));
    expect(outcome).toMatchObject({ reason: 'signal', exitCode: null, signal: 'SIGKILL' });
    expect(outcome.message).toBe('the worker was killed by SIGKILL (after 1 of 6 steps); the system may have run out of memory');
    expect(types(outcome.events)).toEqual(['env', 'step']);
  });

  test('junk lines on stdout are left out of the log and warned about; the run is still ok', async () => {
    const outcome = await launch('worker-bad-line');
    expect(outcome.status).toBe('ok');
    expect(types(outcome.events)).toEqual(['env', 'step', 'step', 'done']);
    expect(logLines('worker-bad-line').map((line) => JSON.parse(line) as unknown)).toEqual(outcome.events);
    const kept = runFiles(runsDir, 'worker-bad-line').stdoutLog;
    expect(outcome.warnings).toEqual([
      `4 stdout lines were not a worker event and left out of the event log (first: line 1, not JSON: "Hi there! This is a library printing to stdout."); all are in ${kept}; workers should print only events on stdout`,
    ]);
    // Kept as the worker printed them, so the warning's count can be read.
    expect(fs.readFileSync(kept, 'utf8').split('\n')).toEqual([
      'Hi there! This is a library printing to stdout.',
      '{not json',
      '{"type":"step","i":2}',
      '{"type":"machine","busyShare":0,"ownShare":0,"otherShare":0,"stealShare":0,"loadAverage":0}',
      '',
    ]);
    // Read back later (a run kept on --resume, compare): the same count and file.
    expect(readStdoutWarning(runsDir, 'worker-bad-line')).toBe(
      `4 stdout lines were not a worker event and left out of the event log (first: "Hi there! This is a library printing to stdout."); all are in ${kept}; workers should print only events on stdout`,
    );
    // Redone without junk: the old lines do not stay behind.
    clearRunLog(runsDir, 'worker-bad-line');
    expect((await launch('worker-ok', fakeSpec('worker-bad-line'))).warnings).toEqual([]);
    expect(fs.existsSync(kept)).toBe(false);
    expect(readStdoutWarning(runsDir, 'worker-bad-line')).toBeNull();
  });

  test('an env event the schema refuses is never dropped silently: the run is ok but warns that its environment is unknown', async () => {
    const outcome = await launch('worker-bad-env');
    expect(outcome.status).toBe('ok');
    expect(types(outcome.events)).not.toContain('env');
    expect(outcome.warnings).toHaveLength(2);
    expect(outcome.warnings[0]).toMatch(
      /^1 stdout line was not a worker event .*\(first: line 1, invalid env event: \/threads must be integer: /,
    );
    expect(outcome.warnings[1]).toBe('the worker printed no valid env event: the machine and software this run measured on are unknown');
  });

  test('the kept non-event lines are bounded in size; the rest are counted', () => {
    const file = runFiles(runsDir, 'chatty').stdoutLog;
    const log = new StdoutLog(file, 100);
    for (let n = 1; n <= 1000; n++) log.add(`chatter ${n} ${'x'.repeat(20)}`, n, 'not JSON');
    log.close();
    log.add('after close', 1001, 'not JSON');
    const text = fs.readFileSync(file, 'utf8');
    expect(text.length).toBeLessThan(200);
    expect(text.split('\n').at(-2)).toBe('[sambench: 997 more lines not kept (this file keeps the first 100 bytes)]');
    expect(log.warning()).toMatch(/^1000 stdout lines were .*; the first 3 are in .*chatty\.stdout\.log;/);
    expect(readStdoutWarning(runsDir, 'chatty')).toMatch(/^1000 stdout lines were .*\(first: "chatter 1 x+"\); the first 3 are in /);
  });

  test('never appends to an existing log: clearRunLog first', async () => {
    await launch('worker-crash');
    const specFile = runFiles(runsDir, 'worker-crash').spec;
    const specBefore = fs.readFileSync(specFile, 'utf8');
    await expect(launch('worker-ok', fakeSpec('worker-crash', { measured: 99 }))).rejects.toThrow(/EEXIST/);
    expect(fs.readFileSync(specFile, 'utf8')).toBe(specBefore);
    clearRunLog(runsDir, 'worker-crash');
    expect(fs.existsSync(runFiles(runsDir, 'worker-crash').stderr)).toBe(false);
    expect(readRunLog(runsDir, 'worker-crash')).toEqual({ events: [], finished: false });
    expect((await launch('worker-ok', fakeSpec('worker-crash'))).status).toBe('ok');
  });

  test('an onEvent that throws stops the worker and rejects with its error', async () => {
    const onEvent = () => {
      throw new Error('progress bar broke');
    };
    const started = Date.now();
    await expect(launch('worker-hang', fakeSpec('hang'), { onEvent })).rejects.toThrow('progress bar broke');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('rejects a timeout that is not a positive number', async () => {
    await expect(launch('worker-ok', fakeSpec('t'), { timeoutMs: 0 })).rejects.toThrow(
      '`timeoutMs` must be a finite number of milliseconds > 0; got 0 (number)',
    );
  });
});

describe('readRunLog', () => {
  test('a finished run reads back its events and finished: true', async () => {
    const outcome = await launch('worker-ok');
    expect(readRunLog(runsDir, 'worker-ok')).toEqual({ events: outcome.events, finished: true });
  });

  test('a crashed run with a truncated last line reads back the complete lines, finished: false', async () => {
    const outcome = await launch('worker-crash');
    fs.appendFileSync(runFiles(runsDir, 'worker-crash').events, '{"type":"step","i":4,"ki');
    expect(readRunLog(runsDir, 'worker-crash')).toEqual({ events: outcome.events, finished: false });
  });

  test('a missing log reads as no events', () => {
    expect(readRunLog(runsDir, 'never-ran')).toEqual({ events: [], finished: false });
  });

  test('a damaged line before the last is an error naming the file and line', async () => {
    await launch('worker-ok');
    const file = runFiles(runsDir, 'worker-ok').events;
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines[1] = '{"type":"step"}';
    fs.writeFileSync(file, lines.join('\n'));
    expect(() => readRunLog(runsDir, 'worker-ok')).toThrow(`${file}:2: invalid step event: must have required property 'i'`);
    expect(() => readRunLog(runsDir, 'worker-ok')).toThrow(expect.objectContaining({ exitCode: 2, code: 'RUN_LOG_UNREADABLE' }));
  });

  // Several 1 MiB chunks, with multi-byte characters that straddle the chunk boundaries.
  test('a log of many MiB reads back every event, as parsing it whole would', () => {
    const file = runFiles(runsDir, 'long').events;
    const events = Array.from({ length: 40_000 }, (_, i) => ({
      type: 'error',
      reason: 'worker-error',
      message: `ü€${'x'.repeat(i % 97)}`,
    }));
    fs.writeFileSync(file, events.map((e) => `${JSON.stringify(e)}\n`).join(''));
    expect(fs.statSync(file).size).toBeGreaterThan(3 * 2 ** 20);
    expect(readRunLog(runsDir, 'long')).toEqual({ events, finished: false });
  });

  test('a log that is not a regular file (a folder, a FIFO) is refused without reading it', () => {
    fs.mkdirSync(runFiles(runsDir, 'folder').events);
    expect(() => readRunLog(runsDir, 'folder')).toThrow('is a folder, not a regular file');
    execFileSync('mkfifo', [runFiles(runsDir, 'fifo').events]);
    expect(() => readRunLog(runsDir, 'fifo')).toThrow(expect.objectContaining({ exitCode: 2, code: 'RUN_LOG_UNREADABLE' }));
  });

  test('a line longer than any event line is refused, not held in memory to the end', () => {
    const file = runFiles(runsDir, 'endless').events;
    fs.writeFileSync(file, `${JSON.stringify({ type: 'done', steps: 1, wallMs: 1 })}\n${'x'.repeat(3 * 2 ** 20)}`);
    expect(() => readRunLog(runsDir, 'endless')).toThrow(`${file}:2: a line longer than 1048576 characters`);
  });
});

test('runFiles refuses ids that would leave the runs folder', () => {
  expect(() => runFiles(runsDir, '../x')).toThrow('run id must be a plain file name');
});

test('isSpecFileName picks the spec files out of a runs folder, not the logs beside them', () => {
  const names = runFileNames('sam-k2-s0');
  expect([names.spec, names.events, names.stderr, names.stdoutLog, names.workerOut, 'suite.resolved.json'].filter(isSpecFileName)).toEqual([
    'sam-k2-s0.spec.json',
  ]);
});
