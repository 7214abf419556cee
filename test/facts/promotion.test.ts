import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRepo, type TestRepo } from '../support/gitRepo.js';
import { AMI_NEW, AMI_OLD, AMI_OTHER, API_MODULE, classicLayout, envMain, liveStageProdLayout, singleEnvironmentLayout, terragruntLayout } from '../fixtures/promotion/layouts.js';
import { brief, check, fakeGitHub, hoursAgo, openPull } from '../fixtures/promotion/scenario.js';

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

function classicRepo(): TestRepo {
  repo = createRepo(classicLayout(), hoursAgo(24 * 30));
  return repo;
}

describe('value soak on the base branch (DG302, DG303)', () => {
  it('passes prod taking an AMI that staging merged 30h ago', async () => {
    const r = classicRepo();
    r.mergeBranch('staging-ami', { 'terraform/staging/main.tf': envMain(AMI_NEW) }, hoursAgo(120), hoursAgo(30));
    openPull(r, { 'terraform/prod/main.tf': envMain(AMI_NEW) });
    const report = await check(r);
    expect(brief(report.findings)).toEqual([]);
    expect(report.outcome.result).toBe('pass');
  });

  it('blocks an AMI that served staging for 3h of 24h, although its branch commit was written 5 days ago', async () => {
    const r = classicRepo();
    const merge = r.mergeBranch('staging-ami', { 'terraform/staging/main.tf': envMain(AMI_NEW) }, hoursAgo(120), hoursAgo(3));
    openPull(r, { 'terraform/prod/main.tf': envMain(AMI_NEW) });
    const report = await check(r);
    expect(brief(report.findings)).toEqual(['DG302 error prod terraform/prod/main.tf:3:13']);
    const [finding] = report.findings;
    expect(finding?.message).toBe(
      `prod receives ${AMI_NEW} (terraform/prod/main.tf:3), which landed in staging on main at 2026-03-10T09:00:00Z, 3h ago; ` +
        'prod requires 24h in staging: allowed from 2026-03-11T09:00:00Z.',
    );
    expect(finding?.evidence).toEqual([
      { source: 'git', text: `${AMI_NEW} landed in staging (terraform/staging/main.tf) on main at 2026-03-10T09:00:00Z (merge ${merge.slice(0, 7)})` },
    ]);
    expect(report.outcome.result).toBe('fail');
  });

  it('blocks a value staging never had', async () => {
    const r = classicRepo();
    r.mergeBranch('staging-ami', { 'terraform/staging/main.tf': envMain(AMI_NEW) }, hoursAgo(120), hoursAgo(30));
    openPull(r, { 'terraform/prod/main.tf': envMain(AMI_OTHER) });
    const report = await check(r);
    expect(brief(report.findings)).toEqual(['DG303 error prod terraform/prod/main.tf:3:13']);
    expect(report.findings[0]?.message).toBe(`prod receives ${AMI_OTHER} (terraform/prod/main.tf:3), which staging never had on main.`);
  });
});

describe('one change for two environments (DG301)', () => {
  it('names the module chain when a shared local module changes', async () => {
    const r = classicRepo();
    openPull(r, { 'terraform/modules/api/main.tf': API_MODULE.replace('"api-"', '"api-v2-"') });
    const report = await check(r);
    expect(brief(report.findings)).toEqual(['DG301 error prod terraform/modules/api/main.tf']);
    expect(report.findings[0]?.message).toBe(
      'This change reaches staging and prod together, so it cannot soak in staging first: ' +
        'staging through terraform/modules/api ← terraform/staging/main.tf:1; prod through terraform/modules/api ← terraform/prod/main.tf:1.',
    );
  });

  it('blocks a change to both environments, and the value prod gets that staging never had', async () => {
    const r = classicRepo();
    openPull(r, { 'terraform/staging/main.tf': envMain(AMI_NEW), 'terraform/prod/main.tf': envMain(AMI_NEW) });
    const report = await check(r);
    expect(brief(report.findings)).toEqual(['DG301 error prod terraform/prod/main.tf', 'DG303 error prod terraform/prod/main.tf:3:13']);
    expect(report.findings.find((finding) => finding.id === 'DG303')?.message).toBe(
      `prod receives ${AMI_NEW} (terraform/prod/main.tf:3), which staging never had on main; this change brings it into staging at the same time.`,
    );
  });
});

