import { afterEach, describe, expect, it } from 'vitest';
import { createRepo, type TestRepo } from '../support/gitRepo.js';
import { AMI_NEW, AMI_OTHER, API_MODULE, classicLayout, envMain } from '../fixtures/promotion/layouts.js';
import { brief, check, hoursAgo, openPull } from '../fixtures/promotion/scenario.js';

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
        'prod requires 1d in staging: allowed from 2026-03-11T09:00:00Z.',
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
