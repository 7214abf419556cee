// The infrastructure repository of a small company, as it was on the day of the outage, built as a real
// git repository with backdated merge commits. Only plain files and git: nothing here needs AWS.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const OLD_AMI = 'ami-0a1b2c3d4e5f60718';
export const NEW_AMI = 'ami-0f9e8d7c6b5a40392';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const config = `# deploy-guard configuration of acme/infra
promotion: [staging, prod]
soak: 24h
environments:
  staging:
    terraform: ["terraform/staging/**"]
  prod:
    terraform: ["terraform/prod/**"]
scripts:
  include: ["deploy/**/*.sh"]
images:
  manifests: ["images/*.json"]
evidence: [git]
applied-label: terraform-applied
override:
  label: deploy-guard/override
  allowed: [alice]
`;

const moduleTf = `variable "ami_id" {
  type = string
}

variable "instance_type" {
  type    = string
  default = "m6i.large"
}

resource "aws_launch_template" "api" {
  name_prefix   = "api-"
  image_id      = var.ami_id
  instance_type = var.instance_type

  user_data = base64encode(<<-EOT
    #!/bin/bash
    set -euo pipefail
    aws s3 cp s3://acme-config/api/bootstrap /etc/api/bootstrap
    systemctl restart codedeploy-agent
  EOT
  )
}
`;

const envTf = (env, ami, instanceType = 'm6i.large') => `module "api" {
  source        = "../modules/api"
  ami_id        = "${ami}"
  instance_type = "${instanceType}"
}

output "environment" {
  value = "${env}"
}
`;

const appspec = `version: 0.0
os: linux
files:
  - source: /build
    destination: /opt/api
hooks:
  AfterInstall:
    - location: scripts/fetch_config.sh
      timeout: 300
      runas: root
  ApplicationStart:
    - location: scripts/start.sh
      timeout: 300
      runas: api
`;

const fetchConfigOld = `#!/bin/bash
# Pull the release's configuration from S3.
set -euo pipefail
/usr/bin/aws s3 cp "s3://acme-config/api/\${DEPLOYMENT_GROUP_NAME}/env" /etc/api/env
chmod 600 /etc/api/env
`;

const fetchConfigFixed = `#!/bin/bash
# Pull the release's configuration from S3; find the CLI wherever the image put it.
set -euo pipefail
AWS="$(command -v aws)"
"$AWS" s3 cp "s3://acme-config/api/\${DEPLOYMENT_GROUP_NAME}/env" /etc/api/env
chmod 600 /etc/api/env
`;

const startSh = `#!/bin/bash
set -euo pipefail
systemctl restart api
/opt/api/bin/healthcheck --wait 60
`;

const manifest = (image, awsPath) =>
  `${JSON.stringify(
    {
      image,
      path: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      executables: [awsPath, '/usr/bin/bash', '/bin/bash', '/usr/bin/chmod', '/bin/chmod', '/usr/bin/systemctl', '/bin/systemctl'],
    },
    null,
    2,
  )}\n`;

export class DemoRepo {
  constructor(now) {
    this.now = now;
    this.dir = mkdtempSync(join(tmpdir(), 'deploy-guard-demo-'));
    this.git('init', '-q', '-b', 'main');
    this.git('config', 'commit.gpgsign', 'false');
  }

  git(...args) {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', env: { ...process.env, ...this.identity } }).trim();
  }

  at(time) {
    const iso = new Date(time).toISOString();
    this.identity = { GIT_AUTHOR_NAME: 'Platform Team', GIT_AUTHOR_EMAIL: 'platform@acme.example', GIT_COMMITTER_NAME: 'Platform Team', GIT_COMMITTER_EMAIL: 'platform@acme.example', GIT_AUTHOR_DATE: iso, GIT_COMMITTER_DATE: iso };
  }

  write(files) {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, path)), { recursive: true });
      writeFileSync(join(this.dir, path), content);
    }
  }

  commit(message, time, files = {}) {
    this.at(time);
    this.write(files);
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  /** A PR branch with one commit authored at `authoredAt`; returns the base and head revisions. */
  branch(name, files, authoredAt) {
    const base = this.git('rev-parse', 'main');
    this.git('checkout', '-q', '-b', name, 'main');
    const head = this.commit(name, authoredAt, files);
    return { base, head };
  }

  /** Merges a PR branch into main with a merge commit at `mergedAt` (the time the change entered main). */
  merge(name, mergedAt) {
    this.git('checkout', '-q', 'main');
    this.at(mergedAt);
    this.git('merge', '-q', '--no-ff', '-m', `Merge pull request from acme/${name}`, name);
    return this.git('rev-parse', 'HEAD');
  }

  checkout(ref) {
    this.git('checkout', '-q', ref);
  }

  cleanup() {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Weeks of the old AMI in both environments, then the day's history up to `stagingMergedAgo` (if any). */
export function buildHistory(now, { stagingMergedAgo } = {}) {
  const repo = new DemoRepo(now);
  repo.commit('Initial infrastructure', now - 60 * DAY, {
    '.github/deploy-guard.yml': config,
    'terraform/modules/api/main.tf': moduleTf,
    'terraform/staging/main.tf': envTf('staging', OLD_AMI),
    'terraform/prod/main.tf': envTf('prod', OLD_AMI),
    'deploy/appspec.yml': appspec,
    'deploy/scripts/fetch_config.sh': fetchConfigOld,
    'deploy/scripts/start.sh': startSh,
    [`images/${OLD_AMI}.json`]: manifest(OLD_AMI, '/usr/bin/aws'),
  });
  repo.branch('bump-staging-size', { 'terraform/staging/main.tf': envTf('staging', OLD_AMI, 'm6i.xlarge') }, now - 30 * DAY);
  repo.merge('bump-staging-size', now - 29 * DAY);
  // The image pipeline publishes the new AMI's inventory: awscli v2 now lives in /usr/local/bin.
  repo.branch('image-2020-06-08', { [`images/${NEW_AMI}.json`]: manifest(NEW_AMI, '/usr/local/bin/aws') }, now - 2 * DAY);
  repo.merge('image-2020-06-08', now - 2 * DAY + HOUR);
  if (stagingMergedAgo !== undefined) {
    repo.branch('new-ami-staging', STAGING_FIRST, now - 5 * DAY);
    repo.merge('new-ami-staging', now - stagingMergedAgo);
  }
  return repo;
}

/** The right way, step one: the new AMI into staging alone, scripts fixed to find the CLI on PATH. */
export const STAGING_FIRST = {
  'terraform/staging/main.tf': envTf('staging', NEW_AMI, 'm6i.xlarge'),
  'deploy/scripts/fetch_config.sh': fetchConfigFixed,
};

/** The bad PR of the day: the new AMI into staging and prod at once. */
export const BOTH_AT_ONCE = {
  'terraform/staging/main.tf': envTf('staging', NEW_AMI, 'm6i.xlarge'),
  'terraform/prod/main.tf': envTf('prod', NEW_AMI),
};

export const PROD_NEW_AMI = { 'terraform/prod/main.tf': envTf('prod', NEW_AMI) };
export const PROD_BIGGER = { 'terraform/prod/main.tf': envTf('prod', OLD_AMI, 'm6i.2xlarge') };
export { HOUR, DAY };
