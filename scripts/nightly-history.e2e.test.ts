// The nightly's history restore (.github/workflows/nightly.yml): the cache entry it restores is
// the file every step reads and appends, keyed per runner class so step times in ms only meet
// their own machine's, saved under a new key each night (cache keys are immutable) even when the
// bench failed; and a night restored from the last one continues its history: tonight's
// detection sees last night's lines, and the last good commit comes from them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { parse } from 'yaml';
import { commitOf, levels, nights } from '../harness/history/fixtures/nights.js';
import { PROJECT_ROOT } from '../harness/paths.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
}
const workflow = parse(fs.readFileSync(path.join(PROJECT_ROOT, '.github', 'workflows', 'nightly.yml'), 'utf8')) as {
  env: Record<string, string>;
  jobs: { nightly: { steps: Step[] } };
};
const steps = workflow.jobs.nightly.steps;
const index = (match: (s: Step) => boolean) => steps.findIndex(match);

test('the restored and saved cache path is the history file the nightly reads and appends', () => {
  const restore = steps[index((s) => s.uses?.startsWith('actions/cache/restore@') ?? false)]!;
  const save = steps[index((s) => s.uses?.startsWith('actions/cache/save@') ?? false)]!;
  expect(workflow.env.SAMBENCH_HISTORY_FILE).toBe('results/history.jsonl');
  expect(restore.with!.path).toBe(workflow.env.SAMBENCH_HISTORY_FILE);
  expect(save.with!.path).toBe(workflow.env.SAMBENCH_HISTORY_FILE);
  // A key per night (run id), restored by its runner-class prefix: the newest night of the class.
  expect(restore.with!.key).toBe(save.with!.key);
  expect(restore.with!.key).toMatch(/\$\{\{ github\.run_id \}\}$/);
  const prefix = restore.with!['restore-keys']!;
  expect(restore.with!.key!.startsWith(prefix)).toBe(true);
  expect(prefix).toContain('${{ runner.os }}');
  expect(prefix).toContain('${{ runner.arch }}');
  expect(prefix).not.toContain('run_id');
  // Saved even when the bench or the detection failed: a regression night belongs to the history.
  expect(save.if).toBe('always()');
});

test('the steps run in order: set-up with pinned TensorFlow, restore, nightly, save, upload', () => {
  const setUp = index((s) => s.run?.includes('npm ci --ignore-scripts') ?? false);
  const restore = index((s) => s.uses?.startsWith('actions/cache/restore@') ?? false);
  const nightly = index((s) => s.run === 'bash scripts/nightly.sh');
  const save = index((s) => s.uses?.startsWith('actions/cache/save@') ?? false);
  const upload = index((s) => s.uses?.startsWith('actions/upload-artifact@') ?? false);
  expect([setUp, restore, nightly, save, upload].every((i) => i >= 0)).toBe(true);
  expect(setUp < restore && restore < nightly && nightly < save && save < upload).toBe(true);
  expect(workflow.env.SAMBENCH_TF_SOURCE).toBe('wheel');
  expect(steps[setUp]!.run).toContain('npm run setup');
  // ab checks out the last good commit: the checkout must hold the whole history.
  expect(steps[index((s) => s.uses?.startsWith('actions/checkout@') ?? false)]!.with!['fetch-depth']).toBe(0);
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-nightly-history-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const BIN = path.join(PROJECT_ROOT, 'dist', 'harness', 'bin.js');
const history = (file: string, ...args: string[]) =>
  execa('node', [BIN, 'history', '--suite', 'nightly', ...args], {
    cwd: dir,
    reject: false,
    env: { SAMBENCH_HISTORY_FILE: file, FORCE_COLOR: '0' },
  });

test('a night restored from the last one continues its history: the last good commit and a change confirmed across both', async () => {
  const all = nights(levels(32, { at: 30, step: 10 }));
  // Last night's runner saved 31 nights; tonight restores that file (the cache) and appends its own line.
  const saved = path.join(dir, 'saved.jsonl');
  fs.writeFileSync(
    saved,
    all
      .slice(0, 31)
      .map((l) => `${JSON.stringify(l)}\n`)
      .join(''),
  );
  // Last night (30) was the first slow one: already a suspect level, so the last good night is 29.
  expect((await history(saved, '--last-good')).stdout).toBe(commitOf(29));
  const restored = path.join(dir, 'restored', 'history.jsonl');
  fs.mkdirSync(path.dirname(restored));
  fs.copyFileSync(saved, restored);
  fs.appendFileSync(restored, `${JSON.stringify(all[31])}\n`);
  const tonight = await history(restored, '--html', path.join(dir, 'history.html'), '--fail-on-regression', '--metric', 'base step');
  // The step at night 30 is confirmed only with tonight's line on last night's: a fresh history would have one night.
  expect(tonight.exitCode, tonight.stdout).toBe(1);
  expect(tonight.stdout).toContain(`confirm with: sambench ab ${commitOf(29)} ${commitOf(30)}`);
  expect((await history(restored, '--last-good')).stdout).toBe(commitOf(29));
  const fresh = path.join(dir, 'fresh.jsonl');
  fs.writeFileSync(fresh, `${JSON.stringify(all[31])}\n`);
  expect((await history(fresh, '--html', path.join(dir, 'fresh.html'), '--fail-on-regression')).exitCode).toBe(0);
});
