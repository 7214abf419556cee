// A synthetic infrastructure monorepo at the scale of a large platform team, generated deterministically
// (seeded) as a real git repository with a backdated history of merged pull requests.
//
// Layout at scale 1 (every count scales with --scale):
//   live/<env>/<region>/<stack>/       40 Terraform roots (dev, staging, prod): main.tf, variables.tf, …, terraform.tfvars
//   modules/{services,platform,stacks}/ 200 local modules: launch templates with user-data heredocs or
//                                       templatefile() templates, ASGs, IAM, alarms, composite stacks
//   services/<svc>/appspec.yml          200 CodeDeploy revisions, each with its hook scripts
//   services/<svc>/scripts/*.sh, ops/**/*.sh, images/packer/scripts/*.sh   1,500 deploy scripts
//   images/manifests/<ami>.json         one image inventory per AMI ever built
//   images/packer/<family>.pkr.hcl      Packer templates with shell provisioners
// Terraform .tf files: 3,000. History: 500 merge commits (--no-ff, first-parent), AMIs built, then
// promoted dev → staging → prod over days, module/scripts edits, module version and image-tag bumps.
//
// Three branches start at the tip of main for the benchmark's pull requests:
//   bench/typical     10 changed files: a service module, its appspec and hook scripts, a root, an ops script
//   bench/everything  every file of the repository changed (the worst case)
//   bench/docs        documentation only (nothing deploy-relevant: the cold start)
//
// Usage: node bench/generate.mjs [--scale 1] [--seed 7] [--out .bench/repo-…] [--force]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the generated content changes: cached repositories of another version are regenerated. */
export const GENERATOR_VERSION = 4;
export const DEFAULT_SEED = 7;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_DIR = join(ROOT, '.bench');

export const ENVIRONMENTS = ['dev', 'staging', 'prod'];
const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-southeast-2'];
const ENV_REGIONS = { dev: ['us-east-1'], staging: ['us-east-1', 'eu-west-1'], prod: REGIONS };
const DOMAINS = ['billing', 'auth', 'search', 'ingest', 'notify', 'reports', 'media', 'gateway', 'ledger', 'catalog', 'checkout', 'cart', 'profile', 'feeds', 'metrics', 'audit', 'pricing', 'orders', 'payments', 'identity'];
const ROLES = ['api', 'worker', 'consumer', 'cron', 'web', 'sync', 'export', 'import', 'admin', 'proxy'];
const STACK_NAMES = ['core', 'edge', 'data', 'commerce', 'identity', 'observability', 'messaging', 'analytics', 'content', 'platform', 'ops', 'batch', 'internal', 'partner', 'mobile', 'search', 'risk', 'finance', 'support', 'growth', 'ml', 'media', 'iot', 'compliance', 'devtools', 'storage', 'network', 'security', 'ci', 'legacy'];
const PLATFORM_KINDS = ['vpc', 'subnets', 'nat', 'rds-postgres', 'aurora-mysql', 'elasticache', 's3-bucket', 'kms-key', 'sns-topic', 'sqs-queue', 'alb', 'nlb', 'route53-zone', 'acm-cert', 'waf', 'cloudfront', 'ecr-repo', 'iam-role', 'bastion', 'vpn', 'transit-gateway', 'dynamodb-table', 'efs', 'opensearch', 'msk'];
export const IMAGE_FAMILIES = ['al2023-base', 'api-runtime', 'worker-runtime', 'jvm17', 'node20', 'python311', 'bastion', 'gpu-inference'];
const EXTRA_TF_TOPICS = ['iam', 'security', 'alarms', 'dns', 'logs', 'scaling', 'dashboards', 'secrets', 'backup', 'events', 'queues', 'storage', 'network', 'tags', 'policies', 'monitoring', 'certificates', 'lifecycle', 'endpoints', 'parameters'];
const ROOT_TF_FILES = ['main.tf', 'variables.tf', 'outputs.tf', 'providers.tf', 'backend.tf', 'versions.tf', 'locals.tf', 'params.tf'];
const HOOKS = [
  ['BeforeInstall', 'before_install.sh', 'root'],
  ['AfterInstall', 'after_install.sh', 'root'],
  ['AfterInstall', 'fetch_config.sh', 'root'],
  ['ApplicationStart', 'application_start.sh', 'root'],
  ['ApplicationStop', 'application_stop.sh', 'root'],
  ['ValidateService', 'validate_service.sh', 'app'],
];
const HOUR = 3_600_000;
/** History starts here (fixed, so the same seed gives the same commit ids). */
const HISTORY_START = Date.UTC(2025, 0, 6, 9, 0, 0);

