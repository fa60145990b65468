#!/usr/bin/env node
// The repository's own set-up, as npm's `prepare` script. npm runs `prepare` after `npm ci` and
// `npm install` in this checkout, and before `npm pack` / `npm publish`; it does not run it in a
// project that installs the sambench tarball (that project gets the built dist/ in the tarball
// and native TensorFlow from `npx sambench setup`). So: in a checkout, set up native TensorFlow
// (scripts/setup-native.mjs) and build; when packing, nothing: `prepack` has just built, and
// packing never downloads anything.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packing = ['pack', 'publish'].includes(process.env.npm_command ?? '');

function step(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!packing) {
  step(process.execPath, [path.join(root, 'scripts', 'setup-native.mjs')]);
  step('npm', ['run', 'build', '--silent']);
}
