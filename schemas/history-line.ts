// One line of results/history.jsonl (schemas/history-line.schema.json): version 2, or a line
// written before versions existed (version 1), checked where the history is read.
import type { HistoryLine } from './history-line.generated.js';
import { validatorOf } from './load.js';

export type {
  HistoryConfiguration,
  HistoryEnv,
  HistoryEstimate,
  HistoryLine,
  HistoryLineV1,
  HistoryLineV2,
  HistoryRunV1,
} from './history-line.generated.js';

/** The version this sambench writes. */
export const HISTORY_VERSION = 2 as const;

/** `value` as a history line of either version, or why it is not one (the first schema error). Never throws. */
export function checkHistoryLine(value: unknown): { ok: true; line: HistoryLine } | { ok: false; problem: string } {
  const validate = validatorOf<HistoryLine>('history-line');
  if (validate(value)) return { ok: true, line: value };
  // oneOf reports both branches; the branch the line claims (by its version) says what is wrong.
  const claimed = typeof value === 'object' && value !== null && 'version' in value ? '/$defs/lineV2' : '/$defs/lineV1';
  const errors = validate.errors ?? [];
  const first = errors.find((e) => e.schemaPath.startsWith(`#${claimed}`)) ?? errors[0];
  return { ok: false, problem: `${first?.instancePath || '/'} ${first?.message ?? 'is not a history line'}` };
}
