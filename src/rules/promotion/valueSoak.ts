// DG302 / DG303: a value may enter environment N only after it served N-1 on the base branch for the soak.
import { formatDuration } from '../../config/duration.js';
import type { Settings } from '../../config/settings.js';
import type { Facts } from '../../facts/types.js';
import type { Evidence } from '../../model.js';
import { defineRule, type RuleFinding } from '../types.js';
import { AMI_VALUES_OWNED_BY_SOAK_RULES, promotionRulesReport } from './ownership.js';
import { chainText, isoTime, shortSha } from './text.js';

type PromotableValues = NonNullable<Facts['promotableValues']>;
type IncomingValue = PromotableValues['incoming'][number];
type Interval = IncomingValue['intervals'][number];

export type SoakVerdict =
  | { state: 'soaked'; interval: Interval; servedMs: number }
  | { state: 'not-soaked'; interval: Interval; servedMs: number; requiredMs: number; allowedAt?: string }
  | { state: 'never' };

/** Pure: whether the value served the previous environment long enough. The longest stretch counts; removed values count for the time they were there. */
export function soakVerdict(value: Pick<IncomingValue, 'intervals'>, requiredMs: number, now: Date): SoakVerdict {
  let best: { interval: Interval; servedMs: number } | undefined;
  for (const interval of value.intervals) {
    const servedMs = (interval.to ? Date.parse(interval.to) : now.getTime()) - Date.parse(interval.from);
    if (!best || servedMs > best.servedMs) best = { interval, servedMs };
  }
  if (!best) return { state: 'never' };
  if (best.servedMs >= requiredMs) return { state: 'soaked', ...best };
  // Still there: allowed once the current stretch reaches the soak. Removed: only a new stretch can make it.
  const current = value.intervals.at(-1);
  const allowedAt = current && current.to === undefined ? isoTime(Date.parse(current.from) + requiredMs) : undefined;
  return { state: 'not-soaked', ...best, requiredMs, ...(allowedAt ? { allowedAt } : {}) };
}

export function requiredSoakMs(settings: Settings, environment: string): number {
  return settings.environments.get(environment)?.soakMs ?? 0;
}

function where(value: IncomingValue): string {
  const at = `${value.file}:${value.line}`;
  return value.via.length > 0 ? `${at}, through ${chainText(value.via)}` : at;
}

function landing(values: PromotableValues, value: IncomingValue, interval: Interval): string {
  const how = `${interval.fromMerge ? 'merge' : 'commit'} ${shortSha(interval.fromCommit)}`;
  const removed = interval.to ? `; gone from ${value.previous} at ${isoTime(interval.to)} (commit ${shortSha(interval.toCommit ?? '')})` : '';
  return `${value.label} landed in ${value.previous} (${interval.fromFile}) on ${values.baseName} at ${isoTime(interval.from)} (${how})${removed}`;
}

function evidenceOf(values: PromotableValues, value: IncomingValue): Evidence[] {
  if (value.intervals.length === 0) {
    return [{ source: 'git', text: `${value.label}: in no Terraform of ${value.previous} on the first-parent history of ${values.baseName} (${shortSha(values.base)})` }];
  }
  return value.intervals.map((interval) => ({ source: 'git', text: landing(values, value, interval) }));
}

/** The incoming values a rule speaks for (AMIs go to its soak counterpart while that runs). */
export function reportedValues(
  values: PromotableValues | undefined,
  rule: 'DG302' | 'DG303',
  settings: Settings,
  amisOwnedBySoakRules = AMI_VALUES_OWNED_BY_SOAK_RULES,
): IncomingValue[] {
  return (values?.incoming ?? []).filter((value) => promotionRulesReport(value.kind, rule, settings, amisOwnedBySoakRules));
}

