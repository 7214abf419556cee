import { describe, expect, it } from 'vitest';
import { AMI_VALUES_OWNED_BY_SOAK_RULES, promotionRulesReport } from '../../../src/rules/promotion/ownership.js';
import { settingsFor } from '../../fixtures/promotion/scenario.js';
import { neverInPreviousFindings, notSoakedFindings, soakVerdict, valueNeverInPreviousEnv, valueNotSoaked } from '../../../src/rules/promotion/valueSoak.js';
import { defaults, incoming, interval, NOW, threeEnvironments, values } from './facts.js';

const DAY = 86_400_000;

describe('soakVerdict', () => {
  it('has nothing to weigh for a value the previous environment never had', () => {
    expect(soakVerdict({ intervals: [] }, DAY, NOW)).toEqual({ state: 'never' });
  });

  it('counts an open stretch up to now', () => {
    expect(soakVerdict({ intervals: [interval(30)] }, DAY, NOW)).toMatchObject({ state: 'soaked', servedMs: 30 * 3_600_000 });
    expect(soakVerdict({ intervals: [interval(3)] }, DAY, NOW)).toMatchObject({ state: 'not-soaked', servedMs: 3 * 3_600_000, allowedAt: '2026-03-11T09:00:00Z' });
  });

  it('counts a removed value for the time it was there, and the longest stretch wins', () => {
    expect(soakVerdict({ intervals: [interval(100, 70), interval(5)] }, DAY, NOW)).toMatchObject({ state: 'soaked', servedMs: 30 * 3_600_000 });
    const short = soakVerdict({ intervals: [interval(100, 98)] }, DAY, NOW);
    expect(short).toMatchObject({ state: 'not-soaked', servedMs: 2 * 3_600_000 });
    expect(short).not.toHaveProperty('allowedAt');
  });

  it('allows from the start of the current stretch plus the soak when an older one was shorter', () => {
    expect(soakVerdict({ intervals: [interval(100, 99), interval(2)] }, DAY, NOW)).toMatchObject({ state: 'not-soaked', allowedAt: '2026-03-11T10:00:00Z' });
  });
});

describe('DG302 value-not-soaked', () => {
  it('says when it landed, how long ago, and when it will be allowed', () => {
    const findings = valueNotSoaked.check({ promotableValues: values(incoming({ intervals: [interval(3)] })) }, { settings: defaults, mode: 'pr', now: NOW });
    expect(findings).toEqual([
      {
        message:
          'prod receives ami-0bbbbbbbbbbbbbbb2 (terraform/prod/main.tf:3), which landed in staging on main at 2026-03-10T09:00:00Z, 3h ago; prod requires 24h in staging: allowed from 2026-03-11T09:00:00Z.',
        environment: 'prod',
        file: 'terraform/prod/main.tf',
        line: 3,
        column: 13,
        evidence: [{ source: 'git', text: 'ami-0bbbbbbbbbbbbbbb2 landed in staging (terraform/staging/main.tf) on main at 2026-03-10T09:00:00Z (merge abcdef1)' }],
        fix: 'Wait until 2026-03-11T09:00:00Z and re-run the check, or use the break-glass override for an emergency.',
      },
    ]);
  });

  it('uses the soak of the receiving environment', () => {
    const staging = incoming({ environment: 'staging', previous: 'dev', file: 'envs/staging/main.tf', intervals: [interval(3)] });
    const prod = incoming({ environment: 'prod', previous: 'staging', file: 'envs/prod/main.tf', intervals: [interval(30)] });
    const found = notSoakedFindings(values(staging, prod), threeEnvironments, NOW);
    expect(found.map((finding) => finding.file)).toEqual(['envs/prod/main.tf']);
    expect(found[0]?.message).toContain('prod requires 48h in staging: allowed from 2026-03-11T06:00:00Z.');
  });

  it('names the module chain a value comes through', () => {
    const viaModule = incoming({ file: 'terraform/modules/api/main.tf', via: [{ dir: 'terraform/modules/api', by: 'terraform/prod/main.tf', line: 1 }], intervals: [interval(1)] });
    expect(notSoakedFindings(values(viaModule), defaults, NOW)[0]?.message).toContain(
      '(terraform/modules/api/main.tf:3, through terraform/modules/api ← terraform/prod/main.tf:1)',
    );
  });

  it('passes soaked values and leaves never-seen ones to DG303', () => {
    expect(notSoakedFindings(values(incoming({ intervals: [interval(25)] }), incoming({ value: 'ami-0ccccccccccccccc3' })), defaults, NOW)).toEqual([]);
  });
});

