import { afterEach, describe, expect, it } from 'vitest';
import { createRepo, type TestRepo } from '../../support/gitRepo.js';
import { brief, check, fixtureFiles, repoFrom } from './harness.js';

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

describe('DG203 script-missing', () => {
  it('points at the appspec location, the file()/templatefile() call and the Packer provisioner that name a missing script', async () => {
    repo = repoFrom('base', 'dg203-fail');
    const report = await check(repo, { mode: 'audit' });
    expect(brief(report.findings, 'DG203')).toEqual([
      'DG203 error - deploy/appspec.yml:11',
      'DG203 error - deploy/appspec.yml:8',
      'DG203 error - packer/app.pkr.hcl:12',
      'DG203 error - terraform/staging/main.tf:4',
      'DG203 error - terraform/staging/main.tf:9',
    ]);
    const hook = report.findings.find((finding) => finding.id === 'DG203' && finding.line === 11);
    expect(hook?.message).toBe('CodeDeploy hook ValidateService names /scripts/validate.sh, which is not in the repository (looked for deploy/scripts/validate.sh).');
    expect(hook?.column).toBe(17);
    const template = report.findings.find((finding) => finding.id === 'DG203' && finding.line === 4);
    expect(template?.message).toContain('templatefile() in resource.aws_launch_template.app.user_data of terraform/staging/main.tf names ./user-data.sh.tpl');
  });

  it('needs no image configuration: a missing hook script fails the deployment on any image', async () => {
    const config = 'promotion: [staging, prod]\nenvironments:\n  staging:\n    terraform: ["terraform/staging/**"]\n  prod:\n    terraform: ["terraform/prod/**"]\n';
    repo = createRepo({ ...fixtureFiles('base', 'dg203-fail'), '.github/deploy-guard.yml': config }, '2026-03-01T00:00:00Z');
    const report = await check(repo, { mode: 'audit' });
    expect(brief(report.findings, 'DG203')).toEqual([
      'DG203 error - deploy/appspec.yml:11',
      'DG203 error - deploy/appspec.yml:8',
      'DG203 error - packer/app.pkr.hcl:12',
      'DG203 error - terraform/staging/main.tf:4',
      'DG203 error - terraform/staging/main.tf:9',
    ]);
    expect(brief(report.findings, 'DG201', 'DG202', 'DG205')).toEqual([]);
  });

  it('is quiet when every referenced script is there (Packer paths relative to the template)', async () => {
    repo = repoFrom('base', 'dg203-pass');
    const report = await check(repo, { mode: 'audit' });
    expect(brief(report.findings, 'DG203')).toEqual([]);
  });
});
