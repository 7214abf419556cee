// Wording shared by the promotion rules.
import type { Facts } from '../../facts/types.js';

export type Chain = NonNullable<Facts['terraformChange']>['files'][number]['reaches'][number]['chain'];

/** `terraform/modules/api ← terraform/prod/main.tf:3` (what changed first, then each caller up to the root). */
export function chainText(chain: Chain): string {
  const first = chain[0];
  if (!first) return '';
  return [first.dir, ...chain.map((edge) => `${edge.by}:${edge.line}`)].join(' ← ');
}

/** `a, b, c and 2 more` */
export function listText(items: readonly string[], max = 4): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** ISO time in UTC with no milliseconds: 2026-01-02T07:00:00Z. */
export function isoTime(value: string | number | Date): string {
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
