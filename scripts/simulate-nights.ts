// `npm run bench:nights -- <ab folder>...`: how fast the nightly flags a step change, and how often
// it fails on nothing. Nights are resampled from real `sambench ab` benches whose rev-b ran with
// SAMBENCH_INJECT_SLOWDOWN (`sambench ab HEAD HEAD suites/nightly.json --inject 0.1`); with several
// folders, their rounds of the configurations they all have are pooled (benches run at different
// times also bring the machine's drift between them).
//
// The clean side's rounds are split in two, even and odd rounds, so the two sides of a simulated
// ab never share a process and still span the same time (the machine drifts within a bench: the
// second half of the clean side ran 5.5 % faster than the first): each night, the last good
// commit's side draws --rounds rounds (default: half the clean side) from the even rounds, and
// tonight's side from the odd rounds before --at, from the injected side from --at on. Tonight's side is appended to the history, with the ab's verdict
// (compare at --ab-min-effect), and the history is judged as `sambench history --fail-on-regression` does
// (nightly-verdict.ts). An A/A history draws every night from the clean halves.
//
// Nights differ by the bench's process-to-process noise, and with --night-drift SD also by a
// drift of the machine from night to night (every step time of a night's history line scaled alike,
// as a slower runner would; ratios and slowdowns unchanged; the ab's two sides share the night's
// machine, so its verdict does not see the drift).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compareBenches, readResultsFolder, runKey, type BenchData } from '../harness/compare/index.js';
import {
  DETECT_DEFAULTS,
  findChanges,
  historyLineOf,
  historySeries,
  lastGoodCommit,
  nightlyVerdict,
  type DetectOptions,
  type SeriesFindings,
} from '../harness/history/index.js';
import { mixSeed, mulberry32 } from '../harness/prng.js';
import { textTable } from '../harness/report/format.js';
import { median } from '../harness/stats/index.js';
import type { RunResult } from '../harness/measure/index.js';
import type { HistoryLineV2 } from '../schemas/index.js';
import { resampledNight, roundsOf } from './night-resample.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    nights: { type: 'string', default: '60' },
    at: { type: 'string', default: '30' },
    histories: { type: 'string', default: '100' },
    rounds: { type: 'string' },
    'min-effect': { type: 'string', default: '0.05' },
    'ab-min-effect': { type: 'string', default: '0.02' },
    'min-magnitude': { type: 'string', default: String(DETECT_DEFAULTS.minMagnitude) },
    significance: { type: 'string', default: String(DETECT_DEFAULTS.significance) },
    window: { type: 'string', default: String(DETECT_DEFAULTS.window) },
    'night-drift': { type: 'string', default: '0' },
    'history-out': { type: 'string' },
  },
});
if (positionals.length === 0)
  throw new Error(
    'usage: simulate-nights <ab folder with a/ and b/>... [--nights 60] [--at 30] [--histories 100] [--rounds N] [--night-drift SD]',
  );
const folders = positionals.map((p) => path.resolve(p));
const folder = folders.join(', ');

// One side (a: clean, b: injected) of every folder, as one bench of the configurations all of them have, in rounds.
function pooledSide(side: 'a' | 'b'): { bench: BenchData; rounds: RunResult[][] } {
  const benches = folders.map((f) => readResultsFolder(path.join(f, side)));
  const shared = benches.map((b) => new Set(b.runs.map((r) => runKey(r.spec)))).reduce((x, y) => new Set([...x].filter((k) => y.has(k))));
  const rounds = benches.flatMap((b) => {
    const kept = b.runs.filter((r) => shared.has(runKey(r.spec)));
    const ids = new Set(kept.map((r) => r.spec.id));
    // A SAM run whose no-SAM process is left out has no slowdown against it in the pool.
    return roundsOf({ ...b, runs: kept.map((r) => (r.spec.baselineId && !ids.has(r.spec.baselineId) ? { ...r, slowdown: null } : r)) });
  });
  return { bench: benches[0]!, rounds };
}
const cleanSide = pooledSide('a');
const injectedSide = pooledSide('b');
const clean = cleanSide.bench;
const injected = injectedSide.bench;
const cleanRounds = cleanSide.rounds;
const half = Math.floor(cleanRounds.length / 2);
const pools = {
  lastGood: { bench: clean, rounds: cleanRounds.filter((_, k) => k % 2 === 0) },
  tonight: { bench: clean, rounds: cleanRounds.filter((_, k) => k % 2 === 1) },
  injected: injectedSide,
};
const nights = Number(values.nights);
const at = Number(values.at);
const histories = Number(values.histories);
const rounds = values.rounds ? Number(values.rounds) : half;
const abMinEffect = Number(values['ab-min-effect']);
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

const draw = (pool: { bench: BenchData; rounds: RunResult[][] }, random: () => number) =>
  resampledNight(pool.bench, pool.rounds, rounds, random);

