// Turns ajv's errors into problems a user can act on: a JSON pointer to the key, what was
// expected and what was found, in the file's own keys ("/seed is required",
// "/dataset/batchSize must be an integer (got "64")").
import type { ErrorObject } from 'ajv/dist/2020.js';

/** One thing wrong with a JSON document, located by an RFC 6901 JSON pointer ('' = the whole document). */
export interface SchemaIssue {
  pointer: string;
  /** What is wrong and what was expected, e.g. `must be > 0 (got 0)`. */
  message: string;
}

/** Renders a value as a user would have typed it, for "(got …)". */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  // JSON writes them as null; a file's 1e999 reads back as Infinity.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** The problems of one failed validation, without the noise of alternatives that do not apply; one per pointer and message. */
export function schemaIssues(errors: ErrorObject[]): SchemaIssue[] {
  const seen = new Set<string>();
  return errors
    .filter(isUseful)
    .map(describeError)
    .filter((issue) => !seen.has(`${issue.pointer} ${issue.message}`) && seen.add(`${issue.pointer} ${issue.message}`));
}

// A discriminator error repeats what the enum error on `kind` says; an anyOf/oneOf summary, or
// "must be null" beside a nullable object's own errors, repeats what the errors inside say.
function isUseful(error: ErrorObject, _i: number, all: ErrorObject[]): boolean {
  const within = (path: string) => path === error.instancePath || path.startsWith(`${error.instancePath}/`);
  const deeper = () => all.some((e) => e !== error && within(e.instancePath) && !isAlternative(e));
  // "must match \"then\" schema" only summarises the errors of the `then` branch, which are kept.
  if (error.keyword === 'if') return false;
  if (error.keyword === 'discriminator') return !all.some((e) => e.keyword === 'enum' && e.instancePath === `${error.instancePath}/kind`);
  if (isAlternative(error)) return !deeper();
  return true;
}

function isAlternative(error: ErrorObject): boolean {
  return error.keyword === 'anyOf' || error.keyword === 'oneOf' || (error.keyword === 'type' && error.params.type === 'null');
}

/** One ajv error as a located problem in the user's words. */
export function describeError(error: ErrorObject): SchemaIssue {
  const at = error.instancePath;
  const got = `(got ${shown(error.data)})`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      return {
        pointer: `${at}/${String(params.additionalProperty)}`,
        message: `is not a known key; expected one of: ${allowed.join(', ')}`,
      };
    }
    case 'required':
      return { pointer: `${at}/${String(params.missingProperty)}`, message: 'is required' };
    case 'type':
      return { pointer: at, message: `must be ${withArticle(String(params.type))} ${got}` };
    case 'enum':
      return {
        pointer: at,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} ${got}`,
      };
    case 'const':
      return { pointer: at, message: `must be ${JSON.stringify(params.allowedValue)} ${got}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { pointer: at, message: `must be ${String(params.comparison)} ${String(params.limit)} ${got}` };
    case 'minItems':
      return { pointer: at, message: `must list at least ${String(params.limit)} value${params.limit === 1 ? '' : 's'} ${got}` };
    case 'maxItems':
      return { pointer: at, message: `must list at most ${String(params.limit)} value${params.limit === 1 ? '' : 's'} ${got}` };
    case 'minProperties':
      return { pointer: at, message: `must set at least ${String(params.limit)} key${params.limit === 1 ? '' : 's'} ${got}` };
    case 'uniqueItems':
      return { pointer: at, message: `must not repeat a value (items ${String(params.j)} and ${String(params.i)} are equal)` };
    case 'pattern':
      return { pointer: at, message: `must match ${String(params.pattern)}${patternWords(String(params.pattern))} ${got}` };
    default:
      return { pointer: at, message: `${error.message ?? 'is invalid'} ${got}` };
  }
}

// ajv names types as JSON Schema does ("integer", "number,null").
function withArticle(type: string): string {
  const words = type.split(',').join(' or ');
  return /^[aeiou]/.test(words) ? `an ${words}` : `a ${words}`;
}

// What a pattern allows, in words, for the patterns a person meets (a suite's name, a file name).
const PATTERN_WORDS: Record<string, string> = {
  '^[a-z0-9][a-z0-9._-]*$': 'lower-case letters, digits, ".", "_", "-"',
  '^[A-Za-z0-9_+-][A-Za-z0-9._+-]*$': 'letters, digits, ".", "_", "+", "-", not starting with "."',
  '^\\d{4}-\\d{2}-\\d{2}T': 'an ISO 8601 date and time, e.g. 2026-12-07T16:00:00Z',
};

function patternWords(pattern: string): string {
  const words = PATTERN_WORDS[pattern];
  return words ? ` (${words})` : '';
}