// ---------------------------------------------------------------------------------------------------
// Seeded randomness

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }
  chance(p) {
    return this.next() < p;
  }
  hex(n) {
    let out = '';
    for (let i = 0; i < n; i++) out += '0123456789abcdef'[Math.floor(this.next() * 16)];
    return out;
  }
  sample(list, n) {
    const copy = [...list];
    const out = [];
    while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------------
// Plan: what exists, independent of content

export function planCounts(scale = 1) {
  const s = Number(scale);
  if (!(s > 0)) throw new Error(`--scale must be a positive number, got ${scale}`);
  const roots = Math.max(3, Math.round(40 * s));
  const modules = Math.max(6, Math.round(200 * s));
  const appspecs = Math.max(2, Math.round(200 * s));
  const scripts = Math.max(appspecs * 7 + IMAGE_FAMILIES.length * 2 + 4, Math.round(1500 * s));
  const tfFiles = Math.max(roots * ROOT_TF_FILES.length + modules * 5, Math.round(3000 * s));
  const merges = Math.max(12, Math.round(500 * s));
  return { scale: s, roots, modules, appspecs, scripts, tfFiles, merges };
}

function buildPlan(counts, rng) {
  const services = [];
  for (let i = 0; services.length < Math.max(counts.appspecs, counts.modules); i++) {
    const name = `${DOMAINS[i % DOMAINS.length]}-${ROLES[Math.floor(i / DOMAINS.length) % ROLES.length]}${i >= DOMAINS.length * ROLES.length ? `-${Math.floor(i / (DOMAINS.length * ROLES.length)) + 1}` : ''}`;
    services.push({ name, family: IMAGE_FAMILIES[(i * 7 + 3) % (IMAGE_FAMILIES.length - 1)], port: 8000 + (i % 900), userData: ['heredoc', 'heredoc', 'template', 'cloud-init'][i % 4] });
  }
  const stackCount = Math.max(1, Math.round(counts.modules * 0.15));
  const platformCount = Math.max(1, Math.round(counts.modules * 0.25));
  const computeCount = counts.modules - stackCount - platformCount;
  const computeModules = services.slice(0, computeCount).map((service) => ({ kind: 'service', name: service.name, dir: `modules/services/${service.name}`, service }));
  const platformModules = Array.from({ length: platformCount }, (_, i) => {
    const kind = PLATFORM_KINDS[i % PLATFORM_KINDS.length];
    const name = i < PLATFORM_KINDS.length ? kind : `${kind}-v${Math.floor(i / PLATFORM_KINDS.length) + 1}`;
    return { kind: 'platform', name, dir: `modules/platform/${name}`, platformKind: kind };
  });
  const stackModules = Array.from({ length: stackCount }, (_, i) => {
    const name = i < STACK_NAMES.length ? STACK_NAMES[i] : `${STACK_NAMES[i % STACK_NAMES.length]}-${Math.floor(i / STACK_NAMES.length) + 1}`;
    return { kind: 'stack', name, dir: `modules/stacks/${name}`, services: [], platform: [] };
  });
  // Every service module and most platform modules belong to a stack; stacks also share a few.
  computeModules.forEach((module, i) => stackModules[i % stackCount].services.push(module));
  platformModules.forEach((module, i) => {
    stackModules[i % stackCount].platform.push(module);
    if (rng.chance(0.3)) stackModules[(i + 3) % stackCount].platform.push(module);
  });
  const modules = [...computeModules, ...platformModules, ...stackModules];

  // Roots: environment × stack, round robin, each in one region of the environment.
  const rootStacks = Math.ceil(counts.roots / ENVIRONMENTS.length);
  const roots = [];
  for (let i = 0; i < counts.roots; i++) {
    const env = ENVIRONMENTS[i % ENVIRONMENTS.length];
    const stackIndex = Math.floor(i / ENVIRONMENTS.length) % rootStacks;
    const regions = ENV_REGIONS[env];
    const region = regions[stackIndex % regions.length];
    const stacks = stackModules.filter((_, s) => s % rootStacks === stackIndex);
    const name = stacks[0]?.name ?? `stack-${stackIndex}`;
    roots.push({ env, region, name, dir: `live/${env}/${region}/${name}`, stacks, stackIndex });
  }

  // .tf files per module: 5 core files, the rest of the budget spread over modules as topical files.
  const budget = counts.tfFiles - counts.roots * ROOT_TF_FILES.length;
  const base = Math.floor(budget / modules.length);
  let extra = budget - base * modules.length;
  for (const module of modules) {
    const total = base + (extra-- > 0 ? 1 : 0);
    module.topics = Array.from({ length: Math.max(0, total - 5) }, (_, i) => `${EXTRA_TF_TOPICS[i % EXTRA_TF_TOPICS.length]}${i >= EXTRA_TF_TOPICS.length ? `_${Math.floor(i / EXTRA_TF_TOPICS.length) + 1}` : ''}.tf`);
  }

  // Deploy scripts: 6 hooks + common.sh per CodeDeploy service, one more for some, then ops and Packer.
  const deployServices = services.slice(0, counts.appspecs);
  const packerScripts = IMAGE_FAMILIES.flatMap((family) => [`images/packer/scripts/${family}-setup.sh`, `images/packer/scripts/${family}-harden.sh`]);
  let remaining = counts.scripts - deployServices.length * 7 - packerScripts.length;
  for (const service of deployServices) {
    service.extraScripts = remaining > Math.max(4, Math.round(counts.scripts * 0.05)) && rng.chance(0.5) ? ['rotate_logs.sh'] : [];
    remaining -= service.extraScripts.length;
  }
  const opsScripts = Array.from({ length: Math.max(0, remaining) }, (_, i) => `ops/${['cron', 'bin', 'maintenance', 'oncall'][i % 4]}/${DOMAINS[i % DOMAINS.length]}-${['rotate', 'backup', 'reindex', 'cleanup', 'report', 'drain', 'warmup', 'sync'][Math.floor(i / DOMAINS.length) % 8]}${i >= DOMAINS.length * 8 ? `-${Math.floor(i / (DOMAINS.length * 8))}` : ''}.sh`);
  return { services, deployServices, modules, computeModules, platformModules, stackModules, roots, packerScripts, opsScripts };
}

// ---------------------------------------------------------------------------------------------------
// Content

const indent = (text, spaces) => text.split('\n').map((line) => (line ? ' '.repeat(spaces) + line : line)).join('\n');
const ident = (name) => name.replace(/[^a-z0-9_]/gi, '_');
const relative = (fromDir, toDir) => {
  const from = fromDir.split('/');
  const to = toDir.split('/');
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
};

function userDataShell(service, rev) {
  return `#!/bin/bash
set -euo pipefail
exec > >(tee /var/log/user-data.log | logger -t user-data -s 2>/dev/console) 2>&1
REGION="$(curl -fsS http://169.254.169.254/latest/meta-data/placement/region)"
INSTANCE_ID="$(curl -fsS http://169.254.169.254/latest/meta-data/instance-id)"
mkdir -p /etc/${service.name} /var/log/${service.name}
aws ssm get-parameter --region "$REGION" --name "/${service.name}/\${environment}/config" --with-decryption \\
  --query Parameter.Value --output text > /etc/${service.name}/env
chmod 0600 /etc/${service.name}/env
id -u ${ident(service.name)} >/dev/null 2>&1 || useradd --system --home /opt/${service.name} ${ident(service.name)}
aws ec2 create-tags --region "$REGION" --resources "$INSTANCE_ID" --tags Key=BootRevision,Value=${rev}
systemctl enable --now codedeploy-agent
systemctl enable --now amazon-cloudwatch-agent
echo "*/10 * * * * root /usr/local/sbin/${service.name}-heartbeat" > /etc/cron.d/${service.name}-heartbeat`;
}

function cloudInit(service, rev) {
  return `#cloud-config
package_update: true
packages:
  - jq
  - unzip
write_files:
  - path: /etc/${service.name}/revision
    content: "${rev}"
    permissions: "0644"
runcmd:
  - [ systemctl, enable, --now, codedeploy-agent ]
  - mkdir -p /var/log/${service.name}
  - aws s3 cp s3://acme-bootstrap/${service.name}/bootstrap.sh /usr/local/sbin/${service.name}-bootstrap
  - chmod 0755 /usr/local/sbin/${service.name}-bootstrap && /usr/local/sbin/${service.name}-bootstrap`;
}

function serviceModuleMain(module, rev) {
  const { service } = module;
  const ud =
    service.userData === 'template'
      ? `base64encode(templatefile("\${path.module}/templates/user-data.sh.tpl", {
    environment = var.environment
    service     = "${service.name}"
    revision    = "${rev}"
  }))`
      : `base64encode(<<-EOT
${indent(service.userData === 'cloud-init' ? cloudInit(service, rev) : userDataShell(service, rev), 4)}
  EOT
  )`;
  return `# ${service.name}: EC2 service behind an ALB, deployed with CodeDeploy.
resource "aws_launch_template" "this" {
  name_prefix            = "${service.name}-\${var.environment}-"
  image_id               = var.ami_id
  instance_type          = var.instance_type
  vpc_security_group_ids = [aws_security_group.this.id]
  update_default_version = true

  iam_instance_profile {
    arn = aws_iam_instance_profile.this.arn
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size           = var.root_volume_size
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  user_data = ${ud}

  tag_specifications {
    resource_type = "instance"
    tags = merge(local.tags, {
      Name        = "${service.name}-\${var.environment}"
      Environment = var.environment
    })
  }
}

resource "aws_autoscaling_group" "this" {
  name_prefix         = "${service.name}-\${var.environment}-"
  min_size            = var.min_size
  max_size            = var.max_size
  desired_capacity    = var.desired_capacity
  vpc_zone_identifier = var.subnet_ids
  target_group_arns   = [aws_lb_target_group.this.arn]
  health_check_type   = "ELB"

  launch_template {
    id      = aws_launch_template.this.id
    version = "$Latest"
  }

  instance_refresh {
    strategy = "Rolling"
    preferences {
      min_healthy_percentage = 90
    }
  }

  dynamic "tag" {
    for_each = local.tags
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }
}

resource "aws_lb_target_group" "this" {
  name_prefix = "${service.name.slice(0, 6)}"
  port        = ${service.port}
  protocol    = "HTTP"
  vpc_id      = var.vpc_id

  health_check {
    path                = "/healthz"
    healthy_threshold   = 2
    unhealthy_threshold = 3
    interval            = 15
  }
}

resource "aws_codedeploy_deployment_group" "this" {
  app_name               = "${service.name}"
  deployment_group_name  = "${service.name}-\${var.environment}"
  service_role_arn       = var.codedeploy_role_arn
  autoscaling_groups     = [aws_autoscaling_group.this.name]
  deployment_config_name = "CodeDeployDefault.OneAtATime"
}

locals {
  tags = merge(var.tags, {
    Service  = "${service.name}"
    Module   = "services/${service.name}"
    Revision = "${rev}"
  })
}
`;
}

function serviceVariables(module, rev) {
  return `variable "environment" {
  type        = string
  description = "Environment name (dev, staging, prod)."
}

variable "ami_id" {
  type        = string
  description = "AMI of the ${module.name} instances; promoted dev → staging → prod."
}

variable "instance_type" {
  type    = string
  default = "${['m6i.large', 'm6i.xlarge', 'c6i.large', 'r6i.large'][rev % 4]}"
}

variable "root_volume_size" {
  type    = number
  default = ${20 + (rev % 5) * 10}
}

variable "min_size" {
  type    = number
  default = 2
}

variable "max_size" {
  type    = number
  default = ${6 + (rev % 3) * 2}
}

variable "desired_capacity" {
  type    = number
  default = 2
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "codedeploy_role_arn" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}
`;
}

function platformMain(module, rev) {
  const k = module.platformKind;
  const resources = {
    vpc: `resource "aws_vpc" "this" {
  cidr_block           = var.cidr_block
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = merge(var.tags, { Name = var.name })
}

resource "aws_flow_log" "this" {
  vpc_id          = aws_vpc.this.id
  traffic_type    = "ALL"
  log_destination = var.flow_log_bucket_arn
}`,
    'rds-postgres': `resource "aws_db_instance" "this" {
  identifier              = var.name
  engine                  = "postgres"
  engine_version          = "15.${4 + (rev % 3)}"
  instance_class          = var.instance_class
  allocated_storage       = 100
  storage_encrypted       = true
  kms_key_id              = var.kms_key_arn
  backup_retention_period = 14
  deletion_protection     = true
  db_subnet_group_name    = aws_db_subnet_group.this.name
  tags                    = var.tags
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}`,
    'ecr-repo': `resource "aws_ecr_repository" "this" {
  name                 = var.name
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_ecr_lifecycle_policy" "this" {
  repository = aws_ecr_repository.this.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "keep ${30 + rev} images"
      selection    = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = ${30 + rev} }
      action       = { type = "expire" }
    }]
  })
}`,
    bastion: `data "aws_ami" "bastion" {
  owners      = ["111111111111"]
  most_recent = false
  filter {
    name   = "name"
    values = ["acme-bastion-2025.${String(1 + (rev % 12)).padStart(2, '0')}"]
  }
}

resource "aws_instance" "this" {
  ami                    = data.aws_ami.bastion.id
  instance_type          = "t3.micro"
  subnet_id              = var.subnet_ids[0]
  vpc_security_group_ids = var.security_group_ids
  tags                   = merge(var.tags, { Name = "\${var.name}-bastion" })
}`,
  };
  const generic = `resource "aws_cloudwatch_log_group" "this" {
  name              = "/acme/\${var.name}/${k}"
  retention_in_days = ${[14, 30, 90][rev % 3]}
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

resource "aws_ssm_parameter" "${ident(k)}_arn" {
  name  = "/platform/\${var.name}/${k}/arn"
  type  = "String"
  value = aws_cloudwatch_log_group.this.arn
}`;
  return `# Platform module: ${k} (revision ${rev}).
${resources[k] ?? generic}

locals {
  module_tags = merge(var.tags, { Module = "platform/${module.name}" })
}
`;
}

function platformVariables(module) {
  return `variable "name" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "cidr_block" {
  type    = string
  default = "10.0.0.0/16"
}

variable "subnet_ids" {
  type    = list(string)
  default = []
}

variable "security_group_ids" {
  type    = list(string)
  default = []
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "instance_class" {
  type    = string
  default = "db.r6g.large"
}

variable "flow_log_bucket_arn" {
  type    = string
  default = null
}
# ${module.name}
`;
}

function stackMain(module, rev) {
  const services = module.services
    .map(
      (service) => `module "${ident(service.name)}" {
  source              = "${relative(module.dir, service.dir)}"
  environment         = var.environment
  ami_id              = lookup(var.amis, "${service.service.family}", var.amis["al2023-base"])
  vpc_id              = var.vpc_id
  subnet_ids          = var.subnet_ids
  codedeploy_role_arn = var.codedeploy_role_arn
  tags                = local.tags
}
`,
    )
    .join('\n');
  const platform = module.platform
    .map(
      (p) => `module "${ident(p.name)}" {
  source = "${relative(module.dir, p.dir)}"
  name   = "\${var.environment}-${p.name}"
  tags   = local.tags
}
`,
    )
    .join('\n');
  return `# Stack ${module.name}: the services and platform pieces one team owns (revision ${rev}).
${services}
${platform}
locals {
  tags = merge(var.tags, { Stack = "${module.name}", Environment = var.environment })
}
`;
}

function stackVariables() {
  return `variable "environment" {
  type = string
}

variable "amis" {
  type        = map(string)
  description = "AMI per image family, promoted dev → staging → prod."
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "codedeploy_role_arn" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}
`;
}

function outputsTf(module) {
  if (module.kind === 'service') {
    return `output "autoscaling_group_name" {
  value = aws_autoscaling_group.this.name
}

output "launch_template_id" {
  value = aws_launch_template.this.id
}

output "target_group_arn" {
  value = aws_lb_target_group.this.arn
}
`;
  }
  return `output "name" {
  value       = "${module.name}"
  description = "Name of the ${module.kind} module."
}
`;
}

const versionsTf = (rev) => `terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.${30 + (rev % 40)}"
    }
  }
}
`;

function topicTf(module, topic, rev) {
  const name = ident(`${module.name}_${topic.replace(/\.tf$/, '')}`);
  const kind = topic.replace(/(_\d+)?\.tf$/, '');
  const bodies = {
    iam: `data "aws_iam_policy_document" "${name}_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "${name}" {
  name_prefix        = "${module.name.slice(0, 20)}-"
  assume_role_policy = data.aws_iam_policy_document.${name}_assume.json
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "${name}_ssm" {
  role       = aws_iam_role.${name}.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}`,
    security: `resource "aws_security_group" "${name}" {
  name_prefix = "${module.name.slice(0, 20)}-"
  description = "${module.name} (${topic})"
  vpc_id      = var.vpc_id

  ingress {
    from_port   = ${443 + (rev % 3)}
    to_port     = ${443 + (rev % 3)}
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}`,
    alarms: `resource "aws_cloudwatch_metric_alarm" "${name}_5xx" {
  alarm_name          = "${module.name}-5xx-\${var.environment}"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 3
  metric_name         = "HTTPCode_Target_5XX_Count"
  namespace           = "AWS/ApplicationELB"
  period              = 60
  statistic           = "Sum"
  threshold           = ${5 + (rev % 10)}
  alarm_actions       = [var.alarm_topic_arn]
}

resource "aws_cloudwatch_metric_alarm" "${name}_deploy_failed" {
  alarm_name          = "${module.name}-deploy-failed-\${var.environment}"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = 1
  metric_name         = "FailedDeployments"
  namespace           = "Acme/CodeDeploy"
  period              = 300
  statistic           = "Sum"
  threshold           = 1
  alarm_actions       = [var.pager_topic_arn]
}`,
    parameters: `resource "aws_ssm_parameter" "${name}_settings" {
  name  = "/${module.name}/\${var.environment}/settings"
  type  = "String"
  value = jsonencode({ log_level = "${['info', 'warn', 'debug'][rev % 3]}", workers = ${2 + (rev % 6)} })
}`,
  };
  const fallback = `resource "aws_cloudwatch_log_group" "${name}" {
  name              = "/acme/${module.name}/${kind}"
  retention_in_days = ${[7, 14, 30, 60, 90][rev % 5]}
  tags              = merge(var.tags, { Topic = "${kind}" })
}

resource "aws_cloudwatch_log_metric_filter" "${name}_errors" {
  name           = "${module.name}-${kind}-errors"
  log_group_name = aws_cloudwatch_log_group.${name}.name
  pattern        = "?ERROR ?FATAL"
  metric_transformation {
    name      = "${name}_errors"
    namespace = "Acme/${kind}"
    value     = "1"
  }
}`;
  return `# ${module.name}: ${kind} (revision ${rev})
${bodies[kind] ?? fallback}

data "aws_iam_policy_document" "${name}_read" {
  statement {
    sid       = "Read${kind.replace(/[^a-z]/g, '')}"
    effect    = "Allow"
    actions   = ["logs:DescribeLogGroups", "logs:GetLogEvents", "ssm:GetParameter", "ssm:GetParametersByPath"]
    resources = ["arn:aws:ssm:*:*:parameter/${module.name}/*", "arn:aws:logs:*:*:log-group:/acme/${module.name}/*"]
  }
  statement {
    sid       = "Decrypt"
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["ssm.\${data.aws_region.current.name}.amazonaws.com"]
    }
  }
}
`;
}

function templateUserData(service, rev) {
  return `#!/bin/bash
# Rendered by templatefile(); \${service} in \${environment}.
set -euo pipefail
REGION="$(curl -fsS http://169.254.169.254/latest/meta-data/placement/region)"
mkdir -p /etc/\${service}
aws s3 cp "s3://acme-bootstrap/\${service}/\${environment}/bootstrap.env" /etc/\${service}/bootstrap.env
%{ if environment == "prod" ~}
systemctl enable --now amazon-cloudwatch-agent
%{ endif ~}
echo "revision=\${revision}" >> /etc/\${service}/bootstrap.env
jq -n --arg r "$REGION" '{region: $r}' > /etc/\${service}/region.json
systemctl enable --now codedeploy-agent
# template revision ${rev} for ${service.name}
`;
}

// Roots --------------------------------------------------------------------------------------------

function rootFile(root, file, model, rev) {
  const env = root.env;
  switch (file) {
    case 'main.tf':
      return `# ${root.dir}: ${root.name} in ${env} (${root.region}).
${root.stacks
  .map(
    (stack) => `module "${ident(stack.name)}" {
  source              = "${relative(root.dir, stack.dir)}"
  environment         = "${env}"
  amis                = var.amis
  vpc_id              = module.network.vpc_id
  subnet_ids          = module.network.private_subnets
  codedeploy_role_arn = var.codedeploy_role_arn
  tags                = local.tags
}
`,
  )
  .join('\n')}
module "network" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "${model.vpcVersion[env]}"

  name            = "${env}-${root.name}"
  cidr            = "10.${root.stackIndex % 250}.0.0/16"
  azs             = ["${root.region}a", "${root.region}b", "${root.region}c"]
  private_subnets = ["10.${root.stackIndex % 250}.1.0/24", "10.${root.stackIndex % 250}.2.0/24", "10.${root.stackIndex % 250}.3.0/24"]
  public_subnets  = ["10.${root.stackIndex % 250}.101.0/24", "10.${root.stackIndex % 250}.102.0/24", "10.${root.stackIndex % 250}.103.0/24"]
}

module "observability" {
  source = "git::https://github.com/acme/terraform-modules.git//observability?ref=${model.obsRef[env]}"
  name   = "${env}-${root.name}"
  tags   = local.tags
}

# capacity revision ${rev}
`;
    case 'variables.tf':
      return `variable "amis" {
  type        = map(string)
  description = "AMI per image family in ${env}; set in terraform.tfvars."
}

variable "codedeploy_role_arn" {
  type = string
}

variable "alarm_email" {
  type    = string
  default = "platform-alerts@acme.example"
}
`;
    case 'outputs.tf':
      return root.stacks.map((stack) => `output "${ident(stack.name)}" {\n  value = module.${ident(stack.name)}\n}\n`).join('\n');
    case 'providers.tf':
      return `provider "aws" {
  region = "${root.region}"
  assume_role {
    role_arn = "arn:aws:iam::${{ dev: '333333333333', staging: '222222222222', prod: '111111111111' }[env]}:role/terraform"
  }
  default_tags {
    tags = {
      Environment = "${env}"
      ManagedBy   = "terraform"
      Repository  = "acme/infra"
    }
  }
}
`;
    case 'backend.tf':
      return `terraform {
  backend "s3" {
    bucket         = "acme-terraform-state-${env}"
    key            = "${root.dir}/terraform.tfstate"
    region         = "us-east-1"
    dynamodb_table = "terraform-locks"
    encrypt        = true
  }
}
`;
    case 'versions.tf':
      return versionsTf(rev);
    case 'locals.tf':
      return `locals {
  tags = {
    Environment = "${env}"
    Stack       = "${root.name}"
    Region      = "${root.region}"
    CostCenter  = "cc-${1000 + root.stackIndex}"
  }
}
`;
    case 'params.tf':
      return `# Release tags that the deploy pipeline reads, promoted dev → staging → prod.
resource "aws_ssm_parameter" "release_image_tag" {
  name  = "/${env}/${root.name}/release/image_tag"
  type  = "String"
  value = "${model.releaseTag[env]}"
}

resource "aws_ssm_parameter" "region" {
  name  = "/${env}/${root.name}/region"
  type  = "String"
  value = "${root.region}"
}
`;
    default:
      throw new Error(file);
  }
}

function rootTfvars(root, model) {
  const amis = model.amis[root.env];
  return `# ${root.dir}: inputs of ${root.env}.
codedeploy_role_arn = "arn:aws:iam::${{ dev: '333333333333', staging: '222222222222', prod: '111111111111' }[root.env]}:role/codedeploy"

amis = {
${IMAGE_FAMILIES.map((family) => `  ${JSON.stringify(family).padEnd(16)} = "${amis[family]}"`).join('\n')}
}
`;
}

function lockFile(rev) {
  return `# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.${30 + (rev % 40)}.0"
  constraints = "~> 5.${30 + (rev % 40)}"
  hashes = [
${Array.from({ length: 14 }, (_, i) => `    "zh:${(rev * 7919 + i * 104729).toString(16).padStart(8, '0').repeat(8)}",`).join('\n')}
  ]
}
`;
}

// Scripts -----------------------------------------------------------------------------------------

function scriptBlocks(service, rng) {
  const svc = service.name;
  const user = ident(svc);
  const awsCall = service.hardcodedAws ? '/usr/bin/aws' : 'aws';
  return [
    () => `# Fetch the release configuration for this deployment group.
CONFIG_DIR=/etc/${svc}
mkdir -p "$CONFIG_DIR"
${awsCall} ssm get-parameter --name "/${svc}/\${DEPLOYMENT_GROUP_NAME}/config" --with-decryption \\
  --query Parameter.Value --output text > "$CONFIG_DIR/env"
chmod 0600 "$CONFIG_DIR/env"
chown ${user}:${user} "$CONFIG_DIR/env"`,
    () => `# Pull the artifact and unpack it next to the previous release.
RELEASE="$(date +%Y%m%d%H%M%S)"
${awsCall} s3 cp "s3://acme-artifacts/${svc}/\${DEPLOYMENT_ID}/${svc}.tar.gz" /tmp/${svc}.tar.gz
mkdir -p /opt/${svc}/releases/"$RELEASE"
tar -xzf /tmp/${svc}.tar.gz -C /opt/${svc}/releases/"$RELEASE"
ln -sfn /opt/${svc}/releases/"$RELEASE" /opt/${svc}/current
rm -f /tmp/${svc}.tar.gz`,
    () => `# Feature flags from SSM, parsed with jq.
FLAGS_JSON="$(aws ssm get-parameter --name /${svc}/flags --query Parameter.Value --output text)"
MAX_WORKERS="$(echo "$FLAGS_JSON" | jq -r '.max_workers // 4')"
if [ "$(echo "$FLAGS_JSON" | jq -r '.maintenance // false')" = "true" ]; then
  log "maintenance mode is on; skipping"
  exit 0
fi
sed -i "s/^WORKERS=.*/WORKERS=\${MAX_WORKERS}/" /etc/${svc}/env`,
    () => `# Restart the service and wait until systemd reports it active.
systemctl daemon-reload
systemctl restart ${svc}.service
for attempt in $(seq 1 ${rng.int(10, 40)}); do
  if systemctl is-active --quiet ${svc}.service; then
    break
  fi
  sleep 2
done
systemctl is-active --quiet ${svc}.service || { journalctl -u ${svc}.service -n 50 --no-pager; exit 1; }`,
    () => `# Health check through the local listener.
for i in $(seq 1 30); do
  if curl -fsS --max-time 2 "http://127.0.0.1:${service.port}/healthz" | grep -q '"status":"ok"'; then
    log "healthy after $i attempt(s)"
    exit 0
  fi
  sleep 2
done
log "unhealthy after 30 attempts"
exit 1`,
    () => `# Rotate logs hourly and ship them to S3.
echo "17 * * * * root /opt/${svc}/current/bin/rotate-logs >/dev/null 2>&1" > /etc/cron.d/${svc}-logs
echo "*/5 * * * * ${user} /opt/${svc}/current/bin/heartbeat --quiet" > /etc/cron.d/${svc}-heartbeat
chmod 0644 /etc/cron.d/${svc}-logs /etc/cron.d/${svc}-heartbeat`,
    () => `# Service user and directories.
if ! id -u ${user} >/dev/null 2>&1; then
  useradd --system --home-dir /opt/${svc} --shell /sbin/nologin ${user}
fi
install -d -o ${user} -g ${user} -m 0750 /var/log/${svc} /var/lib/${svc}
install -m 0644 /opt/${svc}/current/etc/${svc}.service /etc/systemd/system/${svc}.service`,
    () => `# Register the instance in the deployment's target group only once it is warm.
TOKEN="$(curl -fsS -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 60')"
INSTANCE_ID="$(curl -fsS -H "X-aws-ec2-metadata-token: $TOKEN" http://169.254.169.254/latest/meta-data/instance-id)"
case "\${DEPLOYMENT_GROUP_NAME:-}" in
  *prod*) WARMUP=${rng.int(30, 120)} ;;
  *) WARMUP=10 ;;
esac
sleep "$WARMUP"
aws ec2 create-tags --resources "$INSTANCE_ID" --tags "Key=${svc}:release,Value=\${DEPLOYMENT_ID:-unknown}"`,
    () => `# Render the environment file from the template.
export SERVICE_PORT=${service.port}
envsubst < /opt/${svc}/current/etc/env.tmpl > /etc/${svc}/runtime.env
python3 -c 'import json,sys; json.load(open("/opt/${svc}/current/manifest.json"))' || {
  log "invalid manifest"
  exit 1
}`,
    () => `# Drain connections before the stop.
if [ -f /run/${svc}.pid ]; then
  kill -TERM "$(cat /run/${svc}.pid)" 2>/dev/null || true
  timeout 30 bash -c 'while [ -f /run/${svc}.pid ]; do sleep 1; done' || log "drain timed out"
fi
logger -t ${svc} "stopped for deployment \${DEPLOYMENT_ID:-manual}"`,
    () => `# Ship the deploy log.
gzip -c /var/log/${svc}/deploy.log > /tmp/${svc}-deploy.log.gz
${awsCall} s3 cp /tmp/${svc}-deploy.log.gz "s3://acme-deploy-logs/${svc}/$(hostname)/$(date +%F).log.gz" --only-show-errors
rm -f /tmp/${svc}-deploy.log.gz`,
    () => `# Container sidecar, when the image has docker.
if command -v docker >/dev/null 2>&1; then
  docker pull "acme.registry.example/${svc}-sidecar:\${SIDECAR_TAG:-stable}"
  docker rm -f ${svc}-sidecar >/dev/null 2>&1 || true
  docker run -d --name ${svc}-sidecar --restart unless-stopped --network host "acme.registry.example/${svc}-sidecar:\${SIDECAR_TAG:-stable}"
fi`,
  ];
}

function hookScript(service, file, hookEvent, rev, rng) {
  const svc = service.name;
  const blocks = scriptBlocks(service, rng);
  const chosen = rng.sample(blocks, rng.int(3, 5)).map((block) => block());
  return `#!/bin/bash
# ${hookEvent} hook of ${svc} (CodeDeploy). Revision ${rev}.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"

log "starting ${file}"
${chosen.join('\n\n')}

log "finished ${file}"
`;
}

function commonScript(service, rev) {
  const svc = service.name;
  return `#!/bin/bash
# Shared helpers of ${svc}'s hook scripts. Revision ${rev}.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/opt/${svc}/current/bin
LOG_FILE=/var/log/${svc}/deploy.log

log() {
  printf '%s %s\\n' "$(date --iso-8601=seconds)" "$*" | tee -a "$LOG_FILE" >&2
}

retry() {
  local attempts=$1
  shift
  local n=1
  until "$@"; do
    if [ "$n" -ge "$attempts" ]; then
      log "failed after $n attempts: $*"
      return 1
    fi
    sleep $((n * 2))
    n=$((n + 1))
  done
}

param() {
  aws ssm get-parameter --name "$1" --with-decryption --query Parameter.Value --output text
}
`;
}

function rotateLogs(service, rev) {
  const svc = service.name;
  return `#!/bin/bash
# Hourly log rotation for ${svc}, installed as /etc/cron.d/${svc}-rotate. Revision ${rev}.
set -euo pipefail
find /var/log/${svc} -name '*.log' -size +100M -exec gzip {} \\;
find /var/log/${svc} -name '*.gz' -mtime +7 -delete
aws s3 sync /var/log/${svc}/ "s3://acme-logs/${svc}/$(hostname)/" --exclude '*' --include '*.gz' --only-show-errors
echo "5 * * * * root /opt/${svc}/current/scripts/rotate_logs.sh" > /etc/cron.d/${svc}-rotate
`;
}

function opsScript(path, rev, rng) {
  const name = path.split('/').pop().replace(/\.sh$/, '');
  const target = name.split('-')[0];
  const bodies = [
    `BUCKET="acme-backups-\${ENVIRONMENT:-prod}"
SNAPSHOT="${target}-$(date +%F-%H%M)"
aws rds create-db-snapshot --db-instance-identifier "${target}" --db-snapshot-identifier "$SNAPSHOT"
aws rds wait db-snapshot-available --db-snapshot-identifier "$SNAPSHOT"
aws s3 cp "/var/backups/${target}.manifest" "s3://$BUCKET/${target}/$SNAPSHOT.manifest"`,
    `for instance in $(aws ec2 describe-instances --filters "Name=tag:Service,Values=${target}-*" "Name=instance-state-name,Values=running" --query 'Reservations[].Instances[].InstanceId' --output text); do
  aws ssm send-command --instance-ids "$instance" --document-name AWS-RunShellScript \\
    --parameters 'commands=["systemctl reload ${target}"]' --output text --query Command.CommandId
done`,
    `curl -fsS "https://metrics.acme.example/api/v1/query?query=up%7Bjob%3D%22${target}%22%7D" | jq -r '.data.result[] | select(.value[1] == "0") | .metric.instance' | while read -r host; do
  echo "down: $host"
done`,
    `echo "0 3 * * * root /opt/ops/bin/${name}.sh >> /var/log/ops/${name}.log 2>&1" > /etc/cron.d/${name}
chmod 0644 /etc/cron.d/${name}
systemctl reload crond 2>/dev/null || systemctl reload cron`,
  ];
  return `#!/usr/bin/env bash
# ${name}: operational task (revision ${rev}).
set -euo pipefail
log() { logger -t ${name} "$*"; echo "$*"; }

${rng.sample(bodies, 2).join('\n\n')}
log "done"
`;
}

function appspec(service, rev) {
  const hooks = new Map();
  for (const [event, file, runas] of HOOKS) {
    const list = hooks.get(event) ?? [];
    list.push(`    - location: scripts/${file}\n      timeout: ${120 + (rev % 5) * 60}\n      runas: ${runas === 'app' ? ident(service.name) : 'root'}`);
    hooks.set(event, list);
  }
  return `version: 0.0
os: linux
files:
  - source: /
    destination: /opt/${service.name}/current
file_exists_behavior: OVERWRITE
permissions:
  - object: /opt/${service.name}/current/scripts
    pattern: "*.sh"
    mode: 755
    type:
      - file
hooks:
${[...hooks].map(([event, list]) => `  ${event}:\n${list.join('\n')}`).join('\n')}
`;
}

function packerTemplate(family, model) {
  return `packer {
  required_plugins {
    amazon = {
      source  = "github.com/hashicorp/amazon"
      version = ">= 1.3.0"
    }
  }
}

source "amazon-ebs" "${ident(family)}" {
  ami_name      = "acme-${family}-{{timestamp}}"
  instance_type = "m6i.large"
  region        = "us-east-1"
  source_ami    = "${model.packerBase}"
  ssh_username  = "ec2-user"
}

build {
  sources = ["source.amazon-ebs.${ident(family)}"]

  provisioner "shell" {
    inline = [
      "sudo dnf -y update",
      "sudo dnf -y install jq unzip amazon-cloudwatch-agent",
      "curl -fsSL https://awscli.amazonaws.com/awscli-exe-linux-x86_64.zip -o /tmp/awscliv2.zip",
      "cd /tmp && unzip -q awscliv2.zip && sudo ./aws/install",
    ]
  }

  provisioner "shell" {
    scripts = ["scripts/${family}-setup.sh", "scripts/${family}-harden.sh"]
  }
}
`;
}

function packerScript(path, rev) {
  return `#!/bin/bash
# Image build step ${path.split('/').pop()} (revision ${rev}).
set -euo pipefail
sudo systemctl enable amazon-ssm-agent
sudo install -d -m 0755 /opt/acme/bin
echo 'export PATH=$PATH:/opt/acme/bin' | sudo tee /etc/profile.d/acme.sh >/dev/null
sudo sed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin no/' /etc/ssh/sshd_config
sudo /usr/local/bin/aws --version
sudo sh /tmp/image-inventory.sh > /tmp/inventory.json
`;
}

const BASE_EXECUTABLES = [
  'bash', 'sh', 'cat', 'chmod', 'chown', 'cp', 'curl', 'date', 'dirname', 'basename', 'echo', 'env', 'find', 'grep', 'gzip',
  'gunzip', 'head', 'hostname', 'id', 'install', 'jq', 'kill', 'ln', 'logger', 'ls', 'mkdir', 'mv', 'printf', 'python3', 'readlink',
  'rm', 'sed', 'seq', 'sleep', 'sort', 'stat', 'sudo', 'tail', 'tar', 'tee', 'test', 'timeout', 'touch', 'tr', 'uniq', 'unzip', 'useradd',
  'wc', 'xargs', 'envsubst', 'awk', 'cut', 'uname', 'true', 'false', 'nohup', 'nice', 'openssl', 'ssh', 'scp', 'rsync', 'zip', 'which',
];
const SBIN = ['useradd', 'install', 'sysctl', 'ip', 'iptables', 'modprobe', 'shutdown', 'reboot'];

function manifest(ami, family, generation) {
  // Images built after generation 2 install awscli v2 under /usr/local/bin (the incident's move).
  const awsPath = generation >= 2 ? '/usr/local/bin/aws' : '/usr/bin/aws';
  const executables = new Set([awsPath, '/usr/bin/systemctl', '/bin/systemctl', '/usr/bin/journalctl', '/usr/sbin/crond', '/usr/bin/docker']);
  for (const name of BASE_EXECUTABLES) {
    executables.add(`/usr/bin/${name}`);
    executables.add(`/bin/${name}`);
  }
  for (const name of SBIN) executables.add(`/usr/sbin/${name}`);
  if (family.includes('python')) executables.add('/usr/local/bin/python3.11');
  if (family.includes('node')) ['node', 'npm', 'npx'].forEach((name) => executables.add(`/usr/local/bin/${name}`));
  if (family.includes('jvm')) executables.add('/usr/lib/jvm/java-17/bin/java');
  return `${JSON.stringify({ image: ami, path: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', executables: [...executables].sort() }, null, 2)}\n`;
}

function config() {
  return `# deploy-guard configuration of acme/infra
$schema: https://github.com/deploy-guard/deploy-guard/blob/main/deploy-guard.schema.json
promotion: [dev, staging, prod]
soak: 24h
environments:
  dev:
    terraform: ["live/dev/**"]
  staging:
    terraform: ["live/staging/**"]
    soak: 24h
  prod:
    terraform: ["live/prod/**"]
    soak: 48h
scripts:
  include: ["services/**/*.sh", "ops/**/*.sh", "**/appspec.yml"]
images:
  manifests: ["images/manifests/*.json"]
  probe: off
evidence: [git]
applied-label: terraform-applied
override:
  label: deploy-guard/override
  allowed: [platform-oncall]
`;
}

// ---------------------------------------------------------------------------------------------------
// The repository as a model: every file is rendered from (spec, revision) and re-rendered on change.

class RepoModel {
  constructor(counts, seed) {
    this.counts = counts;
    this.rng = new Random(seed);
    this.plan = buildPlan(counts, this.rng);
    this.files = new Map(); // path → { render(rev), rev, mode }
    this.amiGeneration = 0;
    const firstAmis = Object.fromEntries(IMAGE_FAMILIES.map((family) => [family, this.newAmi(family)]));
    this.model = {
      amis: Object.fromEntries(ENVIRONMENTS.map((env) => [env, { ...firstAmis }])),
      vpcVersion: Object.fromEntries(ENVIRONMENTS.map((env) => [env, '5.8.1'])),
      obsRef: Object.fromEntries(ENVIRONMENTS.map((env) => [env, 'v2.3.0'])),
      releaseTag: Object.fromEntries(ENVIRONMENTS.map((env) => [env, 'v1.0.0'])),
      packerBase: `ami-0${this.rng.hex(16)}`,
    };
    this.plan.services.forEach((service, i) => (service.hardcodedAws = i % 23 === 5));
    this.define();
  }

  newAmi(family) {
    const ami = `ami-0${this.rng.hex(16)}`;
    (this.builtAmis ??= []).push({ ami, family, generation: this.amiGeneration++ < IMAGE_FAMILIES.length ? 0 : 2 + Math.floor(this.amiGeneration / 20) });
    return ami;
  }

  add(path, render, mode = '100644') {
    this.files.set(path, { render, rev: 0, mode });
  }

  define() {
    const { plan, model } = this;
    this.add('.github/deploy-guard.yml', () => config());
    this.add('README.md', (rev) => `# acme/infra\n\nTerraform, deploy scripts and image inventories of Acme's platform.\n\nRevision ${rev}.\n`);
    this.add('docs/runbooks/deploys.md', (rev) => `# Deploy runbook\n\n1. Promote AMIs dev → staging → prod.\n2. Never merge staging and prod together.\n\n_revision ${rev}_\n`);
    this.add('docs/architecture.md', (rev) => `# Architecture\n\n${plan.stackModules.map((stack) => `- ${stack.name}: ${stack.services.length} services`).join('\n')}\n\n_revision ${rev}_\n`);
    this.add('.gitignore', () => '.terraform/\n*.tfplan\ncrash.log\n');
    this.add('Makefile', () => 'fmt:\n\tterraform fmt -recursive\n\nlint:\n\tshellcheck services/*/scripts/*.sh ops/*/*.sh\n');
    for (const root of plan.roots) {
      for (const file of ROOT_TF_FILES) this.add(`${root.dir}/${file}`, (rev) => rootFile(root, file, model, rev));
      this.add(`${root.dir}/terraform.tfvars`, () => rootTfvars(root, model));
      this.add(`${root.dir}/.terraform.lock.hcl`, (rev) => lockFile(rev));
    }
    for (const module of plan.modules) {
      if (module.kind === 'service') {
        this.add(`${module.dir}/main.tf`, (rev) => serviceModuleMain(module, rev));
        this.add(`${module.dir}/variables.tf`, (rev) => serviceVariables(module, rev));
        if (module.service.userData === 'template') this.add(`${module.dir}/templates/user-data.sh.tpl`, (rev) => templateUserData(module.service, rev));
      } else if (module.kind === 'platform') {
        this.add(`${module.dir}/main.tf`, (rev) => platformMain(module, rev));
        this.add(`${module.dir}/variables.tf`, () => platformVariables(module));
      } else {
        this.add(`${module.dir}/main.tf`, (rev) => stackMain(module, rev));
        this.add(`${module.dir}/variables.tf`, () => stackVariables());
      }
      this.add(`${module.dir}/outputs.tf`, () => outputsTf(module));
      this.add(`${module.dir}/versions.tf`, (rev) => versionsTf(rev));
      this.add(`${module.dir}/README.md`, () => `# ${module.name}\n\n${module.kind} module.\n`);
      this.add(`${module.dir}/locals.tf`, (rev) => `locals {\n  name_prefix = "${module.name}"\n  revision    = ${rev}\n}\n`);
      for (const topic of module.topics) this.add(`${module.dir}/${topic}`, (rev) => topicTf(module, topic, rev));
    }
    for (const service of plan.deployServices) {
      const base = `services/${service.name}`;
      this.add(`${base}/appspec.yml`, (rev) => appspec(service, rev));
      this.add(`${base}/scripts/common.sh`, (rev) => commonScript(service, rev), '100755');
      for (const [event, file] of HOOKS) {
        this.add(`${base}/scripts/${file}`, (rev) => hookScript(service, file, event, rev, new Random(hash(`${service.name}/${file}/${rev}`))), '100755');
      }
      for (const file of service.extraScripts) this.add(`${base}/scripts/${file}`, (rev) => rotateLogs(service, rev), '100755');
    }
    for (const path of plan.opsScripts) this.add(path, (rev) => opsScript(path, rev, new Random(hash(`${path}/${rev}`))), '100755');
    for (const family of IMAGE_FAMILIES) this.add(`images/packer/${family}.pkr.hcl`, () => packerTemplate(family, model));
    for (const path of plan.packerScripts) this.add(path, (rev) => packerScript(path, rev), '100755');
    for (const { ami, family, generation } of this.builtAmis) this.add(`images/manifests/${ami}.json`, () => manifest(ami, family, generation));
  }

  render(path) {
    const file = this.files.get(path);
    return file.render(file.rev);
  }

  touch(path) {
    const file = this.files.get(path);
    if (!file) throw new Error(`no such generated file: ${path}`);
    file.rev++;
    return path;
  }
}

function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------------
// History: pull requests merged with --no-ff, as a git fast-import stream

class Stream {
  constructor() {
    this.chunks = [];
    this.mark = 0;
    this.blobs = new Map(); // content → mark
  }
  data(text) {
    const bytes = Buffer.from(text, 'utf8');
    this.chunks.push(Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from('\n'));
  }
  blob(text) {
    const known = this.blobs.get(text);
    if (known) return known;
    const mark = ++this.mark;
    this.chunks.push(Buffer.from(`blob\nmark :${mark}\n`));
    this.data(text);
    this.blobs.set(text, mark);
    return mark;
  }
  commit(ref, { author, at, message, from, merge, changes }) {
    const mark = ++this.mark;
    const who = `${author} <${author.toLowerCase().replace(/[^a-z]+/g, '.')}@acme.example> ${Math.floor(at / 1000)} +0000`;
    this.chunks.push(Buffer.from(`commit ${ref}\nmark :${mark}\nauthor ${who}\ncommitter ${who}\n`));
    this.data(message);
    if (from) this.chunks.push(Buffer.from(`from :${from}\n`));
    if (merge) this.chunks.push(Buffer.from(`merge :${merge}\n`));
    this.chunks.push(Buffer.from(changes.map(({ mode, blob, path }) => `M ${mode} :${blob} ${path}\n`).join('')));
    this.chunks.push(Buffer.from('\n'));
    return mark;
  }
}

const AUTHORS = ['Alice Nguyen', 'Bob Okafor', 'Chen Wei', 'Dana Kowalski', 'Emeka Adeyemi', 'Farah Haddad', 'Gus Lindqvist', 'Hana Sato'];

function history(repo, stream) {
  const { rng, plan, model, counts } = repo;
  const changesOf = (paths) =>
    [...new Set(paths)].sort().map((path) => ({ path, mode: repo.files.get(path).mode, blob: stream.blob(repo.render(path)) }));

  // The initial import: everything but the AMIs' manifests that history adds later.
  let at = HISTORY_START;
  let main = stream.commit('refs/heads/main', {
    author: AUTHORS[0],
    at,
    message: 'Import infrastructure repository\n',
    changes: changesOf([...repo.files.keys()]),
  });
  const pending = []; // scheduled promotions: { due, env, kind, family?, value }
  let number = 100;
  const merges = [];

  const rootsOf = (env) => plan.roots.filter((root) => root.env === env);
  const pr = (title, paths, author = rng.pick(AUTHORS)) => {
    number++;
    const opened = at;
    const changes = changesOf(paths);
    const branch = stream.commit('refs/heads/pr', { author, at: opened, message: `${title}\n`, from: main, changes });
    at += rng.int(1, 6) * HOUR;
    main = stream.commit('refs/heads/main', {
      author: 'GitHub',
      at,
      message: `Merge pull request #${number} from acme/pr-${number}\n\n${title}\n`,
      from: main,
      merge: branch,
      changes,
    });
    merges.push({ number, title, at, files: paths.length });
  };

  const scriptPaths = [...repo.files.keys()].filter((path) => path.endsWith('.sh'));
  for (let i = 0; i < counts.merges; i++) {
    at += rng.int(3, 14) * HOUR;
    const due = pending.findIndex((entry) => entry.due <= at);
    if (due >= 0) {
      const step = pending.splice(due, 1)[0];
      const paths = [];
      if (step.kind === 'ami') {
        model.amis[step.env][step.family] = step.value;
        for (const root of rootsOf(step.env)) paths.push(repo.touch(`${root.dir}/terraform.tfvars`));
        pr(`Promote ${step.family} ${step.value} to ${step.env}`, paths);
      } else {
        const key = { vpc: 'vpcVersion', obs: 'obsRef', tag: 'releaseTag' }[step.kind];
        model[key][step.env] = step.value;
        const file = step.kind === 'tag' ? 'params.tf' : 'main.tf';
        for (const root of rootsOf(step.env)) paths.push(repo.touch(`${root.dir}/${file}`));
        pr(`Promote ${step.kind} ${step.value} to ${step.env}`, paths);
      }
      continue;
    }
    const kind = rng.pick(['image', 'image', 'module', 'module', 'module', 'script', 'script', 'script', 'appspec', 'root', 'version', 'ops', 'docs']);
    const schedule = (kindName, value, family) => {
      let when = at;
      ENVIRONMENTS.forEach((env, index) => {
        when += (index === 0 ? rng.int(2, 12) : rng.int(26, 72)) * HOUR;
        pending.push({ due: when, env, kind: kindName, value, family });
      });
    };
    if (kind === 'image') {
      const family = rng.pick(IMAGE_FAMILIES);
      const ami = repo.newAmi(family);
      const built = repo.builtAmis.at(-1);
      repo.add(`images/manifests/${ami}.json`, () => manifest(ami, family, built.generation));
      pr(`Image build: ${family} ${ami}`, [`images/manifests/${ami}.json`], 'Image Pipeline');
      schedule('ami', ami, family);
    } else if (kind === 'module') {
      const module = rng.pick(plan.modules);
      const candidates = [...repo.files.keys()].filter((path) => path.startsWith(`${module.dir}/`) && path.endsWith('.tf') && !path.endsWith('outputs.tf') && !path.endsWith('variables.tf'));
      pr(`${module.name}: ${rng.pick(['tune alarms', 'bump instance type', 'tighten security group', 'add log retention', 'refactor tags'])}`, rng.sample(candidates, rng.int(1, 3)).map((path) => repo.touch(path)));
    } else if (kind === 'script') {
      const first = rng.pick(scriptPaths);
      const siblings = scriptPaths.filter((path) => path.startsWith(first.slice(0, first.lastIndexOf('/') + 1)));
      pr(`Deploy scripts: ${rng.pick(['retry S3 downloads', 'longer health check', 'log to journald', 'drain before stop'])} (${first})`, rng.sample(siblings, rng.int(1, 3)).map((path) => repo.touch(path)));
    } else if (kind === 'appspec') {
      const service = rng.pick(plan.deployServices);
      pr(`${service.name}: hook timeouts`, [repo.touch(`services/${service.name}/appspec.yml`), repo.touch(`services/${service.name}/scripts/validate_service.sh`)]);
    } else if (kind === 'root') {
      const root = rng.pick(plan.roots);
      pr(`${root.dir}: capacity`, [repo.touch(`${root.dir}/main.tf`)]);
    } else if (kind === 'version') {
      const which = rng.pick(['vpc', 'obs', 'tag']);
      const current = which === 'vpc' ? model.vpcVersion.prod : which === 'obs' ? model.obsRef.prod : model.releaseTag.prod;
      const [major, minor, patch] = current.replace(/^v/, '').split('.').map(Number);
      const next = `${which === 'vpc' ? '' : 'v'}${major}.${minor + (which === 'tag' ? 0 : 1)}.${which === 'tag' ? patch + 1 + i : 0}`;
      schedule(which, next);
      pr(`Chore: note ${which} ${next} release`, [repo.touch('docs/runbooks/deploys.md')]);
    } else if (kind === 'ops') {
      const path = plan.opsScripts.length > 0 ? rng.pick(plan.opsScripts) : rng.pick(scriptPaths);
      pr(`ops: ${path.split('/').pop()}`, [repo.touch(path)]);
    } else {
      pr('Docs: runbook update', [repo.touch('docs/runbooks/deploys.md'), repo.touch('README.md')]);
    }
  }
  return { main, merges, at };
}

/** The benchmark's pull requests, each one commit on a branch from the tip of main. */
function benchBranches(repo, stream, main, at) {
  const { plan } = repo;
  const branch = (name, title, paths, render) => {
    const changes = [...new Set(paths)].sort().map((path) => ({ path, mode: repo.files.get(path).mode, blob: stream.blob(render(path)) }));
    return stream.commit(`refs/heads/${name}`, { author: 'Dana Kowalski', at: at + HOUR, message: `${title}\n`, from: main, changes });
  };
  // Typical: one service's module, appspec and hooks, a root's capacity, an ops script.
  const service = plan.computeModules.find((module) => plan.deployServices.includes(module.service)) ?? plan.computeModules[0];
  const svc = service.service.name;
  const root = plan.roots.find((candidate) => candidate.env === 'dev') ?? plan.roots[0];
  const typical = [
    `${service.dir}/main.tf`,
    `${service.dir}/variables.tf`,
    `services/${svc}/appspec.yml`,
    `services/${svc}/scripts/common.sh`,
    `services/${svc}/scripts/after_install.sh`,
    `services/${svc}/scripts/application_start.sh`,
    `services/${svc}/scripts/validate_service.sh`,
    `services/${svc}/scripts/fetch_config.sh`,
    `${root.dir}/main.tf`,
    plan.opsScripts[0] ?? plan.packerScripts[0],
  ];
  for (const path of typical) repo.touch(path);
  branch('bench/typical', `${svc}: faster health checks and bigger instances`, typical, (path) => repo.render(path));

  const everything = [...repo.files.keys()];
  branch('bench/everything', 'Mass change: every file of the repository', everything, (path) => {
    const text = repo.render(path);
    if (path.endsWith('.json')) return `${text}\n`;
    if (path.endsWith('.md')) return `${text}\n<!-- touched -->\n`;
    if (path === 'Makefile' || path === '.gitignore') return `${text}# touched\n`;
    return `${text}# touched by the mass change\n`;
  });
  branch('bench/docs', 'Docs: clarify the deploy runbook', ['README.md', 'docs/runbooks/deploys.md'], (path) => `${repo.render(path)}\nClarified.\n`);
  return typical;
}

// ---------------------------------------------------------------------------------------------------

export function repoDir(scale, seed = DEFAULT_SEED) {
  return join(BENCH_DIR, `repo-s${scale}-seed${seed}-v${GENERATOR_VERSION}`);
}

function git(cwd, args, input) {
  const result = spawnSync('git', args, { cwd, input, encoding: input === undefined ? 'utf8' : undefined, maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr?.toString() ?? ''}`);
  return typeof result.stdout === 'string' ? result.stdout : result.stdout.toString('utf8');
}

/**
 * Generates (or reuses) the repository. Returns its summary: counts, sizes, revisions of the benchmark's
 * branches. The `.complete` marker holds the summary; a folder without it is regenerated.
 */
export function generateRepo({ scale = 1, seed = DEFAULT_SEED, dir = repoDir(scale, seed), force = false, log = () => {} } = {}) {
  const marker = join(dir, '.git', 'deploy-guard-bench.json');
  if (!force && existsSync(marker)) {
    const summary = JSON.parse(readFileSync(marker, 'utf8'));
    if (summary.version === GENERATOR_VERSION) return { ...summary, dir, reused: true };
  }
  const started = Date.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const counts = planCounts(scale);
  const repo = new RepoModel(counts, seed);
  const stream = new Stream();
  log(`generating ${dir} (scale ${scale}, seed ${seed}) …`);
  const { main, merges, at } = history(repo, stream);
  const typical = benchBranches(repo, stream, main, at);

  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  git(dir, ['config', 'gc.auto', '0']);
  git(dir, ['fast-import', '--quiet', '--done'], Buffer.concat([...stream.chunks, Buffer.from('done\n')]));
  git(dir, ['update-ref', '-d', 'refs/heads/pr']);
  git(dir, ['checkout', '-q', '-f', 'main']);
  // One working tree per pull request, sharing the object store (the action reads the checked-out tree).
  const branches = {};
  for (const name of ['typical', 'everything', 'docs']) {
    const worktree = `${dir}-${name}`;
    rmSync(worktree, { recursive: true, force: true });
    git(dir, ['worktree', 'prune']);
    git(dir, ['worktree', 'add', '-q', '-f', worktree, `bench/${name}`]);
    branches[name] = { dir: worktree, head: git(dir, ['rev-parse', `bench/${name}`]).trim() };
  }
  const base = git(dir, ['rev-parse', 'main']).trim();
  const files = git(dir, ['ls-files']).split('\n').filter(Boolean);
  const count = (test) => files.filter(test).length;
  const summary = {
    version: GENERATOR_VERSION,
    scale: counts.scale,
    seed,
    counts,
    base,
    branches,
    typicalFiles: typical,
    files: {
      total: files.length,
      tf: count((path) => path.endsWith('.tf')),
      tfvars: count((path) => path.endsWith('.tfvars')),
      roots: repo.plan.roots.length,
      modules: repo.plan.modules.length,
      scripts: count((path) => path.endsWith('.sh')),
      appspecs: count((path) => path.endsWith('appspec.yml')),
      manifests: count((path) => path.startsWith('images/manifests/')),
      templates: count((path) => path.endsWith('.tpl')),
      packer: count((path) => path.endsWith('.pkr.hcl')),
      bytes: Number(git(dir, ['ls-tree', '-r', '-l', 'main']).split('\n').reduce((sum, line) => sum + (Number(line.split(/\s+/)[3]) || 0), 0)),
    },
    merges: merges.length,
    generatedInMs: Date.now() - started,
  };
  writeFileSync(marker, `${JSON.stringify(summary, null, 2)}\n`);
  log(`generated in ${(summary.generatedInMs / 1000).toFixed(1)} s: ${summary.files.total} files, ${summary.files.tf} .tf, ${summary.files.scripts} scripts, ${summary.merges} merges`);
  return { ...summary, dir, reused: false };
}

// CLI -----------------------------------------------------------------------------------------------

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (flag, fallback) => {
    const index = args.indexOf(flag);
    return index >= 0 ? args[index + 1] : fallback;
  };
  const summary = generateRepo({
    scale: Number(value('--scale', '1')),
    seed: Number(value('--seed', String(DEFAULT_SEED))),
    ...(value('--out') ? { dir: resolve(value('--out')) } : {}),
    force: args.includes('--force'),
    log: (line) => console.error(line),
  });
  console.log(JSON.stringify(summary, null, 2));
}
