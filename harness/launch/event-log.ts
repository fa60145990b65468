// A run's event log as the worker's stdout lines arrive, from a pipe (launch-run.ts) or from the
// file a Slurm task wrote (slurm/ingest.ts): each valid event is appended to <id>.jsonl before the
// next line is read, any other line goes to <id>.stdout.log. The one place a log is written.
import fs from 'node:fs';
import type { WorkerEvent } from '../../schemas/index.js';
import { writingTo } from '../output-file.js';
import { parseEventLine } from './event-line.js';
import type { StdoutLog } from './stdout-log.js';

/** An open event log: its descriptor, and its path for messages. */
export interface EventLog {
  fd: number;
  file: string;
}

/** What a worker's stdout gave: its events, and the lines that are not events. */
export interface StdoutSummary {
  events: WorkerEvent[];
  bad: StdoutLog;
}

// 'wx': never append a second attempt to an old log, nor overwrite a finished one. An existing
// log is the caller's mistake (clearRunLog first); an unwritable folder is the user's (exit 2).
/** Opens `file` as a new, empty event log. @throws Error (EEXIST) when it exists. */
export function openNewLog(file: string): EventLog {
  try {
    return { fd: fs.openSync(file, 'wx'), file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
    return writingTo(file, () => {
      throw error;
    });
  }
}

// writeSync may write part of a line (a disk filling up); the rest is retried until it is
// written or the write fails (ENOSPC), so a line is never silently cut short.
/** Appends one line to the log. @throws OutputError when it cannot be written. */
export function appendLine(log: EventLog, line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  writingTo(log.file, () => {
    for (let written = 0; written < bytes.length;) written += fs.writeSync(log.fd, bytes, written);
  });
}

// Each line is written (synchronously) before the next is read, so a crash of either process
// loses at most the line in flight; `summary` fills as lines come, so it holds what arrived even
// when the caller stops the wait. A line that cannot be written (a full disk) calls `onWriteError`
// (the launcher stops the worker's group there) and rejects with the OutputError naming the log.
/** Reads `lines` into the log and `summary`, calling `onEvent` with each valid event once it is on disk. */
export async function collectEvents(
  lines: AsyncIterable<string>,
  log: EventLog,
  summary: StdoutSummary,
  onEvent?: (event: WorkerEvent) => void,
  onWriteError?: () => void,
): Promise<void> {
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    try {
      const parsed = parseEventLine(line);
      if (!parsed.ok || parsed.event.type === 'machine') {
        summary.bad.add(line, lineNumber, parsed.ok ? 'a machine event, which only the launcher writes' : parsed.problem);
        continue;
      }
      appendLine(log, line);
      summary.events.push(parsed.event);
      onEvent?.(parsed.event);
    } catch (error) {
      onWriteError?.();
      throw error;
    }
  }
}
