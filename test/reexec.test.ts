// When the entry point starts the action a second time with --liftoff-only, and its flags (src/reexec.ts). The second process
// itself is tested end to end in e2e/entry.test.ts (forced, on whatever Node runs the tests).
import { afterEach, describe, expect, it } from 'vitest';
import { changedPathsSince, isDocumentation, secondProcessFlags, statedBase, wantsReexec, type EntryState } from '../src/reexec.js';
import { createRepo, type TestRepo } from './support/gitRepo.js';

const BASE = 'a'.repeat(40);
const pr = (changed: unknown, base: unknown = BASE) => ({ pull_request: { number: 7, changed_files: changed, base: { sha: base, ref: 'main' } } });

function state(overrides: Partial<EntryState> = {}): EntryState & { asked: string[] } {
  const asked: string[] = [];
  return {
    env: {},
    execArgv: [],
    nodeMajor: 24,
    payload: pr(10),
    changedPaths: (base) => {
      asked.push(base);
      return ['terraform/prod/main.tf'];
    },
    ...overrides,
    asked,
  };
}

describe('wantsReexec', () => {
  it('re-executes a pull request on Node 22+, whatever its size, and asks git which files it changes', () => {
    const s = state();
    expect(wantsReexec(s)).toBe(true);
    expect(s.asked).toEqual([BASE]);
    expect(wantsReexec(state({ nodeMajor: 22, payload: pr(300) }))).toBe(true);
    expect(wantsReexec(state({ payload: pr(5081) }))).toBe(true);
  });

  it('re-executes other events on Node 22+ (an audit, a preflight), without asking git', () => {
    for (const payload of [{ schedule: '0 6 * * *' }, { inputs: { 'ami-id': 'ami-0123456789abcdef0' } }, undefined]) {
      const s = state({ payload });
      expect(wantsReexec(s)).toBe(true);
      expect(s.asked).toEqual([]);
    }
  });

  it('keeps one process on Node 20, without asking git', () => {
    for (const s of [state({ nodeMajor: 20 }), state({ nodeMajor: 20, payload: pr(5081) }), state({ nodeMajor: 20, payload: { schedule: '0 6 * * *' } })]) {
      expect(wantsReexec(s)).toBe(false);
      expect(s.asked).toEqual([]);
    }
  });

  it('keeps one process for a change of documentation only, or of nothing', () => {
    expect(wantsReexec(state({ changedPaths: () => ['README.md', 'docs/runbooks/deploys.md', 'docs/img/flow.PNG'] }))).toBe(false);
    expect(wantsReexec(state({ changedPaths: () => [] }))).toBe(false);
    expect(wantsReexec(state({ changedPaths: () => ['README.md', 'deploy/start.sh'] }))).toBe(true);
  });

  it('re-executes when git cannot tell, or the event names no usable base', () => {
    expect(wantsReexec(state({ changedPaths: () => undefined }))).toBe(true);
    const noBase = { pull_request: { number: 7, changed_files: 10 } };
    for (const payload of [noBase, ...['main', 'A'.repeat(40), `${BASE}\n`, '--output=/tmp/x'].map((base) => pr(10, base))]) {
      const s = state({ payload });
      expect(wantsReexec(s)).toBe(true);
      expect(s.asked).toEqual([]);
    }
  });

  it('follows DEPLOY_GUARD_REEXEC, and never re-executes the second process', () => {
    expect(wantsReexec(state({ env: { DEPLOY_GUARD_REEXEC: '1' }, nodeMajor: 20 }))).toBe(true);
    expect(wantsReexec(state({ env: { DEPLOY_GUARD_REEXEC: '1' }, changedPaths: () => ['README.md'] }))).toBe(true);
    expect(wantsReexec(state({ env: { DEPLOY_GUARD_REEXEC: '0' } }))).toBe(false);
    expect(wantsReexec(state({ env: { DEPLOY_GUARD_REEXEC: '0' }, payload: { schedule: '0 6 * * *' } }))).toBe(false);
    expect(wantsReexec(state({ env: { DEPLOY_GUARD_REEXEC: '1' }, execArgv: ['--liftoff-only'] }))).toBe(false);
  });
});

