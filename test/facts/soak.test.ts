// The soak gatherers' logic with aws-sdk-client-mock (pure: no retries, no network), then the rules.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeImagesCommand, DescribeInstancesCommand, DescribeLaunchTemplateVersionsCommand, EC2Client, type Image } from '@aws-sdk/client-ec2';
import { GetParameterCommand, GetParameterHistoryCommand, SSMClient, type ParameterHistory } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AMI, OLD_AMI, brief, hoursAgo, incoming, runSoak, soakSettings } from './soakScenario.js';

const ec2 = mockClient(EC2Client);
const ssm = mockClient(SSMClient);
const sts = mockClient(STSClient);

beforeEach(() => {
  ec2.reset();
  ssm.reset();
  sts.reset();
  ec2.on(DescribeImagesCommand).callsFake((input: { ImageIds?: string[] }) => ({ Images: (input.ImageIds ?? []).map((id) => image(id)) }));
});
afterAll(() => {
  ec2.restore();
  ssm.restore();
  sts.restore();
});

function image(id: string, extra: Partial<Image> = {}): Image {
  return { ImageId: id, State: 'available', OwnerId: '111111111111', CreationDate: hoursAgo(24 * 90).toISOString(), Name: `api-${id}`, ...extra };
}

function history(name: string, versions: [value: string, hoursAgo: number, user?: string][], firstVersion = 1): void {
  const entries: ParameterHistory[] = versions.map(([value, hours, user], i) => ({
    Name: name,
    Type: 'String',
    Value: value,
    Version: firstVersion + i,
    LastModifiedDate: hoursAgo(hours),
    ...(user ? { LastModifiedUser: user } : {}),
  }));
  ssm.on(GetParameterHistoryCommand, { Name: name }).resolves({ Parameters: entries });
}

