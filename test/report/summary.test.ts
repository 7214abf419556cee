import { describe, expect, it } from 'vitest';
import { renderSummary } from '../../src/report/summary.js';
import { buildReport, finding, hostileFinding, notEvaluated, outputLines } from './fixtures.js';

const firstLine = (text: string): string => text.split('\n')[0] ?? '';

describe('renderSummary', () => {
  it.each([
    ['pass', '## PASS'],
    ['warn', '## WARN'],
    ['fail', '## FAIL'],
    ['error', '## ERROR — could not evaluate'],
    ['overridden', '## OVERRIDDEN'],
  ] as const)('puts the %s verdict and the headline on the first line', (result, start) => {
    const report = buildReport({ outcome: { result, blocked: false, errors: 0, warnings: 0, notices: 0, headline: 'the headline' } });
    const line = firstLine(renderSummary(report));
    expect(line.startsWith(start)).toBe(true);
    expect(line).toContain('the headline');
  });

  it('ends a docs-only PR in an explicit pass', () => {
    const report = buildReport({
      outcome: { result: 'pass', blocked: false, errors: 0, warnings: 0, notices: 0, headline: 'no deploy-relevant changes' },
    });
    const out = renderSummary(report);
    expect(firstLine(out)).toBe('## PASS: no deploy-relevant changes');
    expect(out).toContain('No findings.');
  });

  it('lists what was not evaluated before any findings table', () => {
    const report = buildReport({ findings: [finding()], notEvaluated: [notEvaluated()] });
    const out = renderSummary(report);
    const notEvaluatedAt = out.indexOf('### What was not evaluated');
    expect(notEvaluatedAt).toBeGreaterThan(0);
    expect(notEvaluatedAt).toBeLessThan(out.indexOf('### Deploy-script binaries (DG2xx)'));
    expect(out).toContain(
      '| SSM parameter history of /images/prod/api | AccessDenied for ssm:GetParameterHistory | Grant ssm:GetParameterHistory to the deploy-guard role. |',
    );
  });

  it('renders one table per rule family with level, rule, where, environment, message and fix', () => {
    const report = buildReport({
      findings: [
        finding(),
        finding({ id: 'DG301', file: undefined, line: undefined, column: undefined, environment: 'prod', message: 'staging and prod change together' }),
        finding({ id: 'DG101', file: 'terraform/prod/main.tf', line: 4, message: 'ami-1 served staging for 3h of 24h' }),
        finding({ id: 'DG401', level: 'notice', file: undefined, message: 'override used by alice' }),
      ],
    });
    const out = renderSummary(report);
    const order = ['### AMI soak (DG1xx)', '### Deploy-script binaries (DG2xx)', '### Terraform promotion (DG3xx)', '### Process (DG4xx, DG9xx)'];
    const positions = order.map((heading) => out.indexOf(heading));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(out).toContain('| Level | Rule | Where | Environment | Message | Fix |');
    expect(out).toContain('| error | DG201 binary-missing-on-image | deploy/hooks/after\\_install.sh:12 | staging |');
    expect(out).toContain('| error | DG301 staging-and-prod-in-one-change | — | prod | staging and prod change together |');
  });

  it('links the Where column to the file at the head commit when the repository URL is known', () => {
    const report = buildReport({ findings: [finding({ file: 'deploy/a (1).sh', line: 3 })] });
    const out = renderSummary(report, { repoUrl: 'https://github.com/acme/infra' });
    expect(out).toContain(
      '[deploy/a (1).sh:3](https://github.com/acme/infra/blob/2222222222222222222222222222222222222222/deploy/a%20%281%29.sh#L3)',
    );
    expect(renderSummary(report, { repoUrl: 'javascript:alert(1)' })).not.toContain('](');
  });

  it('shows evidence in a details block, the override record, notes, preflight and the footer', () => {
    const report = buildReport({
      mode: 'preflight',
      findings: [finding({ id: 'DG101', overridden: true })],
      evidence: [{ source: 'ssm', text: '/images/staging/api held ami-1 since 2025-03-01' }],
      notes: ['Image checks are off: no images configuration.'],
      preflight: { environment: 'prod', amiId: 'ami-0abc', go: false },
      outcome: {
        result: 'overridden',
        blocked: false,
        errors: 0,
        warnings: 0,
        notices: 1,
        headline: '1 error overridden',
        override: { actor: 'alice', at: '2025-03-04T05:00:00Z', reason: 'CVE-2025-1 patch', label: 'deploy-guard/override', findings: ['DG101'] },
      },
    });
    const out = renderSummary(report);
    expect(out).toContain('- **ssm**: /images/staging/api held ami-1 since 2025-03-01');
    expect(out).toContain('<details><summary>DG101 ami-not-soaked at deploy/hooks/after_install.sh:12</summary>');
    expect(out).toContain('| overridden (error) | DG101 ami-not-soaked |');
    expect(out).toContain('- **Who:** alice');
    expect(out).toContain('- **Why:** CVE-2025-1 patch');
    expect(out).toContain('- **Overridden findings:** DG101 ami-not-soaked');
    expect(out).toContain('- Image checks are off: no images configuration.');
    expect(out).toContain('- **Go:** no — do not rotate or scale up');
    expect(out).toMatch(/<sub>mode preflight · acme\/infra · `1{40}\.\.2{40}` · started .* · 3\.2 s · deploy-guard 0\.1\.0<\/sub>\n$/);
    const order = ['### Evidence', '### Override', '### Notes', '### Preflight', '<sub>'].map((marker) => out.indexOf(marker));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('defuses hostile file names, messages and evidence', () => {
    const report = buildReport({
      findings: [hostileFinding()],
      notEvaluated: [notEvaluated({ what: '::error::x', reason: 'x\n::set-output name=a::b', fix: '@org/team <img src=x>' })],
      notes: ['::warning::note\n::debug::x'],
      outcome: { result: 'fail', blocked: true, errors: 1, warnings: 0, notices: 0, headline: '::error::headline @org/team' },
    });
    const out = renderSummary(report);
    for (const line of outputLines(out)) expect(line).not.toMatch(/^\s*(::|##\[)/);
    expect(out).not.toContain('<img');
    expect(out).not.toContain('@org');
    // eslint-disable-next-line no-control-regex -- no control character may survive
    expect(out).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
    // Each finding is still one table row: no hostile newline or pipe split it.
    const rows = out.split('\n').filter((line) => line.startsWith('| error |'));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.split(/(?<!\\)\|/)).toHaveLength(8);
  });

  it('stays under the size cap and says how many findings were left out', () => {
    const findings = Array.from({ length: 5000 }, (_, index) =>
      finding({ file: `deploy/script-${index}.sh`, line: index + 1, message: 'x'.repeat(400), level: index % 2 === 0 ? 'error' : 'warning' }),
    );
    const report = buildReport({ findings });
    const out = renderSummary(report, { maxBytes: 100_000 });
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(100_000);
    const shown = out.split('\n').filter((line) => /^\| (error|warning) \|/.test(line)).length;
    expect(shown).toBeGreaterThan(10);
    expect(out).toContain(`_${5000 - shown} more findings in the JSON report._`);
    // Errors are admitted before warnings.
    expect(out.split('\n').filter((line) => line.startsWith('| warning |'))).toHaveLength(0);
    expect(out).toContain('Evidence truncated');
    expect(out.trimEnd().endsWith('</sub>')).toBe(true);
  });

  it('keeps the default cap under GitHub’s 1 MiB step summary limit', () => {
    const findings = Array.from({ length: 20_000 }, (_, index) => finding({ line: index + 1, message: 'é'.repeat(300) }));
    const out = renderSummary(buildReport({ findings }));
    expect(Buffer.byteLength(out)).toBeLessThan(1024 * 1024);
    expect(out).toMatch(/_\d+ more findings in the JSON report\._/);
  });
});
