// Never executing repository content: every mode of the bundled action runs on a repository whose every file
// would leave a PWNED marker if it were run, sourced or handed to a program (test/fixtures/hostile/never-execute).
// PATH starts with recording shims for the programs such content would need (sh, bash, terraform, aws, curl,
// python3, …) and a git shim that records and then runs the real git; a preloaded hook records every child
// process Node starts, by absolute path too. Afterwards: no marker anywhere, and git is the only program run.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS } from '../../src/model.js';
import { secondProcessFlags } from '../../src/reexec.js';
import { startAwsLoopback, type AwsLoopback } from '../support/awsLoopback.js';
import { createRepo, type TestRepo } from '../support/gitRepo.js';
import { startGitHubLoopback, type GitHubLoopback } from '../support/githubLoopback.js';
import { runAction } from '../support/runAction.js';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/hostile/never-execute');
const RECORDER = resolve(import.meta.dirname, 'support/recordSpawns.mjs');
const SHIMMED = [
  'sh', 'bash', 'dash', 'zsh', 'ksh', 'env', 'sudo', 'terraform', 'terragrunt', 'tofu', 'packer', 'aws', 'curl', 'wget', 'python', 'python3',
  'perl', 'ruby', 'node', 'npm', 'npx', 'make', 'docker', 'kubectl', 'jq', 'touch', 'systemctl', 'ssh', 'scp', 'nc', 'cp', 'cat', 'ls', 'which',
];
const MARKERS_OUTSIDE = ['/tmp/PWNED-install', '/tmp/PWNED-lib', '/tmp/PWNED-remote', '/tmp/PWNED-user-data', '/tmp/PWNED-file-user-data'];
const AMI = 'ami-0123456789abcdef0';
const OLD_AMI = 'ami-0aaaaaaaaaaaaaaaa';

function fixtureFiles(dir = FIXTURE, files: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) fixtureFiles(path, files);
    else files[relative(FIXTURE, path)] = readFileSync(path, 'utf8');
  }
  return files;
}

function markersIn(dir: string, found: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === '.git') continue;
    const path = join(dir, name);
    if (name.includes('PWNED')) found.push(path);
    if (statSync(path).isDirectory()) markersIn(path, found);
  }
  return found;
}

let shims: string;
const reports = new Map<string, { findings: { file?: string }[] }>();
let shimLog: string;
let repo: TestRepo;
let aws: AwsLoopback;
let github: GitHubLoopback;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

beforeAll(async () => {
  for (const marker of MARKERS_OUTSIDE) rmSync(marker, { force: true });
  shims = mkdtempSync(join(tmpdir(), 'dg-shims-'));
  shimLog = join(shims, 'invocations.log');
  writeFileSync(shimLog, '');
  const realGit = execFileSync('/bin/sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  for (const name of SHIMMED) {
    writeFileSync(join(shims, name), `#!/bin/sh\necho "${name} $*" >> '${shimLog}'\nexit 97\n`);
    chmodSync(join(shims, name), 0o755);
  }
  writeFileSync(join(shims, 'git'), `#!/bin/sh\necho "git $*" >> '${shimLog}'\nexec '${realGit}' "$@"\n`);
  chmodSync(join(shims, 'git'), 0o755);

  // The PR adds the whole hostile tree on top of a README.
  repo = createRepo({ 'README.md': '# infra\n' }, hoursAgo(24 * 30));
  repo.git('checkout', '-q', '-b', 'hostile');
  repo.write(fixtureFiles());
  repo.commit('hostile', hoursAgo(1));
  aws = await startAwsLoopback({
    region: 'eu-west-1',
    images: [{ id: AMI }, { id: OLD_AMI }],
    instances: [{ id: 'i-0123456789abcdef0', imageId: AMI, launchTime: hoursAgo(40), tags: { Environment: 'staging' } }],
    launchTemplates: [{ name: 'api-prod', defaultVersion: 1, versions: [{ number: 1, imageId: 'resolve:ssm:/images/prod/api', createTime: hoursAgo(24 * 20) }] }],
    parameters: {
      '/images/staging/api': { versions: [{ value: OLD_AMI, modified: hoursAgo(24 * 12) }, { value: AMI, modified: hoursAgo(40) }] },
      '/images/prod/api': { versions: [{ value: OLD_AMI, modified: hoursAgo(24 * 10) }] },
    },
    probe: { 'i-0123456789abcdef0': { files: { '/usr/local/bin/aws': 'x', '/bin/sh': 'x', '/bin/bash': 'x' } } },
  });
  github = await startGitHubLoopback({ pulls: [] });
});

afterAll(async () => {
  repo?.cleanup();
  rmSync(shims, { recursive: true, force: true });
  await aws?.close();
  await github?.close();
});

const base = () => repo.git('rev-parse', 'main').trim();
const head = () => repo.git('rev-parse', 'HEAD').trim();

