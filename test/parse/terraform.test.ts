import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyseTerraform,
  mapScriptPosition,
  renderTemplateFile,
  TF_INTERP_PLACEHOLDER,
  type EmbeddedScript,
} from '../../src/parse/terraform.js';

/** Fixture lines joined with \n, so line N of a fixture is element N-1 (plus a final newline). */
const tf = (...lines: string[]): string => `${lines.join('\n')}\n`;

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  return items[0]!;
}

describe('analyseTerraform — AMI ids', () => {
  it('finds a literal image_id in a terraform-aws-modules autoscaling call (live/stage)', async () => {
    const text = tf(
      'module "api_asg" {',
      '  source  = "terraform-aws-modules/autoscaling/aws"',
      '  version = "~> 7.4"',
      '',
      '  name          = "api-stage"',
      '  image_id      = "ami-0123456789abcdef0"',
      '  instance_type = "t3.small"',
      '}',
    );
    const r = await analyseTerraform(text, { fileName: 'live/stage/main.tf' });
    expect(r.amis).toEqual([
      { ami: 'ami-0123456789abcdef0', line: 6, column: 20, attribute: 'image_id', context: 'module.api_asg' },
    ]);
    expect(r.parseErrors).toEqual([]);
  });

  it('finds ami in aws_instance and image_id in aws_launch_template resources', async () => {
    const text = tf(
      'resource "aws_instance" "bastion" {',
      '  ami           = "ami-12345678"',
      '  instance_type = "t3.nano"',
      '}',
      '',
      'resource "aws_launch_template" "api" {',
      '  name_prefix = "api-"',
      '  image_id    = "ami-0fedcba9876543210"',
      '}',
    );
    const r = await analyseTerraform(text, { fileName: 'main.tf' });
    expect(r.amis).toEqual([
      { ami: 'ami-12345678', line: 2, column: 20, attribute: 'ami', context: 'resource.aws_instance.bastion' },
      {
        ami: 'ami-0fedcba9876543210',
        line: 8,
        column: 18,
        attribute: 'image_id',
        context: 'resource.aws_launch_template.api',
      },
    ]);
  });

  it('names variable defaults by variable name and locals by key path', async () => {
    const text = tf(
      'variable "ami_id" {',
      '  type    = string',
      '  default = "ami-0123456789abcdef0"',
      '}',
      '',
      'variable "amis" {',
      '  type = map(string)',
      '  default = {',
      '    stage = "ami-0aaaaaaaaaaaaaaaa"',
      '  }',
      '}',
      '',
      'locals {',
      '  api_ami = "ami-0bbbbbbbbbbbbbbbb"',
      '  not_ami = "ami-XYZ"',
      '}',
    );
    const r = await analyseTerraform(text, { fileName: 'variables.tf' });
    expect(r.amis).toEqual([
      { ami: 'ami-0123456789abcdef0', line: 3, column: 14, attribute: 'ami_id', context: 'variable.ami_id' },
      { ami: 'ami-0aaaaaaaaaaaaaaaa', line: 9, column: 14, attribute: 'amis.stage', context: 'variable.amis' },
      { ami: 'ami-0bbbbbbbbbbbbbbbb', line: 14, column: 14, attribute: 'locals.api_ami', context: 'locals' },
    ]);
  });

  it('reads a live/prod terraform.tfvars: plain values, maps with quoted keys, lists', async () => {
    const text = tf(
      'environment = "prod"',
      'ami_id      = "ami-0fedcba9876543210"',
      'amis = {',
      '  "us-east-1" = "ami-0aaaaaaaaaaaaaaaa"',
      '  eu_west_1   = "ami-0bbbbbbbbbbbbbbbb"',
      '}',
      'extra_amis = ["ami-12345678"]',
    );
    const r = await analyseTerraform(text, { fileName: 'live/prod/terraform.tfvars' });
    expect(r.amis).toEqual([
      { ami: 'ami-0fedcba9876543210', line: 2, column: 16, attribute: 'ami_id', context: 'tfvars' },
      { ami: 'ami-0aaaaaaaaaaaaaaaa', line: 4, column: 18, attribute: 'amis.us-east-1', context: 'tfvars' },
      { ami: 'ami-0bbbbbbbbbbbbbbbb', line: 5, column: 18, attribute: 'amis.eu_west_1', context: 'tfvars' },
      { ami: 'ami-12345678', line: 7, column: 16, attribute: 'extra_amis', context: 'tfvars' },
    ]);
  });

  it('reads JSON tfvars', async () => {
    const text = tf('{', '  "ami_id": "ami-0123456789abcdef0",', '  "amis": {"stage": "ami-0fedcba9876543210"}', '}');
    const r = await analyseTerraform(text, { fileName: 'stage.auto.tfvars.json' });
    expect(r.amis).toEqual([
      { ami: 'ami-0123456789abcdef0', line: 2, column: 14, attribute: 'ami_id', context: 'tfvars' },
      { ami: 'ami-0fedcba9876543210', line: 3, column: 22, attribute: 'amis.stage', context: 'tfvars' },
    ]);
  });

  it('finds AMI ids inside expressions (conditional, function args) and skips block labels and templates', async () => {
    const text = tf(
      'resource "aws_instance" "ami-0123456789abcdef0" {',
      '  ami  = var.ami != "" ? var.ami : coalesce(var.fallback, "ami-0aaaaaaaaaaaaaaaa")',
      '  tags = { Name = "ami-${var.id}" }',
      '}',
    );
    const r = await analyseTerraform(text, { fileName: 'main.tf' });
    expect(r.amis).toEqual([
      {
        ami: 'ami-0aaaaaaaaaaaaaaaa',
        line: 2,
        column: 60,
        attribute: 'ami',
        context: 'resource.aws_instance.ami-0123456789abcdef0',
      },
    ]);
  });
});

