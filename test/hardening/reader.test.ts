// The one reader of repository files, under hostile input: it never reads past the cap, never decodes
// binary or broken UTF-8 as text, and never follows a link out of the workspace. Bytes are counted at the
// file-handle level, so "not read" means not a single byte.
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import type * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_FILE_BYTES, readRepoFile } from '../../src/facts/workspace.js';

const io = vi.hoisted(() => ({ opened: [] as string[], bytesRead: 0, beforeOpen: undefined as ((path: string) => void) | undefined }));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  const openSync = (...args: Parameters<typeof real.openSync>) => {
    const path = String(args[0]);
    io.beforeOpen?.(path);
    io.opened.push(path);
    return real.openSync(...args);
  };
  const readSync = (...args: Parameters<typeof real.readSync>) => {
    const bytesRead = (real.readSync as (...a: unknown[]) => number)(...args);
    io.bytesRead += bytesRead;
    return bytesRead;
  };
  return { ...real, openSync, readSync, default: { ...real, openSync, readSync } };
});

let root: string;
let outside: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dg-hostile-ws-'));
  outside = mkdtempSync(join(tmpdir(), 'dg-hostile-outside-'));
  io.opened = [];
  io.bytesRead = 0;
  io.beforeOpen = undefined;
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

function write(path: string, content: string | Buffer): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), content);
}

