// A small infrastructure monorepo for end-to-end tests of large runs: 24 services, each a module called from
// staging and prod with user data, and a CodeDeploy revision whose hook sources a helper.

const CONFIG = `promotion: [staging, prod]
environments:
  staging:
    terraform: ["live/staging/**"]
  prod:
    terraform: ["live/prod/**"]
scripts:
  include: ["services/**/*.sh"]
images:
  manifests: ["images/*.json"]
`;

const RUN_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
export const STAGING_AMI = 'ami-0aaaaaaaaaaaaaaa1';
export const PROD_AMI = 'ami-0bbbbbbbbbbbbbbb2';

/** 24 services, each a module called from both environments, with user data, and a CodeDeploy revision whose hook sources a helper. */
export function monorepo(prodAmi: string, touch = ''): Record<string, string> {
  const AMI = { staging: STAGING_AMI, prod: prodAmi };
  const files: Record<string, string> = {
    '.github/deploy-guard.yml': CONFIG,
    'images/staging.json': `${JSON.stringify({ image: STAGING_AMI, path: RUN_PATH, executables: ['/bin/bash', '/usr/bin/systemctl', '/usr/local/bin/aws', '/usr/bin/jq'] })}\n`,
    'images/prod.json': `${JSON.stringify({ image: PROD_AMI, path: RUN_PATH, executables: ['/bin/bash', '/usr/bin/systemctl', '/usr/bin/aws', '/usr/bin/jq'] })}\n`,
  };
  for (let i = 0; i < 24; i++) {
    const svc = `svc${String(i).padStart(2, '0')}`;
    files[`modules/${svc}/variables.tf`] = 'variable "ami_id" {\n  type = string\n}\n';
    files[`modules/${svc}/main.tf`] = `resource "aws_launch_template" "${svc}" {
  image_id = var.ami_id
  user_data = base64encode(<<-EOT
    #!/bin/bash
    ${i % 3 === 0 ? '/usr/bin/aws' : '/usr/local/bin/aws'} s3 cp s3://acme/${svc}.env /etc/${svc}.env
    systemctl restart ${svc}
  EOT
  )
}
`;
    for (let f = 0; f < 3; f++) files[`modules/${svc}/extra${f}.tf`] = `resource "aws_security_group" "${svc}_${f}" {\n  name = "${svc}-${f}"\n}\n`;
    for (const env of ['staging', 'prod'] as const) {
      files[`live/${env}/${svc}/main.tf`] = `${touch}module "${svc}" {\n  source = "../../../modules/${svc}"\n  ami_id = "${AMI[env]}"\n}\n`;
      for (let f = 0; f < 2; f++) files[`live/${env}/${svc}/outputs${f}.tf`] = `output "o${f}" {\n  value = module.${svc}\n}\n`;
    }
    files[`services/${svc}/appspec.yml`] = `version: 0.0
os: linux
files:
  - source: /
    destination: /opt/${svc}
hooks:
  ApplicationStart:
    - location: deploy.sh
      runas: root
${i % 6 === 0 ? '  ValidateService:\n    - location: validate.sh\n' : ''}`;
    // A sourced helper: worker threads analyse it as the run path meets it, announced once a script sourcing it is analysed.
    files[`services/${svc}/common.sh`] = `${i % 2 === 0 ? 'PATH=/opt/tools/bin:$PATH' : 'export LANG=C'}\nfetch_env() { aws s3 cp "s3://acme/$1" /etc/; }\n`;
    files[`services/${svc}/deploy.sh`] = `#!/bin/bash
set -euo pipefail
. "$(dirname "$0")/common.sh"
fetch_env ${svc}.env
${i % 4 === 0 ? '/usr/bin/aws' : 'aws'} ecr get-login-password
jq . /etc/${svc}.json
${i % 5 === 0 ? 'yq .port /etc/app.yml' : 'true'}
`;
  }
  return files;
}
