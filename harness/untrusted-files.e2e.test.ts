// What sambench reads but did not just write is untrusted (issue 22), end to end through the real
// CLIs (dist/): a FIFO or a link to /dev/zero planted as any file of a results folder, or as the
// suite, is refused at once (exit 2, naming the file and what it is) instead of blocking or
// reading until out of memory; names read back that become paths cannot leave their folder; and
// a tampered bench.json, run spec or baseline is exit 2 naming the file and field, before
// anything is written. The bench's worker is the fast fake of fault-injection.e2e.test.ts.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StoredRun } from './compare/baseline-file.js';
import { TINY_SUITE } from './fixtures/tiny-suite.js';
import { PROJECT_ROOT } from './paths.js';

const dist = (...parts: string[]) => path.join(PROJECT_ROOT, 'dist', 'harness', ...parts);
const FAULT_WORKER = path.join(PROJECT_ROOT, 'harness', 'fixtures', 'fault-worker.mjs');
// A regression blocks on a FIFO or reads /dev/zero forever: the child is killed after this and the test fails.
const HANG_MS = 20_000;
const REPORTS = ['summary.csv', 'steps.csv', 'verdicts.csv', 'configurations.csv', 'evals.csv', 'report.html'];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-untrusted-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const python = path.join(dir, 'python');
fs.writeFileSync(python, `#!/bin/sh\n[ "$1" = "-c" ] && { echo False; exit 0; }\nexec "${process.execPath}" "${FAULT_WORKER}" "$@"\n`, {
  mode: 0o755,
});
const suite = { ...TINY_SUITE, name: 'untrusted', framework: 'torch', torch: { device: 'cpu' }, steps: { warmup: 1, measured: 4 } };
const suiteFile = path.join(dir, 'untrusted.json');
fs.writeFileSync(suiteFile, JSON.stringify(suite));
const made = path.join(dir, 'made');

const run = (script: string, args: string[]) =>
  execa('node', [script, ...args], {
    cwd: dir,
    reject: false,
    all: true,
    timeout: HANG_MS,
    env: { SAMBENCH_PYTHON: python, SAMBENCH_HISTORY_FILE: path.join(dir, 'history.jsonl'), FAULT_PIDS: path.join(dir, 'pids') },
  });
const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let copies = 0;
// A fresh copy of the bench made once, to damage.
function copyOfBench(): string {
  const copy = path.join(dir, `copy-${++copies}`);
  fs.cpSync(made, copy, { recursive: true });
  return copy;
}
const runIds = (out: string) =>
  fs
    .readdirSync(path.join(out, 'runs'))
    .filter((f) => f.endsWith('.spec.json'))
    .map((f) => f.slice(0, -'.spec.json'.length))
    .sort();

function plant(file: string, kind: 'fifo' | 'zero'): void {
  fs.rmSync(file, { force: true });
  if (kind === 'fifo') execFileSync('mkfifo', [file]);
  else fs.symlinkSync('/dev/zero', file);
}
const described = {
  fifo: 'a FIFO (named pipe), not a regular file',
  zero: 'a character device (e.g. a link to /dev/zero), not a regular file',
};

beforeAll(async () => {
  for (const script of [dist('cli.js'), dist('compare', 'cli.js'), dist('compare', 'baseline-cli.js')]) {
    if (!fs.existsSync(script)) throw new Error(`${script} is missing: build first (npm run build)`);
  }
  const result = await run(dist('cli.js'), [suiteFile, '--out', made]);
  expect(result.exitCode, result.all).toBe(0);
}, 60_000);

describe('special files where a regular file is read', () => {
  // Every file of a results folder that compare, baseline or --resume reads.
  const planted = [
    ['runs/<id>.stdout.log', (out: string) => path.join(out, 'runs', `${runIds(out)[0]}.stdout.log`)],
    ['runs/<id>.jsonl', (out: string) => path.join(out, 'runs', `${runIds(out)[0]}.jsonl`)],
    ['suite.resolved.json', (out: string) => path.join(out, 'suite.resolved.json')],
    ['bench.json', (out: string) => path.join(out, 'bench.json')],
  ] as const;
  const commands = [
    ['compare', (out: string) => [dist('compare', 'cli.js'), [out, made]] as const],
    ['baseline', (out: string) => [dist('compare', 'baseline-cli.js'), [out, '--out', path.join(out, 'never.json')]] as const],
    ['--resume', (out: string) => [dist('cli.js'), [suiteFile, '--out', out, '--resume']] as const],
  ] as const;
  const cases = planted.flatMap(([name, at]) =>
    commands.flatMap(([command, argv]) => (['fifo', 'zero'] as const).map((kind) => [command, name, kind, at, argv] as const)),
  );

  test.each(cases)(
    '%s with %s as a %s: exit 2 at once, naming the file and what it is; no report is rewritten',
    async (_command, _name, kind, at, argv) => {
      const out = copyOfBench();
      const file = at(out);
      plant(file, kind);
      const reports = new Map(REPORTS.map((r) => [r, fs.readFileSync(path.join(out, r), 'utf8')]));
      const [script, args] = argv(out);
      const result = await run(script, [...args]);
      expect(result.timedOut, result.all).toBe(false);
      expect(result.exitCode, result.all).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`${escaped(file)}: is ${escaped(described[kind])}`));
      expect(new Map(REPORTS.map((r) => [r, fs.readFileSync(path.join(out, r), 'utf8')]))).toEqual(reports);
      expect(fs.existsSync(path.join(out, 'never.json'))).toBe(false);
    },
    HANG_MS + 10_000,
  );

  test.each(['fifo', 'zero'] as const)(
    'compare with runs/<id>.spec.json as a %s: exit 2 naming it',
    async (kind) => {
      const out = copyOfBench();
      const file = path.join(out, 'runs', `${runIds(out)[0]}.spec.json`);
      plant(file, kind);
      const result = await run(dist('compare', 'cli.js'), [out, made]);
      expect(result.exitCode, result.all).toBe(2);
      expect(result.stderr).toContain(`${file}: is ${described[kind]}; expected a run spec`);
    },
    HANG_MS + 10_000,
  );

  test.each(['fifo', 'zero'] as const)(
    'the suite file as a %s: --dry-run exits 2 at once, naming it',
    async (kind) => {
      const file = path.join(dir, `suite-${kind}.json`);
      plant(file, kind);
      const result = await run(dist('cli.js'), [file, '--dry-run']);
      expect(result.exitCode, result.all).toBe(2);
      expect(result.stderr).toContain(`is ${described[kind]}; expected a suite file`);
    },
    HANG_MS + 10_000,
  );

  test('a symlink to a regular file is read as that file', async () => {
    const out = copyOfBench();
    const resolved = path.join(out, 'suite.resolved.json');
    fs.renameSync(resolved, path.join(out, 'real.json'));
    fs.symlinkSync(path.join(out, 'real.json'), resolved);
    const result = await run(dist('compare', 'cli.js'), [out, made]);
    expect(result.exitCode, result.all).toBe(0);
  });
});

