// Fault injection, end to end: the real CLI (dist/) benches a tiny torch suite whose worker is a
// fast fake (fixtures/fault-worker.mjs, started through SAMBENCH_PYTHON), while the test kills
// the CLI or a worker, hangs a worker with a stubborn child, fills or write-protects a small
// tmpfs, runs two benches on one folder, or damages what is on disk. Each case checks the exit
// code, that no finished run is lost, that no process outlives the bench by more than the kill
// grace, and that no report is left half written. The tmpfs cases need mount (root on Linux).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { execa, type ResultPromise } from 'execa';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { TINY_SUITE } from './fixtures/tiny-suite.js';
import { readRunLog } from './launch/index.js';
import { running } from './launch/fixtures/alive.js';
import { PROJECT_ROOT } from './paths.js';

const CLI = path.join(PROJECT_ROOT, 'dist', 'harness', 'cli.js');
const FAULT_WORKER = path.join(PROJECT_ROOT, 'harness', 'fixtures', 'fault-worker.mjs');
// The launcher's kill grace (2 s) plus the worker's launcher watch (1 s), with room for a busy machine.
const OUTLIVE_MS = 10_000;
// Once a bench (or the CLI) has ended, nothing it started may still run this much later.
const GONE_WITHIN_MS = 3000;
const REPORTS = ['summary.csv', 'steps.csv', 'verdicts.csv', 'configurations.csv', 'evals.csv', 'report.html'];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-faults-'));
// Stands in for Python: answers preflight's torch probe ("no CUDA"), runs the fake worker otherwise.
const python = path.join(dir, 'python');
fs.writeFileSync(python, `#!/bin/sh\n[ "$1" = "-c" ] && { echo False; exit 0; }\nexec "${process.execPath}" "${FAULT_WORKER}" "$@"\n`, {
  mode: 0o755,
});
const suite = { ...TINY_SUITE, name: 'faults', framework: 'torch', torch: { device: 'cpu' }, steps: { warmup: 1, measured: 4 } };
const suiteFile = writeJson(path.join(dir, 'faults.json'), suite);

// Whether tfjs-node (the native TensorFlow binding) loads here, for the one case that needs it.
const noTfjsNode = (() => {
  try {
    execFileSync(process.execPath, ['-e', "require('@tensorflow/tfjs-node')"], { cwd: PROJECT_ROOT, stdio: 'pipe', timeout: 60_000 });
    return null;
  } catch (error) {
    return `tfjs-node does not load: ${(error as Error).message.split('\n')[0]!}`;
  }
})();

const benches: ResultPromise[] = [];
const pidFiles: string[] = [];
const mounts: string[] = [];
let cases = 0;

afterEach(() => {
  // Whatever a failed test left running or mounted.
  for (const bench of benches.splice(0)) bench.kill('SIGKILL');
  for (const file of pidFiles.splice(0)) for (const { pid } of processesIn(file)) kill(pid);
  for (const mount of mounts.splice(0)) execFileSync('umount', ['-l', mount]);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function writeJson(file: string, value: object): string {
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

/** A fresh folder for one case: `out` (the results folder), `pids` (the workers' pid file), `release` (what a stalled worker waits for). */
function scratch() {
  const root = path.join(dir, `case-${++cases}`);
  fs.mkdirSync(root);
  const pids = path.join(root, 'pids');
  pidFiles.push(pids);
  return { root, out: path.join(root, 'out'), pids, release: path.join(root, 'release') };
}

interface BenchOptions {
  args?: string[];
  env?: Record<string, string>;
  /** The suite file (default: the fault suite). */
  file?: string;
}

function bench(out: string, pids: string, { args = [], env = {}, file = suiteFile }: BenchOptions = {}) {
  const subprocess = execa('node', [CLI, file, '--out', out, ...args], {
    reject: false,
    all: true,
    timeout: 60_000,
    env: { SAMBENCH_PYTHON: python, SAMBENCH_HISTORY_FILE: path.join(dir, 'history.jsonl'), FAULT_PIDS: pids, ...env },
  });
  benches.push(subprocess);
  return subprocess;
}

/** The processes the fake workers named: `worker` (one per run started) and `child` lines. */
function processesIn(pids: string): { kind: string; runId: string; pid: number }[] {
  if (!fs.existsSync(pids)) return [];
  return fs
    .readFileSync(pids, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [kind, runId, pid] = line.split(' ');
      return { kind: kind!, runId: runId!, pid: Number(pid) };
    });
}
const workers = (pids: string) => processesIn(pids).filter((p) => p.kind === 'worker');

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Gone already.
  }
}

