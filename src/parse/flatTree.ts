// A syntax tree copied out of wasm memory in one pass, with the part of web-tree-sitter's `Node` API the
// extractors use, answered from JavaScript arrays.
//
// Every property of a web-tree-sitter `Node` (its type, end, children, fields) is a call into wasm that
// first writes the node into a transfer buffer, and every node it returns is a new JavaScript object
// built from five words read back out. The shell extractor asks a few dozen such questions per command,
// and the extraction cost about twice the parse (BENCHMARKS.md, session 5: 885 against 465 ms for 1,500
// scripts, hot). Here one tree cursor steps through the whole tree once and four plain numbers are read per
// node (type, start, end, field; whether it is MISSING too when the tree has errors): 0.1–0.3 µs a node.
// Everything after that is array reads.
//
// The cursor is stepped through web-tree-sitter's own exported wasm functions (`_ts_tree_cursor_*_wasm`,
// which Emscripten puts on the module object `Parser.init` was given; see grammars.ts), without the
// `TreeCursor` wrapper, which writes the cursor into the transfer buffer before every call and reads it
// back after. Those functions read the cursor from the transfer buffer and write it back there, so as
// long as nothing else runs in between the buffer always holds the current cursor. The version of
// web-tree-sitter is pinned; test/parse/flatTree.test.ts compares every answer here with the `Node` API's
// on a corpus of scripts and Terraform, so an upgrade that changes any of this fails there first.

import type { Language, Tree } from 'web-tree-sitter';
import { wasmRuntime } from './grammars.js';

export interface Point {
  row: number;
  column: number;
}

/** Symbol id of ERROR nodes (tree-sitter's ts_builtin_sym_error). */
const ERROR_SYMBOL = 65535;

interface LanguageTables {
  types: readonly string[];
  named: Uint8Array;
  fields: readonly (string | null)[];
  symbolSets: Map<string, ReadonlySet<number>>;
}

const tablesOf = new WeakMap<Language, LanguageTables>();

function languageTables(language: Language): LanguageTables {
  let t = tablesOf.get(language);
  if (!t) {
    const named = new Uint8Array(language.types.length);
    for (let i = 0; i < named.length; i++) named[i] = language.nodeTypeIsNamed(i) ? 1 : 0;
    t = { types: language.types, named, fields: language.fields, symbolSets: new Map() };
    tablesOf.set(language, t);
  }
  return t;
}

/**
 * The nodes of one tree in pre-order (index 0 is the root), as parallel arrays. Holds no wasm memory:
 * the web-tree-sitter tree can be deleted as soon as this is built.
 */
export class FlatTree {
  readonly count: number;
  readonly typeId: Uint16Array;
  readonly start: Uint32Array;
  readonly end: Uint32Array;
  readonly field: Uint16Array;
  readonly parent: Int32Array;
  /** Index of the next sibling, or -1. */
  readonly next: Int32Array;
  /** Index just past the node's last descendant. */
  readonly after: Int32Array;
  /** MISSING nodes (inserted by error recovery); only filled in when the tree has errors. */
  readonly missing: Uint8Array | undefined;
  readonly hasError: boolean;
  private readonly tables: LanguageTables;
  private readonly nodes: (FlatNode | undefined)[];
  private lineStarts: number[] | undefined;

  constructor(
    tree: Tree,
    readonly text: string,
  ) {
    const root = tree.rootNode;
    this.hasError = root.hasError;
    this.tables = languageTables(tree.language);
    const size = Math.max(1, root.descendantCount);
    // one allocation for all the arrays (each typed array of its own would be a buffer of its own)
    const words = Uint32Array.BYTES_PER_ELEMENT * size;
    const buffer = new ArrayBuffer(words * 5 + 2 * Uint16Array.BYTES_PER_ELEMENT * size + (this.hasError ? size : 0));
    this.start = new Uint32Array(buffer, 0, size);
    this.end = new Uint32Array(buffer, words, size);
    this.parent = new Int32Array(buffer, words * 2, size);
    this.next = new Int32Array(buffer, words * 3, size).fill(-1);
    this.after = new Int32Array(buffer, words * 4, size);
    this.typeId = new Uint16Array(buffer, words * 5, size);
    this.field = new Uint16Array(buffer, words * 5 + 2 * size, size);
    this.missing = this.hasError ? new Uint8Array(buffer, words * 5 + 4 * size, size) : undefined;
    this.count = this.copy(tree, size);
    this.nodes = new Array<FlatNode | undefined>(this.count);
  }

