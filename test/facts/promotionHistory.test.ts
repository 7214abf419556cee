// The history search on a base branch of 500 merges: one `git log -G` per environment and a few
// batched blob reads, not one git process per file per commit.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_NEEDLE_CHARS, presenceHistory } from '../../src/facts/valueHistory.js';
import { createRepo, type TestRepo } from '../support/gitRepo.js';
import { API_MODULE, envMain } from '../fixtures/promotion/layouts.js';
import { brief, check, NOW, openPull } from '../fixtures/promotion/scenario.js';

const MERGES = 500;
const HOUR = 3600;
const ami = (n: number) => `ami-0${n.toString(16).padStart(16, '0')}`;

/** main with MERGES --no-ff merges, one per 2h up to 1h before NOW; every 50th moves the staging AMI, the rest touch other files. */
function bigHistory(): { repo: TestRepo; lastStagingAmi: string; lastMergeAt: number } {
  const dir = mkdtempSync(join(tmpdir(), 'dg-history-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  git('init', '-q', '-b', 'main');
  const end = Math.floor(NOW.getTime() / 1000) - HOUR;
  const start = end - MERGES * 2 * HOUR;
  const lines: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}`;
  const file = (path: string, text: string) => `M 100644 inline ${path}\n${data(text)}`;
  let mark = 1;
  lines.push(`commit refs/heads/main\nmark :${mark}\ncommitter T <t@example.com> ${start} +0000\n${data('initial\n')}`);
  lines.push(file('terraform/modules/api/main.tf', API_MODULE), file('terraform/staging/main.tf', envMain(ami(0))), file('terraform/prod/main.tf', envMain(ami(0))));
  for (let i = 0; i < 40; i++) lines.push(file(`terraform/staging/svc${i}.tf`, `locals {\n  n = 0\n}\n`), file(`terraform/prod/svc${i}.tf`, `locals {\n  n = 0\n}\n`));
  let main = mark;
  let stagingAmi = ami(0);
  let lastMergeAt = start;
  for (let m = 1; m <= MERGES; m++) {
    const mergedAt = start + m * 2 * HOUR;
    const authoredAt = mergedAt - 72 * HOUR;
    const topic = ++mark;
    lines.push(`commit refs/heads/topic\nmark :${topic}\ncommitter T <t@example.com> ${authoredAt} +0000\n${data(`change ${m}\n`)}from :${main}`);
    let change: string;
    if (m % 50 === 0) {
      stagingAmi = ami(m);
      change = file('terraform/staging/main.tf', envMain(stagingAmi));
    } else {
      change = file(`terraform/${m % 3 === 0 ? 'prod' : 'staging'}/svc${m % 40}.tf`, `locals {\n  n = ${m}\n}\n`);
    }
    lines.push(change);
    // fast-import starts a merge from its first parent's tree: the merge result is written out again.
    const merge = ++mark;
    lines.push(`commit refs/heads/main\nmark :${merge}\ncommitter T <t@example.com> ${mergedAt} +0000\n${data(`Merge change ${m}\n`)}from :${main}\nmerge :${topic}`, change);
    main = merge;
    lastMergeAt = mergedAt;
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: lines.join('\n') + '\n' });
  git('branch', '-q', '-D', 'topic');
  git('reset', '-q', '--hard', 'main');
  const repo: TestRepo = {
    dir,
    git,
    write: () => {
      throw new Error('use openPull');
    },
    commit: () => '',
    mergeBranch: () => '',
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  // openPull needs write/commit: give it the real ones.
  repo.write = (files) => {
    for (const [path, text] of Object.entries(files)) execFileSync('sh', ['-c', 'mkdir -p "$(dirname "$1")" && cat > "$1"', 'sh', path], { cwd: dir, input: text ?? '' });
  };
  repo.commit = (message, at) => {
    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', message], { cwd: dir, env: { ...process.env, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at } });
    return git('rev-parse', 'HEAD').trim();
  };
  return { repo, lastStagingAmi: stagingAmi, lastMergeAt };
}

describe(`history search on ${MERGES} merges`, () => {
  let history: ReturnType<typeof bigHistory>;
  beforeAll(() => {
    history = bigHistory();
  });
  afterAll(() => history.repo.cleanup());

  it('finds when the AMI entered staging (the merge time) and decides within seconds', async () => {
    const { repo, lastStagingAmi } = history;
    openPull(repo, { 'terraform/prod/main.tf': envMain(lastStagingAmi) });
    const started = performance.now();
    const report = await check(repo);
    const elapsed = performance.now() - started;
    // The last AMI move is merge 500, 1h before NOW (its branch commit is 73h old).
    expect(brief(report.findings)).toEqual(['DG302 error prod terraform/prod/main.tf:3:13']);
    expect(report.findings[0]?.message).toContain('1h ago; prod requires 24h in staging');
    expect(report.notes.find((note) => note.startsWith('Promotion'))).toContain('1 value(s) entering prod searched in 1 first-parent commit(s)');
    console.log(`promotion check on ${MERGES} merges: ${Math.round(elapsed)} ms`);
    expect(elapsed).toBeLessThan(15_000);
  });

  it('follows an AMI that came and went across the whole history', async () => {
    const { repo } = history;
    repo.git('checkout', '-q', '-B', 'pr', 'main');
    openPullAgain(repo, ami(250));
    const report = await check(repo);
    // ami(250) served staging from merge 250 to merge 300: 100h.
    expect(brief(report.findings)).toEqual([]);
    expect(report.notes.find((note) => note.startsWith('Promotion'))).toContain('searched in 2 first-parent commit(s)');
  });
});

function openPullAgain(repo: TestRepo, value: string): void {
  repo.git('checkout', '-q', 'main');
  repo.git('branch', '-q', '-D', 'pr');
  openPull(repo, { 'terraform/prod/main.tf': envMain(value) });
}

describe('values that cannot be searched', () => {
  it('counts a value too long to search for as never present (it blocks, it is never skipped)', async () => {
    const long = `v${'9'.repeat(MAX_NEEDLE_CHARS)}`;
    const small = createRepo({ 'staging/main.tf': `module "m" {\n  source = "git::https://x/m.git?ref=${long}"\n}\n` });
    try {
      const value = { kind: 'module' as const, key: 'git::https://x/m.git', value: long, label: long, needles: [long] };
      const result = await presenceHistory({ cwd: small.dir, base: 'HEAD', values: [value], belongs: () => true });
      expect([...result.intervals.values()]).toEqual([[]]);
      expect(result.commitsExamined).toBe(0);
    } finally {
      small.cleanup();
    }
  });
});
