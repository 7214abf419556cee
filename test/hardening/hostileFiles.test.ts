// Hostile file contents through the bundled action, as users see them: over the cap, binary, broken UTF-8,
// symlinks out of the workspace (directly and through a linked folder), loops, 10,000 nested brackets, YAML
// alias bombs. Each gets a finding naming the file and the reason; the run ends in the right outcome, in a
// bounded time and a 256 MB heap; the target of an outside link never shows up anywhere.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, type TestRepo } from '../support/gitRepo.js';
import { startGitHubLoopback, type GitHubLoopback } from '../support/githubLoopback.js';
import { runAction, type ActionRun } from '../support/runAction.js';

const CAP = 2 * 1024 * 1024;
const SECRET = `TOPSECRET-${process.pid}-credentials`;
const BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
];

let repo: TestRepo;
let outside: string;
let github: GitHubLoopback;
let run: ActionRun;
/** The same PR with image checks on (`images:` configured): scripts that run on instances are policy-relevant. */
let imagesRun: ActionRun;
let everything: string;

const pullRequest = (base: string, head: string) => ({
  pull_request: { number: 7, title: 'hostile', body: '', user: { login: 'dev' }, labels: [], head: { sha: head }, base: { sha: base, ref: 'main' } },
  repository: { full_name: 'acme/infra' },
});

beforeAll(async () => {
  outside = mkdtempSync(join(tmpdir(), 'dg-outside-'));
  writeFileSync(join(outside, 'credentials'), `aws_secret_access_key = ${SECRET}\n`);
  writeFileSync(join(outside, 'start.sh'), `#!/bin/sh\n/usr/bin/${SECRET} --now\n`);
  repo = createRepo({
    'README.md': '# infra\n',
    'terraform/staging/main.tf': 'locals {\n  x = 1\n}\n',
    'terraform/prod/main.tf': 'locals {\n  x = 1\n}\n',
  });
  const base = repo.git('rev-parse', 'HEAD').trim();
  repo.git('checkout', '-q', '-b', 'hostile');
  repo.write({
    'terraform/prod/huge.tf': `locals {\n  pad = "${'x'.repeat(CAP)}"\n}\n`,
    'terraform/staging/binary.tf': 'locals {\n  x = "\u0000"\n}\n',
    'terraform/prod/deep.tf': `locals {\n  deep = ${'['.repeat(10_000)}"ami-0123456789abcdef0"${']'.repeat(10_000)}\n}\n`,
    'terraform/staging/unclosed.tf': `locals {\n  deep = ${'{a = '.repeat(10_000)}"ami-0123456789abcdef0"\n`,
    // No word any fact needs (terraformFactKinds): whatever its syntax, it cannot change what a rule sees.
    'terraform/staging/unclosed-plain.tf': `locals {\n  deep = ${'{a = '.repeat(10_000)}\n`,
    'appspec.yml': [
      'version: 0.0',
      'os: linux',
      'hooks:',
      '  BeforeInstall:',
      '    - location: deploy/huge.sh',
      '    - location: deploy/tool.sh',
      '    - location: deploy/latin1.sh',
      '  AfterInstall:',
      '    - location: deploy/secret.sh',
      '    - location: scripts/start.sh',
      '    - location: deploy/loop-a.sh',
      '',
    ].join('\n'),
    'deploy/huge.sh': `#!/bin/sh\n${'echo padding\n'.repeat(CAP / 12)}`,
    '.github/with-images.yml': 'images:\n  manifests: ["images/*.json"]\n  probe: off\n',
    'images/api.json': '{"image": "ami-0123456789abcdef0", "path": "/usr/bin:/bin", "executables": ["/bin/sh"]}\n',
    'deploy/bomb/appspec.yml': [...BOMB, 'version: 0.0', 'os: linux', 'hooks:', '  BeforeInstall: *i', ''].join('\n'),
  });
  writeFileSync(join(repo.dir, 'terraform/staging/latin1.tf'), Buffer.from('locals {\n  name = "caf\xe9"\n}\n', 'latin1'));
  writeFileSync(join(repo.dir, 'deploy/tool.sh'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]));
  writeFileSync(join(repo.dir, 'deploy/latin1.sh'), Buffer.from('#!/bin/sh\necho "caf\xe9"\n', 'latin1'));
  symlinkSync(join(outside, 'credentials'), join(repo.dir, 'deploy/secret.sh'));
  symlinkSync(join(outside, 'credentials'), join(repo.dir, 'terraform/prod/secret.tf'));
  symlinkSync(outside, join(repo.dir, 'scripts'));
  symlinkSync('loop-b.sh', join(repo.dir, 'deploy/loop-a.sh'));
  symlinkSync('loop-a.sh', join(repo.dir, 'deploy/loop-b.sh'));
  const head = repo.commit('hostile files', '2026-01-02T00:00:00Z');
  github = await startGitHubLoopback({ pulls: [] });
  run = await runAction({
    workspace: repo.dir,
    eventName: 'pull_request',
    event: pullRequest(base, head),
    env: { GITHUB_API_URL: github.url, NODE_OPTIONS: '--max-old-space-size=256' },
  });
  imagesRun = await runAction({
    workspace: repo.dir,
    eventName: 'pull_request',
    event: pullRequest(base, head),
    inputs: { config: '.github/with-images.yml' },
    env: { GITHUB_API_URL: github.url, NODE_OPTIONS: '--max-old-space-size=256' },
  });
  everything = [run, imagesRun].flatMap((each) => [each.stdout, each.stderr, each.summary, JSON.stringify(each.report), JSON.stringify(each.sarif)]).join('\n');
});

