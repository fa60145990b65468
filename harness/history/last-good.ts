// The last good commit of a suite: what tonight's nightly benches against (`sambench ab`). The
// newest night whose processes all finished, that `sambench ab` did not find regressed, and that
// came before any series of the suite whose latest change point is a regression beyond the
// minimum effect: once a regression is found, the nightly keeps comparing with the commit before
// it, until a later change (the fix) moves that series again.
import type { HistoryLineV2 } from '../../schemas/index.js';
import type { SeriesFindings } from './detect.js';

/** The commit of the last good night of `suite` in `lines`, given the change points found in its series; null when there is none. */
export function lastGoodCommit(lines: readonly HistoryLineV2[], suite: string, findings: readonly SeriesFindings[]): string | null {
  // The first night of a regression that is still the series' level: nights from it on are suspect.
  const suspectFrom = Math.min(
    ...findings.flatMap((f) => {
      const latest = f.changes.at(-1);
      return f.series.suite === suite && latest?.regression && latest.beyondMinEffect ? [f.series.points[latest.index]!.line] : [];
    }),
  );
  for (let i = Math.min(lines.length, suspectFrom) - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.suite !== suite || line.commit === null || line.against?.regressed) continue;
    if (line.configurations.some((c) => c.failed > 0)) continue;
    return line.commit;
  }
  return null;
}
