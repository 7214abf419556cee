// DG103: the AMI does not exist where it is used, is not available, is deprecated, or belongs to an account not allowed.
import type { Facts } from '../../facts/types.js';
import { defineRule, type RuleFinding } from '../types.js';
import { isoTime } from './assess.js';
import { originOf } from './text.js';

type HealthCheck = Facts['amiSoak']['health'][number];

/** Pure: what is wrong with the AMI, one phrase per problem; empty when it is usable. */
export function problemsOf(check: HealthCheck, allowedOwners: readonly string[], now: Date): string[] {
  if (check.failed || check.lookups.length === 0) return []; // could not look (DG104) or no AWS (noted)
  const found = check.lookups.flatMap((lookup) => (lookup.image ? [lookup.image] : []));
  if (found.length === 0) return [`it does not exist in ${check.lookups.map((lookup) => lookup.region).join(', ')} (not found or deregistered)`];
  const problems: string[] = [];
  for (const image of found) {
    const where = found.length > 1 || check.lookups.length > 1 ? ` in ${image.region}` : '';
    if (image.state !== 'available') problems.push(`its state${where} is ${image.state}, not available`);
    if (image.deprecated || (image.deprecationTime && Date.parse(image.deprecationTime) <= now.getTime())) {
      problems.push(`it is deprecated${where} since ${image.deprecationTime ? isoTime(image.deprecationTime) : 'an unknown time'}`);
    }
    if (allowedOwners.length > 0 && !allowedOwners.includes(image.ownerId)) {
      problems.push(`it is owned by account ${image.ownerId}${where}, which is none of the configured accounts (${allowedOwners.join(', ')})`);
    }
  }
  return [...new Set(problems)];
}

export function notUsableFindings(amiSoak: Facts['amiSoak'], now: Date): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const seen = new Set<string>();
  for (const check of amiSoak.health) {
    const key = `${check.environment}\u0000${check.ami}`;
    if (seen.has(key)) continue;
    const problems = problemsOf(check, amiSoak.allowedOwners, now);
    if (problems.length === 0) continue;
    seen.add(key);
    findings.push({
      message: `${check.ami} (${check.origin.detail}) cannot serve ${check.environment}: ${problems.join('; ')}.`,
      environment: check.environment,
      ...originOf(check.origin),
      evidence: check.lookups.map((lookup) => ({
        source: 'ec2',
        text: lookup.image
          ? `DescribeImages in ${lookup.region}: ${lookup.image.id}${lookup.image.name ? ` "${lookup.image.name}"` : ''}, state ${lookup.image.state}, owner ${lookup.image.ownerId}${lookup.image.deprecationTime ? `, deprecation time ${lookup.image.deprecationTime}` : ''}`
          : `DescribeImages in ${lookup.region}: no such image`,
      })),
      fix: `Use an AMI that exists and is available in ${check.environment}'s regions, is not deprecated, and is owned by an allowed account (build or copy it there); then let it soak again.`,
    });
  }
  return findings;
}

export const amiNotUsable = defineRule({
  id: 'DG103',
  name: 'ami-not-usable',
  family: 'soak',
  defaultLevel: 'error',
  overridable: true,
  modes: ['pr', 'audit', 'preflight'],
  needs: ['amiSoak'],
  summary: 'The AMI is not found, not available, deprecated, or owned by an account that is not allowed.',
  help:
    'deploy-guard describes every AMI an environment serves or is about to serve (DescribeImages, deprecated and disabled ' +
    'images included) in the regions where it is used. An AMI that does not exist there, is not in state available, is past ' +
    'its deprecation time, or is owned by an account other than the configured aws.account-id values will fail the next ' +
    'launch or is not the image you built. Fix: use an available, current AMI from your own account and let it soak.',
  check({ amiSoak }, { now }) {
    return notUsableFindings(amiSoak, now);
  },
});