const MODES = [
  { mode: 'pr', eventName: 'pull_request', event: () => ({ pull_request: { number: 7, title: 'hostile', body: '', user: { login: 'dev' }, labels: [], head: { sha: head() }, base: { sha: base(), ref: 'main' } }, repository: { full_name: 'acme/infra' } }), inputs: {} },
  { mode: 'audit', eventName: 'schedule', event: () => ({ repository: { full_name: 'acme/infra' } }), inputs: { 'audit-issue': 'true' } },
  { mode: 'preflight', eventName: 'workflow_dispatch', event: () => ({ repository: { full_name: 'acme/infra' } }), inputs: { environment: 'prod' } },
] as const;

/** The entry point may start the action once more (Node 22+, src/index.ts): forced here, that must be the only other program. */
const SECOND_PROCESS = { ...MODES[0], title: 'pr in a second process' };

describe('never executing repository content (bundled action, every mode)', () => {
  it.each([...MODES.map((entry) => ({ ...entry, title: entry.mode, reexec: false })), { ...SECOND_PROCESS, reexec: true }])('$title: no marker appears and git is the only program started', async ({ mode, eventName, event, inputs, reexec }) => {
    writeFileSync(shimLog, '');
    const spawnLog = join(shims, `spawns-${mode}${reexec ? '-reexec' : ''}.log`);
    writeFileSync(spawnLog, '');
    const run = await runAction({
      workspace: repo.dir,
      eventName,
      event: event(),
      inputs: { 'max-attempts': '4', ...inputs },
      env: {
        ...aws.env,
        GITHUB_API_URL: github.url,
        PATH: `${shims}:${process.env.PATH ?? ''}`,
        NODE_OPTIONS: `--import=${RECORDER}`,
        DG_SPAWN_LOG: spawnLog,
        DEPLOY_GUARD_REEXEC: reexec ? '1' : '0',
      },
    });
    expect(run.stderr).not.toMatch(/Error \[ERR_|Cannot find module/);
    // The run went all the way: one of the five results, with the report written.
    expect(RESULTS).toContain(run.outputs.result);
    expect(run.report.mode).toBe(mode);
    if (!reexec) reports.set(mode, run.report);

    expect(markersIn(repo.dir)).toEqual([]);
    for (const marker of MARKERS_OUTSIDE) expect(existsSync(marker), marker).toBe(false);

    const viaPath = readFileSync(shimLog, 'utf8').split('\n').filter(Boolean);
    expect(viaPath.filter((line) => !line.startsWith('git '))).toEqual([]);
    const all = readFileSync(spawnLog, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { via: string; file: string; args: string[] });
    // The second process is this Node binary with its flags (unit-tested in reexec.test.ts) and the bundled entry
    // point, nothing from the repository.
    const itself = all.filter((entry) => entry.file === process.execPath);
    expect(itself.map((entry) => entry.args)).toEqual(reexec ? [[...secondProcessFlags({}, []), expect.stringMatching(/[\\/]dist[\\/]index\.js$/)]] : []);
    const spawned = all.filter((entry) => entry.file !== process.execPath);
    expect([...new Set(spawned.map((entry) => entry.file))]).toEqual(['git']);
    expect(spawned.length).toBe(viaPath.length);
    // git itself is asked only to read: no hooks, no checkout of the PR's content elsewhere, no config from it.
    const subcommands = new Set(spawned.map((entry) => entry.args.find((arg, i) => i > 1 && !arg.startsWith('-')) ?? ''));
    for (const subcommand of subcommands) expect(['ls-files', 'rev-parse', 'merge-base', 'diff', 'show', 'log', 'cat-file', 'grep', 'fetch', 'remote', 'rev-list', 'for-each-ref']).toContain(subcommand);
  });

  it('the harness has teeth: a program that runs `sh -c "touch PWNED"` is caught by both recorders', () => {
    const spawnLog = join(shims, 'spawns-control.log');
    writeFileSync(shimLog, '');
    writeFileSync(spawnLog, '');
    const script = "try { require('node:child_process').execFileSync('sh', ['-c', 'touch PWNED'], { stdio: 'ignore' }) } catch {}";
    execFileSync(process.execPath, ['-e', script], { cwd: repo.dir, env: { PATH: `${shims}:${process.env.PATH ?? ''}`, NODE_OPTIONS: `--import=${RECORDER}`, DG_SPAWN_LOG: spawnLog } });
    expect(readFileSync(shimLog, 'utf8')).toBe('sh -c touch PWNED\n');
    expect(JSON.parse(readFileSync(spawnLog, 'utf8'))).toEqual({ via: 'execFileSync', file: 'sh', args: ['-c', 'touch PWNED'] });
    expect(markersIn(repo.dir)).toEqual([]);
  });

  it('read the hostile content it did not run: the PR check reports on the Terraform', () => {
    const files = new Set(reports.get('pr')?.findings.map((finding) => finding.file));
    expect(files).toContain('terraform/prod/main.tf');
  });
});