describe('analyseTerraform — SSM parameters and aws_ami lookups', () => {
  it('reports a resource "aws_ssm_parameter" name and literal AMI value (the promotion parameter)', async () => {
    const text = tf(
      'resource "aws_ssm_parameter" "api_ami" {',
      '  name  = "/deploy-guard/stage/api/ami"',
      '  type  = "String"',
      '  value = "ami-0123456789abcdef0"',
      '}',
    );
    const r = await analyseTerraform(text, { fileName: 'live/stage/ssm.tf' });
    expect(r.ssmParameters).toEqual([
      {
        kind: 'resource',
        name: '/deploy-guard/stage/api/ami',
        value: 'ami-0123456789abcdef0',
        line: 2,
        column: 12,
        address: 'resource.aws_ssm_parameter.api_ami',
      },
    ]);
    expect(r.amis).toEqual([
      {
        ami: 'ami-0123456789abcdef0',
        line: 4,
        column: 12,
        attribute: 'value',
        context: 'resource.aws_ssm_parameter.api_ami',
      },
    ]);
  });

  it('reports data "aws_ssm_parameter" names (public "latest" parameters)', async () => {
    const text = tf(
      'data "aws_ssm_parameter" "al2023" {',
      '  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"',
      '}',
    );
    const r = await analyseTerraform(text, { fileName: 'data.tf' });
    expect(r.ssmParameters).toEqual([
      {
        kind: 'data',
        name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
        line: 2,
        column: 11,
        address: 'data.aws_ssm_parameter.al2023',
      },
    ]);
  });

  it('reports resolve:ssm: strings, literal and interpolated', async () => {
    const text = tf(
      'resource "aws_launch_template" "worker" {',
      '  image_id = "resolve:ssm:/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id"',
      '}',
      'resource "aws_launch_template" "api" {',
      '  image_id = "resolve:ssm:/app/${var.env}/ami"',
      '}',
    );
    const r = await analyseTerraform(text, { fileName: 'lt.tf' });
    expect(r.ssmParameters).toEqual([
      {
        kind: 'resolve',
        name: '/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id',
        line: 2,
        column: 15,
        address: 'resource.aws_launch_template.worker',
      },
      {
        kind: 'resolve',
        name: '/app/${var.env}/ami',
        line: 5,
        column: 15,
        address: 'resource.aws_launch_template.api',
        dynamic: true,
      },
    ]);
  });

  it('reads data "aws_ami" with most_recent, owners and filters', async () => {
    const text = tf(
      'data "aws_ami" "al2023" {',
      '  most_recent = true',
      '  owners      = ["amazon", "self"]',
      '',
      '  filter {',
      '    name   = "name"',
      '    values = ["al2023-ami-2023.*-x86_64"]',
      '  }',
      '}',
      '',
      'data "aws_ami" "pinned" {',
      '  owners = ["123456789012"]',
      '  filter {',
      '    name   = "image-id"',
      '    values = ["ami-0123456789abcdef0"]',
      '  }',
      '}',
    );
    const r = await analyseTerraform(text, { fileName: 'ami.tf' });
    expect(r.amiLookups).toEqual([
      {
        name: 'al2023',
        mostRecent: true,
        owners: ['amazon', 'self'],
        line: 1,
        column: 1,
        filters: [{ name: 'name', values: ['al2023-ami-2023.*-x86_64'] }],
      },
      {
        name: 'pinned',
        mostRecent: false,
        owners: ['123456789012'],
        line: 11,
        column: 1,
        filters: [{ name: 'image-id', values: ['ami-0123456789abcdef0'] }],
      },
    ]);
    expect(r.amis.map((a) => [a.ami, a.line, a.attribute, a.context])).toEqual([
      ['ami-0123456789abcdef0', 15, 'filter.values', 'data.aws_ami.pinned'],
    ]);
  });
});

