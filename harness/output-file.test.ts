import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { ExitCode } from './errors.js';
import { OutputError, makeFolders, removeStaleTemporaries, writeOutputFile, writingTo } from './output-file.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-output-file-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('writes the whole text and leaves no temporary file', () => {
  const file = path.join(dir, 'summary.csv');
  writeOutputFile(file, 'a,b\n1,2\n');
  writeOutputFile(file, 'a,b\n3,4\n');
  expect(fs.readFileSync(file, 'utf8')).toBe('a,b\n3,4\n');
  expect(fs.readdirSync(dir)).toEqual(['summary.csv']);
});

test('a path through a file is the environment: OutputError, exit 2, the path and what to do', () => {
  const blocker = path.join(dir, 'not-a-folder');
  fs.writeFileSync(blocker, '');
  const target = path.join(blocker, 'report.html');
  let caught: unknown;
  try {
    writeOutputFile(target, 'x');
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(OutputError);
  expect(caught).toMatchObject({ code: 'OUTPUT_UNWRITABLE', exitCode: ExitCode.badInput });
  expect((caught as Error).message).toBe(
    `cannot write ${target}: a part of the path is a file, not a folder; free some space, fix the permissions, or choose another --out`,
  );
});

test('other failures are not dressed up as the environment', () => {
  expect(() =>
    writingTo('x', () => {
      throw new TypeError('a bug');
    }),
  ).toThrow(TypeError);
});

test('makeFolders creates every missing level, is a no-op on a folder, and fails with the real cause', () => {
  const deep = path.join(dir, 'a', 'b', 'c');
  makeFolders(deep);
  makeFolders(deep);
  expect(fs.statSync(deep).isDirectory()).toBe(true);
  const blocker = path.join(dir, 'a', 'file');
  fs.writeFileSync(blocker, '');
  expect(() => makeFolders(path.join(blocker, 'x', 'y'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
});

test.each([
  ['a name too long', () => path.join(dir, 'n'.repeat(300), 'out'), 'the path or one of its names is too long for the file system'],
  [
    'a loop of symbolic links',
    () => {
      const loop = path.join(dir, 'loop');
      fs.symlinkSync(loop, loop);
      return path.join(loop, 'out');
    },
    'the path goes through a loop of symbolic links',
  ],
])('%s is the environment: OutputError naming the path, exit 2', (_, target, reason) => {
  const out = target();
  expect(() => writingTo(out, () => makeFolders(out))).toThrow(
    `cannot write ${out}: ${reason}; free some space, fix the permissions, or choose another --out`,
  );
});

test("removeStaleTemporaries removes other processes' .<name>.<pid>.tmp, in subfolders too, and nothing else", () => {
  const folder = path.join(dir, 'stale');
  fs.mkdirSync(path.join(folder, 'runs', '.slurm'), { recursive: true });
  const stale = ['.steps.csv.999999999.tmp', 'runs/.a.spec.json.1.tmp', 'runs/.slurm/.jobs.json.2.tmp'];
  const kept = ['steps.csv', `.report.html.${process.pid}.tmp`, 'runs/a.jsonl', 'runs/notes.tmp'];
  for (const file of [...stale, ...kept]) fs.writeFileSync(path.join(folder, file), 'x');
  removeStaleTemporaries(folder);
  for (const file of stale) expect(fs.existsSync(path.join(folder, file)), file).toBe(false);
  for (const file of kept) expect(fs.existsSync(path.join(folder, file)), file).toBe(true);
});
