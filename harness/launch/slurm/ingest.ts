// Takes in what a Slurm task wrote on the shared filesystem: <id>.worker.out (the worker's raw
// stdout) becomes <id>.jsonl and <id>.stdout.log through the same event-log writer launch-run.ts
// uses for a pipe, so a run from Slurm reads back, reduces and resumes exactly as a local one.
import fs from 'node:fs';
import readline from 'node:readline';
import { StringDecoder } from 'node:string_decoder';
import type { WorkerEvent } from '../../../schemas/index.js';
import { collectEvents, openNewLog, type StdoutSummary } from '../event-log.js';
import { parseEventLine } from '../event-line.js';
import type { LaunchJob } from '../launcher.js';
import { runFiles } from '../run-files.js';
import { StdoutLog } from '../stdout-log.js';
import { READ_LIMITS, openRegularFile, streamRegularFile } from '../../read-file.js';

/** A run's events as read from its task's output, and the doubts about it. */
export interface Ingested {
  events: WorkerEvent[];
  warnings: string[];
}

/** Writes the run's event log afresh from its task's output (a log taken in before is replaced). */
export async function ingestTask(job: LaunchJob): Promise<Ingested> {
  const files = runFiles(job.runsDir, job.spec.id);
  fs.rmSync(files.events, { force: true });
  const log = openNewLog(files.events);
  const stdout: StdoutSummary = { events: [], bad: new StdoutLog(files.stdoutLog) };
  const source = files.workerOut;
  try {
    const input = fs.existsSync(source)
      ? streamRegularFile(source, { what: "a Slurm task's worker output", maxBytes: READ_LIMITS.eventLog })
      : null;
    if (input) await collectEvents(readline.createInterface({ input, crlfDelay: Infinity }), log, stdout);
  } finally {
    fs.closeSync(log.fd);
    stdout.bad.close();
  }
  const warning = stdout.bad.warning();
  return { events: stdout.events, warnings: warning ? [warning] : [] };
}

/**
 * Follows a running task's output for the progress display: each call hands on the events written
 * since the last; `finished` tells when the worker's `done` has arrived (its output is whole).
 */
export class OutputTail {
  private offset = 0;
  private sawDone = false;
  private rest = '';
  // A character split between two reads is decoded whole, once its last byte arrives.
  private readonly decoder = new StringDecoder('utf8');
  private readonly chunk = Buffer.alloc(1 << 16);

  constructor(
    private readonly file: string,
    private readonly onEvent: (event: WorkerEvent) => void,
  ) {}

  /** True once a read handed on the worker's `done` event. */
  get finished(): boolean {
    return this.sawDone;
  }

  /** Reads what was appended since the last call (nothing when the file is not there yet). */
  read(): void {
    // Missing (not written yet) or not a regular file: nothing to show; ingestTask names what is wrong.
    let fd: number;
    try {
      fd = openRegularFile(this.file, { what: "a Slurm task's worker output", maxBytes: READ_LIMITS.eventLog }).fd;
    } catch {
      return;
    }
    try {
      const { chunk } = this;
      for (
        let bytes = fs.readSync(fd, chunk, 0, chunk.length, this.offset);
        bytes > 0;
        bytes = fs.readSync(fd, chunk, 0, chunk.length, this.offset)
      ) {
        this.offset += bytes;
        const lines = (this.rest + this.decoder.write(chunk.subarray(0, bytes))).split('\n');
        this.rest = lines.pop()!;
        for (const line of lines) {
          const parsed = parseEventLine(line);
          if (!parsed.ok) continue;
          if (parsed.event.type === 'done') this.sawDone = true;
          this.onEvent(parsed.event);
        }
      }
    } finally {
      fs.closeSync(fd);
    }
  }
}