describe('analyseTerraform — modules and Terragrunt', () => {
  it('reads registry modules with version and git modules with ?ref= (live/stage vs live/prod)', async () => {
    const stage = tf(
      'module "api" {',
      '  source = "git::https://github.com/acme/terraform-modules.git//api?ref=v1.5.0"',
      '}',
      '',
      'module "vpc" {',
      '  source  = "terraform-aws-modules/vpc/aws"',
      '  version = "~> 5.1"',
      '}',
    );
    const prod = tf('module "api" {', '  source = "git::https://github.com/acme/terraform-modules.git//api?ref=v1.4.0"', '}');
    const s = await analyseTerraform(stage, { fileName: 'live/stage/main.tf' });
    const p = await analyseTerraform(prod, { fileName: 'live/prod/main.tf' });
    expect(s.modules).toEqual([
      {
        name: 'api',
        kind: 'module',
        source: 'git::https://github.com/acme/terraform-modules.git//api?ref=v1.5.0',
        ref: 'v1.5.0',
        local: false,
        line: 1,
        column: 1,
        sourcePos: { line: 2, column: 13 },
      },
      {
        name: 'vpc',
        kind: 'module',
        source: 'terraform-aws-modules/vpc/aws',
        version: '~> 5.1',
        local: false,
        line: 5,
        column: 1,
        sourcePos: { line: 6, column: 14 },
        versionPos: { line: 7, column: 14 },
      },
    ]);
    expect(p.modules.map((m) => [m.name, m.ref])).toEqual([['api', 'v1.4.0']]);
  });

  it('marks ./ and ../ module sources local and resolves ${path.module}', async () => {
    const text = tf(
      'module "api" {',
      '  source = "../../modules/api"',
      '}',
      'module "sg" {',
      '  source = "${path.module}/sg"',
      '}',
    );
    const r = await analyseTerraform(text, { fileName: 'live/prod/main.tf' });
    expect(r.modules.map((m) => [m.name, m.source, m.local, m.sourcePos])).toEqual([
      ['api', '../../modules/api', true, { line: 2, column: 13 }],
      ['sg', './sg', true, { line: 5, column: 13 }],
    ]);
  });

  it('reads a Terragrunt terraform { source } block and inputs, ignoring include', async () => {
    const text = tf(
      'include "root" {',
      '  path = find_in_parent_folders()',
      '}',
      '',
      'terraform {',
      '  source = "../../../modules//api"',
      '}',
      '',
      'inputs = {',
      '  ami_id = "ami-0123456789abcdef0"',
      '  vpc_id = dependency.vpc.outputs.vpc_id',
      '}',
    );
    const r = await analyseTerraform(text, { fileName: 'live/prod/api/terragrunt.hcl' });
    expect(r.modules).toEqual([
      {
        name: 'terragrunt',
        kind: 'terragrunt',
        source: '../../../modules//api',
        local: true,
        line: 5,
        column: 1,
        sourcePos: { line: 6, column: 13 },
      },
    ]);
    expect(r.amis).toEqual([
      { ami: 'ami-0123456789abcdef0', line: 10, column: 13, attribute: 'inputs.ami_id', context: 'terragrunt' },
    ]);
  });

  it('reads a Terragrunt git source with ?ref= and keeps unknown interpolations as written', async () => {
    const text = tf(
      'terraform {',
      '  source = "git::git@github.com:acme/infra-modules.git//api?ref=${local.api_version}"',
      '}',
      'locals {',
      '  api_version = "v2.3.1"',
      '}',
    );
    const r = await analyseTerraform(text, { fileName: 'terragrunt.hcl' });
    const m = only(r.modules);
    expect(m.source).toBe('git::git@github.com:acme/infra-modules.git//api?ref=${local.api_version}');
    expect(m.ref).toBe('${local.api_version}');
    expect(m.dynamic).toBe(true);
    expect(m.local).toBe(false);
  });

  it('does not treat a Terraform settings block as a module call', async () => {
    const text = tf(
      'terraform {',
      '  required_version = ">= 1.6"',
      '  required_providers {',
      '    aws = { source = "hashicorp/aws", version = "~> 5.0" }',
      '  }',
      '}',
    );
    const r = await analyseTerraform(text, { fileName: 'versions.tf' });
    expect(r.modules).toEqual([]);
  });
});

