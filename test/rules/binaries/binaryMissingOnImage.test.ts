import { afterEach, describe, expect, it } from 'vitest';
import type { TestRepo } from '../../support/gitRepo.js';
import { brief, check, repoFrom } from './harness.js';

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

describe('DG201 binary-missing-on-image', () => {
  it('flags every call of /usr/bin/aws on the image that moved it: direct, through a variable, under sudo, in a cron line, in a user-data heredoc', async () => {
    repo = repoFrom('base', 'dg201-fail');
    const report = await check(repo, { mode: 'audit' });
    expect(brief(report.findings, 'DG201')).toEqual([
      'DG201 error prod deploy/scripts/deploy.sh:3',
      'DG201 error prod deploy/scripts/deploy.sh:5',
      'DG201 error prod deploy/scripts/deploy.sh:6',
      'DG201 error prod deploy/scripts/deploy.sh:7',
      'DG201 error prod deploy/scripts/deploy.sh:8',
      'DG201 error prod deploy/scripts/deploy.sh:8',
      'DG201 error staging terraform/staging/main.tf:7',
    ]);
    const heredoc = report.findings.find((finding) => finding.id === 'DG201' && finding.file === 'terraform/staging/main.tf');
    expect(heredoc).toMatchObject({ line: 7, column: 5, environment: 'staging' });
    expect(heredoc?.message).toBe(
      'terraform/staging/main.tf:7 runs /usr/bin/aws, which does not exist on ami-0aaaaaaaaaaaaaaa1 (staging); the image has aws at /usr/local/bin/aws.',
    );
    expect(heredoc?.fix).toBe('Call it by name so PATH finds it (`aws …`, or `AWS=$(command -v aws)`), or use /usr/local/bin/aws.');
    expect(heredoc?.evidence).toEqual([
      { source: 'manifest', text: expect.stringMatching(/^images\/ami-0aaaaaaaaaaaaaaa1\.json: \/usr\/bin\/aws is not among its \d+ executables$/) },
      { source: 'script', text: 'terraform/staging/main.tf: user data resource.aws_launch_template.app.user_data in terraform/staging/main.tf' },
    ]);
    const viaVariable = report.findings.find((finding) => finding.id === 'DG201' && finding.line === 5);
    expect(viaVariable?.message).toContain('runs /usr/bin/aws (via $AWS_BIN)');
    const cron = report.findings.find((finding) => finding.id === 'DG201' && finding.line === 7);
    expect(cron?.message).toContain('(in a cron line)');
    // Nowhere else on the old prod image: the message says so and the fix is to install it.
    const completer = report.findings.find((finding) => finding.id === 'DG201' && finding.message.includes('ami-0bbbbbbbbbbbbbbb2'));
    expect(completer?.message).toContain('and no other aws_completer is on it');
    expect(report.outcome.result).toBe('fail');
  });

  it('does not flag guards, command -v, a guarded fallback, the revision\'s own files or what the script installs itself', async () => {
    repo = repoFrom('base', 'dg201-pass');
    const report = await check(repo, { mode: 'audit' });
    expect(brief(report.findings, 'DG201', 'DG202', 'DG206')).toEqual([]);
  });

  it('is an error that a break-glass override may downgrade', async () => {
    const { binaryMissingOnImage } = await import('../../../src/rules/binaries/binaryMissingOnImage.js');
    expect(binaryMissingOnImage).toMatchObject({ id: 'DG201', name: 'binary-missing-on-image', defaultLevel: 'error', overridable: true });
  });
});