describe('soak in a pull request, from SSM parameter history', () => {
  it('blocks an AMI that served staging for 3h of 24h (DG101): both times and the time it will be allowed', async () => {
    history('/images/staging/api', [
      [OLD_AMI, 24 * 10],
      [AMI, 3, 'arn:aws:sts::111111111111:assumed-role/pipeline/build-42'],
    ]);
    const report = await runSoak('pr', soakSettings(), { promotable: incoming(AMI) });
    expect(brief(report)).toEqual(['DG101 error prod']);
    const [finding] = report.findings;
    expect(finding!.message).toContain('served staging for only 3h of the required 24h: from 2026-03-10T09:00:00Z until now (2026-03-10T12:00:00Z)');
    expect(finding!.message).toContain('/images/staging/api in eu-west-1 held it from version 2 at 2026-03-10T09:00:00Z (set by arn:aws:sts::111111111111:assumed-role/pipeline/build-42)');
    expect(finding!.message).toContain('It will be allowed from 2026-03-11T09:00:00Z.');
    expect(finding).toMatchObject({ file: 'terraform/prod/main.tf', line: 3 });
    expect(report.outcome.result).toBe('fail');
    // Each source reported with what it showed, in the report too.
    expect(report.evidence).toContainEqual({ source: 'ssm', text: expect.stringContaining(`${AMI} in staging (before prod): /images/staging/api in eu-west-1 held it from version 2`) });
    // No decryption, ever.
    expect(ssm.commandCalls(GetParameterHistoryCommand)[0]!.args[0].input).toMatchObject({ Name: '/images/staging/api', WithDecryption: false });
  });

  it('passes an AMI that served staging for 30h', async () => {
    history('/images/staging/api', [
      [OLD_AMI, 24 * 10],
      [AMI, 30],
    ]);
    const report = await runSoak('pr', soakSettings(), { promotable: incoming(AMI) });
    expect(brief(report)).toEqual([]);
    expect(report.outcome.result).toBe('pass');
  });

  it('counts a stretch that ended: 30h in staging, replaced 2h ago, still proves the soak', async () => {
    history('/images/staging/api', [
      [AMI, 32],
      [OLD_AMI, 2],
    ]);
    expect((await runSoak('pr', soakSettings(), { promotable: incoming(AMI) })).outcome.result).toBe('pass');
  });

  it('a history of exactly 100 versions that does not reach the AMI is unavailable, never absent (DG104, error)', async () => {
    history(
      '/images/staging/api',
      Array.from({ length: 100 }, (_, i) => [`ami-0${String(i).padStart(16, '0')}`, 100 - i] as [string, number]),
      101,
    );
    const report = await runSoak('pr', soakSettings(), { promotable: incoming(AMI) });
    expect(brief(report)).toEqual(['DG104 error prod']);
    expect(report.findings[0]!.message).toContain('keeps only versions 101–200');
    expect(report.outcome).toMatchObject({ result: 'error', blocked: true });
  });

  it('the same cut-off history cannot hide an AMI created after its oldest version: then it is absent (DG102)', async () => {
    ec2.on(DescribeImagesCommand).callsFake((input: { ImageIds?: string[] }) => ({ Images: (input.ImageIds ?? []).map((id) => image(id, { CreationDate: hoursAgo(50).toISOString() })) }));
    history(
      '/images/staging/api',
      Array.from({ length: 100 }, (_, i) => [`ami-0${String(i).padStart(16, '0')}`, 100 - i] as [string, number]),
      101,
    );
    expect(brief(await runSoak('pr', soakSettings(), { promotable: incoming(AMI) }))).toEqual(['DG102 error prod']);
  });

  it('git is one source among the others: any one suffices', async () => {
    history('/images/staging/api', [[AMI, 3]]);
    const report = await runSoak('pr', soakSettings({ evidence: ['ssm', 'git'] }), { promotable: incoming(AMI, 30) });
    expect(brief(report)).toEqual([]);
    expect(report.notes.join('\n')).toContain('proves intent, not what ran');
  });

  it('blocks a deprecated AMI (DG103), described with deprecated images included', async () => {
    history('/images/staging/api', [[AMI, 30]]);
    ec2.on(DescribeImagesCommand).resolves({ Images: [image(AMI, { DeprecationTime: hoursAgo(1).toISOString() })] });
    const report = await runSoak('pr', soakSettings(), { promotable: incoming(AMI) });
    expect(brief(report)).toEqual(['DG103 error prod']);
    expect(report.findings[0]!.message).toContain('it is deprecated since 2026-03-10T11:00:00Z');
    expect(ec2.commandCalls(DescribeImagesCommand)[0]!.args[0].input).toMatchObject({ ImageIds: [AMI], IncludeDeprecated: true });
  });

  it('refuses evidence from the wrong account (DG104 naming GetCallerIdentity, the account and the region)', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '999999999999', Arn: 'arn:aws:iam::999999999999:user/ci' });
    history('/images/staging/api', [[AMI, 30]]);
    const settings = soakSettings({
      environments: {
        staging: { terraform: ['terraform/staging/**'], aws: { regions: ['eu-west-1'], 'account-id': '111111111111' }, amis: { 'ssm-parameters': ['/images/staging/api'] } },
        prod: { terraform: ['terraform/prod/**'], aws: { regions: ['eu-west-1'], 'account-id': '222222222222' } },
      },
    });
    const report = await runSoak('pr', settings, { promotable: incoming(AMI) });
    expect(report.outcome.result).toBe('error');
    const messages = report.findings.filter((finding) => finding.id === 'DG104').map((finding) => finding.message);
    expect(messages.some((message) => message.includes('GetCallerIdentity in eu-west-1 (account 999999999999') && message.includes('account-id is 111111111111'))).toBe(true);
    expect(ssm.commandCalls(GetParameterHistoryCommand)).toHaveLength(0); // nothing read from the wrong account
  });

  it('with evidence listing only AWS sources and no AWS configured: could not evaluate (DG104), never a pass', async () => {
    const settings = soakSettings({ environments: { staging: { terraform: ['terraform/staging/**'] }, prod: { terraform: ['terraform/prod/**'] } }, evidence: ['ssm', 'ec2'] });
    const report = await runSoak('pr', settings, { promotable: incoming(AMI) });
    expect(brief(report)).toEqual(['DG104 error prod']);
    expect(report.outcome.result).toBe('error');
    expect(report.notes.join('\n')).toContain('No AWS configured for staging');
    expect(ec2.calls()).toHaveLength(0);
  });

  it('with no AWS configured, git alone decides and a note says so', async () => {
    const settings = soakSettings({ environments: { staging: { terraform: ['terraform/staging/**'] }, prod: { terraform: ['terraform/prod/**'] } }, evidence: ['ssm', 'ec2', 'tags', 'git'] });
    const report = await runSoak('pr', settings, { promotable: incoming(AMI, 5) });
    expect(brief(report)).toEqual(['DG101 error prod']);
    expect(report.notes.join('\n')).toContain('No AWS configured for staging (no aws.regions and no aws-region input): only the git source can show that an AMI served staging.');
  });

  it('access denied is DG104 naming the IAM action', async () => {
    ssm.on(GetParameterHistoryCommand).rejects(Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 } }));
    const report = await runSoak('pr', soakSettings(), { promotable: incoming(AMI) });
    expect(report.outcome.result).toBe('error');
    expect(report.findings[0]!.fix).toContain('ssm:GetParameterHistory');
  });
});