describe('analyseTerraform — user data scripts', () => {
  const launchTemplate = tf(
    'resource "aws_launch_template" "api" {', // 1
    '  name_prefix   = "api-"', // 2
    '  image_id      = var.ami_id', // 3
    '  instance_type = "t3.small"', // 4
    '', // 5
    '  user_data = base64encode(<<-EOT', // 6
    '    #!/bin/bash', // 7
    '    set -euo pipefail', // 8
    '    /usr/bin/aws s3 cp "s3://${var.artifact_bucket}/api.tar.gz" /tmp/api.tar.gz', // 9
    '    echo "$${HOME}" >> /var/log/boot.log', // 10
    '    systemctl restart api', // 11
    '  EOT', // 12
    '  )', // 13
    '}', // 14
  );

  it('renders an indented base64encode(<<-EOT) heredoc the way Terraform does', async () => {
    const r = await analyseTerraform(launchTemplate, { fileName: 'modules/api/launch_template.tf' });
    const s = only(r.embeddedScripts);
    expect(s.kind).toBe('heredoc');
    expect(s.context).toBe('resource.aws_launch_template.api.user_data');
    expect(s.format).toBe('shell');
    expect(s.text).toBe(
      [
        '#!/bin/bash',
        'set -euo pipefail',
        `/usr/bin/aws s3 cp "s3://${TF_INTERP_PLACEHOLDER}/api.tar.gz" /tmp/api.tar.gz`,
        'echo "${HOME}" >> /var/log/boot.log',
        'systemctl restart api',
        '',
      ].join('\n'),
    );
    expect([s.line, s.column]).toEqual([7, 5]);
  });

  it('maps a finding on /usr/bin/aws (script line 3) to the .tf line and column', async () => {
    const r = await analyseTerraform(launchTemplate, { fileName: 'modules/api/launch_template.tf' });
    const s = only(r.embeddedScripts);
    // `/usr/bin/aws` is line 3, column 1 of the script; in the .tf file it is line 9, column 5.
    expect(mapScriptPosition(s, 3, 1)).toEqual({ line: 9, column: 5 });
    // after the placeholder (13 chars) standing for `${var.artifact_bucket}` (22 chars) columns shift by 9
    expect(s.text.split('\n')[2]!.indexOf('/tmp/api.tar.gz')).toBe(51);
    expect(mapScriptPosition(s, 3, 52)).toEqual({ line: 9, column: 65 });
    // inside the placeholder: the position of `${`
    expect(mapScriptPosition(s, 3, 26)).toEqual({ line: 9, column: 30 });
    // after `$${` was unescaped to `${` (one char shorter)
    expect(mapScriptPosition(s, 4, 7)).toEqual({ line: 10, column: 12 });
    expect(mapScriptPosition(s, 5, 1)).toEqual({ line: 11, column: 5 });
  });

  it('keeps columns of a non-indented <<EOF heredoc in aws_instance', async () => {
    const text = tf(
      'resource "aws_instance" "worker" {',
      '  ami       = "ami-0123456789abcdef0"',
      '  user_data = <<EOF',
      '#!/bin/bash',
      'AWS=/usr/bin/aws',
      '  "$AWS" ssm get-parameter --name /app/config',
      'EOF',
      '}',
    );
    const r = await analyseTerraform(text, { fileName: 'worker.tf' });
    const s = only(r.embeddedScripts);
    expect(s).toMatchObject({
      kind: 'heredoc',
      text: '#!/bin/bash\nAWS=/usr/bin/aws\n  "$AWS" ssm get-parameter --name /app/config\n',
      line: 4,
      column: 1,
      context: 'resource.aws_instance.worker.user_data',
    });
    expect(mapScriptPosition(s, 2, 5)).toEqual({ line: 5, column: 5 });
    expect(mapScriptPosition(s, 3, 3)).toEqual({ line: 6, column: 3 });
  });

  it('reads user_data in aws_launch_configuration and user_data_base64 string literals with escapes', async () => {
    const text = tf(
      'resource "aws_launch_configuration" "legacy" {',
      '  image_id  = "ami-12345678"',
      '  user_data = "#!/bin/bash\\necho \\"hi\\" > /tmp/x\\n/opt/bin/start"',
      '}',
    );
    const r = await analyseTerraform(text, { fileName: 'legacy.tf' });
    const s = only(r.embeddedScripts);
    expect(s).toMatchObject({
      kind: 'string',
      text: '#!/bin/bash\necho "hi" > /tmp/x\n/opt/bin/start',
      line: 3,
      column: 16,
      context: 'resource.aws_launch_configuration.legacy.user_data',
    });
    expect(mapScriptPosition(s, 2, 1)).toEqual({ line: 3, column: 29 });
    expect(mapScriptPosition(s, 3, 1)).toEqual({ line: 3, column: 51 });
  });

  it('follows conditionals and trimspace(), and recognises cloud-config', async () => {
    const text = tf(
      'resource "aws_launch_template" "w" {',
      '  user_data = var.enabled ? base64encode(trimspace(<<-EOT',
      '',
      '    #cloud-config',
      '    runcmd:',
      '      - [ /usr/bin/aws, --version ]',
      '  EOT',
      '  )) : null',
      '}',
    );
    const r = await analyseTerraform(text, { fileName: 'w.tf' });
    const s = only(r.embeddedScripts);
    expect(s).toMatchObject({
      kind: 'heredoc',
      text: '#cloud-config\nruncmd:\n  - [ /usr/bin/aws, --version ]',
      line: 4,
      column: 5,
      format: 'cloud-config',
    });
    expect(mapScriptPosition(s, 3, 5)).toEqual({ line: 6, column: 9 });
  });

  it('applies strip markers and removes template directives', async () => {
    const text = tf(
      'resource "aws_instance" "app" {',
      '  user_data = <<-EOT',
      '    #!/bin/bash',
      '    %{ for pkg in var.packages ~}',
      '    yum install -y ${pkg}',
      '    %{ endfor ~}',
      '    echo done',
      '  EOT',
      '}',
    );
    const r = await analyseTerraform(text, { fileName: 'app.tf' });
    const s = only(r.embeddedScripts);
    // hclsyntax only un-indents literals that start a line; the line after a `~}` keeps its indentation
    expect(s.text).toBe(`#!/bin/bash\n    yum install -y ${TF_INTERP_PLACEHOLDER}\n    echo done\n`);
    expect(mapScriptPosition(s, 2, 5)).toEqual({ line: 5, column: 5 });
    expect(mapScriptPosition(s, 3, 5)).toEqual({ line: 7, column: 5 });
  });

  it('records file() and templatefile() in user data as script files with ${path.module} replaced', async () => {
    const text = tf(
      'resource "aws_launch_template" "api" {',
      '  user_data = base64encode(templatefile("${path.module}/templates/user-data.sh.tpl", {',
      '    region = var.region',
      '  }))',
      '}',
      'resource "aws_instance" "bastion" {',
      '  user_data = file("scripts/bastion.sh")',
      '}',
    );
    const r = await analyseTerraform(text, { fileName: 'modules/api/main.tf' });
    expect(r.scriptFiles).toEqual([
      {
        path: './templates/user-data.sh.tpl',
        fn: 'templatefile',
        line: 2,
        column: 42,
        context: 'resource.aws_launch_template.api.user_data',
        inUserData: true,
      },
      {
        path: 'scripts/bastion.sh',
        fn: 'file',
        line: 7,
        column: 21,
        context: 'resource.aws_instance.bastion.user_data',
        inUserData: true,
      },
    ]);
    expect(r.embeddedScripts).toEqual([]);
  });

  it('reports file() outside user data only for script paths', async () => {
    const text = tf(
      'locals {',
      '  policy = file("${path.module}/policy.json")',
      '  setup  = file("${path.module}/setup.sh")',
      '}',
    );
    const r = await analyseTerraform(text, { fileName: 'locals.tf' });
    expect(r.scriptFiles).toEqual([
      { path: './setup.sh', fn: 'file', line: 3, column: 18, context: 'locals.setup', inUserData: false },
    ]);
  });

  it('reads user_data passed to a module, EKS-style *_user_data inputs and cloudinit parts', async () => {
    const text = tf(
      'module "nodes" {',
      '  source = "terraform-aws-modules/eks/aws//modules/eks-managed-node-group"',
      '  pre_bootstrap_user_data = <<-EOT',
      '    /usr/local/bin/setup-node',
      '  EOT',
      '}',
      'data "cloudinit_config" "boot" {',
      '  part {',
      '    content_type = "text/x-shellscript"',
      '    content      = "#!/bin/sh\\n/usr/bin/aws --version"',
      '  }',
      '}',
    );
    const r = await analyseTerraform(text, { fileName: 'eks.tf' });
    expect(r.embeddedScripts.map((s) => [s.kind, s.context, s.line, s.column, s.text])).toEqual([
      ['heredoc', 'module.nodes.pre_bootstrap_user_data', 4, 5, '/usr/local/bin/setup-node\n'],
      ['string', 'data.cloudinit_config.boot.part.content', 10, 21, '#!/bin/sh\n/usr/bin/aws --version'],
    ]);
  });

  it('reads Terraform remote-exec provisioner inline commands', async () => {
    const text = tf(
      'resource "null_resource" "deploy" {',
      '  provisioner "remote-exec" {',
      '    inline = ["sudo systemctl restart api", "echo ${self.id}"]',
      '  }',
      '}',
    );
    const r = await analyseTerraform(text, { fileName: 'deploy.tf' });
    expect(r.embeddedScripts.map((s) => [s.kind, s.context, s.line, s.column, s.text])).toEqual([
      ['inline', 'resource.null_resource.deploy.provisioner.remote-exec.inline[0]', 3, 16, 'sudo systemctl restart api'],
      ['inline', 'resource.null_resource.deploy.provisioner.remote-exec.inline[1]', 3, 46, `echo ${TF_INTERP_PLACEHOLDER}`],
    ]);
  });
});

