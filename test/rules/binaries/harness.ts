// Runs the binaries rules through the real engine on a real git repository built from a fixture folder.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseConfig } from '../../../src/config/load.js';
import { buildSettings, DEFAULT_INPUTS, type Inputs } from '../../../src/config/settings.js';
import { runChecks } from '../../../src/engine/run.js';
import { Journal, type RunContext } from '../../../src/facts/context.js';
import type { Gatherers } from '../../../src/facts/registry.js';
import type { Finding, Mode, RunReport } from '../../../src/model.js';
import { BINARY_RULES } from '../../../src/rules/binaries/index.js';
import { findRule } from '../../../src/rules/index.js';
import type { Rule } from '../../../src/rules/types.js';
import { createRepo, type TestRepo } from '../../support/gitRepo.js';

export const FIXTURES = resolve(import.meta.dirname, '../../fixtures/binaries');
export const NOW = new Date('2026-03-10T12:00:00Z');

/** Every file of a fixture folder (and optional overlays), as a map for createRepo/write. */
export function fixtureFiles(...names: string[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of names) {
    const root = join(FIXTURES, name);
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else files[relative(root, path).split('\\').join('/')] = readFileSync(path, 'utf8');
      }
    };
    walk(root);
  }
  return files;
}

export function repoFrom(...names: string[]): TestRepo {
  return createRepo(fixtureFiles(...names), '2026-03-01T00:00:00Z');
}

/** Opens a PR branch from main, commits `files` on it, and leaves it checked out. */
export function openPull(repo: TestRepo, files: Record<string, string | null>): void {
  repo.git('checkout', '-q', '-b', 'pr', 'main');
  repo.write(files);
  repo.commit('the change under review', '2026-03-10T11:00:00Z');
}

export interface CheckOptions {
  mode?: Mode;
  inputs?: Partial<Inputs>;
  rules?: readonly Rule[];
  gatherers?: Partial<Gatherers>;
}

export function contextFor(repo: TestRepo, options: CheckOptions = {}): RunContext {
  const mode = options.mode ?? 'audit';
  let config: string | undefined;
  try {
    config = readFileSync(join(repo.dir, '.github/deploy-guard.yml'), 'utf8');
  } catch {
    config = undefined;
  }
  const inputs = { ...DEFAULT_INPUTS, ...options.inputs };
  const settings = buildSettings(config === undefined ? undefined : parseConfig(config, '.github/deploy-guard.yml'), config === undefined ? undefined : '.github/deploy-guard.yml', inputs, findRule);
  const base = mode === 'pr' ? repo.git('rev-parse', 'main').trim() : undefined;
  const head = repo.git('rev-parse', 'HEAD').trim();
  return {
    settings,
    mode,
    workspace: repo.dir,
    now: NOW,
    event: {
      name: mode === 'pr' ? 'pull_request' : mode === 'audit' ? 'schedule' : 'workflow_dispatch',
      payload: mode === 'pr' ? { pull_request: { number: 7, title: 'change', body: '', user: { login: 'dev' }, labels: [], head: { sha: head }, base: { sha: base, ref: 'main' } } } : {},
      repository: { owner: 'acme', repo: 'infra' },
    },
    log: { info: () => {}, warning: () => {}, debug: () => {} },
    version: 'test',
    journal: new Journal(),
  };
}

export async function check(repo: TestRepo, options: CheckOptions = {}): Promise<RunReport> {
  return runChecks(contextFor(repo, options), { rules: options.rules ?? BINARY_RULES, ...(options.gatherers ? { gatherers: options.gatherers } : {}) });
}

/** 'DG201 error staging app/scripts/start.sh:6' — the parts of a finding the tests pin. */
export function brief(findings: readonly Finding[], ...ids: string[]): string[] {
  return findings
    .filter((finding) => ids.length === 0 || ids.includes(finding.id))
    .map((finding) => [finding.id, finding.level, finding.environment ?? '-', finding.file ? `${finding.file}${finding.line ? `:${finding.line}` : ''}` : '-'].join(' '))
    .sort();
}
