// executeJobs with a fake worker (a torch run whose "python" is a tiny script): what the progress
// lines say, and what --resume keeps.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { RunSpec } from '../../schemas/index.js';
import { fakeSpec } from '../launch/fixtures/spec.js';
import { reduceRuns } from '../measure/index.js';
import { executeJobs } from './execute.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'launch', 'fixtures');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-execute-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// $SAMBENCH_PYTHON starts the fake worker instead of Python (its last argument is the spec file).
function fakePython(fixture: string): string {
  const file = path.join(dir, `${fixture}.sh`);
  fs.writeFileSync(file, `#!/bin/sh\nexec "${process.execPath}" "${path.join(fixtures, `${fixture}.mjs`)}" "$@"\n`, { mode: 0o755 });
  return file;
}

const torchSpec = (id: string): RunSpec => ({
  ...fakeSpec(id, { warmup: 1, measured: 1 }),
  framework: 'torch',
  torch: { device: 'cpu', worldSize: 1, channelsLast: false, syncFirstGradient: false },
});

let stderr: string[] = [];
beforeEach(() => {
  stderr = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.SAMBENCH_PYTHON;
});

test.runIf(process.platform !== 'win32')(
  `stdout lines that are not events are shown on the progress line and kept with the run, also when --resume keeps it${process.platform === 'win32' ? ' (skipped: not on Windows)' : ''}`,
  async () => {
    process.env.SAMBENCH_PYTHON = fakePython('worker-bad-line');
    const runsDir = path.join(dir, 'runs');
    const spec = torchSpec('chatty');
    const [input] = await executeJobs([{ spec, runsDir, resume: false }]);
    const shown = `4 stdout lines were not a worker event and left out of the event log (first: line 1, not JSON: "Hi there! This is a library printing to stdout."); all are in ${path.join(runsDir, 'chatty.stdout.log')}`;
    expect(stderr.join('')).toContain(`chatty: ok; warning: ${shown}`);
    expect(reduceRuns([input!])[0]).toMatchObject({ status: 'ok', warnings: [expect.stringContaining(shown)] });

    stderr = [];
    const [kept] = await executeJobs([{ spec, runsDir, resume: true }]);
    expect(stderr.join('')).toContain('chatty: finished earlier, kept');
    expect(reduceRuns([kept!])[0]!.warnings).toEqual([expect.stringContaining(`all are in ${path.join(runsDir, 'chatty.stdout.log')}`)]);
  },
);