describe('analyseTerraform — Packer', () => {
  const packer = tf(
    'packer {', // 1
    '  required_plugins {', // 2
    '    amazon = {', // 3
    '      version = ">= 1.2.8"', // 4
    '      source  = "github.com/hashicorp/amazon"', // 5
    '    }', // 6
    '  }', // 7
    '}', // 8
    '', // 9
    'source "amazon-ebs" "api" {', // 10
    '  ami_name      = "api-${formatdate("YYYYMMDDhhmm", timestamp())}"', // 11
    '  instance_type = "t3.micro"', // 12
    '  region        = var.region', // 13
    '  source_ami    = "ami-0c7217cdde317cfec"', // 14
    '  ssh_username  = "ubuntu"', // 15
    '}', // 16
    '', // 17
    'build {', // 18
    '  sources = ["source.amazon-ebs.api"]', // 19
    '', // 20
    '  provisioner "shell" {', // 21
    '    inline = [', // 22
    '      "sudo apt-get update",', // 23
    '      "sudo /usr/local/bin/aws --version",', // 24
    '    ]', // 25
    '  }', // 26
    '  provisioner "shell" {', // 27
    '    script  = "${path.root}/scripts/install.sh"', // 28
    '    scripts = ["scripts/a.sh", "scripts/b.sh"]', // 29
    '  }', // 30
    '}', // 31
  );

  it('reads amazon-ebs source_ami', async () => {
    const r = await analyseTerraform(packer, { fileName: 'images/api.pkr.hcl' });
    expect(r.amis).toEqual([
      { ami: 'ami-0c7217cdde317cfec', line: 14, column: 20, attribute: 'source_ami', context: 'source.amazon-ebs.api' },
    ]);
    expect(r.modules).toEqual([]);
  });

  it('makes one inline script per shell provisioner line, with its own position', async () => {
    const r = await analyseTerraform(packer, { fileName: 'images/api.pkr.hcl' });
    expect(r.embeddedScripts.map((s) => [s.kind, s.text, s.line, s.column, s.context])).toEqual([
      ['inline', 'sudo apt-get update', 23, 8, 'build.provisioner.shell.inline[0]'],
      ['inline', 'sudo /usr/local/bin/aws --version', 24, 8, 'build.provisioner.shell.inline[1]'],
    ]);
    expect(mapScriptPosition(r.embeddedScripts[1]!, 1, 6)).toEqual({ line: 24, column: 13 });
  });

  it('reads shell provisioner script and scripts as file references', async () => {
    const r = await analyseTerraform(packer, { fileName: 'images/api.pkr.hcl' });
    expect(r.scriptFiles).toEqual([
      {
        path: './scripts/install.sh',
        fn: 'script',
        line: 28,
        column: 16,
        context: 'build.provisioner.shell.script',
        inUserData: false,
      },
      {
        path: 'scripts/a.sh',
        fn: 'scripts',
        line: 29,
        column: 17,
        context: 'build.provisioner.shell.scripts[0]',
        inUserData: false,
      },
      {
        path: 'scripts/b.sh',
        fn: 'scripts',
        line: 29,
        column: 33,
        context: 'build.provisioner.shell.scripts[1]',
        inUserData: false,
      },
    ]);
  });
});