  /** Steps one cursor over the whole tree (see the module comment) and fills the arrays. */
  private copy(tree: Tree, size: number): number {
    const w = wasmRuntime();
    const handle = (tree as unknown as { [0]: number })[0];
    const cursor = tree.walk();
    let n = 0;
    try {
      const { typeId, start, end, field, parent, next, after, missing } = this;
      // `p` is the parent of the node the cursor is on, `open` the parents of the nodes above it.
      const open: number[] = [];
      let p = -1;
      for (;;) {
        if (n === size) throw new Error(`the tree has more nodes than its root counts (${size})`);
        typeId[n] = w.typeId(handle);
        start[n] = w.startIndex(handle);
        end[n] = w.endIndex(handle);
        field[n] = w.fieldId(handle);
        parent[n] = p;
        if (missing) missing[n] = w.isMissing(handle);
        let me = n++;
        if (w.gotoFirstChild(handle)) {
          open.push(p);
          p = me;
          continue;
        }
        for (;;) {
          after[me] = n;
          if (w.gotoNextSibling(handle)) {
            next[me] = n;
            break;
          }
          if (open.length === 0 || !w.gotoParent(handle)) return n;
          me = p;
          p = open.pop()!;
        }
      }
    } finally {
      w.syncCursor(cursor);
      cursor.delete();
    }
  }

  /** The node at pre-order index i (one object per index, so nodes compare with ===). */
  node(i: number): FlatNode {
    return (this.nodes[i] ??= new FlatNode(this, i));
  }

  get rootNode(): FlatNode {
    return this.node(0);
  }

  walk(): FlatCursor {
    return new FlatCursor(this, 0);
  }

  typeName(i: number): string {
    return this.tables.types[this.typeId[i]!] ?? 'ERROR';
  }

  isNamed(i: number): boolean {
    const id = this.typeId[i]!;
    return id === ERROR_SYMBOL || this.tables.named[id] === 1;
  }

  fieldId(name: string): number {
    return this.tables.fields.indexOf(name);
  }

