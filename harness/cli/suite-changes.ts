// What changed between the suite a results folder was made with and the one given now: --resume
// keeps finished runs by id, and an id does not name everything a run measures, so resuming
// with an edited suite would mix the old runs' data with the new settings. Which keys may change
// is said once, here, for every top-level key of the suite.
import { isSamPlugin, type RunSpec, type Suite } from '../../schemas/index.js';

// Why a top-level key may change on --resume, or false when it may not: it changes what a run
// measures. A Record over every key of Suite: a key added to the schema does not compile until
// it is classified here.
const MAY_CHANGE_ON_RESUME: Record<keyof Suite, false | string> = {
  $schema: 'words: where an editor finds the schema',
  name: false,
  description: 'words',
  framework: false,
  backend: false,
  precision: false,
  model: false,
  dataset: false,
  optimizer: false,
  sam: false,
  steps: false,
  seeds: false,
  repeats: false,
  matrix: false,
  baseline: false,
  expect: 'how results are judged: a resume judges the kept runs again',
  regression: 'how results are judged: a resume judges the kept runs again',
  launch: 'where runs execute: a folder begun here may be resumed on a cluster',
  limits: 'guards (the matrix size, a run time limit): a run that finished within them measured the same',
  evaluation: false,
  torch: false,
};

/** Dotted keys whose values differ between two JSON values (`model.name`, `steps.measured`, `expect[1]`). */
export function changedKeys(before: unknown, after: unknown, at = ''): string[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => changedKeys(before[key], after[key], at ? `${at}.${key}` : key));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, i) => changedKeys(item, after[i], `${at}[${i}]`));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [at || '(the whole suite)'];
}

// A key the suite does not know (an older or newer sambench's) counts as measured: refusing is safe.
/** The changed keys (as {@link changedKeys}) that change what a run measures, so that --resume must refuse them. */
export function measuredChanges(before: unknown, after: unknown): string[] {
  return changedKeys(before, after).filter((key) => {
    const top = key.split(/[.[]/)[0]!;
    return !Object.hasOwn(MAY_CHANGE_ON_RESUME, top) || MAY_CHANGE_ON_RESUME[top as keyof Suite] === false;
  });
}

// A user's model is named in the suite by its path, which stays when its files are edited: the
// run spec's digest over them (`model.sha256`) is what tells an edited model from the one measured.
/** `['model.sha256']` when a run made earlier trained other model files than the run of that id now would; else []. */
export function modelFileChanges(before: RunSpec, after: RunSpec): string[] {
  const digest = (spec: RunSpec) => (spec.model.source === 'builtin' ? null : spec.model.sha256);
  return digest(before) === digest(after) ? [] : ['model.sha256'];
}

// A user's SAM variant is named in the suite by its path or factory too: the run spec's SHA-256 of
// its module file (`sam.variant.sha256`) tells an edited variant from the one measured.
/** `['sam.variant.sha256']` when a run made earlier ran another file of its user SAM variant than the run of that id now would; else []. */
export function variantFileChanges(before: RunSpec, after: RunSpec): string[] {
  const digest = (spec: RunSpec) => {
    const variant = spec.sam?.variant;
    return variant && isSamPlugin(variant) ? variant.sha256 : null;
  };
  return digest(before) === digest(after) ? [] : ['sam.variant.sha256'];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
