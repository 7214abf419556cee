// A tiny JSON Schema validator for the subset REPORT_JSON_SCHEMA uses: type (one or a list), const,
// enum, minimum, required, properties, additionalProperties: false, items.

interface Schema {
  type?: string | readonly string[];
  const?: unknown;
  enum?: readonly unknown[];
  minimum?: number;
  required?: readonly string[];
  properties?: Readonly<Record<string, Schema>>;
  additionalProperties?: boolean;
  items?: Schema;
}

const SUPPORTED = new Set(['$schema', 'title', 'type', 'const', 'enum', 'minimum', 'required', 'properties', 'additionalProperties', 'items']);

function typeOf(value: unknown): string[] {
  if (value === null) return ['null'];
  if (Array.isArray(value)) return ['array'];
  if (typeof value === 'number') return Number.isInteger(value) ? ['integer', 'number'] : ['number'];
  return [typeof value];
}

/** Problems found, as `path: what`; empty when the value matches. Throws on schema keywords it does not know. */
export function validate(schema: Schema, value: unknown, path = '$'): string[] {
  for (const key of Object.keys(schema)) if (!SUPPORTED.has(key)) throw new Error(`unsupported keyword ${key} at ${path}`);
  const problems: string[] = [];
  if (schema.type !== undefined) {
    const allowed = typeof schema.type === 'string' ? [schema.type] : schema.type;
    if (!typeOf(value).some((type) => allowed.includes(type))) {
      return [`${path}: expected ${allowed.join('|')}, got ${typeOf(value)[0]}`];
    }
  }
  if ('const' in schema && value !== schema.const) problems.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (schema.enum !== undefined && !schema.enum.includes(value)) problems.push(`${path}: not one of ${schema.enum.join(', ')}`);
  if (schema.minimum !== undefined && typeof value === 'number' && value < schema.minimum) {
    problems.push(`${path}: below ${schema.minimum}`);
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${path}: missing ${key}`);
    for (const [key, child] of Object.entries(record)) {
      const childSchema = schema.properties?.[key];
      if (childSchema !== undefined) problems.push(...validate(childSchema, child, `${path}.${key}`));
      else if (schema.additionalProperties === false) problems.push(`${path}: unexpected ${key}`);
    }
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    for (const [index, item] of value.entries()) problems.push(...validate(schema.items, item, `${path}[${index}]`));
  }
  return problems;
}
