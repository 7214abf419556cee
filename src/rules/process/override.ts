// Break-glass override: label by an allowed actor, a written reason, applied after the head commit.
import type { Settings } from '../../config/settings.js';
import type { OverrideFacts } from '../../facts/types.js';
import type { OverrideRecord } from '../../model.js';
import { defineRule } from '../types.js';

export type OverrideAssessment =
  | { state: 'none' }
  | { state: 'valid'; record: Omit<OverrideRecord, 'findings'> }
  | { state: 'rejected'; actor?: string; reasons: string[] };

/** Pure: whether the override label on this PR is a valid break-glass override, and why not. */
export function assessOverride(facts: OverrideFacts | undefined, settings: Settings): OverrideAssessment {
  if (!facts?.labelPresent) return { state: 'none' };
  const { label, allowed } = settings.override;
  const latest = facts.labelEvents.at(-1);
  const reasons: string[] = [];
  if (!latest) {
    reasons.push(`who applied "${label}" could not be read from the issue events API (is a github-token with issues: read given?)`);
  } else {
    if (allowed.length === 0) reasons.push(`no one is allowed to override: "override.allowed" is empty`);
    else if (!facts.actorAllowed?.allowed) reasons.push(`@${latest.actor} is not in override.allowed (${allowed.join(', ')})`);
    if (!facts.headCommittedAt) reasons.push('the time of the head commit could not be read');
    else if (Date.parse(latest.at) <= Date.parse(facts.headCommittedAt)) {
      reasons.push(`the label was applied at ${latest.at}, before the head commit of ${facts.headCommittedAt}; a new push needs a new override`);
    }
  }
  if (!facts.reason) reasons.push('the PR body has no "deploy-guard-reason: …" line');
  if (reasons.length > 0 || !latest || !facts.reason) return { state: 'rejected', ...(latest ? { actor: latest.actor } : {}), reasons };
  return { state: 'valid', record: { actor: latest.actor, at: latest.at, reason: facts.reason, label } };
}

export const overrideUsed = defineRule({
  id: 'DG401',
  name: 'override-used',
  family: 'process',
  defaultLevel: 'notice',
  overridable: false,
  modes: ['pr'],
  needs: ['override'],
  summary: 'A break-glass override was applied to this change.',
  help:
    'Records who applied the override label, when and why, so that every skipped soak is on the record. ' +
    'Nothing to fix; remove the label once the emergency change has merged.',
  check({ override }, { settings }) {
    const assessment = assessOverride(override, settings);
    if (assessment.state !== 'valid') return [];
    const { actor, at, reason, label } = assessment.record;
    return [
      {
        message: `Override "${label}" applied by @${actor} at ${at}: ${reason}`,
        evidence: [{ source: 'github', text: `label event by @${actor} at ${at}${override?.actorAllowed?.via ? ` (allowed as ${override.actorAllowed.via})` : ''}` }],
      },
    ];
  },
});

export const overrideRejected = defineRule({
  id: 'DG402',
  name: 'override-rejected',
  family: 'process',
  defaultLevel: 'error',
  overridable: false,
  modes: ['pr'],
  needs: ['override'],
  summary: 'The override label is on the PR but the override is not valid.',
  help:
    'A break-glass override needs all three: the label applied by a user or team listed in override.allowed, ' +
    'a "deploy-guard-reason: …" line in the PR body, and the label applied after the latest push. ' +
    'Have an allowed person remove and re-apply the label after the last push, with the reason in the PR body.',
  check({ override }, { settings }) {
    const assessment = assessOverride(override, settings);
    if (assessment.state !== 'rejected') return [];
    return [
      {
        message: `Override "${settings.override.label}" rejected: ${assessment.reasons.join('; ')}.`,
        evidence: override?.labelEvents.map((event) => ({ source: 'github', text: `labelled by @${event.actor} at ${event.at}` })) ?? [],
        fix: 'An allowed user re-applies the label after the last push, and the PR body has a "deploy-guard-reason:" line.',
      },
    ];
  },
});
