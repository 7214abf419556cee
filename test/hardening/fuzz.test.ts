// Property-based fuzzing with fast-check: hostile and malformed input never crashes an extractor or the
// config loader, no single case takes over a second, and the engine always decides one of five results.
// Seeds are fixed, so a failure reproduces; run counts stay modest so `npm test` stays fast.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/config/errors.js';
import { parseConfig } from '../../src/config/load.js';
import { decideOutcome } from '../../src/engine/outcome.js';
import { ImageManifestError, parseManifest } from '../../src/facts/images.js';
import { normalisePath } from '../../src/facts/workspace.js';
import { RESULTS, type Finding, type NotEvaluated } from '../../src/model.js';
import { analyseAppspec } from '../../src/parse/appspec.js';
import { analyseCloudInit } from '../../src/parse/cloudInit.js';
import { analyseShell } from '../../src/parse/shell.js';
import { analyseTerraform } from '../../src/parse/terraform.js';
import { fragments, withinASecond, RUNS, SEED } from './fuzzSupport.js';

const SHELL_TOKENS = [
  'echo', '/usr/bin/aws', 'aws', 's3', 'cp', 'sudo', 'env', 'exec', 'nohup', 'timeout 5', 'xargs', 'command', 'bash -c', "sh -c '", 'su -c',
  '$(', ')', '`', '"', "'", '{', '}', '(', ';', '&&', '||', '|', '&', '!', 'if', 'then', 'elif', 'else', 'fi', 'case x in', 'a)', ';;', 'esac',
  'for i in 1 2', 'while true', 'do', 'done', 'function f', 'f()', '<<EOF\n', '<<-\'EOF\'\n', '\nEOF\n', '<<<', '>', '>>', '2>&1', '<(', '>(',
  'PATH=/opt/bin:$PATH', 'export PATH=', 'AWS=/usr/bin/aws', '"$AWS"', '${X:-/usr/local/bin/aws}', '${X%/*}', '${#X}', '${X[@]}', '$((1+2))',
  '[ -x /usr/local/bin/aws ]', '[[ -f x ]]', 'test -e', 'command -v aws', 'which aws', '$(dirname "$0")/x.sh', 'source ./lib.sh', '. lib.sh',
  'echo "* * * * * root /usr/bin/aws" > /etc/cron.d/x', 'crontab -', '#', '#!/bin/bash', '\\', '\n', '\r\n', ' ', '\t', '\u202E', '\u0000', '\uFEFF',
];

const TERRAFORM_TOKENS = [
  'resource "aws_launch_template" "api" {', 'data "aws_ssm_parameter" "ami" {', 'data "aws_ami" "x" {', 'module "api" {',
  'provisioner "local-exec" {', 'data "external" "x" {', 'build {', 'provisioner "shell" {', 'locals {', 'variable "ami" {',
  '}', '{', '[', ']', '(', ')', ',', '=', ':', '.', '?', '...', '=>',
  'ami = "ami-0123456789abcdef0"', 'image_id = ', 'source = "../modules/api"', 'source = "git::https://x/y.git?ref=v1.2.3"',
  'version = "1.0.0"', 'most_recent = true', 'name = "/images/prod/api"', '"resolve:ssm:/images/x"', 'default = ',
  'user_data = <<-EOT\n', 'user_data = <<EOF\n', '\nEOT\n', '\nEOF\n', 'inline = ["/usr/bin/aws s3 ls", "sudo $X"]',
  'file("${path.module}/start.sh")', 'templatefile("x.tpl", { a = 1 })', 'base64encode(', 'program = ["sh", "-c", "touch /tmp/x"]',
  '${', '${var.x}', '$${', '%{ if x }', '%{ endif }', '%{ for a in b }', '%{ endfor }', '~}', '"', '\\"', '\\u0000',
  '#', '//', '/*', '*/', '\n', '\r\n', ' ', '\t', 'true', 'null', '1e309', '-0', 'for x in y : x', '!', '\u202E', '\uFEFF', '\u0000',
];

const CONFIG_TOKENS = [
  'promotion:', ' [staging, prod]', 'soak:', ' 24h', ' 0h', ' -1h', ' 1e400h', 'environments:', '\n  staging:', '\n    terraform:', ' ["terraform/staging/**"]',
  '\n    aws:', '\n      regions: [us-east-1]', '\n      role-arn: arn:aws:iam::111111111111:role/x', '\n      account-id: "1"',
  'scripts:', '\n  include: ["**/*.sh"]', '\n  run-path: /usr/bin', 'images:', '\n  probe: ssm', '\n  manifests: []', 'evidence:', ' [ssm, ec2, tags, git]',
  'evidence-mode: all', 'override:', '\n  allowed: ["org/team", "@alice"]', 'rules:', '\n  DG204: off', '\n  nope: error', 'applied-label: x',
  '&a ', '*a', '<<: *a', '&b [*a, *a, *a]', '- ', '{', '}', '[', ']', ':', ': ', ',', '\n', '  ', '"', "'", '|', '>-', '? ', '!!binary ',
  '!!js/function ', '!!python/object:os.system ', '!<tag:yaml.org,2002:str> ', '%YAML 1.1\n', '%TAG ! tag:x,2000:\n', '---\n', '...\n', '#',
  '__proto__:', ' {polluted: true}', 'constructor:', '\u202E', '\u0000', '\t', 'yes', 'on', '0x1F', '.inf', '~',
];

