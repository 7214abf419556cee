// terraformFactKinds lets the index skip (or defer) the parse of files without facts of some kinds: it must
// never say "none of this kind" for a text in which analyseTerraform finds one. Checked on fragments that
// join into the words it looks for (and near misses), on escapes, and on every Terraform file of the fixtures.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseTerraform, mayHoldTerraformFacts, mayReadSsmParameters, terraformFactKinds, type TerraformAnalysis, type TerraformFactKind } from '../../src/parse/terraform.js';

const facts = (analysis: TerraformAnalysis) => analysis.amis.length + analysis.modules.length + analysis.ssmParameters.length + analysis.amiLookups.length + analysis.embeddedScripts.length + analysis.scriptFiles.length;

/** The kinds the quick test rules out must be empty in the analysis. */
async function expectSound(text: string, fileName: string): Promise<void> {
  const kinds = terraformFactKinds(text);
  const analysis = await analyseTerraform(text, { fileName });
  for (const kind of Object.keys(kinds) as TerraformFactKind[]) if (!kinds[kind]) expect(analysis[kind], `${kind} of ${JSON.stringify(text.slice(0, 200))}`).toEqual([]);
  if (!mayHoldTerraformFacts(text)) expect(facts(analysis)).toBe(0);
  if (!mayReadSsmParameters(text)) expect(analysis.ssmParameters.filter((parameter) => parameter.kind !== 'resource'), `reads in ${JSON.stringify(text.slice(0, 200))}`).toEqual([]);
}

const PIECES = [
  'resource "aws_s3_bucket" "b" {', 'data "aws_iam_policy_document" "p" {', 'module "m" {', 'terraform {', 'build {', 'locals {', 'variable "v" {', '}', '{', '\n', ' ', '=', '"', '(', ')', '[', ']', ',',
  'sour', 'ce', 'source', 'resource', 'source_ami', '= "../modules/api"', '= "git::https://x/y.git?ref=v1"', 'version = "1.2.3"',
  'ami', '-', '-0123456789abcdef0', '"ami-0123456789abcdef0"', 'image_id', 'aws_', 'ami"', 'ssm_parameter"', 'resolve', ':ssm:', 'resolve:ssm:/x',
  'user', '_data', 'user_data', ' = <<EOF\n#!/bin/bash\necho hi\nEOF\n', 'provision', 'er "shell" {', 'inline = ["echo"]', 'script', 'scripts = ["a.sh"]',
  'file', 'base64', 'template', '_file', 'templatefile', '("x.sh")', '("${path.module}/s.sh")', 'cloudinit', '_config', 'part {', 'content = "#!/bin/sh\\nls"',
  'data', 'data ', 'dat', 'a "', '"aws_ssm_parameter" "p" {', 'data "aws_ssm_parameter" "p" {\n  name = "/x/ami"\n}\n', 'resource "aws_ssm_parameter" "w" {', 'user_data', 'metadata', 'data-x', '"resolve:ssm:/images/api"',
  '\\', 'u0061', '\\u0061mi-0123456789abcdef0', '\\"', '#', '//', '/*', '*/', '${var.x}', 'name = "/images/prod/api"', 'value = "v1.2.3"',
];

function terraformFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...terraformFiles(path));
    else if (/\.(tf|tfvars|hcl)$/.test(entry)) out.push(path);
  }
  return out;
}

describe('mayHoldTerraformFacts', () => {
  it('rules a kind out only when analyseTerraform finds none of it (fragments that join into the words, and near misses)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), fc.constantFrom('x/main.tf', 'x/terragrunt.hcl', 'x.pkr.hcl', 'x.tfvars'), async (parts, fileName) => {
        await expectSound(parts.join(''), fileName);
      }),
      { seed: 20_261_126, numRuns: 600 },
    );
  });

  it('keeps files with facts, escapes included, and skips plain resources', async () => {
    const keep = [
      'module "api" {\n  source = "../modules/api"\n}\n',
      'terraform {\n  source = "git::https://x/y.git//app?ref=v1"\n}\n',
      'resource "aws_instance" "x" {\n  ami = "\\u0061mi-0123456789abcdef0"\n}\n',
      'resource "aws_instance" "x" {\n  user_data = file("${path.module}/boot.sh")\n}\n',
      'amis = { base = "ami-0123456789abcdef0" }\n',
    ];
    for (const text of keep) {
      expect(mayHoldTerraformFacts(text)).toBe(true);
      expect(facts(await analyseTerraform(text, { fileName: 'live/main.tf' }))).toBeGreaterThan(0);
    }
    const skip = 'resource "aws_cloudwatch_log_group" "this" {\n  name              = "/acme/api/logs"\n  retention_in_days = 30\n}\n\noutput "name" {\n  value = aws_iam_instance_profile.this.name\n}\n';
    expect(mayHoldTerraformFacts(skip)).toBe(false);
  });

  it('tells SSM parameters a file writes from those it may read', async () => {
    const reads = [
      'data "aws_ssm_parameter" "image" {\n  name = "/images/api/ami"\n}\n',
      'data"aws_ssm_parameter""image"{\nname="/images/api/ami"\n}\n',
      'resource "aws_instance" "x" {\n  ami = "resolve:ssm:/images/api/ami"\n}\n',
      'data "aws_ssm_parameter" "image" {\n  name = "/images/\\u0061pi/ami"\n}\n',
      'resource "aws_instance" "x" {\n  ami = "\\u0072esolve:ssm:/images/api/ami"\n}\n',
    ];
    for (const text of reads) {
      expect(mayReadSsmParameters(text), text).toBe(true);
      expect((await analyseTerraform(text, { fileName: 'live/main.tf' })).ssmParameters.filter((parameter) => parameter.kind !== 'resource'), text).toHaveLength(1);
    }
    const writes = 'resource "aws_ssm_parameter" "tag" {\n  name  = "/prod/api/release/image_tag" # read by the metadata job\n  type  = "String"\n  value = "v1.2.0"\n}\n';
    expect(mayReadSsmParameters(writes)).toBe(false);
    expect((await analyseTerraform(writes, { fileName: 'live/prod/params.tf' })).ssmParameters.map((parameter) => parameter.kind)).toEqual(['resource']);
  });

  it('never rules out a kind a fixture file holds', async () => {
    const files = terraformFiles(resolve(import.meta.dirname, '../fixtures'));
    expect(files.length).toBeGreaterThan(0);
    for (const path of files) await expectSound(readFileSync(path, 'utf8'), path);
  });
});
