// A narrow PR leaves files whose only facts can be module calls or SSM parameters they write unparsed until a
// question needs them. Two things make that safe, and both are checked here: mayReferenceFolder never rules out
// a file whose module call resolves to the folder (property test against the real parser), and the narrow index
// answers every reach, every fact and the AMI sources that float exactly as the full index does, on a repository
// of awkward module sources and SSM parameters written and read. (mayReadSsmParameters: terraformPrefilter.test.ts.)
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { FactStore } from '../../src/facts/registry.js';
import { floatingAmiSources, reachMap } from '../../src/facts/promotion.js';
import { gatherTerraform, mayReferenceFolder, moduleFolder, type TerraformIndex } from '../../src/facts/terraform.js';
import { analyseTerraform } from '../../src/parse/terraform.js';
import { contextFor } from '../rules/binaries/harness.js';
import { createRepo, type TestRepo } from '../support/gitRepo.js';

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

const SEGMENTS = [
  ...['..', '.', '', 'api', 'modules', 'net', 'a.b', 'v1.', '..a', ' ', 'x y', 'api?ref=v1', '\\\\', 'b\\\\c', '\\u0061pi', '\\u002e\\u002e', '%', '..?ref=x'],
  // Names that start like another, and template holes and directives (a path hole renders a . segment).
  ...['api-v2', 'apix', 'api.', '${path.module}', '${path.root}', '${var.x}', '$${x}', '%{if true}%{endif}', 'api${path.module}', '%%{x}'],
];

describe('mayReferenceFolder', () => {
  it('lets through every file with a local module call that resolves to the folder', async () => {
    let resolved = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('live/prod/main.tf', 'live/prod/api/main.tf', 'main.tf', 'a/b/c/d/e.tf', 'live/prod/terragrunt.hcl', 'modules/api/net/main.tf'),
        fc.constantFrom('./', '../', '../../', './/', '..//'),
        fc.array(fc.constantFrom(...SEGMENTS), { maxLength: 5 }),
        fc.constantFrom('', '/', '//', '?ref=v2', '/.', '/..', '/${path.module}', '%{if true}%{endif}', '\\\\'),
        fc.constantFrom('quoted', 'heredoc', 'indented heredoc'),
        async (file, start, segments, end, form) => {
          const raw = `${start}${segments.join('/')}${end}`;
          const block = file.endsWith('terragrunt.hcl') ? 'terraform' : 'module "m"';
          const value = form === 'quoted' ? `"${raw}"` : form === 'heredoc' ? `<<EOT\n${raw}\nEOT` : `<<-EOT\n    ${raw}\n  EOT`;
          const text = `${block} {\n  source = ${value}\n}\n`;
          const analysis = await analyseTerraform(text, { fileName: file });
          for (const call of analysis.modules) {
            if (!call.local) continue;
            const dir = moduleFolder(file, call.source);
            if (dir === undefined) continue;
            expect(mayReferenceFolder(text, dir), `${JSON.stringify(text)} → ${JSON.stringify(dir)}`).toBe(true);
            resolved++;
          }
        },
      ),
      { seed: 20_261_126, numRuns: 600 },
    );
    expect(resolved).toBeGreaterThan(300); // the property was checked, not skipped
  });

  it('rules out files that call other folders', () => {
    const text = 'module "api" {\n  source = "../../modules/api"\n}\n';
    expect(mayReferenceFolder(text, 'modules/api')).toBe(true);
    expect(mayReferenceFolder(text, 'modules/worker')).toBe(false);
    expect(mayReferenceFolder(text, 'live/prod')).toBe(false);
    expect(mayReferenceFolder(text, '')).toBe(false);
    expect(mayReferenceFolder('module "up" {\n  source = "../.."\n}\n', '')).toBe(true);
    // A sentence that ends a comment is no . segment; a heredoc line of one is.
    expect(mayReferenceFolder(`# Calls the api module (revision 2).\n${text}`, 'modules/worker')).toBe(false);
    expect(mayReferenceFolder('module "up" {\n  source = <<-EOT\n    ..\n  EOT\n}\n', 'anything')).toBe(true);
  });

  it('asks for the name as the last segment of a source', () => {
    const calls = (...sources: string[]) => sources.map((source, i) => `module "m${i}" {\n  source = "${source}"\n}\n`).join('');
    const text = calls('../../services/api', '../../services/api-v2/', '../shared/net?ref=v1');
    expect(mayReferenceFolder(text, 'services')).toBe(false);
    expect(mayReferenceFolder(text, 'shared')).toBe(false);
    expect(mayReferenceFolder(text, 'services/api')).toBe(true);
    expect(mayReferenceFolder(text, 'services/api-v2')).toBe(true);
    expect(mayReferenceFolder(text, 'shared/net')).toBe(true);
    expect(mayReferenceFolder(calls('..\\\\services\\\\'), 'services')).toBe(true);
    expect(mayReferenceFolder('module "h" {\n  source = <<EOT\n../services\nEOT\n}\n', 'services')).toBe(true);
    expect(mayReferenceFolder(calls('../services/api/${var.x}'), 'services')).toBe(false);
  });

  it('asks for every name of the folder, back to a . or .. segment', () => {
    const text = 'module "core" {\n  source = "../../../modules/stacks/core"\n}\n';
    expect(mayReferenceFolder(text, 'modules/stacks/core')).toBe(true);
    expect(mayReferenceFolder(text, 'stacks/core')).toBe(false); // a name before stacks/: not the top-level stacks/core
    expect(mayReferenceFolder(text, 'live/prod/core')).toBe(false);
    expect(mayReferenceFolder(text, 'a/modules/stacks/core')).toBe(true); // the ..s may lead to a/ from some caller
    expect(mayReferenceFolder('module "m" {\n  source = "./core"\n}\n', 'live/prod/core')).toBe(true);
    expect(mayReferenceFolder('module "m" {\n  source = "..//stacks/./core//"\n}\n', 'x/stacks/core')).toBe(true);
    expect(mayReferenceFolder('module "m" {\n  source = "../x y/core"\n}\n', 'a/y/core')).toBe(false);
    expect(mayReferenceFolder('module "m" {\n  source = "../x y/core"\n}\n', 'a/x y/core')).toBe(true);
    expect(mayReferenceFolder('module "h" {\n  source = <<-EOT\n    ../stacks/core\n  EOT\n}\n', 'modules/stacks/core')).toBe(true);
  });

  it('lets through any folder where a template makes the text differ from the value', () => {
    // A directive renders nothing, and a path hole a . segment: `./${path.root}` is the caller's own folder.
    const calls = (source: string) => `module "m" {\n  source = "${source}"\n}\n`;
    expect(mayReferenceFolder(calls('./%{ if true }%{ endif }'), 'live/prod')).toBe(true);
    expect(mayReferenceFolder(calls('./${path.root}'), 'live/prod')).toBe(true);
    expect(mayReferenceFolder(calls('../serv%{ if true }%{ endif }ices'), 'services')).toBe(true);
  });
});

