// Worker stdout lines that are not events (a library printing, a stray debug line): left out of
// the event log, but kept in `<id>.stdout.log` as the worker printed them (the first
// STDOUT_LOG_MAX_BYTES, then one line counting the rest), so the warning that counts them can say
// what they were and where to read them, also for a run read back from disk.
import fs from 'node:fs';
import { READ_LIMITS, readTextFileIfPresent } from '../read-file.js';
import { runFiles } from './run-files.js';

/** Bytes of non-event lines kept per run; the rest are only counted. */
export const STDOUT_LOG_MAX_BYTES = 1024 * 1024;

const TRAILER = /^\[sambench: (\d+) more lines? not kept/;

function clip(line: string, max = 120): string {
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

// One wording for the launcher (which knows each line's number and problem) and a read-back.
function warningText(count: number, first: string, file: string, kept: number): string {
  const lines = count === 1 ? '1 stdout line was' : `${count} stdout lines were`;
  const where = kept === count ? (count === 1 ? `it is in ${file}` : `all are in ${file}`) : `the first ${kept} are in ${file}`;
  return `${lines} not a worker event and left out of the event log (first: ${first}); ${where}; workers should print only events on stdout`;
}

/** Collects the non-event lines of one run as they arrive; the file is made at the first one. */
export class StdoutLog {
  private fd: number | null = null;
  private bytes = 0;
  private kept = 0;
  private count = 0;
  private first: string | null = null;
  private closed = false;

  /** Removes what an earlier attempt of the run left at `file`. */
  constructor(
    readonly file: string,
    private readonly maxBytes = STDOUT_LOG_MAX_BYTES,
  ) {
    fs.rmSync(file, { force: true });
  }

  /** Keeps one line (`lineNumber` of stdout, `problem`: why it is not an event). */
  add(line: string, lineNumber: number, problem: string): void {
    // A line read after the launcher stopped waiting (an escaped child's) changes nothing.
    if (this.closed) return;
    this.count += 1;
    this.first ??= `line ${lineNumber}, ${problem}: ${JSON.stringify(clip(line))}`;
    const size = Buffer.byteLength(line) + 1;
    if (this.bytes + size > this.maxBytes) return;
    this.fd ??= fs.openSync(this.file, 'w');
    fs.writeSync(this.fd, `${line}\n`);
    this.bytes += size;
    this.kept += 1;
  }

  /** Counts the lines not kept at the end of the file, and closes it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.count > this.kept) {
      this.fd ??= fs.openSync(this.file, 'w');
      const more = this.count - this.kept;
      fs.writeSync(
        this.fd,
        `[sambench: ${more} more line${more === 1 ? '' : 's'} not kept (this file keeps the first ${this.maxBytes} bytes)]\n`,
      );
    }
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  /** The warning for the run, or null when every stdout line was an event. */
  warning(): string | null {
    return this.count === 0 ? null : warningText(this.count, this.first ?? '?', this.file, this.kept);
  }
}

/** The warning a run's `<id>.stdout.log` stands for (a run kept on `--resume`, or read by compare); null without one. */
export function readStdoutWarning(runsDir: string, runId: string): string | null {
  const file = runFiles(runsDir, runId).stdoutLog;
  const text = readTextFileIfPresent(file, { what: "a run's log of stdout lines that are not events", maxBytes: READ_LIMITS.stdoutLog });
  if (text === null) return null;
  const lines = text.split('\n').slice(0, -1);
  const more = TRAILER.exec(lines.at(-1) ?? '');
  const kept = more ? lines.length - 1 : lines.length;
  const count = kept + (more ? Number(more[1]) : 0);
  if (count === 0) return null;
  return warningText(count, kept > 0 ? JSON.stringify(clip(lines[0]!)) : '?', file, kept);
}