describe('history of the previous environment', () => {
  it('counts a value removed from staging for the time it was there', async () => {
    const r = classicRepo();
    r.mergeBranch('staging-new', { 'terraform/staging/main.tf': envMain(AMI_NEW) }, hoursAgo(100), hoursAgo(90));
    r.mergeBranch('staging-back', { 'terraform/staging/main.tf': envMain(AMI_OLD) }, hoursAgo(50), hoursAgo(40));
    openPull(r, { 'terraform/prod/main.tf': envMain(AMI_NEW) });
    expect(brief((await check(r)).findings)).toEqual([]);
  });

  it('blocks a value staging had for 2h and then dropped, and says it must go back to staging', async () => {
    const r = classicRepo();
    r.mergeBranch('staging-new', { 'terraform/staging/main.tf': envMain(AMI_NEW) }, hoursAgo(100), hoursAgo(48));
    const revert = r.mergeBranch('staging-back', { 'terraform/staging/main.tf': envMain(AMI_OLD) }, hoursAgo(47), hoursAgo(46));
    openPull(r, { 'terraform/prod/main.tf': envMain(AMI_NEW) });
    const report = await check(r);
    expect(brief(report.findings)).toEqual(['DG302 error prod terraform/prod/main.tf:3:13']);
    expect(report.findings[0]?.message).toBe(
      `prod receives ${AMI_NEW} (terraform/prod/main.tf:3), which landed in staging on main at 2026-03-08T12:00:00Z, ` +
        'and served it for 2h until 2026-03-08T14:00:00Z; prod requires 24h in staging, and staging no longer has it.',
    );
    expect(report.findings[0]?.evidence[0]?.text).toContain(`gone from staging at 2026-03-08T14:00:00Z (commit ${revert.slice(0, 7)})`);
  });

  it('takes the time a squashed commit entered main, and ignores values elsewhere in the repository', async () => {
    const r = classicRepo();
    r.write({ 'terraform/staging/main.tf': envMain(AMI_NEW), 'docs/amis.tf': `locals { next = "${AMI_OTHER}" }\n` });
    r.commit('squash: staging AMI', hoursAgo(5));
    openPull(r, { 'terraform/prod/main.tf': envMain(AMI_NEW) });
    const report = await check(r);
    expect(brief(report.findings)).toEqual(['DG302 error prod terraform/prod/main.tf:3:13']);
    expect(report.findings[0]?.evidence[0]?.text).toMatch(/at 2026-03-10T07:00:00Z \(commit [0-9a-f]{7}\)$/);
  });

  it('finds a value staging got through a module only staging uses', async () => {
    repo = createRepo(
      {
        'terraform/modules/api/main.tf': API_MODULE,
        'terraform/modules/canary/main.tf': `module "api" {\n  source = "../api"\n  ami    = "${AMI_NEW}"\n}\n`,
        'terraform/staging/main.tf': `module "canary" {\n  source = "../modules/canary"\n}\n`,
        'terraform/prod/main.tf': envMain(AMI_OLD),
      },
      hoursAgo(72),
    );
    openPull(repo, { 'terraform/prod/main.tf': envMain(AMI_NEW) });
    expect(brief((await check(repo)).findings)).toEqual([]);
  });

  it('leaves a value prod already had alone when it moves between prod files', async () => {
    const r = classicRepo();
    openPull(r, { 'terraform/prod/main.tf': envMain('${var.ami}'), 'terraform/prod/terraform.tfvars': `ami = "${AMI_OLD}"\n` });
    expect(brief((await check(r)).findings)).toEqual([]);
  });

  it('checks module refs and registry versions, keyed by their source', async () => {
    const modules = (ref: string, version: string) =>
      `module "net" {\n  source = "git::https://github.com/acme/net.git//vpc?ref=${ref}"\n}\n\nmodule "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "${version}"\n}\n`;
    repo = createRepo({ 'live/stage/net.tf': modules('v1.3.0', '5.0.0'), 'live/prod/net.tf': modules('v1.3.0', '5.0.0') }, hoursAgo(24 * 30));
    repo.mergeBranch('stage-net', { 'live/stage/net.tf': modules('v1.4.0', '5.1.0') }, hoursAgo(40), hoursAgo(30));
    openPull(repo, { 'live/prod/net.tf': modules('v1.4.0', '5.2.0') });
    const report = await check(repo);
    expect(brief(report.findings)).toEqual(['DG303 error prod live/prod/net.tf:7:14']);
    expect(report.findings[0]?.message).toBe(
      'prod receives version 5.2.0 of module source terraform-aws-modules/vpc/aws (live/prod/net.tf:7), which staging never had on main.',
    );
  });

  it('checks image tags held in SSM parameters', async () => {
    const parameter = (env: string, tag: string) =>
      `resource "aws_ssm_parameter" "api_image" {\n  name  = "/${env}/api/image"\n  type  = "String"\n  value = "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:${tag}"\n}\n`;
    repo = createRepo({ 'stg/params.tf': parameter('stg', '1.0.0'), 'prd/params.tf': parameter('prd', '1.0.0') }, hoursAgo(24 * 30));
    repo.mergeBranch('stg-image', { 'stg/params.tf': parameter('stg', '1.1.0') }, hoursAgo(10), hoursAgo(2));
    openPull(repo, { 'prd/params.tf': parameter('prd', '1.1.0') });
    const report = await check(repo);
    expect(brief(report.findings)).toEqual(['DG302 error prod prd/params.tf:2:12']);
  });
});