const CONFIG = 'promotion: [dev, staging, prod]\nenvironments:\n  dev:\n    terraform: ["live/dev/**"]\n  staging:\n    terraform: ["live/staging/**"]\n  prod:\n    terraform: ["live/prod/**"]\n';

function estate(): Record<string, string> {
  const files: Record<string, string> = { '.github/deploy-guard.yml': CONFIG };
  const module = (source: string, name = 'm') => `module "${name}" {\n  source = "${source}"\n}\n`;
  files['modules/base/main.tf'] = 'resource "aws_launch_template" "base" {\n  image_id = "ami-0123456789abcdef0"\n}\n';
  files['modules/api/main.tf'] = module('../base');
  files['modules/api/extra.tf'] = module('./nested');
  files['modules/api/nested/main.tf'] = module('../../base//?ref=x');
  files['modules/worker/main.tf'] = module('..\\\\base');
  files['modules/escaped/main.tf'] = module('../\\u0061pi');
  files['modules/up/main.tf'] = module('../..');
  files['modules/remote/main.tf'] = `${module('git::https://example.com/net.git?ref=v1.2.0', 'net')}${module('../api', 'api')}`;
  files['modules/json/main.tf'] = module('..//worker/');
  files['modules/heredoc/main.tf'] = 'module "h" {\n  source = <<EOT\n../escaped\nEOT\n}\n';
  files['modules/broken/main.tf'] = 'module "b" {\n  source = "../api"\n';
  for (const env of ['dev', 'staging', 'prod']) {
    files[`live/${env}/api/main.tf`] = module('../../../modules/api');
    files[`live/${env}/worker/main.tf`] = module('../../../modules/json');
    files[`live/${env}/edge/main.tf`] = `${module('../../../modules/heredoc')}${module('../../../modules/remote', 'r')}`;
    files[`live/${env}/root/main.tf`] = module('../../../modules/up');
    files[`live/${env}/broken/main.tf`] = module('../../../modules/broken');
  }
  files['live/prod/api/notes.tf'] = 'output "x" {\n  value = 1\n}\n';
  // SSM parameters: written (a release tag promoted from one environment to the next), and read three ways.
  const param = (name: string, value: string) => `resource "aws_ssm_parameter" "p" {\n  name  = "${name}"\n  type  = "String"\n  value = "${value}"\n}\n`;
  for (const env of ['dev', 'staging', 'prod']) files[`live/${env}/api/params.tf`] = param(`/${env}/api/release/image_tag`, env === 'dev' ? 'v1.3.0' : 'v1.2.0');
  files['modules/api/params.tf'] = `${param('/api/image_ami', 'ami-0123456789abcdef0')}${module('../base', 'b')}`;
  files['modules/api/tags.tf'] = `${param('/api/release/tag', 'v9')}${module('../base', 'b')}`;
  files['modules/worker/image.tf'] = 'data "aws_ssm_parameter" "image" {\n  name = "/images/worker/ami"\n}\n';
  files['modules/base/launch.tf'] = 'resource "aws_launch_template" "t" {\n  image_id = "resolve:ssm:/images/base/ami"\n}\n';
  files['modules/heredoc/params.tf'] = 'resource "aws_ssm_parameter" "p" {\n  name  = "/x"\n  type  = "String"\n  value = "\\u0076${1}"\n}\n';
  return files;
}

