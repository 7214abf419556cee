import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { EC2Client } from '@aws-sdk/client-ec2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { accountOfArn, AwsSession, Semaphore } from '../../../src/facts/aws/clients.js';
import { describeImages, instancesRunning } from '../../../src/facts/aws/ec2.js';
import { parameterHistory } from '../../../src/facts/aws/ssm.js';
import { AwsEvidenceError, toEvidenceError, type EvidenceContext } from '../../../src/facts/aws/errors.js';
import { makeSession, sdkError } from './helpers.js';

const stsMock = mockClient(STSClient);
const ec2Mock = mockClient(EC2Client);
const ssmMock = mockClient(SSMClient);
beforeEach(() => {
  stsMock.reset();
  ec2Mock.reset();
  ssmMock.reset();
});
afterAll(() => {
  stsMock.restore();
  ec2Mock.restore();
  ssmMock.restore();
});

describe('AwsSession', () => {
  it('account mismatch → AwsEvidenceError, and no evidence is read from the wrong account', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves({ Account: '999999999999', Arn: 'arn:aws:iam::999999999999:user/x' });
    const session = makeSession({ accountId: '111111111111' });
    const err = (await session.verifyAccount().catch((e: unknown) => e)) as AwsEvidenceError;
    expect(err).toBeInstanceOf(AwsEvidenceError);
    expect(err).toMatchObject({ reason: 'account-mismatch', api: 'GetCallerIdentity', region: 'eu-west-1', account: '999999999999', environment: 'staging' });
    expect(err.message).toContain('account 999999999999');
    expect(err.message).toContain('account-id is 111111111111');
    expect(err.fix).toContain('configure credentials for account 111111111111');
    await expect(describeImages(session, 'eu-west-1', ['ami-11111111'])).rejects.toMatchObject({ reason: 'account-mismatch' });
    await expect(instancesRunning(session, 'us-east-1', { tags: { A: 'b' } })).rejects.toMatchObject({ reason: 'account-mismatch' });
    await expect(parameterHistory(session, 'eu-west-1', '/p')).rejects.toMatchObject({ reason: 'account-mismatch' });
    expect(ec2Mock.calls()).toHaveLength(0);
    expect(ssmMock.calls()).toHaveLength(0);
    expect(stsMock.calls()).toHaveLength(1); // memoized
  });

  it('verifyAccount reads the identity once and returns the account', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves({ Account: '111111111111' });
    const session = makeSession({ accountId: '111111111111' });
    expect(await session.verifyAccount()).toBe('111111111111');
    expect(await session.verifyAccount()).toBe('111111111111');
    await session.ensureAccount();
    expect(stsMock.calls()).toHaveLength(1);
    expect(session.account).toBe('111111111111');
  });

  it('a failing GetCallerIdentity is itself evidence that could not be read', async () => {
    stsMock.on(GetCallerIdentityCommand).rejects(sdkError('ExpiredToken', 'The security token included in the request is expired'));
    await expect(makeSession({ accountId: '111111111111' }).verifyAccount()).rejects.toMatchObject({ reason: 'invalid-credentials', api: 'GetCallerIdentity' });
  });

  it('creates one client per service and region, lazily', () => {
    const session = makeSession({ regions: ['eu-west-1', 'us-east-1'] });
    expect(session.ec2('eu-west-1')).toBe(session.ec2('eu-west-1'));
    expect(session.ec2('us-east-1')).not.toBe(session.ec2('eu-west-1'));
    expect(session.ssm('eu-west-1')).toBe(session.ssm('eu-west-1'));
    expect(session.sts()).toBe(session.sts('eu-west-1'));
    session.destroy();
  });

  it('enforces maxAttempts >= 4 and configures the standard retry strategy in code', async () => {
    const low = new AwsSession({ environment: 'prod', regions: ['eu-west-1'] }, { maxAttempts: 2, userAgent: 'deploy-guard/0.1.0' });
    expect(low.maxAttempts).toBe(4);
    expect(new AwsSession({ environment: 'prod', regions: [] }, { maxAttempts: 7.9, userAgent: 'x' }).maxAttempts).toBe(7);
    const c = low.ec2('eu-west-1');
    expect(await c.config.maxAttempts()).toBe(4);
    const strategy = (await c.config.retryStrategy()) as { mode?: string; maxAttempts?: () => Promise<number> };
    expect(strategy.mode).toBe('standard');
    expect(await strategy.maxAttempts?.()).toBe(4);
    low.destroy();
  });

  it('accountOfArn reads the account of a role ARN', () => {
    expect(accountOfArn('arn:aws:iam::111111111111:role/deploy-guard-read')).toBe('111111111111');
    expect(accountOfArn('arn:aws-us-gov:iam::222222222222:role/x')).toBe('222222222222');
    expect(accountOfArn('nonsense')).toBeUndefined();
    expect(makeSession({ roleArn: 'arn:aws:iam::111111111111:role/r' }).account).toBe('111111111111');
  });
});

