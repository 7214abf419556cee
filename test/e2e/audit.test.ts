// The scheduled audit through the bundled action, as the runner runs it, against the loopback AWS and
// GitHub: the AMIs live in prod now (SSM parameter, launch template $Default/$Latest, instances), whether
// each soaked in staging before it went live (DG106), floating sources (DG105), health (DG103), and the
// one tracking issue: opened, updated in place without duplicating, closed when the audit is clean.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startAwsLoopback, type AwsLoopback, type LoopbackState } from '../support/awsLoopback.js';
import { createRepo, type TestRepo } from '../support/gitRepo.js';
import { startGitHubLoopback, type GitHubLoopback } from '../support/githubLoopback.js';
import { runAction } from '../support/runAction.js';
import { AMI, OLD_AMI, SOAK_CONFIG, launchTemplateTf, realHoursAgo } from '../facts/soakScenario.js';

/** Terraform as the live launch templates have it: the AMI comes from each environment's own parameter. */
const resolving = (env: string) => launchTemplateTf(env, '').replace('""', `"resolve:ssm:/images/${env}/api"`);

let repo: TestRepo | undefined;
let aws: AwsLoopback | undefined;
let github: GitHubLoopback | undefined;
afterEach(async () => {
  repo?.cleanup();
  await aws?.close();
  await github?.close();
  repo = aws = github = undefined;
});

interface Finding {
  id: string;
  message: string;
  environment?: string;
}

/** prod's parameter moved to AMI `prodHours` ago; staging's `stagingHours` ago. */
function liveState(stagingHours: number, prodHours: number): LoopbackState {
  return {
    region: 'eu-west-1',
    images: [{ id: AMI }, { id: OLD_AMI }],
    launchTemplates: [{ name: 'api-prod', region: 'eu-west-1', defaultVersion: 2, versions: [{ number: 1, imageId: OLD_AMI, createTime: realHoursAgo(24 * 40) }, { number: 2, imageId: 'resolve:ssm:/images/prod/api', createTime: realHoursAgo(24 * 30) }] }],
    parameters: {
      '/images/staging/api': { versions: [{ value: OLD_AMI, modified: realHoursAgo(24 * 60) }, { value: AMI, modified: realHoursAgo(stagingHours), user: 'arn:aws:sts::123456789012:assumed-role/pipeline/7' }] },
      '/images/prod/api': { versions: [{ value: OLD_AMI, modified: realHoursAgo(24 * 50) }, { value: AMI, modified: realHoursAgo(prodHours), user: 'arn:aws:iam::123456789012:user/console-alice' }] },
    },
  };
}

async function audit(state: LoopbackState) {
  if (aws) await aws.close();
  aws = await startAwsLoopback(state);
  return runAction({ workspace: repo!.dir, eventName: 'schedule', event: { schedule: '0 5 * * *', repository: { full_name: 'acme/infra' } }, env: { ...aws.env, GITHUB_API_URL: github!.url } });
}