async function until(what: string, done: () => boolean, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; !done();) {
    if (Date.now() > end) throw new Error(`gave up waiting (${ms} ms) for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits up to `ms` for every process the workers named to be gone; returns those still running. */
async function survivors(pids: string, ms = OUTLIVE_MS): Promise<string[]> {
  const alive = () => processesIn(pids).filter((p) => running(p.pid));
  await until('the workers to stop', () => alive().length === 0, ms).catch(() => {});
  return alive().map((p) => `${p.kind} of ${p.runId} (pid ${p.pid})`);
}

/** The event logs of the runs that finished, by run id: what no fault may lose or change. */
function finishedLogs(out: string): Map<string, string> {
  const runsDir = path.join(out, 'runs');
  const logs = new Map<string, string>();
  for (const file of fs.existsSync(runsDir) ? fs.readdirSync(runsDir) : []) {
    const id = file.replace(/\.jsonl$/, '');
    if (id !== file && readRunLog(runsDir, id).finished) logs.set(id, fs.readFileSync(path.join(runsDir, file), 'utf8'));
  }
  return logs;
}

// Only whole reports, or none: no temporary file, every CSV parses to the end, the page is complete.
function expectNoPartialReport(out: string): void {
  const names = fs.existsSync(out) ? fs.readdirSync(out) : [];
  expect(names.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  for (const name of REPORTS.filter((n) => names.includes(n))) {
    const text = fs.readFileSync(path.join(out, name), 'utf8');
    if (name.endsWith('.csv')) expect(() => parse(text, { columns: true }), name).not.toThrow();
    else expect(text.trimEnd().endsWith('</html>'), name).toBe(true);
  }
}

// A known failure: one plain line on stderr (the last), no stack.
function expectOneLine(stderr: string, message: string | RegExp): void {
  expect(stderr).not.toMatch(/\n\s+at /);
  const last = stderr.trim().split('\n').at(-1)!;
  if (typeof message === 'string') expect(last).toBe(message);
  else expect(last).toMatch(message);
}

const summaryOf = (out: string) =>
  parse<Record<string, string>>(fs.readFileSync(path.join(out, 'summary.csv'), 'utf8'), { columns: true }).map((r) => [
    r.run_id,
    r.status,
    r.reason,
  ]);

describe('faults while a bench runs', () => {
  test('kill -9 of the CLI mid-bench: its workers stop by themselves; --resume keeps the finished run and redoes the other', async () => {
    const { out, pids, release } = scratch();
    const first = bench(out, pids, { env: { FAULT: 'stall@2', FAULT_RELEASE: release } });
    await until('the second run to start', () => workers(pids).length === 2);
    const kept = finishedLogs(out);
    expect([...kept.keys()]).toEqual([workers(pids)[0]!.runId]);
    first.kill('SIGKILL');
    expect((await first).signal).toBe('SIGKILL');
    expect(await survivors(pids)).toEqual([]);
    // What a kill mid-write can leave as well: a last line cut short.
    const stalled = workers(pids)[1]!.runId;
    fs.appendFileSync(path.join(out, 'runs', `${stalled}.jsonl`), '{"type":"st');

    const resumed = await bench(out, pids, { args: ['--resume'] });
    expect(resumed.exitCode, resumed.all).toBe(0);
    expect(resumed.stderr.match(/finished earlier, kept/g)).toHaveLength(1);
    for (const [id, log] of kept) expect(fs.readFileSync(path.join(out, 'runs', `${id}.jsonl`), 'utf8')).toBe(log);
    const redone = readRunLog(path.join(out, 'runs'), stalled).events.filter((e) => e.type !== 'machine');
    expect(redone.filter((e) => e.type === 'step')).toHaveLength(5);
    expect(redone.at(-1)!.type).toBe('done');
    expect(summaryOf(out).map(([, status]) => status)).toEqual(['ok', 'ok']);
    expectNoPartialReport(out);
    expect(await survivors(pids)).toEqual([]);
  });

  test('kill -9 of a worker: its run is recorded as failed (signal), the other goes on, exit 3', async () => {
    const { out, pids, release } = scratch();
    const benching = bench(out, pids, { env: { FAULT: 'stall@1', FAULT_RELEASE: release } });
    await until('the first run to start', () => workers(pids).length === 1);
    const victim = workers(pids)[0]!;
    kill(victim.pid);
    const result = await benching;
    expect(result.exitCode, result.all).toBe(3);
    expect(result.stderr).toContain(`${victim.runId}: FAILED (signal)`);
    const other = workers(pids)[1]!.runId;
    expect(summaryOf(out)).toEqual(
      expect.arrayContaining([
        [victim.runId, 'failed', 'signal'],
        [other, 'ok', ''],
      ]),
    );
    expect([...finishedLogs(out).keys()]).toEqual([other]);
    expectNoPartialReport(out);
    expect(await survivors(pids)).toEqual([]);
  });

  test('a worker with a stubborn child (ignores SIGTERM, holds stdout) times out: the group is killed, the bench ends, exit 3', async () => {
    const { root, out, pids } = scratch();
    const limited = writeJson(path.join(root, 'limited.json'), { ...suite, limits: { runTimeoutSeconds: 2 } });
    const result = await bench(out, pids, { file: limited, env: { FAULT: 'stubborn@1' } });
    expect(result.timedOut, 'the bench hung').toBe(false);
    expect(result.exitCode, result.all).toBe(3);
    const [stubborn, other] = workers(pids);
    expect(processesIn(pids).filter((p) => p.kind === 'child')).toHaveLength(1);
    expect(summaryOf(out)).toEqual(
      expect.arrayContaining([
        [stubborn!.runId, 'failed', 'timeout'],
        [other!.runId, 'ok', ''],
      ]),
    );
    expectNoPartialReport(out);
    expect(await survivors(pids)).toEqual([]);
  });

  test('two benches on one folder: the second exits 2 naming the holder; the first goes on and keeps its logs', async () => {
    const { out, pids, release } = scratch();
    const first = bench(out, pids, { env: { FAULT: 'stall@2', FAULT_RELEASE: release } });
    await until('the second run to start', () => workers(pids).length === 2);
    const kept = finishedLogs(out);
    const stalledLog = path.join(out, 'runs', `${workers(pids)[1]!.runId}.jsonl`);
    // The stalled worker writes its env event and first step, then waits: read its log once it has.
    await until(
      'the second run to stall after its first step',
      () => fs.existsSync(stalledLog) && fs.readFileSync(stalledLog, 'utf8').includes('"type":"step"'),
    );
    const stalledBefore = fs.readFileSync(stalledLog, 'utf8');

    const second = await bench(out, pids, { args: ['--resume'] });
    expect(second.exitCode, second.all).toBe(2);
    expect(second.stderr.trim()).toBe(
      `sambench: ${out} is in use: its lock ${path.join(out, '.sambench.lock')} is held by sambench pid ${first.pid}, which is still running; ` +
        `wait for that bench to finish, or choose another --out (if no sambench is running there, delete ${path.join(out, '.sambench.lock')})`,
    );
    expect(finishedLogs(out)).toEqual(kept);
    expect(fs.readFileSync(stalledLog, 'utf8')).toBe(stalledBefore);

    fs.writeFileSync(release, '');
    const done = await first;
    expect(done.exitCode, done.all).toBe(0);
    expect(summaryOf(out).map(([, status]) => status)).toEqual(['ok', 'ok']);
    for (const [id, log] of kept) expect(fs.readFileSync(path.join(out, 'runs', `${id}.jsonl`), 'utf8')).toBe(log);
    expect(workers(pids)).toHaveLength(2);
    expect(await survivors(pids)).toEqual([]);
  });
});

describe('step times of 0 ms (a broken clock) never crash a statistic', () => {
  test('a worker that prints them: its run fails (protocol-error) naming the refused line, the bench exits 3, never 70', async () => {
    const { out, pids } = scratch();
    const result = await bench(out, pids, { env: { FAULT: 'zero-ms@1' } });
    expect(result.exitCode, result.all).toBe(3);
    const [broken, other] = workers(pids);
    expect(summaryOf(out)).toEqual(
      expect.arrayContaining([
        [broken!.runId, 'failed', 'protocol-error'],
        [other!.runId, 'ok', ''],
      ]),
    );
    expect(result.all).toContain('invalid step event: /ms must be > 0');
  });

  test('a results folder holding one: compare and --resume exit 2 naming the file and line', async () => {
    const { out, pids } = scratch();
    expect((await bench(out, pids)).exitCode).toBe(0);
    const [, edited] = workers(pids);
    const log = path.join(out, 'runs', `${edited!.runId}.jsonl`);
    const lines = fs.readFileSync(log, 'utf8').split('\n');
    lines[2] = lines[2]!.replace(/"ms":[\d.]+/, '"ms":0');
    fs.writeFileSync(log, lines.join('\n'));
    const named = new RegExp(`^sambench(?: compare)?: .*${log.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3\\b.*/ms must be > 0`);
    const compare = path.join(PROJECT_ROOT, 'dist', 'harness', 'compare', 'cli.js');
    const compared = await execa('node', [compare, out, out], { reject: false, all: true, timeout: 30_000 });
    expect(compared.exitCode, compared.all).toBe(2);
    expectOneLine(compared.stderr, named);
    const resumed = await bench(out, pids, { args: ['--resume'] });
    expect(resumed.exitCode, resumed.all).toBe(2);
    expectOneLine(resumed.stderr, named);
  });
});

describe('nothing a bench started outlives it', () => {
  const children = (pids: string) => processesIn(pids).filter((p) => p.kind === 'child');

  test('a worker that finishes cleanly but leaves a child in its process group: the child is gone 3 s after the bench', async () => {
    const { out, pids } = scratch();
    const result = await bench(out, pids, { env: { FAULT: 'leave@1' } });
    expect(result.exitCode, result.all).toBe(0);
    expect(children(pids)).toHaveLength(1);
    expect(await survivors(pids, GONE_WITHIN_MS)).toEqual([]);
  });

  test('a worker that exits 0 after done while its child holds stdout open: the run is ok, long before the timeout, and the child is gone', async () => {
    const { root, out, pids } = scratch();
    const limited = writeJson(path.join(root, 'limited.json'), { ...suite, limits: { runTimeoutSeconds: 30 } });
    const started = Date.now();
    const result = await bench(out, pids, { file: limited, env: { FAULT: 'hold@1' } });
    expect(result.exitCode, result.all).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(summaryOf(out).map(([, status, reason]) => [status, reason])).toEqual([
      ['ok', ''],
      ['ok', ''],
    ]);
    expect(children(pids)).toHaveLength(1);
    expect(await survivors(pids, GONE_WITHIN_MS)).toEqual([]);
  });

  test('a child that leaves the session (setsid) of a worker that times out: gone 3 s after the bench', async () => {
    const { root, out, pids } = scratch();
    const limited = writeJson(path.join(root, 'limited.json'), { ...suite, limits: { runTimeoutSeconds: 2 } });
    const result = await bench(out, pids, { file: limited, env: { FAULT: 'escape@1' } });
    expect(result.exitCode, result.all).toBe(3);
    const [escaping] = workers(pids);
    expect(summaryOf(out)).toEqual(expect.arrayContaining([[escaping!.runId, 'failed', 'timeout']]));
    expect(children(pids)).toHaveLength(1);
    expect(await survivors(pids, GONE_WITHIN_MS)).toEqual([]);
  });

  // SIGTERM and SIGINT (sent to the CLI alone, as `kill` does) end it through its handlers (exit
  // 143, 130), SIGKILL at once: either way the guard acts on the kernel's word that it is gone.
  test.each([
    ['SIGKILL', { signal: 'SIGKILL' }],
    ['SIGTERM', { exitCode: 143 }],
    ['SIGINT', { exitCode: 130 }],
  ] as const)(
    'the CLI killed by %s while the worker is blocked in one long step (no timer runs): the worker and its children, setsid included, are gone within 3 s',
    async (signal, ended) => {
      const { out, pids } = scratch();
      const benching = bench(out, pids, { env: { FAULT: 'block@1' } });
      await until('the blocked worker to start its children', () => children(pids).length === 2);
      benching.kill(signal);
      expect(await benching).toMatchObject(ended);
      expect(await survivors(pids, GONE_WITHIN_MS)).toEqual([]);
    },
  );

  test.skipIf(noTfjsNode !== null)(
    `kill -9 of the CLI while a TF.js worker is inside native TensorFlow ops: it is gone within 3 s${noTfjsNode ? ` (skipped: ${noTfjsNode})` : ''}`,
    async () => {
      const { out, pids } = scratch();
      const benching = bench(out, pids, { env: { FAULT: 'native@1' } });
      await until('the worker to enter native code', () => processesIn(pids).some((p) => p.kind === 'native'), 60_000);
      benching.kill('SIGKILL');
      await benching;
      expect(await survivors(pids, GONE_WITHIN_MS)).toEqual([]);
    },
  );
});

describe('damaged or changed results folders on --resume', () => {
  test('a corrupt line in the middle of a run log: exit 2 naming file:line; nothing is rerun or deleted', async () => {
    const { out, pids } = scratch();
    expect((await bench(out, pids)).exitCode).toBe(0);
    const [, damaged] = workers(pids);
    const log = path.join(out, 'runs', `${damaged!.runId}.jsonl`);
    const lines = fs.readFileSync(log, 'utf8').split('\n');
    lines[2] = '{"type":"step","i":';
    fs.writeFileSync(log, lines.join('\n'));
    const before = new Map(fs.readdirSync(path.join(out, 'runs')).map((f) => [f, fs.readFileSync(path.join(out, 'runs', f), 'utf8')]));

    const result = await bench(out, pids, { args: ['--resume'] });
    expect(result.exitCode, result.all).toBe(2);
    expectOneLine(result.stderr, new RegExp(`^sambench: .*${log.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3\\b`));
    expect(workers(pids)).toHaveLength(2);
    expect(new Map(fs.readdirSync(path.join(out, 'runs')).map((f) => [f, fs.readFileSync(path.join(out, 'runs', f), 'utf8')]))).toEqual(
      before,
    );
  });

  test('an edited suite on --resume: exit 2 naming what changed; runs and suite.resolved.json are kept', async () => {
    const { root, out, pids } = scratch();
    expect((await bench(out, pids)).exitCode).toBe(0);
    const kept = finishedLogs(out);
    const resolved = fs.readFileSync(path.join(out, 'suite.resolved.json'), 'utf8');
    const edited = writeJson(path.join(root, 'edited.json'), { ...suite, steps: { warmup: 1, measured: 10 } });

    const result = await bench(out, pids, { args: ['--resume'], file: edited });
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr.trim()).toBe(
      `sambench: ${edited} differs from the suite ${out} was made with (steps.measured); --resume keeps runs made with that suite, so it needs the same one: choose another --out for the edited suite`,
    );
    expect(finishedLogs(out)).toEqual(kept);
    expect(kept.size).toBe(2);
    expect(fs.readFileSync(path.join(out, 'suite.resolved.json'), 'utf8')).toBe(resolved);
    expect(workers(pids)).toHaveLength(2);
  });
});

// Whether this machine lets the test mount a tmpfs (root on Linux); otherwise these cases skip, saying why.
function mountProblem(): string | null {
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'pipe' });
    execFileSync('umount', [probe]);
    return null;
  } catch (error) {
    return (error as Error).message.split('\n')[0]!;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
}
const cannotMount = process.platform === 'linux' ? mountProblem() : 'not Linux';
if (cannotMount) console.warn(`fault-injection: skipping the full-disk and read-only cases: cannot mount a tmpfs (${cannotMount})`);

function mountTmpfs(at: string, size: string): void {
  fs.mkdirSync(at, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', at]);
  mounts.push(at);
}

describe.skipIf(cannotMount !== null)(
  `a full disk and a read-only folder (tmpfs)${cannotMount ? ` (skipped: cannot mount a tmpfs: ${cannotMount})` : ''}`,
  () => {
    test('the disk fills during a run: exit 2 naming the log, the worker killed, the finished run intact, no report', async () => {
      const { root, out, pids } = scratch();
      mountTmpfs(root, '1m');
      const result = await bench(out, pids, { env: { FAULT: 'flood@2' } });
      expect(result.exitCode, result.all).toBe(2);
      const [finished, flooding] = workers(pids);
      expectOneLine(
        result.stderr,
        `sambench: cannot write ${path.join(out, 'runs', `${flooding!.runId}.jsonl`)}: the disk is full; free some space, fix the permissions, or choose another --out`,
      );
      expect([...finishedLogs(out).keys()]).toEqual([finished!.runId]);
      expect(fs.readdirSync(out).filter((name) => REPORTS.includes(name))).toEqual([]);
      expectNoPartialReport(out);
      expect(await survivors(pids)).toEqual([]);
    });

    test('the disk fills while the reports are written: exit 2 naming the file, no partial report; --resume after freeing space finishes them', async () => {
      const { root, out, pids } = scratch();
      mountTmpfs(root, '1m');
      // Room for the last run's log, not for the reports (report.html alone is over 200 KB).
      const result = await bench(out, pids, { env: { FAULT: 'fill@2', FAULT_LEAVE: String(16 * 1024) } });
      expect(result.exitCode, result.all).toBe(2);
      expectOneLine(
        result.stderr,
        new RegExp(
          `^sambench: cannot write ${out}/[\\w.]+: the disk is full; free some space, fix the permissions, or choose another --out$`,
        ),
      );
      expect(fs.existsSync(path.join(out, 'report.html'))).toBe(false);
      expectNoPartialReport(out);
      const kept = finishedLogs(out);
      expect(kept.size).toBe(2);
      expect(await survivors(pids)).toEqual([]);

      fs.rmSync(path.join(out, 'filler'));
      const resumed = await bench(out, pids, { args: ['--resume'] });
      expect(resumed.exitCode, resumed.all).toBe(0);
      expect(resumed.stderr.match(/finished earlier, kept/g)).toHaveLength(2);
      expect(finishedLogs(out)).toEqual(kept);
      expect(fs.readdirSync(out).filter((name) => REPORTS.includes(name))).toHaveLength(REPORTS.length);
      expectNoPartialReport(out);
    });

    test('a read-only results folder: a new bench or a --resume exits 2 with one line naming it; the finished runs are intact', async () => {
      const { root, out, pids } = scratch();
      mountTmpfs(root, '4m');
      expect((await bench(out, pids)).exitCode).toBe(0);
      const kept = finishedLogs(out);
      execFileSync('mount', ['-o', 'remount,ro', root]);

      const resumed = await bench(out, pids, { args: ['--resume'] });
      expect(resumed.exitCode, resumed.all).toBe(2);
      expect(resumed.stderr.trim()).toBe(
        `sambench: cannot write ${path.join(out, '.sambench.lock')}: the file system is read-only; free some space, fix the permissions, or choose another --out`,
      );
      const fresh = await bench(path.join(root, 'new'), pids);
      expect(fresh.exitCode, fresh.all).toBe(2);
      expect(fresh.stderr.trim()).toBe(
        `sambench: cannot write ${path.join(root, 'new')}: the file system is read-only; free some space, fix the permissions, or choose another --out`,
      );
      expect(finishedLogs(out)).toEqual(kept);
      expect(kept.size).toBe(2);
      expectNoPartialReport(out);
      expect(workers(pids)).toHaveLength(2);
    });
  },
);

describe('unusable paths exit 2 with one line, never 70 or a crash', () => {
  test('an --out that is a file', async () => {
    const { root, pids } = scratch();
    const file = path.join(root, 'a-file');
    fs.writeFileSync(file, '');
    const result = await bench(file, pids);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim()).toBe(
      `sambench: cannot write ${file}: a part of the path is a file, not a folder; free some space, fix the permissions, or choose another --out`,
    );
  });

  const node = (script: string, ...args: string[]) =>
    execa('node', [path.join(PROJECT_ROOT, 'dist', 'harness', 'compare', script), ...args], { reject: false, all: true, timeout: 30_000 });

  test('baseline --out a folder, or a path through a file', async () => {
    const { root, out, pids } = scratch();
    expect((await bench(out, pids)).exitCode).toBe(0);
    const folder = path.join(root, 'baselines');
    fs.mkdirSync(folder);
    const intoFolder = await node('baseline-cli.js', out, '--out', folder);
    expect(intoFolder.exitCode, intoFolder.all).toBe(2);
    expect(intoFolder.stderr.trim()).toBe(
      `sambench baseline: --out ${folder} is a folder; give the baseline file's path, e.g. ${path.join(folder, '<suite>.json')}`,
    );
    expect(fs.readdirSync(folder)).toEqual([]);
    const throughFile = await node('baseline-cli.js', out, '--out', path.join(suiteFile, 'faults.json'));
    expect(throughFile.exitCode, throughFile.all).toBe(2);
    expect(throughFile.stderr.trim()).toMatch(new RegExp(`^sambench baseline: cannot write ${path.join(suiteFile, 'faults.json')}: `));
  });

  test('compare of a device, a FIFO, or a file too large to be a baseline', async () => {
    const { root, out, pids } = scratch();
    expect((await bench(out, pids)).exitCode).toBe(0);
    const fifo = path.join(root, 'fifo');
    execFileSync('mkfifo', [fifo]);
    for (const [odd, kind] of [
      ['/dev/zero', 'a character device (e.g. a link to /dev/zero)'],
      [fifo, 'a FIFO (named pipe)'],
    ]) {
      const result = await node('cli.js', odd!, out);
      expect(result.exitCode, result.all).toBe(2);
      expect(result.stderr.trim()).toBe(
        `sambench compare: ${odd}: is ${kind}, not a regular file; expected a baseline file such as results/baselines/smoke.json (or a results folder such as results/smoke/<stamp>)`,
      );
    }
    const huge = path.join(root, 'huge.json');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 65 * 2 ** 20);
    const result = await node('cli.js', huge, out);
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr.trim()).toMatch(
      new RegExp(
        `^sambench compare: ${huge}: holds 68157440 bytes \\(65 MiB\\), more than the 67108864 bytes \\(64 MiB\\) a baseline file`,
      ),
    );
  });

  test('every command prints a known error as one "name: message" line; a mistake in the command line adds the usage, an unknown option points at --help', async () => {
    const { root } = scratch();
    const dist = (...parts: string[]) => path.join(PROJECT_ROOT, 'dist', 'harness', ...parts);
    const run = (script: string, args: string[], env: Record<string, string> = {}) =>
      execa('node', [script, ...args], { reject: false, all: true, timeout: 30_000, env });
    const noTorch = await run(dist('cli', 'calibrate.js'), [suiteFile, '--out', path.join(root, 'c')], {
      SAMBENCH_PYTHON: '/nonexistent/python3',
    });
    expect(noTorch.exitCode, noTorch.all).toBe(2);
    expect(noTorch.stderr.trim()).toMatch(/^sambench calibrate: \S+faults\.json: framework "torch" needs Python with PyTorch \([^\n]*$/);
    const badFlag = await run(dist('cli.js'), [suiteFile, '--bogus']);
    expect(badFlag.exitCode).toBe(2);
    expect(badFlag.stderr.trim()).toBe('sambench: unknown option --bogus; --help lists the options');
    const oneBench = await run(dist('compare', 'cli.js'), [root]);
    expect(oneBench.exitCode).toBe(2);
    expect(oneBench.stderr).toMatch(/^sambench compare: .*\n\nusage: sambench compare/);
  });
});
