// What is stripped from text on its way to the terminal, and what a script or shell line refuses.
import { expect, test } from 'vitest';
import { firstControl, refuseControl, stripControl } from './control-characters.js';

test.each([
  ['a CSI sequence, whole', 'a\x1b[2Jb\x1b[31mc', 'abc'],
  ['an OSC window title, ended by BEL or ST', 'a\x1b]0;title\x07b\x1b]8;;http://x\x1b\\c', 'abc'],
  ['a C1 CSI and other C1', 'a\x9b1Ab\x85c', 'abc'],
  ['a lone ESC and two-character sequences', 'a\x1bcb\x1b', 'ab'],
  ['carriage return, backspace, BEL, DEL', 'a\rb\x08c\x07d\x7f', 'abcd'],
  ['bidi overrides, isolates and marks', 'a\u202eb\u2066c\u2069d\u200fe\u061c', 'abcde'],
  ['line and paragraph separators', 'a\u2028b\u2029c', 'abc'],
  ['newline and tab kept; non-ASCII kept', 'é\tü\n日本', 'é\tü\n日本'],
])('stripControl: %s', (_, text, expected) => {
  expect(stripControl(text)).toBe(expected);
});

test.each([
  ['results\nrm -rf ~', 'a newline (U+000A)'],
  ['results\r', 'a carriage return (U+000D)'],
  ['a\tb', 'a tab (U+0009)'],
  ['a\u202eb', 'a bidirectional-text control (U+202E)'],
  ['a\x9bb', 'a control character (U+009B)'],
  ["results/my run/$(id)/'q'/日本", null],
])('firstControl(%j) is %s', (text, expected) => {
  expect(firstControl(text)).toBe(expected);
});

test('refuseControl names the option, the character and the value (exit 2)', () => {
  expect(() => refuseControl('--out', 'r\nx', 'a shell command line')).toThrow(
    expect.objectContaining({
      exitCode: 2,
      code: 'CONTROL_CHARACTER',
      message:
        '--out holds a newline (U+000A); it goes into a shell command line, where that would end a line or a word; got "r\\nx": choose one without control characters',
    }),
  );
  expect(() => refuseControl('--out', 'résultats/$(x)', 'a shell command line')).not.toThrow();
});
