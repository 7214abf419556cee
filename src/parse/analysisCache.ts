// Analyses kept across runs (the `cache-dir` input). A PR check parses the same unchanged files on every
// push; with the cache directory restored by actions/cache, an analysis made by the same build of
// deploy-guard for the same text and options is read back instead of made again.
//
// An analysis is a pure function of the job (kind, the options that change it, the text) and of the code
// and grammars that made it, so an entry is keyed by a hash of the job and the file is tied to the build
// that wrote it: a cache written by another build is not read, and is replaced. What cannot be read (a
// corrupt line, a file too large) is analysed again; the cache can make a run faster, never different.
// Analyses that record an internal failure (a grammar that did not load) are not kept.
//
// The file holds one header line and then one line per analysis, `<key> <JSON>`. New analyses are appended;
// the file is rewritten with only the analyses of the current run when it grows past MAX_BYTES.

import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CACHE_FILE = 'deploy-guard-analyses.jsonl';
const FORMAT = 1;
/** Beyond this the file is rewritten with the current run's analyses only. */
const MAX_BYTES = 64 * 1024 * 1024;
/** Written by scripts/build.mjs beside the bundle: a hash of the bundle and its grammars. */
export const BUILD_FILE = 'analysis-build.txt';

interface Header {
  deployGuardAnalysisCache: number;
  build: string;
}

export interface CacheCounts {
  /** Analyses read from the cache. */
  read: number;
  /** Analyses made in this run and added to it. */
  added: number;
  /** Entries that were in the file but could not be read (analysed again). */
  unreadable: number;
}

const TRANSIENT = /^(internal error|HCL grammar unavailable|the (bash|HCL) parser returned no tree)/;

/** Whether an analysis records a failure of this run rather than a property of the text. */
function transient(value: unknown): boolean {
  const errors = (value as { parseErrors?: unknown } | null)?.parseErrors;
  return Array.isArray(errors) && errors.some((e) => TRANSIENT.test(String((e as { message?: unknown }).message ?? '')));
}

export class AnalysisCache {
  /** Raw JSON of each entry read from the file, by key. */
  private readonly stored = new Map<string, string>();
  /** Entries made in this run, by key. */
  private readonly fresh = new Map<string, string>();
  /** Keys read in this run (kept when the file is rewritten). */
  private readonly used = new Set<string>();
  /** Keys of texts already hashed, by job kind and text. */
  private readonly keys = new Map<string, Map<string, string>>();
  /** Whether the file on disk can take appended entries (same build, complete last line). */
  private appendable = false;
  private size = 0;
  readonly counts: CacheCounts = { read: 0, added: 0, unreadable: 0 };
  /** What was wrong with the file on disk, if anything (it is then rewritten). */
  problem: string | undefined;

  constructor(
    readonly dir: string,
    readonly build: string,
    private readonly maxBytes = MAX_BYTES,
  ) {
    this.load();
  }

  get file(): string {
    return join(this.dir, CACHE_FILE);
  }

  private load(): void {
    let text: string;
    try {
      if (!existsSync(this.file)) return;
      const size = statSync(this.file).size;
      if (size > this.maxBytes * 2) {
        this.problem = `${this.file} is ${Math.round(size / 1048576)} MB, more than deploy-guard writes; it is replaced`;
        return;
      }
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      this.problem = `${this.file} could not be read (${error instanceof Error ? error.message : String(error)}); it is replaced`;
      return;
    }
    const firstEnd = text.indexOf('\n');
    let header: Header | undefined;
    try {
      header = JSON.parse(firstEnd < 0 ? text : text.slice(0, firstEnd)) as Header;
    } catch {
      header = undefined;
    }
    if (header?.deployGuardAnalysisCache !== FORMAT || typeof header.build !== 'string') {
      this.problem = `${this.file} is not an analysis cache of this version of deploy-guard; it is replaced`;
      return;
    }
    if (header.build !== this.build) return; // another build: its analyses may differ, so none is read
    for (let start = firstEnd + 1; start > 0 && start < text.length; ) {
      const end = text.indexOf('\n', start);
      if (end < 0) break; // a last line cut short (a run that stopped while appending) is not read
      const space = text.indexOf(' ', start);
      if (space > start && space < end) this.stored.set(text.slice(start, space), text.slice(space + 1, end));
      start = end + 1;
    }
    this.appendable = text.endsWith('\n');
    this.size = text.length;
  }

