// Which parts of the measuring environment differ between matched runs: step times from another
// CPU, backend or TensorFlow build differ for that reason alone, so compare warns and names them.
import type { EnvEvent } from '../../schemas/index.js';
import type { ConfigurationPair } from './match.js';

// node, platform and hostname are left out: they rarely move step times.
/** Env fields that change step times: hardware and the software that computes. */
export const ENV_FIELDS = ['cpu', 'cores', 'gpu', 'backend', 'nativeTensorflow', 'tfjs'] as const;

const show = (v: string | number | boolean | null | undefined) =>
  v === undefined || v === null ? 'none' : typeof v === 'string' ? JSON.stringify(v) : String(v);

// One run's view; compare collects them over all pairs.
/** Differences between two env events as `field baseline → current` lines; a missing env is named as such. */
export function envDifferences(baseline: EnvEvent | null, current: EnvEvent | null): string[] {
  if (!baseline || !current)
    return baseline === current ? [] : [`env event: ${baseline ? 'present' : 'missing'} → ${current ? 'present' : 'missing'}`];
  return ENV_FIELDS.filter((f) => show(baseline[f]) !== show(current[f])).map((f) => `${f} ${show(baseline[f])} → ${show(current[f])}`);
}

// Step times from different hardware measure the hardware too; ratios and accuracy do not.
/** Env fields of the hardware: when one differs, compare leaves out absolute step times. */
export const HARDWARE_FIELDS = ['cpu', 'cores', 'gpu'] as const;

/** Whether every difference is in software only (each line starts with its field name). */
export function sameHardware(differences: readonly string[]): boolean {
  return !differences.some((d) => (HARDWARE_FIELDS as readonly string[]).includes(d.split(' ')[0]!));
}

// The warning lines compare prints before its table, each difference once however many runs share it.
/** Every distinct env difference between the processes of the matched configurations, in first-seen order. */
export function benchEnvDifferences(pairs: readonly ConfigurationPair[]): string[] {
  return [...new Set(pairs.flatMap((p) => p.baseline.flatMap((b) => p.current.flatMap((c) => envDifferences(b.env, c.env)))))];
}
