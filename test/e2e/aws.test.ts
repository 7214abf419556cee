// The soak family with the REAL SDK clients against the loopback AWS (EC2 query/XML, SSM JSON, STS):
// retries and throttling (backoff injected: nothing waits), paging, and how many calls an audit makes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startAwsLoopback, type AwsLoopback, type LoopbackState } from '../support/awsLoopback.js';
import { AMI, OLD_AMI, brief, hoursAgo, incoming, runSoak, soakSettings } from '../facts/soakScenario.js';

let lb: AwsLoopback | undefined;

async function start(state: LoopbackState): Promise<AwsLoopback> {
  lb = await startAwsLoopback({ region: 'eu-west-1', ...state });
  for (const [key, value] of Object.entries(lb.env)) vi.stubEnv(key, value);
  return lb;
}

afterEach(async () => {
  vi.unstubAllEnvs();
  await lb?.close();
  lb = undefined;
});

const stagingHistory = (hours: number) => ({
  region: 'eu-west-1',
  versions: [
    { value: OLD_AMI, modified: hoursAgo(24 * 10) },
    { value: AMI, modified: hoursAgo(hours), user: 'arn:aws:sts::123456789012:assumed-role/pipeline/42' },
  ],
});

describe('throttling', () => {
  it('RequestLimitExceeded three times, then success: the right result, after 4 attempts', async () => {
    const aws = await start({
      images: [{ id: AMI }],
      parameters: { '/images/staging/api': stagingHistory(3) },
      faults: [{ api: 'DescribeImages', times: 3, code: 'RequestLimitExceeded' }],
    });
    const report = await runSoak('pr', soakSettings(), { promotable: incoming(AMI) });
    expect(brief(report)).toEqual(['DG101 error prod']);
    expect(aws.calls.DescribeImages).toBe(4);
    expect(report.outcome.result).toBe('fail');
  });

  it('throttling that never ends: DG104 naming the API and region, the run ends in error', async () => {
    const aws = await start({
      images: [{ id: AMI }],
      parameters: { '/images/staging/api': stagingHistory(30) },
      faults: [{ api: 'GetParameterHistory', times: Infinity, code: 'ThrottlingException', status: 400 }],
    });
    const report = await runSoak('pr', soakSettings({}, { maxAttempts: 4 }), { promotable: incoming(AMI) });
    expect(report.outcome).toMatchObject({ result: 'error', blocked: true });
    expect(brief(report)).toEqual(['DG104 error staging']);
    expect(report.findings[0]!.message).toContain('GetParameterHistory in eu-west-1');
    expect(report.findings[0]!.message).toContain('throttled past the retry budget after 4 attempts');
    expect(report.findings[0]!.fix).toContain('max-attempts');
    expect(aws.calls.GetParameterHistory).toBe(4);
  });
});

describe('paging', () => {
  it('evaluates all 3 pages of DescribeImages', async () => {
    const amis = [AMI, OLD_AMI, 'ami-0bbbbbbbbbbbbbbbb'];
    const aws = await start({
      images: amis.map((id, i) => ({ id, ...(i === 2 ? { deprecationTime: hoursAgo(1).toISOString() } : {}) })),
      pageSize: { DescribeImages: 1 },
      parameters: { '/images/prod/api': { versions: [{ value: amis[2]!, modified: hoursAgo(2) }] }, '/images/staging/api': { versions: [{ value: amis[2]!, modified: hoursAgo(100) }] } },
      instances: [AMI, OLD_AMI].map((imageId, i) => ({ id: `i-0${i}aaaaaaaaaaaaaaa`, imageId, launchTime: hoursAgo(200), tags: { Environment: 'prod' } })),
    });
    const settings = soakSettings({
      environments: {
        staging: { terraform: ['terraform/staging/**'], aws: { regions: ['eu-west-1'] }, amis: { 'ssm-parameters': ['/images/staging/api'] } },
        prod: { terraform: ['terraform/prod/**'], aws: { regions: ['eu-west-1'] }, amis: { 'ssm-parameters': ['/images/prod/api'], 'instance-tags': { Environment: 'prod' } } },
      },
    });
    const report = await runSoak('audit', settings);
    expect(aws.calls.DescribeImages).toBe(3);
    // The deprecated image is on the last page.
    expect(report.findings.filter((finding) => finding.id === 'DG103').map((finding) => finding.message)).toEqual([expect.stringContaining('ami-0bbbbbbbbbbbbbbbb')]);
  });

  it('a repeated page token ends in error and stops asking', async () => {
    const aws = await start({
      images: [{ id: AMI }],
      parameters: { '/images/staging/api': stagingHistory(30) },
      pageSize: { GetParameterHistory: 1 },
      faults: [{ api: 'GetParameterHistory', times: Infinity, kind: 'repeat-token' }],
    });
    const report = await runSoak('pr', soakSettings(), { promotable: incoming(AMI) });
    expect(report.outcome.result).toBe('error');
    expect(report.findings[0]!.message).toContain('NextToken that was already used');
    expect(aws.calls.GetParameterHistory).toBeLessThanOrEqual(3);
  });
});

describe('cost', () => {
  it('audits 1,000 AMIs in each of 4 regions with at most 40 EC2 calls', async () => {
    const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
    const images: LoopbackState['images'] = [];
    const instances: LoopbackState['instances'] = [];
    regions.forEach((region, r) => {
      for (let i = 0; i < 1000; i++) {
        const id = `ami-${(r * 1000 + i).toString(16).padStart(17, '0')}`;
        images.push({ id, region });
        instances.push({ id: `i-${(r * 2000 + i).toString(16).padStart(17, '0')}`, imageId: id, region, launchTime: hoursAgo(100), tags: { Environment: 'staging' } });
        instances.push({ id: `i-${(r * 2000 + 1000 + i).toString(16).padStart(17, '0')}`, imageId: id, region, launchTime: hoursAgo(20), tags: { Environment: 'prod' } });
      }
    });
    const aws = await start({ images, instances });
    const settings = soakSettings({
      evidence: ['ec2', 'tags'],
      environments: {
        staging: { terraform: ['terraform/staging/**'], aws: { regions }, amis: { 'instance-tags': { Environment: 'staging' } } },
        prod: { terraform: ['terraform/prod/**'], aws: { regions }, amis: { 'instance-tags': { Environment: 'prod' } } },
      },
    });
    const report = await runSoak('audit', settings);
    expect(report.outcome.result).toBe('pass');
    const ec2Calls = aws.requests.filter((request) => request.service === 'ec2').length;
    expect(ec2Calls).toBeLessThanOrEqual(40);
    expect(aws.calls.DescribeImages).toBe(20);
  }, 120_000);
});
