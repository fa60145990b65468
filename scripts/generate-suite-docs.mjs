#!/usr/bin/env node
// Writes docs/suite-reference.md, the field-by-field reference of a suite, from the descriptions,
// types and defaults in schemas/suite.schema.json (the one source of truth). `--check` exits 1 if
// the page is out of date. Edit the schema, then `node scripts/generate-suite-docs.mjs`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA = 'schemas/suite.schema.json';
const OUT = 'docs/suite-reference.md';

/** The $defs entry a `{ $ref }` (or a one-element `allOf` of one, the schema's way to give a $ref a default) names. */
function refName(node) {
  const ref = node.$ref ?? (node.allOf?.length === 1 ? node.allOf[0].$ref : undefined);
  return typeof ref === 'string' ? ref.replace('#/$defs/', '') : null;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading) {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

/** A table cell: one line, pipes escaped. */
function cell(text) {
  return String(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|');
}

function json(value) {
  return '`' + JSON.stringify(value) + '`';
}

/** The value range of a number or integer node, e.g. `≥ 1`, `(0, 1)`. */
function bounds(node) {
  const lo = node.minimum !== undefined ? `≥ ${node.minimum}` : node.exclusiveMinimum !== undefined ? `> ${node.exclusiveMinimum}` : '';
  const hi = node.maximum !== undefined ? `≤ ${node.maximum}` : node.exclusiveMaximum !== undefined ? `< ${node.exclusiveMaximum}` : '';
  return [lo, hi].filter(Boolean).join(', ');
}

/** A short type: `integer ≥ 1`, `"a" \| "b"`, `array of number`, a link to an object's section. */
function typeOf(node, defs, link) {
  const name = refName(node);
  if (name !== null) {
    const target = defs[name];
    return target.properties || target.oneOf ? link(name) : typeOf(target, defs, link);
  }
  if (node.const !== undefined) return json(node.const);
  if (node.enum) return node.enum.map((v) => json(v)).join(' | ');
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  const parts = types.map((t) => {
    if (t === 'array' && node.items) return `array of ${typeOf(node.items, defs, link)}`;
    if (t === 'number' || t === 'integer') {
      const range = bounds(node);
      return range ? `${t} ${range}` : t;
    }
    return t;
  });
  return parts.join(' or ') || 'any';
}

/** Defaults that depend on another field (`if`/`then` in the schema), by property. */
function conditionalDefaults(node) {
  const found = {};
  const branches = [...(node.allOf ?? []), node];
  for (const branch of branches) {
    if (!branch.if) continue;
    const cond = Object.entries(branch.if.properties ?? {})
      .map(([key, sub]) => {
        if (sub.const !== undefined) return `\`${key}\` is ${json(sub.const)}`;
        const inner = Object.entries(sub.properties ?? {}).find(([, s]) => s.const !== undefined);
        return inner ? `\`${key}.${inner[0]}\` is ${json(inner[1].const)}` : `\`${key}\` is given`;
      })
      .join(' and ');
    for (const [side, when] of [
      ['then', cond],
      ['else', `${cond} does not hold`],
    ]) {
      for (const [key, sub] of Object.entries(branch[side]?.properties ?? {})) {
        if (sub.default !== undefined) (found[key] ??= []).push(`${json(sub.default)} when ${when}`);
      }
    }
  }
  return found;
}

/** One section per object of the suite, in the order the fields are met. */
function sections(schema) {
  const defs = schema.$defs;
  const out = [];
  const titled = new Map();
  const queue = [];
  const headingOf = (pathName) => `\`${pathName}\``;
  const link = (defName) => {
    if (!titled.has(defName)) {
      titled.set(defName, null);
      queue.push(defName);
    }
    return `[${defName}](#${anchor(defName)})`;
  };

  function table(node, inherited = {}) {
    const required = new Set(node.required ?? []);
    const conditional = { ...inherited, ...conditionalDefaults(node) };
    const rows = Object.entries(node.properties ?? {}).map(([key, sub]) => {
      const target = refName(sub) !== null ? defs[refName(sub)] : sub;
      const defaults = [
        ...(sub.default !== undefined ? [json(sub.default)] : target.default !== undefined ? [json(target.default)] : []),
        ...(conditional[key] ?? []),
      ];
      const description = sub.description ?? target.description ?? '';
      const deprecated = sub.deprecated || target.deprecated ? '**Deprecated.** ' : '';
      return `| \`${key}\` | ${cell(typeOf(sub, defs, link))} | ${required.has(key) ? 'yes' : ''} | ${cell(defaults.join('; '))} | ${deprecated}${cell(description)} |`;
    });
    if (rows.length === 0) return [];
    return ['| field | type | required | default | meaning |', '|---|---|---|---|---|', ...rows];
  }

  function body(node) {
    const lines = [];
    if (node.description) lines.push(cell(node.description), '');
    if (node.properties && !node.oneOf) lines.push(...table(node), '');
    if (node.oneOf) {
      const discriminator = node.discriminator?.propertyName;
      if (node.properties) lines.push(...table(node), '');
      for (const alt of node.oneOf) {
        const tag = discriminator ? alt.properties?.[discriminator]?.const : undefined;
        const label = tag !== undefined ? `\`${discriminator}: ${JSON.stringify(tag)}\`` : (alt.title ?? 'one of');
        lines.push(`#### ${label}${alt.deprecated ? ' (deprecated)' : ''}`, '');
        if (alt.description) lines.push(cell(alt.description), '');
        const fields = {
          ...alt,
          properties: Object.fromEntries(Object.entries(alt.properties ?? {}).filter(([k]) => k !== discriminator)),
        };
        const rows = table(fields, conditionalDefaults(node));
        lines.push(...(rows.length ? rows : ['No other fields.']), '');
      }
    }
    return lines;
  }

  out.push(`## ${headingOf('suite')} (the file)`, '', ...body(schema));
  while (queue.length > 0) {
    const name = queue.shift();
    out.push(`## ${name}`, '', ...body(defs[name]));
  }
  return out;
}

export function generate() {
  const schema = JSON.parse(fs.readFileSync(path.join(root, SCHEMA), 'utf8'));
  const head = [
    '<!-- Generated from schemas/suite.schema.json by scripts/generate-suite-docs.mjs; edit the schema, then run the script. -->',
    '',
    '# Suite reference',
    '',
    `Every field of a suite file, generated from the descriptions in [\`${SCHEMA}\`](../${SCHEMA}). A field`,
    'whose default depends on another field says so. For what the fields are for, with examples, see',
    '[suites.md](suites.md).',
    '',
  ];
  return (
    [...head, ...sections(schema)]
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

const check = process.argv.includes('--check');
const file = path.join(root, OUT);
const source = generate();
const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
if (current !== source) {
  if (check) {
    console.error(`${OUT} is out of date with ${SCHEMA}: run \`node scripts/generate-suite-docs.mjs\``);
    process.exitCode = 1;
  } else {
    fs.writeFileSync(file, source);
    console.error(`wrote ${OUT}`);
  }
}
