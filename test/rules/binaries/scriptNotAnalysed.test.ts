import { afterEach, describe, expect, it } from 'vitest';
import type { TestRepo } from '../../support/gitRepo.js';
import { brief, check, repoFrom } from './harness.js';

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

describe('DG205 script-not-analysed', () => {
  it('blocks on a deploy hook that does not parse or is binary, and only warns on a script nothing runs on an instance', async () => {
    repo = repoFrom('base', 'dg205');
    const report = await check(repo, { mode: 'audit' });
    expect(brief(report.findings, 'DG205')).toEqual([
      'DG205 error - deploy/scripts/deploy.sh:5',
      'DG205 error - deploy/scripts/start.sh',
      'DG205 warning - tools/lint.sh:4',
    ]);
    const parse = report.findings.find((finding) => finding.file === 'deploy/scripts/deploy.sh');
    expect(parse?.message).toBe(
      'deploy/scripts/deploy.sh:5 could not be analysed: shell parse error: missing "fi"; it runs on instances (CodeDeploy hook AfterInstall of deploy/appspec.yml), so its commands are unchecked.',
    );
    expect(report.findings.find((finding) => finding.file === 'deploy/scripts/start.sh')?.message).toContain('contains NUL bytes (binary file)');
  });

  it('is never overridable: it says the guard could not look', async () => {
    const { scriptNotAnalysed } = await import('../../../src/rules/binaries/scriptNotAnalysed.js');
    expect(scriptNotAnalysed.overridable).toBe(false);
  });

  it('is quiet on scripts that parse', async () => {
    repo = repoFrom('base', 'dg201-pass');
    const report = await check(repo, { mode: 'audit' });
    expect(brief(report.findings, 'DG205')).toEqual([]);
  });
});
