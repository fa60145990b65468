// The model probe's one line (schemas/probe.schema.json): what a worker started with `--probe`
// prints, checked where the CLI reads it. Both workers write it; see the schema for the protocol.
import type { ProbeLine } from './probe.generated.js';
import { validatorOf } from './load.js';

export type { ProbeError, ProbeLine, ProbeOk } from './probe.generated.js';

/** The exit code of a probe that found a problem with the user's model (its line is a `probe-error`). */
export const PROBE_ERROR_EXIT = 2;

/** The command-line flag that makes a worker probe its spec's model instead of training it. */
export const PROBE_FLAG = '--probe';

/** The probe line in a worker's stdout (its last non-empty line), or why there is none. Never throws. */
export function parseProbeLine(stdout: string): { ok: true; line: ProbeLine } | { ok: false; problem: string } {
  const last = stdout.trimEnd().split('\n').at(-1)?.trim() ?? '';
  if (last === '') return { ok: false, problem: 'it printed no probe line' };
  let value: unknown;
  try {
    value = JSON.parse(last);
  } catch {
    return { ok: false, problem: `its last line is not JSON: ${JSON.stringify(last.slice(0, 200))}` };
  }
  const validate = validatorOf<ProbeLine>('probe');
  if (validate(value)) return { ok: true, line: value };
  const first = validate.errors?.[0];
  return {
    ok: false,
    problem: `its last line is not a probe line (${first?.instancePath ?? ''} ${first?.message ?? ''}): ${last.slice(0, 200)}`,
  };
}
