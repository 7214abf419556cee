import { describe, expect, it } from 'vitest';
import { amiNeverInPreviousEnv } from '../../../src/rules/soak/neverInPrevious.js';
import { amiNotSoaked } from '../../../src/rules/soak/notSoaked.js';
import { amiNotUsable } from '../../../src/rules/soak/notUsable.js';
import { soakEvidenceUnavailable } from '../../../src/rules/soak/evidenceUnavailable.js';
import { floatingLiveAmi } from '../../../src/rules/soak/floatingLive.js';
import { liveAmiUnsoaked } from '../../../src/rules/soak/liveUnsoaked.js';
import type { AmiHealthCheck, EvidenceFailure, ImageState } from '../../../src/facts/types.js';
import { AMI, NOW, facts, hoursAgo, nothing, settings, shown, since, soakCase } from './fixtures.js';

const pr = { settings: settings(), mode: 'pr' as const, now: NOW };
const audit = { settings: settings(), mode: 'audit' as const, now: NOW };

function image(extra: Partial<ImageState> = {}): ImageState {
  return { id: AMI, region: 'eu-west-1', state: 'available', deprecated: false, ownerId: '111111111111', ...extra };
}

function health(extra: Partial<AmiHealthCheck> = {}): AmiHealthCheck {
  return { ami: AMI, environment: 'prod', origin: { detail: 'launch template api-prod $Default (version 7) in eu-west-1' }, lookups: [{ region: 'eu-west-1', image: image() }], ...extra };
}

const throttled: EvidenceFailure = {
  environment: 'staging',
  api: 'GetParameterHistory',
  region: 'eu-west-1',
  account: '111111111111',
  reason: 'throttled',
  message: 'GetParameterHistory in eu-west-1 (account 111111111111, environment staging) for parameter /images/staging/api could not be read: throttled past the retry budget after 5 attempts. Fix: raise max-attempts',
  fix: 'raise max-attempts',
};

describe('DG101 ami-not-soaked', () => {
  it('blocks an AMI that served staging for 3h of 24h, with both times and when it will be allowed', () => {
    const findings = amiNotSoaked.check({ amiSoak: facts([soakCase([shown('ssm', since(3, '/images/staging/api in eu-west-1 held it from version 12 at ' + hoursAgo(3)))])]) }, pr);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ environment: 'prod', file: 'terraform/prod/main.tf', line: 3, column: 13 });
    expect(findings[0]!.message).toBe(
      `${AMI} reaches prod (${AMI} at terraform/prod/main.tf:3) but served staging for only 3h of the required 24h: ` +
        `from 2026-03-10T09:00:00Z until now (2026-03-10T12:00:00Z), shown by ssm (/images/staging/api in eu-west-1 held it from version 12 at 2026-03-10T09:00:00Z). ` +
        'It will be allowed from 2026-03-11T09:00:00Z.',
    );
    expect(findings[0]!.fix).toContain('Wait until 2026-03-11T09:00:00Z');
    expect(findings[0]!.evidence).toEqual([{ source: 'ssm', text: `staging: /images/staging/api in eu-west-1 held it from version 12 at 2026-03-10T09:00:00Z` }]);
  });

  it('passes an AMI that served staging for 30h', () => {
    expect(amiNotSoaked.check({ amiSoak: facts([soakCase([shown('ec2', since(30))])]) }, pr)).toEqual([]);
  });

  it('says when the AMI no longer serves staging', () => {
    const [finding] = amiNotSoaked.check({ amiSoak: facts([soakCase([shown('git', since(10, 'landed', { to: hoursAgo(6) }))])]) }, pr);
    expect(finding!.message).toContain('for only 4h of the required 24h: from 2026-03-10T02:00:00Z to 2026-03-10T06:00:00Z');
    expect(finding!.message).toContain('It no longer serves staging');
  });

  it('leaves AMIs already live in the environment to DG106', () => {
    expect(amiNotSoaked.check({ amiSoak: facts([soakCase([shown('ssm', since(3))], { reachedAt: { at: hoursAgo(1), what: 'x' } })]) }, pr)).toEqual([]);
  });
});

describe('DG102 ami-never-in-previous-env', () => {
  it('blocks an AMI no source shows in staging, naming the sources', () => {
    const [finding] = amiNeverInPreviousEnv.check({ amiSoak: facts([soakCase([nothing('ssm'), nothing('ec2'), nothing('git')])]) }, pr);
    expect(finding!.message).toBe(`${AMI} reaches prod (${AMI} at terraform/prod/main.tf:3) but never served staging: none of ssm, ec2 and git shows it there.`);
    expect(finding!.evidence!.map((entry) => entry.source)).toEqual(['ssm', 'ec2', 'git']);
  });

  it('does not fire when a source shows it, however briefly', () => {
    expect(amiNeverInPreviousEnv.check({ amiSoak: facts([soakCase([nothing('ssm'), shown('tags', since(1))])]) }, pr)).toEqual([]);
  });
});

