import { describe, expect, it } from 'vitest';
import { GITHUB_ANNOTATION_LIMITS, buildAnnotations, formatAnnotationCommand } from '../../src/report/annotations.js';
import { RULES, finding, hostileFinding, outputLines } from './fixtures.js';

describe('buildAnnotations', () => {
  it('caps each level at GitHub’s per-step limit and counts the rest as omitted', () => {
    const findings = Array.from({ length: 25 }, (_, index) => finding({ line: index + 1 }));
    const { annotations, omitted } = buildAnnotations(findings);
    expect(annotations).toHaveLength(10);
    expect(omitted).toBe(15);
    expect(annotations.map((annotation) => annotation.startLine)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('applies the limits per level', () => {
    const findings = [
      ...Array.from({ length: 12 }, (_, index) => finding({ line: index + 1 })),
      ...Array.from({ length: 3 }, (_, index) => finding({ id: 'DG204', level: 'warning', line: index + 1 })),
    ];
    const { annotations, omitted } = buildAnnotations(findings, { error: 5, warning: 2, notice: 0 });
    expect(annotations.filter((annotation) => annotation.level === 'error')).toHaveLength(5);
    expect(annotations.filter((annotation) => annotation.level === 'warning')).toHaveLength(2);
    expect(omitted).toBe(8);
  });

  it('drops duplicates on id, file, line, column and message', () => {
    const findings = [finding(), finding(), finding({ evidence: [] }), finding({ column: 4 }), finding({ message: 'other' })];
    const { annotations, omitted } = buildAnnotations(findings);
    expect(annotations).toHaveLength(3);
    expect(omitted).toBe(0);
  });

  it('annotates only findings with a file', () => {
    const { annotations, omitted } = buildAnnotations([finding({ file: undefined, line: undefined }), finding()]);
    expect(annotations).toHaveLength(1);
    expect(omitted).toBe(0);
  });

  it('sorts errors first, then by file and line', () => {
    const { annotations } = buildAnnotations([
      finding({ id: 'DG204', level: 'warning', file: 'a.sh', line: 1 }),
      finding({ file: 'b.sh', line: 9 }),
      finding({ file: 'b.sh', line: 2 }),
      finding({ file: 'a.sh', line: 5 }),
    ]);
    expect(annotations.map((annotation) => `${annotation.level} ${annotation.file}:${annotation.startLine}`)).toEqual([
      'error a.sh:5',
      'error b.sh:2',
      'error b.sh:9',
      'warning a.sh:1',
    ]);
  });

  it('titles annotations with the rule id and name, and carries the fix', () => {
    const { annotations } = buildAnnotations([finding()], GITHUB_ANNOTATION_LIMITS, RULES);
    expect(annotations[0]).toEqual({
      level: 'error',
      title: 'DG201 binary-missing-on-image',
      file: 'deploy/hooks/after_install.sh',
      startLine: 12,
      startColumn: 3,
      message:
        '/usr/bin/aws does not exist on ami-0abc; it is at /usr/local/bin/aws\nfix: Call `aws` through PATH (command -v aws) instead of /usr/bin/aws.',
    });
    expect(buildAnnotations([finding()]).annotations[0]?.title).toBe('DG201');
  });

  it('annotates overridden findings as notices marked (overridden)', () => {
    const { annotations } = buildAnnotations([finding({ overridden: true })]);
    expect(annotations[0]?.level).toBe('notice');
    expect(annotations[0]?.message).toMatch(/^\/usr\/bin\/aws .* \(overridden\)\n/);
  });

  it('uses line 1 for a file-level finding and no column without a line', () => {
    const { annotations } = buildAnnotations([finding({ line: undefined, column: 7 })]);
    expect(annotations[0]?.startLine).toBe(1);
    expect(annotations[0]?.startColumn).toBeUndefined();
  });

  it('cannot start a workflow command from a hostile message or file name', () => {
    const { annotations } = buildAnnotations([hostileFinding()], GITHUB_ANNOTATION_LIMITS, RULES);
    const annotation = annotations[0];
    if (annotation === undefined) throw new Error('expected an annotation');
    for (const line of outputLines(annotation.message)) expect(line).not.toMatch(/^\s*::/);
    expect(annotation.message).not.toMatch(/[\u202A-\u202E\r]/);
    const command = formatAnnotationCommand(annotation);
    expect(outputLines(command)).toHaveLength(1);
    expect(command.startsWith('::error file=deploy/%3A%3Aerror%3A%3Ax`<img src=x onerror=alert(1)>@org/team\u202Eh.sh,line=12,col=3,title=DG201 binary-missing-on-image::')).toBe(true);
  });
});
