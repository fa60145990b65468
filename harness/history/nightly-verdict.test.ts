import { expect, test } from 'vitest';
import { findChanges } from './detect.js';
import { commitOf, levels, nights } from './fixtures/nights.js';
import { nightlyVerdict } from './nightly-verdict.js';
import { historySeries } from './series.js';

const verdict = (lines: ReturnType<typeof nights>) => nightlyVerdict(lines, ['nightly'], findChanges(historySeries(lines)));

test('quiet nights pass', () => {
  expect(verdict(nights(levels(20))).reasons).toEqual([]);
});

test('ab regressed on one night only: not yet (one noisy night never fails)', () => {
  expect(verdict(nights(levels(20), { regressedNights: [19] })).reasons).toEqual([]);
  // Regressed twice, but not on the last two nights: tonight passed.
  expect(verdict(nights(levels(20), { regressedNights: [17, 18] })).reasons).toEqual([]);
});

test('ab regressed on the last two nights against the same last good commit: fails, naming the three commits', () => {
  expect(verdict(nights(levels(20), { regressedNights: [18, 19] })).reasons).toEqual([
    `nightly: sambench ab found tonight's commit ${commitOf(19)} and last night's ${commitOf(18)} both regressed against ${commitOf(17)}`,
  ]);
});

test('a failed process tonight fails the nightly; one on an earlier night does not', () => {
  expect(verdict(nights(levels(20), { failedNights: [19] })).reasons).toEqual(['nightly: 1 process failed tonight (results/nightly/19)']);
  expect(verdict(nights(levels(20), { failedNights: [10] })).reasons).toEqual([]);
});

test('a change point beyond the minimum effect, held two nights, fails with the ab command that confirms it', () => {
  const [reason] = verdict(nights(levels(32, { at: 30, step: 10 }))).reasons;
  expect(reason).toMatch(
    /^regression change point: nightly · base-s0 · base step: \+\d+\.\d % from night 31 \(p=.*\); confirm with: sambench ab c029 c030 <suite.json>$/,
  );
});

test("a change point in ms on nights benched by ab fails only when tonight's ab found the regression too (a runner's drift moves ms, not ab)", () => {
  const steps = levels(32, { at: 30, step: 10 });
  const unconfirmed = verdict(nights(steps, { benchedByAb: true }));
  expect(unconfirmed.reasons).toEqual([]);
  const confirmed = verdict(nights(steps, { benchedByAb: true, regressedNights: [31] }));
  // The base steps of both configurations and the SAM steps, all 10 % slower.
  expect(confirmed.reasons).toHaveLength(3);
  for (const reason of confirmed.reasons)
    expect(reason).toMatch(/^regression change point: nightly · (base-s0 · base step|sam-k10-s0 · base step|sam-k10-s0 · SAM step): /);
  // The slowdowns (1.16 / 1.08 − 1 = +7.4 %) do not depend on the machine: their change points need no confirmation.
  const slower = nights(levels(32), { benchedByAb: true, slowdown: (night) => (night >= 30 ? 0.16 : 0.08) });
  expect(verdict(slower).reasons).toEqual([
    expect.stringMatching(/^regression change point: nightly · sam-k10-s0 · slowdown: \+7\.4 %/),
    expect.stringMatching(/^regression change point: nightly · sam-k10-s0 · within-run slowdown: \+7\.4 %/),
  ]);
});
