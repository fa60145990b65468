// The warning for runs measured while other work took a large share of the CPUs: their step
// times carry that load, so a verdict or comparison built on them is less trustworthy.
import { BUSY_MACHINE_SHARE } from '../launch/index.js';
import type { RunResult } from '../measure/index.js';
import { pct } from './format.js';

/** One line naming the runs measured on a busy machine, or null when there are none. */
export function busyMachineWarning(results: readonly RunResult[]): string | null {
  const busy = results.filter((r) => (r.machine?.otherShare ?? 0) > BUSY_MACHINE_SHARE);
  if (busy.length === 0) return null;
  const worst = busy.reduce((a, b) => (b.machine!.otherShare > a.machine!.otherShare ? b : a));
  const runs = busy.length === 1 ? '1 run was' : `${busy.length} of ${results.length} runs were`;
  return (
    `${runs} measured while other processes used more than ${pct(BUSY_MACHINE_SHARE)} of the CPUs ` +
    `(most: ${pct(worst.machine!.otherShare)} during ${worst.spec.id}); their step times carry that load ` +
    '(machine_* columns of summary.csv); rerun on a quieter machine or add repeats'
  );
}
