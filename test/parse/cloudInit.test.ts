import { describe, expect, it } from 'vitest';
import { analyseCloudInit, isCloudConfig } from '../../src/parse/cloudInit.js';

describe('isCloudConfig', () => {
  it('recognises the #cloud-config header only on the first line', () => {
    expect(isCloudConfig('#cloud-config\nruncmd: []\n')).toBe(true);
    expect(isCloudConfig('\uFEFF#cloud-config\r\n')).toBe(true);
    expect(isCloudConfig('#!/bin/bash\n#cloud-config\n')).toBe(false);
    expect(isCloudConfig('#cloud-configuration\n')).toBe(false);
  });
});

describe('analyseCloudInit', () => {
  it('reads runcmd and bootcmd in string and list form with positions', () => {
    const doc = analyseCloudInit(`#cloud-config
packages:
  - jq
  - [awscli, 1.18]
write_files:
  - path: /usr/local/bin/render-config
    permissions: '0755'
    content: |
      #!/bin/sh
bootcmd:
  - echo booting
runcmd:
  - /usr/bin/aws s3 cp s3://b/app.tgz /tmp/app.tgz
  - [ /usr/bin/aws, s3, ls ]
  - "systemctl restart app"
  - |
    set -e
    /usr/bin/aws --version
  - [ sh, -c, "/usr/bin/aws sts get-caller-identity" ]
`);
    expect(doc.problems).toEqual([]);
    expect(doc.packages).toEqual(['jq', 'awscli']);
    expect(doc.writes).toEqual(['/usr/local/bin/render-config']);
    const summary = doc.commands.map((command) => ({
      key: command.key,
      form: command.form,
      text: command.text,
      argv: command.argv?.map((word) => `${word.value}@${word.line}:${word.column}`),
      lines: command.lines?.map((pos) => `${pos.line}:${pos.column}`),
    }));
    expect(summary).toEqual([
      { key: 'bootcmd', form: 'shell', text: 'echo booting', argv: undefined, lines: ['11:5'] },
      { key: 'runcmd', form: 'shell', text: '/usr/bin/aws s3 cp s3://b/app.tgz /tmp/app.tgz', argv: undefined, lines: ['13:5'] },
      { key: 'runcmd', form: 'argv', text: undefined, argv: ['/usr/bin/aws@14:7', 's3@14:21', 'ls@14:25'], lines: undefined },
      { key: 'runcmd', form: 'shell', text: 'systemctl restart app', argv: undefined, lines: ['15:6'] },
      { key: 'runcmd', form: 'shell', text: 'set -e\n/usr/bin/aws --version\n', argv: undefined, lines: ['17:5', '18:5', '19:5'] },
      { key: 'runcmd', form: 'argv', text: undefined, argv: ['sh@19:7', '-c@19:11', '/usr/bin/aws sts get-caller-identity@19:16'], lines: undefined },
    ]);
  });

  it('reports what is not cloud-config with a line, never throws', () => {
    expect(analyseCloudInit('#cloud-config\nruncmd: "not a list"\n').problems).toEqual([{ line: 2, column: 9, message: '`runcmd` must be a list' }]);
    expect(analyseCloudInit('#cloud-config\nruncmd: [unclosed\n').problems.length).toBeGreaterThan(0);
    expect(analyseCloudInit('#cloud-config\n').commands).toEqual([]);
  });
});
