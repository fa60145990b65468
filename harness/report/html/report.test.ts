// report.html without a browser: self-contained (nothing loaded from outside), suite text cannot
// break out of its element, the data round-trips, and notes replace charts that have no data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, test } from 'vitest';
import { reportFixture } from './fixtures/report-fixture.js';
import { renderReport, writeReport, type PageModel } from './index.js';
import { escapeHtml, jsonForScript, scriptForInline } from './escape.js';
import { EXIT_RULE, OUTCOME_LABEL, OUTCOME_MEANING } from '../verdict-wording.js';
import type { BenchManifest } from '../../provenance.js';
import { busyMachineWarning } from '../busy-machine.js';

const HOSTILE = 'A </script><script>alert(1)</script> <!-- and </SCRIPT > & "quotes" \u2028 end';

function embeddedModel(html: string): PageModel {
  const open = '<script type="application/json" id="sambench-data">';
  const start = html.indexOf(open) + open.length;
  return JSON.parse(html.slice(start, html.indexOf('</script>', start))) as PageModel;
}

describe('renderReport', () => {
  const html = renderReport(reportFixture({ evaluation: true }));

  test('is self-contained: no outside scripts, styles, images or links', () => {
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<script[^>]*\bsrc\s*=/i);
    expect(html).not.toMatch(/<link[^>]*rel=["']?stylesheet/i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
    expect(html).not.toMatch(/sourceMappingURL/);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('Chart.js v4.'); // the library's licence banner travels with it
  });

  test('has exactly its three scripts: the data, Chart.js and the client', () => {
    expect(html.match(/<script\b/gi)).toHaveLength(3);
    expect(html.match(/<\/script/gi)).toHaveLength(3);
  });

  test('verdict rows and run rows are in the HTML itself', () => {
    expect(html.match(/<tr class="verdict-row (pass|fail|inconclusive)">/g)).toHaveLength(3);
    expect(html).toMatch(/<span class="verdict (pass|fail|inconclusive)">(PASS|FAIL|INCONCLUSIVE)<\/span>/);
    expect(html).toContain('<code>sam-k10-rho0.5-bs64-lr0.05-s0</code>');
    expect(html).toContain('acc gain (pp)');
  });

  test('the verdicts section states the rule and the exit code, in the words of the terminal', () => {
    for (const outcome of ['pass', 'fail', 'inconclusive'] as const)
      expect(html).toContain(
        `<dt><span class="verdict ${outcome}">${OUTCOME_LABEL[outcome]}</span></dt><dd>${escapeHtml(OUTCOME_MEANING[outcome])}.</dd>`,
      );
    expect(html).toContain(escapeHtml(EXIT_RULE));
  });

  test('suite text with </script>, <!-- and quotes cannot break out', () => {
    const data = reportFixture({ description: HOSTILE });
    data.suite.name = 'x</script><b>';
    data.verdicts[0]!.detail = '</script><script>alert(2)</script>';
    const page = renderReport(data);
    expect(page.match(/<\/script/gi)).toHaveLength(3);
    expect(page.match(/<script\b/gi)).toHaveLength(3);
    expect(page).toContain('A &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;!-- and &lt;/SCRIPT &gt; &amp; &quot;quotes&quot;');
    expect(page).toContain('<h1>x&lt;/script&gt;&lt;b&gt; ');
    expect(page).not.toContain('<!-- and');
  });

  test('the embedded page model parses back to the same data', () => {
    const model = embeddedModel(html);
    expect(model.runs.map((r) => r.id)).toEqual([
      'base-bs64-lr0.05-s0',
      'sam-k1-rho0.05-bs64-lr0.05-s0',
      'sam-k2-rho0.1-bs64-lr0.05-s0',
      'sam-k10-rho0.5-bs64-lr0.05-s0',
    ]);
    expect(model.runs.map((r) => r.label)).toEqual(['base', 'sam-k1-rho0.05', 'sam-k2-rho0.1', 'sam-k10-rho0.5']);
    expect(model.runs[0]!.steps.i).toHaveLength(65);
    expect(model.intervals).toEqual([1, 2, 10]);
    expect(model.tradeoff?.points.map((p) => p.label)).toEqual(['no SAM', 'k=1 ρ=0.05', 'k=2 ρ=0.1', 'k=10 ρ=0.5']);
  });

  test('with evaluations: a box for every chart; without: notes instead of the accuracy charts', () => {
    for (const name of ['step-distribution', 'slowdown', 'tradeoff', 'rho-gain', 'accuracy', 'timeline'])
      expect(html).toContain(`data-chart="${name}"`);
    const plain = renderReport(reportFixture({ failedRun: true }));
    expect(plain).not.toContain('data-chart="tradeoff"');
    expect(plain).not.toContain('data-chart="accuracy"');
    expect(plain).not.toContain('data-chart="rho-gain"');
    expect(plain).toContain('This suite has no evaluation');
    expect(plain).toContain('FAILED (timeout)');
    expect(embeddedModel(plain).tradeoff).toBeNull();
  });
});

describe('the header says what made the results', () => {
  const start = {
    sambench: '0.1.0',
    commit: 'a'.repeat(40),
    dirty: false,
    node: 'v20.0.0',
    startedAt: '2026-01-01T00:00:00.000Z',
    command: [],
    suiteSha256: 'f'.repeat(64),
  };
  const provenance: BenchManifest = {
    format: 'sambench-bench',
    version: 1,
    ...start,
    suite: { name: 'fig', file: 'suites/fig.json', sha256: 'f'.repeat(64) },
    resumes: [{ ...start, commit: 'b'.repeat(40), dirty: true, startedAt: '2026-01-02T00:00:00.000Z' }],
  };

  test('suite hash, sambench version and commit, and a resume by other code', () => {
    const page = renderReport({ ...reportFixture(), provenance });
    expect(page).toContain('<dt>sambench</dt><dd>0.1.0</dd>');
    expect(page).toContain('<dt>commit</dt><dd>aaaaaaaaaaaa</dd>');
    expect(page).toContain('<dt>resumed 2026-01-02T00:00:00.000Z</dt><dd>sambench 0.1.0, commit bbbbbbbbbbbb + uncommitted changes</dd>');
    expect(page).toContain('<dt>suite sha256</dt><dd>ffffffffffffffff</dd>');
    expect(renderReport(reportFixture())).not.toContain('<dt>commit</dt>');
  });

  test("a run's warnings (stdout lines that were not events) are on the page, escaped", () => {
    const data = reportFixture();
    data.results[0]!.warnings.push('2 stdout lines were not a worker event (first: "<b>hi</b>"); all are in runs/x.stdout.log');
    const page = renderReport(data);
    expect(page).toContain(
      `<p class="warning run-warning">${escapeHtml(data.results[0]!.spec.id)}: 2 stdout lines were not a worker event (first: &quot;&lt;b&gt;hi&lt;/b&gt;&quot;); all are in runs/x.stdout.log</p>`,
    );
    expect(renderReport(reportFixture())).not.toContain('run-warning');
  });

  test("the terminal's load warning is on the page when other processes took over a quarter of the CPUs", () => {
    const data = reportFixture();
    const busy = { type: 'machine' as const, busyShare: 0.9, ownShare: 0.5, otherShare: 0.4, stealShare: 0, loadAverage: 3 };
    data.results[1] = { ...data.results[1]!, machine: busy };
    const warning = busyMachineWarning(data.results)!;
    expect(warning).toMatch(/^1 run was measured while other processes used more than 25\.0% of the CPUs/);
    expect(renderReport(data)).toContain(`<p class="warning busy-machine">${escapeHtml(warning)}.</p>`);
    expect(renderReport(reportFixture())).not.toContain('busy-machine');
  });
});

describe('writeReport', () => {
  test('writes report.html into the folder, creating it, and returns its path', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-report-unit-')), 'nested');
    const file = writeReport(dir, reportFixture());
    expect(file).toBe(path.join(dir, 'report.html'));
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^<!doctype html>/);
    fs.rmSync(path.dirname(dir), { recursive: true });
  });
});

describe('escaping', () => {
  test('jsonForScript: no <, > or & left raw, and JSON.parse restores the value', () => {
    const value = { s: HOSTILE, n: [1, null], t: '<!--<script>' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  test('scriptForInline: end tags and comment openers in code are neutralised, source maps dropped', () => {
    const out = scriptForInline('var a = "</script>"; var b = /<!--/;\n//# sourceMappingURL=x.map');
    expect(out).toBe('var a = "<\\/script>"; var b = /<\\!--/;\n');
    // Run the rewritten code in a fresh context: the strings and the regular expression mean what they meant.
    const values: unknown = vm.runInNewContext(`${out}; [a, b.source];`);
    expect(values).toEqual(['</script>', '<\\!--']);
  });
});
