// The entry point may start the action a second time with --liftoff-only (Node 22+, every run that may
// parse; see src/reexec.ts). Forced here on whatever Node runs the tests: the second process must get the
// flag, and what the runner sees (outputs, report, exit status, annotations) must be what one process gives.
// Unforced, a change of documentation only keeps one process (the choice itself is unit-tested in reexec.test.ts;
// run this file on Node 22+ to see both ways end to end).
import { afterEach, describe, expect, it } from 'vitest';
import { createRepo, type TestRepo } from '../support/gitRepo.js';
import { startGitHubLoopback, type GitHubLoopback } from '../support/githubLoopback.js';
import { runAction } from '../support/runAction.js';

let repo: TestRepo | undefined;
let github: GitHubLoopback | undefined;
afterEach(async () => {
  repo?.cleanup();
  await github?.close();
  repo = undefined;
  github = undefined;
});

const CONFIG = `promotion: [staging, prod]
environments:
  staging:
    terraform: ["terraform/staging/**"]
  prod:
    terraform: ["terraform/prod/**"]
`;

// The debug line of the process that ran the action: the second process's flags (src/reexec.ts), or in one
// process on Node 20 the V8 tiering it set at start (src/tiering.ts).
const ONE_PROCESS_ON_NODE_20 = Number(process.versions.node.split('.')[0]) < 22;
const SECOND = ` --liftoff-only --max-semi-space-size=8 ${ONE_PROCESS_ON_NODE_20 ? '--interrupt-budget=1081344' : '--invocation-count-for-turbofan=90000'}`;
const FIRST = ONE_PROCESS_ON_NODE_20 ? '; set at start: --interrupt-budget=1081344' : '';
const nodeLine = (after = FIRST) => new RegExp(`::debug::node v\\d+\\.\\d+\\.\\d+${after.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`);

const env = (ami: string) => `module "api" {\n  source = "../modules/api"\n  ami    = "${ami}"\n}\n`;

describe('the entry point', () => {
  it('re-executes with --liftoff-only and passes outputs, report, annotations and exit status through', async () => {
    repo = createRepo(
      {
        '.github/deploy-guard.yml': CONFIG,
        'terraform/modules/api/main.tf': 'variable "ami" {}\nresource "aws_launch_template" "api" {\n  image_id = var.ami\n}\n',
        'terraform/staging/main.tf': env('ami-0aaaaaaaaaaaaaaa1'),
        'terraform/prod/main.tf': env('ami-0aaaaaaaaaaaaaaa1'),
        'deploy/start.sh': '#!/bin/bash\n/usr/bin/aws s3 ls\n',
      },
      '2026-03-01T00:00:00Z',
    );
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-q', '-b', 'both');
    // Staging and prod in one change: DG301 fails the run.
    repo.write({ 'terraform/staging/main.tf': env('ami-0bbbbbbbbbbbbbbb2'), 'terraform/prod/main.tf': env('ami-0bbbbbbbbbbbbbbb2') });
    const head = repo.commit('new image everywhere', '2026-03-02T00:00:00Z');
    github = await startGitHubLoopback({ pulls: [] });
    const event = {
      pull_request: { number: 3, changed_files: 2, title: 'AMI', body: '', user: { login: 'dev' }, labels: [], head: { sha: head }, base: { sha: base, ref: 'main' } },
      repository: { full_name: 'acme/infra' },
    };
    const once = (reexec: string) => runAction({ workspace: repo!.dir, eventName: 'pull_request', event, env: { GITHUB_API_URL: github!.url, DEPLOY_GUARD_REEXEC: reexec } });

    const here = await once('0');
    const twice = await once('1');

    expect(here.stdout).toMatch(nodeLine());
    expect(twice.stdout).toMatch(nodeLine(SECOND));
    expect(here.code).toBe(1);
    expect(twice.code).toBe(here.code);
    expect(twice.outputs.result).toBe('fail');
    const verdict = (outputs: Record<string, string>) => ({ result: outputs.result, blocked: outputs.blocked, errors: outputs.errors, warnings: outputs.warnings });
    expect(verdict(twice.outputs)).toEqual(verdict(here.outputs));
    const { durationMs: _a, startedAt: _b, ...reportHere } = here.report;
    const { durationMs: _c, startedAt: _d, ...reportTwice } = twice.report;
    expect(reportTwice).toEqual(reportHere);
    const annotations = (stdout: string) => stdout.split('\n').filter((line) => /^::(error|warning|notice) /.test(line));
    expect(annotations(twice.stdout)).toEqual(annotations(here.stdout));
    expect(annotations(here.stdout).some((line) => line.includes('DG301'))).toBe(true);
  });

  it('chooses by itself: a second process for a relevant change or an audit on Node 22+, one process for documentation only', async () => {
    repo = createRepo({ '.github/deploy-guard.yml': CONFIG, 'README.md': '# infra\n', 'terraform/prod/main.tf': env('ami-0aaaaaaaaaaaaaaa1'), 'deploy/start.sh': '#!/bin/bash\n/usr/bin/aws s3 ls\n' }, '2026-03-01T00:00:00Z');
    const base = repo.git('rev-parse', 'HEAD').trim();
    github = await startGitHubLoopback({ pulls: [] });
    const pr = async (branch: string, files: Record<string, string>) => {
      repo!.git('checkout', '-q', '-b', branch, base);
      repo!.write(files);
      const head = repo!.commit(branch, '2026-03-02T00:00:00Z');
      const event = { pull_request: { number: 4, changed_files: Object.keys(files).length, title: branch, body: '', user: { login: 'dev' }, labels: [], head: { sha: head }, base: { sha: base, ref: 'main' } }, repository: { full_name: 'acme/infra' } };
      return runAction({ workspace: repo!.dir, eventName: 'pull_request', event, env: { GITHUB_API_URL: github!.url } });
    };
    const secondProcess = Number(process.versions.node.split('.')[0]) >= 22;

    const docs = await pr('docs', { 'README.md': '# infra\n\nMore.\n', 'docs/flow.svg': '<svg/>\n' });
    expect(docs.stdout).toMatch(nodeLine());
    expect(docs.outputs.result).toBe('pass');

    const script = await pr('script', { 'README.md': '# infra\n\nMore.\n', 'deploy/start.sh': '#!/bin/bash\n/usr/local/bin/aws s3 ls\n' });
    expect(script.stdout).toMatch(nodeLine(secondProcess ? SECOND : FIRST));
    expect(script.report.mode).toBe('pr');

    // An audit parses the whole repository: on Node 22+ it runs in the second process too.
    const audit = await runAction({ workspace: repo.dir, eventName: 'schedule', event: { repository: { full_name: 'acme/infra' } }, inputs: { 'audit-issue': 'false' }, env: { GITHUB_API_URL: github.url } });
    expect(audit.stdout).toMatch(nodeLine(secondProcess ? SECOND : FIRST));
    expect(audit.report.mode).toBe('audit');
  });
});
