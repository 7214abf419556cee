import { describe, expect, it } from 'vitest';
import { decideOutcome, exitCode } from '../../src/engine/outcome.js';
import type { Finding } from '../../src/model.js';

const finding = (id: string, level: Finding['level']): Finding => ({ id, level, message: `${id} message`, evidence: [] });
const none = { state: 'none' } as const;
const valid = { state: 'valid', record: { actor: 'alice', at: '2026-01-02T00:00:00Z', reason: 'CVE-2026-1', label: 'deploy-guard/override' } } as const;

describe('outcome', () => {
  it('passes when every rule was evaluated and found nothing', () => {
    expect(decideOutcome({ findings: [], notEvaluated: [], override: none, overridable: new Set() }).outcome).toMatchObject({ result: 'pass', blocked: false });
  });

  it('warns on warnings only', () => {
    expect(decideOutcome({ findings: [finding('DG204', 'warning')], notEvaluated: [], override: none, overridable: new Set() }).outcome).toMatchObject({ result: 'warn', warnings: 1, blocked: false });
  });

  it('fails on an error finding', () => {
    expect(decideOutcome({ findings: [finding('DG201', 'error')], notEvaluated: [], override: none, overridable: new Set() }).outcome).toMatchObject({ result: 'fail', errors: 1, blocked: true });
  });

  it('ends in error, never pass, when something could not be evaluated', () => {
    const { outcome } = decideOutcome({ findings: [], notEvaluated: [{ what: 'DG301', reason: 'shallow', fix: 'fetch-depth: 0' }], override: none, overridable: new Set() });
    expect(outcome).toMatchObject({ result: 'error', blocked: true });
  });

  it('ends in error on an internal error even beside error findings', () => {
    expect(decideOutcome({ findings: [finding('DG201', 'error'), finding('DG901', 'error')], notEvaluated: [], override: valid, overridable: new Set(['DG201']) }).outcome.result).toBe('error');
  });

  it('overrides only overridable error findings and records who and why', () => {
    const { outcome, findings } = decideOutcome({ findings: [finding('DG101', 'error')], notEvaluated: [], override: valid, overridable: new Set(['DG101']) });
    expect(outcome).toMatchObject({ result: 'overridden', blocked: false, errors: 0, override: { actor: 'alice', reason: 'CVE-2026-1', findings: ['DG101'] } });
    expect(findings[0]?.overridden).toBe(true);
  });

  it('still fails when a non-overridable error remains under an override', () => {
    const { outcome } = decideOutcome({ findings: [finding('DG101', 'error'), finding('DG402', 'error')], notEvaluated: [], override: valid, overridable: new Set(['DG101']) });
    expect(outcome).toMatchObject({ result: 'fail', errors: 1 });
  });

  it('ends in error, not fail, when soak evidence could not be read (DG104), and overrides nothing then', () => {
    const { outcome, findings } = decideOutcome({ findings: [finding('DG101', 'error'), finding('DG104', 'error')], notEvaluated: [], override: valid, overridable: new Set(['DG101']) });
    expect(outcome).toMatchObject({ result: 'error', blocked: true, errors: 2 });
    expect(outcome.headline).toContain('DG104 soak-evidence-unavailable');
    expect(findings.some((entry) => entry.overridden)).toBe(false);
  });

  it('says why a pass with nothing deploy-relevant passed', () => {
    const { outcome } = decideOutcome({ findings: [], notEvaluated: [], override: none, overridable: new Set(), nothingRelevant: 'No deploy-relevant changes: 1 changed file(s).' });
    expect(outcome).toMatchObject({ result: 'pass', headline: 'No deploy-relevant changes: 1 changed file(s).' });
  });

  it('maps fail-on to the exit code only', () => {
    const warn = decideOutcome({ findings: [finding('DG204', 'warning')], notEvaluated: [], override: none, overridable: new Set() }).outcome;
    const fail = decideOutcome({ findings: [finding('DG201', 'error')], notEvaluated: [], override: none, overridable: new Set() }).outcome;
    expect([exitCode(warn, 'error'), exitCode(warn, 'warning'), exitCode(fail, 'error'), exitCode(fail, 'never')]).toEqual([0, 1, 1, 0]);
  });
});