describe('names and fields read back from a results folder or a baseline', () => {
  test('baseline of a folder whose suite name is ../../X: exit 2 naming the file and field; nothing is written outside', async () => {
    const out = copyOfBench();
    const resolved = path.join(out, 'suite.resolved.json');
    fs.writeFileSync(resolved, JSON.stringify({ ...JSON.parse(fs.readFileSync(resolved, 'utf8')), name: '../../X' }));
    // The CLI runs in `dir`: the old code wrote dir/results/baselines/../../X.json, that is dir/X.json.
    const result = await run(dist('compare', 'baseline-cli.js'), [out]);
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr).toContain(`${resolved}: /name must be a plain file name`);
    expect(fs.existsSync(path.join(dir, 'X.json'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'results'))).toBe(false);
  });

  test.each([
    ['id "../x"', (spec: Record<string, unknown>) => ({ ...spec, id: '../x' }), '/id must be a plain file name'],
    ['no "steps"', ({ steps: _steps, ...spec }: Record<string, unknown>) => spec, '/steps is required'],
  ])('a run spec with %s: compare and baseline exit 2 naming the file and field', async (_what, edit, message) => {
    const out = copyOfBench();
    const file = path.join(out, 'runs', `${runIds(out)[0]}.spec.json`);
    fs.writeFileSync(file, JSON.stringify(edit(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>)));
    for (const [script, args] of [
      [dist('compare', 'cli.js'), [out, made]],
      [dist('compare', 'baseline-cli.js'), [out, '--out', path.join(out, 'never.json')]],
    ] as const) {
      const result = await run(script, [...args]);
      expect(result.exitCode, result.all).toBe(2);
      expect(result.stderr).toContain(file);
      expect(result.stderr).toContain(message);
    }
  });

  test.each([
    ['"commit": 5', (m: Record<string, unknown>) => ({ ...m, commit: 5 }), '/commit must be'],
    ['"resumes": [5]', (m: Record<string, unknown>) => ({ ...m, resumes: [5] }), '/resumes/0 must be an object'],
  ])('a bench.json with %s: --resume exits 2 naming the file and field, before anything is written', async (_what, edit, message) => {
    const out = copyOfBench();
    const manifest = path.join(out, 'bench.json');
    fs.writeFileSync(manifest, JSON.stringify(edit(JSON.parse(fs.readFileSync(manifest, 'utf8')) as Record<string, unknown>)));
    const files = () =>
      new Map(fs.readdirSync(out).flatMap((f) => (f === 'runs' ? [] : [[f, fs.readFileSync(path.join(out, f), 'utf8')]])));
    const before = files();
    const result = await run(dist('cli.js'), [suiteFile, '--out', out, '--resume']);
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr).toContain(manifest);
    expect(result.stderr).toContain(message);
    expect(files()).toEqual(before);
  });
});

describe('baseline files', () => {
  const baselineOf = async () => {
    const file = path.join(dir, `baseline-${++copies}.json`);
    const result = await run(dist('compare', 'baseline-cli.js'), [made, '--out', file]);
    expect(result.exitCode, result.all).toBe(0);
    return { file, value: JSON.parse(fs.readFileSync(file, 'utf8')) as { runs: StoredRun[] } };
  };

  test('negative step times: exit 2 naming the file, the row and the field (not "no regression")', async () => {
    const { file, value } = await baselineOf();
    value.runs[1]!.stepsMs.base[2] = -5;
    fs.writeFileSync(file, JSON.stringify(value));
    const result = await run(dist('compare', 'cli.js'), [file, made]);
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr).toContain(`${file} does not match schemas/baseline.schema.json`);
    expect(result.stderr).toContain(`/runs/1/stepsMs/base/2 must be > 0 (got -5) (run "${value.runs[1]!.spec.id}")`);
  });

  test('a run spec without steps, or a step time of 1e999 (Infinity): exit 2 naming the field', async () => {
    const { file, value } = await baselineOf();
    delete (value.runs[0]!.spec as Partial<StoredRun['spec']>).steps;
    fs.writeFileSync(file, JSON.stringify(value).replace(/"sam":\[([\d.]+)/, '"sam":[1e999'));
    const result = await run(dist('compare', 'cli.js'), [file, made]);
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr).toContain('/runs/0/spec/steps is required');
    expect(result.stderr).toMatch(/\/runs\/\d\/stepsMs\/sam\/0 must be a number \(got Infinity\)/);
  });
});
