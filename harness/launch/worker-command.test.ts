// Which worker program a RunSpec gets, and the same command as --export prints it for a person.
import path from 'node:path';
import { expect, test } from 'vitest';
import type { RunSpec } from '../../schemas/index.js';
import { fakeSpec } from './fixtures/spec.js';
import { portableWorkerCommand, workerCommand } from './worker-command.js';

const tfjs = fakeSpec('t');
const torchRun = (worldSize: number): RunSpec => ({
  ...fakeSpec('p'),
  framework: 'torch',
  torch: { device: 'cpu', worldSize, channelsLast: false, syncFirstGradient: false },
});
const torch = torchRun(1);

test('a TF.js run is started with Node and the built worker; a torch run with Python and the worker module', () => {
  expect(workerCommand(tfjs)).toEqual({ command: process.execPath, args: [expect.stringMatching(/harness[/\\]worker[/\\]main\.js$/)] });
  expect(workerCommand(torch, { SAMBENCH_PYTHON: '/opt/py' })).toMatchObject({
    command: '/opt/py',
    args: ['-m', 'harness.worker.pytorch.main'],
  });
});

// --export of a TF.js suite once suggested the Python worker for every run.
test('--export prints each framework its own worker, paths relative to the checkout', () => {
  expect(portableWorkerCommand(tfjs)).toEqual(['node', expect.stringMatching(/^(dist\/)?harness\/worker\/main\.js$/)]);
  expect(portableWorkerCommand(torch)).toEqual(['python', '-m', 'harness.worker.pytorch.main']);
  expect(portableWorkerCommand(torchRun(2))).toEqual([
    'python',
    '-m',
    'torch.distributed.run',
    '--standalone',
    '--nproc_per_node=2',
    '-m',
    'harness.worker.pytorch.main',
  ]);
});

// `sambench ab` runs each revision's own worker: the checkout at `root`, with this project's Python.
test("with a checkout's root: its built TF.js worker, or its Python sources first on PYTHONPATH and as the folder it starts in", () => {
  expect(workerCommand(tfjs, {}, '/cache/abc')).toEqual({ command: process.execPath, args: ['/cache/abc/dist/harness/worker/main.js'] });
  const torchCommand = workerCommand(torch, { SAMBENCH_PYTHON: '/opt/py', PYTHONPATH: '/x' }, '/cache/abc');
  expect(torchCommand).toEqual({
    command: '/opt/py',
    args: ['-m', 'harness.worker.pytorch.main'],
    env: { PYTHONPATH: ['/cache/abc', '/x'].join(path.delimiter) },
    cwd: '/cache/abc',
  });
  expect(workerCommand(torchRun(2), { SAMBENCH_PYTHON: '/opt/py' }, '/cache/abc')).toMatchObject({ cwd: '/cache/abc' });
  // Without a root, nothing changes: this checkout's worker, started where sambench runs.
  expect(workerCommand(torch, { SAMBENCH_PYTHON: '/opt/py' })).not.toHaveProperty('cwd');
});
