// A FlatTree answers what web-tree-sitter's Node API answers, for every node of every tree of a corpus:
// the fixtures' scripts and Terraform, scripts made of tricky lines (errors, MISSING nodes, heredocs,
// CRLF, non-ASCII and astral characters), and random mixes of those lines.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Node, Parser } from 'web-tree-sitter';
import { FlatTree, type FlatNode } from '../../src/parse/flatTree.js';
import { createParser } from '../../src/parse/grammars.js';

const ROOT = join(import.meta.dirname, '..', '..');

function filesUnder(dir: string, ends: string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, ends));
    else if (ends.some((e) => name.endsWith(e))) out.push(path);
  }
  return out;
}

const TRICKY = [
  'aws s3 ls "$BUCKET" | grep -v ünïcode 😀 > /tmp/out',
  'if [ -x /usr/bin/aws ]; then\r\n  /usr/bin/aws --version\r\nfi',
  'cat <<EOF | tee /etc/app.conf\nPATH=$PATH:/opt/bin\n$(date)\nEOF',
  'case "$1" in start) systemctl start app ;; *) echo "usage" ;; esac',
  'f() { local x=${1:-/usr/local/bin/aws}; "$x" sts get-caller-identity; }',
  'for i in 1 2 3; do echo $i; done',
  'arr=(one two "three four"); echo "${arr[@]}"',
  'x=$(( 1 + 2 )); [[ $x -gt 2 && -n "$y" ]] && echo big',
  'if then fi fi',
  'echo "unterminated',
  'for do done',
  '( cd /opt && ./run.sh ) &',
  "bash -c 'aws s3 ls; PATH=/x:$PATH jq .'",
  'exec 3>&1 2>/dev/null',
  '# only a comment 🙂',
  '',
  '\t\tindented\ttabs "ä\tß"',
  'echo ${x#*/} ${y%%.*} ${#z} ${!ref}',
  'while read -r line; do echo "$line"; done < <(ls /)',
  'trap "rm -f /tmp/x" EXIT; eval "$CMD"',
];

const seen = { errors: 0, missing: 0 };

function compare(parser: Parser, text: string): number {
  const tree = parser.parse(text)!;
  try {
    const flat = new FlatTree(tree, text);
    // every node of the real tree, in pre-order, through the public API
    const real: Node[] = [];
    const walk = (n: Node): void => {
      real.push(n);
      for (const k of n.children) walk(k);
    };
    walk(tree.rootNode);
    expect(flat.count).toBe(real.length);
    expect(flat.hasError).toBe(tree.rootNode.hasError);
    const fields = tree.language.fields.filter((f): f is string => !!f);
    const someTypes = [...new Set(real.map((n) => n.type))];
    const indexOf = new Map(real.map((n, i) => [n.id, i]));
    const ix = (n: Node | FlatNode | null): number | null => (n === null ? null : 'index' in n ? n.index : indexOf.get(n.id)!);
    for (let i = 0; i < real.length; i++) {
      const r = real[i]!;
      const f = flat.node(i);
      const where = `node ${i} (${r.type}) of ${JSON.stringify(text.slice(0, 60))}`;
      if (r.type === 'ERROR') seen.errors++;
      if (r.isMissing) seen.missing++;
      expect({ type: f.type, typeId: flat.typeId[i], named: f.isNamed, missing: flat.missing?.[i] === 1, start: f.startIndex, end: f.endIndex, text: f.text }, where).toEqual({
        type: r.type,
        typeId: r.typeId,
        named: r.isNamed,
        missing: flat.hasError ? r.isMissing : false,
        start: r.startIndex,
        end: r.endIndex,
        text: r.text,
      });
      expect({ start: f.startPosition, end: f.endPosition }, where).toEqual({ start: r.startPosition, end: r.endPosition });
      expect(ix(f.parent), where).toBe(ix(r.parent));
      expect(f.hasError, where).toBe(r.hasError);
      for (let k = 0; k <= r.namedChildCount; k++) expect(ix(f.namedChild(k)), where).toBe(ix(r.namedChild(k)));
      expect(f.children.map(ix), where).toEqual(r.children.map(ix));
      expect(f.namedChildren.map(ix), where).toEqual(r.namedChildren.map(ix));
      expect([f.childCount, f.namedChildCount, ix(f.firstNamedChild), ix(f.lastNamedChild)], where).toEqual([
        r.childCount,
        r.namedChildCount,
        ix(r.firstNamedChild),
        ix(r.lastNamedChild),
      ]);
      for (const name of fields) {
        expect(ix(f.childForFieldName(name)), `${where} field ${name}`).toBe(ix(r.childForFieldName(name)));
        expect(f.childrenForFieldName(name).map(ix), `${where} fields ${name}`).toEqual(r.childrenForFieldName(name).map(ix));
      }
      if (r.childCount > 0) {
        for (const types of [someTypes.slice(0, 3), someTypes.slice(3, 9), ['ERROR'], someTypes]) {
          expect(f.descendantsOfType(types).map(ix), `${where} descendants ${types.join(',')}`).toEqual(r.descendantsOfType(types).map(ix));
        }
      }
    }
    expect(flat.node(3 % flat.count)).toBe(flat.node(3 % flat.count));
    // a cursor from every node visits what web-tree-sitter's does, in the same order, and never leaves it
    for (let i = 0; i < real.length; i += Math.max(1, real.length >> 4)) {
      const rc = real[i]!.walk();
      const fc_ = flat.node(i).walk();
      try {
        const step = (name: string, a: boolean, b: boolean): boolean => {
          expect(a, `${name} from node ${i}`).toBe(b);
          return a;
        };
        for (let moves = 0; ; moves++) {
          expect([fc_.nodeType, fc_.startIndex, fc_.endIndex, fc_.nodeIsMissing && flat.hasError, ix(fc_.currentNode)]).toEqual([
            rc.nodeType,
            rc.startIndex,
            rc.endIndex,
            rc.nodeIsMissing && flat.hasError,
            ix(rc.currentNode),
          ]);
          if (moves % 7 === 3) {
            // gotoLastChild and back
            if (step('gotoLastChild', fc_.gotoLastChild(), rc.gotoLastChild())) {
              expect(ix(fc_.currentNode)).toBe(ix(rc.currentNode));
              step('gotoParent', fc_.gotoParent(), rc.gotoParent());
            }
          }
          if (step('gotoFirstChild', fc_.gotoFirstChild(), rc.gotoFirstChild())) continue;
          let done = false;
          while (!step('gotoNextSibling', fc_.gotoNextSibling(), rc.gotoNextSibling())) {
            if (!step('gotoParent', fc_.gotoParent(), rc.gotoParent())) {
              done = true;
              break;
            }
          }
          if (done) break;
        }
      } finally {
        rc.delete();
      }
    }
    return real.length;
  } finally {
    tree.delete();
  }
}

