// git grep tells which Terraform files hold none of the words any fact needs, so that a PR need not read
// them. Safe only if its pattern asks for no more than terraformFactKinds does: a property test over texts
// made of the awkward pieces (words split by a line break, Unicode spaces, \u escapes, a BOM, CRLF, bytes
// that are not UTF-8), then the index built with the list against the index built by reading every file.
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { FactStore } from '../../src/facts/registry.js';
import { filesWithoutMatch } from '../../src/facts/git.js';
import { gatherTerraform, terraformFilesWithoutFacts } from '../../src/facts/terraform.js';
import { mayHoldTerraformFacts, TERRAFORM_FACT_WORDS_PCRE } from '../../src/parse/terraform.js';
import { contextFor } from '../rules/binaries/harness.js';
import { createRepo, type TestRepo } from '../support/gitRepo.js';

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

const PIECES = [
  'source', 'resource', '-source', 'source-', '_source', 'sources', ' source ', '(source)', 'data_source', '"source"',
  'file', 'file(', 'file (', 'file\n(', 'file\u00a0(', 'file\u2028(', 'filebase64(', 'filebase64\t(', 'profile', 'filex(', 'file_',
  'ami-', 'am', 'i-', 'ami', '\\u', '\\U', '\\', 'u0061mi-', 'aws_ami', 'aws_', 'ssm', 'resolve:ssm:', 'resolve:', 'aws_ssm_parameter',
  'user_data', 'user', '_data', 'provisioner', 'cloudinit_config', 'template_file', 'template', '\n', '\r\n', '\r', '\t', ' ', '=', '{', '}',
  '"', 'é', '\ufeff', 'x', '# comment ',
];

describe('the git grep pattern', () => {
  it('finds a match in every file in which terraformFactKinds finds a word', () => {
    repo = createRepo({ 'README.md': 'x\n' });
    const texts = fc.sample(fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((pieces) => pieces.join('')), { numRuns: 3000, seed: 42 });
    const paths = texts.map((_, i) => `t/f${i}.tf`);
    repo.write(Object.fromEntries(paths.map((path, i) => [path, texts[i]!])));
    // Bytes that are not UTF-8 around a word: the words are ASCII, so git finds them byte by byte.
    writeFileSync(join(repo.dir, 't/latin1.tf'), Buffer.from([0xe9, 0x73, 0x6f, 0x75, 0x72, 0x63, 0x65, 0xff]));
    return terraformFilesWithoutFacts(repo.dir).then((wordless) => {
      let holding = 0;
      paths.forEach((path, i) => {
        const holds = mayHoldTerraformFacts(texts[i]!);
        if (holds) {
          holding++;
          expect(wordless.has(path), JSON.stringify(texts[i])).toBe(false);
        }
      });
      expect(wordless.has('t/latin1.tf')).toBe(false);
      // Both kinds were generated, and the pattern is no stricter than needed on most of them.
      expect(holding).toBeGreaterThan(1000);
      expect(wordless.size).toBeGreaterThan(300);
    });
  });

  it('lists the files without a word, and only files it read', async () => {
    repo = createRepo({
      'live/prod/outputs.tf': 'output "x" {\n  value = aws_instance.web.id\n}\n',
      'live/prod/main.tf': 'resource "aws_instance" "web" {\n  ami = "ami-0123456789abcdef0"\n}\n',
      'live/prod/split.tf': 'locals {\n  s = file\n  ("x.sh")\n}\n',
      'live/prod/crlf.tf': 'module "m" {\r\n  source = "../m"\r\n}\r\n',
      'live/prod/terraform.tfvars': 'instance_type = "t3.small"\n',
      'live/prod/.terraform.lock.hcl': 'provider "x" {}\n',
      'docs/notes.md': 'nothing\n',
    });
    symlinkSync('outputs.tf', join(repo.dir, 'live/prod/link.tf'));
    const wordless = await terraformFilesWithoutFacts(repo.dir);
    expect([...wordless].sort()).toEqual(['live/prod/.terraform.lock.hcl', 'live/prod/outputs.tf', 'live/prod/terraform.tfvars']);
  });

  it('answers nothing when git cannot tell, so that every file is read', async () => {
    repo = createRepo({ 'main.tf': 'resource "x" "y" {}\n' });
    expect(await filesWithoutMatch(repo.dir, { perl: TERRAFORM_FACT_WORDS_PCRE }, ['*.tf'])).toEqual(new Set(['main.tf']));
    expect(await filesWithoutMatch(repo.dir, { perl: '(unclosed' }, ['*.tf'])).toBeUndefined();
    expect(await filesWithoutMatch(join(repo.dir, 'no-such-folder'), { perl: TERRAFORM_FACT_WORDS_PCRE }, ['*.tf'])).toBeUndefined();
    expect(await filesWithoutMatch(repo.dir, { perl: 'resource' }, ['*.tf'])).toEqual(new Set()); // every file matches: exit status 1
  });
});

