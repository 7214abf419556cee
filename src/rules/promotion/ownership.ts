// One finding per value, never two (and never none): who reports an AMI that travels between environments.
import type { Settings } from '../../config/settings.js';

/**
 * True since the soak family (DG101/DG102) is registered: it weighs every evidence source for AMIs, the
 * git history of the promotion facts included, so DG302/DG303 cover module refs and SSM image values only.
 * False would give AMIs (ids and lookups) back to DG302/DG303 with git evidence alone.
 */
export const AMI_VALUES_OWNED_BY_SOAK_RULES = true;

export type ValueKind = 'ami' | 'ami-lookup' | 'module' | 'ssm-value';

/** The soak rule that reports AMIs in place of each promotion rule. */
export const SOAK_COUNTERPART = { DG302: 'DG101', DG303: 'DG102' } as const;

/**
 * Whether `rule` reports values of this kind. AMIs go to the soak counterpart while it runs; a user who
 * turns the counterpart off gets them back here, so an AMI is never left unchecked.
 */
export function promotionRulesReport(
  kind: ValueKind,
  rule: keyof typeof SOAK_COUNTERPART,
  settings: Pick<Settings, 'ruleLevels'>,
  amisOwnedBySoakRules = AMI_VALUES_OWNED_BY_SOAK_RULES,
): boolean {
  if (kind !== 'ami' && kind !== 'ami-lookup') return true;
  return !amisOwnedBySoakRules || settings.ruleLevels.get(SOAK_COUNTERPART[rule]) === 'off';
}
