// --launcher slurm on a real single-node cluster (scripts/slurm-cluster.sh: Debian's slurm-wlm and
// munge, brought up and down here, on ports and in a folder of its own). The smoke suite gives the
// CSVs the local launcher gives, its tasks one after another on the node; a cancelled task and one
// over its time limit are recorded failed while the others go on; a bench killed while its job ran
// resumes: the job is waited for, its logs taken in, and only the unfinished run submitted again;
// Ctrl-C without a terminal leaves the job running. Skips, saying why, where Slurm cannot be
// installed. The CLI runs from dist/ (npm run build first).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { execa, type ResultPromise } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { TINY_SUITE } from '../../fixtures/tiny-suite.js';
import type { EnvEvent } from '../../../schemas/index.js';
import { PROJECT_ROOT } from '../../paths.js';
import { taskStates } from './cluster.js';
import { readJobs } from './record.js';

const CLI = path.join(PROJECT_ROOT, 'dist', 'harness', 'cli.js');
const SCRIPT = path.join(PROJECT_ROOT, 'scripts', 'slurm-cluster.sh');
const FAULT_WORKER = path.join(PROJECT_ROOT, 'harness', 'fixtures', 'fault-worker.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-slurm-e2e-'));
// A cluster of this test's own, beside any other on the machine.
const cluster = { SAMBENCH_SLURM_DIR: path.join(dir, 'cluster'), SAMBENCH_SLURM_PORT: '6917' };
const SLURM_CONF = path.join(cluster.SAMBENCH_SLURM_DIR, 'slurm.conf');

// Whether Slurm is here or can be installed (apt-get, as root); otherwise every case skips, saying why.
function installProblem(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  try {
    execFileSync('bash', [SCRIPT, 'install'], { stdio: 'pipe' });
    return null;
  } catch (error) {
    const said = String((error as { stderr?: Buffer }).stderr ?? '').trim();
    return (said || (error as Error).message).split('\n')[0]!;
  }
}
const cannotInstall = installProblem();
if (cannotInstall) console.warn(`slurm e2e: skipping: Slurm cannot be installed here (${cannotInstall})`);

// Stands in for Python: answers preflight's torch probe ("no CUDA"); a run named in $HANG_RUNS
// sleeps (a task to cancel, or to run over its time limit); any other runs the fast fault worker.
const python = path.join(dir, 'python');
fs.writeFileSync(
  python,
  `#!/bin/sh
[ "$1" = "-c" ] && { echo False; exit 0; }
for id in $HANG_RUNS; do case "$*" in *"/$id.spec.json"*) exec sleep 600 ;; esac; done
exec "${process.execPath}" "${FAULT_WORKER}" "$@"
`,
  { mode: 0o755 },
);
function fastSuite(name: string, limits = {}): string {
  const file = path.join(dir, `${name}.json`);
  const suite = {
    ...TINY_SUITE,
    name,
    framework: 'torch',
    torch: { device: 'cpu' },
    steps: { warmup: 1, measured: 4 },
    matrix: { interval: [2, 4] },
    limits,
  };
  fs.writeFileSync(file, JSON.stringify(suite, null, 2));
  return file;
}

const benches: ResultPromise[] = [];
let cases = 0;

beforeAll(() => {
  if (cannotInstall) return;
  process.env.SLURM_CONF = SLURM_CONF;
  execFileSync('bash', [SCRIPT, 'up'], { stdio: 'pipe', env: { ...process.env, ...cluster } });
}, 180_000);
afterEach(() => {
  for (const bench of benches.splice(0)) bench.kill('SIGKILL');
});
afterAll(() => {
  if (!cannotInstall) execFileSync('bash', [SCRIPT, 'down'], { stdio: 'pipe', env: { ...process.env, ...cluster } });
  fs.rmSync(dir, { recursive: true, force: true });
}, 120_000);

/** A fresh results folder and pid file (the fake workers' `worker <run id> <pid>` lines) for one case. */
function scratch() {
  const root = path.join(dir, `case-${++cases}`);
  fs.mkdirSync(root);
  return { out: path.join(root, 'out'), pids: path.join(root, 'pids') };
}