/** The repository's YAML and JSON files: appspecs, cloud-config user data and image manifests. */
const DOCUMENT_TOKENS = [
  '#cloud-config\n', 'version: 0.0', 'os: linux', 'files:', 'hooks:', 'Resources:', 'BeforeInstall:', 'ApplicationStart:', 'location:',
  ' scripts/start.sh', 'timeout:', ' 300', 'runas:', ' root', 'destination:', ' /opt/app', 'source:', ' /', 'runcmd:', 'bootcmd:',
  'write_files:', 'packages:', 'path:', ' [ls, -l]', ' /usr/bin/aws s3 ls', '{"image": "ami-0123456789abcdef0"', '"path": "/usr/bin"',
  '"executables": ["/usr/bin/aws"]', '}', '{', '[', ']', ',', ':', ': ', '- ', '? ', '\n', '\n  ', '\n    ', '  ', '&a ', '*a', '<<: *a', '|',
  '>-', '!!str ', '!!binary ', '~', 'null', '"', "'", '---\n', '...\n', '%YAML 1.2\n', '#', '\t', '\r\n', '\u202E', '\u0000', '\uFEFF',
];

const PATH_TOKENS = ['a', 'b', '..', '.', '', '/', '//', '\\', '..\\', 'C:', '~', '%2e%2e', '\u202E', '\n', ' ', '::', 'terraform', 'prod', '.git', '\u0000'];

describe('fuzzing the extractors and the loaders', () => {
  it(`analyseShell never throws, always answers in under a second (${RUNS.shell} + ${RUNS.shellNesting} cases)`, async () => {
    const timing = withinASecond();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fragments(SHELL_TOKENS, 80, ' '), fragments(SHELL_TOKENS, 80), fc.string({ unit: 'binary', maxLength: 400 })), fc.integer({ min: 0, max: 5000 }), async (text, lineOffset) => {
        const analysis = await timing.measure(() => analyseShell(text, { lineOffset, path: ['/usr/bin', '/bin'] }));
        for (const found of [...analysis.commands, ...analysis.guards, ...analysis.sources]) {
          expect(found.line).toBeGreaterThan(lineOffset);
          expect(found.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { seed: SEED, numRuns: RUNS.shell },
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom('$(', '{ ', '( ', 'if true; then ', '"$(', '`echo ', 'bash -c "'), fc.boolean(), async (depth, open, closed) => {
        const close = { '$(': ')', '{ ': '; }', '( ': ')', 'if true; then ': '; fi', '"$(': ')"', '`echo ': '`', 'bash -c "': '"' }[open] ?? '';
        await timing.measure(() => analyseShell(`${open.repeat(depth)}/usr/bin/aws s3 ls${closed ? close.repeat(depth) : ''}\n`));
      }),
      { seed: SEED, numRuns: RUNS.shellNesting },
    );
    timing.check();
  });

  it(`analyseTerraform never throws, always answers in under a second (${RUNS.terraform} + ${RUNS.terraformNesting} cases)`, async () => {
    const timing = withinASecond();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fragments(TERRAFORM_TOKENS, 80), fc.string({ unit: 'binary', maxLength: 400 })), async (text) => {
        const analysis = await timing.measure(() => analyseTerraform(text, { fileName: 'terraform/prod/main.tf' }));
        expect(Array.isArray(analysis.amis) && Array.isArray(analysis.parseErrors)).toBe(true);
        for (const found of [...analysis.amis, ...analysis.modules, ...analysis.embeddedScripts, ...analysis.scriptFiles]) {
          expect(found.line).toBeGreaterThanOrEqual(1);
          expect(found.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { seed: SEED, numRuns: RUNS.terraform },
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 12_000 }), fc.constantFrom('[', '{a = ', '(', 'f(', '"${', '<<EOT\n${'), fc.boolean(), async (depth, open, closed) => {
        const close = { '[': ']', '{a = ': '}', '(': ')', 'f(': ')', '"${': '}"', '<<EOT\n${': '}\nEOT' }[open] ?? '';
        const text = `x = ${open.repeat(depth)}1${closed ? close.repeat(depth) : ''}\n`;
        await timing.measure(() => analyseTerraform(text));
      }),
      { seed: SEED, numRuns: RUNS.terraformNesting },
    );
    timing.check();
  });

  it(`parseConfig returns a configuration or throws a ConfigurationError naming the file, nothing else (${RUNS.config} + ${RUNS.configJson} cases)`, () => {
    const timing = withinASecond();
    const property = (text: string) => {
      timing.measureSync(() => {
        try {
          const config = parseConfig(text, '.github/deploy-guard.yml');
          expect(typeof config).toBe('object');
          expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigurationError);
          expect((error as Error).message).toContain('.github/deploy-guard.yml');
        }
      });
    };
    fc.assert(fc.property(fc.oneof(fragments(CONFIG_TOKENS, 60), fc.string({ unit: 'grapheme', maxLength: 300 })), property), { seed: SEED, numRuns: RUNS.config });
    // Well-formed YAML of any shape: the schema, not the parser, has to say what is wrong.
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.dictionary(fc.constantFrom('promotion', 'soak', 'environments', 'scripts', 'images', 'rules', 'override', 'evidence'), fc.jsonValue({ maxDepth: 3 })), (any, config) => {
        property(JSON.stringify(any));
        property(JSON.stringify(config));
      }),
      { seed: SEED, numRuns: RUNS.configJson },
    );
    timing.check();
  });

  it(`the appspec, cloud-config and image-manifest readers answer or name the file, nothing else (${RUNS.documents} cases each)`, () => {
    const timing = withinASecond();
    fc.assert(
      fc.property(fc.oneof(fragments(DOCUMENT_TOKENS, 60), fc.string({ unit: 'grapheme', maxLength: 300 })), (text) => {
        timing.measureSync(() => {
          expect(Array.isArray(analyseAppspec(text).problems)).toBe(true);
          expect(Array.isArray(analyseCloudInit(text).problems)).toBe(true);
          try {
            expect(parseManifest('images/api.json', text).file).toBe('images/api.json');
          } catch (error) {
            expect(error).toBeInstanceOf(ImageManifestError);
            expect((error as Error).message).toContain('images/api.json');
          }
        });
      }),
      { seed: SEED, numRuns: RUNS.documents },
    );
    timing.check();
  });

  it(`normalisePath never throws and never lets a path escape the repository (${RUNS.paths} cases)`, () => {
    fc.assert(
      fc.property(fc.oneof(fragments(PATH_TOKENS, 12, '/'), fc.string({ unit: 'grapheme', maxLength: 60 })), (path) => {
        const normal = normalisePath(path);
        if (normal === undefined) {
          expect(path.replace(/\\/g, '/').split('/')).toContain('..');
          return;
        }
        const parts = normal.split('/');
        expect(parts).not.toContain('..');
        expect(parts).not.toContain('.');
        expect(normal).not.toMatch(/^\/|\/$|\/\/|\\/);
        expect(normalisePath(normal)).toBe(normal);
        if (!path.replace(/\\/g, '/').split('/').includes('..')) expect(normal).toBe(path.replace(/\\/g, '/').split('/').filter((part) => part !== '' && part !== '.').join('/'));
      }),
      { seed: SEED, numRuns: RUNS.paths },
    );
  });
});