describe('applied before merge (DG304, DG305)', () => {
  const applied = { number: 3, title: 'Scale prod ASG to 12', createdAt: hoursAgo(50), url: 'https://github.com/acme/infra/pull/3', labels: ['terraform-applied'] };
  const unrelated = { number: 4, title: 'Docs', createdAt: hoursAgo(5), url: 'https://github.com/acme/infra/pull/4', labels: ['docs'] };
  const prodTweak = { 'terraform/prod/main.tf': envMain(AMI_OLD, 'output "ready" {\n  value = true\n}\n') };

  it('blocks a PR that carries the applied label and reaches prod', async () => {
    const r = classicRepo();
    openPull(r, prodTweak);
    const report = await check(r, { labels: ['terraform-applied'] });
    expect(brief(report.findings)).toEqual(['DG305 error prod terraform/prod/main.tf']);
    expect(report.findings[0]?.message).toBe(
      'This pull request carries "terraform-applied" and reaches prod (terraform/prod/main.tf): it was applied to prod before review and merge, so the base branch does not describe prod.',
    );
  });

  it('does not hold the applied label against a staging-only change', async () => {
    const r = classicRepo();
    openPull(r, { 'terraform/staging/main.tf': envMain(AMI_OLD, 'output "ready" {\n  value = true\n}\n') });
    expect(brief((await check(r, { labels: ['terraform-applied'] })).findings)).toEqual([]);
  });

  it('blocks a prod change while another applied PR is open, with its number, title and age', async () => {
    const r = classicRepo();
    openPull(r, prodTweak);
    const report = await check(r, { github: fakeGitHub([applied, unrelated]) });
    expect(brief(report.findings)).toEqual(['DG304 error prod -']);
    expect(report.findings[0]?.message).toBe(
      '#3 "Scale prod ASG to 12" carries "terraform-applied" and is still open (opened 50h ago, at 2026-03-08T10:00:00Z): ' +
        'what is live differs from the base branch; blocking because this change reaches prod (terraform/prod/main.tf).',
    );
  });

  it('warns about another applied PR when the change stops at staging, and never lists the PR itself', async () => {
    const r = classicRepo();
    openPull(r, { 'terraform/staging/main.tf': envMain(AMI_OLD, 'output "ready" {\n  value = true\n}\n') });
    const self = { ...applied, number: 7, title: 'the change under review' };
    const report = await check(r, { github: fakeGitHub([applied, self]) });
    expect(brief(report.findings)).toEqual(['DG304 warning - -']);
    expect(report.outcome.result).toBe('warn');
  });

  it('in the merge queue, knows which PR it runs for and never lists it', async () => {
    const r = classicRepo();
    openPull(r, prodTweak);
    const self = { ...applied, number: 7, title: 'the change under review' };
    const report = await check(r, { mergeGroup: true, github: fakeGitHub([applied, self]) });
    expect(brief(report.findings)).toEqual(['DG304 error prod -']);
    expect(report.findings[0]?.message).toContain('#3 "Scale prod ASG to 12"');
  });

  it('reports applied PRs in the audit, as errors', async () => {
    const r = classicRepo();
    const report = await check(r, { mode: 'audit', github: fakeGitHub([applied]) });
    expect(brief(report.findings)).toEqual(['DG304 error - -']);
  });

  it('ends in error, not in a pass, when GitHub cannot be asked', async () => {
    const r = classicRepo();
    openPull(r, prodTweak);
    const noToken = await check(r, { github: null });
    expect(noToken.outcome.result).toBe('error');
    expect(noToken.notEvaluated).toEqual([
      expect.objectContaining({ what: 'DG304 applied-but-unmerged', reason: 'Open pull requests labelled "terraform-applied" could not be listed: no GitHub token.' }),
    ]);
    const failing = await check(r, { github: fakeGitHub(Object.assign(new Error('Bad credentials'), { status: 401 })) });
    expect(failing.outcome.result).toBe('error');
    expect(failing.notEvaluated[0]?.reason).toBe('Open pull requests labelled "terraform-applied" could not be listed from the GitHub API (HTTP 401): Bad credentials');
    expect(failing.notEvaluated[0]?.fix).toContain('pull-requests: read');
  });
});