describe('the scheduled audit (bundled action)', () => {
  it('finds an AMI that went live in prod before it soaked in staging, and keeps one tracking issue until the audit is clean', async () => {
    repo = createRepo({ '.github/deploy-guard.yml': SOAK_CONFIG, 'terraform/staging/main.tf': resolving('staging'), 'terraform/prod/main.tf': resolving('prod') }, realHoursAgo(24 * 90));
    github = await startGitHubLoopback({ pulls: [] });

    // prod's parameter was changed (in the console) 2h after staging's: DG106.
    const first = await audit(liveState(22, 20));
    expect(first.outputs).toMatchObject({ result: 'fail', blocked: 'true' });
    expect(first.code).not.toBe(0);
    const dg106 = first.report.findings.filter((finding: Finding) => finding.id === 'DG106');
    expect(dg106).toHaveLength(1);
    expect(dg106[0].environment).toBe('prod');
    expect(dg106[0].message).toContain(`${AMI} went live in prod at`);
    expect(dg106[0].message).toContain('after serving staging for only 2h of the required 24h');
    expect(dg106[0].message).toContain('console-alice');
    expect(github.state.issues).toHaveLength(1);
    const issue = github.state.issues[0]!;
    expect(issue.state).toBe('open');
    expect(issue.body).toContain('DG106');
    expect(first.stdout).toContain('Audit tracking issue #');

    // Same state the next morning: the same issue is updated, none added.
    const second = await audit(liveState(22, 20));
    expect(second.outputs.result).toBe('fail');
    expect(github.state.issues).toHaveLength(1);
    expect(github.requests.filter((request) => /^PATCH \/repos\/acme\/infra\/issues\/\d+$/.test(request))).toHaveLength(1);

    // prod rolled to an AMI that soaked: the audit is clean and the issue is closed with a comment.
    const third = await audit(liveState(60, 20));
    expect(third.outputs).toMatchObject({ result: 'pass', blocked: 'false' });
    expect(third.report.findings).toEqual([]);
    expect(github.state.issues).toHaveLength(1);
    expect(github.state.issues[0]!.state).toBe('closed');
    expect(github.state.issues[0]!.comments).toHaveLength(1);
  });

  it('reads launch templates $Default and $Latest, running instances, and flags a public parameter (DG105) and a deprecated AMI (DG103)', async () => {
    const config = SOAK_CONFIG.replace('amis: { ssm-parameters: [/images/prod/api], launch-templates: [api-prod] }', 'amis: { launch-templates: [api-prod], instance-tags: { Environment: prod } }');
    repo = createRepo({ '.github/deploy-guard.yml': config, 'terraform/staging/main.tf': resolving('staging'), 'terraform/prod/main.tf': resolving('prod') }, realHoursAgo(24 * 90));
    github = await startGitHubLoopback({ pulls: [] });
    const LATEST = 'ami-0cccccccccccccccc';
    const run = await audit({
      region: 'eu-west-1',
      images: [{ id: AMI }, { id: OLD_AMI, deprecationTime: realHoursAgo(24) }, { id: LATEST }],
      instances: [{ id: 'i-0aaaaaaaaaaaaaaaa', imageId: OLD_AMI, launchTime: realHoursAgo(24 * 40), tags: { Environment: 'prod' } }],
      launchTemplates: [
        {
          name: 'api-prod',
          region: 'eu-west-1',
          defaultVersion: 1,
          versions: [
            { number: 1, imageId: AMI, createTime: realHoursAgo(24 * 10) },
            { number: 2, imageId: 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64', createTime: realHoursAgo(5) },
          ],
        },
      ],
      parameters: {
        '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64': { versions: [{ value: LATEST, modified: realHoursAgo(24 * 3) }] },
        '/images/staging/api': { versions: [{ value: OLD_AMI, modified: realHoursAgo(24 * 80) }, { value: AMI, modified: realHoursAgo(24 * 12) }] },
      },
    });
    const ids = run.report.findings.map((finding: Finding) => `${finding.id} ${finding.message}`);
    expect(ids.sort()).toEqual([
      expect.stringMatching(new RegExp(`^DG103 ${OLD_AMI} \\(1 running instance`)),
      // From the Terraform (the promotion family): prod's Terraform resolves a parameter this config no longer lists.
      expect.stringMatching(/^DG105 prod resolves its AMI from SSM parameter/),
      expect.stringMatching(/^DG105 prod's launch template api-prod \$Latest/),
      expect.stringMatching(new RegExp(`^DG106 ${LATEST} went live in prod`)),
    ]);
    // Every call the audit made is in the documented read-only policy.
    const policy = JSON.parse(readFileSync(new URL('../../docs/iam-policy.json', import.meta.url), 'utf8')) as { Statement: { Action: string[] }[] };
    const allowed = new Set(policy.Statement.flatMap((statement) => statement.Action));
    const used = new Set(aws!.requests.filter((request) => request.service !== 'sts').map((request) => `${request.service}:${request.api}`));
    expect([...used].sort()).toEqual(['ec2:DescribeImages', 'ec2:DescribeInstances', 'ec2:DescribeLaunchTemplateVersions', 'ssm:GetParameter', 'ssm:GetParameterHistory']);
    for (const action of used) expect(allowed).toContain(action);
    // AMI ($Default) soaked 10 days before it went live: nothing about it.
    expect(run.report.findings.some((finding: Finding) => finding.message.startsWith(AMI))).toBe(false);
    expect(run.outputs.result).toBe('fail');
  });
});