function answers(index: TerraformIndex, paths: string[]) {
  return paths.map((path) => ({
    path,
    reach: [...index.reach(path)].sort(([a], [b]) => a.localeCompare(b)),
    modules: index.files.get(path)?.analysis.modules,
    amis: index.files.get(path)?.analysis.amis,
    ssmParameters: index.files.get(path)?.analysis.ssmParameters,
  }));
}

async function floating(index: TerraformIndex, context: ReturnType<typeof contextFor>) {
  return floatingAmiSources(context.settings, index, await reachMap(context, index));
}

describe('the narrow index', () => {
  it('answers every reach and every fact as the full index does', async () => {
    repo = createRepo(estate());
    const context = contextFor(repo, { mode: 'pr' });
    const files = await new FactStore(context).get('repoFiles');
    const questions = [...files, 'modules/base/templates/user-data.sh', 'live/prod/api/scripts/deploy.sh', 'README.md'];
    // Ask in two orders: what the narrow index parses depends on which folder is asked about first.
    for (const order of [questions, [...questions].reverse()]) {
      const full = await gatherTerraform(context, files, new Set(), false);
      const narrow = await gatherTerraform(context, files, new Set(), true);
      expect(narrow.unparsedText('modules/api/main.tf')).toBeDefined();
      expect(narrow.unparsedText('live/prod/api/params.tf')).toBeDefined();
      // Both ask every file whether it picks an image at apply time; the narrow index parses no file for it.
      const sources = await floating(full, context);
      expect(await floating(narrow, context)).toEqual(sources);
      expect(narrow.unparsedText('live/prod/api/params.tf')).toBeDefined();
      expect(sources.map((source) => `${source.environment} ${source.kind} ${source.file}`).sort()).toEqual([
        'prod unlisted-parameter modules/base/launch.tf',
        'prod unlisted-parameter modules/worker/image.tf',
        'staging unlisted-parameter modules/base/launch.tf',
        'staging unlisted-parameter modules/worker/image.tf',
      ]);
      const expected = answers(full, order);
      expect(answers(narrow, order)).toEqual(expected);
      expect(expected.find((answer) => answer.path === 'modules/base/main.tf')?.reach.map(([env]) => env)).toEqual(['dev', 'prod', 'staging']);
    }
  });

  it('parses only the files that may call a folder asked about', async () => {
    repo = createRepo(estate());
    const context = contextFor(repo, { mode: 'pr' });
    const files = await new FactStore(context).get('repoFiles');
    const narrow = await gatherTerraform(context, files, new Set(['live/prod/api/main.tf']), true);
    expect(narrow.unparsedText('live/prod/api/main.tf')).toBeUndefined(); // changed: parsed at once
    narrow.reach('modules/worker/main.tf');
    expect(narrow.unparsedText('modules/json/main.tf')).toBeUndefined(); // calls ../worker: parsed
    expect(narrow.unparsedText('live/staging/worker/main.tf')).toBeUndefined(); // calls modules/json
    expect(narrow.unparsedText('live/staging/api/main.tf')).toBeDefined(); // never asked about
    // live/dev/api is asked about, and live/staging/api/main.tf names an api folder: but modules/api, not live/dev/api.
    narrow.reach('live/dev/api/params.tf');
    expect(narrow.unparsedText('live/staging/api/main.tf')).toBeDefined();
    expect(narrow.unparsedText('modules/remote/main.tf')).toBeUndefined(); // ../api: may be any api folder
  });

  it('defers files that only write SSM parameters, and parses one when its parameters are read', async () => {
    repo = createRepo(estate());
    const context = contextFor(repo, { mode: 'pr' });
    const files = await new FactStore(context).get('repoFiles');
    const full = await gatherTerraform(context, files, new Set(), false);
    const narrow = await gatherTerraform(context, files, new Set(), true);
    // Read, or holding other facts: parsed at once.
    for (const path of ['modules/worker/image.tf', 'modules/base/launch.tf', 'modules/api/params.tf', 'modules/heredoc/params.tf']) expect(narrow.unparsedText(path), path).toBeUndefined();
    expect(narrow.unparsedText('modules/api/tags.tf')).toBeDefined();
    const path = 'live/staging/api/params.tf';
    expect(narrow.unparsedText(path)).toBeDefined();
    expect(narrow.files.get(path)?.analysis.amis).toEqual([]); // ruled out: no parse
    expect(narrow.unparsedText(path)).toBeDefined();
    expect(narrow.files.get(path)?.analysis.ssmParameters).toEqual(full.files.get(path)?.analysis.ssmParameters);
    expect(narrow.files.get(path)?.analysis.ssmParameters).toHaveLength(1);
    expect(narrow.unparsedText(path)).toBeUndefined();
  });
});