describe('secondProcessFlags', () => {
  const LATER_TURBOFAN = '--invocation-count-for-turbofan=90000';

  it('starts Liftoff-only with a smaller young generation and a later TurboFan', () => {
    expect(secondProcessFlags({}, [], 24)).toEqual(['--liftoff-only', '--max-semi-space-size=8', LATER_TURBOFAN]);
    expect(secondProcessFlags({}, [], 22)).toEqual(['--liftoff-only', '--max-semi-space-size=8', LATER_TURBOFAN]);
    expect(secondProcessFlags({ NODE_OPTIONS: '--max-old-space-size=4096' }, ['--enable-source-maps'], 24)).toEqual(['--liftoff-only', '--max-semi-space-size=8', LATER_TURBOFAN]);
    // Forced on Node 20 (DEPLOY_GUARD_REEXEC=1): that V8's own threshold flag.
    expect(secondProcessFlags({}, [], 20)).toEqual(['--liftoff-only', '--max-semi-space-size=8', '--interrupt-budget=1081344']);
  });

  it('keeps a young generation size the user chose, in NODE_OPTIONS or on the command line', () => {
    expect(secondProcessFlags({ NODE_OPTIONS: '--max-semi-space-size=32' }, [], 24)).toEqual(['--liftoff-only', LATER_TURBOFAN]);
    expect(secondProcessFlags({ NODE_OPTIONS: '--max_semi_space_size=32' }, [], 24)).toEqual(['--liftoff-only', LATER_TURBOFAN]);
    expect(secondProcessFlags({}, ['--max-semi-space-size=64'], 24)).toEqual(['--liftoff-only', LATER_TURBOFAN]);
  });

  it('keeps a TurboFan threshold the user chose on the command line', () => {
    expect(secondProcessFlags({}, ['--invocation-count-for-turbofan=500'], 24)).toEqual(['--liftoff-only', '--max-semi-space-size=8']);
    expect(secondProcessFlags({}, ['--invocation_count_for_turbofan=500'], 24)).toEqual(['--liftoff-only', '--max-semi-space-size=8']);
  });
});

describe('isDocumentation and statedBase', () => {
  it('takes documentation and pictures only', () => {
    for (const path of ['README.md', 'docs/a.MD', 'notes.txt', 'guide.rst', 'x.adoc', 'a/b.svg', 'c.jpeg', 'd.pdf']) expect(isDocumentation(path), path).toBe(true);
    for (const path of ['deploy.sh', 'main.tf', 'appspec.yml', '.github/deploy-guard.yml', 'images/base.json', 'README', 'md', 'x.md.sh', 'Makefile']) expect(isDocumentation(path), path).toBe(false);
  });

  it('reads pull_request.base.sha only when it is a full object id', () => {
    expect(statedBase(pr(1))).toBe(BASE);
    expect(statedBase(pr(1, 'b'.repeat(64)))).toBe('b'.repeat(64));
    for (const payload of [undefined, null, {}, { pull_request: {} }, pr(1, 'abc123'), pr(1, 42)]) expect(statedBase(payload)).toBeUndefined();
  });
});

describe('changedPathsSince (a real repository)', () => {
  let repo: TestRepo | undefined;
  afterEach(() => {
    repo?.cleanup();
    repo = undefined;
  });

  it('lists what the branch changed since its merge base, renames as both paths', () => {
    repo = createRepo({ 'README.md': '# infra\n', 'deploy/start.sh': '#!/bin/bash\naws s3 ls\n', 'docs/old.md': 'old\n' });
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-q', '-b', 'change');
    repo.write({ 'README.md': '# infra\n\nMore.\n', 'docs/old.md': null, 'docs/new name.md': 'old\n' });
    repo.commit('docs', '2026-01-02T00:00:00Z');
    // A commit on the base branch after the branch point is not the pull request's change.
    repo.git('checkout', '-q', 'main');
    repo.write({ 'deploy/start.sh': '#!/bin/bash\n/usr/local/bin/aws s3 ls\n' });
    const later = repo.commit('later on main', '2026-01-03T00:00:00Z');
    repo.git('checkout', '-q', 'change');
    expect(changedPathsSince(repo.dir, later)?.sort()).toEqual(['README.md', 'docs/new name.md', 'docs/old.md']);
    expect(changedPathsSince(repo.dir, base)?.sort()).toEqual(['README.md', 'docs/new name.md', 'docs/old.md']);
  });

  it('cannot tell for a base the checkout does not have, or outside a repository', () => {
    repo = createRepo({ 'README.md': '# infra\n' });
    expect(changedPathsSince(repo.dir, 'c'.repeat(40))).toBeUndefined();
    expect(changedPathsSince('/', BASE)).toBeUndefined();
  });
});