function bench(file: string, out: string, args: string[], env: Record<string, string> = {}) {
  const subprocess = execa('node', [CLI, file, '--out', out, ...args], {
    reject: false,
    all: true,
    timeout: 600_000,
    env: {
      SLURM_CONF,
      SAMBENCH_SLURM_POLL_MS: '500',
      SAMBENCH_PYTHON: python,
      SAMBENCH_HISTORY_FILE: path.join(dir, 'history.jsonl'),
      ...env,
    },
  });
  benches.push(subprocess);
  return subprocess;
}

async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 240_000): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const jobsOf = (out: string) => readJobs(path.join(out, 'runs'));
const csv = (out: string, name: string) => parse<Record<string, string>>(fs.readFileSync(path.join(out, name)), { columns: true });
const workersIn = (pids: string) =>
  fs.existsSync(pids)
    ? fs
        .readFileSync(pids, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('worker '))
    : [];
/** A bench of a fast suite through Slurm whose n-th worker stalls for good, once that worker runs. */
async function stalledBench(name: string, n: number) {
  const { out, pids } = scratch();
  const file = fastSuite(name);
  const env = { FAULT: `stall@${n}`, FAULT_PIDS: pids, FAULT_RELEASE: path.join(dir, 'never') };
  const running = bench(file, out, ['--launcher', 'slurm'], env);
  await waitFor(`worker ${n}`, () => workersIn(pids).length === n);
  return { out, pids, file, env, running };
}
const stateOf = async (jobId: string, index: number) => (await taskStates(jobId))?.get(index)?.state;

