// The guarded read (read-file.ts): a FIFO, a device (also behind a symlink), a folder or an
// oversized file is refused at once, by what the open descriptor is, with exit code 2 and the
// file named; a regular file (also through a symlink) is read whole. A FIFO: read-file.e2e.test.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { openRegularFile, readTextFile, readTextFileIfPresent, UnreadableFileError } from './read-file.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-read-file-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => path.join(dir, name);
const options = { what: 'a test file', maxBytes: 100 };

function refusal(file: string): UnreadableFileError {
  try {
    readTextFile(file, options);
  } catch (error) {
    if (error instanceof UnreadableFileError) return error;
    throw error;
  }
  throw new Error(`${file} was read`);
}

describe('readTextFile', () => {
  test('reads a regular file, and one behind a symlink', () => {
    fs.writeFileSync(at('plain.json'), '{"a": 1}');
    fs.symlinkSync(at('plain.json'), at('link.json'));
    expect(readTextFile(at('plain.json'), options)).toBe('{"a": 1}');
    expect(readTextFile(at('link.json'), options)).toBe('{"a": 1}');
  });

  test.each([
    ['/dev/zero', '/dev/zero: is a character device (e.g. a link to /dev/zero), not a regular file; expected a test file'],
    ['zero-link', 'zero-link: is a character device (e.g. a link to /dev/zero), not a regular file; expected a test file'],
    ['folder', 'folder: is a folder, not a regular file; expected a test file'],
  ])('%s is refused by what it is', (name, message) => {
    if (name === 'zero-link') fs.symlinkSync('/dev/zero', at(name));
    if (name === 'folder') fs.mkdirSync(at(name));
    const file = name.startsWith('/') ? name : at(name);
    const error = refusal(file);
    expect(error.problem).toBe('not-a-file');
    expect(error.message).toBe(name.startsWith('/') ? message : path.join(dir, message));
  });

  test('a file over the bound is refused by its size, naming the bound', () => {
    fs.writeFileSync(at('big'), 'x'.repeat(101));
    expect(refusal(at('big')).message).toBe(`${at('big')}: holds 101 bytes, more than the 100 bytes a test file may have`);
  });

  test('a missing file: problem "missing", or null from readTextFileIfPresent', () => {
    expect(refusal(at('nope')).problem).toBe('missing');
    expect(readTextFileIfPresent(at('nope'), options)).toBeNull();
    expect(() => openRegularFile(at('nope/deeper'), options)).toThrow('no such file; expected a test file');
  });
});
