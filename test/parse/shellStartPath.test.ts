// A sourced helper is analysed once, whatever PATH the scripts sourcing it start with, unless its analysis
// says the start PATH went into it (startPathUsed). This checks the promise the flag makes: without it, the
// analysis with any start PATH is the analysis without one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseShell } from '../../src/parse/shell.js';

/** Lines a deploy script or helper has, PATH handling of every kind among them. */
const LINES = [
  'aws s3 ls',
  'jq . /etc/app.json',
  '/usr/bin/aws ecr get-login-password',
  'export PATH=/usr/local/bin:/usr/bin:/bin:/opt/app/bin',
  'PATH=/opt/tools/bin',
  'PATH=$PATH:/opt/extra/bin',
  'export PATH="/opt/first/bin:${PATH}"',
  'PATH+=:/opt/appended/bin',
  'PATH=/opt/one/bin:$PATH jq .',
  'env PATH=$PATH:/opt/env/bin aws sts get-caller-identity',
  'case ":$PATH:" in *:/opt/case/bin:*) ;; *) PATH="/opt/case/bin:$PATH" ;; esac',
  'if [ -d /opt/cond/bin ]; then PATH=/opt/cond/bin:$PATH; fi',
  '( PATH=/sub/bin; aws s3 ls )',
  'OLD_PATH=$PATH',
  'echo "$PATH"',
  "bash -c 'PATH=$PATH:/opt/inner/bin; aws s3 ls'",
  "bash -c 'aws s3 ls; systemctl restart app'",
  'sudo -u app aws s3 sync s3://b /srv',
  'log() { printf "%s\\n" "$*"; }',
  'log deploying',
  'source ./lib.sh',
  '. "$(dirname "$0")/common.sh"',
  'command -v aws >/dev/null || exit 1',
  "echo '*/5 * * * * root /usr/local/bin/aws s3 ls' > /etc/cron.d/sync",
  'cp bin/app /usr/local/bin/app',
  'for d in /opt/a/bin /opt/b/bin; do PATH=$d:$PATH; done',
  'AWS=$(command -v aws)',
  '"$AWS" s3 ls',
];

const scripts = fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 8 }).map((lines) => `#!/bin/bash\n${lines.join('\n')}\n`);
const startPaths = fc.constantFrom<string[][]>(['/usr/local/bin', '/usr/bin', '/bin'], ['/opt/run/bin', '/usr/bin'], ['/bin']);

describe('startPathUsed', () => {
  it('is absent only when the analysis is the same for every start PATH', async () => {
    const seen = { used: 0, unused: 0 };
    await fc.assert(
      fc.asyncProperty(scripts, startPaths, async (text, path) => {
        const plain = await analyseShell(text);
        const withPath = await analyseShell(text, { path });
        if (plain.startPathUsed) {
          seen.used++;
          expect(withPath.startPathUsed).toBe(true);
          return;
        }
        seen.unused++;
        expect(withPath).toEqual(plain);
      }),
      { seed: 20_261_126, numRuns: 400 },
    );
    // Both kinds were generated: the property was not checked on one side only.
    expect(seen.used).toBeGreaterThan(50);
    expect(seen.unused).toBeGreaterThan(50);
  });

  it('is set by each way a script reads the start PATH, and not by an absolute PATH', async () => {
    const used = async (text: string) => (await analyseShell(`${text}\naws s3 ls\n`)).startPathUsed === true;
    expect(await used('export PATH=/usr/local/bin:/usr/bin:/opt/app/bin')).toBe(false);
    expect(await used('OLD=$PATH; echo "$PATH"')).toBe(false); // read, but not where a PATH is built
    expect(await used('PATH=$PATH:/opt/x/bin')).toBe(true);
    expect(await used('PATH+=:/opt/x/bin')).toBe(true);
    expect(await used('PATH=/opt/a/bin; PATH+=:/opt/x/bin')).toBe(false); // appends to its own
    expect(await used('env PATH=$PATH:/opt/x/bin jq .')).toBe(true);
    expect(await used("bash -c 'PATH=$PATH:/opt/x/bin; aws s3 ls'")).toBe(true); // in an embedded script
  });
});
