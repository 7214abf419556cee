// The soak family with the REAL SDK clients against the loopback AWS (EC2 query/XML, SSM JSON, STS):
// retries and throttling (backoff injected: nothing waits), paging, and how many calls an audit makes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startAwsLoopback, type AwsLoopback, type LoopbackState } from '../support/awsLoopback.js';
import { createRepo, type TestRepo } from '../support/gitRepo.js';
import { startGitHubLoopback, type GitHubLoopback } from '../support/githubLoopback.js';
import { runAction } from '../support/runAction.js';
import { AMI, OLD_AMI, SOAK_CONFIG, brief, hoursAgo, incoming, launchTemplateTf, realHoursAgo, runSoak, soakSettings } from '../facts/soakScenario.js';

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

describe('a pull request through the bundled action', () => {
  let repo: TestRepo | undefined;
  let github: GitHubLoopback | undefined;
  afterEach(async () => {
    repo?.cleanup();
    await github?.close();
    repo = github = undefined;
  });

  /** staging's Terraform got AMI 3h ago (merge time); the PR brings it to prod. */
  async function pullRequest(env: Record<string, string>) {
    repo = createRepo({ '.github/deploy-guard.yml': SOAK_CONFIG, 'terraform/staging/main.tf': launchTemplateTf('staging', OLD_AMI), 'terraform/prod/main.tf': launchTemplateTf('prod', OLD_AMI) }, realHoursAgo(24 * 30));
    repo.mergeBranch('staging-ami', { 'terraform/staging/main.tf': launchTemplateTf('staging', AMI) }, realHoursAgo(24 * 4), realHoursAgo(3));
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-q', '-b', 'prod-ami');
    repo.write({ 'terraform/prod/main.tf': launchTemplateTf('prod', AMI) });
    const head = repo.commit('prod takes the new AMI', realHoursAgo(0.5));
    github = await startGitHubLoopback({ pulls: [] });
    return runAction({
      workspace: repo.dir,
      eventName: 'pull_request',
      event: { pull_request: { number: 9, title: 'prod AMI', body: '', user: { login: 'dev' }, labels: [], head: { sha: head }, base: { sha: base, ref: 'main' } }, repository: { full_name: 'acme/infra' } },
      env: { ...env, GITHUB_API_URL: github.url },
    });
  }

  const staging = (hours: number): LoopbackState => ({
    region: 'eu-west-1',
    images: [{ id: AMI }, { id: OLD_AMI }],
    parameters: { '/images/staging/api': { versions: [{ value: OLD_AMI, modified: realHoursAgo(24 * 20) }, { value: AMI, modified: realHoursAgo(hours) }] } },
  });

  it('blocks the AMI when neither AWS nor git shows 24h in staging (DG101, one finding per AMI)', async () => {
    const aws = await start(staging(3));
    const run = await pullRequest(aws.env);
    expect(run.outputs).toMatchObject({ result: 'fail', blocked: 'true' });
    const amiFindings = run.report.findings.filter((finding: { message: string }) => finding.message.includes(AMI));
    expect(amiFindings.map((finding: { id: string }) => finding.id)).toEqual(['DG101']);
    expect(amiFindings[0].file).toBe('terraform/prod/main.tf');
    expect(run.report.evidence.map((entry: { source: string }) => entry.source)).toEqual(expect.arrayContaining(['ssm', 'ec2', 'tags', 'git']));
  });

  it('passes when the SSM history shows 30h in staging, though git shows only 3h: any listed source suffices', async () => {
    const aws = await start(staging(30));
    const run = await pullRequest(aws.env);
    expect(run.report.findings).toEqual([]);
    expect(run.outputs).toMatchObject({ result: 'pass', blocked: 'false' });
    expect(aws.calls.GetParameterHistory).toBe(1);
    expect(aws.requests.every((request) => request.userAgent?.includes('deploy-guard/'))).toBe(true);
  });

  it('a fork PR without AWS credentials never passes (DG104, error)', async () => {
    const aws = await start(staging(30));
    const { AWS_ACCESS_KEY_ID: _key, AWS_SECRET_ACCESS_KEY: _secret, ...noCredentials } = aws.env;
    const run = await pullRequest(noCredentials);
    expect(run.outputs).toMatchObject({ result: 'error', blocked: 'true' });
    const dg104 = run.report.findings.filter((finding: { id: string }) => finding.id === 'DG104');
    expect(dg104.length).toBeGreaterThan(0);
    expect(dg104[0].fix).toContain('aws-actions/configure-aws-credentials');
    expect(aws.calls.GetParameterHistory).toBeUndefined();
  });
});
