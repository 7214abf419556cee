// Loads the tree-sitter runtime and the wasm grammars once per process, only when a parser is needed.
// In the bundle the .wasm files sit next to dist/index.js; from source (tests) they come from node_modules,
// and the HCL grammar from grammars/hcl (the package's grammar, built with one change: its README.md).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Language, Parser } from 'web-tree-sitter';

export type GrammarName = 'bash' | 'terraform' | 'hcl';

const WASM_FILES: Record<GrammarName | 'runtime', { file: string; pkg?: string }> = {
  runtime: { file: 'web-tree-sitter.wasm', pkg: 'web-tree-sitter' },
  bash: { file: 'tree-sitter-bash.wasm', pkg: 'tree-sitter-bash' },
  terraform: { file: 'tree-sitter-terraform.wasm' },
  hcl: { file: 'tree-sitter-hcl.wasm' },
};

function wasmPath(name: GrammarName | 'runtime'): string {
  const { file, pkg } = WASM_FILES[name];
  const here = dirname(fileURLToPath(import.meta.url));
  // dist/index.js and dist/cli.js sit beside the wasm files; shared chunks sit one folder below.
  for (const bundled of [join(here, file), join(here, '..', file)]) if (existsSync(bundled)) return bundled;
  if (!pkg) {
    // From source (or a bundle of it elsewhere in the repository): the repository's grammars/hcl, above.
    let dir = here;
    while (!existsSync(join(dir, 'grammars', 'hcl', file)) && dirname(dir) !== dir) dir = dirname(dir);
    return join(dir, 'grammars', 'hcl', file);
  }
  // Resolve a file every package has ("main"/"exports" differ), then walk up to the package root.
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve(pkg));
  while (!existsSync(join(dir, file)) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, file);
}

let runtime: Promise<void> | undefined;
const languages = new Map<GrammarName, Promise<Language>>();

/**
 * V8 compiles wasm on its own threads and hands the result back through a task that Node's event loop does
 * not count: a run with nothing else pending could exit mid-compile, its `await` never settled. A timer
 * keeps the loop alive until the compile is done.
 */
async function keepingAlive<T>(work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => undefined, 60_000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/**
 * The Emscripten module object of the runtime. `Parser.init` hands its options object to Emscripten, which
 * uses it as the module and puts the wasm exports and memory views on it (flatTree.ts steps tree cursors
 * through those exports directly).
 */
const runtimeModule: Record<string, unknown> = { locateFile: () => wasmPath('runtime') };

function initRuntime(): Promise<void> {
  runtime ??= keepingAlive(() => Parser.init(runtimeModule));
  return runtime;
}

/** The tree-cursor functions of the loaded runtime, called with a tree's handle (see flatTree.ts). */
export interface WasmCursorCalls {
  typeId(tree: number): number;
  startIndex(tree: number): number;
  endIndex(tree: number): number;
  fieldId(tree: number): number;
  isMissing(tree: number): number;
  gotoFirstChild(tree: number): number;
  gotoNextSibling(tree: number): number;
  gotoParent(tree: number): number;
  /** Copies the cursor left in the transfer buffer back into the TreeCursor object, so that it can be deleted. */
  syncCursor(cursor: object): void;
}

let cursorCalls: WasmCursorCalls | undefined;

const CURSOR_EXPORTS = {
  typeId: '_ts_tree_cursor_current_node_type_id_wasm',
  startIndex: '_ts_tree_cursor_start_index_wasm',
  endIndex: '_ts_tree_cursor_end_index_wasm',
  fieldId: '_ts_tree_cursor_current_field_id_wasm',
  isMissing: '_ts_tree_cursor_current_node_is_missing_wasm',
  gotoFirstChild: '_ts_tree_cursor_goto_first_child_wasm',
  gotoNextSibling: '_ts_tree_cursor_goto_next_sibling_wasm',
  gotoParent: '_ts_tree_cursor_goto_parent_wasm',
} as const;

/** Only valid once a grammar has loaded (every tree comes from one). */
export function wasmRuntime(): WasmCursorCalls {
  if (cursorCalls) return cursorCalls;
  const m = runtimeModule;
  const missing = [...Object.values(CURSOR_EXPORTS), '_ts_init', 'HEAP32'].filter((k) => m[k] === undefined);
  if (missing.length > 0) {
    throw new Error(`web-tree-sitter's runtime does not expose ${missing.join(', ')}: this web-tree-sitter version is not the one deploy-guard pins`);
  }
  type Call = (tree: number) => number;
  const call = (k: keyof typeof CURSOR_EXPORTS): Call => m[CURSOR_EXPORTS[k]] as Call;
  // The transfer buffer's address; ts_init only writes two constants into it, so calling it again is harmless.
  const transfer = (m._ts_init as () => number)() >> 2;
  cursorCalls = {
    typeId: call('typeId'),
    startIndex: call('startIndex'),
    endIndex: call('endIndex'),
    fieldId: call('fieldId'),
    isMissing: call('isMissing'),
    gotoFirstChild: call('gotoFirstChild'),
    gotoNextSibling: call('gotoNextSibling'),
    gotoParent: call('gotoParent'),
    syncCursor(cursor: object): void {
      const heap = m.HEAP32 as Int32Array; // read each time: growing the wasm memory replaces the view
      const handles = (cursor as { handles: Int32Array | number[] }).handles;
      for (let i = 0; i < 4; i++) handles[i] = heap[transfer + i]!;
    },
  };
  return cursorCalls;
}

/**
 * Grammars compiled with V8's baseline wasm compiler (Liftoff) only. V8 recompiles a hot wasm function
 * with TurboFan on a background thread, and a process cannot exit before such a compile ends.
 * tree-sitter-bash's lexer is one 160 KB function that TurboFan takes over a second to compile, so a run
 * that parsed ten scripts waited that long at its end. Liftoff's code parses as fast (the same time for the
 * benchmark's 1,500 scripts). V8 fixes a module's tiers when it compiles the module, so the flag is set
 * for this load only; the runtime and the HCL grammar keep TurboFan (tree walks call them constantly).
 */
const BASELINE_ONLY: ReadonlySet<GrammarName> = new Set(['bash']);

async function compileLanguage(name: GrammarName): Promise<Language> {
  if (!BASELINE_ONLY.has(name)) return keepingAlive(() => Language.load(wasmPath(name)));
  setFlagsFromString('--liftoff-only');
  try {
    return await keepingAlive(() => Language.load(wasmPath(name)));
  } finally {
    setFlagsFromString('--no-liftoff-only');
  }
}

export async function loadLanguage(name: GrammarName): Promise<Language> {
  let language = languages.get(name);
  if (!language) {
    language = initRuntime().then(() => compileLanguage(name));
    languages.set(name, language);
  }
  return language;
}

/** A parser for one grammar. Parsers are cheap; callers may keep one per file kind. */
export async function createParser(name: GrammarName): Promise<Parser> {
  const language = await loadLanguage(name);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}
