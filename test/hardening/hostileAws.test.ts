// Text that comes from AWS is as hostile as repository content: whoever can tag an AMI, write an SSM
// parameter or name an IAM user chooses it. The audit echoes it in the summary, the log, SARIF and the
// tracking issue; none of it may start a workflow command, render as HTML or ping anyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsLoopback, type AwsLoopback } from '../support/awsLoopback.js';
import { createRepo, type TestRepo } from '../support/gitRepo.js';
import { startGitHubLoopback, type GitHubLoopback } from '../support/githubLoopback.js';
import { runAction, type ActionRun } from '../support/runAction.js';
import { AMI, OLD_AMI, SOAK_CONFIG, launchTemplateTf, realHoursAgo } from '../facts/soakScenario.js';

const HOSTILE = 'x\n::error title=AWS::pwned <img src=x onerror=alert(1)> @org/team #1 \u202Egnp\u001b[2J';

let repo: TestRepo;
let aws: AwsLoopback;
let github: GitHubLoopback;
let run: ActionRun;

beforeAll(async () => {
  repo = createRepo(
    { '.github/deploy-guard.yml': SOAK_CONFIG, 'terraform/staging/main.tf': launchTemplateTf('staging', OLD_AMI), 'terraform/prod/main.tf': launchTemplateTf('prod', OLD_AMI) },
    realHoursAgo(24 * 30),
  );
  aws = await startAwsLoopback({
    region: 'eu-west-1',
    images: [{ id: AMI, name: HOSTILE, tags: { 'deploy-guard:staging-since': HOSTILE } }, { id: OLD_AMI, name: HOSTILE, deprecationTime: realHoursAgo(1) }],
    launchTemplates: [{ name: 'api-prod', region: 'eu-west-1', defaultVersion: 1, versions: [{ number: 1, imageId: `resolve:ssm:/images/prod/api`, createTime: realHoursAgo(24 * 20), createdBy: HOSTILE }] }],
    parameters: {
      '/images/prod/api': { versions: [{ value: AMI, modified: realHoursAgo(2), user: HOSTILE }] },
      '/images/staging/api': { versions: [{ value: OLD_AMI, modified: realHoursAgo(24 * 12), user: HOSTILE }, { value: HOSTILE, modified: realHoursAgo(1), user: HOSTILE }] },
    },
  });
  github = await startGitHubLoopback({ pulls: [] });
  run = await runAction({ workspace: repo.dir, eventName: 'schedule', event: { repository: { full_name: 'acme/infra' } }, env: { ...aws.env, GITHUB_API_URL: github.url } });
});

afterAll(async () => {
  repo?.cleanup();
  await aws?.close();
  await github?.close();
});

const OWN_COMMAND = /^::(error|warning|notice|debug|group|endgroup)( (file|line|col|endLine|endColumn|title)=[^,:]*(,(file|line|col|endLine|endColumn|title)=[^,:]*)*)?::/;

describe('hostile text from AWS through the bundled audit', () => {
  it('echoes it (so the checks below are not vacuous) and blocks', () => {
    expect(run.outputs.blocked).toBe('true');
    expect(JSON.stringify(run.report)).toContain('onerror=alert(1)');
    expect(run.summary).toContain('onerror=alert(1)');
  });

  it('starts no workflow command on stdout but its own, and prints no terminal escape or bidi control', () => {
    for (const line of run.stdout.split(/\r\n|\r|\n/)) {
      const trimmed = line.trimStart();
      if (trimmed.startsWith('::') || trimmed.startsWith('##[')) expect(trimmed).toMatch(OWN_COMMAND);
      expect(trimmed).not.toMatch(/^::error title=AWS/);
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      expect(line).not.toMatch(/[\u001b\u202E]/);
    }
  });

  it('renders nothing in the summary and the tracking issue: no HTML, no mention, no issue link, no bidi control', () => {
    const issue = github.state.issues.find((each) => each.body.includes('<!-- deploy-guard:audit -->'));
    expect(issue).toBeDefined();
    for (const text of [run.summary, issue!.body]) {
      expect(text).not.toMatch(/<img|@org\/team|(?<![\\&])#1\b/);
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      expect(text).not.toMatch(/[\u001b\u202E]/);
      expect(text).not.toMatch(/^\s*::/m);
    }
  });

  it('writes SARIF messages with no line break, escape or bidi control', () => {
    for (const result of run.sarif.runs[0].results as { message: { text: string } }[]) {
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      expect(result.message.text).not.toMatch(/[\n\r\u001b\u202E]/);
    }
  });
});
