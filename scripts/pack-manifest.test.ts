// The packed package.json has no `prepare` (docs/library.md: no install script of its own):
// npm's prepack strips it from the checkout's package.json after the build, postpack puts it
// back. The tarball itself is checked in harness/package.e2e.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { PROJECT_ROOT } from '../harness/paths.js';
import { withoutPrepare } from './pack-manifest.mjs';

const text = fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8');
const manifest = JSON.parse(text) as { scripts: Record<string, string> };

test('prepack strips `prepare` after the build and postpack restores it', () => {
  expect(manifest.scripts.prepack).toBe('npm run build && node scripts/pack-manifest.mjs strip');
  expect(manifest.scripts.postpack).toBe('node scripts/pack-manifest.mjs restore');
});

test('the stripped package.json is the same file less `scripts.prepare`, formatted alike', () => {
  const stripped = withoutPrepare(text);
  const { prepare, ...scripts } = manifest.scripts;
  expect(prepare).toBe('node scripts/prepare.mjs');
  expect(stripped).toBe(`${JSON.stringify({ ...JSON.parse(text), scripts }, null, 2)}\n`);
  expect(stripped.split('\n').length).toBe(text.split('\n').length - 1);
});
