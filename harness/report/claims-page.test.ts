// The claims page on hand-made verdicts: a claim's verdict from its deciding ones, the markdown
// table, the HTML's escaping of every text, and the chart model's units.
import { describe, expect, test } from 'vitest';
import { claimOutcome, claimsChartModel, renderClaimsMarkdown, renderClaimsPage, type ClaimSection } from './claims-page.js';
import type { Verdict } from './verdicts.js';

const verdict = (outcome: Verdict['outcome'], values: Partial<Verdict> = {}): Verdict => ({
  expectation: 'accuracy-gain@interval=1',
  kind: 'accuracy-gain',
  measured: 1.5,
  ci95: [0.5, 2.5],
  expected: '[0, +inf]',
  range: { min: 0 },
  outcome,
  detail: 'gain | over 3 seeds',
  ...values,
});

const section = (deciding: Verdict[], values: Partial<ClaimSection> = {}): ClaimSection => ({
  id: 'overfitting',
  title: 'SAM prevents overfitting',
  cardWords: 'SAM seems to prevent <overfitting>',
  suites: [{ file: 'suites/claims/overfitting.json', report: 'overfitting/report.html', runs: 15, failedRuns: 0, wallSeconds: 540 }],
  deciding,
  context: [],
  ...values,
});

describe('claimOutcome', () => {
  test.each([
    [['pass', 'pass'], 'pass'],
    [['pass', 'inconclusive'], 'inconclusive'],
    [['inconclusive', 'fail'], 'fail'],
    [[], 'inconclusive'],
  ] as const)('deciding %j: %s', (outcomes, expected) => {
    expect(claimOutcome(section(outcomes.map((o) => verdict(o))))).toBe(expected);
  });

  test('a failed run leaves the claim inconclusive even when its verdicts pass', () => {
    const s = section([verdict('pass')], {
      suites: [{ file: 'a.json', report: 'a/report.html', runs: 4, failedRuns: 1, wallSeconds: null }],
    });
    expect(claimOutcome(s)).toBe('inconclusive');
  });
});

describe('renderClaimsMarkdown', () => {
  const md = renderClaimsMarkdown([
    section([verdict('pass')], { context: [verdict('fail', { expectation: 'step-ratio', kind: 'step-ratio' })] }),
  ]);

  test('a summary row per claim with its verdict and deciding value, then its section', () => {
    expect(md).toContain('| [SAM prevents overfitting](#overfitting) | **PASS** | accuracy-gain@interval=1: 1.5 [0.5, 2.5] |');
    expect(md).toContain('## SAM prevents overfitting: PASS');
    expect(md).toContain('> SAM seems to prevent <overfitting>');
    expect(md).toContain('- `suites/claims/overfitting.json`: 15 runs, wall time 9.0 min');
  });

  test('deciding and context verdicts are told apart; a pipe in a detail cannot break the table', () => {
    expect(md).toContain('| accuracy-gain@interval=1 (deciding) | 1.5 [0.5, 2.5] | [0, +inf] | PASS | gain \\| over 3 seeds |');
    expect(md).toContain('| step-ratio | 1.5 [0.5, 2.5] | [0, +inf] | FAIL |');
  });
});

describe('renderClaimsPage', () => {
  test('escapes the card words, titles and details; links each suite report; one chart box per claim', () => {
    const html = renderClaimsPage([section([verdict('fail', { detail: '<img src=x onerror=alert(1)>' })], { title: 'a <b> title' })]);
    expect(html).toContain('SAM seems to prevent &lt;overfitting&gt;');
    expect(html).toContain('a &lt;b&gt; title');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('<a href="overfitting/report.html">report</a>');
    expect(html).toContain('data-chart="claim-overfitting"');
    expect(html).toContain('<span class="verdict fail">FAIL</span>');
  });
});

describe('claimsChartModel', () => {
  test('fractions become percent, points stay points, bounds follow their value', () => {
    const slowdown = verdict('pass', { kind: 'slowdown', measured: 0.07, ci95: [0.05, 0.09], range: { max: 0.1 } });
    const [claim] = claimsChartModel([section([verdict('pass'), slowdown])]);
    expect(claim!.points[0]).toMatchObject({ unit: 'points', value: 1.5, lo: 0.5, hi: 2.5, min: 0, max: null });
    expect(claim!.points[1]).toMatchObject({ unit: '%', min: null, max: 10 });
    expect(claim!.points[1]!.value).toBeCloseTo(7, 12);
  });
});
