import { afterEach, describe, expect, it } from 'vitest';
import type { TestRepo } from '../../support/gitRepo.js';
import { brief, check, openPull, repoFrom } from './harness.js';

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

function edit(path: string, from: string, to: string): Record<string, string> {
  const text = repo!.git('show', `main:${path}`);
  if (!text.includes(from)) throw new Error(`${path} has no ${from}`);
  return { [path]: text.replace(from, to) };
}

describe('the PR check of deploy scripts', () => {
  it('checks the changed hook only, against the images it runs on at the head', async () => {
    repo = repoFrom('fleet');
    openPull(repo, edit('app/scripts/start_server.sh', 'log "starting"', 'log "starting webapp"'));
    const report = await check(repo, { mode: 'pr' });
    expect(brief(report.findings)).toEqual([
      'DG201 error staging app/scripts/start_server.sh:6',
      'DG202 error staging app/scripts/start_server.sh:9',
      'DG204 warning - app/scripts/start_server.sh:6',
    ]);
    expect(report.findings.find((finding) => finding.id === 'DG201')?.message).toBe(
      'app/scripts/start_server.sh:6 runs /usr/bin/aws, which does not exist on ami-0aaaaaaaaaaaaaaa1 (staging); the image has aws at /usr/local/bin/aws.',
    );
  });

  it('checks every script that sources a changed functions file, with the PATH it now sets', async () => {
    repo = repoFrom('fleet');
    openPull(repo, edit('app/scripts/common.sh', 'export PATH="/opt/tools/bin:$PATH"', 'export PATH="/opt/tools/bin:/usr/local/bin"'));
    const report = await check(repo, { mode: 'pr' });
    expect(brief(report.findings, 'DG201', 'DG202')).toEqual([
      // date (in log()), tar and sudo live in /usr/bin, which the functions file took off PATH.
      'DG202 error staging app/scripts/common.sh:5',
      'DG201 error staging app/scripts/install_dependencies.sh:7',
      'DG202 error staging app/scripts/install_dependencies.sh:8',
      'DG201 error staging app/scripts/start_server.sh:6',
      'DG202 error staging app/scripts/start_server.sh:8',
      'DG202 error staging app/scripts/start_server.sh:9',
    ].sort());
    // The prod manifest does not list /opt/tools/bin, now first on PATH: whether tar is there is unknown.
    expect(brief(report.findings, 'DG206')).toContain('DG206 error prod app/scripts/install_dependencies.sh:8');
  });

  it('checks every script of an environment whose AMI the PR changes', async () => {
    repo = repoFrom('fleet');
    openPull(repo, {
      ...edit('terraform/prod/main.tf', 'ami-0bbbbbbbbbbbbbbb2', 'ami-0aaaaaaaaaaaaaaa1'),
    });
    const report = await check(repo, { mode: 'pr' });
    // Prod now gets the image that moved aws: the hooks and the module's user data fail there.
    expect(brief(report.findings, 'DG201')).toEqual([
      'DG201 error prod app/scripts/install_dependencies.sh:7',
      'DG201 error prod app/scripts/start_server.sh:6',
      'DG201 error prod terraform/modules/api/main.tf:10',
      'DG201 error prod terraform/modules/api/main.tf:9',
    ]);
    expect(report.notes).toContain('This PR changes the AMI of prod: every deploy script that runs there is checked against the new image.');
  });

  it('compares a renamed file with its merge-base version under the old name', async () => {
    repo = repoFrom('fleet');
    const renamed = (ami: string) => ({ 'terraform/prod/main.tf': null, 'terraform/prod/compute.tf': edit('terraform/prod/main.tf', 'ami-0bbbbbbbbbbbbbbb2', ami)['terraform/prod/main.tf']! });
    openPull(repo, renamed('ami-0bbbbbbbbbbbbbbb2'));
    const same = await check(repo, { mode: 'pr' });
    expect(same.notes.some((note) => note.includes('changes the AMI of'))).toBe(false);
    repo.cleanup();
    repo = repoFrom('fleet');
    openPull(repo, renamed('ami-0aaaaaaaaaaaaaaa1'));
    const other = await check(repo, { mode: 'pr' });
    expect(other.notes).toContain('This PR changes the AMI of prod: every deploy script that runs there is checked against the new image.');
  });

  it('checks no script when Terraform changes without changing an AMI or a script', async () => {
    repo = repoFrom('fleet');
    openPull(repo, edit('terraform/prod/main.tf', '  source = "../modules/api"', '  source = "../modules/api"\n  # prod'));
    const report = await check(repo, { mode: 'pr' });
    expect(brief(report.findings)).toEqual([]);
    expect(report.outcome.result).toBe('pass');
  });

  it('reports a missing hook script when the appspec changes', async () => {
    repo = repoFrom('fleet');
    openPull(repo, edit('app/appspec.yml', 'timeout: 60', 'timeout: 90'));
    const report = await check(repo, { mode: 'pr' });
    expect(brief(report.findings, 'DG203')).toEqual(['DG203 error - app/appspec.yml:16']);
  });

  it('passes a docs-only PR explicitly, without reading a script', async () => {
    repo = repoFrom('fleet');
    openPull(repo, { 'README.md': '# fleet\n' });
    const report = await check(repo, { mode: 'pr' });
    expect(report.findings).toEqual([]);
    expect(report.outcome.result).toBe('pass');
    expect(report.outcome.headline).toMatch(/^No deploy-relevant changes/);
  });
});

describe('without an images configuration', () => {
  it('runs only the checks that need no image (DG203, DG204) and says that image checks are off', async () => {
    repo = repoFrom('base', 'dg201-fail');
    repo.write({ '.github/deploy-guard.yml': 'promotion: [staging, prod]\n' });
    repo.commit('no images configuration', '2026-03-02T00:00:00Z');
    const report = await check(repo, { mode: 'audit' });
    expect([...new Set(report.findings.map((finding) => finding.id))]).toEqual(['DG204']);
    expect(report.notes).toContain('Image checks are off: there is no `images` configuration, so deploy scripts are only checked for missing scripts (DG203) and hard-coded tool paths (DG204).');
    expect(report.outcome.result).toBe('warn');
  });
});

describe('bad image manifests', () => {
  it('end the run in error naming the file and the key', async () => {
    repo = repoFrom('base', 'dg201-pass');
    repo.write({ 'images/ami-0aaaaaaaaaaaaaaa1.json': '{\n  "image": "ami-0aaaaaaaaaaaaaaa1",\n  "path": "/usr/bin",\n  "executables": ["/usr/bin/aws"],\n  "arch": "x86_64"\n}\n' });
    repo.commit('a manifest with an extra key', '2026-03-02T00:00:00Z');
    const report = await check(repo, { mode: 'audit' });
    expect(report.outcome.result).toBe('error');
    expect(report.notEvaluated).toEqual([
      {
        what: expect.stringContaining('DG201 binary-missing-on-image'),
        reason: 'Image manifest images/ami-0aaaaaaaaaaaaaaa1.json:5: unknown key "arch"; a manifest has exactly "image", "path" and "executables".',
        fix: expect.stringContaining('scripts/image-inventory.sh'),
      },
    ]);
  });
});
