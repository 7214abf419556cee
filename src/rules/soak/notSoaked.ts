// DG101: the AMI reaches environment N but served N-1 for less than the soak.
import { formatDuration } from '../../config/duration.js';
import type { Facts } from '../../facts/types.js';
import { defineRule, type RuleFinding } from '../types.js';
import { assessSoak, isoTime, readingEvidence } from './assess.js';
import { originOf } from './text.js';

export function notSoakedFindings(amiSoak: Facts['amiSoak'], evidenceMode: 'any' | 'all', now: Date): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const soakCase of amiSoak.cases) {
    if (soakCase.reachedAt) continue; // already live there: DG106
    const verdict = assessSoak(soakCase, evidenceMode, now);
    if (verdict.state !== 'short') continue;
    const { best, allowedAt } = verdict;
    const required = formatDuration(soakCase.requiredMs);
    const { ami, environment, previous } = soakCase;
    const stopped = best.interval.to !== undefined;
    const when = stopped
      ? `from ${isoTime(best.interval.from)} to ${isoTime(best.until)}`
      : `from ${isoTime(best.interval.from)} until now (${isoTime(now)})`;
    const allowed = allowedAt
      ? `It will be allowed from ${allowedAt}.`
      : `It no longer serves ${previous}: it must serve ${previous} again for ${required} before ${environment}.`;
    findings.push({
      message: `${ami} reaches ${environment} (${soakCase.origin.detail}) but served ${previous} for only ${formatDuration(best.servedMs)} of the required ${required}: ${when}, shown by ${best.source} (${best.interval.what}). ${allowed}`,
      environment,
      ...originOf(soakCase.origin),
      evidence: readingEvidence(soakCase),
      fix: allowedAt
        ? `Wait until ${allowedAt} and re-run the check; for an emergency (a security patch) use the break-glass override with a deploy-guard-reason.`
        : `Put ${ami} back into ${previous}, let it serve there for ${required}, then bring it to ${environment}.`,
    });
  }
  return findings;
}

export const amiNotSoaked = defineRule({
  id: 'DG101',
  name: 'ami-not-soaked',
  family: 'soak',
  defaultLevel: 'error',
  overridable: true,
  modes: ['pr', 'preflight'],
  needs: ['amiSoak'],
  summary: 'The AMI reaches an environment but served the previous environment for less than the soak.',
  help:
    'An AMI may serve environment N only after it served N-1 for at least `soak`. deploy-guard reads when it served N-1 from ' +
    'every listed evidence source — SSM parameter history, EC2 instances and launch-template versions, the pipeline tag ' +
    'deploy-guard:<env>-since, and git (when the id landed in N-1\'s Terraform on the base branch) — and counts the longest ' +
    'stretch that began before it reached N. The message gives when it entered N-1, how long that is, and when it will be allowed. ' +
    'Fix: wait until then and re-run; for an emergency use the break-glass override label.',
  check({ amiSoak }, { settings, now }) {
    return notSoakedFindings(amiSoak, settings.evidenceMode, now);
  },
});
