import { describe, expect, it } from 'vitest';
import { ALL_RULE_META, findRule, RULES } from '../../src/rules/index.js';
import { parseConfig } from '../../src/config/load.js';
import { buildSettings, DEFAULT_INPUTS } from '../../src/config/settings.js';

describe('rule registry', () => {
  it('has every rule of the design, once, with help and a stable id', () => {
    const ids = ALL_RULE_META.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['DG101', 'DG102', 'DG103', 'DG104', 'DG105', 'DG106', 'DG201', 'DG202', 'DG203', 'DG204', 'DG205', 'DG206', 'DG301', 'DG302', 'DG303', 'DG304', 'DG305', 'DG306', 'DG401', 'DG402', 'DG901']) {
      expect(ids).toContain(id);
    }
    for (const rule of ALL_RULE_META) {
      expect(rule.id).toMatch(/^DG\d{3}$/);
      expect(rule.name).toMatch(/^[a-z0-9-]+$/);
      expect(rule.help.length).toBeGreaterThan(60);
    }
  });

  it('keeps units that share an id identical to users (DG105 from Terraform and from AWS)', () => {
    for (const meta of ALL_RULE_META) {
      for (const unit of RULES.filter((rule) => rule.id === meta.id)) {
        expect({ name: unit.name, level: unit.defaultLevel, overridable: unit.overridable }).toEqual({ name: meta.name, level: meta.defaultLevel, overridable: meta.overridable });
      }
    }
  });

  it('never lets evidence that could not be read be configured below error', () => {
    for (const key of ['DG104', 'soak-evidence-unavailable', 'DG901']) {
      const config = parseConfig(`rules:\n  ${key}: warning\n`, 'c.yml');
      expect(() => buildSettings(config, 'c.yml', DEFAULT_INPUTS, findRule)).toThrow(/is not allowed/);
    }
  });

  it('never makes could-not-evaluate rules overridable', () => {
    for (const id of ['DG104', 'DG402', 'DG901']) expect(findRule(id)?.overridable).toBe(false);
  });
});
