// Turns one line of a worker's stdout into a WorkerEvent, checked against
// schemas/events.schema.json, or says in a few words why the line is not one.
import { checkEvent, type EventCheck } from '../../schemas/index.js';

/** A parsed line: the event, or a short reason why the line is not an event. */
export type ParsedLine = EventCheck;

/** Parses and validates one JSON line of worker output. Never throws. */
export function parseEventLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  return checkEvent(value);
}