describe('readRepoFile under hostile input', () => {
  it('does not read a single byte of a 1 GiB policy-relevant file (sparse), and says why', async () => {
    write('terraform/prod/huge.tf', '');
    truncateSync(join(root, 'terraform/prod/huge.tf'), 1024 ** 3);
    const started = performance.now();
    const read = await readRepoFile(root, 'terraform/prod/huge.tf');
    expect(read).toEqual({ ok: false, path: 'terraform/prod/huge.tf', reason: 'too-large', detail: `1073741824 bytes, over the ${MAX_FILE_BYTES}-byte cap; not read` });
    expect(io.opened).toEqual([]);
    expect(io.bytesRead).toBe(0);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('reads at most the cap of a file that grows between measuring and reading', async () => {
    write('deploy/grows.sh', 'x'.repeat(1000));
    io.beforeOpen = (path) => {
      if (path.endsWith('grows.sh')) appendFileSync(path, 'y'.repeat(1_000_000));
    };
    const read = await readRepoFile(root, 'deploy/grows.sh', 1000);
    expect(read).toMatchObject({ ok: true, text: 'x'.repeat(1000) });
    expect(io.bytesRead).toBe(1000);
  });

  it.each([
    ['deploy/tool.sh', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00])],
    ['terraform/staging/state.tf', Buffer.concat([Buffer.from('resource "x" "y" {}\n'), Buffer.from([0])])],
  ])('refuses binary content in %s (NUL bytes), never as text', async (path, bytes) => {
    write(path, bytes);
    expect(await readRepoFile(root, path)).toEqual({ ok: false, path, reason: 'binary', detail: 'contains NUL bytes (binary file)' });
  });

  it.each([
    ['Latin-1', Buffer.from('echo "caf\xe9"\n', 'latin1')],
    ['a truncated sequence', Buffer.from([0x65, 0x63, 0x68, 0x6f, 0x20, 0xe2, 0x82])],
    ['an overlong slash', Buffer.from([0x2f, 0xc0, 0xaf, 0x62, 0x69, 0x6e])],
    ['a UTF-16 surrogate', Buffer.from([0x61, 0xed, 0xa0, 0x80])],
  ])('refuses invalid UTF-8 (%s) instead of guessing', async (_, bytes) => {
    write('deploy/start.sh', bytes);
    expect(await readRepoFile(root, 'deploy/start.sh')).toMatchObject({ ok: false, reason: 'not-utf8', detail: 'not valid UTF-8' });
  });

  it('never follows a symlink to a file outside the workspace, and never names its target', async () => {
    writeFileSync(join(outside, 'credentials'), 'aws_secret_access_key = TOPSECRET\n');
    mkdirSync(join(root, 'deploy'));
    symlinkSync(join(outside, 'credentials'), join(root, 'deploy/start.sh'));
    const read = await readRepoFile(root, 'deploy/start.sh');
    expect(read).toMatchObject({ ok: false, path: 'deploy/start.sh', reason: 'symlink-outside' });
    expect(JSON.stringify(read)).not.toContain(outside);
    expect(JSON.stringify(read)).not.toContain('TOPSECRET');
    expect(io.opened).toEqual([]);
  });

  it('never reads through a symlinked folder that leaves the workspace', async () => {
    writeFileSync(join(outside, 'start.sh'), 'echo TOPSECRET\n');
    symlinkSync(outside, join(root, 'scripts'));
    const read = await readRepoFile(root, 'scripts/start.sh');
    expect(read).toMatchObject({ ok: false, path: 'scripts/start.sh', reason: 'symlink-outside' });
    expect(JSON.stringify(read)).not.toContain(outside);
    expect(io.bytesRead).toBe(0);
  });

  it('ends a symlink loop at once, as a link that does not resolve', async () => {
    mkdirSync(join(root, 'deploy'));
    symlinkSync('b.sh', join(root, 'deploy/a.sh'));
    symlinkSync('a.sh', join(root, 'deploy/b.sh'));
    symlinkSync('.', join(root, 'deploy/self'));
    const started = performance.now();
    expect(await readRepoFile(root, 'deploy/a.sh')).toMatchObject({ ok: false, reason: 'symlink-outside', detail: expect.stringContaining('loop') });
    expect(await readRepoFile(root, `deploy/${'self/'.repeat(200)}a.sh`)).toMatchObject({ ok: false });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(io.bytesRead).toBe(0);
  });

  it('still reads a symlink that stays inside the workspace', async () => {
    write('deploy/real.sh', 'echo ok\n');
    symlinkSync('real.sh', join(root, 'deploy/start.sh'));
    expect(await readRepoFile(root, 'deploy/start.sh')).toMatchObject({ ok: true, text: 'echo ok\n' });
  });

  it('reads names that only start like an escape (..hidden, a folder named ..x)', async () => {
    write('..hidden.sh', 'echo a\n');
    write('..x/run.sh', 'echo b\n');
    expect(await readRepoFile(root, '..hidden.sh')).toMatchObject({ ok: true, text: 'echo a\n' });
    expect(await readRepoFile(root, '..x/run.sh')).toMatchObject({ ok: true, text: 'echo b\n' });
  });

  it('reads a file exactly at the cap, and not one byte more', async () => {
    write('deploy/edge.sh', 'e'.repeat(4096));
    expect(await readRepoFile(root, 'deploy/edge.sh', 4096)).toMatchObject({ ok: true });
    expect(io.bytesRead).toBe(4096);
    write('deploy/over.sh', 'e'.repeat(4097));
    expect(await readRepoFile(root, 'deploy/over.sh', 4096)).toMatchObject({ ok: false, reason: 'too-large' });
    expect(io.bytesRead).toBe(4096);
  });

  it('gives each file its own bytes, whatever was read before it, small or large (one buffer serves many reads)', async () => {
    const files: [string, string][] = [
      ['a/large.sh', `#!/bin/bash\n${'x'.repeat(200_000)}\n`],
      ['a/small.sh', '#!/bin/sh\nls\n'],
      ['a/empty.sh', ''],
      ['a/larger-than-one-buffer.tf', `# ${'y'.repeat(600_000)}\n`],
      ['a/accents.sh', 'echo "déploiement ✓ 🚀"\n'],
      ['a/small-again.sh', 'aws s3 ls\n'],
    ];
    for (const [path, text] of files) write(path, text);
    for (const round of [files, [...files].reverse()]) {
      for (const [path, text] of round) expect(await readRepoFile(root, path), path).toEqual({ ok: true, path, text });
    }
    write('a/nul.bin', Buffer.from([0x23, 0x21, 0x00, 0x41]));
    expect(await readRepoFile(root, 'a/nul.bin')).toMatchObject({ ok: false, reason: 'binary' });
    expect(await readRepoFile(root, 'a/small.sh')).toEqual({ ok: true, path: 'a/small.sh', text: '#!/bin/sh\nls\n' });
  });
});
