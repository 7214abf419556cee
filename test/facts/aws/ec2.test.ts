import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplateVersionsCommand,
  EC2Client,
  type DescribeImagesCommandInput,
  type DescribeImagesCommandOutput,
  type Image,
} from '@aws-sdk/client-ec2';
import { STSClient } from '@aws-sdk/client-sts';
import { amiIdsInMessage, describeImages, instancesRunning, launchTemplate } from '../../../src/facts/aws/ec2.js';
import { AwsEvidenceError } from '../../../src/facts/aws/errors.js';
import { makeSession, sdkError } from './helpers.js';

const ec2Mock = mockClient(EC2Client);
const stsMock = mockClient(STSClient);

beforeEach(() => {
  ec2Mock.reset();
  stsMock.reset();
});
afterAll(() => {
  ec2Mock.restore();
  stsMock.restore();
});

const ami = (n: number) => `ami-${n.toString(16).padStart(17, '0')}`;
const image = (id: string, extra: Partial<Image> = {}): Image => ({
  ImageId: id,
  State: 'available',
  OwnerId: '111111111111',
  CreationDate: '2024-01-01T00:00:00.000Z',
  Name: `img-${id}`,
  ...extra,
});

/** Record a copy of every input: the paginator reuses (and mutates) one input object. */
function recordImages(pages: (DescribeImagesCommandOutput | Error)[]): DescribeImagesCommandInput[] {
  const seen: DescribeImagesCommandInput[] = [];
  let i = 0;
  ec2Mock.on(DescribeImagesCommand).callsFake((input: DescribeImagesCommandInput) => {
    seen.push(structuredClone(input));
    const p = pages[Math.min(i++, pages.length - 1)]!;
    if (p instanceof Error) throw p;
    return p;
  });
  return seen;
}

const meta = { $metadata: {} };

