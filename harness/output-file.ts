// Writing a result file: whole or not at all (a temporary file renamed into place, so a full disk
// or a kill leaves the old file or none, never half a report), and a file that cannot be
// written is the user's environment (exit 2, the path and what to do), not a bug.
import fs from 'node:fs';
import path from 'node:path';
import { ExitCode, SambenchError } from './errors.js';

// Causes that lie in the machine or the path given, not in sambench.
const ENVIRONMENT_CODES = new Set([
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOSPC',
  'EDQUOT',
  'ENOTDIR',
  'EISDIR',
  'ENOENT',
  'EEXIST',
  'EMFILE',
  'ENAMETOOLONG',
  'ENOTREG',
  'ELOOP',
]);

/** A result file or folder that cannot be written (exit code 2). */
export class OutputError extends SambenchError {
  constructor(target: string, cause: NodeJS.ErrnoException) {
    super(
      `cannot write ${target}: ${reasonOf(cause)}; free some space, fix the permissions, or choose another --out`,
      'OUTPUT_UNWRITABLE',
      ExitCode.badInput,
      {
        cause,
      },
    );
  }
}

function reasonOf(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENAMETOOLONG':
      return 'the path or one of its names is too long for the file system';
    case 'ELOOP':
      return 'the path goes through a loop of symbolic links';
    case 'ENOTREG':
      return 'it is not a regular file (a FIFO, a device or a socket)';
    default:
      return error.message;
  }
}

/** Runs `write`, turning an environment failure on `target` into an OutputError; anything else is rethrown. */
export function writingTo<T>(target: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && ENVIRONMENT_CODES.has(code)) throw new OutputError(target, error as NodeJS.ErrnoException);
    throw error;
  }
}

/**
 * Creates `dir` and any missing parents, like `mkdir -p`, one level at a time, so that the error
 * is the cause (EROFS on a read-only disk, where `fs.mkdirSync(dir, {recursive: true})` reports
 * ENOENT for the deepest folder). Wrap it in {@link writingTo} to name the path for the user.
 */
export function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let level = path.resolve(dir); !fs.existsSync(level); level = path.dirname(level)) missing.unshift(level);
  for (const level of missing) {
    try {
      fs.mkdirSync(level);
    } catch (error) {
      // Made meanwhile by another process: fine, if it is a folder.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !fs.statSync(level).isDirectory()) throw error;
    }
  }
}

/** The temporary `.<name>.<pid>.tmp` that {@link writeOutputFile} writes `file` through. */
function temporaryOf(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
}

/** The pid in a temporary's name (see {@link temporaryOf}), or null when `name` is not one. */
function temporaryPid(name: string): number | null {
  const match = /^\..+\.(\d+)\.tmp$/.exec(name);
  return match ? Number(match[1]) : null;
}

/**
 * Writes `text` to `file` through a temporary file in the same folder, renamed into place. A kill
 * mid-write can leave the temporary (a SIGINT or SIGTERM waits for the write, cli/stop-signals.ts):
 * the next bench in the folder removes it (removeStaleTemporaries).
 */
export function writeOutputFile(file: string, text: string | Uint8Array): void {
  const temporary = temporaryOf(file);
  writingTo(file, () => {
    try {
      fs.writeFileSync(temporary, text);
      fs.renameSync(temporary, file);
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      throw error;
    }
  });
}

/**
 * Removes from `dir` and its subfolders the temporaries (see {@link temporaryOf}) of other
 * processes: called by the holder of the folder's lock, they are left by a bench killed mid-write,
 * since no other process writes there.
 */
export function removeStaleTemporaries(dir: string): void {
  const entries = fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : [];
  for (const entry of entries) {
    const at = path.join(dir, entry.name);
    if (entry.isDirectory()) removeStaleTemporaries(at);
    else if (temporaryPid(entry.name) !== null && temporaryPid(entry.name) !== process.pid) fs.rmSync(at, { force: true });
  }
}

// Read-write for the last byte, appending, created if missing, and never blocking on a FIFO.
const APPEND_FLAGS = fs.constants.O_RDWR | fs.constants.O_APPEND | fs.constants.O_CREAT | fs.constants.O_NONBLOCK;

/**
 * Appends `line` (no newline in it) to `file` as one whole line: in one `write` with O_APPEND, so
 * lines appended at once by several processes never interleave, and after a newline of its own
 * when the file ends without one (a crash mid-append), so the cut line does not swallow this one.
 */
export function appendLine(file: string, line: string): void {
  writingTo(file, () => {
    makeFolders(path.dirname(file));
    // Non-blocking, and checked to be a regular file: a FIFO planted as the history never hangs the bench.
    const fd = fs.openSync(file, APPEND_FLAGS, 0o644);
    try {
      if (!fs.fstatSync(fd).isFile()) throw Object.assign(new Error(`${file} is not a regular file`), { code: 'ENOTREG' });
      const size = fs.fstatSync(fd).size;
      const last = Buffer.alloc(1);
      const cut = size > 0 && fs.readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
      const bytes = Buffer.from(`${cut ? '\n' : ''}${line}\n`);
      // A regular file takes the whole buffer in one write; a short write (a full disk) goes on where it stopped.
      for (let done = fs.writeSync(fd, bytes); done < bytes.length;) done += fs.writeSync(fd, bytes, done);
    } finally {
      fs.closeSync(fd);
    }
  });
}
