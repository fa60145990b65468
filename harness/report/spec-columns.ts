// The `spec_*` columns of summary.csv, derived from schemas/run-spec.schema.json at load time:
// one column per leaf setting, in the schema's order, named by its path in snake_case. A new
// setting in the schema is a new column here, with the schema's description as its meaning.
import { isSamPluginKind, readSchema, type RunSpec } from '../../schemas/index.js';

/** The value types an exported column holds; `integer-list` is `a;b;c` in a CSV and an array in JSON. */
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'integer-list';

/** One `spec_*` column: its name, type, meaning and the path of its setting in a RunSpec. */
export interface SpecColumn {
  name: string;
  type: ColumnType;
  description: string;
  path: string[];
  /** The allowed values of a string setting (the schema's enum), when it has them. */
  values?: string[];
  /** A setting that is an object of free keys (`model.args`): the column holds it as JSON text. */
  json?: true;
}

type Node = Record<string, unknown>;

// Settings that a RunSpec always carries but that only some runs use: empty where they do not apply.
const APPLIES: Record<string, { when: (spec: RunSpec) => boolean; text: string }> = {
  'model.hidden': { when: (spec) => spec.model.name === 'mlp', text: 'Exported empty for models other than `mlp`.' },
};

// A user's SAM variant (`module`, `python`) adds its kind's value to `spec_sam_variant_kind`, not
// columns of its own: its name and scalar args are in run_id and the configuration label, its file
// and digest in the run's spec.json; so summary.csv keeps the columns it had before user variants.
const KIND_ONLY: Record<string, (branch: Node) => boolean> = {
  'sam.variant': (branch) => isSamPluginKind(String((branch.properties as Record<string, Node>).kind?.const)),
};

// A nullable object whose absence means something gets a boolean column of its own.
const PRESENCE: Record<string, string> = { sam: 'true for a SAM run; false for the no-SAM baseline (its spec has `sam: null`).' };

/** `batchSize` → `batch_size`. */
export const snakeCase = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function resolve(node: Node, root: Node): Node {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  const name = ref.replace('#/$defs/', '');
  return { ...((root.$defs as Record<string, Node>)[name] ?? {}), ...(node.description ? { description: node.description } : {}) };
}

// The values a variant allows for a key: its `const` or `enum`; null for any value of its type.
const allowed = (node: Node): unknown[] | null => (node.const !== undefined ? [node.const] : Array.isArray(node.enum) ? node.enum : null);

// A oneOf of object variants (the schedule, the model) as one object: every variant's properties,
// their `const`s and enums merged into one enum, unless a variant takes any value there
// (`model.name`: a built-in's enum, or a user model's free label).
function mergeVariants(variants: Node[]): Node {
  const properties: Record<string, Node> = {};
  const free = new Set<string>();
  for (const variant of variants) {
    for (const [key, child] of Object.entries(variant.properties as Record<string, Node>)) {
      const known = properties[key];
      const values = allowed(child);
      if (values === null) free.add(key);
      if (known === undefined) properties[key] = values === null ? child : { ...child, const: undefined, enum: values };
      else if (values !== null && Array.isArray(known.enum))
        properties[key] = { ...known, enum: [...new Set([...(known.enum as unknown[]), ...values])] };
    }
  }
  for (const key of free) {
    const { enum: _values, const: _value, ...rest } = properties[key]!;
    properties[key] = { type: 'string', ...rest };
  }
  return { type: 'object', properties };
}

function leafType(node: Node): { type: ColumnType; values?: string[]; json?: true } {
  if (Array.isArray(node.enum)) return { type: 'string', values: node.enum.map(String) };
  const branch = Array.isArray(node.anyOf) ? (node.anyOf as Node[]).find((n) => n.type !== 'null') : node;
  const types = [branch?.type].flat().filter((t) => t !== 'null');
  // An object whose keys are the user's (a factory's `args`): one cell of JSON text, not a column per key.
  if (types[0] === 'object') return { type: 'string', json: true };
  // A column has one type in every suite: the only list the exports know is a list of integers.
  if (types[0] === 'array') {
    const items = (branch?.items as Node | undefined)?.type;
    if (items !== 'integer') throw new Error(`run-spec setting of type array of ${String(items)}: the exports only know lists of integers`);
    return { type: 'integer-list' };
  }
  if (types[0] === 'integer' || types[0] === 'number' || types[0] === 'boolean') return { type: types[0] };
  return { type: 'string' };
}

function walk(raw: Node, path: string[], root: Node, description: string): SpecColumn[] {
  let node = resolve(raw, root);
  const text = (node.description as string | undefined) ?? description;
  const objectBranch = Array.isArray(node.anyOf) && (node.anyOf as Node[]).find((n) => n.$ref);
  if (objectBranch) node = { ...resolve(objectBranch, root), description: text };
  const kindOnly = KIND_ONLY[path.join('.')];
  const branchColumns = (branch: Node): Node =>
    kindOnly?.(branch) ? { ...branch, properties: { kind: (branch.properties as Record<string, Node>).kind } } : branch;
  if (Array.isArray(node.oneOf)) node = mergeVariants((node.oneOf as Node[]).map(branchColumns));
  if (node.properties) {
    const key = path.join('.');
    const presence = PRESENCE[key];
    const own: SpecColumn[] = presence
      ? [{ name: `spec_${path.map(snakeCase).join('_')}_enabled`, type: 'boolean', description: presence, path: [...path, '*enabled'] }]
      : [];
    return [
      ...own,
      ...Object.entries(node.properties as Record<string, Node>).flatMap(([k, child]) => walk(child, [...path, k], root, text)),
    ];
  }
  const { type, values, json } = leafType(node);
  const name = `spec_${path.map(snakeCase).join('_')}`;
  const applies = APPLIES[path.join('.')] ? ` ${APPLIES[path.join('.')]!.text}` : '';
  const asJson = json ? ' As JSON text (`{}` for none); empty where the run has no such setting.' : '';
  const meaning = (node.description as string | undefined) ?? (values ? `One of ${values.join(', ')}.` : description);
  return [{ name, type, description: `${meaning}${applies}${asJson}`, path, ...(values ? { values } : {}), ...(json ? { json } : {}) }];
}

/** The `spec_*` columns, in the run-spec schema's order; `id` is left out (it is `run_id`). */
export const SPEC_COLUMNS: readonly SpecColumn[] = (() => {
  const root = readSchema('run-spec');
  return Object.entries(root.properties as Record<string, Node>)
    .filter(([key]) => key !== 'id')
    .flatMap(([key, node]) => walk(node, [key], root, ''));
})();

/** The value of one `spec_*` column for a run spec; null where the setting is absent or does not apply. */
export function specValue(spec: RunSpec, column: SpecColumn): unknown {
  const applies = APPLIES[column.path.join('.')];
  if (applies && !applies.when(spec)) return null;
  const last = column.path.at(-1);
  const parentPath = last === '*enabled' ? column.path.slice(0, -1) : column.path;
  let value: unknown = spec;
  for (const key of parentPath) value = value === null || typeof value !== 'object' ? undefined : (value as Node)[key];
  if (last === '*enabled') return value !== null && value !== undefined;
  if (column.json && value !== null && value !== undefined) return JSON.stringify(value);
  return value ?? null;
}
