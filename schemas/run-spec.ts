// Checks a RunSpec where it crosses a process boundary: a worker accepts only a spec that
// matches schemas/run-spec.schema.json exactly, since it re-applies no default.
import { ContractError } from './contract-error.js';
import { schemaIssues } from './issues.js';
import { validatorOf } from './load.js';
import type { RunSpec } from './run-spec.generated.js';

/** Returns `value` as a RunSpec, or throws a ContractError (code `RUN_SPEC_INVALID`) naming every bad field. */
export function checkRunSpec(value: unknown, source: string): RunSpec {
  const validate = validatorOf<RunSpec>('run-spec');
  if (validate(value)) return value;
  throw new ContractError('run spec', source, schemaIssues(validate.errors ?? []), 'RUN_SPEC_INVALID');
}

/** Parses the JSON text of a run spec (from `source`, for messages) and checks it; throws a ContractError for bad JSON or a bad spec. */
export function parseRunSpec(json: string, source: string): RunSpec {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ContractError('run spec', source, [{ pointer: '', message: `is not valid JSON (${reason})` }], 'RUN_SPEC_INVALID');
  }
  return checkRunSpec(value, source);
}
