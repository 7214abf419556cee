// The bundled action, run as the GitHub runner runs it, on a PR that brings deploy scripts onto an image
// where aws moved from /usr/bin/aws to /usr/local/bin/aws: the first link of the outage.
import { afterEach, describe, expect, it } from 'vitest';
import { createRepo, type TestRepo } from '../support/gitRepo.js';
import { startGitHubLoopback, type GitHubLoopback } from '../support/githubLoopback.js';
import { runAction } from '../support/runAction.js';

let repo: TestRepo | undefined;
let github: GitHubLoopback | undefined;
afterEach(async () => {
  repo?.cleanup();
  await github?.close();
  repo = undefined;
  github = undefined;
});

const CONFIG = `promotion: [staging, prod]
environments:
  staging:
    terraform: ["terraform/staging/**"]
  prod:
    terraform: ["terraform/prod/**"]
scripts:
  include: ["app/**/*.sh"]
images:
  manifests: ["images/*.json"]
`;

const RUN_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const BASICS = ['/bin/bash', '/usr/bin/bash', '/usr/bin/tar', '/usr/bin/systemctl', '/usr/bin/jq', '/usr/bin/date', '/usr/bin/dirname', '/usr/bin/sudo', '/usr/bin/curl'];

const BASE: Record<string, string> = {
  '.github/deploy-guard.yml': CONFIG,
  'terraform/staging/main.tf': 'module "api" {\n  source = "../modules/api"\n  ami_id = "ami-0aaaaaaaaaaaaaaa1"\n}\n',
  'terraform/prod/main.tf': 'module "api" {\n  source = "../modules/api"\n  ami_id = "ami-0bbbbbbbbbbbbbbb2"\n}\n',
  'terraform/modules/api/variables.tf': 'variable "ami_id" {\n  type = string\n}\n',
  'terraform/modules/api/main.tf': 'resource "aws_launch_template" "api" {\n  image_id = var.ami_id\n}\n',
  // The new image: the awscli update moved aws to /usr/local/bin.
  'images/staging.json': `${JSON.stringify({ image: 'ami-0aaaaaaaaaaaaaaa1', path: RUN_PATH, executables: [...BASICS, '/usr/local/bin/aws'] }, null, 2)}\n`,
  // The image prod still runs.
  'images/prod.json': `${JSON.stringify({ image: 'ami-0bbbbbbbbbbbbbbb2', path: RUN_PATH, executables: [...BASICS, '/usr/bin/aws'] }, null, 2)}\n`,
};

const CHANGE: Record<string, string> = {
  'app/appspec.yml': `version: 0.0
os: linux
files:
  - source: /
    destination: /opt/webapp
hooks:
  BeforeInstall:
    - location: scripts/install.sh
      runas: root
  ApplicationStart:
    - location: scripts/start.sh
  ValidateService:
    - location: scripts/validate.sh
`,
  'app/scripts/common.sh': `# Shared by the hooks.
export PATH="$PATH:/opt/webapp/bin"
log() { printf '%s\\n' "$*"; }
`,
  'app/scripts/install.sh': `#!/bin/bash
set -euo pipefail
source "$(dirname "$0")/common.sh"
log "installing"
/usr/bin/aws s3 cp s3://acme-artifacts/webapp.tgz /tmp/webapp.tgz
tar -xzf /tmp/webapp.tgz -C /opt/webapp
AWS=/usr/bin/aws
"$AWS" ssm get-parameter --name /webapp/env
`,
  'app/scripts/start.sh': `#!/bin/bash
set -euo pipefail
source "$(dirname "$0")/common.sh"
if [ -x /usr/bin/aws ]; then
  /usr/bin/aws --version
fi
command -v jq >/dev/null && jq --version
/opt/webapp/bin/webapp --daemon
webapp-worker &
aws sts get-caller-identity
`,
  'terraform/modules/api/main.tf': `resource "aws_launch_template" "api" {
  image_id = var.ami_id

  user_data = base64encode(<<-EOT
    #!/bin/bash
    /usr/bin/aws s3 cp s3://acme-config/api.env /etc/api.env
    systemctl enable --now api
    yq '.port' /etc/api.yml
  EOT
  )
}
`,
};

function pullRequestEvent(base: string, head: string) {
  return {
    pull_request: { number: 7, title: 'Deploy scripts for the webapp', body: '', user: { login: 'dev' }, labels: [], head: { sha: head }, base: { sha: base, ref: 'main' } },
    repository: { full_name: 'acme/infra' },
  };
}

interface ReportFinding {
  id: string;
  level: string;
  file?: string;
  line?: number;
  environment?: string;
  message: string;
}

describe('deploy-script binaries through the bundled action', () => {
  it('blocks the calls to /usr/bin/aws on the new image, a command missing from its PATH and a missing hook script, and nothing else', async () => {
    repo = createRepo(BASE, '2026-03-01T00:00:00Z');
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-q', '-b', 'webapp');
    repo.write(CHANGE);
    const head = repo.commit('webapp deploy scripts', '2026-03-02T00:00:00Z');
    github = await startGitHubLoopback({ pulls: [] });

    const run = await runAction({ workspace: repo.dir, eventName: 'pull_request', event: pullRequestEvent(base, head), env: { GITHUB_API_URL: github.url } });

    const findings = run.report.findings as ReportFinding[];
    const binaries = findings.filter((finding) => finding.id.startsWith('DG2'));
    const blocking = binaries.filter((finding) => finding.level === 'error').map((finding) => `${finding.id} ${finding.environment ?? '-'} ${finding.file}:${finding.line}`);
    expect(blocking.sort()).toEqual(
      [
        // /usr/bin/aws: directly, through $AWS, inside the user-data heredoc (the .tf line) — on the staging image only.
        'DG201 staging app/scripts/install.sh:5',
        'DG201 staging app/scripts/install.sh:8',
        'DG201 staging terraform/modules/api/main.tf:6',
        // yq is on neither image's PATH.
        'DG202 prod terraform/modules/api/main.tf:8',
        'DG202 staging terraform/modules/api/main.tf:8',
        // The ValidateService hook names a script the revision lacks.
        'DG203 - app/appspec.yml:13',
      ].sort(),
    );
    // Guards, command -v and the application's own binaries under /opt/webapp are not findings at all.
    expect(findings.filter((finding) => finding.file === 'app/scripts/start.sh' && finding.level === 'error')).toEqual([]);
    const moved = binaries.find((finding) => finding.id === 'DG201' && finding.line === 8);
    expect(moved?.message).toBe('app/scripts/install.sh:8 runs /usr/bin/aws (via $AWS), which does not exist on ami-0aaaaaaaaaaaaaaa1 (staging); the image has aws at /usr/local/bin/aws.');

    expect(run.code).not.toBe(0);
    expect(run.outputs).toMatchObject({ result: 'fail', blocked: 'true' });
    // Annotations on the lines, a summary with the binaries table, SARIF results with stable rule ids.
    expect(run.stdout).toContain('::error title=DG201');
    expect(run.stdout).toMatch(/::error [^\n]*file=terraform\/modules\/api\/main\.tf,line=6/);
    expect(run.summary).toContain('DG201');
    const sarifDg201 = run.sarif.runs[0].results.filter((result: { ruleId: string }) => result.ruleId === 'DG201');
    expect(sarifDg201.map((result: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) => `${result.locations[0]!.physicalLocation.artifactLocation.uri}:${result.locations[0]!.physicalLocation.region.startLine}`).sort()).toEqual([
      'app/scripts/install.sh:5',
      'app/scripts/install.sh:8',
      'terraform/modules/api/main.tf:6',
    ]);
  });
});
