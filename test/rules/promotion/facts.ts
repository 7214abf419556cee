// Plain-data facts for the pure promotion rules.
import type { Facts } from '../../../src/facts/types.js';
import { promotionOwnsAmis, settingsFor } from '../../fixtures/promotion/scenario.js';

export type TerraformChange = NonNullable<Facts['terraformChange']>;
export type PromotableValues = NonNullable<Facts['promotableValues']>;
export type IncomingValue = PromotableValues['incoming'][number];

export const NOW = new Date('2026-03-10T12:00:00Z');
export const hoursAgo = (hours: number): string => new Date(NOW.getTime() - hours * 3_600_000).toISOString();

export const THREE_ENVIRONMENTS = `promotion: [dev, staging, prod]
soak: 24h
environments:
  dev: { terraform: ["envs/dev/**"], soak: 1h }
  staging: { terraform: ["envs/staging/**"], soak: 2h }
  prod: { terraform: ["envs/prod/**"], soak: 2d }
`;

/** AMIs are DG302/DG303's here (DG101/DG102 off), so the plain-data tests can use them; see ownership tests. */
export const defaults = promotionOwnsAmis(settingsFor(undefined));
export const threeEnvironments = promotionOwnsAmis(settingsFor(THREE_ENVIRONMENTS));

export function changed(path: string, ...reaches: (string | [string, { dir: string; by: string; line: number }[]])[]): TerraformChange['files'][number] {
  return {
    path,
    status: 'modified',
    terraform: true,
    reaches: reaches.map((reach) => (typeof reach === 'string' ? { environment: reach, chain: [] } : { environment: reach[0], chain: reach[1] })),
  };
}

export function incoming(overrides: Partial<IncomingValue> = {}): IncomingValue {
  return {
    kind: 'ami',
    key: '',
    value: 'ami-0bbbbbbbbbbbbbbb2',
    label: 'ami-0bbbbbbbbbbbbbbb2',
    needles: ['ami-0bbbbbbbbbbbbbbb2'],
    file: 'terraform/prod/main.tf',
    line: 3,
    column: 13,
    environment: 'prod',
    previous: 'staging',
    via: [],
    alsoEntersPrevious: false,
    intervals: [],
    ...overrides,
  };
}

export function values(...incomingValues: IncomingValue[]): PromotableValues {
  return { base: '0123456789abcdef0123456789abcdef01234567', baseName: 'main', order: ['staging', 'prod'], incoming: incomingValues };
}

export function interval(fromHoursAgo: number, toHoursAgo?: number, merge = true): IncomingValue['intervals'][number] {
  return {
    from: hoursAgo(fromHoursAgo),
    fromCommit: 'abcdef1234567890abcdef1234567890abcdef12',
    fromMerge: merge,
    fromFile: 'terraform/staging/main.tf',
    ...(toHoursAgo !== undefined ? { to: hoursAgo(toHoursAgo), toCommit: 'fedcba0987654321fedcba0987654321fedcba09' } : {}),
  };
}
