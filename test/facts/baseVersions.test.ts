// Files at a pull request's merge base, shared by the deploy-script scope and the promotion checks: each path
// is read once, a call's unread paths in one batch, and what git cannot give reads as missing or fails the
// caller that asked.
import { afterEach, describe, expect, it } from 'vitest';
import type { Blob } from '../../src/facts/git.js';
import { BaseVersions, baseVersionsOf } from '../../src/facts/pullRequest.js';
import type { ChangeSet } from '../../src/facts/types.js';
import { createRepo, type TestRepo } from '../support/gitRepo.js';

const FORK = 'f'.repeat(40);

function recording(answer: (spec: string) => Blob | undefined = (spec) => ({ ok: true, text: `text of ${spec}` })) {
  const batches: string[][] = [];
  const read = async (specs: string[]) => {
    batches.push(specs);
    const out = new Map<string, Blob>();
    for (const spec of specs) {
      const blob = answer(spec);
      if (blob) out.set(spec, blob);
    }
    return out;
  };
  return { batches, read };
}

describe('BaseVersions', () => {
  it('reads each path once, the unread paths of a call in one batch', async () => {
    const { batches, read } = recording();
    const versions = new BaseVersions('/nowhere', FORK, read);
    const first = versions.read(['a.tf', 'b.tf', 'a.tf']);
    const second = versions.read(['b.tf', 'c.tf']);
    expect(await first).toEqual(new Map([['a.tf', { ok: true, text: `text of ${FORK}:a.tf` }], ['b.tf', { ok: true, text: `text of ${FORK}:b.tf` }]]));
    expect([...(await second).keys()]).toEqual(['b.tf', 'c.tf']);
    expect(await versions.read(['c.tf', 'a.tf'])).toEqual(new Map([['c.tf', { ok: true, text: `text of ${FORK}:c.tf` }], ['a.tf', { ok: true, text: `text of ${FORK}:a.tf` }]]));
    expect(batches).toEqual([[`${FORK}:a.tf`, `${FORK}:b.tf`], [`${FORK}:c.tf`]]);
    expect(await versions.read([])).toEqual(new Map());
    expect(batches).toHaveLength(2);
  });

  it('a path git did not answer for reads as missing; a failed batch fails whoever asks for its paths', async () => {
    const versions = new BaseVersions('/nowhere', FORK, recording((spec) => (spec.endsWith('kept.tf') ? { ok: true, text: 'x' } : undefined)).read);
    expect(await versions.read(['kept.tf', 'gone.tf'])).toEqual(new Map([['kept.tf', { ok: true, text: 'x' }], ['gone.tf', { ok: false, reason: 'missing' }]]));

    const failing = new BaseVersions('/nowhere', FORK, () => Promise.reject(new Error('git cat-file exited with 128')));
    const unasked = failing.read(['x.tf']);
    await expect(unasked).rejects.toThrow('exited with 128');
    await expect(failing.read(['x.tf'])).rejects.toThrow('exited with 128');
  });
});

describe('baseVersionsOf (a real repository)', () => {
  let repo: TestRepo | undefined;
  afterEach(() => {
    repo?.cleanup();
    repo = undefined;
  });

  it('has the changed Terraform at the merge base, by its path there, already read', async () => {
    repo = createRepo({ 'live/prod/main.tf': 'ami = "ami-1"\n', 'live/prod/old.tf': 'x = 1\n', 'deploy/start.sh': 'aws s3 ls\n' });
    const fork = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-q', '-b', 'change');
    repo.write({ 'live/prod/main.tf': 'ami = "ami-2"\n', 'live/prod/old.tf': null, 'live/prod/new.tf': 'x = 1\n', 'deploy/start.sh': 'aws s3 cp\n' });
    const head = repo.commit('change', '2026-01-02T00:00:00Z');
    const changes: ChangeSet = {
      base: fork,
      head,
      mergeBase: fork,
      files: [
        { path: 'live/prod/main.tf', status: 'modified' },
        { path: 'live/prod/new.tf', previousPath: 'live/prod/old.tf', status: 'renamed' },
        { path: 'live/prod/added.tf', status: 'added' },
        { path: 'deploy/start.sh', status: 'modified' },
      ],
    };
    const versions = baseVersionsOf(repo.dir, changes);
    const blobs = await versions.read(['live/prod/main.tf', 'live/prod/old.tf', 'live/prod/added.tf']);
    expect(blobs).toEqual(
      new Map<string, Blob>([
        ['live/prod/main.tf', { ok: true, text: 'ami = "ami-1"\n' }],
        ['live/prod/old.tf', { ok: true, text: 'x = 1\n' }],
        ['live/prod/added.tf', { ok: false, reason: 'missing' }],
      ]),
    );
  });
});