describe('soak from EC2 and the pipeline tag', () => {
  const settings = () =>
    soakSettings({
      evidence: ['ec2', 'tags'],
      environments: {
        staging: { terraform: ['terraform/staging/**'], aws: { regions: ['eu-west-1'] }, amis: { 'instance-tags': { Environment: 'staging' }, 'launch-templates': ['api-staging'] } },
        prod: { terraform: ['terraform/prod/**'], aws: { regions: ['eu-west-1'] } },
      },
    });

  it('passes on the earliest running instance of staging, however the tag and launch template look', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-0aaa', ImageId: AMI, LaunchTime: hoursAgo(40), State: { Name: 'running' } }] }] });
    ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [{ LaunchTemplateId: 'lt-1', VersionNumber: 1, DefaultVersion: true, CreateTime: hoursAgo(2), LaunchTemplateData: { ImageId: AMI } }] });
    const report = await runSoak('pr', settings(), { promotable: incoming(AMI) });
    expect(brief(report)).toEqual([]);
    expect(ec2.commandCalls(DescribeInstancesCommand)[0]!.args[0].input.Filters).toEqual([
      { Name: 'instance-state-name', Values: ['pending', 'running'] },
      { Name: 'tag:Environment', Values: ['staging'] },
    ]);
  });

  it('reads the deploy-guard:staging-since tag', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [{ LaunchTemplateId: 'lt-1', VersionNumber: 1, DefaultVersion: true, CreateTime: hoursAgo(200), LaunchTemplateData: { ImageId: OLD_AMI } }] });
    ec2.on(DescribeImagesCommand).callsFake((input: { ImageIds?: string[] }) => ({
      Images: (input.ImageIds ?? []).map((id) => image(id, { Tags: [{ Key: 'deploy-guard:staging-since', Value: hoursAgo(6).toISOString() }] })),
    }));
    const report = await runSoak('pr', settings(), { promotable: incoming(AMI) });
    expect(brief(report)).toEqual(['DG101 error prod']);
    expect(report.findings[0]!.message).toContain('shown by tags (tag deploy-guard:staging-since=2026-03-10T06:00:00Z');
    const ec2Evidence = report.findings[0]!.evidence.find((entry) => entry.source === 'ec2');
    expect(ec2Evidence!.text).toContain('nothing: no sign of');
  });

  it('launch-template versions: from the version that set the AMI to the next one that did not', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({
      LaunchTemplateVersions: [
        { LaunchTemplateId: 'lt-1', VersionNumber: 1, CreateTime: hoursAgo(100), LaunchTemplateData: { ImageId: OLD_AMI } },
        { LaunchTemplateId: 'lt-1', VersionNumber: 2, CreateTime: hoursAgo(50), LaunchTemplateData: { ImageId: AMI } },
        { LaunchTemplateId: 'lt-1', VersionNumber: 3, DefaultVersion: true, CreateTime: hoursAgo(40), LaunchTemplateData: { ImageId: OLD_AMI } },
      ],
    });
    const report = await runSoak('pr', settings(), { promotable: incoming(AMI) });
    expect(brief(report)).toEqual(['DG101 error prod']);
    expect(report.findings[0]!.message).toContain('served staging for only 10h');
    expect(report.findings[0]!.message).toContain('It no longer serves staging');
  });
});

