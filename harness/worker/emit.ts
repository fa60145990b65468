// The worker's only channel to the launcher: one JSON line per event on stdout. Every number of
// every event passes here, so a NaN or an infinity anywhere (a training or evaluation loss, an
// accuracy, a time) takes the one road a divergence takes: NonFiniteValueError, which main.ts
// reports as an `error` event with reason `nan` (exit code 3). The PyTorch twin is events.py.
import { checkEvent, type WorkerEvent } from '../../schemas/index.js';

// Words for an event's fields in the message: "training loss is NaN at step 3".
const SUBJECT: Partial<Record<WorkerEvent['type'], string>> = { step: 'training', eval: 'evaluation' };

// Also NaN in a field that must hold a number: the run diverged, whatever the field.
/** A NaN or infinite value in an event: the run fails with reason `nan`. */
export class NonFiniteValueError extends Error {
  override name = 'NonFiniteValueError';
  /** The step the event is about (a step's `i`, an evaluation's `step`), when it has one. */
  readonly step: number | undefined;
  constructor(event: WorkerEvent, fields: readonly NonFinite[]) {
    const step = event.type === 'step' ? event.i : event.type === 'eval' ? event.step : undefined;
    const values = fields.map(({ path, value }) => `${path} is ${value}`).join(', ');
    super(`${SUBJECT[event.type] ?? `${event.type} event`} ${values}${step === undefined ? '' : ` at step ${step}`}`);
    this.step = step;
  }
}

/** One non-finite number in an event: where ("loss", "workersMs/1") and what. */
export interface NonFinite {
  path: string;
  value: number;
}

/** Every NaN or infinite number in `value`, nested objects and arrays included. */
export function nonFiniteValues(value: unknown, path = ''): NonFinite[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [{ path, value }];
  if (value === null || typeof value !== 'object') return [];
  const join = (key: string | number) => (path === '' ? String(key) : `${path}/${key}`);
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value);
  return entries.flatMap(([key, item]) => nonFiniteValues(item, join(key)));
}

// JSON has no NaN. Where the schema lets the value be null (a step's loss), the event is still
// written with null there, so the launcher keeps the step that diverged; elsewhere it is not.
/** Writes one event line; stdout carries nothing else. @throws NonFiniteValueError after a NaN or an infinity. */
export function emit(event: WorkerEvent, write = (line: string) => void process.stdout.write(line)): void {
  const bad = nonFiniteValues(event);
  if (bad.length === 0) return write(`${JSON.stringify(event)}\n`);
  const nulled = JSON.parse(JSON.stringify(event)) as unknown;
  if (checkEvent(nulled).ok) write(`${JSON.stringify(nulled)}\n`);
  throw new NonFiniteValueError(event, bad);
}
