// File names are repository content too: newlines, workflow commands, backticks, bidi controls, HTML and
// @mentions. The bundled action echoes them in the summary, annotations, log, SARIF and report; none may
// start a workflow command, render as HTML, ping a team or reorder what a reviewer reads.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, type TestRepo } from '../support/gitRepo.js';
import { startGitHubLoopback, type GitHubLoopback } from '../support/githubLoopback.js';
import { DIST_CLI, runAction, type ActionRun } from '../support/runAction.js';

const HOSTILE_NAMES = [
  'terraform/misc/new\nline.tf',
  'terraform/misc/x\n::error title=PWNED::owned by a file name.tf',
  'terraform/misc/::warning::pwned.tf',
  'terraform/misc/`tick`$(touch PWNED).tf',
  'terraform/misc/bidi\u202Efdp.tf',
  'terraform/misc/<img src=x onerror=alert(1)>.tf',
  'terraform/misc/@org/team.tf',
  'terraform/misc/[click](https:evil.example) **bold** | cell #1.tf',
  'terraform/misc/\r\n##[error]legacy command.tf',
];
// Unreadable (binary) and in prod: it must be named in what could not be evaluated.
const HOSTILE_PROD = 'terraform/prod/<img src=y onerror=alert(2)>\n::error::@org/team.tf';

let repo: TestRepo;
let run: ActionRun;
let github: GitHubLoopback;

beforeAll(async () => {
  github = await startGitHubLoopback({ pulls: [] });
  repo = createRepo({ 'README.md': '# infra\n', 'terraform/staging/main.tf': 'locals {\n  x = 1\n}\n', 'terraform/prod/main.tf': 'locals {\n  x = 1\n}\n' });
  const base = repo.git('rev-parse', 'HEAD').trim();
  repo.git('checkout', '-q', '-b', 'names');
  repo.write(Object.fromEntries(HOSTILE_NAMES.map((name) => [name, 'locals {\n  x = 1\n}\n'])));
  repo.write({ [HOSTILE_PROD]: 'locals {\u0000}\n' });
  const head = repo.commit('hostile names', '2026-01-02T00:00:00Z');
  run = await runAction({
    workspace: repo.dir,
    eventName: 'pull_request',
    event: { pull_request: { number: 7, title: 'names', body: '', user: { login: 'dev' }, labels: [], head: { sha: head }, base: { sha: base, ref: 'main' } }, repository: { full_name: 'acme/infra' } },
    env: { GITHUB_API_URL: github.url },
  });
});
afterAll(async () => {
  repo?.cleanup();
  await github?.close();
});

const OWN_COMMAND = /^::(error|warning|notice|debug|group|endgroup)( (file|line|col|endLine|endColumn|title)=[^,:]*(,(file|line|col|endLine|endColumn|title)=[^,:]*)*)?::/;

