// Where one run's files live under a runs folder, and reading back or clearing a run's
// event log, so `--resume` can skip finished runs and redo the rest from scratch.
import fs from 'node:fs';
import path from 'node:path';
import type { WorkerEvent } from '../../schemas/index.js';
import { parseEventLine } from './event-line.js';

/** Absolute paths of one run's files. */
export interface RunFiles {
  /** The RunSpec handed to the worker: `<runsDir>/<id>.spec.json`. */
  spec: string;
  /** The worker's valid events, one JSON line each, append-only: `<runsDir>/<id>.jsonl`. */
  events: string;
  /** Everything the worker wrote to stderr: `<runsDir>/<id>.stderr.log`. */
  stderr: string;
}

/** A run's event log as read back from disk. */
export interface RunLog {
  events: WorkerEvent[];
  /** True when the log holds a `done` event: the run need not be redone. */
  finished: boolean;
}

// Names the files of a run; rejects ids that would escape the runs folder.
/** Paths of the files of run `runId` in `runsDir`. */
export function runFiles(runsDir: string, runId: string): RunFiles {
  if (runId === '' || runId === '.' || runId === '..' || /[/\\]/.test(runId)) {
    throw new Error(`run id must be a plain file name, without / or \\; got ${JSON.stringify(runId)}`);
  }
  const base = path.join(path.resolve(runsDir), runId);
  return { spec: `${base}.spec.json`, events: `${base}.jsonl`, stderr: `${base}.stderr.log` };
}

// A crash (of the worker or of sambench) can cut the last line short; anything
// earlier was validated before it was written, so a bad earlier line means the file was edited.
/**
 * Reads the event log of a run; a missing log reads as no events.
 * A truncated last line (a crash mid-write) is left out.
 * @throws Error when a line other than the last is not a worker event.
 */
export function readRunLog(runsDir: string, runId: string): RunLog {
  const file = runFiles(runsDir, runId).events;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], finished: false };
    throw error;
  }
  const lines = text.split('\n');
  const partial = lines.pop() ?? '';
  const events: WorkerEvent[] = [];
  lines.forEach((line, i) => {
    const parsed = parseEventLine(line);
    if (!parsed.ok) throw new Error(`${file}:${i + 1}: ${parsed.problem}; delete the file to redo run ${runId}`);
    events.push(parsed.event);
  });
  const last = partial === '' ? undefined : parseEventLine(partial);
  if (last?.ok) events.push(last.event);
  return { events, finished: events.some((event) => event.type === 'done') };
}

/** Removes a run's event log and stderr log (if present), so the run can be launched again. */
export function clearRunLog(runsDir: string, runId: string): void {
  const files = runFiles(runsDir, runId);
  fs.rmSync(files.events, { force: true });
  fs.rmSync(files.stderr, { force: true });
}