  /** The key of a job: `kind` names the kind and the options that change its analysis. */
  key(kind: string, text: string): string {
    let texts = this.keys.get(kind);
    if (!texts) this.keys.set(kind, (texts = new Map()));
    let key = texts.get(text);
    if (key === undefined) {
      key = createHash('sha256').update(kind).update('\u0000').update(text).digest('base64url');
      texts.set(text, key);
    }
    return key;
  }

  has(kind: string, text: string): boolean {
    const key = this.key(kind, text);
    return this.fresh.has(key) || this.stored.has(key);
  }

  /** The stored analysis of a job, or undefined. */
  get(kind: string, text: string): unknown {
    const key = this.key(kind, text);
    const raw = this.fresh.get(key) ?? this.stored.get(key);
    if (raw === undefined) return undefined;
    try {
      const value: unknown = JSON.parse(raw);
      if (!this.fresh.has(key)) {
        this.used.add(key);
        this.counts.read++;
      }
      return value;
    } catch {
      this.stored.delete(key);
      this.counts.unreadable++;
      this.appendable = false; // rewrite without it
      return undefined;
    }
  }

  put(kind: string, text: string, value: unknown): void {
    if (transient(value)) return;
    const key = this.key(kind, text);
    if (this.fresh.has(key) || this.stored.has(key)) return;
    this.fresh.set(key, JSON.stringify(value));
    this.counts.added++;
  }

  /** Writes what this run added. Throws when the directory cannot be written. */
  save(): void {
    if (this.fresh.size === 0 && this.appendable && this.problem === undefined) return;
    mkdirSync(this.dir, { recursive: true });
    const lines = (entries: Iterable<[string, string]>): string => {
      let out = '';
      for (const [key, raw] of entries) out += `${key} ${raw}\n`;
      return out;
    };
    const added = lines(this.fresh);
    if (this.appendable && this.size + added.length <= this.maxBytes) {
      appendFileSync(this.file, added);
      this.size += added.length;
    } else {
      // A new file: this build's header, the analyses read in this run (when the old file was of this build), the new ones.
      const header = `${JSON.stringify({ deployGuardAnalysisCache: FORMAT, build: this.build } satisfies Header)}\n`;
      const kept = [...this.used].flatMap((key): [string, string][] => {
        const raw = this.stored.get(key);
        return raw === undefined ? [] : [[key, raw]];
      });
      const text = header + lines(kept) + added;
      const temporary = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temporary, text);
      renameSync(temporary, this.file);
      this.stored.clear();
      for (const [key, raw] of kept) this.stored.set(key, raw);
      this.size = text.length;
      this.appendable = true;
      this.problem = undefined;
    }
    for (const [key, raw] of this.fresh) this.stored.set(key, raw);
    this.fresh.clear();
  }
}

let buildId: string | undefined;

/**
 * The build an analysis comes from: the hash scripts/build.mjs wrote beside the bundle (every bundled file and
 * grammar goes into it). Run from source, the code can change between two runs without a build, so the id is
 * this process's own and no other process reads what it cached.
 */
export function analysisBuild(): string {
  if (buildId !== undefined) return buildId;
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, BUILD_FILE), join(here, '..', BUILD_FILE)]) {
    if (existsSync(candidate)) return (buildId = readFileSync(candidate, 'utf8').trim());
  }
  return (buildId = `unbundled-${process.pid}-${Date.now()}`);
}
