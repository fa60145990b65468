import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { deadPid, foreignProcess } from '../fixtures/os-fixtures.js';
import { processStartTime } from '../processes.js';
import { LOCK_FILE, lockOutDir, releaseLocks } from './out-lock.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-out-lock-'));
const sleeper = foreignProcess();
afterAll(() => {
  sleeper.kill();
  releaseLocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

function folder(name: string, lockText: string): { out: string; lock: string } {
  const out = path.join(dir, name);
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, LOCK_FILE), lockText);
  return { out, lock: path.join(out, LOCK_FILE) };
}

const linux = process.platform === 'linux';

test('the lock names its holder by pid and start time (/proc/<pid>/stat field 22)', () => {
  const out = path.join(dir, 'mine');
  fs.mkdirSync(out);
  lockOutDir(out);
  const [pid, started] = fs.readFileSync(path.join(out, LOCK_FILE), 'utf8').trim().split(' ');
  expect(Number(pid)).toBe(process.pid);
  expect(started ?? null).toBe(processStartTime(process.pid));
  if (linux) expect(started).toMatch(/^\d+$/);
});

test('a live bench holding the lock is refused, naming the lock file, the pid and what to do', () => {
  // The parent of this process (node, alive) with its real start time stands for another bench.
  const { out, lock } = folder('held', `${process.ppid} ${processStartTime(process.ppid) ?? ''}\n`);
  expect(() => lockOutDir(out)).toThrow(
    `${out} is in use: its lock ${lock} is held by sambench pid ${process.ppid}, which is still running; ` +
      `wait for that bench to finish, or choose another --out (if no sambench is running there, delete ${lock})`,
  );
});

test.runIf(linux)('a lock whose pid now runs another program is stale: taken over', () => {
  // An older lock (pid only) whose pid is now `sleep`, not a Node.js program.
  const { out, lock } = folder('reused-program', `${sleeper.pid}\n`);
  lockOutDir(out);
  expect(fs.readFileSync(lock, 'utf8').split(' ')[0]).toBe(String(process.pid));
});

test.runIf(linux)('a lock whose pid is alive but started at another time (the pid was reused) is stale: taken over', () => {
  const { out, lock } = folder('reused-pid', `${process.ppid} 1\n`);
  lockOutDir(out);
  expect(fs.readFileSync(lock, 'utf8').split(' ')[0]).toBe(String(process.pid));
});

test('a lock left by a process that is gone is taken over', () => {
  const { out, lock } = folder('gone', `${deadPid()} 12345\n`);
  lockOutDir(out);
  expect(fs.readFileSync(lock, 'utf8').split(' ')[0]).toBe(String(process.pid));
  releaseLocks();
  expect(fs.existsSync(lock)).toBe(false);
});
