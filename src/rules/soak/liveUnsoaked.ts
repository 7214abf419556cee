// DG106 (audit): the AMI live in environment N went live there before it had soaked in N-1.
import { formatDuration } from '../../config/duration.js';
import type { Facts } from '../../facts/types.js';
import { defineRule, type RuleFinding } from '../types.js';
import { assessSoak, isoTime, readingEvidence } from './assess.js';
import { originOf } from './text.js';

export function liveUnsoakedFindings(amiSoak: Facts['amiSoak'], evidenceMode: 'any' | 'all', now: Date): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const soakCase of amiSoak.cases) {
    const verdict = assessSoak(soakCase, evidenceMode, now);
    if (verdict.state !== 'short' && verdict.state !== 'never') continue;
    const { ami, environment, previous, reachedAt } = soakCase;
    const required = formatDuration(soakCase.requiredMs);
    const live = reachedAt ? `went live in ${environment} at ${isoTime(reachedAt.at)} (${reachedAt.what})` : `is live in ${environment} (${soakCase.origin.detail})`;
    const served =
      verdict.state === 'short'
        ? `after serving ${previous} for only ${formatDuration(verdict.best.servedMs)} of the required ${required} (from ${isoTime(verdict.best.interval.from)}, shown by ${verdict.best.source}: ${verdict.best.interval.what})`
        : `without any evidence that it served ${previous} before`;
    findings.push({
      message: `${ami} ${live} ${served}.`,
      environment,
      ...originOf(soakCase.origin),
      evidence: [...(reachedAt ? [{ source: 'live', text: `${environment}: ${reachedAt.what}` }] : []), ...readingEvidence(soakCase)],
      fix: `Roll ${environment} back to an AMI that soaked in ${previous}, or confirm ${ami} is sound and record why it skipped the ${required} soak; make ${environment}'s AMI change only through a pull request checked by deploy-guard.`,
    });
  }
  return findings;
}

export const liveAmiUnsoaked = defineRule({
  id: 'DG106',
  name: 'live-ami-unsoaked',
  family: 'soak',
  defaultLevel: 'error',
  overridable: true,
  modes: ['audit'],
  needs: ['amiSoak'],
  summary: 'The AMI live in an environment went live there before it had soaked in the previous environment.',
  help:
    'The scheduled audit reads the AMIs each environment serves now (SSM parameters, launch templates $Default/$Latest ' +
    'including resolve:ssm:, running instances by tag, literal ids in Terraform) and when each went live, and checks that it ' +
    'had served the previous environment for the soak before then. It catches AMI changes that never went through a pull ' +
    'request (console edits, pipelines writing parameters, applies outside version control). Fix: roll back to a soaked AMI ' +
    'or record the exception, and route AMI changes through reviewed pull requests.',
  check({ amiSoak }, { settings, now }) {
    return liveUnsoakedFindings(amiSoak, settings.evidenceMode, now);
  },
});
