#!/usr/bin/env node
// The API pages (docs/api/, TypeDoc with typedoc-plugin-markdown, typedoc.json) of the library
// entry harness/index.ts. `npm run docs:api` writes them; `--check` generates them into a
// temporary folder and exits 1 when docs/api/ differs (TypeDoc's output is deterministic:
// sources are not linked, so no commit hash lands in the pages). About 30 s.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const typedoc = path.join(root, 'node_modules', 'typedoc', 'bin', 'typedoc');
const committed = path.join(root, 'docs', 'api');

// Every file under `dir`, relative, sorted.
const filesOf = (dir) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true })
        .filter((f) => fs.statSync(path.join(dir, f)).isFile())
        .sort()
    : [];

if (!process.argv.includes('--check')) {
  fs.rmSync(committed, { recursive: true, force: true });
  execFileSync(process.execPath, [typedoc], { cwd: root, stdio: 'inherit' });
} else {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-api-docs-'));
  try {
    execFileSync(process.execPath, [typedoc, '--out', scratch, '--logLevel', 'Error'], { cwd: root, stdio: 'inherit' });
    const [fresh, kept] = [filesOf(scratch), filesOf(committed)];
    const differ = [...new Set([...fresh, ...kept])].filter((f) => {
      const [a, b] = [path.join(scratch, f), path.join(committed, f)];
      return !fs.existsSync(a) || !fs.existsSync(b) || !fs.readFileSync(a).equals(fs.readFileSync(b));
    });
    if (differ.length > 0) {
      console.error(
        `docs/api/ is out of date with harness/index.ts (${differ.slice(0, 5).join(', ')}${differ.length > 5 ? ', …' : ''}): run \`npm run docs:api\``,
      );
      process.exitCode = 1;
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