describe('describeImages', () => {
  it('evaluates all 3 pages of DescribeImages (paginator, IncludeDeprecated, token chain)', async () => {
    const ids = [ami(1), ami(2), ami(3)];
    const seen = recordImages([
      { ...meta, Images: [image(ids[0]!)], NextToken: 't1' },
      { ...meta, Images: [image(ids[1]!)], NextToken: 't2' },
      { ...meta, Images: [image(ids[2]!, { Tags: [{ Key: 'deploy-guard:staging-since', Value: '2024-01-02T00:00:00Z' }] })] },
    ]);
    const out = await describeImages(makeSession(), 'eu-west-1', ids);
    expect([...out.keys()]).toEqual(ids);
    for (const id of ids) expect(out.get(id)?.id).toBe(id);
    expect(out.get(ids[2]!)?.tags).toEqual({ 'deploy-guard:staging-since': '2024-01-02T00:00:00Z' });
    expect(seen.map((s) => s.NextToken)).toEqual([undefined, 't1', 't2']);
    expect(seen[0]).toMatchObject({ ImageIds: ids, IncludeDeprecated: true, IncludeDisabled: true });
    expect(seen[0]!.MaxResults).toBeUndefined(); // EC2 refuses MaxResults together with ImageIds
    expect(stsMock.calls()).toHaveLength(0); // no account guard configured: no STS call
  });

  it('a repeated page token is an AwsEvidenceError and stops paging', async () => {
    const seen = recordImages([
      { ...meta, Images: [image(ami(1))], NextToken: 'same' },
      { ...meta, Images: [image(ami(2))], NextToken: 'same' },
      { ...meta, Images: [image(ami(3))] },
    ]);
    const err = await describeImages(makeSession(), 'eu-west-1', [ami(1), ami(2), ami(3)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsEvidenceError);
    expect(err).toMatchObject({ reason: 'repeated-page-token', api: 'DescribeImages', region: 'eu-west-1', environment: 'staging' });
    expect(seen).toHaveLength(2);
  });

  it('a token cycle (a → b → a) is caught as well', async () => {
    const seen = recordImages([
      { ...meta, Images: [], NextToken: 'a' },
      { ...meta, Images: [], NextToken: 'b' },
      { ...meta, Images: [], NextToken: 'a' },
      { ...meta, Images: [] },
    ]);
    await expect(describeImages(makeSession(), 'eu-west-1', [ami(1)])).rejects.toMatchObject({ reason: 'repeated-page-token' });
    expect(seen).toHaveLength(3);
  });

  it('flags deprecated AMIs (deprecationTime <= now) and keeps the facts', async () => {
    const now = new Date('2025-06-01T00:00:00Z');
    recordImages([
      {
        ...meta,
        Images: [
          image(ami(1), { DeprecationTime: '2025-05-01T00:00:00.000Z' }),
          image(ami(2), { DeprecationTime: '2025-06-01T00:00:00.000Z' }),
          image(ami(3), { DeprecationTime: '2026-01-01T00:00:00.000Z' }),
          image(ami(4), { State: 'disabled' }),
        ],
      },
    ]);
    const out = await describeImages(makeSession(), 'eu-west-1', [ami(1), ami(2), ami(3), ami(4)], { now });
    expect(out.get(ami(1))).toMatchObject({ deprecated: true, deprecationTime: '2025-05-01T00:00:00.000Z', state: 'available', ownerId: '111111111111' });
    expect(out.get(ami(2))?.deprecated).toBe(true);
    expect(out.get(ami(3))?.deprecated).toBe(false);
    expect(out.get(ami(4))).toMatchObject({ deprecated: false, state: 'disabled' });
    expect(out.get(ami(4))).not.toHaveProperty('deprecationTime');
  });

  it('InvalidAMIID.NotFound for part of a batch: named ids are null, the rest is asked again', async () => {
    const seen = recordImages([
      sdkError('InvalidAMIID.NotFound', `The image ids '[${ami(2)}, ${ami(4)}]' do not exist`),
      { ...meta, Images: [image(ami(1)), image(ami(3))] },
    ]);
    const out = await describeImages(makeSession(), 'eu-west-1', [ami(1), ami(2), ami(3), ami(4)]);
    expect(out.get(ami(1))?.id).toBe(ami(1));
    expect(out.get(ami(2))).toBeNull();
    expect(out.get(ami(3))?.id).toBe(ami(3));
    expect(out.get(ami(4))).toBeNull();
    expect(seen.map((s) => s.ImageIds)).toEqual([[ami(1), ami(2), ami(3), ami(4)], [ami(1), ami(3)]]);
  });

  it('NotFound that names no id of the batch: the batch is split until single ids', async () => {
    const present = new Set([ami(1), ami(3)]);
    const seen: string[][] = [];
    ec2Mock.on(DescribeImagesCommand).callsFake((input: DescribeImagesCommandInput) => {
      const ids = input.ImageIds ?? [];
      seen.push([...ids]);
      if (ids.some((id) => !present.has(id))) throw sdkError('InvalidAMIID.NotFound', 'One or more images do not exist');
      return { Images: ids.map((id) => image(id)) };
    });
    const out = await describeImages(makeSession(), 'eu-west-1', [ami(1), ami(2), ami(3), ami(4)]);
    expect([...out].map(([k, v]) => [k, v?.id ?? null])).toEqual([
      [ami(1), ami(1)],
      [ami(2), null],
      [ami(3), ami(3)],
      [ami(4), null],
    ]);
    expect(seen.length).toBeLessThanOrEqual(7);
  });

  it('malformed ids are null without any call; duplicates are asked once', async () => {
    const seen = recordImages([{ ...meta, Images: [image('ami-12345678')] }]);
    const out = await describeImages(makeSession(), 'eu-west-1', ['not-an-ami', 'ami-XYZ', 'ami-12345678', 'ami-12345678']);
    expect(out.get('not-an-ami')).toBeNull();
    expect(out.get('ami-XYZ')).toBeNull();
    expect(out.get('ami-12345678')?.id).toBe('ami-12345678');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.ImageIds).toEqual(['ami-12345678']);
    ec2Mock.reset();
    const none = await describeImages(makeSession(), 'eu-west-1', ['bogus']);
    expect(none.get('bogus')).toBeNull();
    expect(ec2Mock.calls()).toHaveLength(0);
  });

  it('batches 200 ids per call', async () => {
    const ids = Array.from({ length: 450 }, (_, i) => ami(i + 1));
    const seen: number[] = [];
    ec2Mock.on(DescribeImagesCommand).callsFake((input: DescribeImagesCommandInput) => {
      seen.push(input.ImageIds!.length);
      return { Images: input.ImageIds!.map((id) => image(id)) };
    });
    const out = await describeImages(makeSession(), 'eu-west-1', ids);
    expect([...out.values()].every((v) => v !== null)).toBe(true);
    expect(seen.sort((a, b) => b - a)).toEqual([200, 200, 50]);
  });

  it('access denied → AwsEvidenceError naming API, account, region and the IAM fix', async () => {
    recordImages([sdkError('UnauthorizedOperation', 'You are not authorized to perform this operation.', { $metadata: { httpStatusCode: 403, attempts: 1 } })]);
    const session = makeSession({ roleArn: 'arn:aws:iam::111111111111:role/deploy-guard-read' });
    const err = (await describeImages(session, 'eu-west-1', [ami(1)]).catch((e: unknown) => e)) as AwsEvidenceError;
    expect(err).toBeInstanceOf(AwsEvidenceError);
    expect(err).toMatchObject({ reason: 'access-denied', api: 'DescribeImages', region: 'eu-west-1', account: '111111111111', environment: 'staging' });
    expect(err.fix).toBe('grant ec2:DescribeImages to role arn:aws:iam::111111111111:role/deploy-guard-read in account 111111111111');
    expect(err.message).toContain('DescribeImages in eu-west-1 (account 111111111111, environment staging)');
    expect(err.message).toContain('Fix: grant ec2:DescribeImages');
  });

  it('an image without required fields is unreadable evidence, not a partial fact', async () => {
    recordImages([{ ...meta, Images: [{ ImageId: ami(1), State: 'available' }] }]);
    await expect(describeImages(makeSession(), 'eu-west-1', [ami(1)])).rejects.toMatchObject({ reason: 'unreadable' });
  });

  it('amiIdsInMessage reads the ids of the EC2 messages', () => {
    expect(amiIdsInMessage("The image id '[ami-0123456789abcdef0]' does not exist")).toEqual(['ami-0123456789abcdef0']);
    expect(amiIdsInMessage("The image ids '[ami-11111111, ami-22222222]' do not exist")).toEqual(['ami-11111111', 'ami-22222222']);
  });
});

