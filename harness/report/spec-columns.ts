// The `spec_*` columns of summary.csv, derived from schemas/run-spec.schema.json at load time:
// one column per leaf setting, in the schema's order, named by its path in snake_case. A new
// setting in the schema is a new column here, with the schema's description as its meaning.
import { readSchema, type RunSpec } from '../../schemas/index.js';

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
}

type Node = Record<string, unknown>;

// Settings that a RunSpec always carries but that only some runs use: empty where they do not apply.
const APPLIES: Record<string, { when: (spec: RunSpec) => boolean; text: string }> = {
  'model.hidden': { when: (spec) => spec.model.name === 'mlp', text: 'Exported empty for models other than `mlp`.' },
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

// A oneOf of object variants (the schedule) as one object: every variant's properties, `const`s merged into an enum.
function mergeVariants(variants: Node[]): Node {
  const properties: Record<string, Node> = {};
  for (const variant of variants) {
    for (const [key, child] of Object.entries(variant.properties as Record<string, Node>)) {
      const known = properties[key];
      if (child.const !== undefined) properties[key] = { enum: [...((known?.enum as unknown[]) ?? []), child.const] };
      else properties[key] ??= child;
    }
  }
  return { type: 'object', properties };
}

function leafType(node: Node): { type: ColumnType; values?: string[] } {
  if (Array.isArray(node.enum)) return { type: 'string', values: node.enum.map(String) };
  const branch = Array.isArray(node.anyOf) ? (node.anyOf as Node[]).find((n) => n.type !== 'null') : node;
  const types = [branch?.type].flat().filter((t) => t !== 'null');
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
  if (Array.isArray(node.oneOf)) node = mergeVariants(node.oneOf as Node[]);
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
  const { type, values } = leafType(node);
  const name = `spec_${path.map(snakeCase).join('_')}`;
  const applies = APPLIES[path.join('.')] ? ` ${APPLIES[path.join('.')]!.text}` : '';
  const meaning = (node.description as string | undefined) ?? (values ? `One of ${values.join(', ')}.` : description);
  return [{ name, type, description: `${meaning}${applies}`, path, ...(values ? { values } : {}) }];
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
  // A setting that is a free-form object (a user model's `args`) is one string column: its JSON.
  if (column.type === 'string' && value !== null && typeof value === 'object') return JSON.stringify(value);
  return value ?? null;
}
