#!/usr/bin/env node
// `npm run demo`: replays the outage of 9 July 2020 on a real git repository and shows deploy-guard
// (the bundled dist/index.js, run as the GitHub runner runs it) stopping it at every link.
// Exits 0 only when every scene ends with the verdict and findings it is meant to show.
import { copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHub } from './github.mjs';
import { runAction } from './runner.mjs';
import { BOTH_AT_ONCE, buildHistory, HOUR, PROD_BIGGER, PROD_NEW_AMI, STAGING_FIRST } from './scenario.mjs';

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
const VERDICT_COLOR = { pass: 32, warn: 33, fail: 31, error: 35, overridden: 36 };

const now = Date.now();
const SCENES = [
  {
    title: '1. The bad PR: the new AMI (awscli now in /usr/local/bin) merged into staging and prod at once',
    history: {},
    branch: ['awscli-update', BOTH_AT_ONCE, now - HOUR],
    expect: { result: 'fail', ids: ['DG301', 'DG303|DG102', 'DG201'] },
    keepSummary: true,
  },
  {
    title: '2. The right way, step one: the new AMI into staging alone, scripts fixed to `command -v aws`',
    history: {},
    branch: ['new-ami-staging', STAGING_FIRST, now - HOUR],
    expect: { result: 'pass', ids: [] },
  },
  {
    title: '3. Prod, three hours after staging got the new AMI',
    history: { stagingMergedAgo: 3 * HOUR },
    branch: ['new-ami-prod', PROD_NEW_AMI, now - HOUR / 2],
    expect: { result: 'fail', ids: ['DG302|DG101'] },
  },
  {
    title: '4. Prod, thirty hours after staging got the new AMI',
    history: { stagingMergedAgo: 30 * HOUR },
    branch: ['new-ami-prod', PROD_NEW_AMI, now - HOUR / 2],
    expect: { result: 'pass', ids: [] },
  },
  {
    title: '5. An emergency security patch: override label by an allowed engineer, with a reason',
    history: { stagingMergedAgo: 3 * HOUR },
    branch: ['cve-patch-prod', PROD_NEW_AMI, now - HOUR / 2],
    pull: { labels: ['deploy-guard/override'], body: 'Patches CVE-2020-1234 in openssl.\n\ndeploy-guard-reason: CVE-2020-1234 is exploited in the wild; staging has run it for 3h without errors' },
    labelEvents: [{ label: 'deploy-guard/override', actor: 'alice', at: new Date(now - HOUR / 4).toISOString() }],
    expect: { result: 'overridden', ids: ['DG302|DG101', 'DG401'] },
  },
  {
    title: '6. A prod change while another PR labelled terraform-applied is open and unmerged',
    history: { stagingMergedAgo: 30 * HOUR },
    branch: ['prod-bigger-instances', PROD_BIGGER, now - HOUR / 2],
    openPulls: [{ number: 41, title: 'Hotfix: raise API ASG max size', created_at: new Date(now - 26 * HOUR).toISOString(), labels: ['terraform-applied'] }],
    expect: { result: 'fail', ids: ['DG304'] },
  },
];

function matches(expected, ids) {
  const missing = expected.filter((alternatives) => !alternatives.split('|').some((id) => ids.includes(id)));
  const allowed = new Set(expected.flatMap((alternatives) => alternatives.split('|')));
  const unexpected = [...new Set(ids)].filter((id) => !allowed.has(id) && id !== 'DG204');
  return { missing, unexpected };
}

function describe(finding) {
  const where = finding.file ? `${finding.file}${finding.line ? `:${finding.line}` : ''}` : finding.environment ?? '';
  const level = finding.overridden ? 'overridden' : finding.level;
  return `   ${paint(level === 'error' ? 31 : level === 'warning' ? 33 : 36, level.padEnd(10))} ${finding.id} ${finding.name}  ${where}\n      ${finding.message}`;
}

async function play(scene, index) {
  const repo = buildHistory(now, scene.history);
  const github = await startGitHub({ labelEvents: { 7: scene.labelEvents ?? [] }, openPulls: scene.openPulls ?? [] });
  try {
    const [name, files, authoredAt] = scene.branch;
    const { base, head } = repo.branch(name, files, authoredAt);
    const event = {
      pull_request: {
        number: 7,
        title: name,
        body: scene.pull?.body ?? '',
        user: { login: 'dev' },
        labels: (scene.pull?.labels ?? []).map((label) => ({ name: label })),
        head: { sha: head, ref: name },
        base: { sha: base, ref: 'main' },
      },
    };
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', event, env: { GITHUB_API_URL: github.url } });
    const result = run.outputs.result ?? '(none)';
    const findings = run.report?.findings ?? [];
    const { missing, unexpected } = matches(scene.expect.ids, findings.map((finding) => finding.id));
    const ok = result === scene.expect.result && missing.length === 0 && unexpected.length === 0;
    console.log(`\n${paint(1, scene.title)}`);
    console.log(`   verdict: ${paint(VERDICT_COLOR[result] ?? 0, result.toUpperCase())} — ${run.report?.headline ?? run.stderr.trim()}`);
    for (const finding of findings) console.log(describe(finding));
    for (const missingCheck of run.report?.notEvaluated ?? []) console.log(`   not evaluated: ${missingCheck.what}: ${missingCheck.reason}`);
    if (scene.keepSummary) {
      const path = join(tmpdir(), 'deploy-guard-demo-summary.md');
      copyFileSync(run.summaryFile, path);
      console.log(`   the job summary GitHub would show: ${path}`);
    }
    if (!ok) {
      console.log(paint(31, `   ✗ expected ${scene.expect.result} with ${scene.expect.ids.join(', ') || 'no findings'}` + (missing.length ? `; missing ${missing.join(', ')}` : '') + (unexpected.length ? `; unexpected ${unexpected.join(', ')}` : '')));
    }
    return ok;
  } finally {
    await github.close();
    repo.cleanup();
    void index;
  }
}

console.log(paint(1, 'deploy-guard demo — the outage of 9 July 2020, replayed on a real git repository (no AWS, no network)'));
let failures = 0;
for (const [index, scene] of SCENES.entries()) if (!(await play(scene, index))) failures++;
console.log(failures === 0 ? `\n${paint(32, 'Every link of the chain was caught.')}` : `\n${paint(31, `${failures} scene(s) did not end as expected.`)}`);
process.exitCode = failures === 0 ? 0 : 1;
