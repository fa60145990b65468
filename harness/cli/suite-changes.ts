// What changed between the suite a results folder was made with and the one given now: --resume
// keeps finished runs by id, and an id does not name everything a run measures, so resuming
// with an edited suite would mix the old runs' data with the new settings.

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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
