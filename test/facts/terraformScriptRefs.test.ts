// A narrow PR leaves unparsed the Terraform files whose only facts can be scripts, when their file references
// stay in their folder: a typical PR never needs the user-data templates of the service modules it does not
// touch. Two things make that safe, and both are checked here: mayReferenceFile never rules out a file that a
// confined reference resolves to (property test against the real parser), and a PR's deploy scripts and the
// reach of its changes come out exactly as with every file parsed, for changes that reach such a file each way
// a unit enters the scope (a changed template, a template naming a changed functions file, a revision, a
// deleted target) and through a `source` found only while analysing (then discovery starts again).
import fc from 'fast-check';
import { posix } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reachMap } from '../../src/facts/promotion.js';
import { FactStore } from '../../src/facts/registry.js';
import { fileReferencesConfined, gatherTerraform, mayReferenceFile, withPathHoles } from '../../src/facts/terraform.js';
import { changedPaths } from '../../src/facts/types.js';
import { normalisePath } from '../../src/facts/workspace.js';
import { analyseTerraform } from '../../src/parse/terraform.js';
import { contextFor, fixtureFiles, openPull } from '../rules/binaries/harness.js';
import { createRepo, type TestRepo } from '../support/gitRepo.js';

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

const SEGMENTS = [
  ...['templates', 'scripts', '.', '..', '', 'x y', 'a.b', '..a', 'init.sh', 'user-data.sh.tpl', '\\\\', 'b\\\\c', '\\u0061', '\\u002e\\u002e', '%', 'a\\"b', 'tab\\tx'],
  ...['${path.module}', '${path.root}', '${ path.module }', '${var.x}', '$${x}', '$${path.module}', '%{if true}%{endif}', '.%{if true}%{endif}.', 'in${path.module}it.sh', '.${path.root}', '${path.module}.', '${~path.module}', '%%{x}'],
];

describe('mayReferenceFile', () => {
  it('lets through every file a confined reference resolves to', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('modules/api/main.tf', 'main.tf', 'live/prod/app/main.tf', 'a/b/c/d.tf', 'live/prod/terragrunt.hcl'),
        fc.constantFrom('', './', '${path.module}/', '${path.root}/', '/', '../', './/'),
        fc.array(fc.constantFrom(...SEGMENTS), { maxLength: 4 }),
        fc.constantFrom('user-data.sh', 'init.sh.tpl', 'run.sh', 'boot', '..', '.', '', 'x.sh/.', 'pre${path.module}.sh'),
        fc.constantFrom('file', 'filebase64', 'templatefile', 'script', 'scripts'),
        fc.constantFrom('quoted', 'heredoc', 'indented heredoc'),
        async (file, start, segments, end, fn, form) => {
          const raw = `${start}${[...segments, end].join('/')}`;
          const value = form === 'quoted' ? `"${raw}"` : form === 'heredoc' ? `<<EOT\n${raw}\nEOT\n` : `<<-EOT\n    ${raw}\n  EOT\n`;
          const text =
            fn === 'script' || fn === 'scripts'
              ? `resource "null_resource" "r" {\n  provisioner "remote-exec" {\n    ${fn} = ${fn === 'script' ? value : `[${value}]`}\n  }\n}\n`
              : `resource "aws_instance" "i" {\n  user_data = ${fn}(${value}${fn === 'templatefile' ? ', {}' : ''})\n}\n`;
          const analysis = await analyseTerraform(text, { fileName: file });
          if (!fileReferencesConfined(text)) return;
          const dir = posix.dirname(file) === '.' ? '' : posix.dirname(file);
          for (const ref of analysis.scriptFiles) {
            if (ref.dynamic) continue;
            // What discovery and ReachMap resolve a reference to (the root is for provisioners: not confined).
            const target = normalisePath(posix.join(dir, ref.path));
            if (target === undefined || target === dir) continue;
            expect(mayReferenceFile(withPathHoles(text), dir, target), `${JSON.stringify(text)} → ${JSON.stringify(target)}`).toBe(true);
            checked++;
          }
        },
      ),
      { seed: 20_261_126, numRuns: 800 },
    );
    expect(checked).toBeGreaterThan(150); // the property was checked, not skipped
  });

  it('asks for the file in the folder or below, by its last name', () => {
    const written = 'resource "aws_instance" "i" {\n  user_data = templatefile("${path.module}/templates/user-data.sh.tpl", {})\n}\n';
    expect(fileReferencesConfined(written)).toBe(true);
    const text = withPathHoles(written);
    expect(text).toContain('"./templates/user-data.sh.tpl"');
    expect(mayReferenceFile(text, 'modules/api', 'modules/api/templates/user-data.sh.tpl')).toBe(true);
    expect(mayReferenceFile(text, 'modules/api', 'modules/worker/templates/user-data.sh.tpl')).toBe(false);
    expect(mayReferenceFile(text, 'modules/api', 'modules/api/templates/boot.sh')).toBe(false);
    expect(mayReferenceFile(text, '', 'modules/api/templates/user-data.sh.tpl')).toBe(true);
    // A name an escape may have written is let through; one a path hole is part of is asked for as rendered.
    expect(mayReferenceFile(text, 'modules/api', 'modules/api/quote"d.sh')).toBe(true);
    expect(mayReferenceFile(withPathHoles('x = file("pre${path.module}sh")'), 'm', 'm/pre.sh')).toBe(true);
  });

  it('takes a text whose references may leave the folder or hide a name for unconfined', () => {
    const wrap = (value: string) => `resource "aws_instance" "i" {\n  user_data = file(${value})\n}\n`;
    expect(fileReferencesConfined(wrap('"${path.module}/../shared/boot.sh"'))).toBe(false);
    expect(fileReferencesConfined(wrap('"${path.module}/b\\u006fot.sh"'))).toBe(false);
    expect(fileReferencesConfined(wrap('"${path.module}/.%{ if true }%{ endif }./boot.sh"'))).toBe(false);
    expect(fileReferencesConfined('resource "null_resource" "r" {\n  provisioner "remote-exec" {\n    script = "boot.sh"\n  }\n}\n')).toBe(false);
    expect(fileReferencesConfined(wrap('"${path.module}/boot.sh"'))).toBe(true);
  });
});

