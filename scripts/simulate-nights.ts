// `npm run bench:nights -- <ab folder>`: how fast the nightly's change-point detection flags a
// step change, and how often it fails on nothing. Nights are resampled from a real `sambench ab`
// bench whose rev-b ran with SAMBENCH_INJECT_SLOWDOWN (`sambench ab HEAD HEAD suites/nightly.json
// --inject 0.1`): nights before --at draw their processes from side a (clean), nights from --at on
// from side b (injected), and an A/A history draws all 60 from side a. After each night the
// history is searched as `sambench history --fail-on-new` does. Prints the nights to the first
// failing night after the change, and the failing nights and change points of the A/A histories.
// The nights differ by the bench's process-to-process noise, and with --night-drift SD by a drift
// of the machine from night to night too (every step time of a night scaled alike, as a slower
// runner would; ratios and slowdowns unchanged).
import fs from 'node:fs';
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
    'night-drift': { type: 'string', default: '0' },
    'history-out': { type: 'string' },
  },
});
if (positionals.length !== 1)
  throw new Error('usage: simulate-nights <ab folder with a/ and b/> [--nights 60] [--at 30] [--histories 100] [--rounds N]');
const folder = path.resolve(positionals[0]!);
const clean = readResultsFolder(path.join(folder, 'a'));
const injected = readResultsFolder(path.join(folder, 'b'));
const pools = [clean, injected].map((bench) => ({ bench, rounds: roundsOf(bench) }));
const nights = Number(values.nights);
const at = Number(values.at);
const histories = Number(values.histories);
const rounds = values.rounds ? Number(values.rounds) : pools[0]!.rounds.length;
// The machine's drift from one night to the next: every step time of a night scaled by exp(drift · z), z ~ N(0, 1).
const drift = Number(values['night-drift']);
const detect: DetectOptions = {
  ...DETECT_DEFAULTS,
  minEffect: Number(values['min-effect']),
  minMagnitude: Number(values['min-magnitude']),
  significance: Number(values.significance),
  window: Number(values.window),
};

// Box–Muller: one standard normal value from two uniform ones.
const normal = (random: () => number) => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

// A night whose machine ran `factor` times slower throughout: step times scale, ratios and slowdowns do not.
function drifted(line: HistoryLineV2, factor: number): HistoryLineV2 {
  const scaled = (xs: number[]) => xs.map((x) => x * factor);
  return {
    ...line,
    configurations: line.configurations.map((c) => ({
      ...c,
      values: { ...c.values, baseStepMs: scaled(c.values.baseStepMs), samStepMs: scaled(c.values.samStepMs) },
    })),
  };
}

/** One simulated history: per night, whether the nightly failed; and the change points of the whole history. */
function simulate(seed: number, changeAt: number): { failing: number[]; changePoints: number; lines: HistoryLineV2[] } {
  const random = mulberry32(mixSeed(seed, changeAt));
  const lines: HistoryLineV2[] = [];
  const failing: number[] = [];
  let findings: ReturnType<typeof findChanges> = [];
  for (let night = 0; night < nights; night++) {
    const pool = pools[night < changeAt ? 0 : 1]!;
    const bench: BenchData = resampledNight(pool.bench, pool.rounds, rounds, random);
    const line = historyLineOf(bench, {
      results: '',
      timestamp: new Date(Date.UTC(2026, 0, 1 + night)).toISOString(),
      commit: `night-${night}`,
    });
    lines.push(drift > 0 ? drifted(line, Math.exp(drift * normal(random))) : line);
    findings = findChanges(historySeries(lines), detect);
    if (findings.some((f) => f.changes.some((c) => c.fails))) failing.push(night);
  }
  const changePoints = findings.reduce((n, f) => n + f.changes.filter((c) => Math.abs(c.magnitude) >= detect.minEffect).length, 0);
  return { failing, changePoints, lines };
}

const injectedBy = injected.runs.find((r) => r.env)?.env?.injectedSlowdown ?? 0;
const flagged: (number | null)[] = [];
const falseBefore: number[] = [];
const aa: { failing: number; changePoints: number }[] = [];
for (let h = 0; h < histories; h++) {
  const step = simulate(h, at);
  // The first history with its step, as a file `sambench history --file` reads (history.html for the docs).
  if (h === 0 && values['history-out']) fs.writeFileSync(values['history-out'], step.lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  const first = step.failing.find((n) => n >= at);
  flagged.push(first === undefined ? null : first - at + 1);
  falseBefore.push(step.failing.filter((n) => n < at).length);
  const quiet = simulate(h, nights);
  aa.push({ failing: quiet.failing.length, changePoints: quiet.changePoints });
}

const seen = flagged.filter((n): n is number => n !== null);
const share = (k: number) => `${((100 * k) / histories).toFixed(1)} %`;
const counts = (xs: number[]) =>
  `median ${median(xs)}, max ${Math.max(...xs)}; none in ${share(xs.filter((x) => x === 0).length)}, ≤ 1 in ${share(xs.filter((x) => x <= 1).length)}`;
console.log(
  `${histories} simulated histories of ${nights} nights, ${rounds} rounds a night, resampled from ${folder}; ` +
    `+${(100 * injectedBy).toFixed(0)} % injected from night ${at + 1}; night-to-night drift of step times ${(100 * drift).toFixed(1)} % (sd of the log); detector: window ${detect.window}, significance ${detect.significance}, ` +
    `min magnitude ${detect.minMagnitude}, fails beyond ${detect.minEffect} held ${detect.minNightsAfter} nights\n`,
);
console.log(
  textTable(
    ['figure', 'value'],
    [
      [
        'nights from the change to the first failing night (1 = the night itself)',
        seen.length ? `median ${median(seen)}, range ${Math.min(...seen)}–${Math.max(...seen)}` : 'never',
      ],
      ['flagged within 3 nights', share(seen.filter((n) => n <= 3).length)],
      ['never flagged', share(flagged.filter((n) => n === null).length)],
      ['failing nights before the change', counts(falseBefore)],
      [`A/A (${nights} nights): failing nights`, counts(aa.map((a) => a.failing))],
      [`A/A (${nights} nights): change points beyond ${detect.minEffect} in the final history`, counts(aa.map((a) => a.changePoints))],
    ],
  ),
);
