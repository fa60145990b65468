// Output stability: the CSVs, terminal tables, report page model, history line and compare
// output of two committed results folders, diffed against committed expected files. A change
// to any of them must be deliberate: rerun with SAMBENCH_UPDATE_GOLDEN=1 and commit the diff.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readResultsFolder } from './compare/bench-data.js';
import { appendHistory } from './history/index.js';
import { compareBenches } from './compare/compare.js';
import { formatComparison } from './compare/format.js';
import { loadBench } from './compare/load.js';
import { readRunLog } from './launch/index.js';
import { reduceRuns, summarizeConfigurations, type RunInput } from './measure/index.js';
import { writeCsvReports } from './report/csv.js';
import { buildPageModel } from './report/html/page-model.js';
import { configurationsTable, runsTable, verdictTable } from './report/table.js';
import { checkExpectations } from './report/verdicts.js';
import { terminalText } from './terminal-output.js';
import type { RunSpec, Suite } from '../schemas/index.js';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'golden-results');
const EXPECTED = path.join(FIXTURE, 'expected');
const UPDATE = process.env.SAMBENCH_UPDATE_GOLDEN === '1';
// The order the bench made the runs in (the suite's expansion order), which the CSV rows keep.
const RUN_ORDER = [
  'base-bs32-lr0.05-s0',
  'sam-k1-rho0.05-bs32-lr0.05-s0',
  'sam-k2-rho0.1-bs32-lr0.05-s0',
  'base-bs32-lr0.05-s1',
  'sam-k1-rho0.05-bs32-lr0.05-s1',
  'sam-k2-rho0.1-bs32-lr0.05-s1',
];

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sambench-golden-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

// What the bench CLI holds in memory after its runs, rebuilt from the folder it wrote.
function recordsOf(bench: string): RunInput[] {
  const runsDir = path.join(FIXTURE, bench, 'runs');
  return RUN_ORDER.map((id) => {
    const spec = readJson<RunSpec>(path.join(runsDir, `${id}.spec.json`));
    const log = readRunLog(runsDir, id);
    return { spec, events: log.events };
  });
}

function expectGolden(name: string, actual: string): void {
  const file = path.join(EXPECTED, name);
  if (UPDATE) {
    fs.mkdirSync(EXPECTED, { recursive: true });
    fs.writeFileSync(file, actual);
  }
  expect(actual, `${name} differs from ${path.relative(process.cwd(), file)}`).toBe(fs.readFileSync(file, 'utf8'));
}

describe('outputs of the committed results folder are unchanged', () => {
  const suite = readJson<Suite>(path.join(FIXTURE, 'a', 'suite.resolved.json'));
  const records = recordsOf('a');
  const results = reduceRuns(records);
  const configurations = summarizeConfigurations(results);
  const verdicts = checkExpectations(suite.expect ?? [], results);

  test.each(['summary.csv', 'steps.csv', 'verdicts.csv', 'configurations.csv', 'evals.csv'])('%s', (name) => {
    const out = path.join(scratch, 'csv');
    fs.mkdirSync(out, { recursive: true });
    writeCsvReports(out, results, configurations, verdicts);
    expectGolden(name, fs.readFileSync(path.join(out, name), 'utf8'));
  });

  test('terminal tables', () => {
    expectGolden('tables.txt', `${runsTable(results)}\n\n${configurationsTable(configurations)}\n\n${verdictTable(verdicts)}\n`);
  });

  test('the terminal tables fit 100 columns, say what they left out, and colour verdicts only when asked', () => {
    const plain = [runsTable(results), configurationsTable(configurations), verdictTable(verdicts)].join('\n');
    for (const line of plain.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
    expect(plain).not.toContain('\x1b[');
    expect(plain).toContain(
      '(left out to fit 100 columns: samples/s, base ms, SAM ms, SAM steps; every column is in summary.csv\nand report.html)',
    );
    // What decides stays when the table is narrowed: the ratio and the within-run slowdown.
    expect(plain.split('\n')[0]).toMatch(/^run +SAM\/base \[95% CI\] +within run \[95% CI\] +vs no-SAM\* +predicted$/);
    expect(plain).toContain("each verdict's full detail is in verdicts.csv and report.html");
    // A wide terminal gets every column.
    expect(runsTable(results, { width: 200, color: false })).not.toContain('left out');
    const failed = { ...results[1]!, status: 'failed' as const, reason: 'crash' };
    // As printed to a terminal that takes colour: the marks become SGR codes.
    const onTty = (text: string) => terminalText(text, { isTTY: true, hasColors: () => true }, {}, true);
    const colored = onTty(
      `${runsTable([results[0]!, failed], { width: 100, color: true })}\n${verdictTable(verdicts, { width: 100, color: true })}`,
    );
    expect(colored).toContain('\x1b[32mPASS\x1b[39m');
    expect(colored).toContain('\x1b[33mINCONCLUSIVE\x1b[39m');
    expect(colored).toContain('\x1b[31mFAILED (crash)\x1b[39m');
    expect(onTty(verdictTable([{ ...verdicts[0]!, outcome: 'fail' }], { width: 100, color: true }))).toContain('\x1b[31mFAIL\x1b[39m');
    // Colour codes take no width: the coloured table lines up as the plain one.
    expect(
      onTty(verdictTable(verdicts, { width: 100, color: true })).replace(new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g'), ''),
    ).toBe(verdictTable(verdicts));
  });

  test("the report's page model (what its charts draw)", () => {
    const model = buildPageModel(results);
    expectGolden('page-model.json', `${JSON.stringify(model, null, 2)}\n`);
  });

  test('the history line', () => {
    const file = path.join(scratch, 'history.jsonl');
    const line = appendHistory(readResultsFolder(path.join(FIXTURE, 'a')), {
      file,
      commit: null,
      now: new Date('2026-01-01T00:00:00.000Z'),
    });
    expectGolden('history.json', `${JSON.stringify({ ...line, results: path.basename(line.results) }, null, 2)}\n`);
  });
});

describe("compare's verdicts are unchanged", () => {
  test.each([0.05, 0.3])('a against b at a minimum effect of %s', (minEffect) => {
    const comparison = compareBenches(loadBench(path.join(FIXTURE, 'a')), loadBench(path.join(FIXTURE, 'b')), { minEffect });
    const { warnings, text } = formatComparison(comparison);
    // The folders' paths appear in the text; keep only their names so the file is portable.
    const portable = (s: string) => s.replaceAll(FIXTURE + path.sep, '');
    expectGolden(
      `compare-${minEffect}.txt`,
      `${warnings.map(portable).join('\n')}\n${portable(text)}\nregressions: ${comparison.regressions}\n`,
    );
  });
});
