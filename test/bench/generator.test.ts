// The benchmark's generator must not rot: at a tiny scale it still builds the repository the benchmark
// measures (counts, merge history, the three pull-request branches), deterministically, and the
// deploy-guard parsers read what it writes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRepo, planCounts, type BenchSummary } from '../../bench/generate.mjs';
import { analyseAppspec } from '../../src/parse/appspec.js';
import { analyseTerraform } from '../../src/parse/terraform.js';

const SCALE = 0.02;
const temp = mkdtempSync(join(tmpdir(), 'dg-bench-gen-'));
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('bench/generate.mjs', () => {
  let summary: BenchSummary;

  it('generates the planned repository at a tiny scale', () => {
    summary = generateRepo({ scale: SCALE, dir: join(temp, 'a') });
    const counts = planCounts(SCALE);
    expect(summary.files.tf).toBe(counts.tfFiles);
    expect(summary.files.roots).toBe(counts.roots);
    expect(summary.files.modules).toBe(counts.modules);
    expect(summary.files.appspecs).toBe(counts.appspecs);
    expect(summary.files.scripts).toBe(counts.scripts);
    expect(summary.files.tfvars).toBe(counts.roots);
    expect(summary.files.manifests).toBeGreaterThan(0);
    expect(summary.files.templates).toBeGreaterThan(0);
    expect(summary.merges).toBe(counts.merges);
    // A real git history: first-parent merges with backdated, increasing committer times.
    const dir = summary.dir;
    expect(Number(git(dir, 'rev-list', '--merges', '--count', 'main'))).toBe(counts.merges);
    const times = git(dir, 'log', '--first-parent', '--format=%ct', 'main').split('\n').map(Number);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(git(dir, 'rev-parse', 'main')).toBe(summary.base);
  }, 60_000);

  it('opens the three benchmark pull requests as worktrees on branches from main', () => {
    const { branches, base } = summary;
    const changed = (name: 'typical' | 'everything' | 'docs') => git(branches[name].dir, 'diff', '--name-only', base, 'HEAD').split('\n').filter(Boolean);
    expect(changed('typical')).toHaveLength(10);
    expect(changed('typical').sort()).toEqual([...summary.typicalFiles].sort());
    expect(changed('everything')).toHaveLength(Number(git(summary.dir, 'ls-files').split('\n').length));
    expect(changed('docs').every((path) => path.endsWith('.md'))).toBe(true);
    for (const name of ['typical', 'everything', 'docs'] as const) expect(git(branches[name].dir, 'rev-parse', 'HEAD')).toBe(branches[name].head);
  });

  it('writes content the parsers read: module calls, AMI ids, user data, appspec hooks', async () => {
    const dir = summary.dir;
    const files = git(dir, 'ls-files').split('\n');
    const rootMain = files.find((path) => /^live\/dev\/[^/]+\/[^/]+\/main\.tf$/.test(path))!;
    const main = await analyseTerraform(readFileSync(join(dir, rootMain), 'utf8'), { fileName: rootMain });
    expect(main.parseErrors).toEqual([]);
    expect(main.modules.some((call) => call.local)).toBe(true);
    expect(main.modules.some((call) => call.version !== undefined)).toBe(true);
    const tfvars = files.find((path) => path.endsWith('terraform.tfvars'))!;
    expect((await analyseTerraform(readFileSync(join(dir, tfvars), 'utf8'), { fileName: tfvars })).amis.length).toBeGreaterThan(0);
    const service = files.find((path) => /^modules\/services\/[^/]+\/main\.tf$/.test(path))!;
    const module = await analyseTerraform(readFileSync(join(dir, service), 'utf8'), { fileName: service });
    expect(module.parseErrors).toEqual([]);
    expect(module.embeddedScripts.length + module.scriptFiles.length).toBeGreaterThan(0);
    const appspec = files.find((path) => path.endsWith('appspec.yml'))!;
    const spec = analyseAppspec(readFileSync(join(dir, appspec), 'utf8'));
    expect(spec.problems).toEqual([]);
    expect(spec.hooks.length).toBeGreaterThanOrEqual(6);
  });

  it('is deterministic: the same seed gives the same commits, and reuses a complete repository', () => {
    const again = generateRepo({ scale: SCALE, dir: join(temp, 'b') });
    expect(again.base).toBe(summary.base);
    expect(again.branches.everything.head).toBe(summary.branches.everything.head);
    expect(generateRepo({ scale: SCALE, dir: join(temp, 'b') }).reused).toBe(true);
  }, 60_000);
});
