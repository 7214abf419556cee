// Preflight through the bundled action, as the runner runs it, against the loopback AWS and GitHub:
// the AMI new instances of prod will launch with (launch template $Default → resolve:ssm: → parameter,
// or the ami-id input), its soak in staging, and the go / ami-id outputs.
import { afterEach, describe, expect, it } from 'vitest';
import { startAwsLoopback, type AwsLoopback, type LoopbackState } from '../support/awsLoopback.js';
import { createRepo, type TestRepo } from '../support/gitRepo.js';
import { startGitHubLoopback, type GitHubLoopback } from '../support/githubLoopback.js';
import { runAction } from '../support/runAction.js';
import { AMI, OLD_AMI, SOAK_CONFIG, launchTemplateTf, realHoursAgo } from '../facts/soakScenario.js';

let repo: TestRepo | undefined;
let aws: AwsLoopback | undefined;
let github: GitHubLoopback | undefined;
afterEach(async () => {
  repo?.cleanup();
  await aws?.close();
  await github?.close();
  repo = aws = github = undefined;
});

async function preflight(state: LoopbackState, inputs: Record<string, string> = {}) {
  repo = createRepo({ '.github/deploy-guard.yml': SOAK_CONFIG, 'terraform/staging/main.tf': launchTemplateTf('staging', OLD_AMI), 'terraform/prod/main.tf': launchTemplateTf('prod', OLD_AMI) }, realHoursAgo(24 * 30));
  aws = await startAwsLoopback({ region: 'eu-west-1', ...state });
  github = await startGitHubLoopback({ pulls: [] });
  return runAction({ workspace: repo.dir, eventName: 'workflow_dispatch', event: { repository: { full_name: 'acme/infra' } }, inputs, env: { ...aws.env, GITHUB_API_URL: github.url } });
}

const launchTemplate = { name: 'api-prod', region: 'eu-west-1', defaultVersion: 3, versions: [{ number: 3, imageId: 'resolve:ssm:/images/prod/api', createTime: realHoursAgo(24 * 20) }] };

describe('preflight (bundled action)', () => {
  it('go: the AMI prod launches with served staging for 30h', async () => {
    const run = await preflight({
      images: [{ id: AMI }, { id: OLD_AMI }],
      launchTemplates: [launchTemplate],
      parameters: {
        '/images/prod/api': { versions: [{ value: OLD_AMI, modified: realHoursAgo(24 * 10) }, { value: AMI, modified: realHoursAgo(1) }] },
        '/images/staging/api': { versions: [{ value: OLD_AMI, modified: realHoursAgo(24 * 12) }, { value: AMI, modified: realHoursAgo(30) }] },
      },
    });
    expect(run.outputs).toMatchObject({ result: 'pass', go: 'true', 'ami-id': AMI, blocked: 'false' });
    expect(run.code).toBe(0);
    expect(run.report.findings).toEqual([]);
    expect(aws!.calls.DescribeLaunchTemplateVersions).toBe(1);
  });

  it('no-go: it served staging for 3h of 24h (DG101 with the time it will be allowed)', async () => {
    const run = await preflight({
      images: [{ id: AMI }, { id: OLD_AMI }],
      launchTemplates: [launchTemplate],
      parameters: {
        '/images/prod/api': { versions: [{ value: AMI, modified: realHoursAgo(1) }] },
        '/images/staging/api': { versions: [{ value: OLD_AMI, modified: realHoursAgo(24 * 12) }, { value: AMI, modified: realHoursAgo(3) }] },
      },
    });
    expect(run.outputs).toMatchObject({ result: 'fail', go: 'false', 'ami-id': AMI, blocked: 'true' });
    expect(run.code).not.toBe(0);
    const dg101 = run.report.findings.find((finding: { id: string }) => finding.id === 'DG101');
    expect(dg101.message).toMatch(/served staging for only 3h of the required 24h: .*It will be allowed from /);
    expect(run.summary).toContain('DG101');
  });

  it('takes the candidate from the ami-id input', async () => {
    const run = await preflight(
      { images: [{ id: AMI }], parameters: { '/images/staging/api': { versions: [{ value: AMI, modified: realHoursAgo(40) }] } } },
      { 'ami-id': AMI, environment: 'prod' },
    );
    expect(run.outputs).toMatchObject({ result: 'pass', go: 'true', 'ami-id': AMI });
    expect(aws!.calls.DescribeLaunchTemplateVersions).toBeUndefined();
  });

  it('no-go (error) when AWS cannot be read: never a go without evidence', async () => {
    const run = await preflight({ launchTemplates: [launchTemplate], faults: [{ api: '*', times: Infinity, code: 'AccessDenied', message: 'not authorized', status: 403 }] }, { 'max-attempts': '4' });
    expect(run.outputs).toMatchObject({ result: 'error', go: 'false', blocked: 'true', 'ami-id': '' });
    expect(run.report.findings.map((finding: { id: string }) => finding.id)).toContain('DG104');
  });
});
