// DG102: no evidence at all that the AMI served the previous environment.
import { formatDuration } from '../../config/duration.js';
import type { Facts } from '../../facts/types.js';
import { defineRule, type RuleFinding } from '../types.js';
import { assessSoak, readingEvidence } from './assess.js';
import { originOf, sourcesText } from './text.js';

export function neverInPreviousFindings(amiSoak: Facts['amiSoak'], evidenceMode: 'any' | 'all', now: Date): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const soakCase of amiSoak.cases) {
    if (soakCase.reachedAt) continue; // already live there: DG106
    const verdict = assessSoak(soakCase, evidenceMode, now);
    if (verdict.state !== 'never') continue;
    const { ami, environment, previous } = soakCase;
    const sources = soakCase.readings.map((reading) => reading.source);
    const looked =
      evidenceMode === 'all'
        ? `${sourcesText(verdict.silent)} show no sign of it there (evidence-mode: all)`
        : sources.length === 1
          ? `${sourcesText(sources)} shows no sign of it there`
          : `none of ${sourcesText(sources)} shows it there`;
    findings.push({
      message: `${ami} reaches ${environment} (${soakCase.origin.detail}) but never served ${previous}: ${looked}.`,
      environment,
      ...originOf(soakCase.origin),
      evidence: readingEvidence(soakCase),
      fix: `Promote ${ami} to ${previous} first (its own change), let it serve there for ${formatDuration(soakCase.requiredMs)}, then bring it to ${environment}. If it did serve ${previous}, have the pipeline record it (tag deploy-guard:${previous}-since=<ISO time>) or list where ${previous}'s AMI is read under environments.${previous}.amis.`,
    });
  }
  return findings;
}

export const amiNeverInPreviousEnv = defineRule({
  id: 'DG102',
  name: 'ami-never-in-previous-env',
  family: 'soak',
  defaultLevel: 'error',
  overridable: true,
  modes: ['pr', 'preflight'],
  needs: ['amiSoak'],
  summary: 'No evidence at all that the AMI served the previous environment.',
  help:
    'None of the listed evidence sources (SSM parameter history, EC2 instances and launch-template versions, the AMI tag ' +
    'deploy-guard:<env>-since, git) shows the AMI in the previous environment: it would run for the first time in this one. ' +
    'A source that shows nothing is not counter-evidence; a source that could not be read is DG104, not this. Fix: promote the ' +
    'AMI to the previous environment first and let it soak there.',
  check({ amiSoak }, { settings, now }) {
    return neverInPreviousFindings(amiSoak, settings.evidenceMode, now);
  },
});
