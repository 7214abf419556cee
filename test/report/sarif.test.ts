import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_FILE, FINGERPRINT_KEY, repoRelativeUri, toSarif } from '../../src/report/sarif.js';
import { RULES, buildReport, finding, hostileFinding, notEvaluated } from './fixtures.js';

describe('toSarif', () => {
  const report = buildReport({
    findings: [
      finding(),
      finding({ id: 'DG204', level: 'warning', file: './scripts/run.sh', line: 4, column: undefined }),
      finding({ id: 'DG301', file: undefined, line: undefined, column: undefined, message: 'staging and prod in one change' }),
      finding({ id: 'DG999', level: 'notice', file: 'x.tf', line: 1, message: 'a rule the report did not describe' }),
    ],
  });
  const sarif = toSarif(report);
  const run = sarif.runs[0];

  it('has the SARIF 2.1.0 envelope with one run of deploy-guard', () => {
    expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    expect(run.tool.driver.name).toBe('deploy-guard');
    expect(run.tool.driver.version).toBe('0.1.0');
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
  });

  it('describes every rule of the report once, with help and default level', () => {
    const ids = run.tool.driver.rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) expect(ids).toContain(rule.id);
    const dg204 = run.tool.driver.rules.find((rule) => rule.id === 'DG204');
    expect(dg204).toMatchObject({
      name: 'hardcoded-tool-path',
      shortDescription: { text: expect.any(String) },
      fullDescription: { text: expect.any(String) },
      help: { text: expect.any(String), markdown: expect.stringContaining('**DG204 hardcoded-tool-path**') },
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['deploy-guard', 'binaries'] },
    });
    expect(run.tool.driver.rules.find((rule) => rule.id === 'DG401')?.defaultConfiguration?.level).toBe('note');
  });

  it('points every result’s ruleIndex at the rule with the same id', () => {
    expect(run.results).toHaveLength(4);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
    }
  });

  it('locates results by repository-relative uri under %SRCROOT%, never with a leading ./', () => {
    for (const result of run.results) {
      expect(result.locations).toHaveLength(1);
      const location = result.locations[0]?.physicalLocation;
      expect(location?.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(location?.artifactLocation.uri).not.toMatch(/^(\.\/|\/)/);
      expect(location?.region?.startLine).toBeGreaterThanOrEqual(1);
    }
    expect(run.results[0]?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'deploy/hooks/after_install.sh', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, startColumn: 3 },
    });
    expect(run.results[1]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('scripts/run.sh');
  });

  it('places findings without a file at line 1 of the configuration file (code scanning rejects unlocated results)', () => {
    const result = run.results[2];
    expect(result?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: DEFAULT_CONFIG_FILE, uriBaseId: '%SRCROOT%' },
      region: { startLine: 1 },
    });
    const custom = toSarif(report, { configFile: 'ci/guard.yml' }).runs[0].results[2];
    expect(custom?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('ci/guard.yml');
  });

  it('maps levels (notice → note) and adds the fix and environment to the message', () => {
    expect(run.results.map((result) => result.level)).toEqual(['error', 'warning', 'error', 'note']);
    expect(run.results[0]?.message.text).toBe(
      '/usr/bin/aws does not exist on ami-0abc; it is at /usr/local/bin/aws [staging] Fix: Call `aws` through PATH (command -v aws) instead of /usr/bin/aws.',
    );
  });

  it('fingerprints on id, file and message, not on the line', () => {
    const moved = toSarif(buildReport({ findings: [finding({ line: 40, column: 1 })] })).runs[0].results[0];
    const fingerprint = run.results[0]?.partialFingerprints[FINGERPRINT_KEY];
    expect(fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(moved?.partialFingerprints[FINGERPRINT_KEY]).toBe(fingerprint);
    const reworded = toSarif(buildReport({ findings: [finding({ message: 'other' })] })).runs[0].results[0];
    expect(reworded?.partialFingerprints[FINGERPRINT_KEY]).not.toBe(fingerprint);
  });

  it('marks overridden findings as externally suppressed with the justification', () => {
    const overridden = buildReport({
      findings: [finding({ id: 'DG101', overridden: true })],
      outcome: {
        result: 'overridden',
        blocked: false,
        errors: 0,
        warnings: 0,
        notices: 0,
        headline: 'overridden',
        override: { actor: 'alice', at: '2025-03-04T05:00:00Z', reason: 'CVE patch', label: 'deploy-guard/override', findings: ['DG101'] },
      },
    });
    const result = toSarif(overridden).runs[0].results[0];
    expect(result?.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'Overridden by alice at 2025-03-04T05:00:00Z (label deploy-guard/override): CVE patch' },
    ]);
    expect(run.results[0]?.suppressions).toBeUndefined();
  });

  it('reports what was not evaluated as an unsuccessful invocation', () => {
    expect(run.invocations).toEqual([
      { executionSuccessful: true, toolExecutionNotifications: [], startTimeUtc: '2025-03-04T05:06:07.000Z', endTimeUtc: '2025-03-04T05:06:10.210Z' },
    ]);
    const failed = toSarif(buildReport({ notEvaluated: [notEvaluated()] })).runs[0].invocations[0];
    expect(failed?.executionSuccessful).toBe(false);
    expect(failed?.toolExecutionNotifications).toEqual([
      {
        level: 'error',
        message: {
          text: 'Not evaluated: SSM parameter history of /images/prod/api. AccessDenied for ssm:GetParameterHistory Fix: Grant ssm:GetParameterHistory to the deploy-guard role.',
        },
      },
    ]);
  });

  it('keeps hostile text on one line without bidi controls, and encodes the uri', () => {
    const result = toSarif(buildReport({ findings: [hostileFinding()] })).runs[0].results[0];
    expect(result?.message.text).not.toMatch(/[\n\r\u202A-\u202E]/);
    expect(result?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(
      'deploy/%3A%3Aerror%3A%3Ax%60%3Cimg%20src=x%20onerror=alert(1)%3E@org/team%E2%80%AEh.sh',
    );
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('encodes repository paths as relative URI references', () => {
    expect(repoRelativeUri('./a b/c#d.sh')).toBe('a%20b/c%23d.sh');
    expect(repoRelativeUri('/etc//x:y')).toBe('etc/x%3Ay');
  });
});