export function notSoakedFindings(values: PromotableValues | undefined, settings: Settings, now: Date, amisOwnedBySoakRules = AMI_VALUES_OWNED_BY_SOAK_RULES): RuleFinding[] {
  if (!values) return [];
  const findings: RuleFinding[] = [];
  for (const value of reportedValues(values, 'DG302', settings, amisOwnedBySoakRules)) {
    const required = requiredSoakMs(settings, value.environment);
    const verdict = soakVerdict(value, required, now);
    if (verdict.state !== 'not-soaked') continue;
    const { interval } = verdict;
    const need = `${value.environment} requires ${formatDuration(required)} in ${value.previous}`;
    const tail = verdict.allowedAt
      ? `${formatDuration(now.getTime() - Date.parse(interval.from))} ago; ${need}: allowed from ${verdict.allowedAt}.`
      : `and served it for ${formatDuration(verdict.servedMs)} until ${isoTime(interval.to ?? now)}; ${need}, and ${value.previous} no longer has it.`;
    findings.push({
      message: `${value.environment} receives ${value.label} (${where(value)}), which landed in ${value.previous} on ${values.baseName} at ${isoTime(interval.from)}, ${tail}`,
      environment: value.environment,
      file: value.file,
      line: value.line,
      column: value.column,
      evidence: evidenceOf(values, value),
      fix: verdict.allowedAt
        ? `Wait until ${verdict.allowedAt} and re-run the check, or use the break-glass override for an emergency.`
        : `Put ${value.value} back into ${value.previous}, let it serve there for ${formatDuration(required)}, then bring it to ${value.environment}.`,
    });
  }
  return findings;
}

export function neverInPreviousFindings(values: PromotableValues | undefined, settings: Settings, now: Date, amisOwnedBySoakRules = AMI_VALUES_OWNED_BY_SOAK_RULES): RuleFinding[] {
  if (!values) return [];
  const findings: RuleFinding[] = [];
  for (const value of reportedValues(values, 'DG303', settings, amisOwnedBySoakRules)) {
    const required = requiredSoakMs(settings, value.environment);
    if (soakVerdict(value, required, now).state !== 'never') continue;
    const together = value.alsoEntersPrevious ? `; this change brings it into ${value.previous} at the same time` : '';
    findings.push({
      message: `${value.environment} receives ${value.label} (${where(value)}), which ${value.previous} never had on ${values.baseName}${together}.`,
      environment: value.environment,
      file: value.file,
      line: value.line,
      column: value.column,
      evidence: evidenceOf(values, value),
      fix: `Promote ${value.value} to ${value.previous} first in its own pull request, let it serve there for ${formatDuration(required)}, then bring it to ${value.environment}.`,
    });
  }
  return findings;
}

export const valueNotSoaked = defineRule({
  id: 'DG302',
  name: 'value-not-soaked',
  family: 'promotion',
  defaultLevel: 'error',
  overridable: true,
  modes: ['pr'],
  needs: ['promotableValues'],
  summary: 'An environment receives a promotable value that landed in the previous environment less than the soak ago.',
  help:
    'Promotable values (module refs and registry versions, image ids/tags in SSM parameter values; AMIs when DG101 is off) must ' +
    'serve the previous environment for the soak before the next one gets them. deploy-guard finds when the value landed in ' +
    "the previous environment's Terraform on the base branch's first-parent history, counting from the time the commit " +
    'entered the branch (the merge time, not when the branch commit was written). Fix: wait until the time the message ' +
    'gives and re-run the check; for an emergency use the break-glass override label.',
  check({ promotableValues }, { settings, now }) {
    return notSoakedFindings(promotableValues, settings, now);
  },
});

export const valueNeverInPreviousEnv = defineRule({
  id: 'DG303',
  name: 'value-never-in-previous-env',
  family: 'promotion',
  defaultLevel: 'error',
  overridable: true,
  modes: ['pr'],
  needs: ['promotableValues'],
  summary: 'An environment receives a promotable value that the previous environment never had.',
  help:
    "The value (a module ref or registry version, an image id/tag in an SSM parameter value; an AMI when DG102 is off) is in no " +
    "Terraform of the previous environment anywhere on the base branch's first-parent history: it would " +
    'reach this environment without ever having run before. Fix: promote it to the previous environment first in its own ' +
    'pull request, let it soak, then bring it here.',
  check({ promotableValues }, { settings, now }) {
    return neverInPreviousFindings(promotableValues, settings, now);
  },
});
