// Reading YAML documents node by node (positions kept) for appspec and cloud-config files.
import { isScalar, type Document, type Node as YamlNode } from 'yaml';

export interface YamlReader {
  /**
   * The node itself, or the node an alias points at (one level: alias chains are not followed); undefined
   * for none, also where the package has null (`? key` leaves a pair without a value node).
   */
  resolve(node: unknown): YamlNode | undefined;
  /** The text of a scalar (numbers and booleans as written), undefined for anything else. */
  scalarText(node: unknown): string | undefined;
}

export function yamlReader(doc: Document): YamlReader {
  const resolve = (node: unknown): YamlNode | undefined => {
    const value = node && typeof node === 'object' && 'source' in node && 'resolve' in node ? (node as { resolve(d: Document): unknown }).resolve(doc) : node;
    return (value ?? undefined) as YamlNode | undefined;
  };
  const scalarText = (node: unknown): string | undefined => {
    const value = resolve(node);
    return isScalar(value) && value.value !== null && typeof value.value !== 'object' ? String(value.value) : undefined;
  };
  return { resolve, scalarText };
}
