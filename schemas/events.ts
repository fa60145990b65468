// Checks one worker event against schemas/events.schema.json, and says in a few words why a
// value that fails is not an event (the launcher logs the first problem of a bad line).
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { WorkerEvent } from './events.generated.js';
import { validatorOf } from './load.js';

/** The value as a WorkerEvent, or a short reason why it is not one. */
export type EventCheck = { ok: true; event: WorkerEvent } | { ok: false; problem: string };

/** The event types of a run's log, in the order they come; all but `machine` (the launcher's) are the worker's. */
export const EVENT_TYPES = ['env', 'step', 'eval', 'done', 'error', 'machine'] as const;

/** Checks a parsed JSON value against the events schema. Never throws. */
export function checkEvent(value: unknown): EventCheck {
  const any = validatorOf<WorkerEvent>('events');
  if (any(value)) return { ok: true, event: value };
  return { ok: false, problem: explain(value) };
}

// The whole-schema validator's errors span every alternative; the one of the event's own type
// says precisely what is wrong.
function explain(value: unknown): string {
  const type = typeof value === 'object' && value !== null && 'type' in value ? value.type : undefined;
  const known = typeof type === 'string' && (EVENT_TYPES as readonly string[]).includes(type);
  if (!known) return `not a worker event (type ${JSON.stringify(type) ?? 'missing'}; expected one of ${EVENT_TYPES.join(', ')})`;
  const validate: ValidateFunction = validatorOf('events', { def: `${type}Event` });
  validate(value);
  const first = validate.errors?.[0];
  const where = first?.instancePath ? `${first.instancePath} ` : '';
  return `invalid ${type} event: ${where}${first?.message ?? 'does not match the schema'}`;
}
