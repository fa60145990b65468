// Issue 23: a per-run figure taken across two processes (a SAM run against the no-SAM run, or a
// SAM/base ratio over the baseline's steps at interval 1) is marked and shown without an
// interval, in the terminal and in report.html alike, since its bootstrap interval holds only
// the noise within each process; within-run figures keep their interval.
import { describe, expect, test } from 'vitest';
import { fakeResult } from '../measure/fixtures/result.js';
import type { RunResult } from '../measure/index.js';
import { CROSS_PROCESS_MARK, CROSS_PROCESS_NOTE } from './columns.js';
import { renderRunsTable } from './html/tables.js';
import { runsTable } from './table.js';

const WIDE = { width: 300, color: false };

// One no-SAM run; one SAM run at k=10 (its ratio within the run); one at k=1 (its ratio over the baseline's steps).
const base = fakeResult(null);
const k10: RunResult = {
  ...fakeResult({ interval: 10, rho: 0.5 }, { ratio: 2, slowdown: 0.4 }),
  slowdownWithinRun: { value: 0.1, ci95: [0.08, 0.12] },
};
const k1: RunResult = (() => {
  const r = fakeResult({ interval: 1, rho: 0.05 }, { ratio: 2.1, slowdown: -0.2 });
  return { ...r, stepRatio: { ...r.stepRatio!, source: 'baseline' } };
})();

const rowOf = (table: string, id: string) => table.split('\n').find((line) => line.startsWith(id))!;

describe('the terminal runs table', () => {
  const table = runsTable([base, k10, k1], WIDE);

  test('a slowdown against the no-SAM run is marked and has no interval', () => {
    expect(rowOf(table, k10.spec.id)).toContain(`40.0%${CROSS_PROCESS_MARK}`);
    expect(rowOf(table, k10.spec.id)).not.toContain('38.0%');
    expect(rowOf(table, k1.spec.id)).toContain(`-20.0%${CROSS_PROCESS_MARK}`);
  });

  test('the within-run slowdown and a ratio within the run keep their intervals', () => {
    expect(rowOf(table, k10.spec.id)).toContain('10.0% [8.0%, 12.0%]');
    expect(rowOf(table, k10.spec.id)).toContain('2.00 [1.90, 2.10]');
  });

  test("a ratio over the baseline's steps (interval 1), and the prediction from it, are marked without an interval", () => {
    const row = rowOf(table, k1.spec.id);
    expect(row).toContain(`2.10${CROSS_PROCESS_MARK}`);
    expect(row).not.toContain('[2.00, 2.20]');
    expect(row).toContain(`110.0%${CROSS_PROCESS_MARK}`);
  });

  test('the footnote says what the mark means; without a marked figure there is none', () => {
    expect(table.replace(/\n/g, ' ')).toContain(CROSS_PROCESS_NOTE);
    expect(CROSS_PROCESS_NOTE).toMatch(/^\* across two processes .*only the noise within each process/);
    expect(runsTable([base], WIDE)).not.toContain('across two processes');
  });
});

describe("report.html's runs table", () => {
  const html = renderRunsTable([base, k10, k1]);
  const rowHtml = (id: string) => html.split('\n').find((line) => line.includes(`<code>${id}</code>`))!;

  test('marks the same figures, without their interval, and carries the same footnote', () => {
    expect(rowHtml(k10.spec.id)).toContain(`<td class="num">40.0%${CROSS_PROCESS_MARK}</td>`);
    expect(rowHtml(k10.spec.id)).toContain('<span class="ci">[8.0%, 12.0%]</span>');
    expect(rowHtml(k1.spec.id)).toContain(`<td class="num">2.10${CROSS_PROCESS_MARK}</td>`);
    expect(html).toContain('<p class="caption cross-process-note">* across two processes');
    expect(renderRunsTable([base])).not.toContain('cross-process-note');
  });
});

test('the narrowest terminal (60 columns) keeps the within-run slowdown and fits', () => {
  // Run ids as long as cpu-cnn's.
  const long = (r: RunResult) => ({ ...r, spec: { ...r.spec, id: `sam-k${r.spec.sam?.interval ?? 0}-rho0.5-bs128-lr0.01-s0` } });
  const narrow = runsTable([long(k10), long(k1)], { width: 60, color: false });
  expect(narrow.split('\n')[0]).toMatch(/^run +within run \[95% CI\]$/);
  for (const line of narrow.split('\n')) expect(line.length, line).toBeLessThanOrEqual(60);
});

test('a suite without no-SAM runs (`baseline: false`) gets no column against them, nor the footnote', () => {
  const table = runsTable([{ ...k10, slowdown: null }], WIDE);
  expect(table).not.toContain('vs no-SAM');
  expect(table).not.toContain('across two processes');
});
