import { describe, expect, it } from 'vitest';
import { analyseTerraform } from '../../src/parse/terraform.js';
import { isImageLikeParameterValue, moduleKey, promotableValuesIn } from '../../src/facts/promotableValues.js';
import { parseLog } from '../../src/facts/valueHistory.js';

async function valuesOf(path: string, text: string) {
  return promotableValuesIn(path, await analyseTerraform(text, { fileName: path })).map(({ kind, key, value, line, column }) => ({ kind, key, value, at: `${line}:${column}` }));
}

describe('promotable values read with the grammar', () => {
  it('reads AMI ids from attributes, variable defaults and tfvars, but not from comments', async () => {
    expect(
      await valuesOf(
        'prod/main.tf',
        `# ami = "ami-0ffffffffffffffff" was the old one
variable "ami" {
  default = "ami-0aaaaaaaaaaaaaaa1"
}

resource "aws_instance" "a" {
  ami = "ami-0bbbbbbbbbbbbbbb2"
}
`,
      ),
    ).toEqual([
      { kind: 'ami', key: '', value: 'ami-0aaaaaaaaaaaaaaa1', at: '3:14' },
      { kind: 'ami', key: '', value: 'ami-0bbbbbbbbbbbbbbb2', at: '7:10' },
    ]);
    expect(await valuesOf('prod/terraform.tfvars', 'ami_id = "ami-0ccccccccccccccc3"\n')).toEqual([{ kind: 'ami', key: '', value: 'ami-0ccccccccccccccc3', at: '1:11' }]);
  });

  it('keys module refs and versions by their source, and skips local modules', async () => {
    expect(
      await valuesOf(
        'prod/main.tf',
        `module "net" {
  source = "git::https://github.com/acme/net.git//vpc?ref=v1.4.0"
}
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.1"
}
module "api" {
  source = "../modules/api"
}
`,
      ),
    ).toEqual([
      { kind: 'module', key: 'git::https://github.com/acme/net.git//vpc', value: 'v1.4.0', at: '2:13' },
      { kind: 'module', key: 'terraform-aws-modules/vpc/aws', value: '~> 5.1', at: '6:14' },
    ]);
    expect(await valuesOf('prod/app/terragrunt.hcl', 'terraform {\n  source = "tfr:///terraform-aws-modules/vpc/aws?version=5.2.0"\n}\n')).toEqual([
      { kind: 'module', key: 'tfr:///terraform-aws-modules/vpc/aws', value: '5.2.0', at: '2:13' },
    ]);
  });

  it('drops only ref and version from a source query', () => {
    expect(moduleKey('git::https://x/net.git//vpc?ref=v1&depth=1')).toBe('git::https://x/net.git//vpc?depth=1');
    expect(moduleKey('git::https://x/net.git?ref=v1')).toBe('git::https://x/net.git');
    expect(moduleKey('hashicorp/consul/aws')).toBe('hashicorp/consul/aws');
  });

  it('reads AMI lookups that are pinned, not most_recent ones', async () => {
    const lookup = (mostRecent: boolean) => `data "aws_ami" "api" {
  most_recent = ${mostRecent}
  owners      = ["self"]
  filter {
    name   = "name"
    values = ["api-2026-03-01-*"]
  }
}
`;
    expect(await valuesOf('prod/ami.tf', lookup(false))).toEqual([{ kind: 'ami-lookup', key: '', value: 'owners=[self] name=[api-2026-03-01-*]', at: '1:1' }]);
    expect(await valuesOf('prod/ami.tf', lookup(true))).toEqual([]);
  });

  it('treats image ids and tags in SSM parameter values as promotable, other parameters not', async () => {
    const parameter = (name: string, value: string) => `resource "aws_ssm_parameter" "p" {\n  name  = "${name}"\n  type  = "String"\n  value = "${value}"\n}\n`;
    expect(await valuesOf('prod/p.tf', parameter('/prod/api/image_tag', 'v2.3.1'))).toEqual([{ kind: 'ssm-value', key: '', value: 'v2.3.1', at: '2:12' }]);
    expect(await valuesOf('prod/p.tf', parameter('/prod/api/log_level', 'debug'))).toEqual([]);
    expect(await valuesOf('prod/p.tf', parameter('/prod/ami', 'ami-0aaaaaaaaaaaaaaa1'))).toEqual([{ kind: 'ami', key: '', value: 'ami-0aaaaaaaaaaaaaaa1', at: '4:12' }]);
    expect(isImageLikeParameterValue('/prod/db/host', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/api@sha256:' + 'a'.repeat(64))).toBe(true);
    expect(isImageLikeParameterValue('/prod/db/endpoint', 'localhost:5432')).toBe(false);
    expect(isImageLikeParameterValue('/prod/api/version', 'true')).toBe(false);
  });
});

describe('parseLog', () => {
  it('reads commits, merge flags and touched paths from git log -z output, paths with spaces and newlines included', () => {
    const out =
      '\u0001' + 'a'.repeat(40) + '\u00002026-03-10T09:00:00+00:00\u0000' + 'b'.repeat(40) + ' ' + 'c'.repeat(40) + '\u0000\nM\u0000staging/main.tf\u0000A\u0000staging/odd\nname.tf\u0000' +
      '\u0001' + 'b'.repeat(40) + '\u00002026-03-01T00:00:00+00:00\u0000\u0000\nA\u0000staging/main.tf\u0000';
    expect(parseLog(out)).toEqual([
      { sha: 'a'.repeat(40), at: '2026-03-10T09:00:00+00:00', merge: true, files: [{ status: 'M', path: 'staging/main.tf' }, { status: 'A', path: 'staging/odd\nname.tf' }] },
      { sha: 'b'.repeat(40), at: '2026-03-01T00:00:00+00:00', merge: false, files: [{ status: 'A', path: 'staging/main.tf' }] },
    ]);
  });
});
