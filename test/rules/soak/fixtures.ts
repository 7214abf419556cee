// Plain data for the soak rules: cases, readings and settings, no AWS and no git.
import { buildSettings, DEFAULT_INPUTS, type Settings } from '../../../src/config/settings.js';
import type { AmiSoakFacts, ServedInterval, SoakCase, SourceReading } from '../../../src/facts/types.js';
import { findRule } from '../../../src/rules/index.js';

export const NOW = new Date('2026-03-10T12:00:00Z');
export const AMI = 'ami-0123456789abcdef0';
export const H = 3_600_000;

export function hoursAgo(hours: number): string {
  return new Date(NOW.getTime() - hours * H).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function settings(extra: { evidenceMode?: 'any' | 'all'; accountIds?: boolean } = {}): Settings {
  return buildSettings(
    {
      promotion: ['staging', 'prod'],
      soak: '24h',
      environments: {
        staging: { terraform: ['terraform/staging/**'], aws: { regions: ['eu-west-1'], ...(extra.accountIds ? { 'account-id': '111111111111' } : {}) } },
        prod: { terraform: ['terraform/prod/**'], aws: { regions: ['eu-west-1'], ...(extra.accountIds ? { 'account-id': '222222222222' } : {}) } },
      },
      ...(extra.evidenceMode ? { 'evidence-mode': extra.evidenceMode } : {}),
    },
    '.github/deploy-guard.yml',
    DEFAULT_INPUTS,
    findRule,
  );
}

export function shown(source: SourceReading['source'], ...intervals: ServedInterval[]): SourceReading {
  return { source, state: 'shown', intervals, summary: intervals.map((interval) => interval.what).join('; ') };
}

export function since(hours: number, what = `since ${hoursAgo(hours)}`, extra: Partial<ServedInterval> = {}): ServedInterval {
  return { from: hoursAgo(hours), what, ...extra };
}

export function nothing(source: SourceReading['source']): SourceReading {
  return { source, state: 'nothing', summary: `no sign of ${AMI}` };
}

export function soakCase(readings: SourceReading[], extra: Partial<SoakCase> = {}): SoakCase {
  return {
    ami: AMI,
    environment: 'prod',
    previous: 'staging',
    requiredMs: 24 * H,
    origin: { detail: `${AMI} at terraform/prod/main.tf:3`, file: 'terraform/prod/main.tf', line: 3, column: 13 },
    readings,
    ...extra,
  };
}

export function facts(cases: SoakCase[], extra: Partial<AmiSoakFacts> = {}): AmiSoakFacts {
  return { cases, health: [], allowedOwners: [], floating: [], failures: [], ...extra };
}
