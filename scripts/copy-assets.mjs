#!/usr/bin/env node
// Copies the plain-JavaScript modules of harness/ (worker-thread code, page scripts) into
// dist/harness/, which tsc does not do; run after tsc by `npm run build`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ASSET = /\.(mjs|d\.mts|css)$/;
let copied = 0;
for (const entry of fs.readdirSync(path.join(root, 'harness'), { recursive: true, withFileTypes: true })) {
  const from = path.join(entry.parentPath, entry.name);
  if (!entry.isFile() || !ASSET.test(entry.name) || from.includes(`${path.sep}fixtures${path.sep}`)) continue;
  const to = path.join(root, 'dist', path.relative(root, from));
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
  copied++;
}
if (process.argv.includes('--verbose')) console.error(`copied ${copied} asset files into dist/`);
