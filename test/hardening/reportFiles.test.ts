// The report and SARIF files may be asked for inside the checkout (`sarif-file: deploy-guard.sarif`), and the
// checkout is the PR's content: a symlink planted at that path, or a linked folder above it, must not turn the
// action's own writes into a write anywhere on the runner.
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRepo, type TestRepo } from '../support/gitRepo.js';
import { runAction } from '../support/runAction.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function hostileCheckout(plant: (repo: TestRepo, outside: string) => void) {
  const outside = mkdtempSync(join(tmpdir(), 'dg-victim-'));
  writeFileSync(join(outside, 'victim'), 'ORIGINAL\n');
  const repo = createRepo({ 'README.md': '# infra\n' });
  cleanups.push(() => repo.cleanup(), () => rmSync(outside, { recursive: true, force: true }));
  const base = repo.git('rev-parse', 'HEAD').trim();
  repo.git('checkout', '-q', '-b', 'plant');
  plant(repo, outside);
  const head = repo.commit('plant', '2026-01-02T00:00:00Z');
  const event = { pull_request: { number: 7, title: 'plant', body: '', user: { login: 'dev' }, labels: [], head: { sha: head }, base: { sha: base, ref: 'main' } }, repository: { full_name: 'acme/infra' } };
  return { repo, outside, event };
}

describe('report files asked for inside the checkout', () => {
  it('replaces a symlink planted at sarif-file / report-file with the file, never writing where it points', async () => {
    const { repo, outside, event } = hostileCheckout((checkout, target) => {
      symlinkSync(join(target, 'victim'), join(checkout.dir, 'deploy-guard.sarif'));
      symlinkSync(join(target, 'victim'), join(checkout.dir, 'report.json'));
    });
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', event, inputs: { 'sarif-file': 'deploy-guard.sarif', 'report-file': 'report.json' } });
    expect(readFileSync(join(outside, 'victim'), 'utf8')).toBe('ORIGINAL\n');
    expect(run.outputs.result).toBe('pass');
    for (const name of ['deploy-guard.sarif', 'report.json']) expect(lstatSync(join(repo.dir, name)).isFile()).toBe(true);
    expect(run.sarif.version).toBe('2.1.0');
    expect(run.report.result).toBe('pass');
  });

  it('refuses a report folder that is a symlink out of the workspace: nothing written there, the run ends in error', async () => {
    const { repo, outside, event } = hostileCheckout((checkout, target) => symlinkSync(target, join(checkout.dir, 'out')));
    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', event, inputs: { 'report-file': 'out/reports/deploy-guard.json' } });
    expect(readdirSync(outside)).toEqual(['victim']);
    expect(run.outputs).toMatchObject({ result: 'error', blocked: 'true' });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain('out/reports/deploy-guard.json');
    expect(run.stdout).not.toContain(outside);
  });
});
