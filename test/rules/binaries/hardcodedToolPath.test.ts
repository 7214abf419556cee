import { afterEach, describe, expect, it } from 'vitest';
import type { TestRepo } from '../../support/gitRepo.js';
import { movesBetweenImages } from '../../../src/rules/binaries/hardcodedToolPath.js';
import { brief, check, repoFrom } from './harness.js';

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

describe('DG204 hardcoded-tool-path', () => {
  it('warns on absolute paths to tools that move between images, #! interpreters included', async () => {
    repo = repoFrom('base', 'dg204-fail');
    const report = await check(repo, { mode: 'audit' });
    expect(brief(report.findings, 'DG204')).toEqual([
      'DG204 warning - deploy/scripts/deploy.sh:3',
      'DG204 warning - deploy/scripts/deploy.sh:4',
      'DG204 warning - deploy/scripts/deploy.sh:5',
      'DG204 warning - deploy/scripts/deploy.sh:6',
      'DG204 warning - deploy/scripts/validate.py:1',
    ]);
    const shebang = report.findings.find((finding) => finding.file === 'deploy/scripts/validate.py');
    expect(shebang?.fix).toBe('Use `#!/usr/bin/env python3`.');
    const python = report.findings.find((finding) => finding.id === 'DG204' && finding.line === 4);
    expect(python?.fix).toBe('Call `python3` by name and let PATH find it, or resolve it once: `PYTHON3=$(command -v python3)`.');
  });

  it('leaves command -v, guarded calls, the revision\'s own runtime and stable system paths alone', async () => {
    repo = repoFrom('base', 'dg204-pass');
    const report = await check(repo, { mode: 'audit' });
    expect(report.findings).toEqual([]);
    expect(report.outcome.result).toBe('pass');
  });

  it('knows which tools move', () => {
    for (const tool of ['aws', 'python3', 'python3.11', 'pip3', 'node', 'npm', 'docker', 'kubectl', 'terraform', 'jq', 'helm', 'java', 'ruby', 'go', 'cfn-signal']) expect(movesBetweenImages(tool)).toBe(true);
    for (const tool of ['systemctl', 'bash', 'tar', 'curl', 'sudo']) expect(movesBetweenImages(tool)).toBe(false);
  });
});
