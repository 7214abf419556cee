import { describe, expect, it } from 'vitest';
import { REPORT_JSON_SCHEMA, renderJsonReport, toJsonReport } from '../../src/report/json.js';
import { buildReport, finding, hostileFinding, notEvaluated, outputLines } from './fixtures.js';
import { validate } from './schemaValidator.js';

const full = buildReport({
  mode: 'preflight',
  findings: [
    finding(),
    finding({ id: 'DG301', file: undefined, line: undefined, column: undefined, environment: undefined, fix: undefined, evidence: [] }),
    finding({ id: 'DG101', overridden: true }),
    finding({ id: 'DG777', level: 'notice' }),
  ],
  notEvaluated: [notEvaluated()],
  notes: ['Image checks are off.'],
  evidence: [{ source: 'git', text: 'ami-1 landed on main at 2025-01-01' }],
  preflight: { environment: 'prod', go: false },
  outcome: {
    result: 'error',
    blocked: true,
    errors: 2,
    warnings: 0,
    notices: 1,
    headline: 'could not read soak evidence',
    override: { actor: 'alice', at: '2025-03-04T05:00:00Z', reason: 'CVE patch', label: 'deploy-guard/override', findings: ['DG101'] },
  },
});

describe('toJsonReport', () => {
  it('matches the exported schema, with every field present', () => {
    expect(validate(REPORT_JSON_SCHEMA, toJsonReport(full))).toEqual([]);
    const minimal = buildReport({ repository: undefined, base: undefined, head: undefined });
    const json = toJsonReport(minimal);
    expect(validate(REPORT_JSON_SCHEMA, json)).toEqual([]);
    expect(json).toMatchObject({ repository: null, base: null, head: null, override: null, preflight: null, findings: [] });
  });

  it('the validator catches a wrong shape', () => {
    const broken = { ...toJsonReport(full), result: 'maybe', extra: 1, findings: [{ id: 'DG201' }] };
    const problems = validate(REPORT_JSON_SCHEMA, broken);
    expect(problems).toContain('$: unexpected extra');
    expect(problems.some((problem) => problem.startsWith('$.result'))).toBe(true);
    expect(problems).toContain('$.findings[0]: missing name');
  });

  it('looks up rule names and flattens the outcome', () => {
    const json = toJsonReport(full);
    expect(json).toMatchObject({ schemaVersion: 1, tool: { name: 'deploy-guard', version: '0.1.0' }, mode: 'preflight', result: 'error', blocked: true, errors: 2, warnings: 0, headline: 'could not read soak evidence' });
    expect(json.findings.map((item) => item.name)).toEqual(['binary-missing-on-image', 'staging-and-prod-in-one-change', 'ami-not-soaked', 'DG777']);
    expect(json.findings[1]).toEqual({
      id: 'DG301',
      name: 'staging-and-prod-in-one-change',
      level: 'error',
      message: '/usr/bin/aws does not exist on ami-0abc; it is at /usr/local/bin/aws',
      file: null,
      line: null,
      column: null,
      environment: null,
      evidence: [],
      fix: null,
      overridden: false,
    });
    expect(json.findings[2]?.overridden).toBe(true);
    expect(json.preflight).toEqual({ environment: 'prod', amiId: null, go: false });
    expect(json.override?.findings).toEqual(['DG101']);
  });

  it('keeps repository text as data, and its rendering cannot start a workflow command', () => {
    const report = buildReport({ findings: [hostileFinding()] });
    expect(toJsonReport(report).findings[0]?.message).toBe(report.findings[0]?.message);
    const text = renderJsonReport(report);
    for (const line of outputLines(text)) expect(line).not.toMatch(/^\s*::/);
    expect(JSON.parse(text)).toEqual(toJsonReport(report));
  });
});
