// DG104: soak evidence could not be read. Never overridable; the run ends in error, never in a pass.
import type { EvidenceFailure, Facts } from '../../facts/types.js';
import { defineRule, type RuleFinding } from '../types.js';
import { assessSoak, readingEvidence } from './assess.js';
import { originOf } from './text.js';

export function evidenceUnavailableFindings(amiSoak: Facts['amiSoak'], evidenceMode: 'any' | 'all', now: Date): RuleFinding[] {
  const findings: RuleFinding[] = [];
  // One finding per failed read, naming the AMIs whose soak it left unknown.
  const failures = new Map<string, { failure: EvidenceFailure; amis: Set<string> }>();
  const add = (failure: EvidenceFailure, ami?: string) => {
    const entry = failures.get(failure.message) ?? { failure, amis: new Set<string>() };
    if (ami) entry.amis.add(ami);
    failures.set(failure.message, entry);
  };
  for (const failure of amiSoak.failures) add(failure);
  const gaps: RuleFinding[] = [];
  for (const soakCase of amiSoak.cases) {
    const verdict = assessSoak(soakCase, evidenceMode, now);
    if (verdict.state !== 'unknown') continue;
    for (const failure of verdict.failures) add(failure, `${soakCase.ami} (${soakCase.environment})`);
    if (verdict.gaps.length === 0) continue;
    gaps.push({
      message: `Whether ${soakCase.ami} (${soakCase.origin.detail}) soaked in ${soakCase.previous} before ${soakCase.environment} could not be evaluated: ${verdict.gaps.map((gap) => gap.text).join('; ')}.`,
      environment: soakCase.environment,
      ...originOf(soakCase.origin),
      evidence: readingEvidence(soakCase),
      fix: [...new Set(verdict.gaps.map((gap) => gap.fix))].join(' '),
    });
  }
  for (const { failure, amis } of failures.values()) {
    const affected = amis.size > 0 ? ` (left unknown: the soak of ${[...amis].slice(0, 10).join(', ')}${amis.size > 10 ? ` and ${amis.size - 10} more` : ''})` : '';
    findings.push({
      message: `${failure.message.replace(/\.?$/, '')}${affected}.`,
      environment: failure.environment,
      evidence: [{ source: failure.api === 'git' ? 'git' : 'aws', text: `${failure.api}${failure.region ? ` in ${failure.region}` : ''}${failure.account ? `, account ${failure.account}` : ''}: ${failure.reason}` }],
      fix: failure.fix,
    });
  }
  return [...findings, ...gaps];
}

export const soakEvidenceUnavailable = defineRule({
  id: 'DG104',
  levelLocked: true,
  name: 'soak-evidence-unavailable',
  family: 'soak',
  defaultLevel: 'error',
  overridable: false,
  modes: ['pr', 'audit', 'preflight'],
  needs: ['amiSoak'],
  summary: 'Soak evidence could not be read, so whether the AMI soaked is unknown: the run ends in error.',
  help:
    'No credentials (a fork pull request has none), access denied, throttling past the retry budget, a region that does not ' +
    'answer, credentials for another account than aws.account-id, an SSM history cut off at 100 versions before the AMI, or ' +
    'no listed evidence source configured: deploy-guard could not look, and a guard that passes because it could not look is ' +
    'the worst guard. The message names the API, account and region. Fix what it says (credentials with ' +
    'aws-actions/configure-aws-credentials, the IAM policy from the README, max-attempts, another evidence source) and re-run. ' +
    'Never overridable.',
  check({ amiSoak }, { settings, now }) {
    return evidenceUnavailableFindings(amiSoak, settings.evidenceMode, now);
  },
});
