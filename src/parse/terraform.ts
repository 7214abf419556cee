// Extracts what deploy-guard needs from Terraform (.tf, .tfvars), Terragrunt (*.hcl) and Packer
// (.pkr.hcl) files, with the real HCL grammar (tree-sitter-terraform): literal AMI ids, module
// calls, SSM parameter indirections, `aws_ami` lookups, embedded user-data / provisioner scripts
// (with a position map back into the file) and references to script files.
//
// Structure is read only from the syntax tree. One cursor walk over the whole tree keeps a small
// stack of frames (block / attribute / object element / string); the few interesting expressions
// (user_data, module source, provisioner inline, ...) are then read from their own small subtrees.
// Nothing recurses on the input's nesting: every descent is a cursor loop or an explicit stack.
import type { Parser, Tree } from 'web-tree-sitter';
// Node and TreeCursor are flatTree.ts's: the parse is copied out of wasm once and walked from JavaScript arrays.
import { FlatTree, type FlatCursor as TreeCursor, type FlatNode as Node } from './flatTree.js';
import { createParser } from './grammars.js';

// ---------------------------------------------------------------------------------------------
// Public API

export interface Pos {
  line: number;
  column: number;
} // 1-based, in the file

/** A literal string value (template without interpolation), position of its first char. */
export interface TfString {
  value: string;
  line: number;
  column: number;
}

export interface AmiReference {
  ami: string;
  line: number;
  column: number;
  /** 'ami' | 'image_id' | variable name | key path like 'locals.api_ami' or 'amis.us-east-1' */
  attribute: string;
  /** e.g. 'resource.aws_launch_template.api', 'variable.ami_id', 'locals', 'tfvars', 'terragrunt' */
  context: string;
}

export interface ModuleCall {
  /** module label; 'terragrunt' for a Terragrunt `terraform { source = ... }` block */
  name: string;
  /** as written; `${path.module}` / `${get_terragrunt_dir()}` become '.', other interpolations stay as written */
  source: string;
  version?: string;
  /** ?ref= of a git (or any URL-like) source */
  ref?: string;
  /** source starts with ./ or ../ */
  local: boolean;
  /** position of the `module` / `terraform` block */
  line: number;
  column: number;
  kind: 'module' | 'terragrunt';
  /** first character of the source value */
  sourcePos: Pos;
  /** first character of the version value */
  versionPos?: Pos;
  /** the source contains an interpolation that could not be resolved statically */
  dynamic?: boolean;
}

export interface SsmParameterRef {
  kind: 'data' | 'resolve' | 'resource';
  /** parameter name (for 'resolve': everything after `resolve:ssm:`, a `:version` suffix included) */
  name: string;
  /** resource aws_ssm_parameter literal value (or insecure_value) */
  value?: string;
  /** position of the name value (the block when a data/resource has no literal name) */
  line: number;
  column: number;
  /** 'data.aws_ssm_parameter.x' / 'resource.aws_ssm_parameter.x'; for 'resolve' the enclosing block */
  address: string;
  /** the name contains an interpolation (kept as written) */
  dynamic?: boolean;
}

export interface AmiLookup {
  /** data.aws_ami.<name> */
  name: string;
  mostRecent: boolean;
  owners: string[];
  /** position of the data block */
  line: number;
  column: number;
  nameRegex?: string;
  filters: { name: string; values: string[] }[];
}

/** Where a run of script text comes from. Segments never span a line of the script text. */
export interface ScriptSegment {
  /** offset (UTF-16 units) in EmbeddedScript.text where this run starts */
  offset: number;
  /** 1-based position in the file of the run's first character */
  line: number;
  column: number;
  /** the run is the interpolation placeholder; line/column point at the `${` */
  synthetic?: boolean;
}

export interface EmbeddedScript {
  /** user_data / user_data_base64 heredoc or string literal (also inside base64encode(), templatefile() is a file ref), a Packer provisioner "shell" inline line list */
  kind: 'heredoc' | 'string' | 'inline';
  /** the script text as it would be at runtime, `${...}` replaced by TF_INTERP_PLACEHOLDER, `$${` → `${`, `%%{` → `%{`, template directives removed */
  text: string;
  /** 1-based line in the .tf file of the first line of `text` */
  line: number;
  /** 1-based column of the first character of text on that line */
  column: number;
  /** 'resource.aws_launch_template.api.user_data', 'build.provisioner.shell.inline[0]' */
  context: string;
  /** position map; use mapScriptPosition() */
  segments: ScriptSegment[];
  /** what the text looks like: a shell script, a cloud-init document, MIME multipart, or Windows user data */
  format: 'shell' | 'cloud-config' | 'mime' | 'windows';
}

export interface ScriptFileRef {
  /** as written, relative to the .tf file's folder after replacing ${path.module} (and ${path.root}) with '.' */
  path: string;
  fn: 'file' | 'templatefile' | 'script' | 'scripts';
  line: number;
  column: number;
  context: string;
  /** found inside a user_data-like attribute (otherwise only script-looking paths are reported) */
  inUserData: boolean;
  /** the path contains an interpolation that could not be resolved statically */
  dynamic?: boolean;
}

export interface TerraformAnalysis {
  /** literal AMI ids anywhere: attributes ami/image_id, variable defaults, locals, tfvars, maps, aws_ssm_parameter values, any string literal matching the AMI pattern */
  amis: AmiReference[];
  modules: ModuleCall[];
  /** data "aws_ssm_parameter" names, "resolve:ssm:/x" strings, resource "aws_ssm_parameter" name+value */
  ssmParameters: SsmParameterRef[];
  /** data "aws_ami" */
  amiLookups: AmiLookup[];
  embeddedScripts: EmbeddedScript[];
  /** file("${path.module}/x.sh"), templatefile(...), Packer provisioner "shell" script / scripts */
  scriptFiles: ScriptFileRef[];
  /** first ≤10 ERROR / MISSING nodes */
  parseErrors: { line: number; column: number; message: string }[];
}

/** Stands in for every `${...}` interpolation in script text: a plain shell word. */
export const TF_INTERP_PLACEHOLDER = '__TF_INTERP__';

export const AMI_ID_PATTERN = /^ami-[0-9a-f]{8,17}$/;

const MAX_PARSE_ERRORS = 10;

/** The kinds of facts analyseTerraform extracts (every field of TerraformAnalysis but the parse errors). */
export type TerraformFactKind = 'amis' | 'modules' | 'ssmParameters' | 'amiLookups' | 'embeddedScripts' | 'scriptFiles';

/**
 * Per kind, words without which analyseTerraform finds no fact of that kind: an AMI id; the `source`
 * attribute of a module or Terragrunt block; `resolve:ssm:` or the aws_ssm_parameter label; the aws_ami
 * label; a user-data attribute, a provisioner, the cloudinit_config or template_file label; a file() /
 * filebase64() / templatefile() call or a provisioner's script(s). A `\u` or `\U` escape allows every kind:
 * a quoted string can spell any word with it (`"\u0061mi-…"`); HCL's other escapes (\n \r \t \" \\) spell
 * no letter, and heredocs have none (a shell line continuation in user data is just a backslash).
 */
