// Checks a parsed suite against schemas/suite.schema.json (every error at once) and fills in
// the schema's defaults, so the schema is the one place where defaults and rules live.
import { schemaIssues, validatorOf, type Suite } from '../../schemas/index.js';
import type { SuiteProblem } from './problems.js';

/** Validates `value` in place (defaults are written into it); returns the problems, empty if valid. */
export function validateSuite(value: unknown): { suite: Suite; problems: SuiteProblem[] } {
  const validate = validatorOf<Suite>('suite', { useDefaults: true });
  const valid = validate(value);
  const problems = schemaIssues(valid ? [] : (validate.errors ?? [])).map(inSuiteWords);
  return { suite: value as Suite, problems };
}

// An empty matrix list is a mistake about the sweep, not about list lengths.
function inSuiteWords(problem: SuiteProblem): SuiteProblem {
  if (problem.pointer.startsWith('/matrix/') && problem.message.startsWith('must list at least')) {
    return { pointer: problem.pointer, message: 'is empty: the matrix would expand to no runs; list at least one value or remove the key' };
  }
  return problem;
}