describe('renderTemplateFile', () => {
  it('renders a templatefile() template with positions in the template file', async () => {
    const text = [
      '#!/bin/bash',
      'REGION=${region}',
      '%{ if install_agent ~}',
      '/opt/aws/bin/cfn-init --region "$${REGION}"',
      '%{ endif ~}',
      '/usr/bin/aws s3 ls',
      '',
    ].join('\n');
    const r = await renderTemplateFile(text);
    expect(r.parseErrors).toEqual([]);
    expect(r.text).toBe(
      `#!/bin/bash\nREGION=${TF_INTERP_PLACEHOLDER}\n/opt/aws/bin/cfn-init --region "\${REGION}"\n/usr/bin/aws s3 ls\n`,
    );
    const script: Pick<EmbeddedScript, 'text' | 'segments' | 'line' | 'column'> = { ...r, line: 1, column: 1 };
    expect(mapScriptPosition(script, 3, 1)).toEqual({ line: 4, column: 1 });
    expect(mapScriptPosition(script, 4, 10)).toEqual({ line: 6, column: 10 });
  });

  it('keeps a template without a final newline as is', async () => {
    const r = await renderTemplateFile('echo hi');
    expect(r.text).toBe('echo hi');
    expect(r.segments).toEqual([{ offset: 0, line: 1, column: 1 }]);
  });
});