describe('floating AMIs in Terraform (DG105)', () => {
  const lookup = `data "aws_ami" "ubuntu" {
  most_recent = true
  owners      = ["099720109477"]
}

module "api" {
  source = "../modules/api"
  ami    = data.aws_ami.ubuntu.id
}
`;

  it('blocks most_recent = true in prod', async () => {
    const r = classicRepo();
    openPull(r, { 'terraform/prod/main.tf': lookup });
    const report = await check(r);
    expect(brief(report.findings)).toEqual(['DG105 error prod terraform/prod/main.tf:1:1']);
    expect(report.findings[0]?.message).toBe(
      'prod takes its AMI from data.aws_ami.ubuntu with most_recent = true: every apply picks whatever image is newest, which never soaked in staging.',
    );
  });

  it('accepts the same lookup in staging, the first environment', async () => {
    const r = classicRepo();
    openPull(r, { 'terraform/staging/main.tf': lookup });
    expect(brief((await check(r)).findings)).toEqual([]);
  });

  it('blocks public and unlisted SSM parameters, and accepts listed or pinned ones', async () => {
    const config = `promotion: [staging, prod]
environments:
  staging:
    terraform: ["terraform/staging/**"]
  prod:
    terraform: ["terraform/prod/**"]
    amis:
      ssm-parameters: ["/images/prod/api"]
`;
    const template = (imageId: string, name: string) => `resource "aws_launch_template" "${name}" {\n  image_id = "${imageId}"\n}\n`;
    const r = classicRepo();
    openPull(r, {
      'terraform/prod/images.tf': [
        template('resolve:ssm:/images/prod/api', 'listed'),
        template('resolve:ssm:/images/prod/worker', 'unlisted'),
        template('resolve:ssm:/images/prod/batch:12', 'pinned'),
        template('resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64', 'public'),
      ].join('\n'),
    });
    const report = await check(r, { config });
    expect(brief(report.findings)).toEqual(['DG105 error prod terraform/prod/images.tf:14:15', 'DG105 error prod terraform/prod/images.tf:6:15']);
    expect(report.findings.map((finding) => finding.message)).toEqual([
      'prod resolves its AMI from SSM parameter /images/prod/worker (resolve:ssm: in resource.aws_launch_template.unlisted), which is not under environments.prod.amis.ssm-parameters: nothing checks what it holds before prod launches it.',
      'prod reads its AMI from the public SSM parameter /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 (resolve:ssm: in resource.aws_launch_template.public): AWS moves it to each new image, which then reaches prod without soaking in staging.',
    ]);
  });
});