const KIND_WORDS: Record<TerraformFactKind, RegExp> = {
  amis: /ami-/,
  modules: /(?<![\w-])source(?![\w-])/,
  ssmParameters: /resolve:ssm:|aws_ssm_parameter/,
  amiLookups: /aws_ami/,
  embeddedScripts: /user_data|provisioner|cloudinit_config|template_file/,
  scriptFiles: /file(?:base64)?\s*\(|provisioner/,
};

/**
 * KIND_WORDS and the \u escape as one Perl-compatible pattern for `git grep`, which matches line by line
 * and byte by byte: a line of a file that terraformFactKinds lets through has a match, so a file without
 * one holds no fact. Where a word cannot be told line by line it asks for less: `file(` may break its line
 * before the `(`, and JavaScript's \s also takes Unicode spaces, so `file` or `filebase64` followed by
 * anything but a word character is enough. A property test keeps the two in step.
 */
export const TERRAFORM_FACT_WORDS_PCRE = [
  'ami-',
  '(?<![A-Za-z0-9_-])source(?![A-Za-z0-9_-])',
  'resolve:ssm:',
  'aws_ssm_parameter',
  'aws_ami',
  'user_data',
  'provisioner',
  'cloudinit_config',
  'template_file',
  'file(?:base64)?(?![A-Za-z0-9_])',
  '\\\\[uU]',
].join('|');

/** A `\u`/`\U` escape: a quoted HCL string can spell any word with it, so text tests must let it through. */
export function hasUnicodeEscape(text: string): boolean {
  return /\\[uU]/.test(text);
}

/**
 * A quick test on the raw text, per kind: false means analyseTerraform would find no fact of that kind, so a
 * caller that needs only some kinds can skip the parse. Most .tf files of a large repository (resources,
 * IAM, alarms, outputs) hold none at all.
 */
export function terraformFactKinds(text: string): Record<TerraformFactKind, boolean> {
  const escapes = hasUnicodeEscape(text);
  const kinds = {} as Record<TerraformFactKind, boolean>;
  for (const kind of Object.keys(KIND_WORDS) as TerraformFactKind[]) kinds[kind] = escapes || KIND_WORDS[kind].test(text);
  return kinds;
}

/**
 * False means no SSM parameter the file holds is one it reads (`resolve:ssm:` or a `data "aws_ssm_parameter"`
 * block): only parameters it writes (`resource "aws_ssm_parameter"`), if any. A block's type is an identifier,
 * which no escape can spell, so a data block needs the word `data`; a string can spell `resolve:ssm:` with \u
 * escapes (the extractor reads the value they make), so a text with one may read.
 */
export function mayReadSsmParameters(text: string): boolean {
  return hasUnicodeEscape(text) || SSM_READ_WORDS.test(text);
}

const SSM_READ_WORDS = /resolve:ssm:|(?<![\w-])data(?![\w-])/;

/** False means the file holds no fact analyseTerraform extracts (only parse errors would come of a parse). */
export function mayHoldTerraformFacts(text: string): boolean {
  return anyFactKind(terraformFactKinds(text));
}

/** mayHoldTerraformFacts for kinds terraformFactKinds already gave. */
export function anyFactKind(kinds: Record<TerraformFactKind, boolean>): boolean {
  return Object.values(kinds).some(Boolean);
}

/** Analyse one .tf, .tfvars, terragrunt.hcl or .pkr.hcl file. Never throws. */
export async function analyseTerraform(
  text: string,
  options?: { fileName?: string },
): Promise<TerraformAnalysis> {
  let parser: Parser;
  try {
    parser = await getParser();
  } catch (error) {
    const result = emptyAnalysis();
    result.parseErrors.push({ line: 1, column: 1, message: `HCL grammar unavailable: ${errorMessage(error)}` });
    return result;
  }
  return analyseTerraformWith(parser, text, options);
}

/** The HCL parser analyseTerraformWith needs; loaded once per process. */
export function loadTerraformParser(): Promise<Parser> {
  return getParser();
}

/** An analysis with no facts and no parse errors. */
export function emptyAnalysis(): TerraformAnalysis {
  return { amis: [], modules: [], ssmParameters: [], amiLookups: [], embeddedScripts: [], scriptFiles: [], parseErrors: [] };
}

/** analyseTerraform with a loaded parser, synchronously (for facts parsed on first use). Never throws. */
export function analyseTerraformWith(parser: Parser, text: string, options?: { fileName?: string }): TerraformAnalysis {
  const result = emptyAnalysis();
  if (typeof text !== 'string') {
    result.parseErrors.push({ line: 1, column: 1, message: 'input is not text' });
    return result;
  }
  try {
    const flat = flatParse(parser, text, (tree) => tree.rootNode.hasError || mayHoldTerraformFacts(text));
    if (flat === null) {
      result.parseErrors.push({ line: 1, column: 1, message: 'the HCL parser returned no tree' });
      return result;
    }
    // Without a word any fact needs, the walk could only report parse errors, and a tree without an ERROR
    // or MISSING node has none: most files of a repository need no walk at all.
    if (flat) new Extractor(text, terraformDialect(options?.fileName), result).run(flat);
  } catch (error) {
    // A bug here must not take the whole run down; report it where the caller looks for problems.
    parserPromise = undefined; // the wasm instance may be in a bad state: take a fresh parser next time
    result.parseErrors.push({ line: 1, column: 1, message: `internal error while analysing: ${errorMessage(error)}` });
  }
  sortByPosition(result.amis);
  sortByPosition(result.modules);
  sortByPosition(result.ssmParameters);
  sortByPosition(result.amiLookups);
  sortByPosition(result.embeddedScripts);
  sortByPosition(result.scriptFiles);
  return result;
}

/**
 * Maps a 1-based position in `script.text` back to the file the script was embedded in.
 * Positions inside an interpolation placeholder map to its `${`. Out-of-range input is clamped.
 */
export function mapScriptPosition(
  script: Pick<EmbeddedScript, 'text' | 'segments' | 'line' | 'column'>,
  line: number,
  column: number,
): Pos {
  const segments = script.segments;
  if (segments.length === 0) return { line: script.line, column: script.column };
  const starts = scriptLineStarts(script.text, segments);
  const lineIndex = Math.min(Math.max(Math.trunc(line) - 1, 0), starts.length - 1);
  const lineStart = starts[lineIndex] ?? 0;
  const lineEnd = lineIndex + 1 < starts.length ? (starts[lineIndex + 1] ?? script.text.length) - 1 : script.text.length;
  const offset = Math.min(Math.max(lineStart + Math.trunc(column) - 1, lineStart), Math.max(lineEnd, lineStart));
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((segments[mid]?.offset ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  const seg = segments[lo];
  if (!seg) return { line: script.line, column: script.column };
  if (seg.synthetic) return { line: seg.line, column: seg.column };
  return { line: seg.line, column: seg.column + Math.max(0, offset - seg.offset) };
}

export interface RenderedTemplate {
  /** the rendered text: interpolations replaced by TF_INTERP_PLACEHOLDER, escapes undone, directives removed */
  text: string;
  /** positions refer to the template file itself */
  segments: ScriptSegment[];
  parseErrors: { line: number; column: number; message: string }[];
}

/**
 * Renders a templatefile() template (e.g. user-data.sh.tpl) the way analyseTerraform renders an
 * inline heredoc, so the shell analysis can run on it and map findings back to the template.
 * Never throws.
 */
export async function renderTemplateFile(text: string): Promise<RenderedTemplate> {
  const out: RenderedTemplate = { text: '', segments: [], parseErrors: [] };
  if (typeof text !== 'string') return out;
  let marker = 'DG_TEMPLATE_END';
  for (let i = 0; text.includes(marker); i++) marker = `DG_TEMPLATE_END_${i}`;
  const body = text.endsWith('\n') || text.length === 0 ? text : `${text}\n`;
  const wrapped = `x = <<${marker}\n${body}${marker}\n`;
  let parser: Parser;
  try {
    parser = await getParser();
  } catch (error) {
    out.parseErrors.push({ line: 1, column: 1, message: `HCL grammar unavailable: ${errorMessage(error)}` });
    return out;
  }
  try {
    const tree = flatParse(parser, wrapped, () => true);
    if (!tree) return out;
    const heredoc = findFirst(tree.rootNode, 'heredoc_template');
    const lines = new LineIndex(wrapped);
    collectErrors(tree.rootNode, wrapped, lines, out.parseErrors, -1);
    for (const e of out.parseErrors) if (e.line < 1) e.line = 1;
    if (!heredoc) return out;
    const rendered = renderTemplate(wrapped, heredoc, () => TF_INTERP_PLACEHOLDER);
    let len = rendered.text.length;
    if (!text.endsWith('\n') && text.length > 0 && rendered.text.endsWith('\n')) len -= 1;
    out.text = rendered.text.slice(0, len);
    out.segments = buildSegments(out.text, rendered.src, lines).map((s) => ({ ...s, line: s.line - 1 }));
  } catch (error) {
    parserPromise = undefined;
    out.parseErrors.push({ line: 1, column: 1, message: `internal error while rendering: ${errorMessage(error)}` });
  }
  return out;
}

/**
 * Parses text and, when `wanted` says the tree will be walked, copies it out of wasm (flatTree.ts); the wasm
 * tree is freed either way. null when the parser returned no tree, false when the tree was not wanted.
 */
function flatParse(parser: Parser, text: string, wanted: (tree: Tree) => boolean): FlatTree | null | false {
  const tree = parser.parse(text);
  if (!tree) return null;
  try {
    return wanted(tree) ? new FlatTree(tree, text) : false;
  } finally {
    tree.delete();
  }
}

// ---------------------------------------------------------------------------------------------
// Parser cache: one parser per process (the terraform dialect also reads Packer and Terragrunt
// files: same node types as the plain HCL grammar for everything used here).

let parserPromise: Promise<Parser> | undefined;

function getParser(): Promise<Parser> {
  if (!parserPromise) {
    const p = createParser('terraform');
    parserPromise = p;
    p.catch(() => {
      if (parserPromise === p) parserPromise = undefined;
    });
  }
  return parserPromise;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sortByPosition(items: { line: number; column: number }[]): void {
  items.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * The dialect a file is read in, from its name: the only thing the name changes in an analysis, so two files
 * with the same text and dialect have the same analysis (the analysis pool keys Terraform jobs by it).
 */
export function terraformDialect(fileName: string | undefined): 'tfvars' | 'packer' | 'terragrunt' | 'terraform' {
  if (!fileName) return 'tfvars';
  const base = fileName.replace(/\\/g, '/').split('/').pop()?.toLowerCase() ?? '';
  if (base.endsWith('.tfvars') || base.endsWith('.tfvars.json') || base.endsWith('.pkrvars.hcl')) return 'tfvars';
  if (base.endsWith('.pkr.hcl') || base.endsWith('.pkr.json')) return 'packer';
  if (base.endsWith('.hcl')) return 'terragrunt';
  if (base.endsWith('.tf') || base.endsWith('.tf.json')) return 'terraform';
  return 'tfvars';
}

// ---------------------------------------------------------------------------------------------
// Positions

class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  /** 1-based line/column of a UTF-16 offset (tree-sitter's columns are UTF-16 units too). */
  pos(index: number): Pos {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: index - (starts[lo] ?? 0) + 1 };
  }
}

/** line starts of script texts, cached per segments array (one per script) */
const scriptLines = new WeakMap<object, { text: string; starts: number[] }>();
function scriptLineStarts(text: string, key: object): number[] {
  const cached = scriptLines.get(key);
  if (cached && cached.text === text) return cached.starts;
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  scriptLines.set(key, { text, starts });
  return starts;
}

// ---------------------------------------------------------------------------------------------
// Template rendering (quoted templates and heredocs), following hclsyntax: strip markers trim the
// adjacent literal token, `<<-` removes the smallest indentation of the line-leading literals
// (blank lines ignored), heredoc literals are split per line, backslash escapes only in quotes.

interface Hole {
  start: number;
  end: number;
  interp: boolean;
  stripBefore: boolean;
  stripAfter: boolean;
  exprStart: number;
  exprEnd: number;
}

interface LitTok {
  lit: true;
  val: string;
  src: number[];
}
type Tok = LitTok | { lit: false; hole: Hole };

interface Rendered {
  text: string;
  /** source offset of every text unit; negative (-1 - holeStart) for placeholder units */
  src: number[];
  /** some interpolation was kept/replaced rather than resolved */
  dynamic: boolean;
  contentStart: number;
  heredoc: boolean;
}

const CTRL_TYPES = new Set([
  'template_if_intro',
  'template_else_intro',
  'template_if_end',
  'template_for_start',
  'template_for_end',
]);

function holeFromCursor(c: TreeCursor, interp: boolean): Hole {
  const hole: Hole = {
    start: c.startIndex,
    end: c.endIndex,
    interp,
    stripBefore: false,
    stripAfter: false,
    exprStart: -1,
    exprEnd: -1,
  };
  if (c.gotoFirstChild()) {
    let i = 0;
    let prev = '';
    do {
      const t = c.nodeType;
      if (t === 'strip_marker' && i === 1) hole.stripBefore = true;
      if ((t === 'template_interpolation_end' || t === 'template_directive_end') && prev === 'strip_marker' && i > 2) {
        hole.stripAfter = true;
      }
      if (t === 'expression' && hole.exprStart < 0) {
        hole.exprStart = c.startIndex;
        hole.exprEnd = c.endIndex;
      }
      prev = t;
      i++;
    } while (c.gotoNextSibling());
    c.gotoParent();
  }
  return hole;
}

interface TemplateParts {
  cs: number;
  ce: number;
  heredoc: boolean;
  flush: boolean;
  quoted: boolean;
  holes: Hole[];
}

/** Reads the content range and the holes (interpolations, directive markers) of a template node. */
function templateParts(text: string, node: Node): TemplateParts {
  const parts: TemplateParts = { cs: -1, ce: -1, heredoc: false, flush: false, quoted: true, holes: [] };
  let openIdEnd = -1;
  let closeIdStart = -1;
  const c = node.walk();
  if (!c.gotoFirstChild()) {
    parts.cs = node.startIndex;
    parts.ce = node.endIndex;
    return parts;
  }
  let depth = 1;
  outer: for (;;) {
    const t = c.nodeType;
    let descend = false;
    if (depth === 1) {
      switch (t) {
        case 'quoted_template_start':
          parts.cs = c.endIndex;
          break;
        case 'quoted_template_end':
          if (parts.ce < 0) parts.ce = c.startIndex;
          break;
        case 'heredoc_start':
          parts.heredoc = true;
          parts.quoted = false;
          parts.flush = c.endIndex - c.startIndex === 3;
          break;
        case 'heredoc_identifier':
          if (openIdEnd < 0) openIdEnd = c.endIndex;
          else closeIdStart = c.startIndex;
          break;
      }
    }
    if (t === 'template_interpolation') parts.holes.push(holeFromCursor(c, true));
    else if (CTRL_TYPES.has(t)) parts.holes.push(holeFromCursor(c, false));
    else if (t === 'template_directive' || t === 'template_if' || t === 'template_for') descend = true;
    if (descend && c.gotoFirstChild()) {
      depth++;
      continue;
    }
    for (;;) {
      if (c.gotoNextSibling()) continue outer;
      if (depth <= 1 || !c.gotoParent()) break outer;
      depth--;
    }
  }
  if (parts.heredoc) {
    const nl = openIdEnd >= 0 ? text.indexOf('\n', openIdEnd) : -1;
    parts.cs = nl < 0 || nl >= node.endIndex ? node.endIndex : nl + 1;
    parts.ce = closeIdStart >= 0 ? text.lastIndexOf('\n', closeIdStart - 1) + 1 : node.endIndex;
  } else {
    if (parts.cs < 0) parts.cs = Math.min(node.startIndex + 1, node.endIndex);
    if (parts.ce < 0) parts.ce = node.endIndex;
  }
  if (parts.ce < parts.cs) parts.ce = parts.cs;
  return parts;
}

function isHclSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

function leadingSpaces(val: string): number {
  let i = 0;
  while (i < val.length && isHclSpace(val.charCodeAt(i))) i++;
  return i;
}

function trailingSpacesStart(val: string): number {
  let i = val.length;
  while (i > 0 && isHclSpace(val.charCodeAt(i - 1))) i--;
  return i;
}

function hexValue(text: string, from: number, count: number, end: number): number {
  if (from + count > end) return -1;
  let v = 0;
  for (let k = 0; k < count; k++) {
    const d = parseInt(text.charAt(from + k), 16);
    if (Number.isNaN(d)) return -1;
    v = v * 16 + d;
  }
  return v;
}

/** Unescapes [a, b) of the source as one literal token: `$${`/`%%{` always, backslashes only when quoted. */
function unescapeRange(text: string, a: number, b: number, quoted: boolean): LitTok {
  let val = '';
  const src: number[] = [];
  let i = a;
  while (i < b) {
    const ch = text.charCodeAt(i);
    if ((ch === 0x24 || ch === 0x25) && i + 2 < b && text.charCodeAt(i + 1) === ch && text.charCodeAt(i + 2) === 0x7b) {
      val += text[i + 1]! + '{';
      src.push(i + 1, i + 2);
      i += 3;
      continue;
    }
    if (quoted && ch === 0x5c && i + 1 < b) {
      const n = text[i + 1];
      let out: string | undefined;
      let len = 2;
      switch (n) {
        case 'n':
          out = '\n';
          break;
        case 'r':
          out = '\r';
          break;
        case 't':
          out = '\t';
          break;
        case '"':
          out = '"';
          break;
        case '\\':
          out = '\\';
          break;
        case 'u': {
          const v = hexValue(text, i + 2, 4, b);
          if (v >= 0) {
            out = String.fromCharCode(v);
            len = 6;
          }
          break;
        }
        case 'U': {
          const v = hexValue(text, i + 2, 8, b);
          if (v >= 0 && v <= 0x10ffff) {
            out = String.fromCodePoint(v);
            len = 10;
          }
          break;
        }
      }
      if (out !== undefined) {
        val += out;
        for (let k = 0; k < out.length; k++) src.push(i);
        i += len;
        continue;
      }
    }
    val += text[i]!;
    src.push(i);
    i++;
  }
  return { lit: true, val, src };
}

/** Fast path for plain string literals in the main walk. */
function literalValue(text: string, a: number, b: number): string {
  const raw = text.slice(a, b);
  if (raw.indexOf('\\') < 0 && raw.indexOf('{') < 0) return raw;
  return unescapeRange(text, a, b, true).val;
}

function trimTok(tok: LitTok, from: number, to: number): void {
  if (from === 0 && to === tok.val.length) return;
  tok.val = tok.val.slice(from, to);
  tok.src = tok.src.slice(from, to);
}

/**
 * Renders a string_lit / quoted_template / heredoc_template node. `holeText` gives the text that
 * stands for an interpolation (directive markers render as nothing, like a taken branch).
 */
function renderTemplate(text: string, node: Node, holeText: (hole: Hole) => string | undefined): Rendered {
  const parts = templateParts(text, node);
  const toks: Tok[] = [];
  const addLiteral = (a: number, b: number): void => {
    if (b <= a) return;
    if (!parts.heredoc) {
      toks.push(unescapeRange(text, a, b, parts.quoted));
      return;
    }
    let s = a;
    while (s < b) {
      const nl = text.indexOf('\n', s);
      const e = nl < 0 || nl >= b ? b : nl + 1;
      toks.push(unescapeRange(text, s, e, false));
      s = e;
    }
  };
  let pos = parts.cs;
  for (const hole of parts.holes) {
    if (hole.start < pos || hole.end > parts.ce) continue;
    addLiteral(pos, hole.start);
    toks.push({ lit: false, hole });
    pos = hole.end;
  }
  addLiteral(pos, parts.ce);

  // strip markers
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.lit) continue;
    const prev = toks[i - 1];
    if (t.hole.stripBefore && prev?.lit) trimTok(prev, 0, trailingSpacesStart(prev.val));
    const next = toks[i + 1];
    if (t.hole.stripAfter && next?.lit) trimTok(next, leadingSpaces(next.val), next.val.length);
  }

  // flush heredoc (<<-)
  if (parts.flush) {
    let min = Number.POSITIVE_INFINITY;
    let newline = true;
    const adjust: LitTok[] = [];
    for (const t of toks) {
      if (newline) {
        newline = false;
        let spaces = 0;
        if (t.lit) {
          const lead = leadingSpaces(t.val);
          if (lead === t.val.length && t.val.endsWith('\n')) spaces = Number.POSITIVE_INFINITY;
          else {
            spaces = [...t.val.slice(0, lead)].length;
            adjust.push(t);
          }
        }
        if (spaces < min) min = spaces;
      }
      if (t.lit && t.val.endsWith('\n')) newline = true;
    }
    if (Number.isFinite(min) && min > 0) {
      for (const t of adjust) {
        let cut = 0;
        for (let k = 0; k < min && cut < t.val.length; k++) cut += (t.val.codePointAt(cut) ?? 0) > 0xffff ? 2 : 1;
        trimTok(t, cut, t.val.length);
      }
    }
  }

  let out = '';
  const src: number[] = [];
  let dynamic = false;
  for (const t of toks) {
    if (t.lit) {
      out += t.val;
      for (const s of t.src) src.push(s);
      continue;
    }
    if (!t.hole.interp) continue;
    let s = holeText(t.hole);
    if (s === undefined) {
      dynamic = true;
      s = text.slice(t.hole.start, t.hole.end);
    }
    out += s;
    for (let k = 0; k < s.length; k++) src.push(-1 - t.hole.start);
  }
  return { text: out, src, dynamic, contentStart: parts.cs, heredoc: parts.heredoc };
}

function buildSegments(out: string, src: number[], lines: LineIndex): ScriptSegment[] {
  const segments: ScriptSegment[] = [];
  for (let i = 0; i < out.length; i++) {
    const s = src[i] ?? 0;
    const prev = i > 0 ? (src[i - 1] ?? 0) : 0;
    let fresh = i === 0 || out.charCodeAt(i - 1) === 0x0a;
    if (!fresh) fresh = s < 0 ? s !== prev : s !== prev + 1 || prev < 0;
    if (!fresh) continue;
    const p = lines.pos(s < 0 ? -1 - s : s);
    segments.push(s < 0 ? { offset: i, line: p.line, column: p.column, synthetic: true } : { offset: i, ...p });
  }
  return segments;
}

function scriptFormat(textValue: string): EmbeddedScript['format'] {
  const head = textValue.slice(leadingSpaces(textValue), leadingSpaces(textValue) + 200).toLowerCase();
  if (head.startsWith('#cloud-config')) return 'cloud-config';
  if (head.startsWith('content-type: multipart') || head.startsWith('mime-version:')) return 'mime';
  if (head.startsWith('<powershell>') || head.startsWith('<script>') || head.startsWith('<persist>')) return 'windows';
  return 'shell';
}

/** Substitutions for values that name files or module folders. */
function pathHole(text: string, hole: Hole): string | undefined {
  if (hole.exprStart < 0) return undefined;
  const expr = text.slice(hole.exprStart, hole.exprEnd);
  if (expr === 'path.module' || expr === 'path.root' || expr === 'get_terragrunt_dir()') return '.';
  return undefined;
}

function findFirst(root: Node, type: string): Node | null {
  const c = root.walk();
  for (;;) {
    if (c.nodeType === type) return c.currentNode;
    if (c.gotoFirstChild()) continue;
    while (!c.gotoNextSibling()) if (!c.gotoParent()) return null;
  }
}

function missingName(type: string): string {
  switch (type) {
    case 'quoted_template_end':
    case 'quoted_template_start':
      return '"';
    case 'block_end':
    case 'object_end':
    case 'template_interpolation_end':
    case 'template_directive_end':
      return '}';
    case 'tuple_end':
      return ']';
    case 'heredoc_identifier':
      return 'heredoc terminator';
    default:
      return type;
  }
}

function errorEntry(c: TreeCursor, text: string, lines: LineIndex, lineShift: number) {
  const p = lines.pos(c.startIndex);
  let message: string;
  if (c.nodeIsMissing) message = `syntax error: missing ${JSON.stringify(missingName(c.nodeType))}`;
  else {
    let snippet = text.slice(c.startIndex, Math.min(c.endIndex, c.startIndex + 40));
    const nl = snippet.indexOf('\n');
    if (nl >= 0) snippet = snippet.slice(0, nl);
    message = snippet ? `syntax error: unexpected ${JSON.stringify(snippet)}` : 'syntax error';
  }
  return { line: p.line + lineShift, column: p.column, message };
}

function collectErrors(
  root: Node,
  text: string,
  lines: LineIndex,
  out: RenderedTemplate['parseErrors'],
  lineShift: number,
): void {
  if (!root.hasError) return;
  const c = root.walk();
  for (;;) {
    if ((c.nodeType === 'ERROR' || c.nodeIsMissing) && out.length < MAX_PARSE_ERRORS) {
      out.push(errorEntry(c, text, lines, lineShift));
    }
    if (c.gotoFirstChild()) continue;
    while (!c.gotoNextSibling()) if (!c.gotoParent()) return;
  }
}

// ---------------------------------------------------------------------------------------------
// The walk

type Special =
  | 'none'
  | 'module'
  | 'terragrunt'
  | 'amiLookup'
  | 'amiFilter'
  | 'ssmData'
  | 'ssmResource'
  | 'provisioner'
  | 'cloudinitPart'
  | 'templateFile';

interface BlockFrame {
  k: 'block';
  depth: number;
  start: number;
  type: string;
  labels: string[];
  header: boolean;
  nesting: number;
  special: Special;
  module?: { source?: Rendered & { start: number }; version?: string; versionStart?: number };
  lookup?: AmiLookup;
  filter?: { name: string; values: string[] };
  ssm?: { name?: string; nameStart?: number; dynamic?: boolean; value?: string };
}
interface AttrFrame {
  k: 'attr';
  depth: number;
  name: string;
  handled: boolean;
  userData: boolean;
}
interface ElemFrame {
  k: 'elem';
  depth: number;
  key: string | null;
  inVal: boolean;
}
interface StrFrame {
  k: 'str';
  depth: number;
  start: number;
  cs: number;
  ce: number;
  template: boolean;
}
type Frame = BlockFrame | AttrFrame | ElemFrame | StrFrame;

const FILE_FUNCTIONS = new Set(['file', 'filebase64', 'templatefile']);
/** functions a user-data script may be wrapped in without changing what runs */
const SCRIPT_WRAPPERS = new Set(['base64encode', 'base64gzip', 'textencodebase64', 'trimspace', 'chomp']);
const SCRIPT_PATH = /\.(sh|bash|ksh|zsh|ps1)(\.(tpl|tftpl|tmpl|j2))?$/i;
/** text-changing wrapper functions around a script, innermost first */
type FnChain = { name: string; outer: FnChain } | null;

function isUserDataName(name: string): boolean {
  return name === 'user_data' || name === 'user_data_base64' || name.endsWith('_user_data');
}

function unwrap(node: Node | null): Node | null {
  let n = node;
  for (let guard = 0; n && guard < 64; guard++) {
    if ((n.type === 'expression' || n.type === 'literal_value' || n.type === 'template_expr') && n.namedChildCount === 1) {
      n = n.namedChild(0);
    } else break;
  }
  return n;
}

function tupleElements(node: Node | null): Node[] {
  const n = unwrap(node);
  if (!n || n.type !== 'collection_value') return [];
  const tuple = n.namedChild(0);
  if (!tuple || tuple.type !== 'tuple') return [];
  return tuple.namedChildren.filter((c) => c.type === 'expression');
}

class Extractor {
  private readonly lines: LineIndex;
  private readonly frames: Frame[] = [];
  private readonly types: string[] = [];
  private readonly fnNames: string[] = [];
  /** block frames currently on the stack */
  private blockCount = 0;

  constructor(
    private readonly text: string,
    private readonly fileCtx: string,
    private readonly out: TerraformAnalysis,
  ) {
    this.lines = new LineIndex(text);
  }

  run(tree: FlatTree): void {
    const c = tree.walk();
    const checkErrors = tree.hasError;
    let depth = 0;
    let descend = this.enter(c, 0, checkErrors);
    outer: for (;;) {
      if (descend && c.gotoFirstChild()) {
        depth++;
        descend = this.enter(c, depth, checkErrors);
        continue;
      }
      for (;;) {
        if (c.gotoNextSibling()) {
          descend = this.enter(c, depth, checkErrors);
          continue outer;
        }
        if (!c.gotoParent()) break outer;
        depth--;
      }
    }
    this.popTo(0);
  }

  // -- frames -----------------------------------------------------------------------------------

  private popTo(depth: number): void {
    const frames = this.frames;
    while (frames.length > 0 && frames[frames.length - 1]!.depth >= depth) {
      const f = frames.pop()!;
      if (f.k === 'str') this.finishString(f);
      else if (f.k === 'block') {
        this.blockCount--;
        this.finishBlock(f);
      }
    }
  }

  private parentFrame(depth: number): Frame | undefined {
    const top = this.frames[this.frames.length - 1];
    return top && top.depth === depth - 1 ? top : undefined;
  }

  private error(c: TreeCursor): void {
    if (this.out.parseErrors.length < MAX_PARSE_ERRORS) this.out.parseErrors.push(errorEntry(c, this.text, this.lines, 0));
  }

  /** Handles the cursor's node on the way down; returns whether its children matter. */
  private enter(c: TreeCursor, depth: number, checkErrors: boolean): boolean {
    this.popTo(depth);
    const type = c.nodeType;
    this.types[depth] = type;
    if (checkErrors && (type === 'ERROR' || c.nodeIsMissing)) this.error(c);
    switch (type) {
      case 'block': {
        const nesting = this.blockCount++;
        this.frames.push({ k: 'block', depth, start: c.startIndex, type: '', labels: [], header: true, nesting, special: 'none' });
        return true;
      }
      case 'attribute':
        this.frames.push({ k: 'attr', depth, name: '', handled: false, userData: false });
        return true;
      case 'object_elem':
        this.frames.push({ k: 'elem', depth, key: null, inVal: false });
        return true;
      case 'string_lit': {
        // a literal string has no structure below it: read the closing quote and move on
        const frame: StrFrame = { k: 'str', depth, start: c.startIndex, cs: c.startIndex + 1, ce: c.endIndex, template: false };
        if (c.gotoLastChild()) {
          if (c.nodeType === 'quoted_template_end') {
            frame.ce = c.startIndex;
            if (checkErrors && c.nodeIsMissing) this.error(c);
          }
          c.gotoParent();
        }
        this.frames.push(frame);
        return checkErrors;
      }
      case 'quoted_template':
        this.frames.push({ k: 'str', depth, start: c.startIndex, cs: -1, ce: -1, template: true });
        return true;
      case 'identifier': {
        const parentType = this.types[depth - 1];
        if (parentType === 'function_call') {
          this.fnNames[depth - 1] = this.text.slice(c.startIndex, c.endIndex);
          return false;
        }
        const parent = this.parentFrame(depth);
        if (!parent) return false;
        const name = this.text.slice(c.startIndex, c.endIndex);
        if (parent.k === 'block' && parent.header) {
          if (parent.type === '') parent.type = name;
          else parent.labels.push(name);
        } else if (parent.k === 'attr' && parent.name === '') parent.name = name;
        return false;
      }
      case 'quoted_template_start': {
        const parent = this.parentFrame(depth);
        if (parent?.k === 'str') parent.cs = c.endIndex;
        return checkErrors;
      }
      case 'quoted_template_end': {
        const parent = this.parentFrame(depth);
        if (parent?.k === 'str' && parent.ce < 0) parent.ce = c.startIndex;
        return checkErrors;
      }
      case 'block_start': {
        const parent = this.parentFrame(depth);
        if (parent?.k === 'block' && parent.header) {
          parent.header = false;
          this.classify(parent);
        }
        return checkErrors;
      }
      case 'function_arguments': {
        if (this.types[depth - 1] !== 'function_call') return true;
        const fn = this.fnNames[depth - 1] ?? '';
        if (FILE_FUNCTIONS.has(fn)) this.fileFunction(fn, c.currentNode);
        return true;
      }
      case 'expression': {
        const parent = this.parentFrame(depth);
        if (!parent) return true;
        if (parent.k === 'attr' && !parent.handled) {
          parent.handled = true;
          this.attributeValue(parent, c);
        } else if (parent.k === 'elem') {
          if (parent.key === null) {
            let key = this.text.slice(c.startIndex, c.endIndex);
            if (key.length >= 2 && key.startsWith('"') && key.endsWith('"') && !key.includes('${')) {
              key = literalValue(this.text, c.startIndex + 1, c.endIndex - 1);
            }
            parent.key = key;
          } else parent.inVal = true;
        }
        return true;
      }
      case 'variable_expr':
      case 'get_attr':
      case 'numeric_lit':
      case 'bool_lit':
      case 'null_lit':
      case 'template_literal':
      case 'comment':
      case 'block_end':
      case 'tuple_start':
      case 'tuple_end':
      case 'object_start':
      case 'object_end':
      case 'heredoc_start':
      case 'heredoc_identifier':
      case 'strip_marker':
      case 'legacy_index':
      case 'template_interpolation_start':
      case 'template_interpolation_end':
      case 'template_directive_start':
      case 'template_directive_end':
        return checkErrors;
      default:
        return true;
    }
  }

  // -- locations ----------------------------------------------------------------------------------

  private location(): { context: string; attribute: string; full: string } {
    let top: BlockFrame | undefined;
    const inner: string[] = [];
    const full: string[] = [];
    for (const f of this.frames) {
      if (f.k === 'block') {
        full.push(f.type, ...f.labels);
        if (!top) top = f;
        else inner.push(f.type, ...f.labels);
      } else if (f.k === 'attr') {
        if (f.name) {
          full.push(f.name);
          inner.push(f.name);
        }
      } else if (f.k === 'elem' && f.inVal && f.key !== null) {
        full.push(f.key);
        inner.push(f.key);
      }
    }
    if (!top) return { context: this.fileCtx, attribute: inner.join('.'), full: full.join('.') };
    const context = [top.type, ...top.labels].join('.');
    let attribute: string;
    if (top.type === 'locals') attribute = ['locals', ...inner].join('.');
    else if (top.type === 'variable' && inner[0] === 'default' && top.labels[0] !== undefined) {
      attribute = [top.labels[0], ...inner.slice(1)].join('.');
    } else attribute = inner.join('.');
    return { context, attribute, full: full.join('.') };
  }

  private enclosingAddress(): string {
    for (const f of this.frames) if (f.k === 'block') return [f.type, ...f.labels].join('.');
    return this.fileCtx;
  }

  // -- strings anywhere ---------------------------------------------------------------------------

  private finishString(f: StrFrame): void {
    const cs = f.cs >= 0 ? f.cs : f.start + 1;
    const ce = f.ce >= 0 ? f.ce : cs;
    if (ce < cs) return;
    const below = this.frames[this.frames.length - 1];
    if (below?.k === 'block' && below.header && below.depth === f.depth - 1) {
      if (!f.template) below.labels.push(literalValue(this.text, cs, ce));
      return;
    }
    const text = this.text;
    if (!f.template) {
      // cheap pre-checks before building the value
      const first = text.charCodeAt(cs);
      if (first !== 0x61 /* a */ && first !== 0x72 /* r */ && first !== 0x5c /* \ */) return;
      const value = literalValue(text, cs, ce);
      if (value.startsWith('ami-') && AMI_ID_PATTERN.test(value)) {
        const loc = this.location();
        this.out.amis.push({ ami: value, ...this.lines.pos(cs), attribute: loc.attribute, context: loc.context });
      } else if (value.startsWith('resolve:ssm:')) {
        this.out.ssmParameters.push({
          kind: 'resolve',
          name: value.slice('resolve:ssm:'.length),
          ...this.lines.pos(cs),
          address: this.enclosingAddress(),
        });
      }
      return;
    }
    if (text.startsWith('resolve:ssm:', cs)) {
      const raw = text.slice(cs + 'resolve:ssm:'.length, ce);
      this.out.ssmParameters.push({
        kind: 'resolve',
        name: raw,
        ...this.lines.pos(cs),
        address: this.enclosingAddress(),
        dynamic: true,
      });
    }
  }

  // -- blocks -------------------------------------------------------------------------------------

  private classify(b: BlockFrame): void {
    const label0 = b.labels[0] ?? '';
    if (b.nesting === 0) {
      if (b.type === 'module' && b.labels.length >= 1) {
        b.special = 'module';
        b.module = {};
      } else if (b.type === 'terraform') {
        // Terragrunt's `terraform { source = ... }`; a Terraform settings block has no `source`
        b.special = 'terragrunt';
        b.module = {};
      } else if (b.type === 'data' && label0 === 'aws_ami' && b.labels.length >= 2) {
        b.special = 'amiLookup';
        b.lookup = { name: b.labels[1] ?? '', mostRecent: false, owners: [], ...this.lines.pos(b.start), filters: [] };
      } else if (b.type === 'data' && label0 === 'aws_ssm_parameter') {
        b.special = 'ssmData';
        b.ssm = {};
      } else if (b.type === 'resource' && label0 === 'aws_ssm_parameter') {
        b.special = 'ssmResource';
        b.ssm = {};
      } else if (b.type === 'data' && label0 === 'template_file') {
        b.special = 'templateFile';
      }
    }
    if (b.type === 'provisioner' && (label0 === 'shell' || label0 === 'remote-exec')) b.special = 'provisioner';
    const parent = this.nearestBlockBelowTop();
    if (parent && b.type === 'filter' && parent.special === 'amiLookup' && parent.lookup) {
      b.special = 'amiFilter';
      b.filter = { name: '', values: [] };
      parent.lookup.filters.push(b.filter);
    }
    if (
      parent &&
      b.type === 'part' &&
      parent.type === 'data' &&
      (parent.labels[0] === 'cloudinit_config' || parent.labels[0] === 'template_cloudinit_config')
    ) {
      b.special = 'cloudinitPart';
    }
  }

  /** the block frame enclosing the top frame (which is itself a block) */
  private nearestBlockBelowTop(): BlockFrame | undefined {
    for (let i = this.frames.length - 2; i >= 0; i--) {
      const f = this.frames[i]!;
      if (f.k === 'block') return f;
    }
    return undefined;
  }

  private finishBlock(b: BlockFrame): void {
    const address = [b.type, ...b.labels].join('.');
    switch (b.special) {
      case 'module':
      case 'terragrunt': {
        const source = b.module?.source;
        if (!source) return;
        const value = source.text;
        const call: ModuleCall = {
          name: b.special === 'module' ? (b.labels[0] ?? '') : 'terragrunt',
          source: value,
          local: value.startsWith('./') || value.startsWith('../'),
          ...this.lines.pos(b.start),
          kind: b.special,
          sourcePos: this.lines.pos(source.start),
        };
        const q = value.indexOf('?');
        if (q >= 0) {
          const ref = new URLSearchParams(value.slice(q + 1)).get('ref');
          if (ref !== null) call.ref = ref;
        }
        if (b.module?.version !== undefined) {
          call.version = b.module.version;
          if (b.module.versionStart !== undefined) call.versionPos = this.lines.pos(b.module.versionStart);
        }
        if (source.dynamic) call.dynamic = true;
        this.out.modules.push(call);
        return;
      }
      case 'amiLookup':
        if (b.lookup) this.out.amiLookups.push(b.lookup);
        return;
      case 'ssmData':
      case 'ssmResource': {
        const ssm = b.ssm ?? {};
        if (b.special === 'ssmData' && ssm.name === undefined) return;
        const ref: SsmParameterRef = {
          kind: b.special === 'ssmData' ? 'data' : 'resource',
          name: ssm.name ?? '',
          ...this.lines.pos(ssm.nameStart ?? b.start),
          address,
        };
        if (ssm.value !== undefined) ref.value = ssm.value;
        if (ssm.dynamic) ref.dynamic = true;
        this.out.ssmParameters.push(ref);
        return;
      }
      default:
        return;
    }
  }

  // -- attributes ---------------------------------------------------------------------------------

  /** Value of a string-ish expression: literal, quoted template or heredoc, with path substitutions. */
  private value(node: Node | null): (Rendered & { start: number }) | null {
    const n = unwrap(node);
    if (!n) return null;
    if (n.type !== 'string_lit' && n.type !== 'quoted_template' && n.type !== 'heredoc_template') return null;
    const r = renderTemplate(this.text, n, (hole) => pathHole(this.text, hole));
    const s0 = r.src[0];
    const start = s0 === undefined ? r.contentStart : s0 >= 0 ? s0 : -1 - s0;
    return { ...r, start };
  }

  private attributeValue(attr: AttrFrame, c: TreeCursor): void {
    const name = attr.name;
    const block = this.frames[this.frames.length - 2];
    const b = block?.k === 'block' ? block : undefined;
    const special = b?.special ?? 'none';
    attr.userData =
      isUserDataName(name) ||
      (name === 'content' && special === 'cloudinitPart') ||
      (name === 'template' && special === 'templateFile');
    const relevant =
      attr.userData ||
      (b !== undefined &&
        ((special === 'module' && (name === 'source' || name === 'version')) ||
          (special === 'terragrunt' && name === 'source') ||
          (special === 'amiLookup' && (name === 'most_recent' || name === 'owners' || name === 'name_regex')) ||
          (special === 'amiFilter' && (name === 'name' || name === 'values')) ||
          ((special === 'ssmData' || special === 'ssmResource') && name === 'name') ||
          (special === 'ssmResource' && (name === 'value' || name === 'insecure_value')) ||
          (special === 'provisioner' && (name === 'inline' || name === 'script' || name === 'scripts'))));
    if (!relevant) return;
    const node = c.currentNode;
    if (attr.userData) {
      this.userData(node, this.location().full);
      return;
    }
    if (!b) return;
    switch (special) {
      case 'module':
      case 'terragrunt': {
        const v = this.value(node);
        if (!v || !b.module) return;
        if (name === 'source') b.module.source = v;
        else {
          b.module.version = v.text;
          b.module.versionStart = v.start;
        }
        return;
      }
      case 'amiLookup': {
        const lookup = b.lookup;
        if (!lookup) return;
        if (name === 'most_recent') {
          const n = unwrap(node);
          if (n?.type === 'bool_lit') lookup.mostRecent = n.text === 'true';
          else lookup.mostRecent = this.value(node)?.text === 'true';
        } else if (name === 'owners') lookup.owners = this.stringList(node);
        else {
          const v = this.value(node);
          if (v) lookup.nameRegex = v.text;
        }
        return;
      }
      case 'amiFilter': {
        if (!b.filter) return;
        if (name === 'name') b.filter.name = this.value(node)?.text ?? '';
        else b.filter.values = this.stringList(node);
        return;
      }
      case 'ssmData':
      case 'ssmResource': {
        const v = this.value(node);
        if (!v || !b.ssm) return;
        if (name === 'name') {
          b.ssm.name = v.text;
          b.ssm.nameStart = v.start;
          if (v.dynamic) b.ssm.dynamic = true;
        } else if (!v.dynamic) b.ssm.value = v.text;
        return;
      }
      case 'provisioner':
        this.provisioner(name, node);
        return;
      default:
        return;
    }
  }

  private stringList(node: Node): string[] {
    const values: string[] = [];
    for (const el of tupleElements(node)) {
      const v = this.value(el);
      if (v) values.push(v.text);
    }
    return values;
  }

  private provisioner(name: string, node: Node): void {
    const loc = this.location().full;
    if (name === 'script') {
      const v = this.value(node);
      if (v) this.pushFileRef(v, 'script', loc, false);
      return;
    }
    const elements = tupleElements(node);
    for (let i = 0; i < elements.length; i++) {
      const el = elements[i]!;
      if (name === 'scripts') {
        const v = this.value(el);
        if (v) this.pushFileRef(v, 'scripts', `${loc}[${i}]`, false);
        continue;
      }
      const n = unwrap(el);
      if (!n || (n.type !== 'string_lit' && n.type !== 'quoted_template' && n.type !== 'heredoc_template')) continue;
      this.pushScript('inline', n, null, `${loc}[${i}]`);
    }
  }

  private pushFileRef(v: Rendered & { start: number }, fn: ScriptFileRef['fn'], context: string, inUserData: boolean): void {
    const ref: ScriptFileRef = { path: v.text, fn, ...this.lines.pos(v.start), context, inUserData };
    if (v.dynamic) ref.dynamic = true;
    this.out.scriptFiles.push(ref);
  }

  /** file()/filebase64()/templatefile() anywhere: kept when inside user data or naming a script. */
  private fileFunction(fn: string, args: Node): void {
    const first = args.namedChildren.find((n) => n.type === 'expression') ?? null;
    const v = this.value(first);
    if (!v || v.text === '') return;
    const inUserData = this.frames.some((f) => f.k === 'attr' && f.userData);
    if (!inUserData && !SCRIPT_PATH.test(v.text)) return;
    this.pushFileRef(v, fn === 'templatefile' ? 'templatefile' : 'file', this.location().full, inUserData);
  }

  /** user_data-like attribute: follow wrappers and conditionals down to heredocs / strings. */
  private userData(expr: Node, context: string): void {
    // Every node of the subtree is visited at most once: linear, and no recursion.
    const stack: { node: Node; fns: FnChain }[] = [{ node: expr, fns: null }];
    while (stack.length > 0) {
      const { node, fns } = stack.pop()!;
      switch (node.type) {
        case 'expression':
        case 'template_expr':
        case 'literal_value':
          if (node.namedChildCount === 1) {
            const child = node.namedChild(0);
            if (child) stack.push({ node: child, fns });
          }
          break;
        case 'conditional': {
          const branches = node.namedChildren.filter((n) => n.type === 'expression');
          for (let i = branches.length - 1; i >= 1; i--) stack.push({ node: branches[i]!, fns });
          break;
        }
        case 'function_call': {
          const name = node.firstNamedChild?.text ?? '';
          if (!SCRIPT_WRAPPERS.has(name)) break;
          const args = node.namedChildren.find((n) => n.type === 'function_arguments');
          const first = args?.namedChildren.find((n) => n.type === 'expression');
          const changesText = name === 'trimspace' || name === 'chomp';
          if (first) stack.push({ node: first, fns: changesText ? { name, outer: fns } : fns });
          break;
        }
        case 'quoted_template': {
          // "${expr}" alone is just expr
          const inner = node.namedChildren.filter((n) => n.type !== 'quoted_template_start' && n.type !== 'quoted_template_end');
          const only = inner.length === 1 ? inner[0] : undefined;
          if (only?.type === 'template_interpolation') {
            const e = only.namedChildren.find((n) => n.type === 'expression');
            if (e) stack.push({ node: e, fns });
            break;
          }
          this.pushScript('string', node, fns, context);
          break;
        }
        case 'string_lit':
          this.pushScript('string', node, fns, context);
          break;
        case 'heredoc_template':
          this.pushScript('heredoc', node, fns, context);
          break;
        default:
          break;
      }
    }
  }

  private pushScript(kind: EmbeddedScript['kind'], node: Node, fns: FnChain, context: string): void {
    const r = renderTemplate(this.text, node, () => TF_INTERP_PLACEHOLDER);
    let textValue = r.text;
    let src = r.src;
    // apply text-changing wrappers, innermost first
    for (let link = fns; link; link = link.outer) {
      const fn = link.name;
      let a = 0;
      let e = textValue.length;
      if (fn === 'trimspace') {
        a = leadingSpaces(textValue);
        e = Math.max(a, trailingSpacesStart(textValue));
      } else if (fn === 'chomp') {
        while (e > 0 && (textValue[e - 1] === '\n' || textValue[e - 1] === '\r')) e--;
      } else continue;
      textValue = textValue.slice(a, e);
      src = src.slice(a, e);
    }
    if (textValue.trim() === '') return;
    const segments = buildSegments(textValue, src, this.lines);
    const first = segments[0];
    const start = first ? { line: first.line, column: first.column } : this.lines.pos(r.contentStart);
    this.out.embeddedScripts.push({
      kind,
      text: textValue,
      ...start,
      context,
      segments,
      format: scriptFormat(textValue),
    });
  }
}
