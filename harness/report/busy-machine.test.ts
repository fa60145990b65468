import { expect, test } from 'vitest';
import { fakeResult } from '../measure/fixtures/result.js';
import { busyMachineWarning } from './busy-machine.js';

const withOthers = (otherShare: number, seed: number) =>
  fakeResult(null, {
    seed,
    machine: { type: 'machine', busyShare: otherShare + 0.5, ownShare: 0.5, otherShare, stealShare: 0, loadAverage: 2 },
  });

test('quiet runs, or runs without a machine event, give no warning', () => {
  expect(busyMachineWarning([withOthers(0.1, 0), withOthers(0.25, 1), fakeResult(null)])).toBeNull();
});

test('names how many runs were measured on a busy machine and the busiest', () => {
  expect(busyMachineWarning([withOthers(0.1, 0), withOthers(0.3, 1), withOthers(0.45, 2)])).toBe(
    '2 of 3 runs were measured while other processes used more than 25.0% of the CPUs (most: 45.0% during base-s2); ' +
      'their step times carry that load (machine_* columns of summary.csv); rerun on a quieter machine or add repeats',
  );
});
