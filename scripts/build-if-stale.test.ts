// When `npm run bench` (compare, baseline, calibrate, bench:*) builds first: only when a build
// input is newer than dist/.build-stamp — never for a test or fixture, always without a stamp.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { staleReason, stampFile } from './build-if-stale.mjs';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-stale-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const BUILT = new Date('2026-01-02T00:00:00Z');
const BEFORE = new Date('2026-01-01T00:00:00Z');
const AFTER = new Date('2026-01-03T00:00:00Z');

function write(file: string, at: Date): void {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, '');
  fs.utimesSync(full, at, at);
}

test('stale without a stamp; current when every input is older; stale once one is newer, tests and fixtures aside', () => {
  for (const f of ['package.json', 'tsconfig.json', 'harness/cli.ts', 'schemas/index.ts', 'scripts/x.mjs']) write(f, BEFORE);
  expect(staleReason(root)).toBe('no build stamp in dist/');
  write(path.relative(root, stampFile(root)), BUILT);
  expect(staleReason(root)).toBeNull();

  write('harness/cli.test.ts', AFTER);
  write('harness/fixtures/golden/a.json', AFTER);
  write('harness/notes.txt', AFTER);
  expect(staleReason(root)).toBeNull();

  write('harness/report/table.ts', AFTER);
  expect(staleReason(root)).toBe(`${path.join('harness', 'report', 'table.ts')} changed since the last build`);
  write('harness/report/table.ts', BEFORE);
  write('tsconfig.json', AFTER);
  expect(staleReason(root)).toBe('tsconfig.json changed since the last build');
});
