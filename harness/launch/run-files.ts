// Where one run's files live under a runs folder, and reading back or clearing a run's
// event log, so `--resume` can skip finished runs and redo the rest from scratch.
import fs from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { ExitCode, SambenchError } from '../errors.js';
import { writingTo } from '../output-file.js';
import { READ_LIMITS, UnreadableFileError, openRegularFile, readTextFile } from '../read-file.js';
import { checkSafeName, unsafeNameProblem } from '../safe-name.js';
import { ContractError, SAM_VARIANTS, checkRunSpec, type RunSpec, type SamVariantKind, type WorkerEvent } from '../../schemas/index.js';
import { parseEventLine } from './event-line.js';

/** Absolute paths of one run's files. */
export interface RunFiles {
  /** The RunSpec handed to the worker: `<runsDir>/<id>.spec.json`. */
  spec: string;
  /** The worker's valid events, one JSON line each, append-only: `<runsDir>/<id>.jsonl`. */
  events: string;
  /** Everything the worker wrote to stderr: `<runsDir>/<id>.stderr.log`. */
  stderr: string;
  /** The worker's stdout lines that are not events (stdout-log.ts): `<runsDir>/<id>.stdout.log`. */
  stdoutLog: string;
  /** A Slurm task's raw worker stdout, taken in as the event log when the task ends: `<runsDir>/<id>.worker.out`. */
  workerOut: string;
}

/** A run's event log as read back from disk. */
export interface RunLog {
  events: WorkerEvent[];
  /** True when the log holds a `done` event: the run need not be redone. */
  finished: boolean;
}

/**
 * The names (without a folder) of run `runId`'s files. The Slurm batch script names them in shell
 * with `runFileNames('$id')`.
 */
export function runFileNames(runId: string): RunFiles {
  return {
    spec: `${runId}.spec.json`,
    events: `${runId}.jsonl`,
    stderr: `${runId}.stderr.log`,
    stdoutLog: `${runId}.stdout.log`,
    workerOut: `${runId}.worker.out`,
  };
}

// For listing a runs folder, where the ids are not known yet (compare reads every spec it holds).
/** Whether `fileName` (without a folder) is a run's spec file, as runFileNames names it. */
export function isSpecFileName(fileName: string): boolean {
  return fileName.endsWith(runFileNames('').spec);
}

// Names the files of a run; rejects ids that would escape the runs folder.
/** Paths of the files of run `runId` in `runsDir`. */
export function runFiles(runsDir: string, runId: string): RunFiles {
  // Ids read back from files are checked with their file's name before (checkSafeName); this is the invariant.
  const problem = unsafeNameProblem(runId);
  if (problem !== null) throw new Error(`run id ${problem}`);
  const dir = path.resolve(runsDir);
  const names = runFileNames(runId);
  return {
    spec: path.join(dir, names.spec),
    events: path.join(dir, names.events),
    stderr: path.join(dir, names.stderr),
    stdoutLog: path.join(dir, names.stdoutLog),
    workerOut: path.join(dir, names.workerOut),
  };
}

/** A run's event log that cannot be read back as one (exit code 2): edited, damaged, or not a file. */
export class RunLogError extends SambenchError {
  constructor(file: string, problem: string, runId: string) {
    super(
      `${file}: ${problem}; the log was edited or damaged: delete it (and --resume redoes run ${runId})`,
      'RUN_LOG_UNREADABLE',
      ExitCode.badInput,
    );
  }
}

// No event line comes near this; a longer one is not a line the launcher wrote.
const MAX_LINE_CHARS = 1 << 20;
const CHUNK_BYTES = 1 << 20;

// The log is read a chunk at a time, never as one string (V8 caps a string near 512 MiB, a few
// million steps). A crash (of the worker or of sambench) can cut the last line short; anything
// earlier was validated before it was written, so a bad earlier line means the file was edited.
/**
 * Reads the event log of a run; a missing log reads as no events.
 * A truncated last line (a crash mid-write) is left out.
 * @throws RunLogError when the log is not a regular file, or a line other than the last is not a
 * worker event (or is longer than any event line).
 */
