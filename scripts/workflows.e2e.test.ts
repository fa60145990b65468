// The CI workflows against GitHub's workflow schema, with check-jsonschema (harness/requirements.txt,
// installed into .venv by scripts/setup-python.sh), whose bundled copy of the schema needs no
// network. A workflow GitHub would refuse (a job without `runs-on`) is refused here too, so a pass
// means the file was read and checked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../harness/paths.js';

const CHECK = path.join(PROJECT_ROOT, '.venv', 'bin', 'check-jsonschema');
const WORKFLOWS = path.join(PROJECT_ROOT, '.github', 'workflows');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-workflows-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const check = (...files: string[]) => {
  if (!fs.existsSync(CHECK)) throw new Error(`${CHECK} is missing: run npm run setup:torch (scripts/setup-python.sh)`);
  return execa(CHECK, ['--builtin-schema', 'vendor.github-workflows', ...files], { reject: false, all: true });
};

test("every workflow in .github/workflows is valid against GitHub's workflow schema", async () => {
  const files = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
  expect(files).toContain('nightly.yml');
  const result = await check(...files.map((f) => path.join(WORKFLOWS, f)));
  expect(result.exitCode, result.all).toBe(0);
});

test('a workflow whose job has no runs-on is refused', async () => {
  const broken = path.join(dir, 'broken.yml');
  fs.writeFileSync(broken, 'on: push\njobs:\n  bench:\n    steps:\n      - run: npm test\n');
  const result = await check(broken);
  expect(result.exitCode).not.toBe(0);
  expect(result.all).toContain('runs-on');
});
