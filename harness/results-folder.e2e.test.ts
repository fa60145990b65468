// The results folder end to end, through the real CLI (dist/) with the fast fake worker of the
// fault-injection tests (fixtures/fault-worker.mjs): sambench writes only into a folder of its own,
// never over the user's files; SIGINT and SIGTERM leave no lock and say how to resume; a resume
// clears the temporaries a killed bench left; an unusable --out path exits 2 naming it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { resumeCommand } from './cli/resume-command.js';
import { TINY_SUITE } from './fixtures/tiny-suite.js';
import { PROJECT_ROOT } from './paths.js';

const CLI = path.join(PROJECT_ROOT, 'dist', 'harness', 'cli.js');
const FAULT_WORKER = path.join(PROJECT_ROOT, 'harness', 'fixtures', 'fault-worker.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-results-folder-'));
// Stands in for Python: answers preflight's torch probe ("no CUDA"), runs the fake worker otherwise.
const python = path.join(dir, 'python');
fs.writeFileSync(python, `#!/bin/sh\n[ "$1" = "-c" ] && { echo False; exit 0; }\nexec "${process.execPath}" "${FAULT_WORKER}" "$@"\n`, {
  mode: 0o755,
});
const suite = { ...TINY_SUITE, name: 'folder', framework: 'torch', torch: { device: 'cpu' }, steps: { warmup: 1, measured: 4 } };
const suiteText = JSON.stringify(suite, null, 2);
const suiteFile = path.join(dir, 'folder.json');
fs.writeFileSync(suiteFile, suiteText);

const benches: ResultPromise[] = [];
let cases = 0;
afterEach(() => {
  for (const bench of benches.splice(0)) bench.kill('SIGKILL');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A fresh folder for one case, with the file the fake workers list their pids in. */
function scratch() {
  const root = path.join(dir, `case-${++cases}`);
  fs.mkdirSync(root);
  return { root, out: path.join(root, 'out'), pids: path.join(root, 'pids'), release: path.join(root, 'release') };
}

function bench(args: string[], { cwd = dir, env = {}, pids = path.join(dir, 'pids') } = {}) {
  const subprocess = execa('node', [CLI, ...args], {
    cwd,
    reject: false,
    all: true,
    timeout: 60_000,
    env: { SAMBENCH_PYTHON: python, SAMBENCH_HISTORY_FILE: path.join(dir, 'history.jsonl'), FAULT_PIDS: pids, ...env },
  });
  benches.push(subprocess);
  return subprocess;
}

async function until(what: string, done: () => boolean, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; !done();) {
    if (Date.now() > end) throw new Error(`gave up waiting (${ms} ms) for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const workersStarted = (pids: string) => (fs.existsSync(pids) ? (fs.readFileSync(pids, 'utf8').match(/^worker /gm)?.length ?? 0) : 0);

describe('sambench writes only into a folder of its own', () => {
  test('`cd dir && sambench bench bench.json --out .` exits 2 naming the suite; the suite is untouched', async () => {
    const { root } = scratch();
    fs.writeFileSync(path.join(root, 'bench.json'), suiteText);
    const result = await bench(['bench.json', '--out', '.'], { cwd: root });
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr.trim()).toBe(
      `sambench: the suite bench.json is inside the output folder ${root}, where sambench's files could replace it; choose another --out (a new or empty folder), or move the suite out of it`,
    );
    expect(fs.readdirSync(root)).toEqual(['bench.json']);
    expect(fs.readFileSync(path.join(root, 'bench.json'), 'utf8')).toBe(suiteText);
  });

  test('an --out holding other files of the user is refused, also with --resume and --export', async () => {
    const { root } = scratch();
    fs.writeFileSync(path.join(root, 'report.html'), 'mine');
    for (const args of [
      ['--out', root],
      ['--out', root, '--resume'],
      ['--export', root],
    ]) {
      const result = await bench([suiteFile, ...args]);
      expect(result.exitCode, result.all).toBe(2);
      expect(result.stderr).toContain(`sambench: ${root} holds files sambench did not write (report.html)`);
    }
    expect(fs.readdirSync(root)).toEqual(['report.html']);
    expect(fs.readFileSync(path.join(root, 'report.html'), 'utf8')).toBe('mine');
  });
});

describe('stopped by a signal', () => {
  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s mid-bench: exit %i, the lock removed, the resume command printed; resuming finishes the bench', async (signal, code) => {
    const { out, pids, release } = scratch();
    const running = bench([suiteFile, '--out', out], { pids, env: { FAULT: 'stall@1', FAULT_RELEASE: release } });
    await until('the first run to start', () => workersStarted(pids) === 1);
    running.kill(signal);
    const stopped = await running;
    expect(stopped.exitCode, stopped.all).toBe(code);
    expect(stopped.stderr.trim().split('\n').at(-1)).toBe(
      `sambench: stopped by ${signal}; the runs that finished are kept: ${resumeCommand(suiteFile, out)} runs the rest`,
    );
    expect(fs.existsSync(path.join(out, '.sambench.lock'))).toBe(false);

    fs.writeFileSync(release, '');
    const resumed = await bench([suiteFile, '--out', out, '--resume'], { pids });
    expect(resumed.exitCode, resumed.all).toBe(0);
  });

  test('a resume removes the temporaries a killed bench left (.<name>.<pid>.tmp), in the folder and in runs/', async () => {
    const { out, pids } = scratch();
    expect((await bench([suiteFile, '--out', out], { pids })).exitCode).toBe(0);
    const left = [path.join(out, '.steps.csv.999999999.tmp'), path.join(out, 'runs', '.base-s0.spec.json.999999999.tmp')];
    for (const file of left) fs.writeFileSync(file, 'half');
    const resumed = await bench([suiteFile, '--out', out, '--resume'], { pids });
    expect(resumed.exitCode, resumed.all).toBe(0);
    for (const file of left) expect(fs.existsSync(file), file).toBe(false);
  });
});

describe('an unusable --out path exits 2 naming it, never 70', () => {
  test.each([
    ['a name too long', () => path.join(dir, 'n'.repeat(300)), 'the path or one of its names is too long for the file system'],
    [
      'a loop of symbolic links',
      () => {
        const loop = path.join(scratch().root, 'loop');
        fs.symlinkSync(loop, loop);
        return loop;
      },
      'the path goes through a loop of symbolic links',
    ],
  ])('%s', async (_, outOf, reason) => {
    const out = outOf();
    const result = await bench([suiteFile, '--out', out]);
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr.trim()).toBe(
      `sambench: cannot write ${out}: ${reason}; free some space, fix the permissions, or choose another --out`,
    );
  });
});
