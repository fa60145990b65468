// The native set-up's cache folder: where it is, and what a user reads when it cannot be written
// (an unwritable or missing HOME once gave a bare "FAILED: ENOENT").
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { SetupEnvironmentError, ensureWritableCache, nativeCacheRoot } from './native-cache.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-native-cache-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('nativeCacheRoot', () => {
  test('SAMBENCH_CACHE, else XDG_CACHE_HOME/sambench, else ~/.cache/sambench', () => {
    const home = () => '/home/u';
    expect(nativeCacheRoot({ SAMBENCH_CACHE: '/c', XDG_CACHE_HOME: '/x' }, home)).toBe('/c');
    expect(nativeCacheRoot({ XDG_CACHE_HOME: '/x' }, home)).toBe('/x/sambench');
    expect(nativeCacheRoot({}, home)).toBe('/home/u/.cache/sambench');
  });
});

describe('ensureWritableCache', () => {
  test('creates the folder when it can', () => {
    const cache = path.join(dir, 'home', '.cache', 'sambench');
    expect(ensureWritableCache(cache)).toBe(cache);
    expect(fs.statSync(cache).isDirectory()).toBe(true);
  });

  // A HOME that is a file cannot hold .cache, for root too (no permission bits involved).
  test('a HOME it cannot write under names the folder and the variables that move it', () => {
    const home = path.join(dir, 'home-is-a-file');
    fs.writeFileSync(home, '');
    const cache = nativeCacheRoot({}, () => home);
    expect(() => ensureWritableCache(cache)).toThrow(SetupEnvironmentError);
    expect(() => ensureWritableCache(cache)).toThrow(
      `cannot write the cache folder ${cache} (ENOTDIR); set SAMBENCH_CACHE to a writable folder ` +
        '(or HOME / XDG_CACHE_HOME, from which the default ~/.cache/sambench comes), then run `npm run setup`',
    );
  });

  test.skipIf(process.getuid?.() === 0)(
    `a read-only cache folder is refused too${process.getuid?.() === 0 ? ' (skipped: root writes anywhere)' : ''}`,
    () => {
      const cache = path.join(dir, 'read-only');
      fs.mkdirSync(cache);
      fs.chmodSync(cache, 0o500);
      try {
        expect(() => ensureWritableCache(cache)).toThrow(`cannot write the cache folder ${cache} (EACCES)`);
      } finally {
        fs.chmodSync(cache, 0o700);
      }
    },
  );
});
