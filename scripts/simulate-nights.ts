// `npm run bench:nights -- <ab folder>`: how fast the nightly's change-point detection flags a
// step change, and how often it fails on nothing. Nights are resampled from a real `sambench ab`
// bench whose rev-b ran with SAMBENCH_INJECT_SLOWDOWN (`sambench ab HEAD HEAD suites/nightly.json
// --inject 0.1`): nights before --at draw their processes from side a (clean), nights from --at on
// from side b (injected), and an A/A history draws all 60 from side a. After each night the
// history is searched as `sambench history --fail-on-new` does. Prints the nights to the first
// failing night after the change, and the failing nights and change points of the A/A histories.
// The nights differ by the bench's process-to-process noise only, not by a runner's day-to-day drift.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readResultsFolder, type BenchData } from '../harness/compare/index.js';
import { DETECT_DEFAULTS, findChanges, historyLineOf, historySeries, type DetectOptions } from '../harness/history/index.js';
import { mixSeed, mulberry32 } from '../harness/prng.js';
import { textTable } from '../harness/report/format.js';
import type { HistoryLineV2 } from '../schemas/index.js';
import { median } from '../harness/stats/index.js';
import { resampledNight, roundsOf } from './night-resample.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    nights: { type: 'string', default: '60' },
    at: { type: 'string', default: '30' },
    histories: { type: 'string', default: '100' },
    rounds: { type: 'string' },
    'min-effect': { type: 'string', default: '0.05' },
    'min-magnitude': { type: 'string', default: String(DETECT_DEFAULTS.minMagnitude) },
    significance: { type: 'string', default: String(DETECT_DEFAULTS.significance) },
    window: { type: 'string', default: String(DETECT_DEFAULTS.window) },
  },
});
if (positionals.length !== 1) throw new Error('usage: simulate-nights <ab folder with a/ and b/> [--nights 60] [--at 30] [--histories 100] [--rounds N]');
const folder = path.resolve(positionals[0]!);
const clean = readResultsFolder(path.join(folder, 'a'));
const injected = readResultsFolder(path.join(folder, 'b'));
const pools = [clean, injected].map((bench) => ({ bench, rounds: roundsOf(bench) }));
const nights = Number(values.nights);
const at = Number(values.at);
const histories = Number(values.histories);
const rounds = values.rounds ? Number(values.rounds) : pools[0]!.rounds.length;
const detect: DetectOptions = {
  ...DETECT_DEFAULTS,
  minEffect: Number(values['min-effect']),
  minMagnitude: Number(values['min-magnitude']),
  significance: Number(values.significance),
  window: Number(values.window),
};

/** One simulated history: per night, whether the nightly failed; and the change points of the whole history. */
function simulate(seed: number, changeAt: number): { failing: number[]; changePoints: number } {
  const random = mulberry32(mixSeed(seed, changeAt));
  const lines: HistoryLineV2[] = [];
  const failing: number[] = [];
  let findings: ReturnType<typeof findChanges> = [];
  for (let night = 0; night < nights; night++) {
    const pool = pools[night < changeAt ? 0 : 1]!;
    const bench: BenchData = resampledNight(pool.bench, pool.rounds, rounds, random);
    lines.push(historyLineOf(bench, { results: '', timestamp: new Date(Date.UTC(2026, 0, 1 + night)).toISOString(), commit: `night-${night}` }));
    findings = findChanges(historySeries(lines), detect);
    if (findings.some((f) => f.changes.some((c) => c.fails))) failing.push(night);
  }
  const changePoints = findings.reduce((n, f) => n + f.changes.filter((c) => Math.abs(c.magnitude) >= detect.minEffect).length, 0);
  return { failing, changePoints };
}

const injectedBy = injected.runs.find((r) => r.env)?.env?.injectedSlowdown ?? 0;
const flagged: (number | null)[] = [];
const falseBefore: number[] = [];
const aa: { failing: number; changePoints: number }[] = [];
for (let h = 0; h < histories; h++) {
  const step = simulate(h, at);
  const first = step.failing.find((n) => n >= at);
  flagged.push(first === undefined ? null : first - at + 1);
  falseBefore.push(step.failing.filter((n) => n < at).length);
  const quiet = simulate(h, nights);
  aa.push({ failing: quiet.failing.length, changePoints: quiet.changePoints });
}

const seen = flagged.filter((n): n is number => n !== null);
const share = (k: number) => `${((100 * k) / histories).toFixed(0)} %`;
const counts = (xs: number[]) => `median ${median(xs)}, max ${Math.max(...xs)}; ≤ 1 in ${share(xs.filter((x) => x <= 1).length)}`;
console.log(
  `${histories} simulated histories of ${nights} nights, ${rounds} rounds a night, resampled from ${folder}; ` +
    `+${(100 * injectedBy).toFixed(0)} % injected from night ${at + 1}; detector: window ${detect.window}, significance ${detect.significance}, ` +
    `min magnitude ${detect.minMagnitude}, fails beyond ${detect.minEffect} held ${detect.minNightsAfter} nights\n`,
);
console.log(
  textTable(
    ['figure', 'value'],
    [
      ['nights from the change to the first failing night (1 = the night itself)', seen.length ? `median ${median(seen)}, range ${Math.min(...seen)}–${Math.max(...seen)}` : 'never'],
      ['flagged within 3 nights', share(seen.filter((n) => n <= 3).length)],
      ['never flagged', share(flagged.filter((n) => n === null).length)],
      ['failing nights before the change', counts(falseBefore)],
      [`A/A (${nights} nights): failing nights`, counts(aa.map((a) => a.failing))],
      [`A/A (${nights} nights): change points beyond ${detect.minEffect} in the final history`, counts(aa.map((a) => a.changePoints))],
    ],
  ),
);
