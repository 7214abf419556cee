// Wording shared by the soak rules.
import type { AmiOrigin } from '../../facts/types.js';

/** The finding position of an AMI's origin (a Terraform line), when it has one. */
export function originOf(origin: AmiOrigin): { file?: string; line?: number; column?: number } {
  return {
    ...(origin.file ? { file: origin.file } : {}),
    ...(origin.line ? { line: origin.line } : {}),
    ...(origin.column ? { column: origin.column } : {}),
  };
}

export function sourcesText(sources: readonly string[]): string {
  if (sources.length <= 1) return sources.join('');
  return `${sources.slice(0, -1).join(', ')} and ${sources.at(-1)}`;
}
