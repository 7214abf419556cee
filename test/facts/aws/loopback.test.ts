/**
 * The adapters with the REAL SDK clients against the loopback server: retries, throttling,
 * credentials, endpoints from AWS_ENDPOINT_URL_*, user agent, assume-role, concurrency.
 * (aws-sdk-client-mock replaces `send` and so bypasses the retry middleware.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AwsSession, type AwsOptions, type AwsTarget } from '../../../src/facts/aws/clients.js';
import { describeImages, instancesRunning, launchTemplate } from '../../../src/facts/aws/ec2.js';
import { getParameter, intervalsOf, parameterHistory, runProbe } from '../../../src/facts/aws/ssm.js';
import { AwsEvidenceError } from '../../../src/facts/aws/errors.js';
import { readSinceTag } from '../../../src/facts/aws/tags.js';
import { startAwsLoopback, type AwsLoopback, type LoopbackState } from '../../support/awsLoopback.js';

let lb: AwsLoopback | undefined;
const sessions: AwsSession[] = [];

async function start(state: LoopbackState): Promise<AwsLoopback> {
  lb = await startAwsLoopback(state);
  for (const [k, v] of Object.entries(lb.env)) vi.stubEnv(k, v);
  return lb;
}

function session(target: Partial<AwsTarget> = {}, options: Partial<AwsOptions> = {}, delays?: number[]): AwsSession {
  const s = new AwsSession(
    { environment: 'staging', regions: ['eu-west-1', 'us-east-1'], ...target },
    {
      maxAttempts: 4,
      userAgent: 'deploy-guard/0.1.0',
      retryDelayMs: (attempt) => {
        delays?.push(attempt);
        return 0;
      },
      ...options,
    },
  );
  sessions.push(s);
  return s;
}

afterEach(async () => {
  for (const s of sessions.splice(0)) s.destroy();
  vi.unstubAllEnvs();
  await lb?.close();
  lb = undefined;
});

const ami = (n: number) => `ami-${n.toString(16).padStart(17, '0')}`;

describe('retries with the real client', () => {
  it('RequestLimitExceeded three times, then success: correct result after 4 attempts', async () => {
    const s = await start({ images: [{ id: ami(1), name: 'api' }], faults: [{ api: 'DescribeImages', times: 3, code: 'RequestLimitExceeded' }] });
    const delays: number[] = [];
    const out = await describeImages(session({}, {}, delays), 'eu-west-1', [ami(1)]);
    expect(out.get(ami(1))).toMatchObject({ id: ami(1), name: 'api', state: 'available' });
    expect(s.calls.DescribeImages).toBe(4);
    expect(delays).toEqual([1, 2, 3]); // injected backoff: no real waiting
  });

  it('never-ending throttling → AwsEvidenceError naming DescribeImages and the region, after maxAttempts', async () => {
    const s = await start({ images: [{ id: ami(1) }], faults: [{ api: 'DescribeImages', times: Infinity, code: 'RequestLimitExceeded', message: 'Request limit exceeded.' }] });
    const err = (await describeImages(session(), 'eu-west-1', [ami(1)]).catch((e: unknown) => e)) as AwsEvidenceError;
    expect(err).toBeInstanceOf(AwsEvidenceError);
    expect(err).toMatchObject({ reason: 'throttled', api: 'DescribeImages', region: 'eu-west-1', environment: 'staging', attempts: 4 });
    expect(err.message).toContain('DescribeImages in eu-west-1');
    expect(err.message).toContain('after 4 attempts');
    expect(err.fix).toContain('raise max-attempts (now 4)');
    expect(s.calls.DescribeImages).toBe(4);
  });

  it('maxAttempts from options is honoured by the real retry middleware', async () => {
    const s = await start({ faults: [{ api: 'GetParameterHistory', times: Infinity, code: 'ThrottlingException' }] });
    await expect(parameterHistory(session({}, { maxAttempts: 6 }), 'us-east-1', '/p')).rejects.toMatchObject({ reason: 'throttled', attempts: 6, api: 'GetParameterHistory', region: 'us-east-1' });
    expect(s.calls.GetParameterHistory).toBe(6);
  });

  it('access denied is not retried and names the IAM action', async () => {
    const s = await start({ faults: [{ api: 'DescribeInstances', times: Infinity, code: 'UnauthorizedOperation', message: 'You are not authorized to perform this operation.' }] });
    const err = (await instancesRunning(session(), 'eu-west-1', { tags: { Environment: 'staging' } }).catch((e: unknown) => e)) as AwsEvidenceError;
    expect(err).toMatchObject({ reason: 'access-denied', api: 'DescribeInstances' });
    expect(err.fix).toBe("grant ec2:DescribeInstances to the workflow's AWS credentials");
    expect(s.calls.DescribeInstances).toBe(1);
  });

  it('a region that does not answer (connection refused) → unreachable, after retries', async () => {
    const s = await start({});
    await s.close();
    const err = (await describeImages(session(), 'eu-west-1', [ami(1)]).catch((e: unknown) => e)) as AwsEvidenceError;
    expect(err).toMatchObject({ reason: 'unreachable', api: 'DescribeImages', region: 'eu-west-1', attempts: 4 });
    expect(err.fix).toContain('AWS_ENDPOINT_URL_EC2');
    lb = undefined;
  });

  it('a region that hangs → request timeout → unreachable', async () => {
    const s = await start({ faults: [{ api: 'GetParameter', times: Infinity, kind: 'hang' }] });
    await expect(getParameter(session({}, { requestTimeoutMs: 40 }), 'eu-west-1', '/p')).rejects.toMatchObject({ reason: 'unreachable', api: 'GetParameter' });
    expect(s.calls.GetParameter).toBe(4);
  });

  it('connection resets are retried transparently', async () => {
    const s = await start({ parameters: { '/p': { versions: [{ value: 'ami-11111111', modified: '2025-01-01T00:00:00Z' }] } }, faults: [{ api: 'GetParameter', times: 2, kind: 'reset' }] });
    expect((await getParameter(session(), 'eu-west-1', '/p')).value).toBe('ami-11111111');
    expect(s.calls.GetParameter).toBe(3);
  });

  it('no credentials at all → no-credentials with the configure-aws-credentials fix (no IMDS call)', async () => {
    await start({});
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) {
      vi.stubEnv(k, '');
    }
    const err = (await describeImages(session(), 'eu-west-1', [ami(1)]).catch((e: unknown) => e)) as AwsEvidenceError;
    expect(err).toBeInstanceOf(AwsEvidenceError);
    expect(err).toMatchObject({ reason: 'no-credentials', api: 'DescribeImages', region: 'eu-west-1' });
    expect(err.fix).toContain('aws-actions/configure-aws-credentials');
    expect(lb!.calls.DescribeImages).toBeUndefined();
  });

  it('a repeated page token from the real paginator is an evidence error', async () => {
    const s = await start({
      parameters: { '/p': { versions: Array.from({ length: 80 }, (_, i) => ({ value: `v${i}`, modified: new Date(Date.UTC(2025, 0, 1, i)) })) } },
      faults: [{ api: 'GetParameterHistory', times: Infinity, kind: 'repeat-token' }],
    });
    await expect(parameterHistory(session(), 'eu-west-1', '/p')).rejects.toMatchObject({ reason: 'repeated-page-token', api: 'GetParameterHistory' });
    expect(s.calls.GetParameterHistory).toBe(2);
  });
});

describe('endpoints, user agent, regions', () => {
  it('reaches the loopback via AWS_ENDPOINT_URL_EC2/SSM/STS and appends deploy-guard/<version> to the user agent', async () => {
    const s = await start({ images: [{ id: ami(1) }], parameters: { '/p': { versions: [{ value: 'x', modified: '2025-01-01T00:00:00Z' }] } } });
    const sess = session({ accountId: '123456789012' });
    await describeImages(sess, 'eu-west-1', [ami(1)]);
    await getParameter(sess, 'us-east-1', '/p');
    expect(s.requests.map((r) => [r.service, r.api, r.region])).toEqual([
      ['sts', 'GetCallerIdentity', 'eu-west-1'],
      ['ec2', 'DescribeImages', 'eu-west-1'],
      ['ssm', 'GetParameter', 'us-east-1'],
    ]);
    for (const r of s.requests) expect(r.userAgent).toContain('deploy-guard/0.1.0');
  });

  it('gathers every kind of fact end to end', async () => {
    const now = new Date('2025-06-01T00:00:00Z');
    const ids = Array.from({ length: 450 }, (_, i) => ami(i + 1));
    await start({
      images: [
        ...ids.filter((_, i) => i % 3 !== 0).map((id) => ({ id, region: 'eu-west-1', tags: { 'deploy-guard:staging-since': '2025-05-01T00:00:00Z' } })),
        { id: ami(999), region: 'us-east-1', deprecationTime: '2025-01-01T00:00:00.000Z', state: 'available' },
      ],
      instances: [
        { id: 'i-0000000000000000a', imageId: ami(2), launchTime: '2025-05-02T00:00:00Z', tags: { Environment: 'staging' }, region: 'eu-west-1' },
        { id: 'i-0000000000000000b', imageId: ami(2), launchTime: '2025-05-03T00:00:00Z', tags: { Environment: 'prod' }, region: 'eu-west-1' },
        { id: 'i-0000000000000000c', imageId: ami(2), launchTime: '2025-05-01T00:00:00Z', tags: { Environment: 'staging' }, state: 'stopped', region: 'eu-west-1' },
      ],
      launchTemplates: [
        {
          name: 'api-staging',
          defaultVersion: 1,
          versions: [
            { number: 1, imageId: ami(2), createTime: '2025-05-01T00:00:00Z' },
            { number: 2, imageId: 'resolve:ssm:/images/staging/api', createTime: '2025-05-05T00:00:00Z' },
          ],
        },
      ],
      parameters: {
        '/images/staging/api': {
          firstVersion: 40,
          versions: [
            { value: ami(2), modified: '2025-05-01T00:00:00Z', user: 'arn:aws:iam::123456789012:user/ci' },
            { value: ami(5), modified: '2025-05-10T00:00:00Z' },
          ],
        },
      },
      probe: { 'i-0000000000000000a': { files: { '/usr/local/bin/aws': 'x' }, notFoundPolls: 1, progress: ['Pending', 'InProgress'] } },
      pageSize: { DescribeInstances: 5, GetParameterHistory: 1 },
    });
    const sess = session();
    const images = await describeImages(sess, 'eu-west-1', [...ids, 'garbage'], { now });
    expect(images.size).toBe(451);
    for (const [i, id] of ids.entries()) expect(images.get(id)?.id ?? null).toBe(i % 3 !== 0 ? id : null);
    expect(images.get('garbage')).toBeNull();
    expect(readSinceTag(images.get(ami(2))!, 'staging')).toEqual(new Date('2025-05-01T00:00:00Z'));
    const us = await describeImages(sess, 'us-east-1', [ami(999), ami(2)], { now });
    expect(us.get(ami(999))).toMatchObject({ deprecated: true, region: 'us-east-1' });
    expect(us.get(ami(2))).toBeNull();

    const inst = await instancesRunning(sess, 'eu-west-1', { tags: { Environment: 'staging' }, imageIds: [ami(2)] });
    expect(inst.map((i) => i.id)).toEqual(['i-0000000000000000a']);

    const lt = await launchTemplate(sess, 'eu-west-1', 'api-staging');
    expect(lt).toMatchObject({ defaultVersion: 1, latestVersion: 2 });
    expect(lt.versions[1]).toMatchObject({ number: 2, imageId: 'resolve:ssm:/images/staging/api', createTime: new Date('2025-05-05T00:00:00Z') });

    const h = await parameterHistory(sess, 'eu-west-1', '/images/staging/api');
    expect(h.possiblyTruncated).toBe(true);
    expect(h.versions.map((v) => [v.version, v.value, v.user])).toEqual([
      [40, ami(2), 'arn:aws:iam::123456789012:user/ci'],
      [41, ami(5), 'arn:aws:iam::123456789012:user/loopback'],
    ]);
    expect(intervalsOf(h, ami(2), now)).toEqual([
      { from: new Date('2025-05-01T00:00:00Z'), to: new Date('2025-05-10T00:00:00Z'), fromIsOldestKept: true, durationMs: 9 * 86_400_000 },
    ]);
    expect((await getParameter(sess, 'eu-west-1', '/images/staging/api')).value).toBe(ami(5));

    const probe = await runProbe(sess, 'eu-west-1', 'i-0000000000000000a', { paths: ['/usr/bin/aws'], names: ['aws', 'echo'], runPath: '/usr/local/bin:/usr/bin' }, { sleep: async () => {} });
    expect(probe.paths.get('/usr/bin/aws')).toEqual({ exists: false, executable: false, foundOnPath: '/usr/local/bin/aws' });
    expect(probe.names.get('aws')).toBe('/usr/local/bin/aws');
    expect(probe.names.get('echo')).toBe('echo');
    expect(lb!.calls.GetCommandInvocation).toBe(4);
  });

  it('1,000 AMIs in 4 regions: 5 DescribeImages calls per region, bounded concurrency', async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => ami(i + 1));
    const s = await start({ images: ids.map((id) => ({ id })), delayMs: 5 });
    const regions = ['eu-west-1', 'us-east-1', 'us-west-2', 'ap-southeast-2'];
    const sess = session({ regions }, { concurrency: 2 });
    const maps = await Promise.all(regions.map((r) => describeImages(sess, r, ids)));
    for (const m of maps) expect([...m.values()].filter((v) => v !== null)).toHaveLength(1000);
    expect(s.calls.DescribeImages).toBe(20);
    for (const r of regions) expect(s.requests.filter((q) => q.region === r)).toHaveLength(5);
  });
});

describe('cross-account role', () => {
  const role = 'arn:aws:iam::222222222222:role/deploy-guard-read';

  it('assumes the role once (session name deploy-guard) for every client, and the account guard sees the role account', async () => {
    const s = await start({ account: '111111111111', roles: [role], images: [{ id: ami(1) }], parameters: { '/p': { versions: [{ value: 'x', modified: '2025-01-01T00:00:00Z' }] } } });
    const sess = session({ roleArn: role, accountId: '222222222222' });
    await describeImages(sess, 'eu-west-1', [ami(1)]);
    await describeImages(sess, 'us-east-1', [ami(1)]);
    await getParameter(sess, 'eu-west-1', '/p');
    expect(s.calls.AssumeRole).toBe(1);
    expect(sess.assumeRoleCalls).toBe(1);
    const assume = s.requests.find((r) => r.api === 'AssumeRole')!;
    expect(assume.params).toMatchObject({ RoleArn: role, RoleSessionName: 'deploy-guard' });
    expect(assume.accessKeyId).toBe('AKIDLOOPBACK00000000'); // over the ambient credentials
    for (const r of s.requests.filter((q) => q.api !== 'AssumeRole')) expect(r.accessKeyId).toMatch(/^ASIALOOPBACK/);
    expect(await sess.verifyAccount()).toBe('222222222222');
  });

  it('refreshes assumed credentials before they expire (and not on every call)', async () => {
    const s = await start({ roles: [role], images: [{ id: ami(1) }], assumeRoleDurationSeconds: 900 });
    const sess = session({ roleArn: role });
    await describeImages(sess, 'eu-west-1', [ami(1)]);
    await describeImages(sess, 'us-east-1', [ami(1)]);
    expect(s.calls.AssumeRole).toBe(1);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 11 * 60_000); // 4 of 15 minutes left: the SDK asks again and we re-assume
      await describeImages(sess, 'eu-west-1', [ami(1)]);
      expect(s.calls.AssumeRole).toBe(2);
      await describeImages(sess, 'us-east-1', [ami(1)]);
      expect(s.calls.AssumeRole).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('no deadlock: requests holding every concurrency slot wait for AssumeRole, which is not limited', async () => {
    const ids = Array.from({ length: 600 }, (_, i) => ami(i + 1));
    const s = await start({ roles: [role], images: ids.map((id) => ({ id })) });
    const out = await describeImages(session({ roleArn: role }, { concurrency: 1 }), 'eu-west-1', ids, { batchSize: 100 });
    expect([...out.values()].every((v) => v !== null)).toBe(true);
    expect(s.calls.AssumeRole).toBe(1);
    expect(s.calls.DescribeImages).toBe(6);
  });

  it('short sessions are refreshed at half their lifetime, not on every request', async () => {
    const s = await start({ roles: [role], images: [{ id: ami(1) }], assumeRoleDurationSeconds: 240 });
    const sess = session({ roleArn: role });
    for (let i = 0; i < 3; i++) await describeImages(sess, 'eu-west-1', [ami(1)]);
    expect(s.calls.AssumeRole).toBe(1);
  });

  it('a role that cannot be assumed → access-denied on AssumeRole with the trust-policy fix', async () => {
    await start({ roles: ['arn:aws:iam::222222222222:role/other'], images: [{ id: ami(1) }] });
    const err = (await describeImages(session({ roleArn: role }), 'eu-west-1', [ami(1)]).catch((e: unknown) => e)) as AwsEvidenceError;
    expect(err).toBeInstanceOf(AwsEvidenceError);
    expect(err).toMatchObject({ reason: 'access-denied', api: 'AssumeRole', account: '222222222222' });
    expect(err.fix).toContain('trust policy');
    expect(lb!.calls.DescribeImages).toBeUndefined();
  });

  it('role in another account than account-id → account-mismatch before any EC2 read', async () => {
    await start({ roles: [role], images: [{ id: ami(1) }] });
    await expect(describeImages(session({ roleArn: role, accountId: '333333333333' }), 'eu-west-1', [ami(1)])).rejects.toMatchObject({ reason: 'account-mismatch' });
    expect(lb!.calls.DescribeImages).toBeUndefined();
  });
});