describe('DG103 ami-not-usable', () => {
  it('blocks a deprecated AMI', () => {
    const [finding] = amiNotUsable.check({ amiSoak: facts([], { health: [health({ lookups: [{ region: 'eu-west-1', image: image({ deprecated: true, deprecationTime: hoursAgo(48) }) }] })] }) }, pr);
    expect(finding!.message).toBe(`${AMI} (launch template api-prod $Default (version 7) in eu-west-1) cannot serve prod: it is deprecated since 2026-03-08T12:00:00Z.`);
  });

  it('blocks an AMI that does not exist, is not available, or belongs to another account', () => {
    expect(amiNotUsable.check({ amiSoak: facts([], { health: [health({ lookups: [{ region: 'eu-west-1', image: null }] })] }) }, pr)[0]!.message).toContain('it does not exist in eu-west-1');
    expect(amiNotUsable.check({ amiSoak: facts([], { health: [health({ lookups: [{ region: 'eu-west-1', image: image({ state: 'failed' }) }] })] }) }, pr)[0]!.message).toContain('its state is failed, not available');
    const owner = amiNotUsable.check({ amiSoak: facts([], { health: [health({ lookups: [{ region: 'eu-west-1', image: image({ ownerId: '999999999999' }) }] })], allowedOwners: ['111111111111', '222222222222'] }) }, pr);
    expect(owner[0]!.message).toContain('owned by account 999999999999, which is none of the configured accounts (111111111111, 222222222222)');
  });

  it('passes a healthy AMI, and leaves unread lookups to DG104', () => {
    expect(amiNotUsable.check({ amiSoak: facts([], { health: [health()], allowedOwners: ['111111111111'] }) }, pr)).toEqual([]);
    expect(amiNotUsable.check({ amiSoak: facts([], { health: [health({ lookups: [], failed: true })] }) }, pr)).toEqual([]);
  });

  it('is found when the AMI exists in any of the regions a Terraform literal may be used in', () => {
    expect(amiNotUsable.check({ amiSoak: facts([], { health: [health({ lookups: [{ region: 'us-east-1', image: null }, { region: 'eu-west-1', image: image() }] })] }) }, pr)).toEqual([]);
  });
});

describe('DG104 soak-evidence-unavailable', () => {
  it('reports a failed read once, naming API, account and region, and the AMIs it left unknown', () => {
    const failed = { source: 'ssm' as const, state: 'failed' as const, summary: throttled.message, failures: [throttled] };
    const findings = soakEvidenceUnavailable.check({ amiSoak: facts([soakCase([failed, shown('git', since(30))]), soakCase([failed], { ami: 'ami-0fedcba9876543210' })]) }, pr);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('GetParameterHistory in eu-west-1 (account 111111111111, environment staging)');
    expect(findings[0]!.message).toContain(`raise max-attempts (left unknown: the soak of ${AMI} (prod), ami-0fedcba9876543210 (prod)).`);
    expect(findings[0]!.fix).toBe('raise max-attempts');
  });

  it('reports a history cut off at 100 versions that does not reach the AMI', () => {
    const cutOff = { source: 'ssm' as const, state: 'unavailable' as const, summary: 'history cut off: /images/staging/api in eu-west-1 keeps only versions 101–200', fix: 'tag the AMI' };
    const [finding] = soakEvidenceUnavailable.check({ amiSoak: facts([soakCase([cutOff])]) }, pr);
    expect(finding!.message).toContain('could not be evaluated: ssm: history cut off');
    expect(finding!.fix).toBe('tag the AMI');
  });

  it('reports failures outside any case (an account mismatch while discovering live AMIs)', () => {
    const mismatch = { ...throttled, api: 'GetCallerIdentity', reason: 'account-mismatch', message: 'GetCallerIdentity in eu-west-1 (account 333333333333, environment prod) could not be read: the credentials belong to account 333333333333', fix: 'set role-arn' };
    expect(soakEvidenceUnavailable.check({ amiSoak: facts([], { failures: [mismatch] }) }, audit)[0]).toMatchObject({ environment: 'staging', fix: 'set role-arn' });
  });

  it('is never overridable', () => {
    expect(soakEvidenceUnavailable.overridable).toBe(false);
  });
});

describe('DG105 floating-ami (live)', () => {
  it('reports a launch template of prod that resolves a public parameter', () => {
    const [finding] = floatingLiveAmi.check(
      { amiSoak: facts([], { floating: [{ environment: 'prod', kind: 'public-parameter', parameter: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64', via: 'launch template api-prod $Default (version 7) in eu-west-1', region: 'eu-west-1', resolvesTo: AMI }] }) },
      audit,
    );
    expect(finding!.message).toContain('takes its AMI from the public SSM parameter /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 (now ami-0123456789abcdef0)');
  });

  it('ignores the first environment', () => {
    expect(floatingLiveAmi.check({ amiSoak: facts([], { floating: [{ environment: 'staging', kind: 'unlisted-parameter', parameter: '/x', via: 'lt', region: 'eu-west-1' }] }) }, audit)).toEqual([]);
  });
});

describe('DG106 live-ami-unsoaked', () => {
  it('reports an AMI that went live in prod 2h after it entered staging', () => {
    const reachedAt = { at: hoursAgo(28), what: '/images/prod/api in eu-west-1 holds it since version 40 at 2026-03-09T08:00:00Z' };
    const [finding] = liveAmiUnsoaked.check({ amiSoak: facts([soakCase([shown('ssm', since(30, 'staging param'))], { reachedAt })]) }, audit);
    expect(finding!.message).toBe(
      `${AMI} went live in prod at 2026-03-09T08:00:00Z (${reachedAt.what}) after serving staging for only 2h of the required 24h (from 2026-03-09T06:00:00Z, shown by ssm: staging param).`,
    );
    expect(finding!.evidence![0]).toEqual({ source: 'live', text: `prod: ${reachedAt.what}` });
  });

  it('passes an AMI that soaked before it went live', () => {
    expect(liveAmiUnsoaked.check({ amiSoak: facts([soakCase([shown('ssm', since(60))], { reachedAt: { at: hoursAgo(30), what: 'x' } })]) }, audit)).toEqual([]);
  });
});