export function readRunLog(runsDir: string, runId: string): RunLog {
  const file = runFiles(runsDir, runId).events;
  let fd: number;
  try {
    fd = openRegularFile(file, { what: "a run's event log", maxBytes: READ_LIMITS.eventLog }).fd;
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    if (error.problem === 'missing') return { events: [], finished: false };
    throw new RunLogError(file, error.reason, runId);
  }
  try {
    const events: WorkerEvent[] = [];
    let lineNumber = 0;
    const take = (line: string) => {
      lineNumber += 1;
      const parsed = parseEventLine(line);
      if (!parsed.ok) throw new RunLogError(`${file}:${lineNumber}`, parsed.problem, runId);
      events.push(parsed.event);
    };
    const decoder = new StringDecoder('utf8');
    const chunk = Buffer.alloc(CHUNK_BYTES);
    let pending = '';
    for (let bytes = fs.readSync(fd, chunk); bytes > 0; bytes = fs.readSync(fd, chunk)) {
      const lines = (pending + decoder.write(chunk.subarray(0, bytes))).split('\n');
      pending = lines.pop()!;
      lines.forEach(take);
      if (pending.length > MAX_LINE_CHARS)
        throw new RunLogError(`${file}:${lineNumber + 1}`, `a line longer than ${MAX_LINE_CHARS} characters`, runId);
    }
    pending += decoder.end();
    const last = pending === '' ? undefined : parseEventLine(pending);
    if (last?.ok) events.push(last.event);
    return { events, finished: events.some((event) => event.type === 'done') };
  } finally {
    fs.closeSync(fd);
  }
}

// Keys added to run specs since an older sambench wrote them, and what their absence meant (the
// values suite/expand.ts resolves an unset key to), so a results folder made before still compares.
const ADDED_SINCE: ReadonlyArray<readonly [part: string, key: string, absent: unknown]> = [
  // Every model was a built-in one before user models.
  ['model', 'source', 'builtin'],
  ['dataset', 'trainSubset', null],
  ['dataset', 'labelNoise', 0],
  ['dataset', 'mixup', null],
  ['optimizer', 'labelSmoothing', 0],
  ['sam', 'rhoPerInterval', null],
  // The interval schedule every run used before SAM variants.
  ['sam', 'variant', { kind: 'interval' }],
];
/** `value` (a run spec read back) with the keys added since an older sambench wrote it, as their absence meant. */
export function withAddedKeys(value: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(value)) return value;
  const spec = { ...value };
  for (const [part, key, absent] of ADDED_SINCE) {
    const holder = spec[part];
    if (isObject(holder) && !(key in holder)) spec[part] = { ...holder, [key]: absent };
  }
  // A built-in variant's fields added since (the registry's `runSpec.optional`: LookSAM projected over
  // all variables at once before `granularity`) meant their defaults; a user's variant has none.
  const sam = spec.sam;
  const variant = isObject(sam) && isObject(sam.variant) ? sam.variant : null;
  const kind = typeof variant?.kind === 'string' && Object.hasOwn(SAM_VARIANTS, variant.kind) ? (variant.kind as SamVariantKind) : null;
  if (variant && kind) {
    const { options, runSpec } = SAM_VARIANTS[kind];
    const absent = (runSpec?.optional ?? []).filter((field) => !(field in variant));
    const defaults = Object.fromEntries(absent.map((field) => [field, options.properties[field]!.default]));
    if (absent.length > 0) spec.sam = { ...(sam as Record<string, unknown>), variant: { ...variant, ...defaults } };
  }
  return spec;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ContractError(
      'run spec',
      file,
      [{ pointer: '', message: `is not valid JSON (${(error as Error).message})` }],
      'RUN_SPEC_INVALID',
    );
  }
}

// A spec on disk may have been edited: checked against its schema (a worker would refuse it
// anyway), and its id (joined into its logs' paths) and suite (a baseline's file name) as names.
/**
 * Reads a run spec back from `file` (a results folder's `runs/<id>.spec.json`).
 * @throws SambenchError (exit 2) naming the file and the field, when it is not a valid run spec.
 */
export function readRunSpecFile(file: string): RunSpec {
  let spec: RunSpec;
  try {
    spec = checkRunSpec(withAddedKeys(parseJson(readTextFile(file, { what: 'a run spec', maxBytes: READ_LIMITS.json }), file)), file);
  } catch (error) {
    if (error instanceof ContractError) throw new SambenchError(error.message, error.code, ExitCode.badInput, { cause: error });
    throw error;
  }
  checkSafeName(spec.id, file, '/id');
  checkSafeName(spec.suite, file, '/suite');
  return spec;
}

/** Removes a run's event log and stderr log (if present), so the run can be launched again. */
export function clearRunLog(runsDir: string, runId: string): void {
  const files = runFiles(runsDir, runId);
  // A read-only folder is the user's to fix (exit 2), as for every other file sambench writes.
  for (const file of [files.events, files.stderr]) writingTo(file, () => fs.rmSync(file, { force: true }));
}