describe('FlatTree', () => {
  let bash: Parser;
  let terraform: Parser;
  beforeAll(async () => {
    bash = await createParser('bash');
    terraform = await createParser('terraform');
  });

  it('answers as the Node API does for the fixtures and examples', () => {
    const dirs = [join(ROOT, 'test', 'fixtures'), join(ROOT, 'examples')];
    const scripts = dirs.flatMap((d) => filesUnder(d, ['.sh']));
    const terraformFiles = dirs.flatMap((d) => filesUnder(d, ['.tf', '.tfvars']));
    expect(scripts.length).toBeGreaterThan(10);
    expect(terraformFiles.length).toBeGreaterThan(5);
    let nodes = 0;
    for (const f of scripts) nodes += compare(bash, readFileSync(f, 'utf8'));
    for (const f of terraformFiles) nodes += compare(terraform, readFileSync(f, 'utf8'));
    expect(nodes, `${scripts.map((f) => relative(ROOT, f)).length} files`).toBeGreaterThan(2000);
  });

  it('answers as the Node API does for error recovery, heredocs, CRLF and non-ASCII text', () => {
    for (const t of TRICKY) compare(bash, t);
    compare(terraform, 'resource "aws_instance" "x" {\r\n  ami = "ami-😀"\n  tags = { a = "ü" \n');
    compare(terraform, 'locals {\n  x = [for s in var.l : upper(s) if s != ""]\n  y = <<-EOT\n    ${var.a}\n  EOT\n}\n');
    // Error recovery moves a command's argument into an ERROR node: the cursor still reads its field, and
    // childrenForFieldName says so, while childForFieldName has no field of an ERROR node to give.
    compare(bash, 'if then fi fi\necho "unterminated\ntrap "rm -f /tmp/x" EXIT; eval "$CMD"');
    // the corpus does hold what error recovery makes
    expect(seen.errors).toBeGreaterThan(0);
    expect(seen.missing).toBeGreaterThan(0);
  });

  it('answers as the Node API does for random mixes of those lines', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TRICKY), { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n', '; '), (lines, sep) => {
        compare(bash, lines.join(sep));
      }),
      { seed: 20_261_126, numRuns: 60 },
    );
  });
});
