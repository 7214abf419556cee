// The floor: the files the action reads in the worst case, read and parsed by the same parsers
// (tree-sitter with the same wasm grammars, one parser per grammar; yaml; JSON) and nothing else:
// no extraction, no rules, no git history, no reporting. Bundled by bench/run.mjs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import picomatch from 'picomatch';
import { parse as parseYaml, parseDocument } from 'yaml';
import { createParser } from '../../src/parse/grammars.js';

const TERRAFORM_FILE = /(\.tf|\.tfvars|(?<!(^|\/)\.terraform\.lock)\.hcl)$/;
const APPSPEC = /(^|\/)appspec\.ya?ml$/i;
const TEMPLATE = /\.(tftpl|tpl)$/;

interface Config {
  scripts?: { include?: string[] };
  images?: { manifests?: string[] };
}

async function main(): Promise<void> {
  const workspace = process.argv[2];
  if (!workspace) throw new Error('usage: floor.mjs <workspace>');
  const started = performance.now();
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: workspace, encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\0')
    .filter(Boolean);
  const config = (parseYaml(readFileSync(join(workspace, '.github/deploy-guard.yml'), 'utf8')) ?? {}) as Config;
  const isScript = picomatch(config.scripts?.include ?? ['**/*.sh'], { dot: true });
  const isManifest = picomatch(config.images?.manifests ?? [], { dot: true });
  const terraform = await createParser('terraform');
  const bash = await createParser('bash');
  const counts = { terraform: 0, bash: 0, yaml: 0, json: 0, bytes: 0 };
  for (const path of files) {
    let kind: keyof typeof counts | undefined;
    if (TERRAFORM_FILE.test(path) && !path.includes('.terraform/')) kind = 'terraform';
    else if (APPSPEC.test(path)) kind = 'yaml';
    else if (isManifest(path)) kind = 'json';
    else if (isScript(path) || TEMPLATE.test(path)) kind = 'bash';
    if (!kind) continue;
    // Synchronous, as the action reads: a thread-pool round trip per small file would leave the floor idle.
    const text = readFileSync(join(workspace, path), 'utf8');
    counts.bytes += text.length;
    counts[kind]++;
    if (kind === 'terraform' || kind === 'bash') (kind === 'terraform' ? terraform : bash).parse(text)?.delete();
    else if (kind === 'yaml') parseDocument(text);
    else JSON.parse(text);
  }
  process.stdout.write(`${JSON.stringify({ ...counts, ms: Math.round(performance.now() - started) })}\n`);
}

await main();
