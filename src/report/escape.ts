// Escaping for every sink a report writes to. Text from repository content or AWS is hostile until it
// has passed through one of these: it must not render as Markdown/HTML, ping people, hide behind bidi
// controls, drive the terminal, or start a workflow command on a runner's stdout.

/** Zero-width space: invisible, not whitespace for the runner's TrimStart, breaks `@mention` and `::` detection. */
const ZWSP = '\u200B';

// Bidi embedding/override/isolate controls (Trojan Source) plus the implicit marks; shown as `\u202E`.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// C0 (minus tab/LF/CR, handled separately), DEL and C1: ESC and CSI (U+009B) drive terminals.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Anything that ends a line for a Markdown parser, a terminal, or the runner's line reader.
const LINE_BREAK = /\r\n|[\r\n\t\u2028\u2029]/g;

function visibleCodePoint(ch: string): string {
  return `\\u${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * One line of plain text with no control or bidi characters: line breaks and tabs become spaces, other
 * controls (ESC included) and bidi controls are shown as `\u001B` / `\u202E`. For terminals, annotation
 * messages and SARIF text.
 */
export function plainText(text: string): string {
  return text.replace(LINE_BREAK, ' ').replace(CONTROL, visibleCodePoint).replace(BIDI, visibleCodePoint);
}

// `@user`, `@org/team` and `#123` / `org/repo#123` notify or cross-link when rendered by GitHub; an
// invisible character after the sigil keeps the text readable and inert (as Renovate does).
function neutraliseReferences(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9_-])/g, `@${ZWSP}`).replace(/#(?=\d)/g, `#${ZWSP}`);
}

const MARKDOWN_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '*': '\\*',
  _: '\\_',
  '`': '\\`',
  '[': '\\[',
  ']': '\\]',
  '|': '\\|',
  '#': '\\#',
  '!': '\\!',
  '~': '\\~',
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  // GitHub renders `$…$` as math; an entity is never a math delimiter.
  $: '&#36;',
};

/**
 * Inline Markdown text, safe in a GFM table cell: one line, Markdown punctuation backslash-escaped,
 * `& < > $` as entities, mentions and issue references neutralised, bidi and control characters visible.
 */
export function escapeMarkdown(text: string): string {
  return neutraliseReferences(plainText(text)).replace(/[\\*_`[\]|#!~&<>$]/g, (ch) => MARKDOWN_ESCAPES[ch] ?? ch);
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  $: '&#36;',
};

/**
 * Text inside HTML (e.g. `<summary>`) or an attribute value: entities for `& < > " '`, one line (a blank
 * line would end the HTML block and let the rest parse as Markdown), mentions neutralised, bidi visible.
 */
export function escapeHtml(text: string): string {
  return neutraliseReferences(plainText(text)).replace(/[&<>"'$]/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * An inline code span that holds any text: the fence is one backtick longer than the longest run inside,
 * padded when the text starts or ends with a backtick or a space. `inTable` escapes `|`, which splits
 * GFM table cells even inside code spans. Nothing inside a code span renders, pings or links.
 */
export function code(text: string, options: { inTable?: boolean } = {}): string {
  let content = plainText(text);
  if (content === '') return '';
  if (options.inTable === true) content = content.replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const needsPad = /^[` ]|[` ]$/.test(content) && content.trim() !== '';
  const pad = needsPad ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

// The runner trims leading whitespace, then treats `::name …::` (and the legacy `##[name]`) as a command.
const COMMAND_START = /^(\s*)(::|##\[)/;

/** One output line that cannot start a workflow command: a zero-width space goes before a leading `::` / `##[`. */
export function neutraliseCommand(line: string): string {
  return line.replace(COMMAND_START, `$1${ZWSP}$2`);
}

/** Every line of `text` neutralised (lines split on CRLF, CR or LF, as the runner reads them). */
export function neutraliseCommands(text: string): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part, index) => (index % 2 === 0 ? neutraliseCommand(part) : part))
    .join('');
}

/** Value of a workflow-command property (`file=`, `title=`), escaped exactly as @actions/core does. */
export function escapeAnnotationProperty(value: string): string {
  return value
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/:/g, '%3A')
    .replace(/,/g, '%2C');
}

/** Data (message) of a workflow command, escaped exactly as @actions/core does. */
export function escapeAnnotationData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Cut `text` to at most `max` characters (code points), marking the cut; applied before escaping. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}
