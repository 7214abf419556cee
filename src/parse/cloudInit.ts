// Reads a cloud-init `#cloud-config` document: the commands it runs (`runcmd`, `bootcmd`), the files it
// writes and the packages it installs. Positions come from the YAML parser, 1-based.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar } from 'yaml';
import { yamlReader } from './yamlNodes.js';

export interface SourcePos {
  line: number;
  column: number;
}

export interface CloudInitCommand {
  key: 'runcmd' | 'bootcmd';
  /** A string entry is run by `sh -c`; a list entry is executed directly (argv[0] is the program). */
  form: 'shell' | 'argv';
  /** shell form: the script text. */
  text?: string;
  /** shell form: where each line of `text` starts in the document (index 0 = line 1 of text). */
  lines?: SourcePos[];
  /** argv form: the words, each with its position. */
  argv?: (SourcePos & { value: string })[];
  /** Position of the entry. */
  line: number;
  column: number;
}

export interface CloudInitAnalysis {
  commands: CloudInitCommand[];
  /** `write_files` paths: installed by the deployment, not the image. */
  writes: string[];
  /** `packages` names: installed at boot. */
  packages: string[];
  problems: { line: number; column: number; message: string }[];
}


/** True for a user-data document cloud-init treats as cloud-config. */
export function isCloudConfig(text: string): boolean {
  return /^\uFEFF?#cloud-config[ \t]*\r?(\n|$)/.test(text);
}

export function analyseCloudInit(text: string): CloudInitAnalysis {
  const result: CloudInitAnalysis = { commands: [], writes: [], packages: [], problems: [] };
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false, prettyErrors: false });
  const at = (offset: number | undefined): SourcePos => {
    const pos = counter.linePos(offset ?? 0);
    return { line: pos.line, column: pos.col };
  };
  for (const error of doc.errors) result.problems.push({ ...at(error.pos[0]), message: error.message });
  if (doc.errors.length > 0) return result;
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return result;
  if (!isMap(root)) {
    result.problems.push({ ...at(root.range?.[0]), message: 'a cloud-config document is a mapping of modules (runcmd, write_files, …)' });
    return result;
  }
  const sourceLines = text.split('\n');
  const { resolve, scalarText } = yamlReader(doc);

  /** Where each line of a string scalar's value starts in the document. */
  const linesOf = (node: Scalar): SourcePos[] => {
    const start = at(node.range?.[0]);
    const value = String(node.value);
    if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
      // The header (`|`, `>-`) sits on `start.line`; content lines follow, indented alike.
      const first = sourceLines.slice(start.line).find((line) => line.trim() !== '') ?? '';
      const indent = first.length - first.trimStart().length;
      return value.split('\n').map((_, index) => ({ line: start.line + 1 + index, column: indent + 1 }));
    }
    const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
    return value.split('\n').map(() => ({ line: start.line, column: start.column + (quoted ? 1 : 0) }));
  };

  for (const pair of root.items) {
    const key = scalarText(pair.key);
    const value = resolve(pair.value);
    if (key === 'runcmd' || key === 'bootcmd') {
      if (!isSeq(value)) {
        if (value && !(isScalar(value) && value.value === null)) result.problems.push({ ...at(value.range?.[0]), message: `\`${key}\` must be a list` });
        continue;
      }
      for (const item of value.items) {
        const entry = resolve(item);
        if (isScalar(entry) && entry.value !== null && typeof entry.value !== 'object') {
          result.commands.push({ key, form: 'shell', text: String(entry.value), lines: linesOf(entry), ...at(entry.range?.[0]) });
        } else if (isSeq(entry)) {
          const argv = entry.items.flatMap((word) => {
            const node = resolve(word);
            const text = scalarText(node);
            if (text === undefined) return [];
            const pos = at(node?.range?.[0]);
            // Positions point at the value itself, after an opening quote.
            const quoted = isScalar(node) && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE);
            return [{ value: text, line: pos.line, column: pos.column + (quoted ? 1 : 0) }];
          });
          if (argv.length > 0) result.commands.push({ key, form: 'argv', argv, ...at(entry.range?.[0]) });
        }
      }
    } else if (key === 'write_files' && isSeq(value)) {
      for (const item of value.items) {
        const entry = resolve(item);
        if (!isMap(entry)) continue;
        const path = scalarText(entry.get('path', true));
        if (path) result.writes.push(path);
      }
    } else if (key === 'packages' && isSeq(value)) {
      for (const item of value.items) {
        const entry = resolve(item);
        // `- [name, version]` pins a version.
        const name = isSeq(entry) ? scalarText(entry.items[0]) : scalarText(entry);
        if (name) result.packages.push(name);
      }
    }
  }
  return result;
}
