// The guarded read (read-file.ts) refuses a FIFO without blocking: the built helper reads one in a
// child process with a time limit (read-file.test.ts checks the other kinds of file in process).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { ExitCode } from './errors.js';
import { makeFifo } from './fixtures/os-fixtures.js';
import { PROJECT_ROOT } from './paths.js';
import { readTextFile, UnreadableFileError } from './read-file.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-read-file-e2e-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => path.join(dir, name);

function refusal(file: string): UnreadableFileError {
  try {
    readTextFile(file, { what: 'a test file', maxBytes: 100 });
  } catch (error) {
    if (error instanceof UnreadableFileError) return error;
    throw error;
  }
  throw new Error(`${file} was read`);
}

// Without O_NONBLOCK the open itself waits for a writer, and a blocked read cannot be timed out
// in this process: the built helper (dist/, npm run build) reads it in a child with a time limit.
test('a FIFO is refused without blocking', () => {
  makeFifo(at('fifo'));
  const built = pathToFileURL(path.join(PROJECT_ROOT, 'dist', 'harness', 'read-file.js')).href;
  const script = `import(${JSON.stringify(built)}).then(({ readTextFile }) => { try { readTextFile(${JSON.stringify(at('fifo'))}, { what: 'x', maxBytes: 9 }); } catch (e) { console.log(e.message); } })`;
  const out = execFileSync(process.execPath, ['-e', script], { timeout: 10_000, encoding: 'utf8' });
  expect(out.trim()).toBe(`${at('fifo')}: is a FIFO (named pipe), not a regular file; expected x`);
  expect(refusal(at('fifo'))).toMatchObject({ problem: 'not-a-file', exitCode: ExitCode.badInput, code: 'FILE_UNREADABLE' });
}, 20_000);