describe('the index without the files git found no word in', () => {
  it('holds the same facts as the index that read every file', async () => {
    repo = createRepo({
      '.github/deploy-guard.yml': 'promotion: [dev, prod]\nenvironments:\n  dev:\n    terraform: ["live/dev/**"]\n  prod:\n    terraform: ["live/prod/**"]\n',
      'modules/base/main.tf': 'resource "aws_launch_template" "base" {\n  image_id = "ami-0123456789abcdef0"\n  user_data = file("${path.module}/boot.sh")\n}\n',
      'modules/base/outputs.tf': 'output "id" {\n  value = aws_launch_template.base.id\n}\n',
      'modules/api/main.tf': 'module "base" {\n  source = "../base"\n}\n',
      'modules/escaped/main.tf': 'module "e" {\n  source = "../\\u0062ase"\n}\n',
      'live/dev/main.tf': 'module "api" {\n  source = "../../modules/api"\n}\n',
      'live/dev/params.tf': 'data "aws_ssm_parameter" "ami" {\n  name = "/images/web"\n}\n',
      'live/prod/main.tf': 'module "api" {\n  source = "../../modules/escaped"\n}\n',
      'live/prod/vars.tf': 'variable "x" {\n  default = 1\n}\n',
      'live/prod/broken.tf': 'resource "x" "y" {\n  ami = "ami-0123456789abcdef0"\n',
      'live/prod/half.tf': 'resource "x" {\n',
    });
    symlinkSync('../../modules/base/main.tf', join(repo.dir, 'live/prod/linked.tf'));
    const context = contextFor(repo, { mode: 'pr' });
    const files = await new FactStore(context).get('repoFiles');
    const wordless = await terraformFilesWithoutFacts(repo.dir);
    expect(wordless.has('live/prod/vars.tf')).toBe(true);
    expect(wordless.has('live/prod/linked.tf')).toBe(false);
    // The list at once, as a promise that settles at once, and as one that settles while the files are read.
    const later = () => new Promise<ReadonlySet<string>>((resolve) => setTimeout(() => resolve(wordless), 5));
    for (const [narrow, given] of [[false, wordless], [true, wordless], [true, Promise.resolve(wordless)], [true, later()]] as const) {
      const changed = new Set(['live/prod/broken.tf', 'live/prod/half.tf']);
      const read = await gatherTerraform(context, files, changed, narrow);
      const skipped = await gatherTerraform(context, files, changed, narrow, given);
      const facts = (index: typeof read) =>
        files.map((path) => ({ path, reach: [...index.reach(path)], amis: index.files.get(path)?.analysis.amis, modules: index.files.get(path)?.analysis.modules, ssm: index.files.get(path)?.analysis.ssmParameters }));
      expect(facts(skipped)).toEqual(facts(read));
      // A changed file is read whatever git says, and parsed when its text may hold a fact: one with none of
      // the words cannot change what a rule sees, whatever its syntax.
      expect(skipped.unreadable).toEqual(read.unreadable);
      expect(read.unreadable.map((entry) => [entry.path, entry.reason.startsWith('parse error')])).toEqual([['live/prod/broken.tf', true]]);
      expect(facts(read).find((entry) => entry.path === 'live/prod/linked.tf')?.amis).toHaveLength(1);
    }
  });
});
