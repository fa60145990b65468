// Text sambench did not write never reaches the terminal raw, end to end through the real
// commands (dist/): a worker's error message and stderr (bench's FAILED line, compare's list of
// failed processes), and a suite's dataset.path in a load error. Each carries escape sequences
// (a window title, clear screen, a colour, a C1 CSI), a carriage return, DEL, bidi overrides and
// a line separator; the output keeps the visible words and loses every one of those.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';
import { TINY_SUITE } from './fixtures/tiny-suite.js';
import { PROJECT_ROOT } from './paths.js';

const dist = (...parts: string[]) => path.join(PROJECT_ROOT, 'dist', 'harness', ...parts);
// What may not reach a terminal: C0 but tab and newline, DEL, C1, bidi controls, line separators.
// eslint-disable-next-line no-control-regex -- the control characters the output must not hold
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const HOSTILE = 'pwned\x1b]0;owned title\x07\x1b[2J\x1b[31mred\x9b1Aup\rover\x7fdel\u202eevil\u2028next';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-injection-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// A worker that starts, then fails with the hostile text as its message and on its stderr.
const worker = path.join(dir, 'worker.mjs');
const fake = pathToFileURL(path.join(PROJECT_ROOT, 'harness', 'launch', 'fixtures', 'fake-worker.mjs')).href;
fs.writeFileSync(
  worker,
  `import { complain, emit, envEvent, readSpec, stepEvent } from ${JSON.stringify(fake)};
const spec = readSpec();
emit(envEvent(spec));
emit(stepEvent(spec, 1));
complain(${JSON.stringify(`Traceback: ${HOSTILE}`)});
emit({ type: 'error', reason: 'worker-error', message: ${JSON.stringify(HOSTILE)}, step: 1 });
process.exit(1);
`,
);
// Stands in for Python: answers preflight's torch probe ("no CUDA"), runs the failing worker otherwise.
const python = path.join(dir, 'python');
fs.writeFileSync(python, `#!/bin/sh\n[ "$1" = "-c" ] && { echo False; exit 0; }\nexec "${process.execPath}" "${worker}" "$@"\n`, {
  mode: 0o755,
});

function writeSuite(name: string, extra: object): string {
  const file = path.join(dir, `${name}.json`);
  const suite = { ...TINY_SUITE, name, framework: 'torch', torch: { device: 'cpu' }, steps: { warmup: 1, measured: 2 }, ...extra };
  fs.writeFileSync(file, JSON.stringify(suite, null, 2));
  return file;
}

const run = (script: string, args: string[], env: Record<string, string> = {}) =>
  execa('node', [script, ...args], { reject: false, all: true, timeout: 60_000, env: { SAMBENCH_PYTHON: python, ...env } });

describe('untrusted text reaches the terminal stripped of control characters', () => {
  const out = path.join(dir, 'out');

  test("bench: a worker's error message and stderr, in the FAILED line", async () => {
    const bench = await run(dist('cli.js'), [writeSuite('injection', {}), '--out', out], {
      SAMBENCH_HISTORY_FILE: path.join(dir, 'history.jsonl'),
    });
    expect(bench.exitCode, bench.all).toBe(3);
    expect(bench.stderr).toContain('FAILED (worker-error)');
    expect(bench.stderr).toContain('pwned');
    expect(bench.stderr).toContain('evil');
    expect(bench.all).not.toMatch(CONTROL);
  });

  test("compare: a failed process's message in the list of failed processes", async () => {
    const compare = await run(dist('compare', 'cli.js'), [out, out]);
    expect(compare.all).toContain('failed processes');
    expect(compare.all).toContain('pwned');
    expect(compare.all).not.toMatch(CONTROL);
  });

  test('a load error quoting dataset.path', async () => {
    const file = writeSuite('bad-path', { dataset: { name: 'image-folder', path: `data/${HOSTILE}`, batchSize: 4 } });
    const bench = await run(dist('cli.js'), [file, '--out', path.join(dir, 'out-2')]);
    expect(bench.exitCode, bench.all).toBe(2);
    expect(bench.stderr).toContain('pwned');
    expect(bench.all).not.toMatch(CONTROL);
  });
});
