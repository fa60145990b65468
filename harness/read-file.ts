// The one guarded way to read a file sambench did not just write (a suite, anything in a results
// folder, a baseline, a run spec, a dataset file). It opens without blocking (a FIFO never waits
// for a writer), checks what the open descriptor is (not the path: nothing can swap it in between)
// and refuses anything but a regular file (a FIFO, /dev/zero, a socket, a folder, also behind a
// symlink), and refuses a file past a size bound named in the message: never "read until EOF".
import fs from 'node:fs';
import { ExitCode, SambenchError } from './errors.js';
import { describeFileKind } from './file-kind.js';

const MiB = 1024 * 1024;

// Bounds per kind of file, far above what sambench writes, far below what exhausts memory.
/** The largest file of each kind sambench reads, in bytes. */
export const READ_LIMITS = {
  /** A suite file a user writes (the shipped ones are a few KB). */
  suite: 4 * MiB,
  /** A JSON file of a results folder: a run spec, suite.resolved.json, bench.json, slurm/jobs.json. */
  json: 16 * MiB,
  /** A baseline file (the committed smoke baseline is ~20 KB; 64 MiB holds millions of steps). */
  baseline: 64 * MiB,
  /** A run's `<id>.stdout.log` (stdout-log.ts keeps 1 MiB and one trailer line). */
  stdoutLog: 4 * MiB,
  /** results/history.jsonl, read whole (a line per bench: years of nightly benches). */
  history: 256 * MiB,
  /** A user's model file: a model.json, a weight shard, a model module (ResNet-50's float32 weights are ~100 MB). */
  model: 2 * 1024 * MiB,
  /** A user's NumPy array file (`.npy`, `.npz`), read whole by the TF.js worker. */
  arrays: 2 * 1024 * MiB,
  /** A run's event log or a Slurm task's raw output, read a chunk at a time (millions of steps). */
  eventLog: 16 * 1024 * MiB,
} as const;

/** Why a file was refused; stable, for tests and callers that map it (the workers' DataFileError). */
export type UnreadableProblem = 'missing' | 'not-a-file' | 'too-large' | 'unreadable';

// A user's file, not a bug: exit 2, with the file, what it is and what was expected in the message.
/** A file that cannot be read as the regular file of bounded size it should be (exit code 2). */
export class UnreadableFileError extends SambenchError {
  constructor(
    readonly file: string,
    readonly problem: UnreadableProblem,
    /** The reason without the file, e.g. "is a FIFO (named pipe), not a regular file; expected a run spec". */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`${file}: ${reason}`, 'FILE_UNREADABLE', ExitCode.badInput, options);
  }
}

/** What is read: `what` names the file's kind in messages ("a run spec"); `maxBytes` bounds it. */
export interface ReadOptions {
  what: string;
  maxBytes: number;
}

/** An open regular file: its descriptor (the caller closes it) and its size when opened. */
export interface OpenedFile {
  fd: number;
  size: number;
}

const sizeInWords = (bytes: number) => (bytes >= MiB ? `${bytes} bytes (${(bytes / MiB).toFixed(0)} MiB)` : `${bytes} bytes`);

function tooLarge(file: string, size: string, { what, maxBytes }: ReadOptions): UnreadableFileError {
  return new UnreadableFileError(file, 'too-large', `holds ${size}, more than the ${sizeInWords(maxBytes)} ${what} may have`);
}

// The one open: the checks below are of the descriptor, so a path swapped after them reads nothing else.
/** Opens `file` for reading after checking it is a regular file within `maxBytes`. @throws UnreadableFileError */
export function openRegularFile(file: string, options: ReadOptions): OpenedFile {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unreadable';
    const reason = problem === 'missing' ? 'no such file' : `cannot be opened (${code ?? String(error)})`;
    throw new UnreadableFileError(file, problem, `${reason}; expected ${options.what}`, { cause: error });
  }
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) {
      throw new UnreadableFileError(file, 'not-a-file', `is ${describeFileKind(stats)}, not a regular file; expected ${options.what}`);
    }
    if (stats.size > options.maxBytes) throw tooLarge(file, sizeInWords(stats.size), options);
    return { fd, size: stats.size };
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
}

// A read returns what it has: a loop until `length` bytes or the end, whatever the descriptor is.
/** Up to `length` bytes of open file `fd` from `position` (null: from where it stands); fewer only at its end. */
export function readBytes(fd: number, length: number, position: number | null): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const read = fs.readSync(fd, bytes, done, length - done, position === null ? null : position + done);
    if (read === 0) break;
    done += read;
  }
  return done === length ? bytes : bytes.subarray(0, done);
}

/** The whole of regular file `file` (at most `maxBytes`, even if it grows while read). @throws UnreadableFileError */
export function readRegularFile(file: string, options: ReadOptions): Buffer {
  const { fd, size } = openRegularFile(file, options);
  try {
    const head = readBytes(fd, size, null);
    // A file that grew since fstat is read on, a chunk at a time, up to the bound.
    const more: Buffer[] = [];
    const chunk = Buffer.allocUnsafe(64 * 1024);
    for (let total = head.length, read = fs.readSync(fd, chunk); read > 0; read = fs.readSync(fd, chunk)) {
      total += read;
      if (total > options.maxBytes) throw tooLarge(file, `more than ${sizeInWords(options.maxBytes)}`, options);
      more.push(Buffer.from(chunk.subarray(0, read)));
    }
    return more.length === 0 ? head : Buffer.concat([head, ...more]);
  } finally {
    fs.closeSync(fd);
  }
}

/** The text (UTF-8) of regular file `file`. @throws UnreadableFileError */
export function readTextFile(file: string, options: ReadOptions): string {
  return readRegularFile(file, options).toString('utf8');
}

/** The text of `file`, or null when there is nothing at that path. @throws UnreadableFileError for anything else */
export function readTextFileIfPresent(file: string, options: ReadOptions): string | null {
  try {
    return readTextFile(file, options);
  } catch (error) {
    if (error instanceof UnreadableFileError && error.problem === 'missing') return null;
    throw error;
  }
}

/** A stream of regular file `file`, for reading a large log line by line. @throws UnreadableFileError */
export function streamRegularFile(file: string, options: ReadOptions): fs.ReadStream {
  const { fd } = openRegularFile(file, options);
  return fs.createReadStream(file, { fd, autoClose: true });
}
