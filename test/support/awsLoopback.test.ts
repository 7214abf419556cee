import { afterEach, describe, expect, it, vi } from 'vitest';
import { DescribeImagesCommand, DescribeInstancesCommand, DescribeLaunchTemplateVersionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetCommandInvocationCommand, GetParameterCommand, GetParameterHistoryCommand, SendCommandCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { simulateProbe, startAwsLoopback, type AwsLoopback, type LoopbackState } from './awsLoopback.js';

let lb: AwsLoopback | undefined;

async function start(state: LoopbackState): Promise<AwsLoopback> {
  lb = await startAwsLoopback(state);
  for (const [k, v] of Object.entries(lb.env)) vi.stubEnv(k, v);
  return lb;
}

afterEach(async () => {
  vi.unstubAllEnvs();
  await lb?.close();
  lb = undefined;
});

const cfg = { region: 'eu-west-1', maxAttempts: 1 };

describe('awsLoopback with the real SDK clients', () => {
  it('answers EC2 DescribeImages (XML, tags, paging with ImageIds, NotFound naming the ids)', async () => {
    const s = await start({
      images: [
        { id: 'ami-0123456789abcdef0', name: 'api-1', tags: { 'deploy-guard:staging-since': '2024-01-01T00:00:00Z', 'a&b': '<x>' }, deprecationTime: '2030-01-01T00:00:00.000Z' },
        { id: 'ami-0123456789abcdef1', region: 'us-east-1' },
      ],
    });
    const ec2 = new EC2Client(cfg);
    const out = await ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-0123456789abcdef0'] }));
    expect(out.Images).toHaveLength(1);
    const img = out.Images![0]!;
    expect(img).toMatchObject({ ImageId: 'ami-0123456789abcdef0', State: 'available', OwnerId: '123456789012', Name: 'api-1', DeprecationTime: '2030-01-01T00:00:00.000Z' });
    expect(img.Tags).toEqual(expect.arrayContaining([{ Key: 'a&b', Value: '<x>' }]));
    // regional: the second image is only in us-east-1
    await expect(ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-0123456789abcdef0', 'ami-0123456789abcdef1'] }))).rejects.toMatchObject({
      name: 'InvalidAMIID.NotFound',
      message: "The image id '[ami-0123456789abcdef1]' does not exist",
    });
    await expect(ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-zz'] }))).rejects.toMatchObject({ name: 'InvalidAMIID.Malformed' });
    expect(s.calls.DescribeImages).toBe(3);
    expect(s.requests[0]).toMatchObject({ service: 'ec2', api: 'DescribeImages', region: 'eu-west-1', accessKeyId: 'AKIDLOOPBACK00000000' });
    ec2.destroy();
  });

  it('pages DescribeInstances with filters and MaxResults', async () => {
    await start({
      instances: Array.from({ length: 12 }, (_, i) => ({
        id: `i-${(i + 1).toString(16).padStart(17, '0')}`,
        imageId: i % 2 ? 'ami-11111111' : 'ami-22222222',
        launchTime: new Date(Date.UTC(2024, 0, i + 1)),
        state: i === 0 ? ('stopped' as const) : ('running' as const),
        tags: { Environment: 'staging' },
      })),
    });
    const ec2 = new EC2Client(cfg);
    const first = await ec2.send(
      new DescribeInstancesCommand({
        MaxResults: 5,
        Filters: [
          { Name: 'instance-state-name', Values: ['running', 'pending'] },
          { Name: 'tag:Environment', Values: ['staging'] },
          { Name: 'image-id', Values: ['ami-11111111'] },
        ],
      }),
    );
    expect(first.Reservations).toHaveLength(5);
    expect(first.Reservations![0]!.Instances![0]).toMatchObject({ ImageId: 'ami-11111111', State: { Name: 'running', Code: 16 } });
    expect(first.Reservations![0]!.Instances![0]!.LaunchTime).toBeInstanceOf(Date);
    expect(first.NextToken).toBe('dg-5');
    const second = await ec2.send(new DescribeInstancesCommand({ MaxResults: 5, NextToken: first.NextToken, Filters: [{ Name: 'image-id', Values: ['ami-11111111'] }, { Name: 'instance-state-name', Values: ['running'] }] }));
    expect(second.Reservations).toHaveLength(1);
    expect(second.NextToken).toBeUndefined();
    await expect(ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'bogus', Values: ['x'] }] }))).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    ec2.destroy();
  });

  it('answers DescribeLaunchTemplateVersions and its not-found error', async () => {
    await start({
      launchTemplates: [
        {
          name: 'api-staging',
          id: 'lt-0123456789abcdef0',
          defaultVersion: 2,
          versions: [
            { number: 1, imageId: 'ami-11111111', createTime: '2024-01-01T00:00:00Z', createdBy: 'arn:aws:iam::123456789012:user/a' },
            { number: 2, imageId: 'resolve:ssm:/images/staging/api', createTime: '2024-02-01T00:00:00Z' },
          ],
        },
      ],
    });
    const ec2 = new EC2Client(cfg);
    const out = await ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'api-staging' }));
    expect(out.LaunchTemplateVersions?.map((v) => [v.VersionNumber, v.DefaultVersion, v.LaunchTemplateData?.ImageId])).toEqual([
      [2, true, 'resolve:ssm:/images/staging/api'],
      [1, false, 'ami-11111111'],
    ]);
    expect(out.LaunchTemplateVersions![1]!.CreateTime).toEqual(new Date('2024-01-01T00:00:00Z'));
    await expect(ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'nope' }))).rejects.toMatchObject({ name: 'InvalidLaunchTemplateName.NotFoundException' });
    ec2.destroy();
  });

  it('answers SSM JSON 1.1: GetParameter, GetParameterHistory (kept 100, paged by 50), errors', async () => {
    await start({
      parameters: {
        '/images/staging/api': { versions: Array.from({ length: 120 }, (_, i) => ({ value: `ami-${String(i).padStart(8, '0')}`, modified: new Date(Date.UTC(2024, 0, 1, i)) })) },
      },
    });
    const ssm = new SSMClient(cfg);
    const cur = await ssm.send(new GetParameterCommand({ Name: '/images/staging/api' }));
    expect(cur.Parameter).toMatchObject({ Value: 'ami-00000119', Version: 120 });
    expect(cur.Parameter!.LastModifiedDate).toEqual(new Date(Date.UTC(2024, 0, 1, 119)));
    const h1 = await ssm.send(new GetParameterHistoryCommand({ Name: '/images/staging/api', MaxResults: 50 }));
    expect(h1.Parameters).toHaveLength(50);
    expect(h1.Parameters![0]).toMatchObject({ Version: 21, Value: 'ami-00000020' });
    expect(h1.NextToken).toBeDefined();
    await expect(ssm.send(new GetParameterCommand({ Name: '/nope' }))).rejects.toMatchObject({ name: 'ParameterNotFound' });
    ssm.destroy();
  });

  it('runs the probe simulation through SendCommand / GetCommandInvocation', async () => {
    const s = await start({ probe: { 'i-0123456789abcdef0': { files: { '/usr/local/bin/aws': 'x' }, notFoundPolls: 1 } } });
    const ssm = new SSMClient(cfg);
    const sent = await ssm.send(
      new SendCommandCommand({
        DocumentName: 'AWS-RunShellScript',
        InstanceIds: ['i-0123456789abcdef0'],
        Parameters: { commands: ["printf 'DG-PROBE\\tBEGIN\\t1\\n'", "DG_RUN_PATH='/usr/local/bin:/usr/bin'", "dg_path '/usr/bin/aws'", "dg_name 'aws'", 'dg_end'] },
      }),
    );
    const q = { CommandId: sent.Command!.CommandId!, InstanceId: 'i-0123456789abcdef0' };
    await expect(ssm.send(new GetCommandInvocationCommand(q))).rejects.toMatchObject({ name: 'InvocationDoesNotExist' });
    expect((await ssm.send(new GetCommandInvocationCommand(q))).Status).toBe('InProgress');
    const done = await ssm.send(new GetCommandInvocationCommand(q));
    expect(done.Status).toBe('Success');
    expect(done.StandardOutputContent).toBe('DG-PROBE\tBEGIN\t1\nP\t/usr/bin/aws\t-\t/usr/local/bin/aws\nN\taws\t/usr/local/bin/aws\nDG-PROBE\tEND\t2\n');
    expect(s.calls.GetCommandInvocation).toBe(3);
    ssm.destroy();
  });

  it('answers STS GetCallerIdentity and AssumeRole (assumed keys map to the role account)', async () => {
    await start({ account: '111111111111', roles: ['arn:aws:iam::222222222222:role/read'] });
    const sts = new STSClient(cfg);
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('111111111111');
    const ar = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/read', RoleSessionName: 'deploy-guard' }));
    expect(ar.Credentials?.Expiration).toBeInstanceOf(Date);
    const assumed = new STSClient({
      ...cfg,
      credentials: { accessKeyId: ar.Credentials!.AccessKeyId!, secretAccessKey: ar.Credentials!.SecretAccessKey!, sessionToken: ar.Credentials!.SessionToken! },
    });
    expect((await assumed.send(new GetCallerIdentityCommand({}))).Account).toBe('222222222222');
    await expect(sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::333333333333:role/x', RoleSessionName: 'deploy-guard' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    sts.destroy();
    assumed.destroy();
  });

  it('injects faults per API and counts every call; delays answers', async () => {
    const s = await start({ images: [{ id: 'ami-11111111' }], faults: [{ api: 'DescribeImages', times: 2, code: 'RequestLimitExceeded' }], delayMs: 30 });
    const ec2 = new EC2Client(cfg);
    await expect(ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-11111111'] }))).rejects.toMatchObject({ name: 'RequestLimitExceeded', $metadata: { httpStatusCode: 503 } });
    await expect(ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-11111111'] }))).rejects.toMatchObject({ name: 'RequestLimitExceeded' });
    const t0 = Date.now();
    expect((await ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-11111111'] }))).Images).toHaveLength(1);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(25);
    expect(s.calls.DescribeImages).toBe(3);
    ec2.destroy();
  });

  it('simulateProbe resolves names under the run PATH and reports builtins', () => {
    const out = simulateProbe(["printf 'DG-PROBE\\tBEGIN\\t1\\n'", "DG_RUN_PATH='/a:/b'", "dg_path '/a/x'", "dg_path '/c/y'", "dg_name 'y'", "dg_name 'echo'", 'dg_end'], {
      files: { '/a/x': 'f', '/b/x': 'x', '/b/y': 'x' },
    });
    expect(out).toBe('DG-PROBE\tBEGIN\t1\nP\t/a/x\tf\t/b/x\nP\t/c/y\t-\t/b/y\nN\ty\t/b/y\nN\techo\techo\nDG-PROBE\tEND\t4\n');
  });
});
