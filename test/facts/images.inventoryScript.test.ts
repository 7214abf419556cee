// scripts/image-inventory.sh, run by POSIX shells against a temporary folder tree: what an image build writes.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/facts/images.js';

const SCRIPT = resolve(import.meta.dirname, '../../scripts/image-inventory.sh');
const SHELLS = ['sh', 'dash', 'bash', 'busybox'].filter((shell) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0);
const where = (program: string): string => execFileSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).trim();

let root: string;
/** A PATH with only the tools the script needs, so no curl/wget can reach a metadata service. */
let toolPath: string;

function executable(path: string, body = '#!/bin/sh\n'): void {
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, body);
  chmodSync(path, 0o755);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'dg-inventory-'));
  for (const name of ['aws', 'aws_completer', 'we"ird', 'back\\slash', 'with space', 'tab\there', 'new\nline', '.hidden', 'ünïcode']) executable(join(root, 'usr/local/bin', name));
  executable(join(root, 'usr/bin/jq'));
  writeFileSync(join(root, 'usr/bin/README'), 'not executable');
  mkdirSync(join(root, 'usr/bin/subdir'));
  symlinkSync(join(root, 'usr/bin/jq'), join(root, 'usr/bin/jq-link'));
  symlinkSync(join(root, 'nowhere'), join(root, 'usr/bin/dangling'));
  executable(join(root, 'opt/aws/bin/cfn-signal'));
  toolPath = join(root, 'tools');
  mkdirSync(toolPath);
  for (const tool of ['awk', 'sort', 'mktemp', 'tr', 'cat', 'cp', 'mv', 'rm']) {
    symlinkSync(where(tool), join(toolPath, tool));
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(shell: string, args: string[]) {
  return spawnSync(where(shell), [...(shell === 'busybox' ? ['sh'] : []), SCRIPT, ...args], {
    encoding: 'utf8',
    env: { PATH: toolPath, HOME: root, TMPDIR: root },
  });
}

describe.each(SHELLS)('image-inventory.sh under %s', (shell) => {
  it('lists every executable of the PATH folders and the extra folders, JSON-escaped, in a manifest deploy-guard accepts', () => {
    const scanned = `${root}/usr/local/bin:${root}/usr/bin:relative:${root}/missing`;
    const result = run(shell, ['-i', 'ami-0123456789abcdef0', '-p', scanned, `${root}/opt/aws/bin/`]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const manifest = parseManifest('images/out.json', result.stdout);
    expect(manifest.image).toBe('ami-0123456789abcdef0');
    // Relative entries are no place a deploy script can rely on: not recorded.
    expect(manifest.path).toEqual([`${root}/usr/local/bin`, `${root}/usr/bin`, `${root}/missing`]);
    expect(manifest.executables.map((path) => path.slice(root.length)).sort()).toEqual(
      [
        '/opt/aws/bin/cfn-signal',
        '/usr/bin/jq',
        '/usr/bin/jq-link',
        '/usr/local/bin/.hidden',
        '/usr/local/bin/aws',
        '/usr/local/bin/aws_completer',
        '/usr/local/bin/back\\slash',
        '/usr/local/bin/new\nline',
        '/usr/local/bin/tab\there',
        '/usr/local/bin/we"ird',
        '/usr/local/bin/with space',
        '/usr/local/bin/ünïcode',
      ].sort(),
    );
  });

  it('writes the file atomically with -o and fails clearly without an image id off EC2', () => {
    const out = join(root, `manifest-${shell}.json`);
    expect(run(shell, ['-i', 'ami-0123456789abcdef0', '-p', `${root}/opt/aws/bin`, '-o', out]).status).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({ image: 'ami-0123456789abcdef0', path: `${root}/opt/aws/bin`, executables: [`${root}/opt/aws/bin/cfn-signal`] });
    expect(existsSync(`${out}.tmp`)).toBe(false);

    const offline = run(shell, ['-p', `${root}/usr/bin`]);
    expect(offline.status).toBe(1);
    expect(offline.stderr).toContain('no -i IMAGE_ID given and the instance metadata service (IMDSv2) did not answer');
    expect(run(shell, ['-i', 'ami-1"; rm -rf /', '-p', `${root}/usr/bin`]).status).toBe(1);
    expect(run(shell, ['-x']).status).toBe(2);
  });

  it('writes an empty list for a folder without executables', () => {
    const result = run(shell, ['-i', 'IMAGE_ID', '-p', `${root}/opt/none`]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ image: 'IMAGE_ID', path: `${root}/opt/none`, executables: [] });
  });
});
