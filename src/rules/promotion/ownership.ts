// One finding per value, never two: who reports an AMI that travels between environments.

/**
 * While false, DG302/DG303 report AMI ids and AMI lookups with git evidence (the soak family does not
 * exist yet). The soak family (DG101/DG102, which weigh every evidence source, git included) sets this
 * to true when it lands; from then on DG302/DG303 cover module refs and SSM image values only.
 */
export const AMI_VALUES_OWNED_BY_SOAK_RULES = false;

export type ValueKind = 'ami' | 'ami-lookup' | 'module' | 'ssm-value';

/** Whether DG302/DG303 report values of this kind. */
export function promotionRulesReport(kind: ValueKind, amisOwnedBySoakRules = AMI_VALUES_OWNED_BY_SOAK_RULES): boolean {
  return !(amisOwnedBySoakRules && (kind === 'ami' || kind === 'ami-lookup'));
}
