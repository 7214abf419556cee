// Reads .github/deploy-guard.yml with line positions, so every error names the file, line and key.
import { isCollection, isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type * as z from 'zod';
import { ConfigurationError } from './errors.js';
import { configSchema, type ConfigFile } from './schema.js';

export const MAX_CONFIG_BYTES = 256 * 1024;

function lineOf(counter: LineCounter, node: Node | undefined | null): number | undefined {
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : counter.linePos(offset).line;
}

/** The YAML node for a schema issue path: the key node for unknown keys, the value node otherwise. */
function nodeAt(doc: Document, path: readonly PropertyKey[], key?: string): Node | undefined {
  let node: unknown = doc.contents;
  for (const segment of path) {
    if (!isCollection(node)) return undefined;
    node = node.get(typeof segment === 'number' ? segment : String(segment), true);
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
    return (pair?.key as Node | undefined) ?? (node as Node);
  }
  return node as Node | undefined;
}

function describeIssue(issue: z.core.$ZodIssue): { key: string; text: string; unknownKey?: string }[] {
  const dotted = (extra?: string): string => [...issue.path, ...(extra ? [extra] : [])].map(String).join('.') || '(top level)';
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      key: dotted(key),
      unknownKey: key,
      text: `unknown key "${key}"${issue.path.length ? ` under "${issue.path.join('.')}"` : ''}`,
    }));
  }
  return [{ key: dotted(), text: issue.message }];
}

/** Parses and validates the configuration text; throws one ConfigurationError listing every problem. */
export function parseConfig(text: string, file: string): ConfigFile {
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) {
    throw new ConfigurationError(`${file}: larger than ${MAX_CONFIG_BYTES / 1024} KiB; not read.`, 'Keep the configuration small.');
  }
  const counter = new LineCounter();
  // maxAliasCount bounds alias expansion (YAML "billion laughs").
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((error) => {
      const line = counter.linePos(error.pos[0]).line;
      return `${file}:${line}: ${error.message.split('\n')[0]}`;
    });
    throw new ConfigurationError(`Invalid YAML:\n${lines.join('\n')}`, `Fix the YAML syntax in ${file}.`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    throw new ConfigurationError(`${file}: ${(error as Error).message}`, `Remove excessive YAML aliases from ${file}.`);
  }
  const parsed = configSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.flatMap((issue) =>
    describeIssue(issue).map(({ key, text, unknownKey }) => {
      const line = lineOf(counter, nodeAt(doc, issue.path, unknownKey));
      return `${file}:${line ?? 1}: ${key}: ${text}`;
    }),
  );
  throw new ConfigurationError(
    `Invalid configuration:\n${problems.join('\n')}`,
    `Correct ${file}; its JSON Schema (deploy-guard.schema.json) lists every key and value.`,
  );
}