describe('floating AMIs through data "aws_ssm_parameter" (DG105)', () => {
  it("blocks prod reading staging's image parameter, not prod's secrets or its own listed parameter", async () => {
    const config = `environments:
  staging:
    terraform: ["terraform/staging/**"]
    amis: { ssm-parameters: ["/images/staging/api"] }
  prod:
    terraform: ["terraform/prod/**"]
    amis: { ssm-parameters: ["/images/prod/api"] }
`;
    const data = (label: string, name: string) => `data "aws_ssm_parameter" "${label}" {\n  name = "${name}"\n}\n`;
    const r = classicRepo();
    openPull(r, {
      'terraform/prod/params.tf': [data('db_password', '/prod/db/password'), data('own', '/images/prod/api'), data('follows_staging', '/images/staging/api'), data('al2', '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64'), data('regions', '/aws/service/global-infrastructure/regions')].join('\n'),
    });
    const report = await check(r, { config });
    expect(brief(report.findings)).toEqual(['DG105 error prod terraform/prod/params.tf:10:11', 'DG105 error prod terraform/prod/params.tf:14:11']);
    expect(report.findings.map((finding) => finding.message.split(':')[0])).toEqual([
      'prod resolves its AMI from SSM parameter /images/staging/api (data.aws_ssm_parameter.follows_staging), which is not under environments.prod.amis.ssm-parameters',
      'prod reads its AMI from the public SSM parameter /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 (data.aws_ssm_parameter.al2)',
    ]);
  });
});

describe('Terraform outside every environment (DG306)', () => {
  it('warns about a changed root no environment applies, not about examples of used modules', async () => {
    const r = classicRepo();
    openPull(r, { 'terraform/legacy/main.tf': 'resource "null_resource" "x" {}\n', 'packer/api.pkr.hcl': 'source "amazon-ebs" "api" {}\n' });
    const report = await check(r);
    expect(brief(report.findings)).toEqual(['DG306 warning - terraform/legacy/main.tf']);
    expect(report.outcome.result).toBe('warn');
  });
});