describe('instancesRunning', () => {
  it('pages DescribeInstances with state, tag and image filters', async () => {
    const inputs: unknown[] = [];
    let i = 0;
    ec2Mock.on(DescribeInstancesCommand).callsFake((input) => {
      inputs.push(structuredClone(input));
      return i++ === 0
        ? {
            Reservations: [
              { Instances: [{ InstanceId: 'i-2', ImageId: ami(1), LaunchTime: new Date('2024-02-01T00:00:00Z'), State: { Name: 'running' }, Tags: [{ Key: 'Environment', Value: 'staging' }] }] },
            ],
            NextToken: 'n1',
          }
        : { Reservations: [{ Instances: [{ InstanceId: 'i-1', ImageId: ami(1), LaunchTime: new Date('2024-01-01T00:00:00Z'), State: { Name: 'pending' } }] }] };
    });
    const out = await instancesRunning(makeSession(), 'eu-west-1', { tags: { Environment: 'staging' }, imageIds: [ami(1)] });
    expect(out.map((x) => [x.id, x.state, x.launchTime.toISOString()])).toEqual([
      ['i-1', 'pending', '2024-01-01T00:00:00.000Z'],
      ['i-2', 'running', '2024-02-01T00:00:00.000Z'],
    ]);
    expect(out[1]!.tags).toEqual({ Environment: 'staging' });
    expect(inputs[0]).toMatchObject({
      MaxResults: 1000,
      Filters: [
        { Name: 'instance-state-name', Values: ['pending', 'running'] },
        { Name: 'tag:Environment', Values: ['staging'] },
        { Name: 'image-id', Values: [ami(1)] },
      ],
    });
    expect(inputs[1]).toMatchObject({ NextToken: 'n1' });
  });

  it('an empty image list matches nothing without a call; throttling becomes an AwsEvidenceError', async () => {
    expect(await instancesRunning(makeSession(), 'eu-west-1', { imageIds: [] })).toEqual([]);
    expect(ec2Mock.calls()).toHaveLength(0);
    ec2Mock.on(DescribeInstancesCommand).rejects(sdkError('RequestLimitExceeded', 'Request limit exceeded.', { $metadata: { httpStatusCode: 503, attempts: 4 } }));
    await expect(instancesRunning(makeSession(), 'us-east-1', { tags: { Environment: 'prod' } })).rejects.toMatchObject({
      reason: 'throttled',
      api: 'DescribeInstances',
      region: 'us-east-1',
      attempts: 4,
    });
  });
});