describe('Semaphore', () => {
  it('bounds concurrency and releases in FIFO order', async () => {
    const sem = new Semaphore(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const gates: (() => void)[] = [];
    const tasks = [0, 1, 2, 3, 4].map((i) =>
      sem.run(async () => {
        active++;
        peak = Math.max(peak, active);
        order.push(i);
        await new Promise<void>((r) => gates.push(r));
        active--;
      }),
    );
    for (let k = 0; k < 5; k++) {
      await new Promise((r) => setImmediate(r));
      gates.shift()?.();
    }
    await Promise.all(tasks);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});

describe('toEvidenceError', () => {
  const ctx: EvidenceContext = { service: 'ec2', api: 'DescribeImages', region: 'eu-west-1', environment: 'prod', account: '111111111111', roleArn: 'arn:aws:iam::111111111111:role/r', maxAttempts: 4 };
  const cases: [string, unknown, string, RegExp][] = [
    ['CredentialsProviderError', Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), 'no-credentials', /aws-actions\/configure-aws-credentials/],
    ['plain message', new Error('Could not load credentials from any providers'), 'no-credentials', /configure-aws-credentials/],
    ['AccessDenied', sdkError('AccessDenied', 'denied'), 'access-denied', /grant ec2:DescribeImages to role arn:aws:iam::111111111111:role\/r/],
    ['AccessDeniedException', sdkError('AccessDeniedException'), 'access-denied', /grant ec2:DescribeImages/],
    ['UnauthorizedOperation', sdkError('UnauthorizedOperation'), 'access-denied', /grant ec2:DescribeImages/],
    ['AuthFailure', sdkError('AuthFailure'), 'invalid-credentials', /valid, unexpired credentials/],
    ['OptInRequired', sdkError('OptInRequired'), 'region-not-enabled', /enable region eu-west-1/],
    ['RequestLimitExceeded', sdkError('RequestLimitExceeded', 'Request limit exceeded.', { $metadata: { attempts: 4, httpStatusCode: 503 } }), 'throttled', /raise max-attempts \(now 4\)/],
    ['ThrottlingException', sdkError('ThrottlingException'), 'throttled', /max-attempts/],
    ['TooManyUpdates', sdkError('TooManyUpdates'), 'throttled', /max-attempts/],
    ['HTTP 429', sdkError('Whatever', 'x', { $metadata: { httpStatusCode: 429 } }), 'throttled', /max-attempts/],
    ['ECONNREFUSED', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), 'unreachable', /region eu-west-1 is enabled and reachable/],
    ['ENOTFOUND', Object.assign(new Error('getaddrinfo ENOTFOUND ec2.eu-west-1.amazonaws.com'), { code: 'ENOTFOUND' }), 'unreachable', /reachable/],
    ['TimeoutError', Object.assign(new Error('timed out'), { name: 'TimeoutError' }), 'unreachable', /reachable/],
    ['nested cause', Object.assign(new Error('fetch failed'), { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }), 'unreachable', /reachable/],
    ['InternalError', sdkError('InternalError', 'x', { $fault: 'server', $metadata: { httpStatusCode: 500, attempts: 4 } }), 'service-error', /rerun/],
    ['unknown', new Error('weird'), 'unexpected', /rerun/],
  ];
  it.each(cases)('%s', (_label, err, reason, fix) => {
    const e = toEvidenceError(err, ctx);
    expect(e).toBeInstanceOf(AwsEvidenceError);
    expect(e.reason).toBe(reason);
    expect(e.fix).toMatch(fix);
    expect(e.message).toMatch(/^DescribeImages in eu-west-1 \(account 111111111111, environment prod\) could not be read: /);
    expect(e.cause).toBe(err);
  });

  it('throttling reports the attempts made; AwsEvidenceError passes through unchanged', () => {
    const e = toEvidenceError(sdkError('RequestLimitExceeded', 'Request limit exceeded.', { $metadata: { attempts: 6 } }), ctx);
    expect(e.attempts).toBe(6);
    expect(e.detail).toContain('after 6 attempts');
    expect(toEvidenceError(e, { ...ctx, api: 'Other' })).toBe(e);
  });

  it('without a role, the fix names the workflow credentials; AssumeRole denial names the trust policy', () => {
    const { roleArn: _r, ...noRole } = ctx;
    expect(toEvidenceError(sdkError('AccessDenied'), noRole).fix).toBe("grant ec2:DescribeImages to the workflow's AWS credentials in account 111111111111");
    expect(toEvidenceError(sdkError('AccessDenied'), { ...ctx, service: 'sts', api: 'AssumeRole' }).fix).toMatch(/trust policy/);
  });
});
