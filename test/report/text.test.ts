import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/report/text.js';
import { buildReport, finding, hostileFinding, notEvaluated, outputLines } from './fixtures.js';

describe('renderText', () => {
  const report = buildReport({
    findings: [
      finding({ id: 'DG204', level: 'warning', file: 'deploy/b.sh', line: 7, column: 1, fix: 'use command -v aws' }),
      finding({ file: 'deploy/b.sh', line: 2, column: 5 }),
      finding({ file: 'deploy/a.sh', line: 3, column: undefined, fix: undefined }),
      finding({ id: 'DG301', file: undefined, line: undefined, column: undefined, message: 'staging and prod in one change', fix: undefined }),
    ],
    notEvaluated: [notEvaluated()],
    notes: ['Image checks are off.'],
  });

  it('starts with the verdict line', () => {
    const out = renderText(report, { color: false });
    expect(out.split('\n')[0]).toBe('ERROR — could not evaluate: 3 errors, 1 warnings');
    expect(renderText(buildReport(), { color: false }).split('\n')[0]).toBe('PASS: 0 errors, 0 warnings');
  });

  it('groups findings by file in line order, each with its fix', () => {
    const lines = renderText(report, { color: false }).split('\n');
    const findingLines = lines.filter((line) => / {2}(ERROR|WARNING) {2}/.test(line));
    expect(findingLines).toEqual([
      'deploy/a.sh:3  ERROR    DG201 binary-missing-on-image  /usr/bin/aws does not exist on ami-0abc; it is at /usr/local/bin/aws [staging]',
      'deploy/b.sh:2:5  ERROR    DG201 binary-missing-on-image  /usr/bin/aws does not exist on ami-0abc; it is at /usr/local/bin/aws [staging]',
      'deploy/b.sh:7:1  WARNING  DG204 hardcoded-tool-path  /usr/bin/aws does not exist on ami-0abc; it is at /usr/local/bin/aws [staging]',
      '(no file)  ERROR    DG301 staging-and-prod-in-one-change  staging and prod in one change [staging]',
    ]);
    const b7 = lines.findIndex((line) => line.startsWith('deploy/b.sh:7:1'));
    expect(lines[b7 + 1]).toBe('  fix: use command -v aws');
    // A blank line separates files.
    const a3 = lines.findIndex((line) => line.startsWith('deploy/a.sh:3'));
    expect(lines[a3 + 1]).toBe('');
  });

  it('lists what was not evaluated and the notes', () => {
    const out = renderText(report, { color: false });
    expect(out).toContain('Not evaluated (blocks like a failure):\n  - SSM parameter history of /images/prod/api: AccessDenied for ssm:GetParameterHistory\n    fix: Grant');
    expect(out).toContain('Notes:\n  - Image checks are off.');
  });

  it('uses ANSI colours only when asked', () => {
    expect(renderText(report, { color: false })).not.toContain('\u001B');
    const coloured = renderText(report, { color: true });
    expect(coloured.startsWith('\u001B[1;31mERROR')).toBe(true);
    expect(coloured).toContain('\u001B[31mERROR  \u001B[0m');
  });

  it('cannot emit terminal escapes or workflow commands from repository text', () => {
    const hostile = buildReport({
      findings: [hostileFinding({ message: 'a\u001B[2Jb\u009B31m\u0007c\n::error::x' })],
      notes: ['\u001B]0;title\u0007'],
    });
    for (const color of [false, true]) {
      const out = renderText(hostile, { color });
      for (const line of outputLines(out)) expect(line).not.toMatch(/^\s*(::|##\[)/);
      // eslint-disable-next-line no-control-regex -- strips the colour codes renderText adds itself
      const withoutOurColours = out.replace(/\u001B\[[0-9;]*m/g, '');
      // eslint-disable-next-line no-control-regex -- no control character from the repository may survive
      expect(withoutOurColours).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E]/);
      expect(withoutOurColours).toContain('a\\u001B[2Jb\\u009B31m\\u0007c ::error::x');
    }
  });
});