/** Per night of one simulated history: which rule failed the nightly; and the change points of the whole history. */
interface Simulated {
  changePoint: boolean[];
  ab: boolean[];
  nightly: boolean[];
  changePoints: number;
  lines: HistoryLineV2[];
}

function simulate(seed: number, changeAt: number): Simulated {
  const random = mulberry32(mixSeed(seed, changeAt));
  const lines: HistoryLineV2[] = [];
  const out: Simulated = { changePoint: [], ab: [], nightly: [], changePoints: 0, lines };
  let findings: SeriesFindings[] = [];
  for (let night = 0; night < nights; night++) {
    const lastGood = lastGoodCommit(lines, clean.suite, findings) ?? 'parent';
    const tonight = draw(night < changeAt ? pools.tonight : pools.injected, random);
    const regressed = compareBenches(draw(pools.lastGood, random), tonight, { minEffect: abMinEffect }).regressions > 0;
    const line = historyLineOf(tonight, {
      results: `night-${night}`,
      timestamp: new Date(Date.UTC(2026, 0, 1 + night)).toISOString(),
      commit: `night-${night}`,
      against: { commit: lastGood, regressed },
    });
    lines.push(drift > 0 ? drifted(line, Math.exp(drift * normal(random))) : line);
    findings = findChanges(historySeries(lines), detect);
    const { reasons } = nightlyVerdict(lines, [clean.suite], findings);
    out.changePoint.push(reasons.some((r) => r.startsWith('regression change point')));
    out.ab.push(reasons.some((r) => r.includes('sambench ab found')));
    out.nightly.push(reasons.length > 0);
  }
  out.changePoints = findings.reduce((n, f) => n + f.changes.filter((c) => Math.abs(c.magnitude) >= detect.minEffect).length, 0);
  return out;
}

type Rule = 'changePoint' | 'ab' | 'nightly';
const RULES: Rule[] = ['changePoint', 'ab', 'nightly'];
const RULE_NAME: Record<Rule, string> = { changePoint: 'change point', ab: 'ab two nights running', nightly: 'the nightly (either)' };
const firstAfter = Object.fromEntries(RULES.map((r) => [r, [] as (number | null)[]])) as Record<Rule, (number | null)[]>;
const failingBefore = Object.fromEntries(RULES.map((r) => [r, [] as number[]])) as Record<Rule, number[]>;
const failingAA = Object.fromEntries(RULES.map((r) => [r, [] as number[]])) as Record<Rule, number[]>;
const changePointsAA: number[] = [];
for (let h = 0; h < histories; h++) {
  const step = simulate(h, at);
  // The first history with its step, as a file `sambench history --file` reads (history.html for the docs).
  if (h === 0 && values['history-out']) fs.writeFileSync(values['history-out'], step.lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  const quiet = simulate(h, nights);
  for (const rule of RULES) {
    const first = step[rule].findIndex((fails, night) => fails && night >= at);
    firstAfter[rule].push(first < 0 ? null : first - at + 1);
    failingBefore[rule].push(step[rule].slice(0, at).filter(Boolean).length);
    failingAA[rule].push(quiet[rule].filter(Boolean).length);
  }
  changePointsAA.push(quiet.changePoints);
}

const share = (k: number) => `${((100 * k) / histories).toFixed(1)} %`;
const counts = (xs: number[]) =>
  `median ${median(xs)}, max ${Math.max(...xs)}; none in ${share(xs.filter((x) => x === 0).length)}, ≤ 1 in ${share(xs.filter((x) => x <= 1).length)}`;
const delay = (xs: (number | null)[]) => {
  const seen = xs.filter((n): n is number => n !== null);
  if (seen.length === 0) return 'never';
  return `median ${median(seen)}, range ${Math.min(...seen)}–${Math.max(...seen)}; within 3 nights ${share(seen.filter((n) => n <= 3).length)}; never ${share(xs.length - seen.length)}`;
};
const injectedBy = injected.runs.find((r) => r.env)?.env?.injectedSlowdown ?? 0;
console.log(
  `${histories} simulated histories of ${nights} nights, ${rounds} rounds a side a night, resampled from ${folder}; ` +
    `+${(100 * injectedBy).toFixed(0)} % injected from night ${at + 1}; night-to-night drift of step times ${(100 * drift).toFixed(1)} % (sd of the log); ` +
    `ab counts beyond ${abMinEffect}; change points: window ${detect.window}, significance ${detect.significance}, min magnitude ${detect.minMagnitude}, ` +
    `fail beyond ${detect.minEffect} held ${detect.minNightsAfter} nights\n`,
);
console.log(
  textTable(
    [
      'rule',
      'nights from the change to the first failing night (1 = the night itself)',
      `failing nights before the change (${at})`,
      `A/A: failing nights in ${nights}`,
    ],
    RULES.map((r) => [RULE_NAME[r], delay(firstAfter[r]), counts(failingBefore[r]), counts(failingAA[r])]),
  ),
);
console.log(`\nA/A: change points beyond ${detect.minEffect} in the final ${nights}-night history: ${counts(changePointsAA)}`);
