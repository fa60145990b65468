// When the terminal report is coloured and how wide it is drawn: FORCE_COLOR, then NO_COLOR, then
// the stream (a TTY that has colours); a TTY's columns or COLUMNS, else 100.
import { expect, test } from 'vitest';
import { terminalText, wantsColor } from '../terminal-output.js';
import { paint, terminalFor } from './terminal.js';

type Stream = Parameters<typeof terminalFor>[0];
const tty: Stream = { isTTY: true, columns: 132, hasColors: () => true };
const pipe: Stream = { isTTY: false };

test.each<[string, Stream, NodeJS.ProcessEnv, boolean]>([
  ['a TTY with colours', tty, {}, true],
  ['a TTY without colours', { ...tty, hasColors: () => false }, {}, false],
  ['a pipe', pipe, {}, false],
  ['NO_COLOR on a TTY', tty, { NO_COLOR: '1' }, false],
  ['an empty NO_COLOR on a TTY', tty, { NO_COLOR: '' }, true],
  ['FORCE_COLOR=1 into a pipe', pipe, { FORCE_COLOR: '1' }, true],
  ['FORCE_COLOR (empty) into a pipe', pipe, { FORCE_COLOR: '' }, true],
  ['FORCE_COLOR=0 on a TTY', tty, { FORCE_COLOR: '0' }, false],
  ['FORCE_COLOR=1 beats NO_COLOR', pipe, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
])('%s: colour %s', (_, stream, env, expected) => {
  expect(wantsColor(stream, env)).toBe(expected);
});

test("width: COLUMNS, else a TTY's columns, else 100; never under 60", () => {
  expect(terminalFor(tty, {}).width).toBe(132);
  expect(terminalFor(tty, { COLUMNS: '90' }).width).toBe(90);
  expect(terminalFor(pipe, {}).width).toBe(100);
  expect(terminalFor(pipe, { COLUMNS: '20' }).width).toBe(60);
});

test('paint marks text with the tone colour only when colour is on; printing turns the mark into colour', () => {
  expect(terminalText(paint('PASS', 'good', true), tty, {}, true)).toBe('\x1b[32mPASS\x1b[39m');
  expect(terminalText(paint('PASS', 'good', true), pipe, {}, true)).toBe('PASS');
  expect(paint('PASS', 'good', false)).toBe('PASS');
  expect(paint('run-1', undefined, true)).toBe('run-1');
});

test('a colour mark in quoted text colours nothing: not in a cell, nor in a line that is not a report', () => {
  const smuggled = `run\ufdd1-1\ufdd3`;
  expect(terminalText(paint(smuggled, undefined, true), tty, {}, true)).toBe('run-1');
  expect(terminalText(paint(smuggled, 'good', true), tty, {}, true)).toBe('\x1b[32mrun-1\x1b[39m');
  expect(terminalText(`FAILED: ${smuggled}`, tty, {})).toBe('FAILED: run-1');
});