  /** Row and column (UTF-16 code units, as web-tree-sitter reports them for string input) of an index. */
  position(index: number): Point {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: index - starts[lo]! };
  }

  /** Symbol ids of the given type names (unknown names match nothing; 'ERROR' matches error nodes). */
  symbols(types: string | readonly string[]): ReadonlySet<number> {
    const wanted = typeof types === 'string' ? [types] : types;
    const key = wanted.join('\u0000');
    let out = this.tables.symbolSets.get(key);
    if (!out) {
      const ids = new Set<number>();
      const all = this.tables.types;
      for (let i = 0; i < all.length; i++) if (wanted.includes(all[i]!)) ids.add(i);
      if (wanted.includes('ERROR')) ids.add(ERROR_SYMBOL);
      this.tables.symbolSets.set(key, ids);
      out = ids;
    }
    return out;
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** One node of a FlatTree: the members of web-tree-sitter's `Node` that the extractors read. */
export class FlatNode {
  private kids: FlatNode[] | undefined;
  private namedKids: FlatNode[] | undefined;

  constructor(
    readonly tree: FlatTree,
    readonly index: number,
  ) {}

  get type(): string {
    return this.tree.typeName(this.index);
  }
  get isNamed(): boolean {
    return this.tree.isNamed(this.index);
  }
  get startIndex(): number {
    return this.tree.start[this.index]!;
  }
  get endIndex(): number {
    return this.tree.end[this.index]!;
  }
  get startPosition(): Point {
    return this.tree.position(this.tree.start[this.index]!);
  }
  get endPosition(): Point {
    return this.tree.position(this.tree.end[this.index]!);
  }
  get text(): string {
    return this.tree.text.slice(this.tree.start[this.index], this.tree.end[this.index]);
  }
  /** Whether the node is or holds an ERROR or MISSING node. */
  get hasError(): boolean {
    const t = this.tree;
    if (!t.hasError) return false;
    for (let i = this.index, stop = t.after[this.index]!; i < stop; i++) {
      if (t.typeId[i] === ERROR_SYMBOL || t.missing![i] === 1) return true;
    }
    return false;
  }
  get parent(): FlatNode | null {
    const p = this.tree.parent[this.index]!;
    return p < 0 ? null : this.tree.node(p);
  }
  get children(): FlatNode[] {
    if (!this.kids) {
      const kids: FlatNode[] = [];
      const t = this.tree;
      if (t.after[this.index]! > this.index + 1) {
        for (let c = this.index + 1; c >= 0; c = t.next[c]!) kids.push(t.node(c));
      }
      this.kids = kids;
    }
    return this.kids;
  }
  get namedChildren(): FlatNode[] {
    return (this.namedKids ??= this.children.filter((k) => k.isNamed));
  }
  get childCount(): number {
    return this.children.length;
  }
  get namedChildCount(): number {
    return this.namedChildren.length;
  }
  namedChild(i: number): FlatNode | null {
    return this.namedChildren[i] ?? null;
  }
  get firstNamedChild(): FlatNode | null {
    return this.namedChildren[0] ?? null;
  }
  get lastNamedChild(): FlatNode | null {
    const named = this.namedChildren;
    return named[named.length - 1] ?? null;
  }
  /**
   * The first child in field `name`. Never one of an ERROR node, as web-tree-sitter answers (tree-sitter's
   * ts_node_child_by_field_id: an ERROR node has no production to name fields), though a child that error
   * recovery moved into it still carries the field the cursor read from the hidden node it came in.
   */
  childForFieldName(name: string): FlatNode | null {
    if (this.tree.typeId[this.index] === ERROR_SYMBOL) return null;
    return this.childrenForFieldName(name)[0] ?? null;
  }
  /** The children in field `name`, as the cursor reads them (web-tree-sitter's childrenForFieldName does so too). */
  childrenForFieldName(name: string): FlatNode[] {
    const id = this.tree.fieldId(name);
    if (id <= 0) return [];
    const field = this.tree.field;
    return this.children.filter((k) => field[k.index] === id);
  }
  walk(): FlatCursor {
    return new FlatCursor(this.tree, this.index);
  }
  /** The node and its descendants of the given types, in pre-order (as web-tree-sitter's, the node itself included). */
  descendantsOfType(types: string | readonly string[]): FlatNode[] {
    const t = this.tree;
    const symbols = t.symbols(types);
    const out: FlatNode[] = [];
    for (let i = this.index, stop = t.after[this.index]!; i < stop; i++) {
      if (symbols.has(t.typeId[i]!)) out.push(t.node(i));
    }
    return out;
  }
}

/** web-tree-sitter's `TreeCursor`, over a FlatTree: it cannot leave the node it was made from. */
export class FlatCursor {
  private at: number;

  constructor(
    private readonly tree: FlatTree,
    private readonly root: number,
  ) {
    this.at = root;
  }

  get nodeType(): string {
    return this.tree.typeName(this.at);
  }
  get nodeIsMissing(): boolean {
    return this.tree.missing?.[this.at] === 1;
  }
  get startIndex(): number {
    return this.tree.start[this.at]!;
  }
  get endIndex(): number {
    return this.tree.end[this.at]!;
  }
  get currentNode(): FlatNode {
    return this.tree.node(this.at);
  }
  gotoFirstChild(): boolean {
    if (this.tree.after[this.at]! <= this.at + 1) return false;
    this.at++;
    return true;
  }
  gotoLastChild(): boolean {
    if (!this.gotoFirstChild()) return false;
    while (this.gotoNextSibling());
    return true;
  }
  gotoNextSibling(): boolean {
    if (this.at === this.root) return false;
    const next = this.tree.next[this.at]!;
    if (next < 0) return false;
    this.at = next;
    return true;
  }
  gotoParent(): boolean {
    if (this.at === this.root) return false;
    this.at = this.tree.parent[this.at]!;
    return true;
  }
}