describe('preflight', () => {
  it('resolves launch template $Default → resolve:ssm: → parameter, checks its soak, and answers go', async () => {
    ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({
      LaunchTemplateVersions: [{ LaunchTemplateId: 'lt-1', VersionNumber: 4, DefaultVersion: true, CreateTime: hoursAgo(300), LaunchTemplateData: { ImageId: 'resolve:ssm:/images/prod/api' } }],
    });
    history('/images/prod/api', [[AMI, 1]]);
    history('/images/staging/api', [[AMI, 30]]);
    const report = await runSoak('preflight', soakSettings());
    expect(report.preflight).toEqual({ environment: 'prod', amiId: AMI, go: true });
    expect(brief(report)).toEqual([]);
  });

  it('no-go when the candidate has not soaked', async () => {
    ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({
      LaunchTemplateVersions: [{ LaunchTemplateId: 'lt-1', VersionNumber: 4, DefaultVersion: true, CreateTime: hoursAgo(3), LaunchTemplateData: { ImageId: AMI } }],
    });
    history('/images/prod/api', [[OLD_AMI, 300]]);
    history('/images/staging/api', [[AMI, 5]]);
    const report = await runSoak('preflight', soakSettings());
    expect(report.preflight).toEqual({ environment: 'prod', amiId: AMI, go: false });
    expect(brief(report)).toEqual(['DG101 error prod']);
  });

  it('takes the ami-id input as the candidate, without reading the launch templates', async () => {
    history('/images/staging/api', [[AMI, 30]]);
    const report = await runSoak('preflight', soakSettings({}, { amiId: AMI, environment: 'prod' }));
    expect(report.preflight).toEqual({ environment: 'prod', amiId: AMI, go: true });
    expect(ec2.commandCalls(DescribeLaunchTemplateVersionsCommand)).toHaveLength(0);
  });

  it('no-go when the AMI new instances launch with cannot be determined', async () => {
    ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [{ LaunchTemplateId: 'lt-1', VersionNumber: 1, DefaultVersion: true, CreateTime: hoursAgo(3), LaunchTemplateData: {} }] });
    ssm.on(GetParameterHistoryCommand).rejects(Object.assign(new Error('not found'), { name: 'ParameterNotFound', $fault: 'client', $metadata: { httpStatusCode: 400 } }));
    const report = await runSoak('preflight', soakSettings());
    expect(report.preflight).toEqual({ environment: 'prod', go: false });
    expect(report.outcome.result).toBe('error');
  });
});

describe('audit', () => {
  it('finds an AMI that went live in prod 2h after it entered staging (DG106) and a launch template that follows a public parameter (DG105)', async () => {
    ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({
      LaunchTemplateVersions: [
        { LaunchTemplateId: 'lt-1', VersionNumber: 1, CreateTime: hoursAgo(500), LaunchTemplateData: { ImageId: OLD_AMI } },
        { LaunchTemplateId: 'lt-1', VersionNumber: 2, DefaultVersion: true, CreateTime: hoursAgo(400), LaunchTemplateData: { ImageId: 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' } },
      ],
    });
    ssm.on(GetParameterCommand).resolves({ Parameter: { Name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64', Value: OLD_AMI, Version: 9, LastModifiedDate: hoursAgo(600) } });
    history('/images/prod/api', [
      [OLD_AMI, 300],
      [AMI, 28],
    ]);
    history('/images/staging/api', [
      [OLD_AMI, 700],
      [AMI, 30],
    ]);
    const report = await runSoak('audit', soakSettings());
    expect(brief(report).sort()).toEqual(['DG105 error prod', 'DG106 error prod']);
    const dg106 = report.findings.find((finding) => finding.id === 'DG106')!;
    expect(dg106.message).toContain(`${AMI} went live in prod at 2026-03-09T08:00:00Z`);
    expect(dg106.message).toContain('after serving staging for only 2h of the required 24h');
    const dg105 = report.findings.find((finding) => finding.id === 'DG105')!;
    expect(dg105.message).toContain('launch template api-prod $Default/$Latest (version 2) in eu-west-1 takes its AMI from the public SSM parameter');
  });

  it('is clean when every live AMI soaked first', async () => {
    ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [{ LaunchTemplateId: 'lt-1', VersionNumber: 1, DefaultVersion: true, CreateTime: hoursAgo(20), LaunchTemplateData: { ImageId: AMI } }] });
    history('/images/prod/api', [[AMI, 20]]);
    history('/images/staging/api', [[AMI, 60]]);
    const report = await runSoak('audit', soakSettings());
    expect(brief(report)).toEqual([]);
    expect(report.outcome.result).toBe('pass');
  });
});
