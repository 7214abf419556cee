import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetParameterCommand, GetParameterHistoryCommand, SSMClient, type GetParameterHistoryCommandInput, type ParameterHistory as SdkHistory } from '@aws-sdk/client-ssm';
import { getParameter, intervalsOf, parameterHistory, type ParameterHistory } from '../../../src/facts/aws/ssm.js';
import { AwsEvidenceError } from '../../../src/facts/aws/errors.js';
import { makeSession, sdkError } from './helpers.js';

const ssmMock = mockClient(SSMClient);
beforeEach(() => ssmMock.reset());
afterAll(() => ssmMock.restore());

const hour = 3_600_000;
const t0 = Date.UTC(2025, 0, 1);
const at = (h: number) => new Date(t0 + h * hour);

/** Serve `versions` over pages of 50 like SSM does. */
function serveHistory(versions: SdkHistory[]): GetParameterHistoryCommandInput[] {
  const seen: GetParameterHistoryCommandInput[] = [];
  ssmMock.on(GetParameterHistoryCommand).callsFake((input: GetParameterHistoryCommandInput) => {
    seen.push(structuredClone(input));
    const offset = input.NextToken ? Number(input.NextToken) : 0;
    const size = input.MaxResults ?? 50;
    const page = versions.slice(offset, offset + size);
    return { Parameters: page, ...(offset + size < versions.length ? { NextToken: String(offset + size) } : {}) };
  });
  return seen;
}

const v = (version: number, value: string, h: number, user?: string): SdkHistory => ({
  Name: '/images/staging/api',
  Version: version,
  Value: value,
  LastModifiedDate: at(h),
  ...(user ? { LastModifiedUser: user } : {}),
});

describe('parameterHistory', () => {
  it('reads all pages (WithDecryption false, 50 per page)', async () => {
    const seen = serveHistory(Array.from({ length: 120 }, (_, i) => v(i + 1, `ami-${i}`, i)));
    const h = await parameterHistory(makeSession(), 'eu-west-1', '/images/staging/api');
    expect(h.versions).toHaveLength(120);
    expect(h.versions[0]).toEqual({ version: 1, value: 'ami-0', modified: at(0) });
    expect(h.possiblyTruncated).toBe(false); // reaches version 1
    expect(seen.map((s) => [s.Name, s.WithDecryption, s.MaxResults, s.NextToken])).toEqual([
      ['/images/staging/api', false, 50, undefined],
      ['/images/staging/api', false, 50, '50'],
      ['/images/staging/api', false, 50, '100'],
    ]);
  });

  it('exactly 100 kept versions that do not reach the AMI: possiblyTruncated, no interval', async () => {
    // versions 51..150 are kept; 1..50 (when the AMI may have been live) are gone
    serveHistory(Array.from({ length: 100 }, (_, i) => v(51 + i, `ami-other-${i}`, i, 'arn:aws:iam::1:user/ci')));
    const h = await parameterHistory(makeSession(), 'eu-west-1', '/images/staging/api');
    expect(h.versions).toHaveLength(100);
    expect(h.possiblyTruncated).toBe(true);
    expect(h.versions[0]!.user).toBe('arn:aws:iam::1:user/ci');
    expect(intervalsOf(h, 'ami-0123456789abcdef0', at(200))).toEqual([]);
  });

  it('exactly 100 versions starting at version 1 are complete', async () => {
    serveHistory(Array.from({ length: 100 }, (_, i) => v(i + 1, 'x', i)));
    expect((await parameterHistory(makeSession(), 'eu-west-1', '/p')).possiblyTruncated).toBe(false);
  });

  it('a missing parameter is not-found evidence naming the config key; throttling is an evidence error', async () => {
    ssmMock.on(GetParameterHistoryCommand).rejects(sdkError('ParameterNotFound', ''));
    const err = (await parameterHistory(makeSession(), 'eu-west-1', '/nope').catch((e: unknown) => e)) as AwsEvidenceError;
    expect(err).toBeInstanceOf(AwsEvidenceError);
    expect(err).toMatchObject({ reason: 'not-found', api: 'GetParameterHistory', resource: 'parameter /nope' });
    expect(err.fix).toContain('environments.staging.amis.ssm-parameters');
    ssmMock.reset();
    ssmMock.on(GetParameterHistoryCommand).rejects(sdkError('ThrottlingException', 'Rate exceeded', { $metadata: { attempts: 4 } }));
    await expect(parameterHistory(makeSession(), 'eu-west-1', '/p')).rejects.toMatchObject({ reason: 'throttled', attempts: 4 });
  });
});

