import { expect, test } from 'vitest';
import type { RunSpec } from '../../schemas/index.js';
import { Progress } from './progress.js';

// A non-TTY stream: Progress then prints plain lines, one per start and end.
function capture() {
  const lines: string[] = [];
  const out = { isTTY: false, write: (text: string) => lines.push(text) } as unknown as NodeJS.WriteStream;
  return { lines, out };
}

const spec = (id: string) => ({ id, steps: { warmup: 1, measured: 2 } }) as RunSpec;

test('a run kept on resume prints no duration, and the ETA counts only launched runs', () => {
  const { lines, out } = capture();
  const progress = new Progress(3, out);
  progress.keep(1, spec('a'));
  progress.start(2, spec('b'));
  progress.finish(2, spec('b'), 'ok');
  expect(lines[0]).toBe('[1/3] a: finished earlier, kept\n');
  expect(lines[1]).toBe('[2/3] b: starting\n');
  // One launched run of a few ms: the one left is expected to take as long, well under a second.
  expect(lines[2]).toBe('[2/3] b: ok (0s); suite ETA 0s\n');
});
