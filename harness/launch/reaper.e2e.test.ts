// reaper.py on its own: it ends as its worker ended, and says when the worker cannot start; and
// a machine whose Python cannot run it gets the next guard, not an error.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../paths.js';
import { chooseGuard, processGuard } from './reaper.js';

const REAPER = path.join(PROJECT_ROOT, 'harness', 'launch', 'reaper.py');
const best = processGuard();

// The reaper, run by this process's guard's Python, in front of `command`.
function reap(...command: string[]) {
  const python = best.wrap({ command: 'x', args: [] }, process.pid).command;
  return spawnSync(python, ['-I', REAPER, String(process.pid), ...command], { encoding: 'utf8', timeout: 30_000 });
}

describe.runIf(best.kind === 'reaper')(`reaper.py${best.kind === 'reaper' ? '' : ' (skipped: no Python here can run it)'}`, () => {
  test('ends with the exit code of its worker', () => {
    expect(reap('sh', '-c', 'exit 7').status).toBe(7);
    expect(reap('true').status).toBe(0);
  });

  test('ends by the signal that ended its worker', () => {
    expect(reap('sh', '-c', 'kill -9 $$').signal).toBe('SIGKILL');
    expect(reap('sh', '-c', 'kill -TERM $$').signal).toBe('SIGTERM');
  });

  test('a worker that cannot be started: exit 127, saying why on stderr', () => {
    const result = reap('/no/such/worker');
    expect(result.status).toBe(127);
    expect(result.stderr).toBe('sambench: cannot start the worker /no/such/worker: No such file or directory\n');
  });
});

test.runIf(process.platform === 'linux')('a Python that cannot run the reaper gives the next guard, not an error', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-reaper-'));
  try {
    const broken = path.join(dir, 'python3');
    fs.writeFileSync(broken, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    expect(chooseGuard([broken, path.join(dir, 'absent')]).kind).not.toBe('reaper');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
