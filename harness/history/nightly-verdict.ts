// What fails the nightly, read from the history alone, so one command decides it
// (`sambench history --fail-on-regression`). A regression counts once it is confirmed, never on one
// noisy night:
// - a change point that fails (detect.ts: a regression beyond the minimum effect, held two nights,
//   among the latest five nights); one in absolute step times, which a runner's drift from night to night also moves, only
//   when tonight's interleaved bench (`sambench ab`, drift-free: both sides ran on tonight's
//   machine) found the regression too — Pinpoint's confirmation. A night not benched by ab has
//   nothing to confirm with, and its change point counts alone;
// - `sambench ab` finding the suite's last two nights both regressed against the same last good
//   commit (each night's interleaved bench is one test at alpha 0.01 a metric; two in a row
//   make a false alarm about as rare as alpha squared);
// - or a failed run in the latest night.
import type { HistoryLineV2 } from '../../schemas/index.js';
import type { SeriesFindings } from './detect.js';
import { HISTORY_METRICS } from './series.js';

/** Why the nightly fails; none: it passes. */
export interface NightlyVerdict {
  /** One sentence per reason, each naming the commits to look at. */
  reasons: string[];
}

const short = (sha: string | null) => sha?.slice(0, 12) ?? '?';

// A change point in ms is confirmed by tonight's ab when tonight was benched by one.
function confirmed(f: SeriesFindings, lines: readonly HistoryLineV2[]): boolean {
  if (!HISTORY_METRICS[f.series.metric].absolute) return true;
  const tonight = lines[f.series.points.at(-1)!.line]!;
  return tonight.against === undefined || tonight.against.regressed;
}

function changeReasons(findings: readonly SeriesFindings[], lines: readonly HistoryLineV2[]): string[] {
  return findings.flatMap((f) =>
    f.changes
      .filter((c) => c.fails && confirmed(f, lines))
      .map(
        (c) =>
          `regression change point: ${f.series.suite} · ${f.series.configuration} · ${f.series.metric}: ` +
          `${c.magnitude >= 0 ? '+' : ''}${(100 * c.magnitude).toFixed(1)} % from night ${c.index + 1} (p=${c.pValue.toPrecision(2)}); ` +
          `confirm with: sambench ab ${c.commits[0] ?? '?'} ${c.commits[1] ?? '?'} <suite.json>`,
      ),
  );
}

// The suite's last two nights, both benched by ab against one commit and both regressed.
function abReasons(suite: string, lines: readonly HistoryLineV2[]): string[] {
  const [before, tonight] = lines.filter((l) => l.suite === suite).slice(-2);
  if (!before || !tonight) return [];
  const against = tonight.against;
  if (!against?.regressed || !before.against?.regressed || before.against.commit !== against.commit) return [];
  return [
    `${suite}: sambench ab found tonight's commit ${short(tonight.commit)} and last night's ${short(before.commit)} both regressed against ${short(against.commit)}`,
  ];
}

function failedRunReasons(suite: string, lines: readonly HistoryLineV2[]): string[] {
  const tonight = lines.findLast((l) => l.suite === suite);
  const failed = tonight?.configurations.reduce((n, c) => n + c.failed, 0) ?? 0;
  return failed > 0 ? [`${suite}: ${failed} process${failed === 1 ? '' : 'es'} failed tonight (${tonight!.results})`] : [];
}

/** The nightly's verdict over `lines` for each suite in `suites`, given the change points found in their series. */
export function nightlyVerdict(
  lines: readonly HistoryLineV2[],
  suites: readonly string[],
  findings: readonly SeriesFindings[],
): NightlyVerdict {
  return {
    reasons: [
      ...changeReasons(findings, lines),
      ...suites.flatMap((suite) => [...abReasons(suite, lines), ...failedRunReasons(suite, lines)]),
    ],
  };
}
