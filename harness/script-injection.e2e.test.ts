// What sambench writes into a script or a shell command line, end to end through the real CLI
// (dist/): a path with a newline or a carriage return is refused with exit 2 before anything is
// written (it would end the #SBATCH line and start a shell line of the rest), a value an #SBATCH
// line cannot hold (a space) too; --dry-run shows the batch script --launcher slurm would submit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';
import { TINY_SUITE } from './fixtures/tiny-suite.js';
import { PROJECT_ROOT } from './paths.js';

const CLI = path.join(PROJECT_ROOT, 'dist', 'harness', 'cli.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-script-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const suiteFile = path.join(dir, 'script.json');
fs.writeFileSync(suiteFile, JSON.stringify({ ...TINY_SUITE, name: 'script' }));

const bench = (args: string[]) => execa('node', [CLI, suiteFile, ...args], { reject: false, all: true, timeout: 60_000 });

describe('--launcher slurm: paths and settings that would break the batch script', () => {
  test.each([
    ['a newline', `${dir}/out\nrm -rf ~`, /^sambench: --out holds a newline \(U\+000A\)/],
    ['a carriage return', `${dir}/out\r`, /^sambench: --out holds a carriage return \(U\+000D\)/],
    ['a space', `${dir}/my out`, /^sambench: --out \(its Slurm log folder .*\) holds " ", which an #SBATCH line cannot take/],
  ])('%s in --out: exit 2 naming --out and the character; nothing written', async (_, out, message) => {
    const result = await bench(['--out', out, '--launcher', 'slurm']);
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a control character in --partition: exit 2 naming it', async () => {
    const result = await bench(['--out', path.join(dir, 'p'), '--launcher', 'slurm', '--partition', 'gpu\x1b[2J']);
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr).toMatch(/^sambench: --partition holds an escape \(U\+001B\)/);
  });
});

test('--launcher slurm --dry-run prints the batch script it would submit, and writes nothing', async () => {
  const out = path.join(dir, 'dry');
  const result = await bench(['--dry-run', '--launcher', 'slurm', '--partition', 'gpu', '--out', out]);
  expect(result.exitCode, result.all).toBe(0);
  expect(result.stdout).toContain('#!/bin/bash\n#SBATCH --job-name=sambench-script\n#SBATCH --array=0-1\n');
  expect(result.stdout).toContain(`#SBATCH --output=${out}/slurm/%A_%a.log\n`);
  expect(result.stdout).toContain('#SBATCH --partition=gpu\n');
  expect(result.stdout).toContain(`runs=${out}/runs\n`);
  expect(fs.existsSync(out)).toBe(false);
});
