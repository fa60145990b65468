#!/usr/bin/env node
// The packed package.json carries no `prepare` script. `prepare` is this checkout's set-up
// (scripts/prepare.mjs: native TensorFlow, then the build, after `npm ci` here); in the tarball it
// would read as an install script to anyone who audits one (npm runs `prepare` for a git or
// folder dependency, and scanners list it), while the tarball needs none: it ships the built
// dist/, and native TensorFlow comes from `npx sambench setup` (docs/library.md).
//
// `strip` (npm's `prepack`, after the build) keeps package.json aside and writes it without
// `scripts.prepare`; npm then packs the files on disk; `restore` (`postpack`) puts it back. Both
// write by rename, so a reader never sees half a file; a pack that died before `postpack` left
// the copy aside, and the next `strip` or `restore` puts it back first.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = path.join(root, 'package.json');
const aside = path.join(root, 'package.json.packing');

function writeAtomically(file, text) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}

function restore() {
  if (!fs.existsSync(aside)) return false;
  fs.renameSync(aside, manifest);
  return true;
}

/** package.json's text without `scripts.prepare`, formatted as npm and prettier write it. */
export function withoutPrepare(text) {
  const json = JSON.parse(text);
  if (json.scripts) delete json.scripts.prepare;
  return `${JSON.stringify(json, null, 2)}\n`;
}

const command = import.meta.url === pathToFileURL(process.argv[1] ?? '').href ? process.argv[2] : undefined;
if (command === 'strip') {
  restore();
  const text = fs.readFileSync(manifest, 'utf8');
  fs.copyFileSync(manifest, aside);
  writeAtomically(manifest, withoutPrepare(text));
} else if (command === 'restore') {
  restore();
} else if (command !== undefined || import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stderr.write(`pack-manifest: usage: node scripts/pack-manifest.mjs strip|restore (got ${command ?? 'nothing'})\n`);
  process.exit(2);
}
