/**
 * Soak evidence written by the pipeline as AMI tags: `deploy-guard:<env>-since=<ISO time>`.
 */
import { AwsEvidenceError } from './errors.js';
import type { ImageFact } from './ec2.js';

export function sinceTagKey(environment: string): string {
  return `deploy-guard:${environment}-since`;
}

// ISO 8601 date-time with an explicit offset (Z or ±hh:mm / ±hhmm); seconds and fraction optional.
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Strict ISO 8601 parse (explicit offset, real calendar date); undefined if not one. */
export function parseIsoTime(text: string): Date | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (day > daysInMonth || Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59)) return undefined;
  const t = Date.parse(text.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(t) ? undefined : new Date(t);
}

/**
 * The time the pipeline says the AMI entered `environment`, or undefined when the tag is absent.
 * A tag that is present but not a valid ISO time is unreadable evidence: AwsEvidenceError.
 */
export function readSinceTag(image: ImageFact, environment: string, account?: string): Date | undefined {
  const key = sinceTagKey(environment);
  const raw = image.tags[key];
  if (raw === undefined) return undefined;
  const at = parseIsoTime(raw);
  if (at) return at;
  throw new AwsEvidenceError({
    api: 'DescribeImages',
    region: image.region,
    ...(account !== undefined ? { account } : {}),
    environment,
    reason: 'unreadable',
    resource: `tag ${key} of ${image.id}`,
    detail: `the tag value ${JSON.stringify(raw.slice(0, 80))} is not an ISO 8601 time`,
    fix: `write the tag as an ISO 8601 UTC time, e.g. ${key}=2024-05-01T12:00:00Z, or remove it`,
  });
}