describe('DG303 value-never-in-previous-env', () => {
  it('reports a value with no stretch in the previous environment', () => {
    const module = incoming({ kind: 'module', key: 'terraform-aws-modules/vpc/aws', value: '5.2.0', label: 'version 5.2.0 of module source terraform-aws-modules/vpc/aws', alsoEntersPrevious: true });
    const findings = valueNeverInPreviousEnv.check({ promotableValues: values(module) }, { settings: defaults, mode: 'pr', now: NOW });
    expect(findings).toEqual([
      expect.objectContaining({
        message:
          'prod receives version 5.2.0 of module source terraform-aws-modules/vpc/aws (terraform/prod/main.tf:3), which staging never had on main; this change brings it into staging at the same time.',
        evidence: [{ source: 'git', text: 'version 5.2.0 of module source terraform-aws-modules/vpc/aws: in no Terraform of staging on the first-parent history of main (0123456)' }],
        fix: 'Promote 5.2.0 to staging first in its own pull request, let it serve there for 24h, then bring it to prod.',
      }),
    ]);
  });

  it('is silent outside pull requests (no change to weigh)', () => {
    expect(valueNeverInPreviousEnv.check({ promotableValues: undefined }, { settings: defaults, mode: 'audit', now: NOW })).toEqual([]);
  });
});

describe('one finding per value: AMIs belong to the soak family while it runs', () => {
  const ami = incoming();
  const lookup = incoming({ kind: 'ami-lookup', value: 'owners=[self] name=[api-*]', label: 'the AMI lookup owners=[self] name=[api-*]' });
  const module = incoming({ kind: 'module', key: 'git::https://example.com/net.git', value: 'v2.0.0', label: 'ref v2.0.0 of module source git::https://example.com/net.git' });
  const image = incoming({ kind: 'ssm-value', value: 'api:1.2.3', label: '"api:1.2.3" (SSM parameter /prod/api/image)' });
  const all = values(ami, lookup, module, image);
  const subjects = (found: { message: string }[]) => found.map((finding) => finding.message.split(' (')[0]);

  it('leaves AMIs and AMI lookups to DG101/DG102 by default', () => {
    expect(AMI_VALUES_OWNED_BY_SOAK_RULES).toBe(true);
    expect(subjects(neverInPreviousFindings(all, settingsFor(undefined), NOW))).toEqual([
      'prod receives ref v2.0.0 of module source git::https://example.com/net.git',
      'prod receives "api:1.2.3"',
    ]);
  });

  it('takes AMIs back when the user turns the soak counterpart off, rule by rule', () => {
    expect(neverInPreviousFindings(all, settingsFor('rules:\n  ami-never-in-previous-env: off\n'), NOW)).toHaveLength(4);
    expect(neverInPreviousFindings(all, settingsFor('rules:\n  ami-not-soaked: off\n'), NOW)).toHaveLength(2);
    expect(promotionRulesReport('ami', 'DG302', settingsFor('rules:\n  DG101: off\n'))).toBe(true);
    expect(promotionRulesReport('module', 'DG302', settingsFor(undefined))).toBe(true);
  });

  it('reports everything here with the switch off (before the soak family existed)', () => {
    expect(neverInPreviousFindings(all, settingsFor(undefined), NOW, false)).toHaveLength(4);
  });
});