// The fleet fixture (an appspec revision in app/, a module with user data) and modules whose only facts are scripts.
const WORKER = `resource "aws_launch_template" "worker" {
  image_id  = var.ami_id
  user_data = base64encode(templatefile("\${path.module}/templates/user-data.sh.tpl", { env = var.env }))
}

resource "aws_s3_object" "helpers" {
  key     = "helpers.sh"
  content = file("\${path.module}/templates/helpers.sh")
}
`;

function estate(): Record<string, string> {
  const files = fixtureFiles('fleet');
  const callWorker = (ami: string, env: string) => `\nmodule "worker" {\n  source = "../modules/worker"\n  ami_id = "${ami}"\n  env    = "${env}"\n}\nmodule "cron" {\n  source = "../modules/cron"\n}\n`;
  files['terraform/staging/main.tf'] += callWorker('ami-0aaaaaaaaaaaaaaa1', 'staging');
  files['terraform/prod/main.tf'] += callWorker('ami-0bbbbbbbbbbbbbbb2', 'prod');
  files['terraform/modules/worker/main.tf'] = `${WORKER}\nresource "aws_instance" "boot" {\n  user_data = file("\${path.module}/parts/boot.tf")\n}\n`;
  files['terraform/modules/worker/parts/boot.tf'] = '# Not Terraform the module runs: user data kept beside it.\n';
  files['terraform/modules/worker/variables.tf'] = 'variable "ami_id" {}\nvariable "env" {}\n';
  files['terraform/modules/worker/templates/user-data.sh.tpl'] = '#!/bin/bash\n# ${env}\n/usr/bin/aws s3 cp s3://acme/${env}/worker.env /etc/worker.env\n';
  files['terraform/modules/worker/templates/helpers.sh'] = 'notify() { /usr/bin/aws sns publish --message "$1"; }\n';
  // Sources the app's functions file by a path that climbs: a change to that file puts it in scope.
  files['terraform/modules/cron/main.tf'] = 'resource "aws_instance" "cron" {\n  ami       = var.ami_id\n  user_data = file("${path.module}/run.sh")\n}\nvariable "ami_id" {\n  default = null\n}\n';
  files['terraform/modules/cron/run.sh'] = '#!/bin/bash\nsource "$(dirname "$0")/../../../app/scripts/common.sh"\nlog "cron"\nyq --version\n';
  // Its reference leaves its folder: never left unparsed.
  files['terraform/modules/shared/main.tf'] = 'resource "aws_s3_object" "h" {\n  content = file("${path.module}/../worker/templates/helpers.sh")\n}\n';
  // Later in file order, and as close to staging: a chain through it must not be named before the worker's.
  files['terraform/modules/zz/main.tf'] = 'resource "aws_s3_object" "h" {\n  content = file("${path.module}/../worker/templates/helpers.sh")\n}\nresource "aws_instance" "i" {\n  user_data = file("${path.module}/../worker/parts/boot.tf")\n}\n';
  files['terraform/staging/main.tf'] += 'module "zz" {\n  source = "../modules/zz"\n}\n';
  // Terraform inside the CodeDeploy revision: what it references goes to the instances with the revision.
  files['app/terraform/main.tf'] = 'resource "aws_instance" "i" {\n  user_data = file("${path.module}/bootstrap.sh")\n}\n';
  files['app/terraform/bootstrap.sh'] = '#!/bin/bash\n/usr/bin/aws --version\n';
  return files;
}

