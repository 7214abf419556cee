// The registry: every rule, one line each. Adding a rule touches its own file and one line here.
import { overrideRejected, overrideUsed } from './process/override.js';
import { PROMOTION_RULES } from './promotion/index.js';
import { BINARY_RULES } from './binaries/index.js';
import { SOAK_RULES } from './soak/index.js';
import type { Rule, RuleMeta } from './types.js';

export const RULES: readonly Rule[] = [overrideUsed, overrideRejected, ...PROMOTION_RULES, ...BINARY_RULES, ...SOAK_RULES];

/** Rules that the engine itself emits (not evaluated from facts). */
export const ENGINE_RULES: readonly RuleMeta[] = [
  {
    id: 'DG901',
    name: 'internal-error',
    family: 'process',
    defaultLevel: 'error',
    overridable: false,
    levelLocked: true,
    summary: 'deploy-guard itself failed; the run ends in error, never in a pass.',
    help:
      'Something failed inside deploy-guard or one of its adapters, so part of the check could not run. ' +
      'The run blocks (fail closed). Re-run the job; if it persists, report it with the message and the run log.',
  },
];

/**
 * One entry per rule id. DG105 is evaluated by two units (from Terraform in rules/promotion, from what AWS
 * launches in rules/soak) that share id, name, level and help; users see and configure it as one rule.
 */
export const ALL_RULE_META: readonly RuleMeta[] = [...RULES, ...ENGINE_RULES].filter(
  (rule, index, all) => all.findIndex((other) => other.id === rule.id) === index,
);

export function findRule(key: string): RuleMeta | undefined {
  const wanted = key.toLowerCase();
  return ALL_RULE_META.find((rule) => rule.id.toLowerCase() === wanted || rule.name === wanted);
}
