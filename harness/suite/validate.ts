// Checks a parsed suite against schemas/suite.schema.json (every error at once) and fills in
// the schema's defaults, so the schema is the one place where defaults and rules live.
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { readSchema } from '../paths.js';
import { shown, type SuiteProblem } from './problems.js';
import type { Suite } from './suite.generated.js';

let compiled: ReturnType<Ajv2020['compile']> | undefined;

function validator() {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, useDefaults: true, strict: true, discriminator: true, verbose: true });
    compiled = ajv.compile(readSchema('suite.schema.json'));
  }
  return compiled;
}

/** Validates `value` in place (defaults are written into it); returns the problems, empty if valid. */
export function validateSuite(value: unknown): { suite: Suite; problems: SuiteProblem[] } {
  const validate = validator();
  const valid = validate(value);
  const errors = valid ? [] : (validate.errors ?? []);
  return { suite: value as Suite, problems: dedupe(errors.filter(isUseful).map(toProblem)) };
}

// A discriminator error repeats what the enum error on `kind` already says.
function isUseful(error: ErrorObject, _i: number, all: ErrorObject[]): boolean {
  if (error.keyword !== 'discriminator') return true;
  return !all.some((e) => e.keyword === 'enum' && e.instancePath === `${error.instancePath}/kind`);
}

function toProblem(error: ErrorObject): SuiteProblem {
  const at = error.instancePath;
  const got = `(got ${shown(error.data)})`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      return { pointer: `${at}/${String(params.additionalProperty)}`, message: `is not a known key; expected one of: ${allowed.join(', ')}` };
    }
    case 'required':
      return { pointer: `${at}/${String(params.missingProperty)}`, message: 'is required' };
    case 'type':
      return { pointer: at, message: `must be ${withArticle(String(params.type))} ${got}` };
    case 'enum':
      return { pointer: at, message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} ${got}` };
    case 'const':
      return { pointer: at, message: `must be ${JSON.stringify(params.allowedValue)} ${got}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { pointer: at, message: `must be ${String(params.comparison)} ${String(params.limit)} ${got}` };
    case 'minItems':
      if (at.startsWith('/matrix/')) return { pointer: at, message: 'is empty: the matrix would expand to no runs; list at least one value or remove the key' };
      return { pointer: at, message: `must list at least ${String(params.limit)} value${params.limit === 1 ? '' : 's'} ${got}` };
    case 'minProperties':
      return { pointer: at, message: `must set at least ${String(params.limit)} key${params.limit === 1 ? '' : 's'} ${got}` };
    case 'uniqueItems':
      return { pointer: at, message: `must not repeat a value (items ${String(params.j)} and ${String(params.i)} are equal)` };
    case 'pattern':
      return { pointer: at, message: `must match ${String(params.pattern)} (lower-case letters, digits, ".", "_", "-") ${got}` };
    default:
      return { pointer: at, message: `${error.message ?? 'is invalid'} ${got}` };
  }
}

function withArticle(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function dedupe(problems: SuiteProblem[]): SuiteProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(`${p.pointer} ${p.message}`) && seen.add(`${p.pointer} ${p.message}`));
}
