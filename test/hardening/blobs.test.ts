// The second reader of repository content: files at base revisions, read from git in batches (readBlobs).
// Same promises as the working-tree reader: sizes first, nothing over the cap is read, binary and broken
// UTF-8 are refused, and one hostile entry never shifts the answers of the others in its batch.
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBlobs } from '../../src/facts/git.js';
import { createRepo, type TestRepo } from '../support/gitRepo.js';

let repo: TestRepo;
let rev: string;
const CAP = 64 * 1024;

beforeAll(() => {
  repo = createRepo({
    'ok.tf': 'locals {\n  x = 1\n}\n',
    'big.tf': `# ${'x'.repeat(CAP)}\n`,
    'edge.tf': 'e'.repeat(CAP),
    'new\nline.tf': 'locals {}\n',
    'dir/inner.tf': 'locals {}\n',
    ...Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`many/${i}.tf`, `# file ${i}\n`])),
    ...Object.fromEntries(Array.from({ length: 128 }, (_, i) => [`large/${i}.tf`, `# ${i} ${'x'.repeat(60 * 1024)}\n`])),
  });
  writeFileSync(join(repo.dir, 'binary.tf'), Buffer.from('locals {\0}\n'));
  writeFileSync(join(repo.dir, 'latin1.tf'), Buffer.from('# caf\xe9\n', 'latin1'));
  symlinkSync('/etc/hostname', join(repo.dir, 'link.tf'));
  rev = repo.commit('hostile blobs', '2026-01-02T00:00:00Z');
});
afterAll(() => repo?.cleanup());

describe('readBlobs under hostile input', () => {
  it('answers each spec for itself in one mixed batch: over the cap, binary, not UTF-8, a folder, missing, a newline', async () => {
    const specs = ['ok.tf', 'big.tf', 'binary.tf', 'latin1.tf', 'dir', 'nope.tf', 'new\nline.tf', 'edge.tf', 'dir/inner.tf'].map((path) => `${rev}:${path}`);
    const blobs = await readBlobs(repo.dir, specs, CAP);
    const reasons = Object.fromEntries(specs.map((spec) => [spec.slice(41), blobs.get(spec)]));
    expect(reasons).toEqual({
      'ok.tf': { ok: true, text: 'locals {\n  x = 1\n}\n' },
      'big.tf': { ok: false, reason: 'too-large' },
      'binary.tf': { ok: false, reason: 'binary' },
      'latin1.tf': { ok: false, reason: 'not-utf8' },
      dir: { ok: false, reason: 'missing' },
      'nope.tf': { ok: false, reason: 'missing' },
      'new\nline.tf': { ok: false, reason: 'missing' },
      'edge.tf': { ok: true, text: 'e'.repeat(CAP) },
      'dir/inner.tf': { ok: true, text: 'locals {}\n' },
    });
  });

  it('reads a symlink as the link, never the file it points to', async () => {
    const blobs = await readBlobs(repo.dir, [`${rev}:link.tf`], CAP);
    expect(blobs.get(`${rev}:link.tf`)).toEqual({ ok: true, text: '/etc/hostname' });
  });

  it('keeps 300 specs in order across batches of 256', async () => {
    const specs = Array.from({ length: 300 }, (_, i) => `${rev}:many/${i}.tf`);
    const blobs = await readBlobs(repo.dir, [...specs, `${rev}:big.tf`], CAP);
    specs.forEach((spec, i) => expect(blobs.get(spec)).toEqual({ ok: true, text: `# file ${i}\n` }));
    expect(blobs.get(`${rev}:big.tf`)).toEqual({ ok: false, reason: 'too-large' });
  });

  it('answers megabytes in a few turns of a busy event loop, and leaves no temporary files', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'dg-runner-temp-'));
    const saved = process.env.RUNNER_TEMP;
    process.env.RUNNER_TEMP = temp;
    try {
      // This thread works in 20 ms stretches, as a run's analysis does: git's output must not wait on it.
      // Through a 64 KiB pipe, these 8 MiB took 38 turns here, against 5 for one small file; through files, 6.
      const busyTurns = async <T>(work: Promise<T>): Promise<{ value: T; turns: number }> => {
        let settled = false;
        const watched = work.finally(() => (settled = true));
        let turns = 0;
        while (!settled && turns < 200) {
          const until = Date.now() + 20;
          while (Date.now() < until); // busy
          await new Promise((resolve) => setImmediate(resolve));
          turns++;
        }
        return { value: await watched, turns };
      };
      const small = await busyTurns(readBlobs(repo.dir, [`${rev}:ok.tf`], CAP));
      const specs = Array.from({ length: 128 }, (_, i) => `${rev}:large/${i}.tf`);
      const { value: blobs, turns } = await busyTurns(readBlobs(repo.dir, specs, CAP * 2));
      expect(turns).toBeLessThan(small.turns + 12);
      specs.forEach((spec, i) => expect(blobs.get(spec)).toEqual({ ok: true, text: `# ${i} ${'x'.repeat(60 * 1024)}\n` }));
      await expect(readBlobs(join(repo.dir, 'no-such-folder'), specs, CAP)).rejects.toThrow();
      expect(readdirSync(temp)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.RUNNER_TEMP;
      else process.env.RUNNER_TEMP = saved;
      rmSync(temp, { recursive: true, force: true });
    }
  });
});
