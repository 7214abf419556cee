import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FactStore } from '../../src/facts/registry.js';
import type { DeployScripts } from '../../src/facts/types.js';
import { contextFor, openPull, repoFrom } from '../rules/binaries/harness.js';
import { createRepo, type TestRepo } from '../support/gitRepo.js';

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

const CONFIG = `promotion: [staging, prod]
environments:
  staging:
    terraform: ["terraform/staging/**"]
  prod:
    terraform: ["terraform/prod/**"]
images:
  manifests: ["images/*.json"]
`;

async function scriptsOf(files: Record<string, string>, mode: 'audit' | 'pr' = 'audit'): Promise<{ scripts: DeployScripts; notes: string[] }> {
  repo = createRepo({ '.github/deploy-guard.yml': CONFIG, ...files });
  const context = contextFor(repo, { mode });
  const scripts = await new FactStore(context).get('deployScripts');
  return { scripts, notes: context.journal.notes };
}

/** 'file:line:column program' for every command, sorted. */
function commands(scripts: DeployScripts): string[] {
  return scripts.scripts.flatMap((script) => script.commands.map((command) => `${command.file}:${command.line}:${command.column} ${command.program}`)).sort();
}

describe('deploy script discovery and positions', () => {
  it('maps a #cloud-config user-data heredoc, string and list runcmd, back to the .tf lines', async () => {
    const { scripts } = await scriptsOf({
      'terraform/staging/main.tf': `resource "aws_instance" "app" {
  ami       = "ami-0aaaaaaaaaaaaaaa1"
  user_data = <<-EOF
    #cloud-config
    write_files:
      - path: /usr/local/bin/bootstrap
        permissions: "0755"
    runcmd:
      - /usr/bin/aws s3 cp s3://acme/app.tgz /tmp/app.tgz
      - [ /usr/local/bin/bootstrap, --env, staging ]
      - |
        set -e
        /usr/bin/aws --version
  EOF
}
`,
    });
    expect(commands(scripts)).toEqual([
      'terraform/staging/main.tf:10:11 /usr/local/bin/bootstrap',
      'terraform/staging/main.tf:13:9 /usr/bin/aws',
      'terraform/staging/main.tf:9:9 /usr/bin/aws',
    ]);
    const script = scripts.scripts[0]!;
    expect(script.provided).toContain('/usr/local/bin/bootstrap');
    expect(script.environments).toEqual(['staging']);
    expect(script.runs).toEqual(['user data resource.aws_instance.app.user_data in terraform/staging/main.tf']);
  });

  it('reads the shell and cloud-config parts of MIME multi-part user data', async () => {
    const { scripts } = await scriptsOf({
      'terraform/prod/main.tf': `resource "aws_instance" "app" {
  ami       = "ami-0bbbbbbbbbbbbbbb2"
  user_data = <<EOF
Content-Type: multipart/mixed; boundary="//"
MIME-Version: 1.0

--//
Content-Type: text/cloud-config; charset="us-ascii"

#cloud-config
runcmd:
  - /usr/bin/aws s3 ls

--//
Content-Type: text/x-shellscript; charset="us-ascii"

#!/bin/bash
/usr/bin/aws sts get-caller-identity
--//--
EOF
}
`,
    });
    expect(commands(scripts)).toEqual(['terraform/prod/main.tf:12:5 /usr/bin/aws', 'terraform/prod/main.tf:17:3 /bin/bash', 'terraform/prod/main.tf:18:1 /usr/bin/aws']);
  });

  it('runs the lines of a Packer inline provisioner as one script and checks it against no environment image', async () => {
    const { scripts } = await scriptsOf({
      'packer/app.pkr.hcl': `build {
  provisioner "shell" {
    inline = [
      "export PATH=/opt/python/bin:$PATH",
      "pip3 install awscli",
    ]
  }
}
`,
    });
    const packer = scripts.scripts.find((script) => script.file === 'packer/app.pkr.hcl')!;
    expect(packer.commands.map((command) => `${command.line}:${command.column} ${command.program} ${command.searchPath[0]}`)).toEqual(['5:8 pip3 /opt/python/bin']);
    expect(packer.environments).toEqual([]);
    expect(packer.images).toEqual([]);
  });

  it('renders templatefile() templates as Terraform does and points at the template lines', async () => {
    const { scripts } = await scriptsOf({
      'terraform/staging/main.tf': `resource "aws_instance" "app" {
  ami       = "ami-0aaaaaaaaaaaaaaa1"
  user_data = templatefile("\${path.module}/init.sh.tftpl", { tool = "/usr/bin/aws" })
}
`,
      'terraform/staging/init.sh.tftpl': '#!/bin/bash\n${tool} s3 ls\nfor f in $${HOME}/*.pem; do chmod 600 "$f"; done\n/usr/bin/aws --version\n',
    });
    const template = scripts.scripts.find((script) => script.file === 'terraform/staging/init.sh.tftpl')!;
    expect(template.runs).toEqual(['templatefile() in resource.aws_instance.app.user_data of terraform/staging/main.tf']);
    expect(template.environments).toEqual(['staging']);
    expect(commands(scripts).filter((line) => line.startsWith('terraform/staging/init.sh.tftpl'))).toEqual([
      'terraform/staging/init.sh.tftpl:1:3 /bin/bash',
      // `${tool}` is an interpolation: its value is not known here, so it is no command.
      'terraform/staging/init.sh.tftpl:3:29 chmod',
      'terraform/staging/init.sh.tftpl:4:1 /usr/bin/aws',
    ]);
    expect(scripts.unanalysed).toEqual([]);
  });

  it('follows `source` of a path under the appspec destination back to the revision, and stops at cycles', async () => {
    const { scripts } = await scriptsOf({
      'app/appspec.yml': 'version: 0.0\nos: linux\nfiles:\n  - source: /\n    destination: /srv/app\nhooks:\n  ApplicationStart:\n    - location: hooks/start.sh\n',
      'app/hooks/start.sh': '#!/bin/bash\n. /srv/app/lib/env.sh\nstart_app\nappctl status\n',
      'app/lib/env.sh': 'export PATH=/srv/app/bin:$PATH\nsource /srv/app/lib/more.sh\nstart_app() { appctl start; }\n',
      'app/lib/more.sh': 'source /srv/app/lib/env.sh\n',
    });
    const start = scripts.scripts.find((script) => script.file === 'app/hooks/start.sh')!;
    // start_app is a function of the sourced file; appctl resolves through the PATH it sets.
    expect(start.commands.map((command) => `${command.line} ${command.program} ${command.searchPath.join(':')}`)).toEqual([
      '1 /bin/bash /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      '4 appctl /srv/app/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    ]);
    expect(start.provided).toContain('/srv/app');
    const env = scripts.scripts.find((script) => script.file === 'app/lib/env.sh')!;
    expect(env.runs).toEqual(['part of the CodeDeploy revision of app/appspec.yml', 'sourced by app/hooks/start.sh', 'sourced by app/lib/more.sh']);
    expect(env.onInstance).toBe(true);
  });

  it('reads standalone cloud-init documents and leaves Windows user data out with a note', async () => {
    const { scripts, notes } = await scriptsOf({
      'bootstrap/user-data.yml': '#cloud-config\nruncmd:\n  - [ /usr/bin/aws, s3, ls ]\n',
      'terraform/staging/main.tf': 'resource "aws_instance" "win" {\n  ami       = "ami-0aaaaaaaaaaaaaaa1"\n  user_data = <<EOF\n<powershell>\nInstall-Module AWSPowerShell\n</powershell>\nEOF\n}\n',
    });
    expect(commands(scripts)).toEqual(['bootstrap/user-data.yml:3:7 /usr/bin/aws']);
    expect(notes.some((note) => note.startsWith('Windows (PowerShell/batch) user data is not analysed (terraform/staging/main.tf)'))).toBe(true);
  });

  it('never follows a symbolic link out of the workspace', async () => {
    repo = createRepo({ '.github/deploy-guard.yml': CONFIG, 'deploy/appspec.yml': 'version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: run.sh\n' });
    symlinkSync('/etc/passwd', join(repo.dir, 'deploy/run.sh'));
    repo.commit('a hook that is a symlink out of the checkout', '2026-03-02T00:00:00Z');
    const scripts = await new FactStore(contextFor(repo)).get('deployScripts');
    expect(scripts.unanalysed).toEqual([
      { file: 'deploy/run.sh', reason: 'symbolic link to a file outside the workspace; not followed', onInstance: true, runs: ['CodeDeploy hook AfterInstall of deploy/appspec.yml'] },
    ]);
  });
});

describe('the scope of a PR', () => {
  it('parses only the changed script when nothing else depends on it', async () => {
    repo = repoFrom('fleet');
    openPull(repo, { 'app/scripts/start_server.sh': '#!/bin/bash\naws --version\n' });
    const scripts = await new FactStore(contextFor(repo, { mode: 'pr' })).get('deployScripts');
    expect(scripts.scope).toBe('changes');
    expect(scripts.scripts.map((script) => script.id)).toEqual(['app/scripts/start_server.sh']);
  });
});
