// A vitest reporter that says, after the run, which tests were skipped and why: the default
// reporter shows only "8 skipped" per file. The reason is the skip's note (`ctx.skip(note)`), else
// the title of the suite or test that was skipped, which by this project's convention says why
// (`describe.skipIf(...)(\`... (skipped: folder not found)\`)`). Runs alongside the default reporter.
import path from 'node:path';
import type { Reporter, TestCase, TestModule, TestSuite, Vitest } from 'vitest/node';

// The outermost skipped suite above a test, else the test itself: what the skip was put on.
function skippedTask(test: TestCase): TestCase | TestSuite {
  let task: TestCase | TestSuite = test;
  for (let parent = test.parent; parent.type === 'suite'; parent = parent.parent) {
    if (parent.options.mode === 'skip') task = parent;
  }
  return task;
}

/** Lists every skipped test's reason under the summary, one line per reason with its count. */
export default class SkipReasons implements Reporter {
  private filtered = false;
  private root = process.cwd();

  onInit(vitest: Vitest): void {
    // With -t, every other test reads as skipped; that is not news.
    this.filtered = Boolean(vitest.config.testNamePattern);
    this.root = vitest.config.root;
  }

  onTestRunEnd(testModules: readonly TestModule[]): void {
    if (this.filtered) return;
    const reasons = new Map<string, number>();
    for (const module of testModules) {
      for (const test of module.children.allTests('skipped')) {
        if (test.options.mode === 'todo') continue;
        const result = test.result();
        const why = (result.state === 'skipped' ? result.note : undefined) ?? skippedTask(test).fullName;
        const key = `${path.relative(this.root, module.moduleId)}: ${why}`;
        reasons.set(key, (reasons.get(key) ?? 0) + 1);
      }
    }
    if (reasons.size === 0) return;
    const total = [...reasons.values()].reduce((a, b) => a + b, 0);
    const lines = [...reasons].map(([why, n]) => `  ${why}${n > 1 ? ` (${n} tests)` : ''}`);
    process.stdout.write(`\n${total} skipped, and why:\n${lines.join('\n')}\n`);
  }
}
