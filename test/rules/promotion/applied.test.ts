import { describe, expect, it } from 'vitest';
import type { Mode } from '../../../src/model.js';
import { appliedBeforeReview, appliedButUnmerged } from '../../../src/rules/promotion/applied.js';
import { settingsFor } from '../../fixtures/promotion/scenario.js';
import { changed, defaults, hoursAgo, NOW, type TerraformChange } from './facts.js';

const pull = { number: 3, title: 'Scale prod', createdAt: hoursAgo(26), url: 'https://github.com/acme/infra/pull/3', labels: ['terraform-applied'] };
const appliedPulls = { label: 'terraform-applied', pulls: [pull] };
const prodChange: TerraformChange = { order: ['staging', 'prod'], files: [changed('terraform/prod/main.tf', 'prod')] };
const stagingChange: TerraformChange = { order: ['staging', 'prod'], files: [changed('terraform/staging/main.tf', 'staging')] };

function levels(mode: Mode, terraformChange: TerraformChange | undefined, settings = defaults) {
  return appliedButUnmerged.check({ appliedPulls, terraformChange }, { settings, mode, now: NOW }).map((finding) => finding.level);
}

describe('DG304 applied-but-unmerged', () => {
  it('is an error for a change that reaches prod and a warning otherwise', () => {
    expect(levels('pr', prodChange)).toEqual(['error']);
    expect(levels('pr', stagingChange)).toEqual(['warning']);
  });

  it('is an error in the audit and in a preflight for prod, a warning in a preflight for staging', () => {
    expect(levels('audit', undefined)).toEqual(['error']);
    expect(levels('preflight', undefined)).toEqual(['error']);
    expect(levels('preflight', undefined, settingsFor(undefined, { environment: 'staging' }))).toEqual(['warning']);
  });

  it('lists number, title and age, and nothing when no other PR is applied', () => {
    const [finding] = appliedButUnmerged.check({ appliedPulls, terraformChange: stagingChange }, { settings: defaults, mode: 'pr', now: NOW });
    expect(finding?.message).toBe(
      '#3 "Scale prod" carries "terraform-applied" and is still open (opened 26h ago, at 2026-03-09T10:00:00Z): what is live differs from the base branch; warning because this change does not reach prod.',
    );
    expect(appliedButUnmerged.check({ appliedPulls: { ...appliedPulls, pulls: [] }, terraformChange: prodChange }, { settings: defaults, mode: 'pr', now: NOW })).toEqual([]);
  });
});

describe('DG305 applied-before-review', () => {
  const pullRequest = { number: 7, title: 't', body: '', author: 'dev', labels: ['terraform-applied'], headSha: 'h', baseRef: 'main' };
  const check = (labels: string[], terraformChange: TerraformChange | undefined, settings = defaults) =>
    appliedBeforeReview.check({ pullRequest: { ...pullRequest, labels }, terraformChange }, { settings, mode: 'pr', now: NOW });

  it('blocks the labelled PR that reaches prod', () => {
    expect(check(['terraform-applied'], prodChange).map((finding) => [finding.environment, finding.file])).toEqual([['prod', 'terraform/prod/main.tf']]);
  });

  it('ignores unlabelled PRs, staging-only changes and a label name that is configured differently', () => {
    expect(check([], prodChange)).toEqual([]);
    expect(check(['terraform-applied'], stagingChange)).toEqual([]);
    expect(check(['terraform-applied'], prodChange, settingsFor('applied-label: atlantis/applied\n'))).toEqual([]);
    expect(check(['atlantis/applied'], prodChange, settingsFor('applied-label: atlantis/applied\n'))).toHaveLength(1);
  });

  it('has nothing to say for merge_group runs (no pull request)', () => {
    expect(appliedBeforeReview.check({ pullRequest: undefined, terraformChange: prodChange }, { settings: defaults, mode: 'pr', now: NOW })).toEqual([]);
  });
});
