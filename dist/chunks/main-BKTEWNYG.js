import { createRequire as __dgCreateRequire } from 'node:module'; const require = __dgCreateRequire(import.meta.url);
import {
  ConfigurationError,
  FAMILIES,
  INPUT,
  Journal,
  OUTPUT,
  VERSION,
  assertNever,
  clip,
  code,
  compareFindings,
  escapeHtml,
  escapeMarkdown,
  exitCode,
  familyOf,
  formatDuration,
  githubFor,
  levelRank,
  loadSettings,
  locationOf,
  modeFor,
  neutraliseCommands,
  plainText,
  plural,
  readEvent,
  readInputs,
  ruleTitle,
  rulesById,
  runChecks,
  sortFindings,
  toJsonReport,
  unevaluatedReport,
  verdictLabel
} from "./chunk-YF4SIPVN.js";
import {
  tieringApplied
} from "./chunk-3OKPSYB4.js";
import {
  analysisCounts,
  analysisPool,
  largeRun,
  threadsProblem,
  useAnalysisCache
} from "./chunk-R5VRBRRL.js";
import "./chunk-O5UWBKZA.js";
import "./chunk-WAXSGHYJ.js";

// src/main.ts
import { mkdir as mkdir2, realpath, rename as rename2, writeFile as writeFile2 } from "node:fs/promises";
import { dirname as dirname2, isAbsolute, join as join2, relative, resolve } from "node:path";
import { tmpdir } from "node:os";

// node_modules/@actions/core/lib/command.js
import * as os from "os";

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key in this.properties) {
        if (this.properties.hasOwnProperty(key)) {
          const val = this.properties[key];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
import * as crypto from "crypto";
import * as fs from "fs";
import * as os2 from "os";
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  }
  if (convertedValue.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  }
  return `${key}<<${delimiter}${os2.EOL}${convertedValue}${os2.EOL}${delimiter}`;
}

// node_modules/@actions/core/lib/core.js
import * as os4 from "os";