const levels = fc.constantFrom<Finding['level']>('error', 'warning', 'notice');
const ruleIds = fc.constantFrom('DG101', 'DG102', 'DG104', 'DG201', 'DG205', 'DG301', 'DG304', 'DG402', 'DG401', 'DG901', 'DG999');
const findingArb: fc.Arbitrary<Finding> = fc.record(
  { id: ruleIds, level: levels, message: fc.string(), evidence: fc.constant([]), file: fc.string(), line: fc.integer(), overridden: fc.boolean() },
  { requiredKeys: ['id', 'level', 'message', 'evidence'] },
);
const notEvaluatedArb: fc.Arbitrary<NotEvaluated> = fc.record({ what: fc.string(), reason: fc.string(), fix: fc.string() });
const overrideArb = fc.oneof(
  fc.constant({ state: 'none' as const }),
  fc.record({ state: fc.constant('valid' as const), record: fc.record({ actor: fc.string(), at: fc.string(), reason: fc.string(), label: fc.string() }) }),
  fc.record({ state: fc.constant('rejected' as const), reasons: fc.array(fc.string()) }),
);

describe('fuzzing the engine', () => {
  it(`decideOutcome always ends in one of the five results, and never lets "could not look" pass (${RUNS.outcome} cases)`, () => {
    fc.assert(
      fc.property(
        fc.array(findingArb, { maxLength: 30 }),
        fc.array(notEvaluatedArb, { maxLength: 4 }),
        overrideArb,
        fc.uniqueArray(ruleIds),
        fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
        (findings, notEvaluated, override, overridable, nothingRelevant) => {
          const canOverride = new Set<string>(overridable);
          const { outcome, findings: decided } = decideOutcome({ findings, notEvaluated, override, overridable: canOverride, ...(nothingRelevant === undefined ? {} : { nothingRelevant }) });
          expect(RESULTS).toContain(outcome.result);
          expect(outcome.blocked).toBe(outcome.result === 'fail' || outcome.result === 'error');
          expect(decided).toHaveLength(findings.length);
          if (notEvaluated.length > 0 || findings.some((finding) => finding.id === 'DG901')) expect(outcome.result).toBe('error');
          if (findings.some((finding) => finding.level === 'error' && !canOverride.has(finding.id))) expect(outcome.blocked).toBe(true);
          if (outcome.result === 'overridden') expect(override.state).toBe('valid');
          expect(outcome.headline.length).toBeGreaterThan(0);
        },
      ),
      { seed: SEED, numRuns: RUNS.outcome },
    );
  });
});