describe('launchTemplate', () => {
  it('reads every version over pages: default, latest, image ids including resolve:ssm', async () => {
    let i = 0;
    ec2Mock.on(DescribeLaunchTemplateVersionsCommand).callsFake(() =>
      i++ === 0
        ? {
            LaunchTemplateVersions: [
              { LaunchTemplateId: 'lt-1', LaunchTemplateName: 'api', VersionNumber: 3, CreateTime: new Date('2024-03-01T00:00:00Z'), DefaultVersion: false, LaunchTemplateData: { ImageId: 'resolve:ssm:/images/staging/api' } },
              { LaunchTemplateId: 'lt-1', LaunchTemplateName: 'api', VersionNumber: 2, CreateTime: new Date('2024-02-01T00:00:00Z'), DefaultVersion: true, CreatedBy: 'arn:aws:iam::1:user/a', LaunchTemplateData: { ImageId: ami(2) } },
            ],
            NextToken: 'p2',
          }
        : { LaunchTemplateVersions: [{ LaunchTemplateId: 'lt-1', LaunchTemplateName: 'api', VersionNumber: 1, CreateTime: new Date('2024-01-01T00:00:00Z'), DefaultVersion: false, LaunchTemplateData: {} }] },
    );
    const lt = await launchTemplate(makeSession(), 'eu-west-1', 'api');
    expect(lt).toMatchObject({ name: 'api', id: 'lt-1', defaultVersion: 2, latestVersion: 3 });
    expect(lt.versions.map((v) => [v.number, v.imageId, v.createdBy])).toEqual([
      [1, undefined, undefined],
      [2, ami(2), 'arn:aws:iam::1:user/a'],
      [3, 'resolve:ssm:/images/staging/api', undefined],
    ]);
    expect(ec2Mock.commandCalls(DescribeLaunchTemplateVersionsCommand)).toHaveLength(2);
  });

  it('a missing launch template is reported as not-found evidence with the config key', async () => {
    ec2Mock.on(DescribeLaunchTemplateVersionsCommand).rejects(sdkError('InvalidLaunchTemplateName.NotFoundException', 'At least one of the launch templates specified in the request does not exist.'));
    const err = (await launchTemplate(makeSession(), 'eu-west-1', 'nope').catch((e: unknown) => e)) as AwsEvidenceError;
    expect(err).toMatchObject({ reason: 'not-found', api: 'DescribeLaunchTemplateVersions', resource: 'launch template nope' });
    expect(err.fix).toContain('environments.staging.amis.launch-templates');
  });
});
