// The top of report.html: suite name and description, date, what made the results (suite hash,
// sambench version, commit), the environment the runs measured in, a one-line outcome (runs
// failed, expectations passed, failed and inconclusive), the terminal's warning when other work
// loaded the machine (busy-machine.ts), and the runs' warnings.
import type { EnvEvent } from '../../../schemas/index.js';
import { escapeHtml } from './escape.js';
import type { ReportData } from './report-data.js';
import type { Outcome } from '../verdict-rule.js';
import { describeCode } from '../../provenance.js';
import { busyMachineWarning } from '../busy-machine.js';

// Runs normally share one machine; if they do not, every distinct value is listed.
function distinct(envs: EnvEvent[], pick: (e: EnvEvent) => string | number | null | undefined): string {
  const values = [...new Set(envs.map((e) => pick(e)).map((v) => (v === null || v === undefined ? 'none' : String(v))))];
  return values.length === 0 ? 'unknown' : values.join(', ');
}

function environmentOf(data: ReportData): EnvEvent[] {
  return data.results.flatMap((r) => (r.env ? [r.env] : []));
}

function outcome(data: ReportData): string {
  const failed = data.results.filter((r) => r.status !== 'ok').length;
  const runs = `${data.results.length} run${data.results.length === 1 ? '' : 's'}${failed ? `, <strong class="fail-text">${failed} failed</strong>` : ''}`;
  if (data.verdicts.length === 0) return `${runs}; no expectations declared`;
  const count = (o: Outcome) => data.verdicts.filter((v) => v.outcome === o).length;
  // The badge takes the worst outcome's colour: any fail, else any inconclusive, else pass.
  const worst = (['fail', 'inconclusive', 'pass'] as const).find((o) => count(o) > 0)!;
  const counts = (['pass', 'fail', 'inconclusive'] as const).filter((o) => count(o) > 0).map((o) => `${count(o)} ${o}`);
  return `${runs}; <span class="badge ${worst}">${data.verdicts.length} expectations: ${counts.join(', ')}</span>`;
}

// Which suite and code made the folder, from its bench.json; resumes by other code are named.
function provenanceItems(data: ReportData): [string, string][] {
  const p = data.provenance;
  if (!p) return [];
  const resumedBy = p.resumes.filter((r) => r.commit !== p.commit || r.dirty !== p.dirty || r.sambench !== p.sambench);
  return [
    ['sambench', p.sambench],
    ['commit', describeCode(p)],
    ...resumedBy.map((r): [string, string] => [`resumed ${r.startedAt}`, `sambench ${r.sambench}, commit ${describeCode(r)}`]),
    ['suite sha256', p.suite.sha256.slice(0, 16)],
  ];
}

// What a reader needs to trust the numbers: what ran, when, and on which machine and versions.
/** The page header: title, description, date, environment list and outcome line. */
export function renderHeader(data: ReportData): string {
  const envs = environmentOf(data);
  const items: [string, string][] = [
    ['backend', distinct(envs, (e) => e.backend)],
    ['native TensorFlow', distinct(envs, (e) => e.nativeTensorflow)],
    ['TF.js', distinct(envs, (e) => e.tfjs)],
    ['CPU', distinct(envs, (e) => e.cpu)],
    ['cores', distinct(envs, (e) => e.cores)],
    ['node', distinct(envs, (e) => e.node)],
  ];
  const gpu = distinct(envs, (e) => e.gpu);
  if (gpu !== 'none' && gpu !== 'unknown') items.push(['GPU', gpu]);
  items.push(...provenanceItems(data));
  const unrepresentative = envs.some((e) => e.representative === false);
  const warnings = data.results.flatMap((r) => r.warnings.map((w) => `${r.spec.id}: ${w}`));
  // The terminal's warning (busy-machine.ts), in the same words: the page is what gets shared.
  const busy = busyMachineWarning(data.results);
  return `<header>
  <h1>${escapeHtml(data.suite.name)} <span class="muted">— sambench report</span></h1>
  ${data.suite.description ? `<p class="description">${escapeHtml(data.suite.description)}</p>` : ''}
  <p class="meta">${escapeHtml(data.createdAt)} · ${outcome(data)}</p>
  <dl class="env">${items.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl>
  ${unrepresentative ? '<p class="warning">Some runs used a TF.js fallback backend (pure JS or wasm): their timings are not representative of native TensorFlow.</p>' : ''}
  ${busy ? `<p class="warning busy-machine">${escapeHtml(busy)}.</p>` : ''}
  ${warnings.map((w) => `<p class="warning run-warning">${escapeHtml(w)}</p>`).join('')}
</header>`;
}
