// What strict JSON parsing alone lets through in a suite file: nesting deep enough to overflow
// the parser's stack, keys that rewrite an object's prototype when parsed into one, and
// duplicate keys (silently last-wins). Each becomes a located problem before anything is built.
import { visit, type JSONPath } from 'jsonc-parser';
import type { SuiteProblem } from './problems.js';

/** Deeper than any suite needs, far below what overflows the stack. */
export const MAX_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The nesting depth of `text`'s arrays and objects, counted without recursion (strings skipped). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return deepest;
}

const pointerOf = (path: JSONPath, key: string) =>
  `/${[...path, key].map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

/** Problems with the keys of `text` (valid JSON, at most MAX_DEPTH deep): forbidden and duplicate keys, each with its pointer. */
export function keyProblems(text: string): SuiteProblem[] {
  const problems: SuiteProblem[] = [];
  const scopes: Set<string>[] = [];
  visit(text, {
    onObjectBegin: () => void scopes.push(new Set()),
    onObjectEnd: () => void scopes.pop(),
    onObjectProperty: (key, _offset, _length, _line, _column, pathSupplier) => {
      const keys = scopes.at(-1)!;
      const pointer = pointerOf(pathSupplier(), key);
      if (FORBIDDEN_KEYS.has(key))
        problems.push({ pointer, message: `key "${key}" is not allowed (it would change how the suite is read); remove it` });
      else if (keys.has(key))
        problems.push({ pointer, message: `key "${key}" appears twice in one object; keep one (JSON would silently take the last)` });
      keys.add(key);
    },
  });
  return problems;
}