describe('intervalsOf', () => {
  const hist = (versions: [number, string, number][], possiblyTruncated: boolean): ParameterHistory => ({
    name: '/p',
    region: 'eu-west-1',
    versions: versions.map(([version, value, h]) => ({ version, value, modified: at(h) })),
    possiblyTruncated,
  });

  it('merges consecutive versions with the value, ends at the next other value, open when current', () => {
    const h = hist(
      [
        [1, 'A', 0],
        [2, 'B', 10],
        [3, 'B', 12],
        [4, 'A', 20],
        [5, 'B', 30],
      ],
      false,
    );
    expect(intervalsOf(h, 'B', at(100))).toEqual([
      { from: at(10), to: at(20), fromIsOldestKept: false, durationMs: 10 * hour },
      { from: at(30), fromIsOldestKept: false, durationMs: 70 * hour },
    ]);
    expect(intervalsOf(h, 'A', at(100))).toEqual([
      { from: at(0), to: at(10), fromIsOldestKept: false, durationMs: 10 * hour },
      { from: at(20), to: at(30), fromIsOldestKept: false, durationMs: 10 * hour },
    ]);
  });

  it('fromIsOldestKept: only when the period starts at the oldest kept version of a truncated history', () => {
    const truncated = hist(
      [
        [51, 'A', 0],
        [52, 'A', 5],
        [53, 'B', 8],
        [54, 'A', 9],
      ],
      true,
    );
    expect(intervalsOf(truncated, 'A', at(10))).toEqual([
      { from: at(0), to: at(8), fromIsOldestKept: true, durationMs: 8 * hour }, // A may have been set before version 51
      { from: at(9), fromIsOldestKept: false, durationMs: 1 * hour },
    ]);
    const complete = hist([[1, 'A', 0]], false);
    expect(intervalsOf(complete, 'A', at(10))[0]!.fromIsOldestKept).toBe(false); // version 1: exact start
  });

  it('sorts by version number whatever the input order', () => {
    const h = hist(
      [
        [2, 'B', 10],
        [1, 'A', 0],
      ],
      false,
    );
    expect(intervalsOf(h, 'A', at(20))).toEqual([{ from: at(0), to: at(10), fromIsOldestKept: false, durationMs: 10 * hour }]);
  });
});

describe('getParameter', () => {
  it('returns the current value without decryption', async () => {
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Name: '/p', Value: 'ami-11111111', Version: 7, Type: 'String', LastModifiedDate: at(1) } });
    expect(await getParameter(makeSession(), 'eu-west-1', '/p')).toEqual({ name: '/p', region: 'eu-west-1', value: 'ami-11111111', version: 7, type: 'String', modified: at(1) });
    expect(ssmMock.commandCalls(GetParameterCommand)[0]!.args[0].input).toEqual({ Name: '/p', WithDecryption: false });
  });

  it('ParameterNotFound and AccessDenied become AwsEvidenceErrors', async () => {
    ssmMock.on(GetParameterCommand).rejects(sdkError('ParameterNotFound', ''));
    await expect(getParameter(makeSession(), 'eu-west-1', '/p')).rejects.toMatchObject({ reason: 'not-found', api: 'GetParameter' });
    ssmMock.reset();
    ssmMock.on(GetParameterCommand).rejects(sdkError('AccessDeniedException', 'not authorized', { $metadata: { httpStatusCode: 400 } }));
    const err = (await getParameter(makeSession(), 'eu-west-1', '/p').catch((e: unknown) => e)) as AwsEvidenceError;
    expect(err).toMatchObject({ reason: 'access-denied' });
    expect(err.fix).toBe("grant ssm:GetParameter to the workflow's AWS credentials");
  });
});