// node_modules/@actions/core/lib/summary.js
import { EOL as EOL3 } from "os";
import { constants, promises } from "fs";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve2) {
      resolve2(value);
    });
  }
  return new (P || (P = Promise))(function(resolve2, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve2(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, constants.R_OK | constants.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL3);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code2, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code2), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell2) => {
        if (typeof cell2 === "string") {
          return this.wrap("td", cell2);
        }
        const { header, data, colspan, rowspan } = cell2;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/platform.js
import os3 from "os";

// node_modules/@actions/io/lib/io-util.js
import * as fs2 from "fs";
var { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs2.promises;
var IS_WINDOWS = process.platform === "win32";
var READONLY = fs2.constants.O_RDONLY;

// node_modules/@actions/exec/lib/toolrunner.js
var IS_WINDOWS2 = process.platform === "win32";

// node_modules/@actions/core/lib/platform.js
var platform = os3.platform();
var arch = os3.arch();

// node_modules/@actions/core/lib/core.js
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function getInput(name, options) {
  const val = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
  if (options && options.required && !val) {
    throw new Error(`Input required and not supplied: ${name}`);
  }
  if (options && options.trimWhitespace === false) {
    return val;
  }
  return val.trim();
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os4.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
function debug(message) {
  issueCommand("debug", {}, message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function notice(message, properties = {}) {
  issueCommand("notice", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + os4.EOL);
}

// src/changedFiles.ts
function statedChangedFiles(payload) {
  const count = payload?.pull_request?.changed_files;
  return typeof count === "number" && Number.isInteger(count) && count >= 0 ? count : void 0;
}

// src/parse/analysisCache.ts
import { createHash } from "node:crypto";
import { appendFileSync as appendFileSync2, existsSync as existsSync2, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
var CACHE_FILE = "deploy-guard-analyses.jsonl";
var FORMAT = 1;
var MAX_BYTES = 64 * 1024 * 1024;
var BUILD_FILE = "analysis-build.txt";
var TRANSIENT = /^(internal error|HCL grammar unavailable|the (bash|HCL) parser returned no tree)/;
function transient(value) {
  const errors = value?.parseErrors;
  return Array.isArray(errors) && errors.some((e) => TRANSIENT.test(String(e.message ?? "")));
}
var AnalysisCache = class {
  constructor(dir, build, maxBytes = MAX_BYTES) {
    this.dir = dir;
    this.build = build;
    this.maxBytes = maxBytes;
    this.load();
  }
  dir;
  build;
  maxBytes;
  /** Raw JSON of each entry read from the file, by key. */
  stored = /* @__PURE__ */ new Map();
  /** Entries made in this run, by key. */
  fresh = /* @__PURE__ */ new Map();
  /** Keys read in this run (kept when the file is rewritten). */
  used = /* @__PURE__ */ new Set();
  /** Keys of texts already hashed, by job kind and text. */
  keys = /* @__PURE__ */ new Map();
  /** Whether the file on disk can take appended entries (same build, complete last line). */
  appendable = false;
  size = 0;
  counts = { read: 0, added: 0, unreadable: 0 };
  /** What was wrong with the file on disk, if anything (it is then rewritten). */
  problem;
  get file() {
    return join(this.dir, CACHE_FILE);
  }
  load() {
    let text;
    try {
      if (!existsSync2(this.file)) return;
      const size = statSync(this.file).size;
      if (size > this.maxBytes * 2) {
        this.problem = `${this.file} is ${Math.round(size / 1048576)} MB, more than deploy-guard writes; it is replaced`;
        return;
      }
      text = readFileSync(this.file, "utf8");
    } catch (error2) {
      this.problem = `${this.file} could not be read (${error2 instanceof Error ? error2.message : String(error2)}); it is replaced`;
      return;
    }
    const firstEnd = text.indexOf("\n");
    let header;
    try {
      header = JSON.parse(firstEnd < 0 ? text : text.slice(0, firstEnd));
    } catch {
      header = void 0;
    }
    if (header?.deployGuardAnalysisCache !== FORMAT || typeof header.build !== "string") {
      this.problem = `${this.file} is not an analysis cache of this version of deploy-guard; it is replaced`;
      return;
    }
    if (header.build !== this.build) return;
    for (let start = firstEnd + 1; start > 0 && start < text.length; ) {
      const end = text.indexOf("\n", start);
      if (end < 0) break;
      const space = text.indexOf(" ", start);
      if (space > start && space < end) this.stored.set(text.slice(start, space), text.slice(space + 1, end));
      start = end + 1;
    }
    this.appendable = text.endsWith("\n");
    this.size = text.length;
  }
  /** The key of a job: `kind` names the kind and the options that change its analysis. */
  key(kind, text) {
    let texts = this.keys.get(kind);
    if (!texts) this.keys.set(kind, texts = /* @__PURE__ */ new Map());
    let key = texts.get(text);
    if (key === void 0) {
      key = createHash("sha256").update(kind).update("\0").update(text).digest("base64url");
      texts.set(text, key);
    }
    return key;
  }
  has(kind, text) {
    const key = this.key(kind, text);
    return this.fresh.has(key) || this.stored.has(key);
  }
  /** The stored analysis of a job, or undefined. */
  get(kind, text) {
    const key = this.key(kind, text);
    const raw = this.fresh.get(key) ?? this.stored.get(key);
    if (raw === void 0) return void 0;
    try {
      const value = JSON.parse(raw);
      if (!this.fresh.has(key)) {
        this.used.add(key);
        this.counts.read++;
      }
      return value;
    } catch {
      this.stored.delete(key);
      this.counts.unreadable++;
      this.appendable = false;
      return void 0;
    }
  }
  put(kind, text, value) {
    if (transient(value)) return;
    const key = this.key(kind, text);
    if (this.fresh.has(key) || this.stored.has(key)) return;
    this.fresh.set(key, JSON.stringify(value));
    this.counts.added++;
  }
  /** Writes what this run added. Throws when the directory cannot be written. */
  save() {
    if (this.fresh.size === 0 && this.appendable && this.problem === void 0) return;
    mkdirSync(this.dir, { recursive: true });
    const lines = (entries) => {
      let out = "";
      for (const [key, raw] of entries) out += `${key} ${raw}
`;
      return out;
    };
    const added = lines(this.fresh);
    if (this.appendable && this.size + added.length <= this.maxBytes) {
      appendFileSync2(this.file, added);
      this.size += added.length;
    } else {
      const header = `${JSON.stringify({ deployGuardAnalysisCache: FORMAT, build: this.build })}
`;
      const kept = [...this.used].flatMap((key) => {
        const raw = this.stored.get(key);
        return raw === void 0 ? [] : [[key, raw]];
      });
      const text = header + lines(kept) + added;
      const temporary = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temporary, text);
      renameSync(temporary, this.file);
      this.stored.clear();
      for (const [key, raw] of kept) this.stored.set(key, raw);
      this.size = text.length;
      this.appendable = true;
      this.problem = void 0;
    }
    for (const [key, raw] of this.fresh) this.stored.set(key, raw);
    this.fresh.clear();
  }
};
var buildId;
function analysisBuild() {
  if (buildId !== void 0) return buildId;
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, BUILD_FILE), join(here, "..", BUILD_FILE)]) {
    if (existsSync2(candidate)) return buildId = readFileSync(candidate, "utf8").trim();
  }
  return buildId = `unbundled-${process.pid}-${Date.now()}`;
}

// src/report/annotations.ts
var GITHUB_ANNOTATION_LIMITS = { error: 10, warning: 10, notice: 10 };
var MAX_MESSAGE_CHARS = 4e3;
function buildAnnotations(findings, limits = GITHUB_ANNOTATION_LIMITS, rules = []) {
  const names = rulesById(rules);
  const seen = /* @__PURE__ */ new Set();
  const candidates = [];
  for (const finding of findings) {
    if (!hasFile(finding)) continue;
    const key = JSON.stringify([finding.id, finding.file, finding.line, finding.column, finding.message]);
    if (seen.has(key)) continue;
    seen.add(key);
    candidates.push({ finding, level: finding.overridden === true ? "notice" : finding.level });
  }
  candidates.sort((a, b) => levelRank(a.level) - levelRank(b.level) || compareFindings(a.finding, b.finding));
  const used = { error: 0, warning: 0, notice: 0 };
  const annotations = [];
  let omitted = 0;
  for (const { finding, level } of candidates) {
    if (used[level] >= Math.max(0, limits[level])) {
      omitted += 1;
      continue;
    }
    used[level] += 1;
    annotations.push(toAnnotation(finding, level, ruleTitle(finding.id, names)));
  }
  return { annotations, omitted };
}
function hasFile(finding) {
  return finding.file !== void 0 && finding.file !== "";
}
function toAnnotation(finding, level, title) {
  const lines = [plainText(finding.message) + (finding.overridden === true ? " (overridden)" : "")];
  if (finding.fix !== void 0 && finding.fix !== "") lines.push(`fix: ${plainText(finding.fix)}`);
  const message = neutraliseCommands(Array.from(lines.join("\n")).slice(0, MAX_MESSAGE_CHARS).join(""));
  const annotation = {
    level,
    message,
    title: plainText(title),
    file: finding.file,
    startLine: finding.line !== void 0 && finding.line > 0 ? finding.line : 1
  };
  if (finding.line !== void 0 && finding.column !== void 0 && finding.column > 0) {
    annotation.startColumn = finding.column;
  }
  return annotation;
}

// src/report/sarif.ts
import { createHash as createHash2 } from "node:crypto";
var DEPLOY_GUARD_INFORMATION_URI = "https://github.com/deploy-guard/deploy-guard";
var DEFAULT_CONFIG_FILE = ".github/deploy-guard.yml";
var FINGERPRINT_KEY = "deployGuardFindingHash/v1";
function toSarif(report, options = {}) {
  const configFile = repoRelativeUri(options.configFile ?? DEFAULT_CONFIG_FILE);
  const declared = [...rulesById(report.rules).values()];
  const rules = declared.map(toDescriptor);
  const indexById = new Map(rules.map((rule, index) => [rule.id, index]));
  for (const finding of report.findings) {
    if (!indexById.has(finding.id)) {
      indexById.set(finding.id, rules.length);
      rules.push({ id: finding.id, name: finding.id, shortDescription: { text: finding.id } });
    }
  }
  const results = report.findings.map(
    (finding) => toResult(finding, indexById.get(finding.id) ?? 0, configFile, report.outcome.override)
  );
  const invocation = {
    executionSuccessful: report.outcome.result !== "error",
    toolExecutionNotifications: report.notEvaluated.map((item) => ({
      level: "error",
      message: { text: plainText(`Not evaluated: ${item.what}. ${item.reason} Fix: ${item.fix}`) }
    }))
  };
  const start = Date.parse(report.startedAt);
  if (Number.isFinite(start)) {
    invocation.startTimeUtc = new Date(start).toISOString();
    if (Number.isFinite(report.durationMs) && report.durationMs >= 0) {
      invocation.endTimeUtc = new Date(start + report.durationMs).toISOString();
    }
  }
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "deploy-guard",
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: options.informationUri ?? DEPLOY_GUARD_INFORMATION_URI,
            rules
          }
        },
        results,
        invocations: [invocation],
        columnKind: "utf16CodeUnits",
        properties: { mode: report.mode, result: report.outcome.result }
      }
    ]
  };
}
function sarifLevel(level) {
  switch (level) {
    case "error":
      return "error";
    case "warning":
      return "warning";
    case "notice":
      return "note";
    default:
      return assertNever(level, "level");
  }
}
function toDescriptor(rule) {
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.help },
    help: { text: rule.help, markdown: `**${rule.id} ${rule.name}**: ${rule.summary}

${rule.help}` },
    defaultConfiguration: { level: sarifLevel(rule.level) },
    properties: { tags: ["deploy-guard", rule.family] }
  };
}
function toResult(finding, ruleIndex, configFile, override) {
  const hasFile2 = finding.file !== void 0 && finding.file !== "";
  const region = { startLine: hasFile2 && finding.line !== void 0 && finding.line > 0 ? finding.line : 1 };
  if (hasFile2 && finding.line !== void 0 && finding.column !== void 0 && finding.column > 0) {
    region.startColumn = finding.column;
  }
  const environment = finding.environment === void 0 ? "" : ` [${finding.environment}]`;
  const fix = finding.fix === void 0 || finding.fix === "" ? "" : ` Fix: ${finding.fix}`;
  const result = {
    ruleId: finding.id,
    ruleIndex,
    level: sarifLevel(finding.level),
    message: { text: plainText(`${finding.message}${environment}${fix}`) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: hasFile2 ? repoRelativeUri(finding.file ?? "") : configFile, uriBaseId: "%SRCROOT%" },
          region
        }
      }
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: findingFingerprint(finding) }
  };
  if (!hasFile2) result.properties = { "deploy-guard/location": "none: placed at the configuration file" };
  if (finding.overridden === true) {
    const justification = override === void 0 ? "Overridden by a break-glass override." : `Overridden by ${override.actor} at ${override.at} (label ${override.label}): ${override.reason}`;
    result.suppressions = [{ kind: "external", status: "accepted", justification: plainText(justification) }];
  }
  return result;
}
function findingFingerprint(finding) {
  return createHash2("sha256").update(JSON.stringify([finding.id, finding.file ?? "", finding.message])).digest("hex").slice(0, 32);
}
function repoRelativeUri(path) {
  return path.split("/").filter((segment) => segment !== "" && segment !== ".").map((segment) => encodeURIComponent(segment).replace(/%(40|24|26|2B|2C|3B|3D)/g, (escape) => decodeURIComponent(escape))).join("/");
}