describe('analyseTerraform — robustness', () => {
  it('reports parse errors with 1-based positions and still analyses the rest', async () => {
    const text = tf(
      'resource "aws_instance" "broken" {',
      '  ami = ',
      '  instance_type = "t3.micro"',
      '}',
      '',
      'resource "aws_instance" "ok" {',
      '  ami = "ami-0123456789abcdef0"',
      '}',
      'tags = ["a", "b"',
    );
    const r = await analyseTerraform(text, { fileName: 'broken.tf' });
    expect(r.parseErrors).toEqual([
      { line: 3, column: 3, message: 'syntax error: unexpected "instance_type ="' },
      { line: 10, column: 1, message: 'syntax error: missing "]"' },
    ]);
    expect(r.amis.map((a) => [a.ami, a.line, a.column, a.context])).toEqual([
      ['ami-0123456789abcdef0', 7, 10, 'resource.aws_instance.ok'],
    ]);
  });

  it('reports an unterminated string and an unterminated heredoc without throwing', async () => {
    const a = await analyseTerraform('x = "abc\ny = 1\n', { fileName: 'a.tf' });
    expect(a.parseErrors[0]).toEqual({ line: 3, column: 1, message: 'syntax error: missing "\\""' });
    const b = await analyseTerraform('resource "aws_instance" "x" {\n  user_data = <<EOF\n#!/bin/sh\nls\n', {
      fileName: 'b.tf',
    });
    expect(b.parseErrors.length).toBeGreaterThan(0);
  });

  it('caps parse errors at 10', async () => {
    const text = Array.from({ length: 15 }, (_, i) => `resource "x" "y${i}" {\n  a = )\n}`).join('\n');
    const r = await analyseTerraform(text, { fileName: 'bad.tf' });
    expect(r.parseErrors).toHaveLength(10);
  });

  it('handles 10,000 nested brackets, objects and function calls quickly', async () => {
    const started = performance.now();
    const tuple = await analyseTerraform(`x = ${'['.repeat(10_000)}"ami-0123456789abcdef0"${']'.repeat(10_000)}\n`);
    const objects = await analyseTerraform(`x = ${'{a = '.repeat(10_000)}1${'}'.repeat(10_000)}\n`);
    const unclosed = await analyseTerraform(`x = ${'['.repeat(10_000)}\n`);
    const calls = await analyseTerraform(`user_data = ${'base64encode('.repeat(10_000)}<<EOT\nls\nEOT\n${')'.repeat(10_000)}\n`);
    const directives = await analyseTerraform(`user_data = "${'%{ if a }'.repeat(5_000)}ls${'%{ endif }'.repeat(5_000)}"\n`);
    const blocks = await analyseTerraform(`${'b {\n'.repeat(10_000)}ami = "ami-12345678"\n${'}\n'.repeat(10_000)}`);
    expect(tuple.amis.map((a) => [a.line, a.column, a.attribute])).toEqual([[1, 10_006, 'x']]);
    expect(objects.parseErrors).toEqual([]);
    expect(unclosed.parseErrors.length).toBeGreaterThan(0);
    expect(calls.embeddedScripts.map((s) => s.text)).toEqual(['ls\n']);
    expect(directives.embeddedScripts.map((s) => s.text)).toEqual(['ls']);
    expect(blocks.amis.map((x) => [x.line, x.attribute.length])).toEqual([[10_001, 'b.'.repeat(9_999).length + 3]]);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('never throws on arbitrary HCL-ish input', async () => {
    const token = fc.constantFrom(
      'resource',
      '"aws_instance"',
      '{',
      '}',
      '[',
      ']',
      '(',
      ')',
      '=',
      ',',
      '\n',
      ' ',
      'user_data',
      '<<EOT\n',
      '<<-EOT\n',
      'EOT\n',
      '${',
      '%{',
      '~}',
      'if',
      'endif',
      '"',
      '\\',
      '$${',
      'file(',
      'base64encode(',
      '"ami-0123456789abcdef0"',
      '"resolve:ssm:/x"',
      'module',
      'source',
      'inline',
      'provisioner "shell"',
      'é',
      '😀',
      '\r\n',
      '\u0000',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 60 }), fc.string({ maxLength: 30 }), async (tokens, noise) => {
        const r = await analyseTerraform(tokens.join('') + noise, { fileName: 'fuzz.tf' });
        expect(r.parseErrors.length).toBeLessThanOrEqual(10);
        expect(r.parseErrors.every((e) => !e.message.startsWith('internal error'))).toBe(true);
        for (const s of r.embeddedScripts) {
          const lines = s.text.split('\n').length;
          for (let l = 1; l <= lines; l++) {
            const p = mapScriptPosition(s, l, 1);
            expect(p.line).toBeGreaterThanOrEqual(1);
            expect(p.column).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      { numRuns: 300, seed: 20240601 },
    );
  });

  it('returns an empty analysis for empty input and non-string input', async () => {
    const empty = await analyseTerraform('');
    expect(empty).toEqual({
      amis: [],
      modules: [],
      ssmParameters: [],
      amiLookups: [],
      embeddedScripts: [],
      scriptFiles: [],
      parseErrors: [],
    });
    const notText = await analyseTerraform(undefined as unknown as string);
    expect(notText.parseErrors).toEqual([{ line: 1, column: 1, message: 'input is not text' }]);
  });
});