describe.skipIf(cannotInstall !== null)(
  `--launcher slurm on a one-node cluster${cannotInstall ? ` (skipped: Slurm cannot be installed: ${cannotInstall})` : ''}`,
  () => {
    test('the smoke suite gives the columns and rows the local launcher gives; its tasks never overlap on the one node', async () => {
      const local = scratch().out;
      const slurm = scratch().out;
      // The shipped smoke suite at 40 measured steps: its columns and rows, in a third of its time.
      const smoke = path.join(dir, 'smoke.json');
      const shipped = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'suites', 'smoke.json'), 'utf8')) as { steps: object };
      fs.writeFileSync(smoke, JSON.stringify({ ...shipped, $schema: undefined, steps: { ...shipped.steps, measured: 40 } }));
      const [byLocal, bySlurm] = [await bench(smoke, local, []), await bench(smoke, slurm, ['--launcher', 'slurm'])];
      expect(byLocal.exitCode, byLocal.all).toBe(0);
      expect(bySlurm.exitCode, bySlurm.all).toBe(0);
      for (const name of ['summary.csv', 'steps.csv', 'verdicts.csv', 'configurations.csv', 'evals.csv']) {
        const [a, b] = [csv(local, name), csv(slurm, name)];
        expect(Object.keys(b[0] ?? {}), name).toEqual(Object.keys(a[0] ?? {}));
        expect(b.length, name).toBe(a.length);
      }
      // The run rows: same runs, statuses and settings (timings differ).
      const settings = (rows: Record<string, string>[]) =>
        rows.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => /^(run_id|status|reason|spec_)/.test(key))));
      expect(settings(csv(slurm, 'summary.csv'))).toEqual(settings(csv(local, 'summary.csv')));
      const steps = (out: string) => csv(out, 'steps.csv').map((row) => [row.run_id, row.step, row.kind, row.warmup].join(' '));
      expect(steps(slurm)).toEqual(steps(local));

      const [job] = jobsOf(slurm);
      const tasks = [...(await taskStates(job!.jobId))!.values()].sort((a, b) => a.startMs! - b.startMs!);
      expect(tasks).toHaveLength(9);
      for (const [i, task] of tasks.entries()) if (i > 0) expect(task.startMs!).toBeGreaterThanOrEqual(tasks[i - 1]!.endMs!);
      const env = JSON.parse(fs.readFileSync(path.join(slurm, 'runs', `${job!.runIds[3]}.jsonl`), 'utf8').split('\n')[0]!) as EnvEvent;
      // Each array task is a job of its own (jobId), within the array job sambench submitted.
      expect(env.slurm).toMatchObject({
        arrayJobId: job!.jobId,
        arrayTaskId: 3,
        nodeName: os.hostname().split('.')[0],
      });
      expect(fs.readFileSync(job!.script, 'utf8')).toContain('#SBATCH --exclusive');
    }, 900_000);

    test('a task cancelled with scancel and one over its time limit are recorded failed (signal, timeout); the other run goes on', async () => {
      const { out, pids } = scratch();
      // runTimeoutSeconds 1: Slurm's limit is a whole minute, then up to its 30 s check and KillWait.
      const file = fastSuite('slurm-failures', { runTimeoutSeconds: 1 });
      const [cancelled, timedOut] = ['sam-k2-rho0.05-bs16-lr0.05-s0', 'sam-k4-rho0.05-bs16-lr0.05-s0'];
      const running = bench(file, out, ['--launcher', 'slurm'], { HANG_RUNS: `${cancelled} ${timedOut}`, FAULT_PIDS: pids });
      const job = await waitFor('the job', () => jobsOf(out)[0]);
      const index = job.runIds.indexOf(cancelled);
      await waitFor('the task to cancel to run', async () => (await stateOf(job.jobId, index)) === 'RUNNING');
      execFileSync('scancel', [`${job.jobId}_${index}`]);
      const result = await running;
      expect(result.exitCode, result.all).toBe(3);
      const rows = new Map(csv(out, 'summary.csv').map((row) => [row.run_id, row]));
      expect(rows.get('base-bs16-lr0.05-s0')).toMatchObject({ status: 'ok' });
      expect(rows.get(cancelled)).toMatchObject({ status: 'failed', reason: 'signal' });
      expect(rows.get(timedOut)).toMatchObject({ status: 'failed', reason: 'timeout' });
      expect(result.stderr).toMatch(new RegExp(`${cancelled}: FAILED \\(signal\\): .*Slurm task ${job.jobId}_${index} on \\S+: CANCELLED`));
      expect(result.stderr).toMatch(new RegExp(`${timedOut}: FAILED \\(timeout\\): timed out after 60 s .*: TIMEOUT, over its time limit`));
    }, 600_000);

    test('--resume after the CLI was killed while the job ran: waits for the job, takes in its logs, submits only the unfinished run', async () => {
      const { out, pids, file, env, running: first } = await stalledBench('slurm-resume', 2);
      first.kill('SIGKILL');
      await first;
      const [job] = jobsOf(out);
      const stalled = workersIn(pids)[1]!.split(' ')[1]!;
      const index = job!.runIds.indexOf(stalled);
      expect(await stateOf(job!.jobId, index)).toBe('RUNNING');

      const resumed = bench(file, out, ['--resume', '--launcher', 'slurm'], env);
      let said = '';
      resumed.stderr?.on('data', (chunk: Buffer) => (said += String(chunk)));
      await waitFor('the resume to follow the job', () => said.includes(`taking in Slurm job ${job!.jobId}`));
      // The stalled run never finishes by itself: cancel its task, and the resume submits it again.
      execFileSync('scancel', [`${job!.jobId}_${index}`]);
      const result = await resumed;
      expect(result.exitCode, result.all).toBe(0);
      expect(result.stderr).toContain(`taking in Slurm job ${job!.jobId}`);
      const jobs = jobsOf(out);
      expect(jobs).toHaveLength(2);
      expect(jobs[1]!.runIds).toEqual([stalled]);
      expect(csv(out, 'summary.csv').map((row) => row.status)).toEqual(['ok', 'ok', 'ok']);
      // Every run's worker ran once, the stalled one twice.
      expect(
        workersIn(pids)
          .map((line) => line.split(' ')[1])
          .sort(),
      ).toEqual([...job!.runIds, stalled].sort());
    }, 600_000);

    test('Ctrl-C without a terminal leaves the job running, says so and how to resume, and exits 130', async () => {
      const { out, file, running } = await stalledBench('slurm-interrupt', 1);
      running.kill('SIGINT');
      const result = await running;
      const [job] = jobsOf(out);
      expect(result.exitCode, result.all).toBe(130);
      expect(result.stderr).toContain(
        `left Slurm job ${job!.jobId} running (no terminal to ask on, so it was not cancelled); npx sambench bench ${file} --out ${out} --resume --launcher slurm waits for it`,
      );
      expect(await stateOf(job!.jobId, 0)).toBe('RUNNING');
      execFileSync('scancel', [job!.jobId]);
    }, 300_000);
  },
);