afterAll(async () => {
  repo?.cleanup();
  rmSync(outside, { recursive: true, force: true });
  await github?.close();
});

type Named = { id?: string; level?: string; file?: string; message?: string; what?: string; reason?: string };
function mentions(path: string, of: ActionRun = run): Named[] {
  return [...(of.report.findings as Named[]), ...(of.report.notEvaluated as Named[])].filter((entry) =>
    [entry.file, entry.message, entry.what, entry.reason].some((text) => text?.includes(path)),
  );
}

describe('hostile files through the bundled action', () => {
  it('ends in error, blocking, within bounded time and a 256 MB heap', () => {
    for (const each of [run, imagesRun]) {
      expect(each.stderr).not.toMatch(/heap out of memory|RangeError|Maximum call stack/);
      expect(each.outputs).toMatchObject({ result: 'error', blocked: 'true' });
      expect(each.code).not.toBe(0);
      expect(each.report.durationMs).toBeLessThan(30_000);
    }
  });

  it.each([
    ['terraform/prod/huge.tf', /over the 2097152-byte cap/],
    ['terraform/staging/binary.tf', /binary|NUL/],
    ['terraform/staging/latin1.tf', /UTF-8/],
    ['terraform/staging/unclosed.tf', /parse error/],
    ['terraform/prod/secret.tf', /outside the workspace; not followed/],
  ])('names %s with the reason in what was not evaluated', (path, reason) => {
    const named = (run.report.notEvaluated as Named[]).filter((entry) => entry.reason?.includes(path));
    expect(named, `${path} is named in what was not evaluated`).toHaveLength(1);
    expect(named[0]!.reason).toMatch(new RegExp(`${path.replace(/[.*/]/g, '\\$&')}(:\\d+)? \\([a-z, ]+\\) could not be read: [^.]*${reason.source}`));
  });

  const SCRIPTS: [string, RegExp][] = [
    ['deploy/huge.sh', /over the 2097152-byte cap/],
    ['deploy/tool.sh', /binary|NUL/],
    ['deploy/latin1.sh', /UTF-8/],
    ['deploy/secret.sh', /outside the workspace; not followed/],
    ['deploy/loop-a.sh', /does not resolve \(dangling or a loop\)/],
  ];
  it.each(SCRIPTS)('blocks on deploy hook %s with the reason when image checks are on (DG205 error)', (path, reason) => {
    const found = (imagesRun.report.findings as Named[]).filter((entry) => entry.id === 'DG205' && entry.file === path);
    expect(found).toMatchObject([{ level: 'error' }]);
    expect(found[0]!.message).toMatch(reason);
  });

  it.each(SCRIPTS)('still names deploy hook %s, as a warning, when image checks are off (DG205)', (path, reason) => {
    const found = (run.report.findings as Named[]).filter((entry) => entry.id === 'DG205' && entry.file === path);
    expect(found).toMatchObject([{ level: 'warning' }]);
    expect(found[0]!.message).toMatch(reason);
  });

  it('does not read a hook behind a linked folder that leaves the workspace: it is not in the repository (DG203)', () => {
    expect(mentions('scripts/start.sh', imagesRun).map((entry) => entry.id)).toEqual(['DG203']);
  });

  it('does not parse a changed Terraform file that holds no word a fact needs, nor name it', () => {
    // DG301 lists every changed file of both environments; nothing else names it.
    for (const each of [run, imagesRun]) expect(mentions('terraform/staging/unclosed-plain.tf', each).map((entry) => entry.id)).toEqual(['DG301']);
  });

  it('parses 10,000 nested brackets in HCL without a finding about them', () => {
    expect(mentions('terraform/prod/deep.tf').filter((entry) => /parse|could not/.test(`${entry.message ?? ''}${entry.reason ?? ''}`))).toEqual([]);
  });

  it('survives a YAML alias bomb in an appspec.yml (no expansion, a finding at most)', () => {
    for (const each of [run, imagesRun]) expect(each.report.findings.map((finding: Named) => finding.id)).not.toContain('DG901');
  });

  it('never prints where an outside link points, nor what it holds, in any output', () => {
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(outside);
  });
});

