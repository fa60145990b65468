// The gain-diminishes verdict: "SAM yields diminishing returns when composed with other
// regularization methods such as MixUp and label smoothing". SAM's accuracy gain over its no-SAM
// run (same seed and regulariser setting) without any regulariser, minus its gain with each
// regulariser setting the suite ran, paired by seed: one sub-check per setting.
import { regulariserSetting, type RunResult } from '../measure/index.js';
import { exact, pooled } from '../stats/index.js';
import { atPoint, gather, pairKey, pairedDifference, samRunsAt } from './evidence.js';
import { signedPoints } from './format.js';
import type { Verdict } from './range-verdict.js';
import { subCheck, subChecksVerdict, withInterval, type SubCheck } from './sub-checks.js';

const regulariserLabel = (r: RunResult) => regulariserSetting(r.spec);

// Runs that differ only in their regulariser setting were trained on the same seed and settings.
const regulariserPairKey = (run: RunResult) =>
  pairKey(run, { optimizer: { ...run.spec.optimizer, labelSmoothing: null }, dataset: { ...run.spec.dataset, mixup: null } });

const gainOf = (r: RunResult) => (r.accuracyGain === null ? null : exact(r.accuracyGain));

// Each seed's gain without a regulariser minus its gain with `setting`, with both gains for the detail.
function settingRow(none: readonly RunResult[], withSetting: readonly RunResult[], setting: string, minPoints: number): SubCheck {
  const difference = pairedDifference(
    none,
    regulariserPairKey,
    (r) => r.accuracyGain,
    (withIt, without) => without - withIt,
  );
  const row = subCheck(
    setting,
    gather(withSetting, difference, 'seed', true),
    { min: minPoints },
    { where: `SAM runs with ${setting}`, what: 'accuracy gain beside a run without a regulariser of the same seed' },
    signedPoints,
  );
  const gains = [none, withSetting].map((runs) => pooled(gather(runs, gainOf, 'seed', true).evidence.estimates));
  const [without, withIt] = gains.map((g) => (g ? withInterval(g, signedPoints) : 'n/a'));
  return { ...row, text: `${row.text} (gain without ${without}, with ${withIt})` };
}

/** The verdict of `gain-diminishes`: gain(none) − gain(with) at or above `minPoints` for every regulariser setting run. */
export function gainDiminishesVerdict(
  results: readonly RunResult[],
  interval: number,
  rho: number | undefined,
  minPoints: number,
): Verdict {
  const { name, where } = atPoint('gain-diminishes', interval, rho);
  const base = {
    expectation: name,
    kind: 'gain-diminishes' as const,
    range: { min: minPoints },
    expected: `gain(no regulariser) − gain(with) ≥ ${minPoints} points for every regulariser setting`,
  };
  const runs = samRunsAt(results, interval, rho);
  const none = runs.filter((r) => regulariserLabel(r) === '');
  const settings = [...new Set(runs.map(regulariserLabel))].filter((s) => s !== '');
  if (none.length === 0 || settings.length === 0) {
    const found = settings.length === 0 ? 'none with one' : 'none without one';
    const detail = `no usable run: needs ${where} both without a regulariser and with one (${found}) — list them in \`matrix.labelSmoothing\` or \`matrix.mixup\``;
    return { ...base, measured: null, ci95: null, outcome: 'inconclusive', detail };
  }
  const rows = settings.map((s) =>
    settingRow(
      none,
      runs.filter((r) => regulariserLabel(r) === s),
      s,
      minPoints,
    ),
  );
  return subChecksVerdict(base, 'SAM gain without a regulariser minus with it, same seed (points)', rows);
}
