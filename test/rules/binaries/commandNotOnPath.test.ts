import { afterEach, describe, expect, it } from 'vitest';
import type { TestRepo } from '../../support/gitRepo.js';
import { brief, check, repoFrom } from './harness.js';

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

describe('DG202 command-not-on-path', () => {
  it('resolves bare commands under the PATH in effect: the run path, PATH= in the script, cron\'s own PATH', async () => {
    repo = repoFrom('base', 'dg202-fail');
    const report = await check(repo, { mode: 'audit' });
    expect(brief(report.findings, 'DG202')).toEqual([
      // yq: only the old prod image has it.
      'DG202 error prod deploy/scripts/deploy.sh:3',
      // jq and crontab live in /usr/bin, but the script set PATH=/usr/local/bin.
      'DG202 error prod deploy/scripts/deploy.sh:5',
      'DG202 error prod deploy/scripts/deploy.sh:5',
      'DG202 error prod deploy/scripts/deploy.sh:6',
      'DG202 error prod deploy/scripts/deploy.sh:6',
      // cron runs with PATH=/usr/bin:/bin: the new image's /usr/local/bin/aws is not on it.
      'DG202 error prod deploy/scripts/deploy.sh:7',
    ]);
    const jq = report.findings.find((finding) => finding.id === 'DG202' && finding.line === 5 && finding.message.includes('ami-0bbbbbbbbbbbbbbb2'));
    expect(jq?.message).toBe(
      'deploy/scripts/deploy.sh:5 runs jq, which is not on the PATH on ami-0bbbbbbbbbbbbbbb2 (prod) (/usr/local/bin); the image has it at /usr/bin/jq, outside that PATH.',
    );
    expect(jq?.fix).toBe('Add /usr/bin to PATH before the call, or call /usr/bin/jq.');
    const cron = report.findings.find((finding) => finding.id === 'DG202' && finding.line === 7);
    expect(cron?.message).toContain('runs aws (in a cron line), which is not on the PATH on ami-0aaaaaaaaaaaaaaa1');
    expect(cron?.message).toContain('(/usr/bin:/bin); the image has it at /usr/local/bin/aws');
  });

  it('follows a sourced functions file that extends PATH, and skips its functions, command -v guards and the revision\'s own commands', async () => {
    repo = repoFrom('base', 'dg202-pass');
    const report = await check(repo, { mode: 'audit' });
    expect(brief(report.findings, 'DG201', 'DG202', 'DG206')).toEqual([]);
  });
});