describe('a YAML alias bomb in the configuration', () => {
  it('ends in error naming the file and the aliases, without expanding them', async () => {
    const bombRepo = createRepo({ 'README.md': '# infra\n' });
    try {
      const base = bombRepo.git('rev-parse', 'HEAD').trim();
      bombRepo.write({ '.github/deploy-guard.yml': [...BOMB, 'promotion: [staging, prod]', 'rules: *i', ''].join('\n') });
      const head = bombRepo.commit('bomb', '2026-01-02T00:00:00Z');
      const bomb = await runAction({ workspace: bombRepo.dir, eventName: 'pull_request', event: pullRequest(base, head), env: { NODE_OPTIONS: '--max-old-space-size=256' } });
      expect(bomb.outputs).toMatchObject({ result: 'error', blocked: 'true' });
      expect(bomb.report.notEvaluated[0].reason).toContain('.github/deploy-guard.yml');
      expect(bomb.report.notEvaluated[0].fix).toMatch(/alias/i);
      expect(bomb.report.durationMs).toBeLessThan(5_000);
    } finally {
      bombRepo.cleanup();
    }
  });
});

describe('a configuration behind a symlinked folder', () => {
  it('ends in error naming .github/deploy-guard.yml, and never reads or prints what the link points to', async () => {
    const linkRepo = createRepo({ 'README.md': '# infra\n' });
    const elsewhere = mkdtempSync(join(tmpdir(), 'dg-elsewhere-'));
    try {
      writeFileSync(join(elsewhere, 'deploy-guard.yml'), `promotion: [staging, prod]\nrules: { ${SECRET}: off }\n`);
      const base = linkRepo.git('rev-parse', 'HEAD').trim();
      symlinkSync(elsewhere, join(linkRepo.dir, '.github'));
      const head = linkRepo.commit('link .github', '2026-01-02T00:00:00Z');
      const linked = await runAction({ workspace: linkRepo.dir, eventName: 'pull_request', event: pullRequest(base, head) });
      expect(linked.outputs).toMatchObject({ result: 'error', blocked: 'true' });
      expect(linked.report.notEvaluated[0].reason).toMatch(/^\.github\/deploy-guard\.yml: under a symbolically linked folder that leaves the workspace; not followed/);
      const all = [linked.stdout, linked.stderr, linked.summary, JSON.stringify(linked.report), JSON.stringify(linked.sarif)].join('\n');
      expect(all).not.toContain(SECRET);
      expect(all).not.toContain(elsewhere);
    } finally {
      linkRepo.cleanup();
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
