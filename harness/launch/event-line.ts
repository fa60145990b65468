// Turns one line of a worker's stdout into a WorkerEvent, checked against
// schemas/events.schema.json, or says in a few words why the line is not one.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { readSchema } from '../paths.js';
import type { WorkerEvent } from '../worker/events.generated.js';

/** A parsed line: the event, or a short reason why the line is not an event. */
export type ParsedLine = { ok: true; event: WorkerEvent } | { ok: false; problem: string };

interface Validators {
  any: ValidateFunction<WorkerEvent>;
  /** One validator per event type, only to explain a rejected line precisely. */
  byType: Map<string, ValidateFunction>;
}

const EVENT_TYPES = ['env', 'step', 'eval', 'done', 'error'] as const;
let compiled: Validators | undefined;

// Compiled once per process: ajv's code generation costs milliseconds, a line microseconds.
function validators(): Validators {
  if (!compiled) {
    const ajv = new Ajv2020({ strict: true, allErrors: false });
    const schema = readSchema('events.schema.json');
    const any = ajv.compile<WorkerEvent>(schema);
    const id = String(schema.$id);
    const byType = new Map(EVENT_TYPES.map((type) => [type, ajv.compile({ $ref: `${id}#/$defs/${type}Event` })]));
    compiled = { any, byType };
  }
  return compiled;
}

/** Parses and validates one JSON line of worker output. Never throws. */
export function parseEventLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  const { any, byType } = validators();
  if (any(value)) return { ok: true, event: value };
  return { ok: false, problem: explain(value, byType) };
}

function explain(value: unknown, byType: Map<string, ValidateFunction>): string {
  const type = typeof value === 'object' && value !== null && 'type' in value ? value.type : undefined;
  const validate = typeof type === 'string' ? byType.get(type) : undefined;
  if (!validate) return `not a worker event (type ${JSON.stringify(type) ?? 'missing'}; expected one of ${EVENT_TYPES.join(', ')})`;
  validate(value);
  const first = validate.errors?.[0];
  const where = first?.instancePath ? `${first.instancePath} ` : '';
  return `invalid ${String(type)} event: ${where}${first?.message ?? 'does not match the schema'}`;
}
