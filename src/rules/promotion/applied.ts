// DG304 / DG305: changes applied before merge mean the base branch does not describe what is live.
import { formatDuration } from '../../config/duration.js';
import type { Facts } from '../../facts/types.js';
import type { Level, Mode } from '../../model.js';
import type { Settings } from '../../config/settings.js';
import { defineRule, type RuleFinding } from '../types.js';
import { isoTime, listText } from './text.js';

type TerraformChange = Facts['terraformChange'];

/** The last environment of the promotion: prod. */
function lastEnvironment(settings: Settings, change: TerraformChange): string | undefined {
  return change ? change.order.at(-1) : settings.promotion.at(-1);
}

function filesReaching(change: NonNullable<TerraformChange>, environment: string): string[] {
  return change.files.filter((file) => file.reaches.some((reach) => reach.environment === environment)).map((file) => file.path);
}

/** Error when what is being checked reaches the last environment, else warning. Audit looks at everything live, prod included. */
export function appliedButUnmergedLevel(mode: Mode, settings: Settings, change: TerraformChange): { level: Level; why: string } {
  const last = lastEnvironment(settings, change);
  if (mode === 'audit') return { level: 'error', why: 'the audit covers every live environment' };
  if (mode === 'preflight') {
    const target = settings.inputs.environment ?? settings.promotion.at(-1);
    return target !== undefined && target === last
      ? { level: 'error', why: `the preflight is for ${target}` }
      : { level: 'warning', why: `the preflight is for ${target ?? 'an environment'} before ${last ?? 'the last one'}` };
  }
  const reaching = change && last ? filesReaching(change, last) : [];
  return reaching.length > 0
    ? { level: 'error', why: `this change reaches ${last} (${listText(reaching, 3)})` }
    : { level: 'warning', why: `this change does not reach ${last ?? 'the last environment'}` };
}

export const appliedButUnmerged = defineRule({
  id: 'DG304',
  name: 'applied-but-unmerged',
  family: 'promotion',
  defaultLevel: 'error',
  overridable: true,
  modes: ['pr', 'audit', 'preflight'],
  needs: ['appliedPulls', 'terraformChange'],
  summary: 'Open pull requests carry the applied label: live infrastructure differs from the base branch.',
  help:
    'A pull request labelled as applied (applied-label, default terraform-applied) but not merged means its Terraform runs ' +
    'in an environment while the base branch does not contain it: a revert of the base branch does not restore what is live, ' +
    'and the next apply from the base branch silently undoes it. Error when the change (or preflight) reaches the last ' +
    'environment, and in the audit; warning otherwise. Fix: merge the applied pull request, or revert what it applied and ' +
    'remove the label, before changing the environment again.',
  check({ appliedPulls, terraformChange }, { settings, mode, now }) {
    const { level, why } = appliedButUnmergedLevel(mode, settings, terraformChange);
    return appliedPulls.pulls.map(
      (pull): RuleFinding => ({
        message:
          `#${pull.number} "${pull.title}" carries "${appliedPulls.label}" and is still open ` +
          `(opened ${formatDuration(now.getTime() - Date.parse(pull.createdAt))} ago, at ${isoTime(pull.createdAt)}): ` +
          `what is live differs from the base branch; ${level === 'error' ? 'blocking because' : 'warning because'} ${why}.`,
        level,
        ...(mode === 'pr' && level === 'error' && lastEnvironment(settings, terraformChange) ? { environment: lastEnvironment(settings, terraformChange)! } : {}),
        evidence: [{ source: 'github', text: `#${pull.number} open with label "${appliedPulls.label}" since ${isoTime(pull.createdAt)}: ${pull.url}` }],
        fix: `Merge #${pull.number}, or revert what it applied and remove the "${appliedPulls.label}" label, then re-run this check.`,
      }),
    );
  },
});

export const appliedBeforeReview = defineRule({
  id: 'DG305',
  name: 'applied-before-review',
  family: 'promotion',
  defaultLevel: 'error',
  overridable: true,
  modes: ['pr'],
  needs: ['pullRequest', 'terraformChange'],
  summary: 'This pull request carries the applied label and reaches the last environment.',
  help:
    'The applied label says this change already runs in production although it is neither reviewed nor merged: the base ' +
    'branch no longer describes prod. Fix: get it reviewed and merged now, or revert the apply; apply prod only from the ' +
    'base branch after merge, and remove the label once live matches the base branch.',
  check({ pullRequest, terraformChange }, { settings }) {
    if (!pullRequest || !terraformChange || !pullRequest.labels.includes(settings.appliedLabel)) return [];
    const last = terraformChange.order.at(-1);
    if (!last) return [];
    const reaching = filesReaching(terraformChange, last);
    if (reaching.length === 0) return [];
    return [
      {
        message: `This pull request carries "${settings.appliedLabel}" and reaches ${last} (${listText(reaching, 3)}): it was applied to ${last} before review and merge, so the base branch does not describe ${last}.`,
        environment: last,
        file: reaching[0]!,
        evidence: [{ source: 'github', text: `#${pullRequest.number} labels: ${pullRequest.labels.join(', ')}` }],
        fix: `Get #${pullRequest.number} reviewed and merged now (or revert the apply); apply ${last} only from the base branch after merge, and remove "${settings.appliedLabel}" once live matches it.`,
      },
    ];
  },
});
