// The page `npm run claims` writes: per claim of the method card, the card's words, the suites
// that check it, the deciding verdicts with their intervals, a chart of them, and the claim's
// verdict. Two forms of one model: claims.html (self-contained, Chart.js inline, as report.html)
// and claims.md (for docs/). Pure: the same input always gives the same page.
import { clientScriptFor } from './html/assets.js';
import { escapeHtml } from './html/escape.js';
import { pageHead, pageTail } from './html/render.js';
import { renderVerdictRule, renderVerdictTable } from './html/tables.js';
import { combineOutcomes, type Outcome } from './verdict-rule.js';
import { OUTCOME_LABEL } from './verdict-wording.js';
import { EXPECTATION_KINDS } from '../../schemas/index.js';
import { verdictValueFormat, writtenAsPercent, type Verdict } from './verdicts.js';

/** One suite of a claim, as its results folder holds it. */
export interface ClaimSuite {
  /** The suite file, relative to the project root. */
  file: string;
  /** Its results folder's report.html, relative to the page. */
  report: string;
  runs: number;
  failedRuns: number;
  /** Wall time of the bench that made the folder, when `npm run claims` ran it. */
  wallSeconds: number | null;
}

/** One claim with what its suites found. */
export interface ClaimSection {
  id: string;
  title: string;
  cardWords: string;
  suites: ClaimSuite[];
  /** The verdicts that decide the claim (its suites' deciding kinds, and a comparison across suites). */
  deciding: Verdict[];
  /** The suites' other verdicts, shown as context. */
  context: Verdict[];
}

/** A claim's verdict: its deciding verdicts combined (any fail fails, all pass passes); inconclusive when none or a run failed. */
export function claimOutcome(section: ClaimSection): Outcome {
  if (section.deciding.length === 0 || section.suites.some((s) => s.failedRuns > 0)) return 'inconclusive';
  return combineOutcomes(section.deciding.map((v) => v.outcome));
}

// A verdict's value and interval as the page writes them: percentages for fractions, else plain.
function valueText(v: Verdict): string {
  if (v.measured === null) return 'no value';
  const format = verdictValueFormat(v.kind);
  const ci = v.ci95 ? ` [${format(v.ci95[0])}, ${format(v.ci95[1])}]` : '';
  return `${format(v.measured)}${ci}`;
}

// The summary names each deciding verdict beside its value: one claim may hold values in several units.
const namedValues = (s: ClaimSection) => s.deciding.map((v) => `${v.expectation}: ${valueText(v)}`).join('; ') || '-';

const minutes = (s: number | null) => (s === null ? 'not timed' : `${(s / 60).toFixed(1)} min`);

/** claims.md: a summary table, then per claim the card's words, suites, verdicts and details. */
export function renderClaimsMarkdown(sections: readonly ClaimSection[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
  const summary = sections.map((s) => `| [${cell(s.title)}](#${s.id}) | **${OUTCOME_LABEL[claimOutcome(s)]}** | ${cell(namedValues(s))} |`);
  const parts = sections.map((s) => {
    const suites = s.suites.map(
      (x) => `- \`${x.file}\`: ${x.runs} runs${x.failedRuns ? `, ${x.failedRuns} failed` : ''}, wall time ${minutes(x.wallSeconds)}`,
    );
    const verdicts = [...s.deciding, ...s.context].map(
      (v) =>
        `| ${cell(v.expectation)}${s.deciding.includes(v) ? ' (deciding)' : ''} | ${cell(valueText(v))} | ${cell(v.expected)} | ${OUTCOME_LABEL[v.outcome]} | ${cell(v.detail)} |`,
    );
    return [
      `<a id="${s.id}"></a>`,
      `## ${s.title}: ${OUTCOME_LABEL[claimOutcome(s)]}`,
      '',
      `> ${cell(s.cardWords)}`,
      '',
      ...suites,
      '',
      '| verdict | measured [95% CI] | expected | outcome | detail |',
      '|---|---|---|---|---|',
      ...verdicts,
    ].join('\n');
  });
  return [
    '# The method card, claim by claim',
    '',
    '| claim | verdict | deciding value [95% CI] |',
    '|---|---|---|',
    ...summary,
    '',
    ...parts.flatMap((p) => [p, '']),
  ].join('\n');
}

/** What the page's chart script reads: per claim, its deciding verdicts as points with intervals and bounds. */
export function claimsChartModel(sections: readonly ClaimSection[]) {
  return sections.map((s) => ({
    id: s.id,
    points: s.deciding.map((v) => {
      const scale = writtenAsPercent(v.kind) ? 100 : 1;
      const at = (x: number | undefined | null) => (x === undefined || x === null ? null : scale * x);
      return {
        label: v.expectation,
        unit: writtenAsPercent(v.kind) ? '%' : EXPECTATION_KINDS[v.kind].unit,
        value: at(v.measured),
        lo: at(v.ci95?.[0]),
        hi: at(v.ci95?.[1]),
        min: at(v.range?.min),
        max: at(v.range?.max),
        outcome: v.outcome,
      };
    }),
  }));
}

function sectionHtml(s: ClaimSection): string {
  const outcome = claimOutcome(s);
  const suites = s.suites
    .map(
      (x) =>
        `<li><code>${escapeHtml(x.file)}</code>: ${x.runs} runs${x.failedRuns ? `, <strong class="fail-text">${x.failedRuns} failed</strong>` : ''}, wall time ${escapeHtml(minutes(x.wallSeconds))} (<a href="${escapeHtml(x.report)}">report</a>)</li>`,
    )
    .join('');
  const context = s.context.length ? `<h3>Context</h3>\n${renderVerdictTable(s.context, { rule: false })}` : '';
  return `<section id="${escapeHtml(s.id)}"><h2>${escapeHtml(s.title)} <span class="verdict ${outcome}">${OUTCOME_LABEL[outcome]}</span></h2>
<blockquote>${escapeHtml(s.cardWords)}</blockquote>
<ul>${suites}</ul>
<h3>Deciding verdicts</h3>
${s.deciding.length ? renderVerdictTable(s.deciding, { rule: false }) : '<p class="note">No verdict could be formed: see the suites.</p>'}
<div class="chart" data-chart="claim-${escapeHtml(s.id)}"></div>
${context}
</section>`;
}

/** claims.html: self-contained, as report.html is. */
export function renderClaimsPage(sections: readonly ClaimSection[]): string {
  const rows = sections
    .map((s) => {
      const o = claimOutcome(s);
      return `<tr><td><a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a></td><td><span class="verdict ${o}">${OUTCOME_LABEL[o]}</span></td><td>${escapeHtml(namedValues(s))}</td></tr>`;
    })
    .join('\n');
  return `${pageHead('The method card, claim by claim — sambench')}
<body>
<main>
<h1>The method card, claim by claim</h1>
<div class="table-wrap"><table><thead><tr><th>claim</th><th>verdict</th><th>deciding value [95% CI]</th></tr></thead><tbody>
${rows}
</tbody></table></div>
${renderVerdictRule()}
${sections.map(sectionHtml).join('\n')}
<footer>sambench · each suite's report.html and CSV files hold every number · charts drawn with Chart.js (MIT), bundled in this page</footer>
</main>
${pageTail(claimsChartModel(sections), clientScriptFor(['common.js', 'claims.js']))}`;
}