/** The facts a PR's check reads, gathered with the narrow index (as a PR runs) and with every file parsed. */
async function bothWays(change: Record<string, string | null>) {
  repo?.cleanup();
  repo = createRepo(estate(), '2026-03-01T00:00:00Z');
  openPull(repo, change);
  const facts = async (store: FactStore) => ({ deployScripts: await store.get('deployScripts'), terraformChange: await store.get('terraformChange') });
  const narrowStore = new FactStore(contextFor(repo, { mode: 'pr' }));
  const narrow = await facts(narrowStore);
  const full = await facts(
    new FactStore(contextFor(repo, { mode: 'pr' }), {
      terraform: async (context, store) => gatherTerraform(context, await store.get('repoFiles'), changedPaths(await store.get('changes')), false),
    }),
  );
  return { narrow, full, index: await narrowStore.get('terraform') };
}

const scriptOf = (facts: Awaited<ReturnType<typeof bothWays>>['narrow'], file: string) => facts.deployScripts.scripts.find((script) => script.file === file);

describe('a narrow PR and the Terraform files whose only facts are scripts', () => {
  it('reaches every path through the files that read it as the full index does', async () => {
    repo = createRepo(estate(), '2026-03-01T00:00:00Z');
    const context = contextFor(repo, { mode: 'pr' });
    const files = await new FactStore(context).get('repoFiles');
    const questions = [...files, 'terraform/modules/worker/templates/gone.sh', 'terraform/modules/worker/run'];
    // In two orders: what the narrow index parses depends on which path is asked about first.
    for (const order of [questions, [...questions].reverse()]) {
      const answers = async (narrow: boolean) => {
        const reach = await reachMap(context, await gatherTerraform(context, files, new Set(), narrow));
        return order.map((path) => ({ path, read: reach.isRead(path), reach: [...reach.of(path)].sort(([a], [b]) => a.localeCompare(b)) }));
      };
      const full = await answers(false);
      expect(await answers(true)).toEqual(full);
      const chains = (path: string) => full.find((answer) => answer.path === path)?.reach.map(([env, chain]) => `${env}: ${chain.map((edge) => edge.by).join(' ← ')}`);
      expect(chains('terraform/modules/worker/templates/helpers.sh')).toEqual(['prod: terraform/prod/main.tf', 'staging: terraform/staging/main.tf']);
      // A .tf file is reached through its own folder only: here through the two files that read it, the first in file order named.
      expect(chains('terraform/modules/worker/parts/boot.tf')).toEqual(['prod: terraform/modules/worker/main.tf ← terraform/prod/main.tf', 'staging: terraform/modules/worker/main.tf ← terraform/staging/main.tf']);
    }
  });

  it('leaves them unparsed', async () => {
    const { index } = await bothWays({ 'README.md': 'docs\n' });
    expect(index.unparsedText('terraform/modules/worker/main.tf')).toBeDefined();
    expect(index.unparsedText('terraform/modules/cron/main.tf')).toBeDefined();
    expect(index.unparsedText('app/terraform/main.tf')).toBeDefined();
    expect(index.unparsedText('terraform/modules/shared/main.tf')).toBeUndefined(); // leaves its folder: parsed
  });

  it('reads the references of the one that names a changed template, and reaches its environments', async () => {
    const { narrow, full, index } = await bothWays({ 'terraform/modules/worker/templates/user-data.sh.tpl': '#!/bin/bash\n/usr/bin/aws --version\n' });
    expect(narrow).toEqual(full);
    const template = scriptOf(narrow, 'terraform/modules/worker/templates/user-data.sh.tpl');
    expect(template?.runs).toContain('templatefile() in resource.aws_launch_template.worker.user_data of terraform/modules/worker/main.tf');
    expect(template?.environments).toEqual(['staging', 'prod']);
    expect(narrow.terraformChange?.files.map((file) => [file.path, file.reaches.map((reach) => reach.environment)])).toEqual([['terraform/modules/worker/templates/user-data.sh.tpl', ['staging', 'prod']]]);
    expect(index.unparsedText('terraform/modules/cron/main.tf')).toBeDefined();
  });

  it('reads the references of the one whose script names a changed functions file', async () => {
    const { narrow, full, index } = await bothWays({ 'app/scripts/common.sh': 'log() { logger -t webapp "$*"; }\n' });
    expect(narrow).toEqual(full);
    expect(scriptOf(narrow, 'terraform/modules/cron/run.sh')?.environments).toEqual(['staging', 'prod']);
    expect(index.unparsedText('terraform/modules/worker/main.tf')).toBeDefined();
  });

  it('reads the references of one inside a changed revision', async () => {
    const { narrow, full } = await bothWays({ 'app/appspec.yml': `${fixtureFiles('fleet')['app/appspec.yml']}# touched\n` });
    expect(narrow).toEqual(full);
    expect(scriptOf(narrow, 'app/terraform/bootstrap.sh')?.runs).toContain('file() in resource.aws_instance.i.user_data of app/terraform/main.tf');
  });

  it('reads the references of one that names a CodeDeploy hook outside the revision', async () => {
    const appspec = fixtureFiles('fleet')['app/appspec.yml']!.replace('hooks:\n', 'hooks:\n  AfterInstall:\n    - location: ../terraform/modules/worker/templates/helpers.sh\n');
    const { narrow, full } = await bothWays({ 'app/appspec.yml': appspec });
    expect(narrow).toEqual(full);
    expect(scriptOf(narrow, 'terraform/modules/worker/templates/helpers.sh')?.runs).toContain('file() in resource.aws_s3_object.helpers.content of terraform/modules/worker/main.tf');
  });

  it('reads the references of one that names what a changed Terraform file references', async () => {
    const { narrow, full } = await bothWays({ 'terraform/modules/shared/main.tf': `# Shared helpers.\n${estate()['terraform/modules/shared/main.tf']}` });
    expect(narrow).toEqual(full);
    expect(scriptOf(narrow, 'terraform/modules/worker/templates/helpers.sh')?.runs).toContain('file() in resource.aws_s3_object.helpers.content of terraform/modules/worker/main.tf');
  });

  it('names a reference to a deleted script', async () => {
    const { narrow, full } = await bothWays({ 'terraform/modules/worker/templates/helpers.sh': null });
    expect(narrow).toEqual(full);
    expect(narrow.deployScripts.missing.map((missing) => `${missing.file} ${missing.expected}`)).toContain('terraform/modules/worker/main.tf terraform/modules/worker/templates/helpers.sh');
  });

  it('starts discovery again when a changed script sources a file one of them may reference', async () => {
    // Sources the worker's helpers: found only while analysing it.
    const { narrow, full } = await bothWays({ 'app/scripts/rotate.sh': '#!/bin/bash\nsource "$(dirname "$0")/../../terraform/modules/worker/templates/helpers.sh"\nnotify rotated\n' });
    expect(narrow).toEqual(full);
    expect(scriptOf(narrow, 'terraform/modules/worker/templates/helpers.sh')?.runs).toEqual([
      'file() in resource.aws_s3_object.h.content of terraform/modules/shared/main.tf',
      'file() in resource.aws_s3_object.helpers.content of terraform/modules/worker/main.tf',
      'file() in resource.aws_s3_object.h.content of terraform/modules/zz/main.tf',
      'sourced by app/scripts/rotate.sh',
    ]);
  });
});
