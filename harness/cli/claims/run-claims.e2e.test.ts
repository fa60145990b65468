// `npm run claims` through the built CLI, benching nothing: a wrong claim name, an empty folder,
// and --page-only over a results folder (the 6 committed golden runs standing in for the memory
// suite's), with wall times from an edited and from a damaged wall-times.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../../paths.js';
import { GOLDEN } from '../../report/fixtures/export-folders.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-claims-e2e-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const script = path.join(PROJECT_ROOT, 'dist', 'harness', 'cli', 'claims', 'run-claims.js');
const claims = (...args: string[]) => {
  if (!fs.existsSync(script)) throw new Error(`${script} is missing: build first (npm run build)`);
  return execa('node', [script, ...args], { reject: false, all: true });
};

describe('sambench claims', () => {
  test('an unknown claim is refused with the list of claims, before anything runs', async () => {
    const result = await claims('--only', 'overfitting,bogus', '--out', path.join(dir, 'unused'));
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr).toContain('--only: no claim bogus (the claims: data-parallel, overfitting, composability, vit, memory)');
    expect(fs.existsSync(path.join(dir, 'unused'))).toBe(false);
  });

  test('--page-only over a folder without results says so and exits 2', async () => {
    const result = await claims('--page-only', '--out', path.join(dir, 'empty'));
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr).toContain('no results folder in');
  });

  test('--page-only writes the page for the claims whose folders exist, with the wall times kept', async () => {
    const out = path.join(dir, 'page');
    fs.cpSync(GOLDEN, path.join(out, 'memory'), { recursive: true });
    // Edited by hand: an entry for no suite of the claims, and one that is not a number, are left out.
    const times = { 'suites/claims/memory.json': 90, '../../etc/passwd': 1, 'suites/claims/memory-torch.json': 'soon' };
    fs.writeFileSync(path.join(out, 'wall-times.json'), JSON.stringify(times));
    const result = await claims('--page-only', '--out', out);
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stdout).toContain('(1 of 5 claims)');
    const md = fs.readFileSync(path.join(out, 'claims.md'), 'utf8');
    expect(md).toContain("## Memory: SAM's peak over no SAM's, one parameter copy predicted (the card says nothing): INCONCLUSIVE");
    expect(md).toContain('- `suites/claims/memory.json`: 6 runs, wall time 1.5 min');
    expect(md).toContain('- `suites/claims/memory-torch.json`: 0 runs, wall time not timed');
    expect(md).toContain('| memory: memory-overhead@interval=1 (deciding) |');
    expect(md).not.toContain('passwd');
    const html = fs.readFileSync(path.join(out, 'claims.html'), 'utf8');
    expect(html).toContain('data-chart="claim-memory"');
    expect(html).toContain('<a href="memory/report.html">report</a>');
  });

  test('a damaged wall-times.json warns and leaves the times out', async () => {
    const out = path.join(dir, 'damaged');
    fs.cpSync(GOLDEN, path.join(out, 'memory'), { recursive: true });
    fs.writeFileSync(path.join(out, 'wall-times.json'), '{"suites/claims/memory.json": 9');
    const result = await claims('--page-only', '--out', out);
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stderr).toContain('wall-times.json is not JSON; wall times are left out');
    expect(fs.readFileSync(path.join(out, 'claims.md'), 'utf8')).toContain('wall time not timed');
  });
});