describe('hostile file names through the bundled action', () => {
  it('ends in error: the unreadable prod file blocks, named with its reason', () => {
    expect(run.outputs).toMatchObject({ result: 'error', blocked: 'true' });
    const reasons = JSON.stringify(run.report.notEvaluated);
    expect(reasons).toContain(JSON.stringify(HOSTILE_PROD).slice(1, -1));
    expect(reasons).toContain('binary');
  });

  it('reports every hostile name as a finding (DG306 unmapped Terraform), file by file', () => {
    const files = (run.report.findings as { id: string; file?: string }[]).filter((finding) => finding.id === 'DG306').map((finding) => finding.file);
    expect(files.sort()).toEqual([...HOSTILE_NAMES].sort());
  });

  it('starts no workflow command on stdout but its own', () => {
    const lines = run.stdout.split(/\r\n|\r|\n/);
    const commands = lines.map((line) => line.trimStart()).filter((line) => line.startsWith('::') || line.startsWith('##['));
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect(command).toMatch(OWN_COMMAND);
    for (const line of lines) {
      expect(line.trimStart()).not.toMatch(/^::error title=PWNED|^::warning::pwned|^##\[error\]legacy/);
      // The file= property must stay the real path for GitHub to place the annotation; nothing else may carry it.
      expect(line.replace(/^::\w+ [^:]*?file=[^,:]*/, '')).not.toContain('\u202E');
    }
    // Annotation properties carry the names escaped as the runner expects (%0A, %3A), never raw.
    expect(run.stdout).toContain('file=terraform/misc/x%0A%3A%3Aerror title=PWNED%3A%3Aowned by a file name.tf');
  });

  it('renders nothing in the summary: no HTML, no mention, no link, no bidi control, one table row per name', () => {
    const { summary } = run;
    expect(summary).not.toMatch(/<img/i);
    expect(summary).not.toMatch(/@org\/team/);
    // Outside HTML blocks (where GitHub renders no Markdown), brackets are escaped: no link.
    expect(summary.split('\n').filter((line) => !line.startsWith('<'))).not.toContainEqual(expect.stringMatching(/(?<!\\)\]\(https:evil/));
    expect(summary).not.toContain('\u202E');
    expect(summary).not.toMatch(/^\s*::/m);
    expect(summary).toContain('onerror=alert(1)');
    expect(summary).toContain('\\u202E');
    // A newline in a name never splits a table row.
    for (const row of summary.split('\n').filter((line) => line.startsWith('|') && line.includes('DG306'))) expect(row.trimEnd().endsWith('|')).toBe(true);
  });

  it('writes SARIF and the JSON report that parse, with no raw control or bidi character in any message', () => {
    const messages = (run.sarif.runs[0].results as { message: { text: string }; locations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[]).flatMap((result) => [
      result.message.text,
      ...(result.locations ?? []).map((location) => location.physicalLocation.artifactLocation.uri),
    ]);
    expect(messages.length).toBeGreaterThan(HOSTILE_NAMES.length);
    for (const text of messages) expect(text).not.toMatch(/[\n\r\u202E]/);
    // SARIF text is plain text; URIs are percent-encoded.
    const uris = messages.filter((text) => text.startsWith('terraform/') && !text.includes(' '));
    expect(uris).toContain('terraform/misc/%3Cimg%20src=x%20onerror=alert(1)%3E.tf');
    for (const uri of uris) expect(uri).not.toMatch(/[<>\s`]/);
    expect(run.report.schemaVersion).toBe(1);
  });
});

describe('a newline in a path does not move a file out of its environment', () => {
  it('a new AMI in terraform/prod/<name with a newline>.tf is still prod\'s, and blocks (never in staging), not an unmapped warning', async () => {
    const lt = (env: string, ami: string) => `resource "aws_launch_template" "api" {\n  name     = "api-${env}"\n  image_id = "${ami}"\n}\n`;
    const newlineRepo = createRepo({ 'terraform/staging/main.tf': lt('staging', 'ami-0aaaaaaaaaaaaaaaa'), 'terraform/prod/main.tf': lt('prod', 'ami-0aaaaaaaaaaaaaaaa') });
    try {
      const base = newlineRepo.git('rev-parse', 'HEAD').trim();
      newlineRepo.git('checkout', '-q', '-b', 'sneak');
      newlineRepo.write({ 'terraform/prod/override\n.tf': lt('prod', 'ami-0bbbbbbbbbbbbbbbb').replace('"api"', '"sneak"') });
      const head = newlineRepo.commit('sneak', '2026-01-02T00:00:00Z');
      const sneak = await runAction({
        workspace: newlineRepo.dir,
        eventName: 'pull_request',
        event: { pull_request: { number: 8, title: 'sneak', body: '', user: { login: 'dev' }, labels: [], head: { sha: head }, base: { sha: base, ref: 'main' } }, repository: { full_name: 'acme/infra' } },
        env: { GITHUB_API_URL: github.url },
      });
      const found = (sneak.report.findings as { id: string; file?: string; environment?: string }[]).map((finding) => `${finding.id} ${finding.environment ?? '-'}`);
      // DG102 (soak) or DG303 (promotion): the AMI never served staging. One finding per AMI across families.
      expect(found.some((entry) => /^DG(102|303) prod$/.test(entry))).toBe(true);
      expect(found).not.toContain('DG306 -');
      expect(sneak.outputs).toMatchObject({ result: 'fail', blocked: 'true' });
    } finally {
      newlineRepo.cleanup();
    }
  });
});

describe('a newline in a folder name does not hide a deploy script from the PR check', () => {
  it('a PR that changes only deploy/<folder with a newline>/start.sh is deploy-relevant and the script is analysed', async () => {
    const scriptRepo = createRepo({ 'README.md': '# infra\n', 'deploy/app\nv2/start.sh': '#!/bin/sh\necho start\n' });
    try {
      const base = scriptRepo.git('rev-parse', 'HEAD').trim();
      scriptRepo.git('checkout', '-q', '-b', 'script');
      scriptRepo.write({ 'deploy/app\nv2/start.sh': '#!/bin/sh\n/usr/bin/aws s3 cp s3://bucket/app.tgz /opt/\n' });
      const head = scriptRepo.commit('script', '2026-01-02T00:00:00Z');
      const script = await runAction({
        workspace: scriptRepo.dir,
        eventName: 'pull_request',
        event: { pull_request: { number: 9, title: 'script', body: '', user: { login: 'dev' }, labels: [], head: { sha: head }, base: { sha: base, ref: 'main' } }, repository: { full_name: 'acme/infra' } },
        env: { GITHUB_API_URL: github.url },
      });
      expect(script.summary).not.toContain('No deploy-relevant changes');
      expect(script.report.notes.join('\n')).not.toContain('No deploy-relevant changes');
      // And the script is read: its hard-coded /usr/bin/aws is reported where it is.
      expect(script.report.findings).toContainEqual(expect.objectContaining({ id: 'DG204', file: 'deploy/app\nv2/start.sh', line: 2 }));
    } finally {
      scriptRepo.cleanup();
    }
  });
});

describe('hostile file names in the CLI (a terminal, or a workflow step running the CLI)', () => {
  it('prints no terminal escape, no bidi control and no workflow command from a file name', () => {
    const cliRepo = createRepo({ 'README.md': '# infra\n', 'terraform/staging/main.tf': 'locals {}\n', 'terraform/prod/main.tf': 'locals {}\n' });
    try {
      cliRepo.write({
        'terraform/misc/\u001b[2J\u001b]0;owned\u0007clear.tf': 'locals {}\n',
        'terraform/misc/x\n::error title=PWNED::cli.tf': 'locals {}\n',
        'terraform/misc/bidi\u202Efdp.tf': 'locals {}\n',
      });
      cliRepo.commit('names', '2026-01-02T00:00:00Z');
      const cli = spawnSync(process.execPath, [DIST_CLI, 'check', '--base', 'HEAD~1'], {
        cwd: cliRepo.dir,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', GITHUB_API_URL: github.url },
        encoding: 'utf8',
      });
      expect(cli.stdout).toContain('DG306');
      expect(cli.stdout).toContain('\\u001B[2J');
      for (const output of [cli.stdout, cli.stderr]) {
        // eslint-disable-next-line no-control-regex -- matching control characters is the point
        expect(output).not.toMatch(/[\u001b\u0007\u009b\u202E]/);
        for (const line of output.split(/\r\n|\r|\n/)) expect(line.trimStart()).not.toMatch(/^::|^##\[/);
      }
    } finally {
      cliRepo.cleanup();
    }
  });
});
