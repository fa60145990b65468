// The error every rejected SAM setting throws, shared by options.ts and the strategies' own checks.

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}" (string)` : `${String(value)} (${typeof value})`;
}

/** A RangeError naming the option, the rule it breaks and the value it got. */
export function invalidOption(name: string, rule: string, value: unknown): Error {
  return new RangeError(`SAM option \`${name}\` must be ${rule}; got ${describe(value)}`);
}

/** Whether `x` is a finite number. */
export const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * The checks every schedule that picks its own SAM steps shares: `schedule.totalSteps` a positive
 * integer, SAM's `interval` 1 (`named`: "a random schedule").
 */
export function checkOwnSchedule(totalSteps: unknown, interval: number, named: string): void {
  if (typeof totalSteps !== 'number' || !Number.isSafeInteger(totalSteps) || totalSteps < 1) {
    throw invalidOption('schedule.totalSteps', 'a positive integer', totalSteps);
  }
  if (interval !== 1) throw invalidOption('interval', `1 with ${named} (the schedule picks the SAM steps)`, interval);
}
