import { expect, test } from 'vitest';
import type { RunSpec } from '../../schemas/index.js';
import { Progress, progressPrinter } from './progress.js';

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

// A TTY whose TERM is `dumb` (Emacs shells, some CI consoles) prints `\r ESC[2K` as text.
function captureTty() {
  const lines: string[] = [];
  const out = { isTTY: true, hasColors: () => false, write: (text: string) => lines.push(text) } as unknown as NodeJS.WriteStream;
  return { lines, out };
}

test('TERM=dumb on a TTY gets plain lines, no escape codes; another TERM gets the live line', () => {
  const dumb = captureTty();
  const progress = new Progress(1, dumb.out, { TERM: 'dumb' });
  progress.start(1, spec('a'));
  progress.finish(1, spec('a'), 'ok');
  expect(dumb.lines).toEqual(['[1/1] a: starting\n', '[1/1] a: ok (0s); suite ETA 0s\n']);
  const live = captureTty();
  new Progress(1, live.out, { TERM: 'xterm-256color' }).keep(1, spec('a'));
  expect(live.lines).toEqual(['\r\x1b[2K[1/1] a: finished earlier, kept\n']);
});

test('a run id with escape codes or a carriage return prints stripped, on a live line too', () => {
  const { lines, out } = captureTty();
  new Progress(1, out, { TERM: 'xterm' }).keep(1, spec('a\x1b[2J\rb\u202ec'));
  expect(lines).toEqual(['\r\x1b[2K[1/1] abc: finished earlier, kept\n']);
});

test('progressPrinter prints run events as Progress lines: a failed run names its reason, message and stderr log', () => {
  const { lines, out } = capture();
  const print = progressPrinter(out, {});
  const base = { index: 1, total: 1, spec: spec('a') };
  print({ type: 'run-start', ...base });
  print({ type: 'run-end', ...base, status: 'failed', reason: 'crash', message: 'boom', stderr: '/r/a.stderr.log', warnings: ['slow'] });
  expect(lines).toEqual([
    '[1/1] a: starting\n',
    '[1/1] a: FAILED (crash): boom; stderr: /r/a.stderr.log; warning: slow (0s); suite ETA 0s\n',
  ]);
});
