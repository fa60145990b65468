// The real CLI, end to end, on tiny suites: native TensorFlow workers, CSVs, verdicts, exit
// codes, resume, and a broken suite that starts nothing. Crashes, kills, timeouts and unwritable
// folders are in fault-injection.e2e.test.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from './paths.js';
import { CLI, cliIn, readCsv } from './fixtures/cli-process.js';
import { TINY_SUITE } from './fixtures/tiny-suite.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-e2e-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const tiny = {
  ...TINY_SUITE,
  name: 'tiny',
  // These test the plumbing (a verdict row per expectation), not a measurement: ranges no
  // timing of a 20-step run can leave, so the outcomes do not depend on the machine's load. The
  // slowdown against the no-SAM run comes from one process pair, so it is inconclusive.
  expect: [
    { kind: 'step-ratio', range: { min: 0 } },
    { kind: 'slowdown', interval: 2, range: { min: -1 } },
  ],
};

function writeSuite(name: string, suite: object): string {
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(suite, null, 2));
  return file;
}

const bench = cliIn(dir);

describe('sambench CLI', () => {
  const out = path.join(dir, 'results');

  test('runs a suite: one summary row per run, verdict rows, exit 0; resuming redoes nothing', async () => {
    const suite = writeSuite('tiny', tiny);
    const first = await bench(suite, '--out', out);
    expect(first.exitCode, first.all).toBe(0);
    const summary = readCsv(path.join(out, 'summary.csv'));
    expect(summary.map((r) => r.run_id)).toEqual(['base-bs16-lr0.05-s0', 'sam-k2-rho0.05-bs16-lr0.05-s0']);
    expect(summary.map((r) => r.status)).toEqual(['ok', 'ok']);
    const sam = summary[1]!;
    expect(Number(sam['measured_steps'])).toBe(20);
    expect(Number(sam['sam_step_n'])).toBe(10);
    expect(Number(sam['base_step_n'])).toBe(10);
    expect(sam['env_backend']).toBe('tensorflow');
    expect(sam['env_native_tensorflow']).toMatch(/^2\./);
    expect(sam['spec_sam_interval']).toBe('2');
    expect(Number(sam['step_ratio_of_medians'])).toBeGreaterThan(1);
    expect(Number(sam['predicted_slowdown'])).toBeCloseTo((Number(sam['step_ratio_of_medians']) - 1) / 2, 10);
    const verdicts = readCsv(path.join(out, 'verdicts.csv'));
    expect(verdicts.map((v) => [v.expectation, v.outcome])).toEqual([
      ['step-ratio', 'pass'],
      ['slowdown@interval=2', 'inconclusive'],
    ]);
    expect(verdicts[1]!.rule).toMatch(/^pass: 95% CI inside \[-100.0%, \+inf\]/);
    expect(verdicts[1]!.detail).toContain('one process pair');
    expect(readCsv(path.join(out, 'steps.csv'))).toHaveLength(2 * 22);
    const report = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(report).toContain('sam-k2-rho0.05-bs16-lr0.05-s0');
    expect(report).not.toMatch(/(src|href)="https?:/);
    expect(first.stdout).toContain('PASS');
    expect(first.stdout).toContain('INCONCLUSIVE: the interval straddles a bound');
    expect(first.stderr).toMatch(/1 of 2 expectations inconclusive \(slowdown@interval=2\).*exit code 0 unless --strict/);
    const history = fs.readFileSync(path.join(dir, 'history.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(history.at(-1)!)).toMatchObject({ suite: 'tiny' });

    const log = path.join(out, 'runs', 'sam-k2-rho0.05-bs16-lr0.05-s0.jsonl');
    const before = fs.statSync(log).mtimeMs;
    const again = await bench(suite, '--out', out, '--resume');
    expect(again.exitCode, again.all).toBe(0);
    expect(again.stderr.match(/finished earlier, kept/g)).toHaveLength(2);
    expect(fs.statSync(log).mtimeMs).toBe(before);
    expect(readCsv(path.join(out, 'summary.csv'))).toEqual(summary);

    // --strict: the same inconclusive verdict now fails the bench (nothing is rerun).
    const strict = await bench(suite, '--out', out, '--resume', '--strict');
    expect(strict.exitCode, strict.all).toBe(1);
    expect(strict.stderr).toContain('counted as failed (--strict)');
  });

  test('--resume redoes a run whose log holds only done (failed: incomplete), instead of keeping it as ok with 0 steps', async () => {
    const log = path.join(out, 'runs', 'base-bs16-lr0.05-s0.jsonl');
    fs.writeFileSync(log, '{"type":"done","steps":0,"wallMs":0}\n');
    const result = await bench(path.join(dir, 'tiny.json'), '--out', out, '--resume');
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stderr.match(/finished earlier, kept/g)).toHaveLength(1);
    const redone = fs
      .readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string });
    expect(redone.filter((e) => e.type === 'step')).toHaveLength(22);
  });

  test('a results folder with runs is not overwritten without --resume (exit 2)', async () => {
    const result = await bench(writeSuite('tiny2', tiny), '--out', out);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('already holds runs; add --resume');
  });

  // Without --out the results go under the folder the command runs in (a project that installed
  // sambench, not node_modules/sambench): here a fresh folder.
  test('a failing expectation exits 1 and is marked FAIL; without --out, results/<suite>/<stamp> under the current folder', async () => {
    const failing = { ...tiny, name: 'fails', steps: { warmup: 1, measured: 4 }, expect: [{ kind: 'step-ratio', range: { max: 0.5 } }] };
    const here = fs.mkdtempSync(path.join(dir, 'cwd-'));
    const result = await execa('node', [CLI, writeSuite('fails', failing)], {
      cwd: here,
      reject: false,
      all: true,
      env: { SAMBENCH_HISTORY_FILE: path.join(dir, 'history.jsonl'), FORCE_COLOR: '0' },
    });
    expect(result.exitCode, result.all).toBe(1);
    expect(result.stdout).toMatch(/step-ratio .* FAIL/);
    const stamps = fs.readdirSync(path.join(here, 'results', 'fails'));
    expect(stamps).toHaveLength(1);
    expect(fs.existsSync(path.join(here, 'results', 'fails', stamps[0]!, 'summary.csv'))).toBe(true);
  });

  test('a run whose loss becomes NaN is recorded as failed (reason nan), the others go on, exit 3', async () => {
    const diverging = {
      ...tiny,
      name: 'nan',
      optimizer: { name: 'sgd', learningRate: 1e30 },
      steps: { warmup: 0, measured: 10 },
      matrix: { interval: [1] },
      expect: [],
    };
    const result = await bench(writeSuite('nan', diverging), '--out', path.join(dir, 'nan'));
    expect(result.exitCode, result.all).toBe(3);
    const summary = readCsv(path.join(dir, 'nan', 'summary.csv'));
    expect(summary.map((r) => [r.status, r.reason])).toEqual([
      ['failed', 'nan'],
      ['failed', 'nan'],
    ]);
    expect(result.stderr).toContain('FAILED (nan)');
  });

  test('--export writes run specs; event logs made elsewhere are taken in by --out DIR --resume', async () => {
    const suite = writeSuite('exported', { ...tiny, name: 'exported', steps: { warmup: 1, measured: 4 }, expect: [] });
    const folder = path.join(dir, 'exported');
    const exported = await bench(suite, '--export', folder);
    expect(exported.exitCode, exported.all).toBe(0);
    const specs = fs
      .readdirSync(path.join(folder, 'runs'))
      .filter((f) => f.endsWith('.spec.json'))
      .sort();
    expect(specs).toEqual(['base-bs16-lr0.05-s0.spec.json', 'sam-k2-rho0.05-bs16-lr0.05-s0.spec.json']);
    // A TF.js suite: the TF.js worker, not the Python one.
    expect(exported.stdout).toContain(
      `  node dist/harness/worker/main.js ${path.join(folder, 'runs', specs[0]!)} > ${path.join(folder, 'runs', 'base-bs16-lr0.05-s0.jsonl')}`,
    );
    expect(exported.stdout).not.toContain('python');
    // The bin's command, which works in this checkout and in a project that depends on sambench.
    expect(exported.stdout).toContain(`then: npx sambench bench ${suite} --out ${folder} --resume`);
    // "Another machine": the worker run by hand, its stdout saved as the run's event log.
    const worker = path.join(PROJECT_ROOT, 'dist', 'harness', 'worker', 'main.js');
    const { stdout } = await execa('node', [worker, path.join(folder, 'runs', specs[1]!)]);
    fs.writeFileSync(path.join(folder, 'runs', 'sam-k2-rho0.05-bs16-lr0.05-s0.jsonl'), `${stdout}\n`);
    const ingested = await bench(suite, '--out', folder, '--resume');
    expect(ingested.exitCode, ingested.all).toBe(0);
    expect(ingested.stderr).toContain('sam-k2-rho0.05-bs16-lr0.05-s0: finished earlier, kept');
    expect(readCsv(path.join(folder, 'summary.csv')).map((r) => r.status)).toEqual(['ok', 'ok']);
  });

  test('framework "torch": the same suite runs in PyTorch workers and gives the same reports', async () => {
    const torchSuite = {
      ...tiny,
      name: 'tiny-torch',
      framework: 'torch',
      torch: { device: 'cpu' },
      steps: { warmup: 2, measured: 8 },
      expect: [],
    };
    const folder = path.join(dir, 'torch');
    const result = await bench(writeSuite('tiny-torch', torchSuite), '--out', folder);
    expect(result.exitCode, result.all).toBe(0);
    const summary = readCsv(path.join(folder, 'summary.csv'));
    expect(summary.map((r) => [r.run_id, r.status])).toEqual([
      ['base-bs16-lr0.05-s0', 'ok'],
      ['sam-k2-rho0.05-bs16-lr0.05-s0', 'ok'],
    ]);
    expect(summary[1]!['env_torch']).toMatch(/^2\./);
    expect(summary[1]!['env_backend']).toBe('cpu');
    expect(Number(summary[1]!['sam_step_n'])).toBe(4);
  });

  test("TensorFlow's banners stay in the runs' stderr logs: what the user sees carries none", async () => {
    // The "cpu" backend makes TF.js print its "Hi, looks like you are running TensorFlow.js in
    // Node.js" banner for certain; native TensorFlow adds its oneDNN/absl lines where it has them.
    const folder = path.join(dir, 'banners');
    const result = await bench(writeSuite('banners', { ...tiny, name: 'banners', backend: 'cpu', expect: [] }), '--out', folder);
    expect(result.exitCode, result.all).toBe(0);
    for (const banner of ['Hi, looks like you are running TensorFlow.js', 'oneDNN', 'absl::InitializeLog', 'cpu_feature_guard'])
      expect(result.all).not.toContain(banner);
    const log = fs.readFileSync(path.join(folder, 'runs', 'base-bs16-lr0.05-s0.stderr.log'), 'utf8');
    expect(log).toContain('Hi, looks like you are running TensorFlow.js in Node.js');
  });

  test('--dry-run prints one line per run and starts nothing', async () => {
    const result = await bench(writeSuite('dry', { ...tiny, name: 'dry', seeds: [0, 1] }), '--dry-run');
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(4);
    expect(fs.existsSync(path.join(PROJECT_ROOT, 'results', 'dry'))).toBe(false);
  });

  test('the old name "rho-scaling" still runs, with a warning on stderr naming the file, pointer and new name', async () => {
    const file = writeSuite('old-name', {
      ...tiny,
      name: 'old-name',
      matrix: { interval: [1, 2] },
      expect: [{ kind: 'rho-scaling', tolerance: 0.05 }],
    });
    const result = await bench(file, '--dry-run');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/warning: \S+old-name\.json:\d+:\d+ \/expect\/0\/kind "rho-scaling" is deprecated/);
    expect(result.stderr).toContain('write "kind": "slowdown-law"');
  });

  test('a broken suite exits 2 with its pointer on stderr, no stack trace and no results folder', async () => {
    const broken = writeSuite('broken', { ...tiny, name: 'broken', sam: { rho: 0 } });
    const result = await bench(broken, '--out', path.join(dir, 'broken-out'));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('/sam/rho must be > 0 (got 0)');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, 'broken-out'))).toBe(false);
  });
});