// src/report/summary.ts
var SUMMARY_MAX_BYTES = 1e6;
var MAX = { headline: 500, cell: 1e3, fix: 500, short: 200, evidence: 2e3, evidencePerFinding: 50 };
var RESERVE_BYTES = 2048;
var TABLE_HEAD = ["| Level | Rule | Where | Environment | Message | Fix |", "|---|---|---|---|---|---|"];
var bytes = (text) => Buffer.byteLength(text, "utf8") + 1;
var Budget = class {
  constructor(remaining) {
    this.remaining = remaining;
  }
  remaining;
  take(lines) {
    const cost = lines.reduce((sum, line) => sum + bytes(line), 0);
    if (cost > this.remaining) return false;
    this.remaining -= cost;
    return true;
  }
};
var md = (text, max = MAX.cell) => escapeMarkdown(clip(text, max));
var cell = (text, max = MAX.cell) => text === void 0 || text === "" ? "\u2014" : md(text, max);
function renderSummary(report, options = {}) {
  const rules = rulesById(report.rules);
  const maxBytes = options.maxBytes ?? SUMMARY_MAX_BYTES;
  const links = fileLinker(options.repoUrl, report.head);
  const verdict = verdictSection(report);
  const override = overrideSection(report, rules);
  const preflight = preflightSection(report);
  const footer = footerSection(report);
  const fixedBytes = [verdict, override, preflight, footer].flat().reduce((sum, line) => sum + bytes(line), 0);
  const budget = new Budget(maxBytes - fixedBytes - RESERVE_BYTES);
  const notEvaluatedRows = [];
  for (const item of report.notEvaluated) {
    const row = notEvaluatedRow(item);
    const lines = notEvaluatedRows.length === 0 ? [...NOT_EVALUATED_HEAD, row] : [row];
    if (!budget.take(lines)) break;
    notEvaluatedRows.push(row);
  }
  const sorted = sortFindings(report.findings);
  const admitted = /* @__PURE__ */ new Map();
  const admittedFindings = [];
  for (const finding of sorted) {
    const family = familyOf(finding.id, rules);
    const rows = admitted.get(family);
    const row = findingRow(finding, rules, links);
    if (!budget.take(rows === void 0 ? ["", `### ${familyTitle(family)}`, "", ...TABLE_HEAD, row] : [row])) break;
    if (rows === void 0) admitted.set(family, [row]);
    else rows.push(row);
    admittedFindings.push(finding);
  }
  const noteLines = [];
  for (const note of report.notes) {
    const line = `- ${md(note)}`;
    if (!budget.take(noteLines.length === 0 ? ["", "### Notes", "", line] : [line])) break;
    noteLines.push(line);
  }
  const evidence = evidenceSection(report.evidence, admittedFindings, rules, budget);
  const out = [...verdict];
  if (report.notEvaluated.length > 0) {
    out.push("", "### What was not evaluated", "");
    out.push("These checks could not run. A guard that could not look blocks like a failure; fix the cause and re-run.", "");
    if (notEvaluatedRows.length > 0) out.push(...NOT_EVALUATED_HEAD, ...notEvaluatedRows);
    const more = report.notEvaluated.length - notEvaluatedRows.length;
    if (more > 0) out.push("", `_${plural(more, "more item")} in the JSON report._`);
  }
  if (report.findings.length === 0) {
    out.push("", "No findings.");
  }
  for (const { key } of FAMILIES) {
    const total = sorted.filter((finding) => familyOf(finding.id, rules) === key).length;
    if (total === 0) continue;
    const rows = admitted.get(key) ?? [];
    out.push("", `### ${familyTitle(key)}`, "");
    if (rows.length > 0) out.push(...TABLE_HEAD, ...rows);
    if (total > rows.length) {
      if (rows.length > 0) out.push("");
      out.push(`_${plural(total - rows.length, "more finding")} in the JSON report._`);
    }
  }
  out.push(...evidence);
  out.push(...override);
  if (report.notes.length > 0) {
    out.push("", "### Notes", "", ...noteLines);
    const more = report.notes.length - noteLines.length;
    if (more > 0) out.push(`- _${plural(more, "more note")} in the JSON report._`);
  }
  out.push(...preflight, ...footer);
  return neutraliseCommands(`${out.join("\n")}
`);
}
function familyTitle(key) {
  return FAMILIES.find((family) => family.key === key)?.title ?? key;
}
function verdictSection(report) {
  const { outcome } = report;
  const headline = outcome.headline.trim() === "" ? "" : `: ${md(outcome.headline, MAX.headline)}`;
  const counts = [
    `**Blocking: ${outcome.blocked ? "yes" : "no"}**`,
    plural(outcome.errors, "error"),
    plural(outcome.warnings, "warning"),
    plural(outcome.notices, "notice")
  ];
  if (report.notEvaluated.length > 0) counts.push(`${report.notEvaluated.length} not evaluated`);
  if (report.preflight !== void 0) counts.push(`**Go: ${report.preflight.go ? "yes" : "no"}**`);
  return [`## ${verdictLabel(outcome.result)}${headline}`, "", counts.join(" \xB7 ")];
}
var NOT_EVALUATED_HEAD = ["| What | Reason | Fix |", "|---|---|---|"];
function notEvaluatedRow(item) {
  return `| ${cell(item.what)} | ${cell(item.reason)} | ${cell(item.fix, MAX.fix)} |`;
}
function findingRow(finding, rules, links) {
  const level = finding.overridden === true ? `overridden (${finding.level})` : finding.level;
  const location = locationOf(finding, false);
  const where = location === void 0 ? "\u2014" : links(finding, md(location, MAX.short));
  return [
    "",
    level,
    md(ruleTitle(finding.id, rules), MAX.short),
    where,
    cell(finding.environment, MAX.short),
    cell(finding.message),
    cell(finding.fix, MAX.fix),
    ""
  ].join(" | ").trim();
}
function evidenceLine(item) {
  return `- **${md(item.source, MAX.short)}**: ${md(item.text, MAX.evidence)}`;
}
function evidenceSection(runEvidence, findings, rules, budget) {
  const withEvidence = findings.filter((finding) => finding.evidence.length > 0);
  if (runEvidence.length === 0 && withEvidence.length === 0) return [];
  const out = ["", "### Evidence", ""];
  if (!budget.take(out)) return [];
  let omitted = 0;
  for (const [index, item] of runEvidence.entries()) {
    const line = evidenceLine(item);
    if (!budget.take([line])) {
      omitted += runEvidence.length - index;
      break;
    }
    out.push(line);
  }
  for (const [index, finding] of withEvidence.entries()) {
    const location = locationOf(finding, false);
    const title = escapeHtml(clip(`${ruleTitle(finding.id, rules)}${location === void 0 ? "" : ` at ${location}`}`, MAX.short));
    const items = finding.evidence.slice(0, MAX.evidencePerFinding).map(evidenceLine);
    const hidden = finding.evidence.length - items.length;
    if (hidden > 0) items.push(`- _${plural(hidden, "more item")} in the JSON report._`);
    const block = ["", `<details><summary>${title}</summary>`, "", ...items, "", "</details>"];
    if (!budget.take(block)) {
      omitted += withEvidence.length - index;
      break;
    }
    out.push(...block);
  }
  if (omitted > 0) out.push("", `_Evidence truncated: ${omitted} more in the JSON report._`);
  return out;
}
function overrideSection(report, rules) {
  const record = report.outcome.override;
  if (record === void 0) return [];
  const shown = record.findings.slice(0, 100).map((id) => md(ruleTitle(id, rules), MAX.short));
  const more = record.findings.length - shown.length;
  const list = shown.length === 0 ? "\u2014" : `${shown.join(", ")}${more > 0 ? `, and ${more} more` : ""}`;
  return [
    "",
    "### Override",
    "",
    `- **Who:** ${md(record.actor, MAX.short)}`,
    `- **When:** ${md(record.at, MAX.short)}`,
    `- **Why:** ${md(record.reason, MAX.fix)}`,
    `- **Label:** ${md(record.label, MAX.short)}`,
    `- **Overridden findings:** ${list}`
  ];
}
function preflightSection(report) {
  const preflight = report.preflight;
  if (preflight === void 0) return [];
  return [
    "",
    "### Preflight",
    "",
    `- **Environment:** ${md(preflight.environment, MAX.short)}`,
    `- **AMI:** ${preflight.amiId === void 0 ? "not resolved" : md(preflight.amiId, MAX.short)}`,
    `- **Go:** ${preflight.go ? "yes \u2014 safe to rotate / scale up" : "no \u2014 do not rotate or scale up"}`
  ];
}
function footerSection(report) {
  const parts = [`mode ${report.mode}`];
  if (report.repository !== void 0) parts.push(md(report.repository, MAX.short));
  if (report.base !== void 0 || report.head !== void 0) {
    parts.push(code(`${clip(report.base ?? "?", 64)}..${clip(report.head ?? "?", 64)}`));
  }
  parts.push(`started ${md(report.startedAt, MAX.short)}`);
  parts.push(formatDuration(report.durationMs));
  parts.push(`${md(report.tool.name, MAX.short)} ${md(report.tool.version, MAX.short)}`);
  return ["", "---", "", `<sub>${parts.join(" \xB7 ")}</sub>`];
}
function fileLinker(repoUrl, head) {
  const base = safeRepoUrl(repoUrl);
  if (base === void 0) return (_finding, text) => text;
  const ref = head !== void 0 && /^[0-9a-f]{7,64}$/i.test(head) ? head : "HEAD";
  return (finding, text) => {
    if (finding.file === void 0) return text;
    const path = finding.file.split("/").map((segment) => encodeURIComponent(segment).replace(/[()'!*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)).join("/");
    const anchor = finding.line === void 0 ? "" : `#L${finding.line}`;
    return `[${text}](${base}/blob/${ref}/${path}${anchor})`;
  };
}
function safeRepoUrl(repoUrl) {
  if (repoUrl === void 0) return void 0;
  try {
    const url = new URL(repoUrl);
    if (url.protocol !== "https:" || url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
      return void 0;
    }
    const href = url.href.replace(/\/+$/, "");
    return /^[A-Za-z0-9:/._~%-]+$/.test(href) ? href : void 0;
  } catch {
    return void 0;
  }
}

// src/report/trackingIssue.ts
var TRACKING_ISSUE_MARKER = "<!-- deploy-guard:audit -->";
var DEFAULT_TRACKING_ISSUE_TITLE = "deploy-guard audit: live infrastructure needs attention";
var DEFAULT_TRACKING_ISSUE_LABELS = ["deploy-guard"];
var ISSUE_BODY_MAX_BYTES = 6e4;
async function syncTrackingIssue(client, report, opts = {}) {
  const existing = await client.findOpenIssueWithMarker(TRACKING_ISSUE_MARKER);
  if (needsAttention(report)) {
    const body = trackingIssueBody(report, opts);
    if (existing !== void 0) {
      await client.update(existing.number, body);
      return { action: "updated", number: existing.number };
    }
    const number = await client.create(
      opts.title ?? DEFAULT_TRACKING_ISSUE_TITLE,
      body,
      [...opts.labels ?? DEFAULT_TRACKING_ISSUE_LABELS]
    );
    return { action: "opened", number };
  }
  if (existing === void 0) return { action: "none" };
  await client.comment(existing.number, resolvedComment(report, opts));
  await client.close(existing.number);
  return { action: "closed", number: existing.number };
}
function needsAttention(report) {
  return report.notEvaluated.length > 0 || report.findings.some((finding) => finding.level === "error" || finding.level === "warning");
}
function trackingIssueBody(report, opts = {}) {
  const summary2 = renderSummary(report, {
    maxBytes: ISSUE_BODY_MAX_BYTES,
    ...opts.repoUrl === void 0 ? {} : { repoUrl: opts.repoUrl }
  });
  const lines = [summary2.trimEnd(), ""];
  const run2 = runLink(opts.runUrl);
  if (run2 !== void 0) lines.push(`Latest audit run: ${run2}`, "");
  lines.push(
    "_This issue is kept up to date by the scheduled deploy-guard audit and closed when an audit is clean. Edits to this body are overwritten._",
    "",
    TRACKING_ISSUE_MARKER,
    ""
  );
  return lines.join("\n");
}
function resolvedComment(report, opts) {
  const run2 = runLink(opts.runUrl);
  const by = run2 === void 0 ? "" : ` (${run2})`;
  return `Resolved at ${escapeMarkdown(report.startedAt)}: the deploy-guard audit found no errors or warnings and evaluated everything${by}. Closing.
`;
}
function runLink(runUrl) {
  if (runUrl === void 0) return void 0;
  try {
    const url = new URL(runUrl);
    if (url.protocol !== "https:" || url.username !== "" || url.password !== "") return void 0;
    return /^[A-Za-z0-9:/._~%?=&#-]+$/.test(url.href) ? `[workflow run](${url.href})` : void 0;
  } catch {
    return void 0;
  }
}

// src/main.ts
var logger = { info, warning, debug };
function outputPath(requested, fallback, env, workspace) {
  if (requested) return isAbsolute(requested) ? requested : join2(workspace, requested);
  return join2(env.RUNNER_TEMP || tmpdir(), fallback);
}
async function realAncestor(dir) {
  for (let current = dir; ; current = dirname2(current)) {
    try {
      return await realpath(current);
    } catch (error2) {
      if (dirname2(current) === current) throw error2;
    }
  }
}
async function writeReportFile(path, content, workspace) {
  const requested = relative(workspace, path);
  if (!requested.startsWith("..") && !isAbsolute(requested)) {
    const inside = relative(await realpath(workspace), await realAncestor(dirname2(path)));
    if (inside.startsWith("..") || isAbsolute(inside)) {
      throw new ConfigurationError(
        `${requested}: a folder on its path is a symbolic link that leaves the workspace; the report was not written.`,
        "Write reports outside the checkout (the default is RUNNER_TEMP), or remove the link."
      );
    }
  }
  await mkdir2(dirname2(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile2(temporary, `${JSON.stringify(content, null, 2)}
`, { flag: "wx" });
  await rename2(temporary, path);
}
function openCache(dir) {
  const cache = new AnalysisCache(dir, analysisBuild());
  if (cache.problem) logger.info(`Analysis cache: ${cache.problem}.`);
  useAnalysisCache(cache);
  return cache;
}
function saveCache(cache) {
  const { read, added, unreadable } = cache.counts;
  logger.debug(`analysis cache ${cache.file}: ${read} analyses read, ${added} added${unreadable ? `, ${unreadable} unreadable (analysed again)` : ""}`);
  try {
    cache.save();
  } catch (error2) {
    logger.warning(`deploy-guard could not write its analysis cache ${cache.file}: ${error2 instanceof Error ? error2.message : String(error2)}. The next run analyses these files again; check that cache-dir names a folder this job can write.`);
  }
}
async function execute(deps) {
  const env = deps.env ?? process.env;
  const now = deps.now ?? /* @__PURE__ */ new Date();
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  let inputs;
  let mode = "pr";
  try {
    inputs = readInputs((name) => getInput(name));
    const tiering = tieringApplied();
    logger.debug(`node ${process.version}${process.execArgv.length > 0 ? ` ${process.execArgv.join(" ")}` : ""}${tiering.length > 0 ? `; set at start: ${tiering.join(" ")}` : ""}`);
    const threads = threadsProblem(env);
    if (threads) logger.warning(threads);
    mode = inputs.mode === "auto" ? modeFor(inputs, eventName) : inputs.mode;
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const cache = inputs.cacheDir ? openCache(resolve(workspace, inputs.cacheDir)) : void 0;
    const event = await readEvent(eventName, env.GITHUB_EVENT_PATH, env.GITHUB_REPOSITORY);
    if (mode === "pr" && (statedChangedFiles(event.payload) ?? 0) >= largeRun()) analysisPool().warm();
    const settings = await loadSettings(workspace, inputs, getInput(INPUT.config) !== "");
    const github = deps.github ?? githubFor(inputs, event, env.GITHUB_API_URL, info);
    const context = {
      settings,
      mode,
      workspace,
      now,
      event,
      ...github ? { github } : {},
      log: logger,
      version: VERSION,
      journal: new Journal()
    };
    const report = await runChecks(context, deps);
    const analysed = analysisCounts();
    if (analysed) logger.debug(`analysis: ${analysed.main} file(s) on the main thread, ${analysed.workers} on worker threads`);
    if (cache) saveCache(cache);
    return { report, inputs, event, github };
  } catch (error2) {
    if (error2 instanceof ConfigurationError) return { report: unevaluatedReport(mode, error2, now, VERSION), inputs, event: void 0, github: void 0 };
    throw error2;
  }
}
async function run(deps = {}) {
  try {
    const env = deps.env ?? process.env;
    const { report, inputs, github } = await execute(deps);
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const reportFile = outputPath(inputs?.reportFile, "deploy-guard-report.json", env, workspace);
    const sarifFile = outputPath(inputs?.sarifFile, "deploy-guard.sarif", env, workspace);
    await writeReportFile(reportFile, toJsonReport(report), workspace);
    await writeReportFile(sarifFile, toSarif(report, inputs ? { configFile: inputs.config } : {}), workspace);
    const { annotations, omitted } = buildAnnotations(report.findings, void 0, report.rules);
    for (const annotation of annotations) {
      const properties = {
        title: annotation.title,
        file: annotation.file,
        startLine: annotation.startLine,
        ...annotation.startColumn ? { startColumn: annotation.startColumn } : {}
      };
      if (annotation.level === "error") error(annotation.message, properties);
      else if (annotation.level === "warning") warning(annotation.message, properties);
      else notice(annotation.message, properties);
    }
    for (const missing of report.notEvaluated) error(`Not evaluated: ${missing.what}. ${missing.reason} Fix: ${missing.fix}`);
    if (omitted > 0) info(`${omitted} more finding(s) are in the job summary and the report (GitHub shows a limited number of annotations per step).`);
    const serverUrl = env.GITHUB_SERVER_URL ?? "https://github.com";
    const repoUrl = env.GITHUB_REPOSITORY ? `${serverUrl}/${env.GITHUB_REPOSITORY}` : void 0;
    if (env.GITHUB_STEP_SUMMARY) await summary.addRaw(renderSummary(report, repoUrl ? { repoUrl } : {})).write();
    const { outcome } = report;
    setOutput(OUTPUT.result, outcome.result);
    setOutput(OUTPUT.blocked, String(outcome.blocked));
    setOutput(OUTPUT.errors, String(outcome.errors));
    setOutput(OUTPUT.warnings, String(outcome.warnings));
    setOutput(OUTPUT.reportFile, reportFile);
    setOutput(OUTPUT.sarifFile, sarifFile);
    if (report.preflight) {
      setOutput(OUTPUT.go, String(report.preflight.go));
      setOutput(OUTPUT.amiId, report.preflight.amiId ?? "");
    }
    if (report.mode === "audit" && inputs?.auditIssue) {
      if (!github) throw new ConfigurationError("The audit tracking issue needs a GitHub token.", "Pass github-token (default ${{ github.token }}) with issues: write, or set audit-issue: false.");
      const runUrl = env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${serverUrl}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : void 0;
      const synced = await syncTrackingIssue(
        {
          findOpenIssueWithMarker: (marker) => github.findOpenIssueWithMarker(marker),
          create: (title, body, labels) => github.createIssue(title, body, labels),
          update: (number, body) => github.updateIssue(number, body),
          comment: (number, body) => github.commentOnIssue(number, body),
          close: (number) => github.closeIssue(number)
        },
        report,
        { ...runUrl ? { runUrl } : {}, ...repoUrl ? { repoUrl } : {} }
      );
      if (synced.action !== "none") info(`Audit tracking issue #${synced.number}: ${synced.action}.`);
    }
    info(`deploy-guard: ${outcome.result.toUpperCase()}: ${outcome.headline}`);
    if (exitCode(outcome, inputs?.failOn ?? "error") !== 0) setFailed(`deploy-guard ${outcome.result}: ${outcome.headline}`);
  } catch (error2) {
    setOutput(OUTPUT.result, "error");
    setOutput(OUTPUT.blocked, "true");
    setFailed(`deploy-guard could not run (DG901 internal-error): ${error2 instanceof Error ? error2.message : String(error2)}`);
  }
}
export {
  run
};
//# sourceMappingURL=main-BKTEWNYG.js.map
