// `sambench ab` end to end on two real revisions of this repository: a clone of it (so no ref of
// the real one changes) gets one more commit whose PyTorch worker makes every step six times
// slower, and the built CLI benches HEAD~1 against HEAD on a tiny torch suite, their processes
// interleaved; the slowdown must come out as a regression of the base and SAM steps. Six times,
// as calibrate.e2e.test.ts injects: three processes a side on a shared two-core machine sometimes
// hold one process 1.5x slower than its siblings, and a t-interval on 3 + 3 processes then
// cannot resolve +50 % (measured: 99 % intervals of [-17, +281] % around +78 %).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../../paths.js';
import { TINY_SUITE } from '../../fixtures/tiny-suite.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-ab-e2e-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const repo = path.join(dir, 'repo');
const script = path.join(PROJECT_ROOT, 'dist', 'harness', 'cli', 'ab', 'ab.js');

// Three processes per configuration and side: the fewest that give compare a process-level
// interval. Steps of about a millisecond, on one thread (OMP_NUM_THREADS below): sub-millisecond
// steps on a busy two-core machine vary too much from process to process to resolve +50 %.
const tinyTorch = {
  ...TINY_SUITE,
  name: 'tiny-ab',
  framework: 'torch',
  torch: { device: 'cpu' },
  model: { name: 'mlp', hidden: [256, 256] },
  dataset: { name: 'synthetic', shape: [128], classes: 10, batchSize: 64, samples: 512 },
  steps: { warmup: 5, measured: 60 },
  seeds: [0],
  repeats: 3,
  matrix: { interval: [1] },
};

const git = (...args: string[]) => execa('git', ['-C', repo, '-c', 'user.name=ab test', '-c', 'user.email=ab@test', ...args]);

beforeAll(async () => {
  if (!fs.existsSync(script)) throw new Error(`${script} is missing: build first (npm run build)`);
  await execa('git', ['clone', '-q', PROJECT_ROOT, repo]);
  // Unset, the injected slowdown becomes 5: every step of this commit's worker is six times as long.
  const file = path.join(repo, 'harness', 'worker', 'pytorch', 'injected_slowdown.py');
  const source = fs.readFileSync(file, 'utf8');
  const slower = source.replace(/if raw == "":\n(\s+)return 0\.0/, 'if raw == "":\n$1return 5.0');
  expect(slower).not.toBe(source);
  fs.writeFileSync(file, slower);
  await git('commit', '-q', '-am', 'Every step six times slower (ab e2e)');
  fs.writeFileSync(path.join(dir, 'tiny-ab.json'), JSON.stringify(tinyTorch));
});

const ab = (...args: string[]) =>
  execa('node', [script, ...args, '--repo', repo], {
    cwd: dir,
    reject: false,
    all: true,
    env: { FORCE_COLOR: '0', OMP_NUM_THREADS: '1', SAMBENCH_HISTORY_FILE: path.join(dir, 'history.jsonl') },
  });

interface AbJson {
  commits: { a: { sha: string }; b: { sha: string } };
  minEffect: number;
  configurations: { id: string; metrics: { metric: string; change: number; interval: [number, number] | null; verdict: string }[] }[];
}

test('HEAD~1 against a HEAD whose steps are six times as long: base and SAM steps regressed, exit 1', async () => {
  const out = path.join(dir, 'slower');
  const result = await ab('HEAD~1', 'HEAD', path.join(dir, 'tiny-ab.json'), '--out', out);
  expect(result.exitCode, result.all).toBe(1);
  const shas = [(await git('rev-parse', 'HEAD~1')).stdout.trim(), (await git('rev-parse', 'HEAD')).stdout.trim()];
  const report = JSON.parse(fs.readFileSync(path.join(out, 'ab.json'), 'utf8')) as AbJson;
  expect([report.commits.a.sha, report.commits.b.sha]).toEqual(shas);
  expect(result.stdout).toContain(`b (current):  ${shas[1]!.slice(0, 10)} Every step six times slower (ab e2e) (HEAD)`);
  // The worktrees are the cache's, one per commit, and each is ready for reuse.
  const cache = path.join(repo, '.sambench', 'worktrees');
  for (const sha of shas) {
    expect(fs.existsSync(path.join(cache, sha, 'harness', 'worker', 'pytorch', 'main.py'))).toBe(true);
    expect(fs.existsSync(path.join(cache, `${sha}.ready`))).toBe(true);
  }
  const steps = report.configurations.flatMap((c) => c.metrics).filter((m) => m.metric === 'base step' || m.metric === 'SAM step');
  expect(new Set(steps.map((m) => m.metric))).toEqual(new Set(['base step', 'SAM step']));
  for (const m of steps) {
    expect(m.verdict, JSON.stringify(m)).toBe('regressed');
    expect(m.interval![0]).toBeGreaterThan(report.minEffect);
    // At least +250 %: the spin-wait adds five times each step's own time, and the steps between
    // the spins run slower still (measured here: +821 % to +951 %), so the bound above is loose.
    expect(m.change).toBeGreaterThan(2.5);
    expect(m.change).toBeLessThan(25);
  }
  for (const side of ['a', 'b']) expect(fs.readdirSync(path.join(out, side, 'runs')).filter((f) => f.endsWith('.jsonl'))).toHaveLength(6);
  // rev-b's bench joined the history, naming rev-a as what it regressed against (the nightly's last good).
  const lines = fs.readFileSync(path.join(dir, 'history.jsonl'), 'utf8').trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0]!)).toMatchObject({
    version: 2,
    suite: 'tiny-ab',
    commit: shas[1],
    against: { commit: shas[0], regressed: true },
  });
});

// One process per side (--rounds 1) leaves compare step-level tests only, which never say
// REGRESSED: the exit code is 0 however noisy the machine.
test('A/A (HEAD~1 on both sides): one worktree serves both, reused from the first test; exit 0', async () => {
  const out = path.join(dir, 'same');
  const result = await ab('HEAD~1', 'HEAD~1', path.join(dir, 'tiny-ab.json'), '--out', out, '--rounds', '1');
  expect(result.exitCode, result.all).toBe(0);
  expect(result.stdout).toContain('the same commit on both sides (A/A)');
  expect(result.stderr).toMatch(/worktree of [0-9a-f]{10} ready \(reused\)/);
  expect(result.stderr).not.toContain('checking out');
  for (const side of ['a', 'b']) expect(fs.readdirSync(path.join(out, side, 'runs')).filter((f) => f.endsWith('.jsonl'))).toHaveLength(2);
});

test('a revision the repo lacks is refused before anything runs (exit 2)', async () => {
  const result = await ab('HEAD~1', 'no-such-branch', path.join(dir, 'tiny-ab.json'), '--out', path.join(dir, 'refused'));
  expect(result.exitCode, result.all).toBe(2);
  expect(result.stderr).toContain('<rev-b> "no-such-branch" names no commit of');
});
