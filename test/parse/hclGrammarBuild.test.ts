// deploy-guard parses HCL with its own build of the package's grammar (grammars/hcl/README.md): one scanner
// change that reads a run of string characters as one token instead of one token each. What a rule sees
// must not change: for every input without a syntax error, both builds give the same tree, node for node
// (types, fields, positions, missing and extra nodes), checked here on the repository's own Terraform and on
// generated HCL heavy in strings, heredocs, templates and escapes.
import fc from 'fast-check';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const packageDir = dirname(createRequire(import.meta.url).resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json'));
const parsers: Record<string, { ours: Parser; upstream: Parser }> = {};

beforeAll(async () => {
  await Parser.init();
  for (const dialect of ['hcl', 'terraform']) {
    const load = async (path: string) => {
      const parser = new Parser();
      parser.setLanguage(await Language.load(readFileSync(path)));
      return parser;
    };
    parsers[dialect] = { ours: await load(join(ROOT, 'grammars', 'hcl', `tree-sitter-${dialect}.wasm`)), upstream: await load(join(packageDir, `tree-sitter-${dialect}.wasm`)) };
  }
});

/** Every node of a tree, in order, with what the extractors can read of it. */
function shape(parser: Parser, text: string): { lines: string[]; error: boolean } {
  const tree = parser.parse(text)!;
  const lines: string[] = [];
  const cursor = tree.walk();
  let depth = 0;
  for (let done = false; !done; ) {
    const node = cursor.currentNode;
    lines.push(`${depth} ${cursor.nodeType} ${cursor.startIndex}-${cursor.endIndex} ${cursor.currentFieldName ?? ''}${node.isMissing ? ' missing' : ''}${node.isExtra ? ' extra' : ''}`);
    if (cursor.gotoFirstChild()) {
      depth++;
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        done = true;
        break;
      }
      depth--;
    }
  }
  const error = tree.rootNode.hasError;
  cursor.delete();
  tree.delete();
  return { lines, error };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.(tf|tfvars|hcl)$/.test(name) ? [path] : [];
  });
}

describe('the HCL grammar built with literal runs', () => {
  it("parses the repository's Terraform to the package's trees", () => {
    const files = [...filesUnder(join(ROOT, 'test', 'fixtures')), ...filesUnder(join(ROOT, 'examples'))];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const dialect of ['hcl', 'terraform']) expect(shape(parsers[dialect]!.ours, text), file).toEqual(shape(parsers[dialect]!.upstream, text));
    }
  });

  it('parses generated strings, heredocs and templates to the same trees', () => {
    const piece = fc.constantFrom(
      ...['a', 'ami-0123', 'x y', '  ', ' ', '.', '/', '-', '_', ':', '=', ',', '[', ']', '(', ')', '#', '//', '*', 'é', '日本', '~', '!', '@', '+'],
      ...['\\"', '\\\\', '\\n', '\\t', '\\u0041', '\\U0001F600', '$${x}', '%%{x}', '$', '%', '{', '}', '$$', '%%'],
      ...['${var.x}', '${ path.module }', '${"in"}', '%{ if true }t%{ else }f%{ endif }', '%{ for i in [1] }${i}%{ endfor }', '${x~}', '%{~ if y ~}z%{~ endif ~}'],
    );
    const line = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(''));
    const quoted = line.filter((text) => !text.includes('\n')).map((text) => `"${text}"`);
    const heredoc = fc.tuple(fc.constantFrom('<<', '<<-'), fc.constantFrom('EOT', 'END_OF_TEXT'), fc.array(fc.tuple(fc.constantFrom('', '  ', '\t'), line), { maxLength: 4 }), fc.constantFrom('', '  '))
      .map(([start, id, lines, indent]) => `${start}${id}\n${lines.map(([lead, text]) => `${lead}${text.replace(/\\/g, '\\\\')}`).join('\n')}${lines.length > 0 ? '\n' : ''}${indent}${id}\n`);
    const value = fc.oneof(quoted, heredoc, quoted.map((text) => `[${text}, ${text}]`), quoted.map((text) => `{ k = ${text} }`), quoted.map((text) => `file(${text})`));
    const body = fc.array(fc.tuple(fc.constantFrom('a', 'user_data', 'x'), value), { minLength: 1, maxLength: 4 }).map((attributes) => attributes.map(([name, v]) => `${name} = ${v}${v.endsWith('\n') ? '' : '\n'}`).join(''));
    const file = fc.tuple(body, fc.boolean()).map(([inner, block]) => (block ? `resource "x" "y" {\n${inner}}\n` : inner));
    let clean = 0;
    fc.assert(
      fc.property(file, fc.constantFrom('hcl', 'terraform'), (text, dialect) => {
        const ours = shape(parsers[dialect]!.ours, text);
        const upstream = shape(parsers[dialect]!.upstream, text);
        expect(ours.error, JSON.stringify(text)).toBe(upstream.error);
        if (upstream.error) return;
        expect(ours.lines, JSON.stringify(text)).toEqual(upstream.lines);
        clean++;
      }),
      { seed: 20_261_126, numRuns: 1500 },
    );
    expect(clean).toBeGreaterThan(700); // most generated files parse without errors: the property was checked
  });
});
