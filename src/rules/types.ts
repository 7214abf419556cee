// What a rule is: a pure unit with a stable id, facts in, findings out. Rules never call AWS, GitHub or git.
import type { Facts, FactKey } from '../facts/types.js';
import type { Settings } from '../config/settings.js';
import type { Evidence, Level, Mode } from '../model.js';

export type RuleFamily = 'soak' | 'binaries' | 'promotion' | 'process';

export interface RuleMeta {
  id: string;
  name: string;
  family: RuleFamily;
  defaultLevel: Level;
  /** Error findings of an overridable rule may be downgraded by a valid break-glass override. */
  overridable: boolean;
  /** "Could not evaluate" rules: their level cannot be configured down (a guard must not pass because it could not look). */
  levelLocked?: boolean;
  /** One line: what it catches. */
  summary: string;
  /** One paragraph: why it matters and how to fix it (shown in SARIF help and the README). */
  help: string;
}

/** What a rule returns; the engine adds the id and applies the configured level. */
export interface RuleFinding {
  message: string;
  /** Overrides the rule's default level for this finding (e.g. DG304: error only when the change reaches prod). */
  level?: Level;
  environment?: string;
  file?: string;
  line?: number;
  column?: number;
  evidence?: Evidence[];
  fix?: string;
}

export interface RuleContext {
  settings: Settings;
  mode: Mode;
  now: Date;
}

export interface Rule<K extends FactKey = FactKey> extends RuleMeta {
  /** Modes the rule runs in. */
  modes: readonly Mode[];
  /** Facts the rule reads; only these are gathered. */
  needs: readonly K[];
  check(facts: Pick<Facts, K>, context: RuleContext): RuleFinding[];
}

/** Helper that keeps the fact keys of a rule literal-typed. */
export function defineRule<const K extends FactKey>(rule: Rule<K>): Rule<K> {
  return rule;
}