describe('history that is not there', () => {
  function shallowClone(source: TestRepo, depth: number): TestRepo {
    const dir = join(mkdtempSync(join(tmpdir(), 'dg-clone-')), 'infra');
    execFileSync('git', ['clone', '-q', `--depth=${depth}`, '--no-single-branch', `file://${source.dir}`, dir]);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
    git('checkout', '-q', 'pr');
    return { ...source, dir, git, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }

  function historyRepo(): TestRepo {
    const r = classicRepo();
    for (let i = 0; i < 5; i++) r.mergeBranch(`noise-${i}`, { [`terraform/staging/n${i}.tf`]: `locals { n = ${i} }\n` }, hoursAgo(80 - i), hoursAgo(80 - i));
    r.mergeBranch('staging-ami', { 'terraform/staging/main.tf': envMain(AMI_NEW) }, hoursAgo(120), hoursAgo(30));
    for (let i = 5; i < 10; i++) r.mergeBranch(`noise-${i}`, { [`terraform/staging/n${i}.tf`]: `locals { n = ${i} }\n` }, hoursAgo(20 - i), hoursAgo(20 - i));
    openPull(r, { 'terraform/prod/main.tf': envMain(AMI_NEW) });
    // Only main and the PR branch are left to clone, as on GitHub.
    for (const branch of r.git('branch', '--format=%(refname:short)').split('\n')) if (branch && branch !== 'main' && branch !== 'pr') r.git('branch', '-q', '-D', branch);
    return r;
  }

  it('deepens a shallow checkout from origin and then decides', async () => {
    const source = historyRepo();
    const clone = shallowClone(source, 2);
    try {
      expect(clone.git('rev-parse', '--is-shallow-repository').trim()).toBe('true');
      clone.git('branch', '-f', 'main', 'origin/main');
      const report = await check(clone);
      expect(report.outcome.result).toBe('pass');
      expect(clone.git('rev-parse', '--is-shallow-repository').trim()).toBe('false');
    } finally {
      clone.cleanup();
    }
  });

  it('ends in error with the fetch-depth fix when the history cannot be fetched', async () => {
    const source = historyRepo();
    const clone = shallowClone(source, 3);
    try {
      clone.git('branch', '-f', 'main', 'origin/main');
      clone.git('remote', 'remove', 'origin');
      expect(clone.git('rev-parse', '--is-shallow-repository').trim()).toBe('true');
      const report = await check(clone);
      expect(report.outcome.result).toBe('error');
      expect(report.notEvaluated).toEqual([
        {
          what: 'DG302 value-not-soaked, DG303 value-never-in-previous-env',
          reason: 'The checkout is shallow and its full history could not be fetched.',
          fix: expect.stringContaining('fetch-depth: 0'),
        },
      ]);
    } finally {
      clone.cleanup();
    }
  });
});

describe('layouts from public repositories', () => {
  it('live/stage + live/prod sharing a local module with the same literal AMI: no finding for a prod-only change', async () => {
    repo = createRepo(liveStageProdLayout(AMI_OLD), hoursAgo(24 * 60));
    openPull(repo, { 'live/prod/services/webserver-cluster/main.tf': liveStageProdLayout(AMI_OLD, 4)['live/prod/services/webserver-cluster/main.tf']! });
    const report = await check(repo);
    expect(brief(report.findings)).toEqual([]);
    expect(report.outcome.result).toBe('pass');
  });

  it('live/stage + live/prod: prod takes the AMI stage has run for two days', async () => {
    repo = createRepo(liveStageProdLayout(AMI_OLD), hoursAgo(24 * 60));
    repo.mergeBranch('stage-ami', { 'live/stage/services/webserver-cluster/main.tf': liveStageProdLayout(AMI_NEW)['live/stage/services/webserver-cluster/main.tf']! }, hoursAgo(49), hoursAgo(48));
    openPull(repo, { 'live/prod/services/webserver-cluster/main.tf': liveStageProdLayout(AMI_NEW)['live/prod/services/webserver-cluster/main.tf']! });
    expect(brief((await check(repo)).findings)).toEqual([]);
  });

  it('Terragrunt _envcommon: prod takes the module ref stage has had for 30h', async () => {
    repo = createRepo(terragruntLayout({ qa: 'v0.8.0', stage: 'v0.8.0', prod: 'v0.8.0' }), hoursAgo(24 * 60));
    repo.mergeBranch('stage-v09', { 'non-prod/us-east-1/stage/mysql/terragrunt.hcl': terragruntLayout({ qa: '', stage: 'v0.9.0', prod: '' })['non-prod/us-east-1/stage/mysql/terragrunt.hcl']! }, hoursAgo(31), hoursAgo(30));
    openPull(repo, { 'prod/us-east-1/prod/mysql/terragrunt.hcl': terragruntLayout({ qa: '', stage: '', prod: 'v0.9.0' })['prod/us-east-1/prod/mysql/terragrunt.hcl']! });
    expect(brief((await check(repo)).findings)).toEqual([]);
  });

  it('Terragrunt _envcommon: a ref stage never had is DG303 on the prod unit', async () => {
    repo = createRepo(terragruntLayout({ qa: 'v0.8.0', stage: 'v0.8.0', prod: 'v0.8.0' }), hoursAgo(24 * 60));
    repo.mergeBranch('qa-v10', { 'non-prod/us-east-1/qa/mysql/terragrunt.hcl': terragruntLayout({ qa: 'v1.0.0', stage: '', prod: '' })['non-prod/us-east-1/qa/mysql/terragrunt.hcl']! }, hoursAgo(99), hoursAgo(98));
    openPull(repo, { 'prod/us-east-1/prod/mysql/terragrunt.hcl': terragruntLayout({ qa: '', stage: '', prod: 'v1.0.0' })['prod/us-east-1/prod/mysql/terragrunt.hcl']! });
    const report = await check(repo);
    expect(brief(report.findings)).toEqual(['DG303 error prod prod/us-east-1/prod/mysql/terragrunt.hcl:11:13']);
    expect(report.findings[0]?.message).toBe(
      'prod receives ref v1.0.0 of module source ${include.envcommon.locals.base_source_url} (prod/us-east-1/prod/mysql/terragrunt.hcl:11), which staging never had on main.',
    );
  });

  it('Terragrunt _envcommon: a change to the shared file reaches every environment that includes it', async () => {
    repo = createRepo(terragruntLayout({ qa: 'v0.8.0', stage: 'v0.8.0', prod: 'v0.8.0' }), hoursAgo(24 * 60));
    openPull(repo, { '_envcommon/mysql.hcl': terragruntLayout({ qa: '', stage: '', prod: '' })['_envcommon/mysql.hcl']!.replace('= 20', '= 40') });
    const report = await check(repo);
    expect(brief(report.findings)).toEqual(['DG301 error prod _envcommon/mysql.hcl']);
    expect(report.findings[0]?.message).toBe(
      'This change reaches staging and prod together, so it cannot soak in staging first: ' +
        'staging through _envcommon/mysql.hcl ← non-prod/us-east-1/stage/mysql/terragrunt.hcl:6; prod through _envcommon/mysql.hcl ← prod/us-east-1/prod/mysql/terragrunt.hcl:6.',
    );
  });

  it('Terragrunt: a qa-only change is outside the promotion and only warned about', async () => {
    repo = createRepo(terragruntLayout({ qa: 'v0.8.0', stage: 'v0.8.0', prod: 'v0.8.0' }), hoursAgo(24 * 60));
    openPull(repo, { 'non-prod/us-east-1/qa/mysql/terragrunt.hcl': terragruntLayout({ qa: 'v0.9.0', stage: '', prod: '' })['non-prod/us-east-1/qa/mysql/terragrunt.hcl']! });
    expect(brief((await check(repo)).findings)).toEqual(['DG306 warning - non-prod/us-east-1/qa/mysql/terragrunt.hcl']);
  });

  it('a single-environment repository: a shared module change is no DG301 and a new AMI needs no staging', async () => {
    repo = createRepo(singleEnvironmentLayout(AMI_OLD), hoursAgo(24 * 60));
    openPull(repo, {
      'modules/app/main.tf': singleEnvironmentLayout(AMI_OLD)['modules/app/main.tf']!.replace('t3.micro', 't3.small'),
      'production/main.tf': singleEnvironmentLayout(AMI_NEW)['production/main.tf']!,
    });
    const report = await check(repo);
    expect(brief(report.findings)).toEqual([]);
    expect(report.notes).toContain('No Terraform found for staging (environments detected from directory names); promotion checks use prod.');
  });
});

describe('one root for every environment, a .tfvars each', () => {
  const config = `promotion: [staging, prod]
environments:
  staging: { terraform: ["infra/*.tf", "infra/env/staging.tfvars"] }
  prod: { terraform: ["infra/*.tf", "infra/env/prod.tfvars"] }
`;
  const layout = {
    '.github/deploy-guard.yml': config,
    'infra/main.tf': 'variable "ami" {}\n\nresource "aws_instance" "api" {\n  ami           = var.ami\n  instance_type = "t3.small"\n}\n',
    'infra/env/staging.tfvars': `ami = "${AMI_OLD}"\n`,
    'infra/env/prod.tfvars': `ami = "${AMI_OLD}"\n`,
  };

  it('a change to the shared root reaches both environments', async () => {
    repo = createRepo(layout, hoursAgo(24 * 30));
    openPull(repo, { 'infra/main.tf': layout['infra/main.tf'].replace('t3.small', 't3.large') });
    const report = await check(repo, { config });
    expect(brief(report.findings)).toEqual(['DG301 error prod infra/main.tf']);
  });

  it('prod.tfvars takes the AMI staging.tfvars has had for 2 days', async () => {
    repo = createRepo(layout, hoursAgo(24 * 30));
    repo.mergeBranch('staging-ami', { 'infra/env/staging.tfvars': `ami = "${AMI_NEW}"\n` }, hoursAgo(49), hoursAgo(48));
    openPull(repo, { 'infra/env/prod.tfvars': `ami = "${AMI_NEW}"\n` });
    expect(brief((await check(repo, { config })).findings)).toEqual([]);
  });
});
