// Real git repositories in a temporary folder, with backdated commits and merge commits.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TestRepo {
  dir: string;
  git(...args: string[]): string;
  write(files: Record<string, string | null>): void;
  /** Commits everything at `at` (ISO). Returns the sha. */
  commit(message: string, at: string): string;
  /** Creates a branch from `from`, commits `files` on it at `authoredAt`, merges it with --no-ff at `mergedAt`. */
  mergeBranch(name: string, files: Record<string, string | null>, authoredAt: string, mergedAt: string): string;
  cleanup(): void;
}

export function createRepo(files: Record<string, string> = {}, at = '2026-01-01T00:00:00Z'): TestRepo {
  const dir = mkdtempSync(join(tmpdir(), 'dg-repo-'));
  const env = (date: string) => ({
    ...process.env,
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  });
  let lastDate = at;
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, env: env(lastDate), encoding: 'utf8' });
  const repo: TestRepo = {
    dir,
    git,
    write(changes) {
      for (const [path, content] of Object.entries(changes)) {
        const full = join(dir, path);
        if (content === null) unlinkSync(full);
        else {
          mkdirSync(dirname(full), { recursive: true });
          writeFileSync(full, content);
        }
      }
    },
    commit(message, when) {
      lastDate = when;
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD').trim();
    },
    mergeBranch(name, changes, authoredAt, mergedAt) {
      const mainBranch = git('rev-parse', '--abbrev-ref', 'HEAD').trim();
      git('checkout', '-q', '-b', name);
      repo.write(changes);
      repo.commit(`change on ${name}`, authoredAt);
      git('checkout', '-q', mainBranch);
      lastDate = mergedAt;
      git('merge', '-q', '--no-ff', '-m', `Merge ${name}`, name);
      return git('rev-parse', 'HEAD').trim();
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  git('init', '-q', '-b', 'main');
  git('config', 'commit.gpgsign', 'false');
  repo.write(files);
  repo.commit('initial', at);
  return repo;
}
