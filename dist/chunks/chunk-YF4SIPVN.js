import { createRequire as __dgCreateRequire } from 'node:module'; const require = __dgCreateRequire(import.meta.url);
import {
  AMI_ID_PATTERN,
  SHELL_BUILTINS,
  TERRAFORM_FACT_WORDS_PCRE,
  TF_INTERP_PLACEHOLDER,
  analysisPool,
  announceAppspec,
  announceShell,
  announceTerraform,
  answeredShell,
  anyFactKind,
  createParser,
  emptyAnalysis,
  hasUnicodeEscape,
  largeRun,
  loadTerraformParser,
  mapScriptPosition,
  mayReadSsmParameters,
  pooledAppspec,
  pooledShell,
  pooledTerraform,
  renderTemplateFile,
  require_dist,
  terraformFactKinds,
  terraformNow,
  yamlReader
} from "./chunk-R5VRBRRL.js";
import {
  createGitHubApi
} from "./chunk-O5UWBKZA.js";
import {
  __commonJS,
  __toESM
} from "./chunk-WAXSGHYJ.js";

// node_modules/picomatch/lib/constants.js
var require_constants = __commonJS({
  "node_modules/picomatch/lib/constants.js"(exports, module) {
    "use strict";
    var WIN_SLASH = "\\\\/";
    var WIN_NO_SLASH = `[^${WIN_SLASH}]`;
    var DEFAULT_MAX_EXTGLOB_RECURSION = 0;
    var DOT_LITERAL = "\\.";
    var PLUS_LITERAL = "\\+";
    var QMARK_LITERAL = "\\?";
    var SLASH_LITERAL = "\\/";
    var ONE_CHAR = "(?=.)";
    var QMARK = "[^/]";
    var END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
    var START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
    var DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
    var NO_DOT = `(?!${DOT_LITERAL})`;
    var NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
    var NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
    var NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
    var QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
    var STAR = `${QMARK}*?`;
    var SEP = "/";
    var POSIX_CHARS = {
      DOT_LITERAL,
      PLUS_LITERAL,
      QMARK_LITERAL,
      SLASH_LITERAL,
      ONE_CHAR,
      QMARK,
      END_ANCHOR,
      DOTS_SLASH,
      NO_DOT,
      NO_DOTS,
      NO_DOT_SLASH,
      NO_DOTS_SLASH,
      QMARK_NO_DOT,
      STAR,
      START_ANCHOR,
      SEP
    };
    var WINDOWS_CHARS = {
      ...POSIX_CHARS,
      SLASH_LITERAL: `[${WIN_SLASH}]`,
      QMARK: WIN_NO_SLASH,
      STAR: `${WIN_NO_SLASH}*?`,
      DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
      NO_DOT: `(?!${DOT_LITERAL})`,
      NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
      NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
      START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
      END_ANCHOR: `(?:[${WIN_SLASH}]|$)`,
      SEP: "\\"
    };
    var POSIX_REGEX_SOURCE = {
      __proto__: null,
      alnum: "a-zA-Z0-9",
      alpha: "a-zA-Z",
      ascii: "\\x00-\\x7F",
      blank: " \\t",
      cntrl: "\\x00-\\x1F\\x7F",
      digit: "0-9",
      graph: "\\x21-\\x7E",
      lower: "a-z",
      print: "\\x20-\\x7E ",
      punct: "\\-!\"#$%&'()\\*+,./:;<=>?@[\\]^_`{|}~",
      space: " \\t\\r\\n\\v\\f",
      upper: "A-Z",
      word: "A-Za-z0-9_",
      xdigit: "A-Fa-f0-9"
    };
    module.exports = {
      DEFAULT_MAX_EXTGLOB_RECURSION,
      MAX_LENGTH: 1024 * 64,
      POSIX_REGEX_SOURCE,
      // regular expressions
      REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
      REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
      REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
      REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
      REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
      REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,
      // Replace globs with equivalent patterns to reduce parsing time.
      REPLACEMENTS: {
        __proto__: null,
        "***": "*",
        "**/**": "**",
        "**/**/**": "**"
      },
      // Digits
      CHAR_0: 48,
      /* 0 */
      CHAR_9: 57,
      /* 9 */
      // Alphabet chars.
      CHAR_UPPERCASE_A: 65,
      /* A */
      CHAR_LOWERCASE_A: 97,
      /* a */
      CHAR_UPPERCASE_Z: 90,
      /* Z */
      CHAR_LOWERCASE_Z: 122,
      /* z */
      CHAR_LEFT_PARENTHESES: 40,
      /* ( */
      CHAR_RIGHT_PARENTHESES: 41,
      /* ) */
      CHAR_ASTERISK: 42,
      /* * */
      // Non-alphabetic chars.
      CHAR_AMPERSAND: 38,
      /* & */
      CHAR_AT: 64,
      /* @ */
      CHAR_BACKWARD_SLASH: 92,
      /* \ */
      CHAR_CARRIAGE_RETURN: 13,
      /* \r */
      CHAR_CIRCUMFLEX_ACCENT: 94,
      /* ^ */
      CHAR_COLON: 58,
      /* : */
      CHAR_COMMA: 44,
      /* , */
      CHAR_DOT: 46,
      /* . */
      CHAR_DOUBLE_QUOTE: 34,
      /* " */
      CHAR_EQUAL: 61,
      /* = */
      CHAR_EXCLAMATION_MARK: 33,
      /* ! */
      CHAR_FORM_FEED: 12,
      /* \f */
      CHAR_FORWARD_SLASH: 47,
      /* / */
      CHAR_GRAVE_ACCENT: 96,
      /* ` */
      CHAR_HASH: 35,
      /* # */
      CHAR_HYPHEN_MINUS: 45,
      /* - */
      CHAR_LEFT_ANGLE_BRACKET: 60,
      /* < */
      CHAR_LEFT_CURLY_BRACE: 123,
      /* { */
      CHAR_LEFT_SQUARE_BRACKET: 91,
      /* [ */
      CHAR_LINE_FEED: 10,
      /* \n */
      CHAR_NO_BREAK_SPACE: 160,
      /* \u00A0 */
      CHAR_PERCENT: 37,
      /* % */
      CHAR_PLUS: 43,
      /* + */
      CHAR_QUESTION_MARK: 63,
      /* ? */
      CHAR_RIGHT_ANGLE_BRACKET: 62,
      /* > */
      CHAR_RIGHT_CURLY_BRACE: 125,
      /* } */
      CHAR_RIGHT_SQUARE_BRACKET: 93,
      /* ] */
      CHAR_SEMICOLON: 59,
      /* ; */
      CHAR_SINGLE_QUOTE: 39,
      /* ' */
      CHAR_SPACE: 32,
      /*   */
      CHAR_TAB: 9,
      /* \t */
      CHAR_UNDERSCORE: 95,
      /* _ */
      CHAR_VERTICAL_LINE: 124,
      /* | */
      CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279,
      /* \uFEFF */
      /**
       * Create EXTGLOB_CHARS
       */
      extglobChars(chars) {
        return {
          "!": { type: "negate", open: "(?:(?!(?:", close: `))${chars.STAR})` },
          "?": { type: "qmark", open: "(?:", close: ")?" },
          "+": { type: "plus", open: "(?:", close: ")+" },
          "*": { type: "star", open: "(?:", close: ")*" },
          "@": { type: "at", open: "(?:", close: ")" }
        };
      },
      /**
       * Create GLOB_CHARS
       */
      globChars(win32) {
        return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
      }
    };
  }
});

// node_modules/picomatch/lib/utils.js
var require_utils = __commonJS({
  "node_modules/picomatch/lib/utils.js"(exports) {
    "use strict";
    var {
      REGEX_BACKSLASH,
      REGEX_REMOVE_BACKSLASH,
      REGEX_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_GLOBAL
    } = require_constants();
    exports.isObject = (val) => val !== null && typeof val === "object" && !Array.isArray(val);
    exports.hasRegexChars = (str) => REGEX_SPECIAL_CHARS.test(str);
    exports.isRegexChar = (str) => str.length === 1 && exports.hasRegexChars(str);
    exports.escapeRegex = (str) => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, "\\$1");
    exports.toPosixSlashes = (str) => str.replace(REGEX_BACKSLASH, "/");
    exports.isWindows = () => {
      if (typeof navigator !== "undefined" && navigator.platform) {
        const platform = navigator.platform.toLowerCase();
        return platform === "win32" || platform === "windows";
      }
      if (typeof process !== "undefined" && process.platform) {
        return process.platform === "win32";
      }
      return false;
    };
    exports.removeBackslashes = (str) => {
      return str.replace(REGEX_REMOVE_BACKSLASH, (match) => {
        return match === "\\" ? "" : match;
      });
    };
    exports.escapeLast = (input, char, lastIdx) => {
      const idx = input.lastIndexOf(char, lastIdx);
      if (idx === -1) return input;
      if (input[idx - 1] === "\\") return exports.escapeLast(input, char, idx - 1);
      return `${input.slice(0, idx)}\\${input.slice(idx)}`;
    };
    exports.removePrefix = (input, state = {}) => {
      let output = input;
      if (output.startsWith("./")) {
        output = output.slice(2);
        state.prefix = "./";
      }
      return output;
    };
    exports.wrapOutput = (input, state = {}, options = {}) => {
      const prepend = options.contains ? "" : "^";
      const append = options.contains ? "" : "$";
      let output = `${prepend}(?:${input})${append}`;
      if (state.negated === true) {
        output = `(?:^(?!${output}).*$)`;
      }
      return output;
    };
    exports.basename = (path, { windows } = {}) => {
      const segs = path.split(windows ? /[\\/]/ : "/");
      const last = segs[segs.length - 1];
      if (last === "") {
        return segs[segs.length - 2];
      }
      return last;
    };
  }
});

// node_modules/picomatch/lib/scan.js
var require_scan = __commonJS({
  "node_modules/picomatch/lib/scan.js"(exports, module) {
    "use strict";
    var utils = require_utils();
    var {
      CHAR_ASTERISK,
      /* * */
      CHAR_AT,
      /* @ */
      CHAR_BACKWARD_SLASH,
      /* \ */
      CHAR_COMMA,
      /* , */
      CHAR_DOT,
      /* . */
      CHAR_EXCLAMATION_MARK,
      /* ! */
      CHAR_FORWARD_SLASH,
      /* / */
      CHAR_LEFT_CURLY_BRACE,
      /* { */
      CHAR_LEFT_PARENTHESES,
      /* ( */
      CHAR_LEFT_SQUARE_BRACKET,
      /* [ */
      CHAR_PLUS,
      /* + */
      CHAR_QUESTION_MARK,
      /* ? */
      CHAR_RIGHT_CURLY_BRACE,
      /* } */
      CHAR_RIGHT_PARENTHESES,
      /* ) */
      CHAR_RIGHT_SQUARE_BRACKET
      /* ] */
    } = require_constants();
    var isPathSeparator = (code2) => {
      return code2 === CHAR_FORWARD_SLASH || code2 === CHAR_BACKWARD_SLASH;
    };
    var depth = (token) => {
      if (token.isPrefix !== true) {
        token.depth = token.isGlobstar ? Infinity : 1;
      }
    };
    var scan = (input, options) => {
      const opts = options || {};
      const length = input.length - 1;
      const scanToEnd = opts.parts === true || opts.tokens === true || opts.scanToEnd === true;
      const slashes = [];
      const tokens = [];
      const parts = [];
      let str = input;
      let index = -1;
      let start = 0;
      let lastIndex = 0;
      let isBrace = false;
      let isBracket = false;
      let isGlob = false;
      let isExtglob = false;
      let isGlobstar = false;
      let braceEscaped = false;
      let backslashes = false;
      let negated = false;
      let negatedExtglob = false;
      let finished = false;
      let braces = 0;
      let prev;
      let code2;
      let token = { value: "", depth: 0, isGlob: false };
      const eos = () => index >= length;
      const peek = () => str.charCodeAt(index + 1);
      const advance = () => {
        prev = code2;
        return str.charCodeAt(++index);
      };
      while (index < length) {
        code2 = advance();
        let next;
        if (code2 === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          code2 = advance();
          if (code2 === CHAR_LEFT_CURLY_BRACE) {
            braceEscaped = true;
          }
          continue;
        }
        if (braceEscaped === true || code2 === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          while (eos() !== true && (code2 = advance())) {
            if (code2 === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (code2 === CHAR_LEFT_CURLY_BRACE) {
              braces++;
              continue;
            }
            if (braceEscaped !== true && code2 === CHAR_DOT && (code2 = advance()) === CHAR_DOT) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (braceEscaped !== true && code2 === CHAR_COMMA) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (code2 === CHAR_RIGHT_CURLY_BRACE) {
              braces--;
              if (braces === 0) {
                braceEscaped = false;
                isBrace = token.isBrace = true;
                finished = true;
                break;
              }
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_FORWARD_SLASH) {
          slashes.push(index);
          tokens.push(token);
          token = { value: "", depth: 0, isGlob: false };
          if (finished === true) continue;
          if (prev === CHAR_DOT && index === start + 1) {
            start += 2;
            continue;
          }
          lastIndex = index + 1;
          continue;
        }
        if (opts.noext !== true) {
          const isExtglobChar = code2 === CHAR_PLUS || code2 === CHAR_AT || code2 === CHAR_ASTERISK || code2 === CHAR_QUESTION_MARK || code2 === CHAR_EXCLAMATION_MARK;
          if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
            isGlob = token.isGlob = true;
            isExtglob = token.isExtglob = true;
            finished = true;
            if (code2 === CHAR_EXCLAMATION_MARK && index === start) {
              negatedExtglob = true;
            }
            if (scanToEnd === true) {
              let parens = 0;
              while (eos() !== true && (code2 = advance())) {
                if (code2 === CHAR_BACKWARD_SLASH) {
                  backslashes = token.backslashes = true;
                  advance();
                  continue;
                }
                if (code2 === CHAR_LEFT_PARENTHESES) {
                  parens++;
                  continue;
                }
                if (code2 === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                  finished = true;
                  break;
                }
              }
              continue;
            }
            break;
          }
        }
        if (code2 === CHAR_ASTERISK) {
          if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_QUESTION_MARK) {
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_LEFT_SQUARE_BRACKET) {
          while (eos() !== true && (next = advance())) {
            if (next === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (next === CHAR_RIGHT_SQUARE_BRACKET) {
              isBracket = token.isBracket = true;
              isGlob = token.isGlob = true;
              finished = true;
              break;
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (opts.nonegate !== true && code2 === CHAR_EXCLAMATION_MARK && index === start) {
          negated = token.negated = true;
          start++;
          continue;
        }
        if (opts.noparen !== true && code2 === CHAR_LEFT_PARENTHESES) {
          isGlob = token.isGlob = true;
          if (scanToEnd === true) {
            let parens = 1;
            while (eos() !== true && (code2 = advance())) {
              if (code2 === CHAR_BACKWARD_SLASH) {
                backslashes = token.backslashes = true;
                advance();
                continue;
              }
              if (code2 === CHAR_LEFT_PARENTHESES) {
                parens++;
                continue;
              }
              if (code2 === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                finished = true;
                break;
              }
            }
            continue;
          }
          break;
        }
        if (isGlob === true) {
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
      }
      if (opts.noext === true) {
        isExtglob = false;
        isGlob = false;
      }
      let base = str;
      let prefix = "";
      let glob = "";
      if (start > 0) {
        prefix = str.slice(0, start);
        str = str.slice(start);
        lastIndex -= start;
      }
      if (base && isGlob === true && lastIndex > 0) {
        base = str.slice(0, lastIndex);
        glob = str.slice(lastIndex);
      } else if (isGlob === true) {
        base = "";
        glob = str;
      } else {
        base = str;
      }
      if (base && base !== "" && base !== "/" && base !== str) {
        if (isPathSeparator(base.charCodeAt(base.length - 1))) {
          base = base.slice(0, -1);
        }
      }
      if (opts.unescape === true) {
        if (glob) glob = utils.removeBackslashes(glob);
        if (base && backslashes === true) {
          base = utils.removeBackslashes(base);
        }
      }
      const state = {
        prefix,
        input,
        start,
        base,
        glob,
        isBrace,
        isBracket,
        isGlob,
        isExtglob,
        isGlobstar,
        negated,
        negatedExtglob
      };
      if (opts.tokens === true) {
        state.maxDepth = 0;
        if (!isPathSeparator(code2)) {
          tokens.push(token);
        }
        state.tokens = tokens;
      }
      if (opts.parts === true || opts.tokens === true) {
        let prevIndex;
        for (let idx = 0; idx < slashes.length; idx++) {
          const n2 = prevIndex !== void 0 ? prevIndex + 1 : start;
          const i = slashes[idx];
          const value2 = input.slice(n2, i);
          if (opts.tokens) {
            if (idx === 0 && start !== 0) {
              tokens[idx].isPrefix = true;
              tokens[idx].value = prefix;
            } else {
              tokens[idx].value = value2;
            }
            depth(tokens[idx]);
            state.maxDepth += tokens[idx].depth;
          }
          if (i >= start) {
            parts.push(value2);
            prevIndex = i;
          }
        }
        const n = prevIndex !== void 0 ? prevIndex + 1 : start;
        const value = input.slice(n);
        parts.push(value);
        if (opts.tokens && prevIndex && prevIndex + 1 < input.length) {
          tokens[tokens.length - 1].value = value;
          depth(tokens[tokens.length - 1]);
          state.maxDepth += tokens[tokens.length - 1].depth;
        }
        state.slashes = slashes;
        state.parts = parts;
      }
      return state;
    };
    module.exports = scan;
  }
});

// node_modules/picomatch/lib/parse.js
var require_parse = __commonJS({
  "node_modules/picomatch/lib/parse.js"(exports, module) {
    "use strict";
    var constants = require_constants();
    var utils = require_utils();
    var {
      MAX_LENGTH,
      POSIX_REGEX_SOURCE,
      REGEX_NON_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_BACKREF,
      REPLACEMENTS
    } = constants;
    var expandRange = (args, options) => {
      if (typeof options.expandRange === "function") {
        return options.expandRange(...args, options);
      }
      args.sort();
      const value = `[${args.join("-")}]`;
      try {
        new RegExp(value);
      } catch (ex) {
        return args.map((v) => utils.escapeRegex(v)).join("..");
      }
      return value;
    };
    var syntaxError = (type, char) => {
      return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
    };
    var splitTopLevel = (input) => {
      const parts = [];
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let value = "";
      let escaped = false;
      for (const ch of input) {
        if (escaped === true) {
          value += ch;
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          value += ch;
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          value += ch;
          continue;
        }
        if (quote === 0) {
          if (ch === "[") {
            bracket++;
          } else if (ch === "]" && bracket > 0) {
            bracket--;
          } else if (bracket === 0) {
            if (ch === "(") {
              paren++;
            } else if (ch === ")" && paren > 0) {
              paren--;
            } else if (ch === "|" && paren === 0) {
              parts.push(value);
              value = "";
              continue;
            }
          }
        }
        value += ch;
      }
      parts.push(value);
      return parts;
    };
    var isPlainBranch = (branch) => {
      let escaped = false;
      for (const ch of branch) {
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (/[?*+@!()[\]{}]/.test(ch)) {
          return false;
        }
      }
      return true;
    };
    var normalizeSimpleBranch = (branch) => {
      let value = branch.trim();
      let changed = true;
      while (changed === true) {
        changed = false;
        if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
          value = value.slice(2, -1);
          changed = true;
        }
      }
      if (!isPlainBranch(value)) {
        return;
      }
      return value.replace(/\\(.)/g, "$1");
    };
    var hasRepeatedCharPrefixOverlap = (branches) => {
      const values = branches.map(normalizeSimpleBranch).filter(Boolean);
      for (let i = 0; i < values.length; i++) {
        for (let j = i + 1; j < values.length; j++) {
          const a = values[i];
          const b = values[j];
          const char = a[0];
          if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
            continue;
          }
          if (a === b || a.startsWith(b) || b.startsWith(a)) {
            return true;
          }
        }
      }
      return false;
    };
    var parseRepeatedExtglob = (pattern, requireEnd = true) => {
      if (pattern[0] !== "+" && pattern[0] !== "*" || pattern[1] !== "(") {
        return;
      }
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let escaped = false;
      for (let i = 1; i < pattern.length; i++) {
        const ch = pattern[i];
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          continue;
        }
        if (quote === 1) {
          continue;
        }
        if (ch === "[") {
          bracket++;
          continue;
        }
        if (ch === "]" && bracket > 0) {
          bracket--;
          continue;
        }
        if (bracket > 0) {
          continue;
        }
        if (ch === "(") {
          paren++;
          continue;
        }
        if (ch === ")") {
          paren--;
          if (paren === 0) {
            if (requireEnd === true && i !== pattern.length - 1) {
              return;
            }
            return {
              type: pattern[0],
              body: pattern.slice(2, i),
              end: i
            };
          }
        }
      }
    };
    var buildCharClassStar = (chars) => {
      const source = chars.length === 1 ? utils.escapeRegex(chars[0]) : `[${chars.map((ch) => utils.escapeRegex(ch)).join("")}]`;
      return `${source}*`;
    };
    var getStarExtglobSequenceChars = (pattern) => {
      let index = 0;
      const chars = [];
      while (index < pattern.length) {
        const match = parseRepeatedExtglob(pattern.slice(index), false);
        if (!match || match.type !== "*") {
          return;
        }
        const branches = splitTopLevel(match.body).map((branch2) => branch2.trim());
        if (branches.length !== 1) {
          return;
        }
        const branch = normalizeSimpleBranch(branches[0]);
        if (!branch || branch.length !== 1) {
          return;
        }
        chars.push(branch);
        index += match.end + 1;
      }
      if (chars.length < 1) {
        return;
      }
      return chars;
    };
    var repeatedExtglobRecursion = (pattern) => {
      let depth = 0;
      let value = pattern.trim();
      let match = parseRepeatedExtglob(value);
      while (match) {
        depth++;
        value = match.body.trim();
        match = parseRepeatedExtglob(value);
      }
      return depth;
    };
    var analyzeRepeatedExtglob = (body, options) => {
      if (options.maxExtglobRecursion === false) {
        return { risky: false };
      }
      const max = typeof options.maxExtglobRecursion === "number" ? options.maxExtglobRecursion : constants.DEFAULT_MAX_EXTGLOB_RECURSION;
      const branches = splitTopLevel(body).map((branch) => branch.trim());
      if (branches.length > 1) {
        if (branches.some((branch) => branch === "") || branches.some((branch) => /^[*?]+$/.test(branch)) || hasRepeatedCharPrefixOverlap(branches)) {
          return { risky: true };
        }
      }
      const safeChars = [];
      let sawStarSequence = false;
      let combinable = true;
      for (const branch of branches) {
        const chars = getStarExtglobSequenceChars(branch);
        if (chars) {
          sawStarSequence = true;
          safeChars.push(...chars);
          continue;
        }
        const literal2 = normalizeSimpleBranch(branch);
        if (literal2 && literal2.length === 1) {
          safeChars.push(literal2);
          continue;
        }
        combinable = false;
        if (repeatedExtglobRecursion(branch) > max) {
          return { risky: true };
        }
      }
      if (sawStarSequence) {
        return combinable ? { risky: true, safeOutput: buildCharClassStar([...new Set(safeChars)]) } : { risky: true };
      }
      return { risky: false };
    };
    var parse2 = (input, options) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected a string");
      }
      input = REPLACEMENTS[input] || input;
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      let len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      const bos = { type: "bos", value: "", output: opts.prepend || "" };
      const tokens = [bos];
      const capture = opts.capture ? "" : "?:";
      const PLATFORM_CHARS = constants.globChars(opts.windows);
      const EXTGLOB_CHARS = constants.extglobChars(PLATFORM_CHARS);
      const {
        DOT_LITERAL,
        PLUS_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOT_SLASH,
        NO_DOTS_SLASH,
        QMARK,
        QMARK_NO_DOT,
        STAR,
        START_ANCHOR
      } = PLATFORM_CHARS;
      const globstar = (opts2) => {
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const nodot = opts.dot ? "" : NO_DOT;
      const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
      let star = opts.bash === true ? globstar(opts) : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      if (typeof opts.noext === "boolean") {
        opts.noextglob = opts.noext;
      }
      const state = {
        input,
        index: -1,
        start: 0,
        dot: opts.dot === true,
        consumed: "",
        output: "",
        prefix: "",
        backtrack: false,
        negated: false,
        brackets: 0,
        braces: 0,
        parens: 0,
        quotes: 0,
        globstar: false,
        tokens
      };
      input = utils.removePrefix(input, state);
      len = input.length;
      const extglobs = [];
      const braces = [];
      const stack = [];
      let prev = bos;
      let value;
      const eos = () => state.index === len - 1;
      const peek = state.peek = (n = 1) => input[state.index + n];
      const advance = state.advance = () => input[++state.index] || "";
      const remaining = () => input.slice(state.index + 1);
      const consume = (value2 = "", num = 0) => {
        state.consumed += value2;
        state.index += num;
      };
      const append = (token) => {
        state.output += token.output != null ? token.output : token.value;
        consume(token.value);
      };
      const negate = () => {
        let count = 1;
        while (peek() === "!" && (peek(2) !== "(" || peek(3) === "?")) {
          advance();
          state.start++;
          count++;
        }
        if (count % 2 === 0) {
          return false;
        }
        state.negated = true;
        state.start++;
        return true;
      };
      const increment = (type) => {
        state[type]++;
        stack.push(type);
      };
      const decrement = (type) => {
        state[type]--;
        stack.pop();
      };
      const push = (tok) => {
        if (prev.type === "globstar") {
          const isBrace = state.braces > 0 && (tok.type === "comma" || tok.type === "brace");
          const isExtglob = tok.extglob === true || extglobs.length && (tok.type === "pipe" || tok.type === "paren");
          if (tok.type !== "slash" && tok.type !== "paren" && !isBrace && !isExtglob) {
            state.output = state.output.slice(0, -prev.output.length);
            prev.type = "star";
            prev.value = "*";
            prev.output = star;
            state.output += prev.output;
          }
        }
        if (extglobs.length && tok.type !== "paren") {
          extglobs[extglobs.length - 1].inner += tok.value;
        }
        if (tok.value || tok.output) append(tok);
        if (prev && prev.type === "text" && tok.type === "text") {
          prev.output = (prev.output || prev.value) + tok.value;
          prev.value += tok.value;
          return;
        }
        tok.prev = prev;
        tokens.push(tok);
        prev = tok;
      };
      const extglobOpen = (type, value2) => {
        const token = { ...EXTGLOB_CHARS[value2], conditions: 1, inner: "" };
        token.prev = prev;
        token.parens = state.parens;
        token.output = state.output;
        token.startIndex = state.index;
        token.tokensIndex = tokens.length;
        const output = (opts.capture ? "(" : "") + token.open;
        increment("parens");
        push({ type, value: value2, output: state.output ? "" : ONE_CHAR });
        push({ type: "paren", extglob: true, value: advance(), output });
        extglobs.push(token);
      };
      const extglobClose = (token) => {
        const literal2 = input.slice(token.startIndex, state.index + 1);
        const body = input.slice(token.startIndex + 2, state.index);
        const analysis = analyzeRepeatedExtglob(body, opts);
        if ((token.type === "plus" || token.type === "star") && analysis.risky) {
          const safeOutput = analysis.safeOutput ? (token.output ? "" : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput) : void 0;
          const open = tokens[token.tokensIndex];
          open.type = "text";
          open.value = literal2;
          open.output = safeOutput || utils.escapeRegex(literal2);
          for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
            tokens[i].value = "";
            tokens[i].output = "";
            delete tokens[i].suffix;
          }
          state.output = token.output + open.output;
          state.backtrack = true;
          push({ type: "paren", extglob: true, value, output: "" });
          decrement("parens");
          return;
        }
        let output = token.close + (opts.capture ? ")" : "");
        let rest;
        if (token.type === "negate") {
          let extglobStar = star;
          if (token.inner && token.inner.length > 1 && token.inner.includes("/")) {
            extglobStar = globstar(opts);
          }
          if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
            output = token.close = `)$))${extglobStar}`;
          }
          if (token.inner.includes("*") && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
            const expression = parse2(rest, { ...options, fastpaths: false }).output;
            output = token.close = `)${expression})${extglobStar})`;
          }
          if (token.prev.type === "bos") {
            state.negatedExtglob = true;
          }
        }
        push({ type: "paren", extglob: true, value, output });
        decrement("parens");
      };
      if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
        let backslashes = false;
        let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc2, chars, first, rest, index) => {
          if (first === "\\") {
            backslashes = true;
            return m;
          }
          if (first === "?") {
            if (esc2) {
              return esc2 + first + (rest ? QMARK.repeat(rest.length) : "");
            }
            if (index === 0) {
              return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : "");
            }
            return QMARK.repeat(chars.length);
          }
          if (first === ".") {
            return DOT_LITERAL.repeat(chars.length);
          }
          if (first === "*") {
            if (esc2) {
              return esc2 + first + (rest ? star : "");
            }
            return star;
          }
          return esc2 ? m : `\\${m}`;
        });
        if (backslashes === true) {
          if (opts.unescape === true) {
            output = output.replace(/\\/g, "");
          } else {
            output = output.replace(/\\+/g, (m) => {
              return m.length % 2 === 0 ? "\\\\" : m ? "\\" : "";
            });
          }
        }
        if (output === input && opts.contains === true) {
          state.output = input;
          return state;
        }
        state.output = utils.wrapOutput(output, state, options);
        return state;
      }
      while (!eos()) {
        value = advance();
        if (value === "\0") {
          continue;
        }
        if (value === "\\") {
          const next = peek();
          if (next === "/" && opts.bash !== true) {
            continue;
          }
          if (next === "." || next === ";") {
            continue;
          }
          if (!next) {
            value += "\\";
            push({ type: "text", value });
            continue;
          }
          const match = /^\\+/.exec(remaining());
          let slashes = 0;
          if (match && match[0].length > 2) {
            slashes = match[0].length;
            state.index += slashes;
            if (slashes % 2 !== 0) {
              value += "\\";
            }
          }
          if (opts.unescape === true) {
            value = advance();
          } else {
            value += advance();
          }
          if (state.brackets === 0) {
            push({ type: "text", value });
            continue;
          }
        }
        if (state.brackets > 0 && (value !== "]" || prev.value === "[" || prev.value === "[^")) {
          if (opts.posix !== false && value === ":") {
            const inner = prev.value.slice(1);
            if (inner.includes("[")) {
              prev.posix = true;
              if (inner.includes(":")) {
                const idx = prev.value.lastIndexOf("[");
                const pre = prev.value.slice(0, idx);
                const rest2 = prev.value.slice(idx + 2);
                const posix6 = POSIX_REGEX_SOURCE[rest2];
                if (posix6) {
                  prev.value = pre + posix6;
                  state.backtrack = true;
                  advance();
                  if (!bos.output && tokens.indexOf(prev) === 1) {
                    bos.output = ONE_CHAR;
                  }
                  continue;
                }
              }
            }
          }
          if (value === "[" && peek() !== ":" || value === "-" && peek() === "]") {
            value = `\\${value}`;
          }
          if (value === "]" && (prev.value === "[" || prev.value === "[^")) {
            value = `\\${value}`;
          }
          if (opts.posix === true && value === "!" && prev.value === "[") {
            value = "^";
          }
          prev.value += value;
          append({ value });
          continue;
        }
        if (state.quotes === 1 && value !== '"') {
          value = utils.escapeRegex(value);
          prev.value += value;
          append({ value });
          continue;
        }
        if (value === '"') {
          state.quotes = state.quotes === 1 ? 0 : 1;
          if (opts.keepQuotes === true) {
            push({ type: "text", value });
          }
          continue;
        }
        if (value === "(") {
          increment("parens");
          push({ type: "paren", value });
          continue;
        }
        if (value === ")") {
          if (state.parens === 0 && opts.strictBrackets === true) {
            throw new SyntaxError(syntaxError("opening", "("));
          }
          const extglob = extglobs[extglobs.length - 1];
          if (extglob && state.parens === extglob.parens + 1) {
            extglobClose(extglobs.pop());
            continue;
          }
          push({ type: "paren", value, output: state.parens ? ")" : "\\)" });
          decrement("parens");
          continue;
        }
        if (value === "[") {
          if (opts.nobracket === true || !remaining().includes("]")) {
            if (opts.nobracket !== true && opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("closing", "]"));
            }
            value = `\\${value}`;
          } else {
            increment("brackets");
          }
          push({ type: "bracket", value });
          continue;
        }
        if (value === "]") {
          if (opts.nobracket === true || prev && prev.type === "bracket" && prev.value.length === 1) {
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          if (state.brackets === 0) {
            if (opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("opening", "["));
            }
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          decrement("brackets");
          const prevValue = prev.value.slice(1);
          if (prev.posix !== true && prevValue[0] === "^" && !prevValue.includes("/")) {
            value = `/${value}`;
          }
          prev.value += value;
          append({ value });
          if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
            continue;
          }
          const escaped = utils.escapeRegex(prev.value);
          state.output = state.output.slice(0, -prev.value.length);
          if (opts.literalBrackets === true) {
            state.output += escaped;
            prev.value = escaped;
            continue;
          }
          prev.value = `(${capture}${escaped}|${prev.value})`;
          state.output += prev.value;
          continue;
        }
        if (value === "{" && opts.nobrace !== true) {
          increment("braces");
          const open = {
            type: "brace",
            value,
            output: "(",
            outputIndex: state.output.length,
            tokensIndex: state.tokens.length
          };
          braces.push(open);
          push(open);
          continue;
        }
        if (value === "}") {
          const brace = braces[braces.length - 1];
          if (opts.nobrace === true || !brace) {
            push({ type: "text", value, output: value });
            continue;
          }
          let output = ")";
          if (brace.dots === true) {
            const arr = tokens.slice();
            const range = [];
            for (let i = arr.length - 1; i >= 0; i--) {
              tokens.pop();
              if (arr[i].type === "brace") {
                break;
              }
              if (arr[i].type !== "dots") {
                range.unshift(arr[i].value);
              }
            }
            output = expandRange(range, opts);
            state.backtrack = true;
          }
          if (brace.comma !== true && brace.dots !== true) {
            const out = state.output.slice(0, brace.outputIndex);
            const toks = state.tokens.slice(brace.tokensIndex);
            brace.value = brace.output = "\\{";
            value = output = "\\}";
            state.output = out;
            for (const t of toks) {
              state.output += t.output || t.value;
            }
          }
          push({ type: "brace", value, output });
          decrement("braces");
          braces.pop();
          continue;
        }
        if (value === "|") {
          if (extglobs.length > 0) {
            extglobs[extglobs.length - 1].conditions++;
          }
          push({ type: "text", value });
          continue;
        }
        if (value === ",") {
          let output = value;
          const brace = braces[braces.length - 1];
          if (brace && stack[stack.length - 1] === "braces") {
            brace.comma = true;
            output = "|";
          }
          push({ type: "comma", value, output });
          continue;
        }
        if (value === "/") {
          if (prev.type === "dot" && state.index === state.start + 1) {
            state.start = state.index + 1;
            state.consumed = "";
            state.output = "";
            tokens.pop();
            prev = bos;
            continue;
          }
          push({ type: "slash", value, output: SLASH_LITERAL });
          continue;
        }
        if (value === ".") {
          if (state.braces > 0 && prev.type === "dot") {
            if (prev.value === ".") prev.output = DOT_LITERAL;
            const brace = braces[braces.length - 1];
            prev.type = "dots";
            prev.output += value;
            prev.value += value;
            brace.dots = true;
            continue;
          }
          if (state.braces + state.parens === 0 && prev.type !== "bos" && prev.type !== "slash") {
            push({ type: "text", value, output: DOT_LITERAL });
            continue;
          }
          push({ type: "dot", value, output: DOT_LITERAL });
          continue;
        }
        if (value === "?") {
          const isGroup = prev && prev.value === "(";
          if (!isGroup && opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("qmark", value);
            continue;
          }
          if (prev && prev.type === "paren") {
            const next = peek();
            let output = value;
            if (prev.value === "(" && !/[!=<:]/.test(next) || next === "<" && !/<([!=]|\w+>)/.test(remaining())) {
              output = `\\${value}`;
            }
            push({ type: "text", value, output });
            continue;
          }
          if (opts.dot !== true && (prev.type === "slash" || prev.type === "bos")) {
            push({ type: "qmark", value, output: QMARK_NO_DOT });
            continue;
          }
          push({ type: "qmark", value, output: QMARK });
          continue;
        }
        if (value === "!") {
          if (opts.noextglob !== true && peek() === "(") {
            if (peek(2) !== "?" || !/[!=<:]/.test(peek(3))) {
              extglobOpen("negate", value);
              continue;
            }
          }
          if (opts.nonegate !== true && state.index === 0) {
            negate();
            continue;
          }
        }
        if (value === "+") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("plus", value);
            continue;
          }
          if (prev && prev.value === "(" || opts.regex === false) {
            push({ type: "plus", value, output: PLUS_LITERAL });
            continue;
          }
          if (prev && (prev.type === "bracket" || prev.type === "paren" || prev.type === "brace") || state.parens > 0) {
            push({ type: "plus", value });
            continue;
          }
          push({ type: "plus", value: PLUS_LITERAL });
          continue;
        }
        if (value === "@") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            push({ type: "at", extglob: true, value, output: "" });
            continue;
          }
          push({ type: "text", value });
          continue;
        }
        if (value !== "*") {
          if (value === "$" || value === "^") {
            value = `\\${value}`;
          }
          const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
          if (match) {
            value += match[0];
            state.index += match[0].length;
          }
          push({ type: "text", value });
          continue;
        }
        if (prev && (prev.type === "globstar" || prev.star === true)) {
          prev.type = "star";
          prev.star = true;
          prev.value += value;
          prev.output = star;
          state.backtrack = true;
          state.globstar = true;
          consume(value);
          continue;
        }
        let rest = remaining();
        if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
          extglobOpen("star", value);
          continue;
        }
        if (prev.type === "star") {
          if (opts.noglobstar === true) {
            consume(value);
            continue;
          }
          const prior = prev.prev;
          const before = prior.prev;
          const isStart = prior.type === "slash" || prior.type === "bos";
          const afterStar = before && (before.type === "star" || before.type === "globstar");
          if (opts.bash === true && (!isStart || rest[0] && rest[0] !== "/")) {
            push({ type: "star", value, output: "" });
            continue;
          }
          const isBrace = state.braces > 0 && (prior.type === "comma" || prior.type === "brace");
          const isExtglob = extglobs.length && (prior.type === "pipe" || prior.type === "paren");
          if (!isStart && prior.type !== "paren" && !isBrace && !isExtglob) {
            push({ type: "star", value, output: "" });
            continue;
          }
          while (rest.slice(0, 3) === "/**") {
            const after = input[state.index + 4];
            if (after && after !== "/") {
              break;
            }
            rest = rest.slice(3);
            consume("/**", 3);
          }
          const isEnd = eos() || state.parens > 0 && rest === ")".repeat(state.parens) && !extglobs.some((extglob) => extglob.type === "negate");
          if (prior.type === "bos" && eos()) {
            prev.type = "globstar";
            prev.value += value;
            prev.output = globstar(opts);
            state.output = prev.output;
            state.globstar = true;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && !afterStar && isEnd) {
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = globstar(opts) + (opts.strictSlashes ? ")" : "|$)");
            prev.value += value;
            state.globstar = true;
            state.output += prior.output + prev.output;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && rest[0] === "/") {
            const end = rest[1] !== void 0 ? "|$" : "";
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
            prev.value += value;
            state.output += prior.output + prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          if (prior.type === "bos" && rest[0] === "/") {
            prev.type = "globstar";
            prev.value += value;
            prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
            state.output = prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          state.output = state.output.slice(0, -prev.output.length);
          prev.type = "globstar";
          prev.output = globstar(opts);
          prev.value += value;
          state.output += prev.output;
          state.globstar = true;
          consume(value);
          continue;
        }
        const token = { type: "star", value, output: star };
        if (opts.bash === true) {
          token.output = ".*?";
          if (prev.type === "bos" || prev.type === "slash") {
            token.output = nodot + token.output;
          }
          push(token);
          continue;
        }
        if (prev && (prev.type === "bracket" || prev.type === "paren") && opts.regex === true) {
          token.output = value;
          push(token);
          continue;
        }
        if (state.index === state.start || prev.type === "slash" || prev.type === "dot") {
          if (prev.type === "dot") {
            state.output += NO_DOT_SLASH;
            prev.output += NO_DOT_SLASH;
          } else if (opts.dot === true) {
            state.output += NO_DOTS_SLASH;
            prev.output += NO_DOTS_SLASH;
          } else {
            state.output += nodot;
            prev.output += nodot;
          }
          if (peek() !== "*") {
            state.output += ONE_CHAR;
            prev.output += ONE_CHAR;
          }
        }
        push(token);
      }
      while (state.brackets > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "]"));
        state.output = utils.escapeLast(state.output, "[");
        decrement("brackets");
      }
      while (state.parens > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", ")"));
        state.output = utils.escapeLast(state.output, "(");
        decrement("parens");
      }
      while (state.braces > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "}"));
        state.output = utils.escapeLast(state.output, "{");
        decrement("braces");
      }
      if (opts.strictSlashes !== true && (prev.type === "star" || prev.type === "bracket")) {
        push({ type: "maybe_slash", value: "", output: `${SLASH_LITERAL}?` });
      }
      if (state.backtrack === true) {
        state.output = "";
        for (const token of state.tokens) {
          state.output += token.output != null ? token.output : token.value;
          if (token.suffix) {
            state.output += token.suffix;
          }
        }
      }
      return state;
    };
    parse2.fastpaths = (input, options) => {
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      const len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      input = REPLACEMENTS[input] || input;
      const {
        DOT_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOTS,
        NO_DOTS_SLASH,
        STAR,
        START_ANCHOR
      } = constants.globChars(opts.windows);
      const nodot = opts.dot ? NO_DOTS : NO_DOT;
      const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
      const capture = opts.capture ? "" : "?:";
      const state = { negated: false, prefix: "" };
      let star = opts.bash === true ? ".*?" : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      const globstar = (opts2) => {
        if (opts2.noglobstar === true) return star;
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const create = (str) => {
        switch (str) {
          case "*":
            return `${nodot}${ONE_CHAR}${star}`;
          case ".*":
            return `${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*.*":
            return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*/*":
            return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;
          case "**":
            return nodot + globstar(opts);
          case "**/*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;
          case "**/*.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "**/.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;
          default: {
            const match = /^(.*?)\.(\w+)$/.exec(str);
            if (!match) return;
            const source2 = create(match[1]);
            if (!source2) return;
            return source2 + DOT_LITERAL + match[2];
          }
        }
      };
      const output = utils.removePrefix(input, state);
      let source = create(output);
      if (source && opts.strictSlashes !== true) {
        source += `${SLASH_LITERAL}?`;
      }
      return source;
    };
    module.exports = parse2;
  }
});

// node_modules/picomatch/lib/picomatch.js
var require_picomatch = __commonJS({
  "node_modules/picomatch/lib/picomatch.js"(exports, module) {
    "use strict";
    var scan = require_scan();
    var parse2 = require_parse();
    var utils = require_utils();
    var constants = require_constants();
    var isObject2 = (val) => val && typeof val === "object" && !Array.isArray(val);
    var picomatch2 = (glob, options, returnState = false) => {
      if (Array.isArray(glob)) {
        const fns = glob.map((input) => picomatch2(input, options, returnState));
        const arrayMatcher = (str) => {
          for (const isMatch of fns) {
            const state2 = isMatch(str);
            if (state2) return state2;
          }
          return false;
        };
        return arrayMatcher;
      }
      const isState = isObject2(glob) && glob.tokens && glob.input;
      if (glob === "" || typeof glob !== "string" && !isState) {
        throw new TypeError("Expected pattern to be a non-empty string");
      }
      const opts = options || {};
      const posix6 = opts.windows;
      const regex = isState ? picomatch2.compileRe(glob, options) : picomatch2.makeRe(glob, options, false, true);
      const state = regex.state;
      delete regex.state;
      let isIgnored = () => false;
      if (opts.ignore) {
        const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
        isIgnored = picomatch2(opts.ignore, ignoreOpts, returnState);
      }
      const matcher = (input, returnObject = false) => {
        const { isMatch, match, output } = picomatch2.test(input, regex, options, { glob, posix: posix6 });
        const result = { glob, state, regex, posix: posix6, input, output, match, isMatch };
        if (typeof opts.onResult === "function") {
          opts.onResult(result);
        }
        if (isMatch === false) {
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (isIgnored(input)) {
          if (typeof opts.onIgnore === "function") {
            opts.onIgnore(result);
          }
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (typeof opts.onMatch === "function") {
          opts.onMatch(result);
        }
        return returnObject ? result : true;
      };
      if (returnState) {
        matcher.state = state;
      }
      return matcher;
    };
    picomatch2.test = (input, regex, options, { glob, posix: posix6 } = {}) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected input to be a string");
      }
      if (input === "") {
        return { isMatch: false, output: "" };
      }
      const opts = options || {};
      const format = opts.format || (posix6 ? utils.toPosixSlashes : null);
      let match = input === glob;
      let output = match && format ? format(input) : input;
      if (match === false) {
        output = format ? format(input) : input;
        match = output === glob;
      }
      if (match === false || opts.capture === true) {
        if (opts.matchBase === true || opts.basename === true) {
          match = picomatch2.matchBase(input, regex, options, posix6);
        } else {
          match = regex.exec(output);
        }
      }
      return { isMatch: Boolean(match), match, output };
    };
    picomatch2.matchBase = (input, glob, options, posix6 = options && options.windows) => {
      const regex = glob instanceof RegExp ? glob : picomatch2.makeRe(glob, options);
      return regex.test(utils.basename(input, { windows: posix6 }));
    };
    picomatch2.isMatch = (str, patterns, options) => picomatch2(patterns, options)(str);
    picomatch2.parse = (pattern, options) => {
      if (Array.isArray(pattern)) return pattern.map((p) => picomatch2.parse(p, options));
      return parse2(pattern, { ...options, fastpaths: false });
    };
    picomatch2.scan = (input, options) => scan(input, options);
    picomatch2.compileRe = (state, options, returnOutput = false, returnState = false) => {
      if (returnOutput === true) {
        return state.output;
      }
      const opts = options || {};
      const prepend = opts.contains ? "" : "^";
      const append = opts.contains ? "" : "$";
      let source = `${prepend}(?:${state.output})${append}`;
      if (state && state.negated === true) {
        source = `^(?!${source}).*$`;
      }
      const regex = picomatch2.toRegex(source, options);
      if (returnState === true) {
        regex.state = state;
      }
      return regex;
    };
    picomatch2.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
      if (!input || typeof input !== "string") {
        throw new TypeError("Expected a non-empty string");
      }
      let parsed = { negated: false, fastpaths: true };
      if (options.fastpaths !== false && (input[0] === "." || input[0] === "*")) {
        parsed.output = parse2.fastpaths(input, options);
      }
      if (!parsed.output) {
        parsed = parse2(input, options);
      }
      return picomatch2.compileRe(parsed, options, returnOutput, returnState);
    };
    picomatch2.toRegex = (source, options) => {
      try {
        const opts = options || {};
        return new RegExp(source, opts.flags || (opts.nocase ? "i" : ""));
      } catch (err) {
        if (options && options.debug === true) throw err;
        return /$^/;
      }
    };
    picomatch2.constants = constants;
    module.exports = picomatch2;
  }
});

// node_modules/picomatch/index.js
var require_picomatch2 = __commonJS({
  "node_modules/picomatch/index.js"(exports, module) {
    "use strict";
    var pico = require_picomatch();
    var utils = require_utils();
    function picomatch2(glob, options, returnState = false) {
      if (options && (options.windows === null || options.windows === void 0)) {
        options = { ...options, windows: utils.isWindows() };
      }
      return pico(glob, options, returnState);
    }
    Object.assign(picomatch2, pico);
    module.exports = picomatch2;
  }
});

// src/config/errors.ts
var ConfigurationError = class extends Error {
  constructor(message, fix) {
    super(message);
    this.fix = fix;
  }
  fix;
  name = "ConfigurationError";
};

// src/config/duration.ts
var UNIT_MS = { s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 };
var WHOLE = /^(?:\d+[smhdw])+$/;
var PART = /(\d+)([smhdw])/g;
function parseDuration(text) {
  const trimmed = text.trim();
  if (!WHOLE.test(trimmed)) return void 0;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART)) total += Number(amount) * UNIT_MS[unit];
  return total > 0 ? total : void 0;
}
function formatDuration(ms) {
  const negative = ms < 0;
  let rest = Math.round(Math.abs(ms) / 6e4) * 6e4;
  if (rest === 0) return Math.abs(ms) < 6e4 ? `${Math.round(Math.abs(ms) / 1e3)}s` : "0m";
  const units = rest < 3 * UNIT_MS.d ? [["h", UNIT_MS.h], ["m", UNIT_MS.m]] : [["d", UNIT_MS.d], ["h", UNIT_MS.h], ["m", UNIT_MS.m]];
  const parts = [];
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * size;
  }
  return (negative ? "-" : "") + parts.join(" ");
}

// src/config/settings.ts
var DEFAULT_SOAK = "24h";
var DEFAULT_RUN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
var DEFAULT_SCRIPT_GLOBS = ["**/*.sh", "**/appspec.yml", "**/appspec.yaml", "**/*.bash"];
var DEFAULT_SCRIPT_EXCLUDES = ["**/node_modules/**", "**/.terraform/**", "**/vendor/**", ".git/**"];
var DEFAULT_ENVIRONMENT_GLOBS = {
  staging: ["**/{staging,stage,stg}/**"],
  prod: ["**/{prod,production,prd}/**"]
};
var DEFAULT_INPUTS = {
  config: ".github/deploy-guard.yml",
  mode: "auto",
  failOn: "error",
  maxAttempts: 5,
  auditIssue: true
};
function buildSettings(file, configFile, inputs, lookupRule) {
  const soakText = inputs.soak ?? file?.soak ?? DEFAULT_SOAK;
  const soakMs = parseDuration(soakText);
  if (soakMs === void 0) {
    throw new ConfigurationError(`Input "soak" is not a duration: "${soakText}".`, "Use a value such as 24h, 90m or 2d.");
  }
  const configuredEnvironments = file?.environments ?? {};
  const environmentsConfigured = Object.keys(configuredEnvironments).length > 0;
  const promotion = file?.promotion ?? (environmentsConfigured ? Object.keys(configuredEnvironments) : ["staging", "prod"]);
  const environments = /* @__PURE__ */ new Map();
  for (const name of promotion) {
    const env = configuredEnvironments[name];
    if (environmentsConfigured && !env) {
      throw new ConfigurationError(
        `${configFile ?? "configuration"}: "promotion" names environment "${name}" that is not under "environments".`,
        `Add "environments.${name}" or remove "${name}" from "promotion".`
      );
    }
    const regions = env?.aws?.regions ?? (inputs.awsRegion ? [inputs.awsRegion] : void 0);
    const envSoak = env?.soak ? parseDuration(env.soak) : void 0;
    environments.set(name, {
      name,
      terraform: env?.terraform ?? DEFAULT_ENVIRONMENT_GLOBS[name] ?? [`**/${name}/**`],
      soakMs: envSoak ?? soakMs,
      ...env?.aws || regions ? {
        aws: {
          regions: regions ?? [],
          ...env?.aws?.["role-arn"] ? { roleArn: env.aws["role-arn"] } : {},
          ...env?.aws?.["account-id"] ? { accountId: env.aws["account-id"] } : {}
        }
      } : {},
      amis: {
        ssmParameters: env?.amis?.["ssm-parameters"] ?? [],
        launchTemplates: env?.amis?.["launch-templates"] ?? [],
        instanceTags: env?.amis?.["instance-tags"] ?? {}
      }
    });
  }
  for (const name of Object.keys(configuredEnvironments)) {
    if (!promotion.includes(name)) {
      throw new ConfigurationError(
        `${configFile ?? "configuration"}: environment "${name}" is not in "promotion".`,
        `List every environment in "promotion" in the order artifacts travel, e.g. promotion: [${[...promotion, name].join(", ")}].`
      );
    }
  }
  const ruleLevels = /* @__PURE__ */ new Map();
  for (const [key, level2] of Object.entries(file?.rules ?? {})) {
    const rule = lookupRule(key);
    if (!rule) {
      throw new ConfigurationError(
        `${configFile ?? "configuration"}: "rules.${key}" is not a deploy-guard rule.`,
        "Use a rule id (DG204) or name (hardcoded-tool-path) from the README."
      );
    }
    if (rule.levelLocked && level2 !== "error") {
      throw new ConfigurationError(
        `${configFile ?? "configuration"}: "rules.${key}: ${level2}" is not allowed: ${rule.id} reports evidence that could not be read, and a guard must not pass because it could not look.`,
        `Remove "rules.${key}"; fix the access it reports instead (credentials, IAM, max-attempts).`
      );
    }
    ruleLevels.set(rule.id, level2);
  }
  const probe = file?.images?.probe;
  return {
    ...configFile ? { configFile } : {},
    promotion,
    environments,
    environmentsConfigured,
    scripts: {
      include: file?.scripts?.include ?? DEFAULT_SCRIPT_GLOBS,
      exclude: [...DEFAULT_SCRIPT_EXCLUDES, ...file?.scripts?.exclude ?? []],
      runPath: (file?.scripts?.["run-path"] ?? DEFAULT_RUN_PATH).split(":").filter(Boolean)
    },
    images: {
      configured: file?.images !== void 0,
      manifests: file?.images?.manifests ?? [],
      probe: probe === "ssm" ? "ssm" : "off"
    },
    evidence: file?.evidence ?? ["ssm", "ec2", "tags", "git"],
    evidenceMode: file?.["evidence-mode"] ?? "any",
    appliedLabel: file?.["applied-label"] ?? "terraform-applied",
    override: {
      label: file?.override?.label ?? "deploy-guard/override",
      allowed: file?.override?.allowed ?? []
    },
    ruleLevels,
    inputs
  };
}
function previousEnvironment(settings, name) {
  const index = settings.promotion.indexOf(name);
  return index > 0 ? settings.promotion[index - 1] : void 0;
}
function effectiveLevel(settings, ruleId, level2) {
  return settings.ruleLevels.get(ruleId) ?? level2;
}

// src/config/inputs.ts
var INPUT = {
  config: "config",
  mode: "mode",
  environment: "environment",
  amiId: "ami-id",
  soak: "soak",
  failOn: "fail-on",
  githubToken: "github-token",
  awsRegion: "aws-region",
  maxAttempts: "max-attempts",
  reportFile: "report-file",
  sarifFile: "sarif-file",
  auditIssue: "audit-issue",
  cacheDir: "cache-dir"
};
var OUTPUT = {
  result: "result",
  blocked: "blocked",
  errors: "errors",
  warnings: "warnings",
  reportFile: "report-file",
  sarifFile: "sarif-file",
  amiId: "ami-id",
  go: "go"
};
function oneOf(name, value, allowed) {
  if (allowed.includes(value)) return value;
  throw new ConfigurationError(`Input "${name}" must be one of ${allowed.join(", ")}; got "${value}".`);
}
function strictBoolean(name, value) {
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new ConfigurationError(`Input "${name}" must be true or false; got "${value}".`);
}
function readInputs(read) {
  const get = (name) => read(name).trim() || void 0;
  const inputs = { ...DEFAULT_INPUTS };
  inputs.config = get(INPUT.config) ?? DEFAULT_INPUTS.config;
  const mode = get(INPUT.mode);
  if (mode) inputs.mode = oneOf(INPUT.mode, mode, ["auto", "pr", "audit", "preflight"]);
  const environment2 = get(INPUT.environment);
  if (environment2) inputs.environment = environment2;
  const amiId = get(INPUT.amiId);
  if (amiId) {
    if (!/^ami-[0-9a-f]{8,17}$/.test(amiId)) throw new ConfigurationError(`Input "ami-id" is not an AMI id: "${amiId}".`, "Use an id such as ami-0abc1234def567890.");
    inputs.amiId = amiId;
  }
  const soak = get(INPUT.soak);
  if (soak) {
    if (parseDuration(soak) === void 0) throw new ConfigurationError(`Input "soak" is not a duration: "${soak}".`, "Use a value such as 24h, 90m or 2d.");
    inputs.soak = soak;
  }
  const failOn = get(INPUT.failOn);
  if (failOn) inputs.failOn = oneOf(INPUT.failOn, failOn, ["error", "warning", "never"]);
  const token = get(INPUT.githubToken);
  if (token) inputs.githubToken = token;
  const region2 = get(INPUT.awsRegion);
  if (region2) {
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region2)) throw new ConfigurationError(`Input "aws-region" is not a region: "${region2}".`, "Use a region such as us-east-1.");
    inputs.awsRegion = region2;
  }
  const attempts = get(INPUT.maxAttempts);
  if (attempts) {
    const value = Number(attempts);
    if (!Number.isInteger(value) || value < 4 || value > 20) {
      throw new ConfigurationError(`Input "max-attempts" must be an integer from 4 to 20; got "${attempts}".`);
    }
    inputs.maxAttempts = value;
  }
  const reportFile = get(INPUT.reportFile);
  if (reportFile) inputs.reportFile = reportFile;
  const sarifFile = get(INPUT.sarifFile);
  if (sarifFile) inputs.sarifFile = sarifFile;
  const auditIssue = get(INPUT.auditIssue);
  if (auditIssue) inputs.auditIssue = strictBoolean(INPUT.auditIssue, auditIssue);
  const cacheDir = get(INPUT.cacheDir);
  if (cacheDir) inputs.cacheDir = cacheDir;
  return inputs;
}

// src/engine/outcome.ts
var UNREADABLE_EVIDENCE_RULES = /* @__PURE__ */ new Set(["DG104"]);
function decideOutcome(input) {
  const findings = input.findings.map(({ overridden: _overridden, ...finding }) => finding);
  const internal = findings.some((finding) => finding.id === "DG901");
  const unreadable = findings.filter((finding) => finding.level === "error" && UNREADABLE_EVIDENCE_RULES.has(finding.id));
  const couldNotLook = internal || unreadable.length > 0 || input.notEvaluated.length > 0;
  let overridden = [];
  if (input.override.state === "valid" && !couldNotLook) {
    overridden = findings.filter((finding) => finding.level === "error" && input.overridable.has(finding.id));
    for (const finding of overridden) finding.overridden = true;
  }
  const blocking = findings.filter((finding) => finding.level === "error" && !finding.overridden);
  const errors = blocking.length;
  const warnings = findings.filter((finding) => finding.level === "warning").length;
  const notices = findings.filter((finding) => finding.level === "notice").length;
  let outcome;
  if (couldNotLook) {
    const parts = [
      ...input.notEvaluated.map((entry) => entry.what),
      ...unreadable.length > 0 ? [`soak evidence (${unreadable.length} DG104 soak-evidence-unavailable finding(s))`] : [],
      ...internal ? ["deploy-guard itself (DG901 internal-error)"] : []
    ];
    outcome = { result: "error", blocked: true, errors, warnings, notices, headline: `Not evaluated: ${parts.join("; ")}. Blocking until deploy-guard can look.` };
  } else if (errors > 0) {
    outcome = { result: "fail", blocked: true, errors, warnings, notices, headline: `${errors} blocking finding(s)${warnings ? ` and ${warnings} warning(s)` : ""}.` };
  } else if (overridden.length > 0 && input.override.state === "valid") {
    const { record: record2 } = input.override;
    outcome = {
      result: "overridden",
      blocked: false,
      errors,
      warnings,
      notices,
      headline: `${overridden.length} blocking finding(s) overridden by @${record2.actor}: ${record2.reason}`,
      override: { ...record2, findings: overridden.map((finding) => `${finding.id}${finding.file ? ` ${finding.file}${finding.line ? `:${finding.line}` : ""}` : ""}`) }
    };
  } else if (warnings > 0) {
    outcome = { result: "warn", blocked: false, errors, warnings, notices, headline: `${warnings} warning(s), nothing blocking.` };
  } else {
    outcome = {
      result: "pass",
      blocked: false,
      errors,
      warnings,
      notices,
      headline: input.nothingRelevant ?? "Every enabled check was evaluated; nothing to report."
    };
  }
  return { outcome, findings };
}
function exitCode(outcome, failOn) {
  if (failOn === "never") return 0;
  if (outcome.blocked) return 1;
  if (failOn === "warning" && outcome.result === "warn") return 1;
  return 0;
}

// src/facts/git.ts
import { execFile, spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
var run = promisify(execFile);
var MAX_BUFFER = 512 * 1024 * 1024;
var GitHistoryError = class extends Error {
  constructor(message, fix) {
    super(message);
    this.fix = fix;
  }
  fix;
  name = "GitHistoryError";
};
async function git(cwd, args) {
  const { stdout } = await run("git", ["-c", "core.quotepath=off", ...args], {
    cwd,
    maxBuffer: MAX_BUFFER,
    encoding: "utf8",
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0" }
  });
  return stdout;
}
async function succeeds(cwd, args) {
  try {
    await git(cwd, args);
    return true;
  } catch {
    return false;
  }
}
async function resolveCommit(cwd, rev) {
  try {
    return (await git(cwd, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`])).trim() || void 0;
  } catch {
    return void 0;
  }
}
async function isShallow(cwd) {
  return (await git(cwd, ["rev-parse", "--is-shallow-repository"])).trim() === "true";
}
async function hasRemote(cwd) {
  return (await git(cwd, ["remote"])).split("\n").includes("origin");
}
var FETCH_DEPTH_FIX = "Check out with full history: in actions/checkout set `fetch-depth: 0` (deploy-guard needs the base branch and its first-parent history).";
async function ensureCommit(cwd, rev, what) {
  const local = await resolveCommit(cwd, rev);
  if (local) return local;
  if (await hasRemote(cwd)) {
    await succeeds(cwd, ["fetch", "--no-tags", "--quiet", "origin", rev]);
    const fetched = await resolveCommit(cwd, rev);
    if (fetched) return fetched;
  }
  throw new GitHistoryError(`The ${what} revision ${rev} is not in the checkout and could not be fetched.`, FETCH_DEPTH_FIX);
}
async function localMergeBase(cwd, a, b) {
  try {
    return (await git(cwd, ["merge-base", a, b])).trim() || void 0;
  } catch {
    return void 0;
  }
}
async function mergeBase(cwd, a, b) {
  for (const deepen of [50, 200, 1e3, 0]) {
    const found = await localMergeBase(cwd, a, b);
    if (found) return found;
    if (!await isShallow(cwd) || !await hasRemote(cwd)) break;
    const args = deepen === 0 ? ["fetch", "--no-tags", "--quiet", "--unshallow", "origin"] : ["fetch", "--no-tags", "--quiet", `--deepen=${deepen}`, "origin"];
    if (!await succeeds(cwd, args)) break;
  }
  throw new GitHistoryError(`No common history between ${a.slice(0, 12)} and ${b.slice(0, 12)} in the checkout.`, FETCH_DEPTH_FIX);
}
var PATHSPEC_BYTES = 96 * 1024;
async function filesWithoutMatch(cwd, patterns, pathspecs) {
  if ("fixed" in patterns && (patterns.fixed.length === 0 || patterns.fixed.some((word) => word === "" || /[\n\r\0]/.test(word)))) return void 0;
  const expression = "perl" in patterns ? ["--perl-regexp", "-e", patterns.perl] : ["--fixed-strings", ...patterns.fixed.flatMap((word) => ["-e", word])];
  const chunks = [[]];
  let bytes = 0;
  for (const pathspec of pathspecs) {
    if (bytes + pathspec.length > PATHSPEC_BYTES && chunks.at(-1).length > 0) {
      chunks.push([]);
      bytes = 0;
    }
    chunks.at(-1).push(pathspec);
    bytes += pathspec.length + 1;
  }
  const result = /* @__PURE__ */ new Set();
  for (const chunk of chunks) {
    const found = await grepWithoutMatch(cwd, expression, chunk);
    if (!found) return void 0;
    found.forEach((path) => result.add(path));
  }
  return result;
}
async function grepWithoutMatch(cwd, expression, pathspecs) {
  const args = ["-c", "grep.fullName=false", "grep", "--no-index", "--exclude-standard", "--no-color", "--files-without-match", "-z", ...expression, "--", ...pathspecs];
  let stdout;
  let stderr;
  try {
    ({ stdout, stderr } = await run("git", args, { cwd, maxBuffer: MAX_BUFFER, encoding: "utf8", env: { ...process.env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0" } }));
  } catch (error2) {
    const failed = error2;
    if (failed.code !== 1 || failed.stderr !== "") return void 0;
    return [];
  }
  if (stderr !== "") return void 0;
  return stdout.split("\0").filter(Boolean);
}
var STATUS = { A: "added", M: "modified", D: "deleted", R: "renamed", C: "added", T: "modified" };
async function changedFiles(cwd, from, to) {
  const out = await git(cwd, ["diff", "--name-status", "-z", "-M", "--no-ext-diff", from, to]);
  const fields = out.split("\0");
  const files = [];
  for (let i = 0; i < fields.length - 1; ) {
    const code2 = fields[i++] ?? "";
    const status = STATUS[code2.charAt(0)] ?? "modified";
    if (code2.startsWith("R") || code2.startsWith("C")) {
      const previousPath = fields[i++] ?? "";
      const path = fields[i++] ?? "";
      files.push(code2.startsWith("R") ? { path, status, previousPath } : { path, status });
    } else {
      files.push({ path: fields[i++] ?? "", status });
    }
  }
  return files;
}
async function commitTime(cwd, rev) {
  return (await git(cwd, ["show", "-s", "--format=%cI", rev])).trim();
}
async function ensureFullHistory(cwd) {
  if (!await isShallow(cwd)) return;
  if (await hasRemote(cwd) && await succeeds(cwd, ["fetch", "--no-tags", "--quiet", "--unshallow", "origin"]) && !await isShallow(cwd)) return;
  throw new GitHistoryError("The checkout is shallow and its full history could not be fetched.", FETCH_DEPTH_FIX);
}
var BLOB_BATCH = 4096;
var BLOB_BATCH_BYTES = 32 * 1024 * 1024;
function privateFolder() {
  const runnerTemp = process.env.RUNNER_TEMP;
  if (runnerTemp) {
    try {
      return mkdtempSync(join(runnerTemp, "deploy-guard-git-"));
    } catch {
    }
  }
  return mkdtempSync(join(tmpdir(), "deploy-guard-git-"));
}
function gitWithInput(cwd, args, input) {
  const dir = privateFolder();
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const inPath = join(dir, "in");
    const outPath = join(dir, "out");
    writeFileSync(inPath, input, { mode: 384 });
    const stdin = openSync(inPath, "r");
    const stdout = openSync(outPath, "w", 384);
    let child;
    try {
      child = spawn("git", ["-c", "core.quotepath=off", ...args], {
        cwd,
        env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0" },
        stdio: [stdin, stdout, "pipe"]
      });
    } finally {
      closeSync(stdin);
      closeSync(stdout);
    }
    return new Promise((resolve, reject) => {
      let stderr = "";
      child.stderr.on("data", (chunk) => stderr += chunk.toString());
      child.on("error", (error2) => {
        cleanup();
        reject(error2);
      });
      child.on("close", (code2) => {
        try {
          if (code2 === 0) resolve(readFileSync(outPath));
          else reject(new Error(`git ${args[0]} exited with ${code2}: ${stderr.trim()}`));
        } catch (error2) {
          reject(error2);
        } finally {
          cleanup();
        }
      });
    });
  } catch (error2) {
    cleanup();
    return Promise.reject(error2);
  }
}
var blobDecoder = new TextDecoder("utf-8", { fatal: true });
async function readBlobs(cwd, specs, maxBytes) {
  const result = /* @__PURE__ */ new Map();
  const wanted = [...new Set(specs)].filter((spec) => {
    if (!spec.includes("\n")) return true;
    result.set(spec, { ok: false, reason: "missing" });
    return false;
  });
  for (let start = 0; start < wanted.length; start += BLOB_BATCH) {
    const batch = wanted.slice(start, start + BLOB_BATCH);
    const sizes = (await gitWithInput(cwd, ["cat-file", "--batch-check=%(objecttype) %(objectsize)"], batch.map((spec) => `${spec}
`).join(""))).toString("utf8").split("\n");
    const readable = [];
    batch.forEach((spec, i) => {
      const [type, size] = (sizes[i] ?? "").split(" ");
      if (type !== "blob") result.set(spec, { ok: false, reason: "missing" });
      else if (Number(size) > maxBytes) result.set(spec, { ok: false, reason: "too-large" });
      else readable.push({ spec, size: Number(size) });
    });
    for (let from = 0; from < readable.length; ) {
      let to = from;
      for (let bytes = 0; to < readable.length && (to === from || bytes + readable[to].size <= BLOB_BATCH_BYTES); to++) bytes += readable[to].size;
      const group = readable.slice(from, to).map((entry) => entry.spec);
      from = to;
      const out = await gitWithInput(cwd, ["cat-file", "--batch"], group.map((spec) => `${spec}
`).join(""));
      let offset = 0;
      for (const spec of group) {
        const newline = out.indexOf(10, offset);
        const header = out.subarray(offset, newline < 0 ? out.length : newline).toString("utf8");
        const size = Number(header.split(" ")[2]);
        if (newline < 0 || !header.includes(" blob ") || !Number.isFinite(size)) {
          result.set(spec, { ok: false, reason: "missing" });
          offset = newline < 0 ? out.length : newline + 1;
          continue;
        }
        const bytes = out.subarray(newline + 1, newline + 1 + size);
        offset = newline + 1 + size + 1;
        if (bytes.includes(0)) result.set(spec, { ok: false, reason: "binary" });
        else {
          try {
            result.set(spec, { ok: true, text: blobDecoder.decode(bytes) });
          } catch {
            result.set(spec, { ok: false, reason: "not-utf8" });
          }
        }
      }
    }
  }
  return result;
}

// src/version.ts
var VERSION = "0.1.0";
var USER_AGENT = `deploy-guard/${VERSION}`;

// src/facts/terraform.ts
import { dirname as dirname2, posix as posix2 } from "node:path";

// src/config/glob.ts
var import_picomatch = __toESM(require_picomatch2(), 1);
function globMatcher(globs, options) {
  const literal2 = new Set(globs);
  const patterns = globs.map((glob) => import_picomatch.default.makeRe(glob, options));
  return (path) => path !== "" && (literal2.has(path) || patterns.some((pattern) => pattern.test(path)));
}

// src/facts/beside.ts
var Beside = class {
  value;
  constructor(pending, fallback) {
    if (pending instanceof Promise) {
      pending.then(
        (value) => this.value = value,
        () => this.value = fallback
      );
    } else this.value = pending;
  }
  /** Before item `index`: every 32 items without an answer, one turn of the event loop. */
  async poll(index) {
    if (this.value === void 0 && index % 32 === 31) await new Promise((resolve) => setImmediate(resolve));
  }
};

// src/facts/workspace.ts
import { closeSync as closeSync2, lstatSync, openSync as openSync2, readSync, realpathSync } from "node:fs";
import { basename, dirname, join as join2, posix, sep } from "node:path";
var MAX_FILE_BYTES = 2 * 1024 * 1024;
function normalisePath(path) {
  const parts = [];
  for (const part of path.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return void 0;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}
function folderOf(path) {
  const dir = posix.dirname(path);
  return dir === "." ? "" : dir;
}
async function listFiles(root) {
  const out = await git(root, ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]);
  return [...new Set(out.split("\0").filter(Boolean))].sort();
}
var decoder = new TextDecoder("utf-8", { fatal: true });
var realRoots = /* @__PURE__ */ new Map();
function realRoot(root) {
  let real = realRoots.get(root);
  if (real === void 0) {
    real = realpathSync.native(root);
    realRoots.set(root, real);
  }
  return real;
}
var realFolders = /* @__PURE__ */ new Map();
function realFolder(dir) {
  let real = realFolders.get(dir);
  if (real === void 0) {
    real = realpathSync.native(dir);
    if (realFolders.size >= 2e4) realFolders.clear();
    realFolders.set(dir, real);
  }
  return real;
}
var SCRATCH_BYTES = 256 * 1024;
var scratch = Buffer.allocUnsafe(SCRATCH_BYTES);
async function readRepoFile(root, path, maxBytes = MAX_FILE_BYTES) {
  const absolute = join2(root, path);
  let info;
  try {
    info = lstatSync(absolute);
  } catch {
    return { ok: false, path, reason: "missing", detail: "no such file in the checkout" };
  }
  let target;
  try {
    target = info.isSymbolicLink() ? realpathSync.native(absolute) : join2(realFolder(dirname(absolute)), basename(absolute));
  } catch {
    return { ok: false, path, reason: "symlink-outside", detail: "symbolic link that does not resolve (dangling or a loop); not followed" };
  }
  const real = realRoot(root);
  if (!target.startsWith(real.endsWith(sep) ? real : `${real}${sep}`)) {
    const what = info.isSymbolicLink() ? "symbolic link to a file outside the workspace" : "under a symbolically linked folder that leaves the workspace";
    return { ok: false, path, reason: "symlink-outside", detail: `${what}; not followed` };
  }
  if (info.isSymbolicLink()) info = lstatSync(target);
  if (!info.isFile()) return { ok: false, path, reason: "not-a-file", detail: "not a regular file" };
  if (info.size > maxBytes) {
    return { ok: false, path, reason: "too-large", detail: `${info.size} bytes, over the ${maxBytes}-byte cap; not read` };
  }
  const fd = openSync2(absolute, "r");
  try {
    const size = Math.min(info.size, maxBytes);
    const buffer = size <= SCRATCH_BYTES ? scratch : Buffer.allocUnsafe(size);
    const bytesRead = size === 0 ? 0 : readSync(fd, buffer, 0, size, 0);
    const bytes = buffer.subarray(0, bytesRead);
    if (bytes.includes(0)) return { ok: false, path, reason: "binary", detail: "contains NUL bytes (binary file)" };
    try {
      return { ok: true, path, text: decoder.decode(bytes) };
    } catch {
      return { ok: false, path, reason: "not-utf8", detail: "not valid UTF-8" };
    }
  } finally {
    closeSync2(fd);
  }
}

// src/facts/terraform.ts
var TERRAFORM_CODE = /\.tf(\.json)?$/;
var TERRAFORM_PROPER = /\.(tf|tf\.json|tfvars|tfvars\.json|hcl)$/;
var PACKER_FILE = /\.pkr\.(hcl|json)$/;
var TERRAFORM_FILE = /(\.tf|\.tfvars|(?<!(^|\/)\.terraform\.lock)\.hcl)$/;
var TERRAFORM_PATHSPECS = ["*.tf", "*.tfvars", "*.hcl"];
async function terraformFilesWithoutFacts(workspace) {
  return await filesWithoutMatch(workspace, { perl: TERRAFORM_FACT_WORDS_PCRE }, TERRAFORM_PATHSPECS) ?? /* @__PURE__ */ new Set();
}
var ANNOUNCE_BATCH = 64;
function environmentsClassifier(settings) {
  const matchers = settings.promotion.map((name) => ({
    name,
    // Flag s: a newline in a file name must not let `**` miss it (git and Terraform take such names).
    match: globMatcher(settings.environments.get(name)?.terraform ?? [], { dot: true, flags: settings.environmentsConfigured ? "s" : "is" })
  }));
  return (path) => matchers.filter(({ match }) => match(path)).map(({ name }) => name);
}
function moduleFolder(callerFile, source) {
  const cleaned = source.replace(/\/\/+/g, "/").replace(/\?.*$/, "");
  return normalisePath(posix2.join(posix2.dirname(callerFile), cleaned));
}
var DOT_ENDING = /(?<![^\\/"\s])\.\.?[\\/]*["\n\r?]/;
var TEMPLATE_SEGMENT = /path\.(module|root)|get_terragrunt_dir|%\{/;
function mayReferenceAnyFolder(text) {
  return hasUnicodeEscape(text) || DOT_ENDING.test(text) || TEMPLATE_SEGMENT.test(text);
}
var PATH_HOLE = /\$\{\s*(?:path\.module|path\.root|get_terragrunt_dir\(\s*\))\s*\}/g;
var PATH_WORDS = /path\.module|path\.root|get_terragrunt_dir/;
function withPathHoles(text) {
  return text.replace(PATH_HOLE, ".");
}
function fileReferencesConfined(text) {
  if (hasUnicodeEscape(text) || text.includes("%{") || text.includes("~") || text.includes("provisioner")) return false;
  const rendered = withPathHoles(text);
  return !rendered.includes("..") && !PATH_WORDS.test(rendered);
}
function mayReferenceFile(rendered, dir, target) {
  if (dir !== "" && !target.startsWith(`${dir}/`)) return false;
  const name = posix2.basename(target);
  return !PLAIN_NAME.test(name) || rendered.includes(name);
}
var SOURCE_END = /* @__PURE__ */ new Set(['"', "\n", "\r", "?"]);
var PLAIN_NAME = /^[\w.+@~-]+$/;
var PLAIN_CHAR = /[\w.+@~-]/;
var isSeparator = (char) => char === "/" || char === "\\";
function namesFolder(dir) {
  if (dir === "") return () => false;
  const names = dir.split("/");
  if (!names.every((name) => PLAIN_NAME.test(name))) return () => true;
  const last = names[names.length - 1];
  return (text) => {
    for (let at2 = text.indexOf(last); at2 >= 0; at2 = text.indexOf(last, at2 + 1)) {
      if (!isSeparator(text[at2 - 1])) continue;
      let end = at2 + last.length;
      while (isSeparator(text[end])) end++;
      if ((end === text.length || SOURCE_END.has(text[end])) && namesLeadTo(text, at2 - 1, names)) return true;
    }
    return false;
  };
}
function namesLeadTo(text, at2, names) {
  let next = names.length - 2;
  for (let separator = at2; ; ) {
    let start = separator;
    while (start > 0 && PLAIN_CHAR.test(text[start - 1])) start--;
    const segment = text.slice(start, separator);
    if (segment === "." || segment === "..") return true;
    if (segment !== "") {
      if (next < 0 || segment !== names[next]) return false;
      next--;
    }
    if (!isSeparator(text[start - 1])) return false;
    separator = start - 1;
  }
}
function buildIndex(files, unreadable, settings, deferred = /* @__PURE__ */ new Map(), lazy) {
  const environmentsOf = environmentsClassifier(settings);
  const environmentOf = (path) => environmentsOf(path)[0];
  const usedBy = /* @__PURE__ */ new Map();
  const addCalls = (path, analysis) => {
    for (const call of analysis.modules) {
      if (!call.local) continue;
      const dir = moduleFolder(path, call.source);
      if (dir === void 0) continue;
      const edges = usedBy.get(dir) ?? [];
      edges.push({ dir, by: path, line: call.line });
      usedBy.set(dir, edges);
    }
  };
  const lazyFiles = lazy?.files ?? /* @__PURE__ */ new Map();
  const unparsed = new Map([...lazyFiles].filter(([, file]) => file.kinds.modules).map(([path, { text }]) => [path, text]));
  for (const { path, analysis } of files.values()) if (!unparsed.has(path)) addCalls(path, analysis);
  const parsedLazily = /* @__PURE__ */ new Map();
  const parseLazy = (path) => {
    let analysis = parsedLazily.get(path);
    if (!analysis) {
      analysis = lazy.parse(path, lazyFiles.get(path).text);
      parsedLazily.set(path, analysis);
    }
    return analysis;
  };
  if (lazy) {
    for (const [path, { kinds }] of lazyFiles) {
      const parsed = files.get(path);
      if (parsed) files.set(path, { path, analysis: lazyFacts(parsed.analysis, kinds, () => parseLazy(path)) });
    }
  }
  const asked = /* @__PURE__ */ new Set();
  const usersOf = (dir) => {
    if (!asked.has(dir) && unparsed.size > 0) {
      if (asked.size === 0) {
        for (const [path, text] of unparsed) {
          if (!mayReferenceAnyFolder(text)) continue;
          unparsed.delete(path);
          addCalls(path, parseLazy(path));
        }
      }
      asked.add(dir);
      const mayCall = namesFolder(dir);
      for (const [path, text] of unparsed) {
        if (!mayCall(text)) continue;
        unparsed.delete(path);
        addCalls(path, parseLazy(path));
      }
    }
    const edges = usedBy.get(dir) ?? [];
    if (edges.length > 1) edges.sort((a, b) => a.by < b.by ? -1 : a.by > b.by ? 1 : a.line - b.line);
    return edges;
  };
  const unparsedText = (path) => parsedLazily.has(path) ? void 0 : lazyFiles.get(path)?.text;
  const rendered = /* @__PURE__ */ new Map();
  const unreadReferences = (path) => {
    const file = lazyFiles.get(path);
    if (!file?.kinds.scriptFiles || parsedLazily.has(path)) return void 0;
    let text = rendered.get(path);
    if (text === void 0) rendered.set(path, text = withPathHoles(file.text));
    return text;
  };
  const reachedFrom = /* @__PURE__ */ new Map();
  const callersReach = (path) => {
    const code2 = TERRAFORM_CODE.test(path);
    const key = `${code2 ? "module" : "above"}\0${dirname2(path)}`;
    let found = reachedFrom.get(key);
    if (found) return found;
    found = [];
    const known = /* @__PURE__ */ new Set();
    const queue = [];
    const seen = /* @__PURE__ */ new Set();
    for (let dir = dirname2(path); ; dir = dirname2(dir)) {
      const normal = dir === "." ? "" : dir;
      queue.push({ dir: normal, chain: [] });
      if (dir === "." || dir === "/" || dir === "" || code2) break;
    }
    while (queue.length > 0) {
      const { dir, chain } = queue.shift();
      if (seen.has(dir)) continue;
      seen.add(dir);
      for (const edge of usersOf(dir)) {
        const next = [...chain, edge];
        for (const env of environmentsOf(edge.by)) {
          if (known.has(env)) continue;
          known.add(env);
          found.push([env, next]);
        }
        queue.push({ dir: posix2.dirname(edge.by) === "." ? "" : posix2.dirname(edge.by), chain: next });
      }
    }
    reachedFrom.set(key, found);
    return found;
  };
  const reach = (path) => {
    const result = /* @__PURE__ */ new Map();
    for (const direct of environmentsOf(path)) result.set(direct, []);
    for (const [env, chain] of callersReach(path)) if (!result.has(env)) result.set(env, chain);
    return result;
  };
  const parsedLater = /* @__PURE__ */ new Map();
  const embeddedScripts = (path) => {
    const text = deferred.get(path);
    if (text === void 0) return Promise.resolve(files.get(path)?.analysis.embeddedScripts ?? []);
    let pending = parsedLater.get(path);
    if (!pending) {
      pending = pooledTerraform(text, { fileName: path }).then((analysis) => analysis.embeddedScripts);
      parsedLater.set(path, pending);
    }
    return pending;
  };
  return { files, unreadable, usersOf, unparsedText, unreadReferences, environmentOf, environmentsOf, reach, embeddedScripts };
}
function deferredFacts(path) {
  const analysis = emptyAnalysis();
  Object.defineProperty(analysis, "embeddedScripts", {
    enumerable: true,
    get() {
      throw new Error(`internal: the embedded scripts of ${path} are read through TerraformIndex.embeddedScripts()`);
    }
  });
  return analysis;
}
function lazyFacts(known, kinds, parse2) {
  const analysis = { ...known };
  for (const key of ["modules", "ssmParameters", "scriptFiles", "embeddedScripts", "parseErrors"]) {
    if (key !== "parseErrors" && !kinds[key]) continue;
    Object.defineProperty(analysis, key, { enumerable: true, get: () => parse2()[key] });
  }
  return analysis;
}
function deferrable(kinds, text, path) {
  if (kinds.amis || kinds.amiLookups) return false;
  if (kinds.ssmParameters && mayReadSsmParameters(text)) return false;
  if ((kinds.scriptFiles || kinds.embeddedScripts) && (PACKER_FILE.test(path) || !fileReferencesConfined(text))) return false;
  return kinds.modules || kinds.ssmParameters || kinds.scriptFiles || kinds.embeddedScripts;
}
async function gatherTerraform(context, repoFiles, mustParse = /* @__PURE__ */ new Set(), narrow = false, wordless = /* @__PURE__ */ new Set()) {
  const known = new Beside(wordless, /* @__PURE__ */ new Set());
  const files = /* @__PURE__ */ new Map();
  const unreadable = [];
  const paths = repoFiles.filter((path) => TERRAFORM_FILE.test(path) && !path.includes("/.terraform/") && !path.startsWith(".terraform/"));
  if (paths.filter((path) => mustParse.has(path)).length >= largeRun()) analysisPool().warm();
  const parserLoad = paths.length > 0 ? loadTerraformParser() : void 0;
  parserLoad?.catch(() => void 0);
  const deferred = /* @__PURE__ */ new Map();
  const toParse = [];
  const announce = (batch) => {
    for (const { path, text } of batch) announceTerraform(text, { fileName: path });
  };
  const lazyFiles = /* @__PURE__ */ new Map();
  for (const [index, path] of paths.entries()) {
    await known.poll(index);
    if (known.value?.has(path) && !mustParse.has(path)) {
      files.set(path, { path, analysis: emptyAnalysis() });
      continue;
    }
    const read = await readRepoFile(context.workspace, path);
    if (!read.ok) {
      unreadable.push({ path, reason: read.detail });
      continue;
    }
    const kinds = terraformFactKinds(read.text);
    if (!anyFactKind(kinds)) {
      files.set(path, { path, analysis: emptyAnalysis() });
      continue;
    }
    if (!mustParse.has(path)) {
      const others = kinds.amis || kinds.modules || kinds.ssmParameters || kinds.amiLookups || kinds.scriptFiles;
      if (!others) {
        if (kinds.embeddedScripts) deferred.set(path, read.text);
        files.set(path, { path, analysis: kinds.embeddedScripts ? deferredFacts(path) : emptyAnalysis() });
        continue;
      }
      if (narrow && deferrable(kinds, read.text, path)) {
        lazyFiles.set(path, { text: read.text, kinds });
        files.set(path, { path, analysis: emptyAnalysis() });
        continue;
      }
    }
    toParse.push({ path, text: read.text });
    if (toParse.length % ANNOUNCE_BATCH === 0) announce(toParse.slice(-ANNOUNCE_BATCH));
  }
  announce(toParse.slice(toParse.length - toParse.length % ANNOUNCE_BATCH));
  for (const { path, text } of toParse) {
    const analysis = await pooledTerraform(text, { fileName: path });
    const firstError = analysis.parseErrors[0];
    if (firstError) unreadable.push({ path, reason: `parse error: ${firstError.message}`, line: firstError.line, column: firstError.column });
    files.set(path, { path, analysis });
  }
  const ordered = /* @__PURE__ */ new Map();
  for (const path of paths) {
    const parsed = files.get(path);
    if (parsed) ordered.set(path, parsed);
  }
  unreadable.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  if (lazyFiles.size === 0) return buildIndex(ordered, unreadable, context.settings, deferred);
  const parser = await (parserLoad ?? loadTerraformParser());
  return buildIndex(ordered, unreadable, context.settings, deferred, { files: lazyFiles, parse: (path, text) => terraformNow(parser, text, { fileName: path }) });
}

// src/facts/types.ts
function pathsOf(file) {
  return file.previousPath !== void 0 ? [file.path, file.previousPath] : [file.path];
}
function changedPaths(changes) {
  return new Set(changes.files.flatMap(pathsOf));
}

// src/facts/pullRequest.ts
function payloadPull(context) {
  const pull = context.event.payload.pull_request;
  return pull && typeof pull.number === "number" ? pull : void 0;
}
function baseRevision(context) {
  if (context.revisions) return context.revisions.base;
  const pull = payloadPull(context);
  if (pull) return pull.base.sha;
  const group = context.event.payload.merge_group;
  if (group?.base_sha) return group.base_sha;
  throw new ConfigurationError(
    `Event "${context.event.name}" carries no base revision for a PR check.`,
    "Run the PR check on pull_request or merge_group events, or pass --base to the CLI."
  );
}
async function gatherChanges(context) {
  const root = context.workspace;
  const baseCommit = (async () => ensureCommit(root, baseRevision(context), "base"))();
  baseCommit.catch(() => void 0);
  const early = (async () => localMergeBase(root, baseRevision(context), "HEAD"))().catch(() => void 0);
  const head = await resolveCommit(root, "HEAD");
  if (!head) throw new ConfigurationError(`No git checkout at ${root}.`, "Run actions/checkout before deploy-guard.");
  const base = await baseCommit;
  const wanted = context.revisions?.head;
  if (wanted) {
    const resolved = await ensureCommit(root, wanted, "head");
    if (resolved !== head) {
      throw new ConfigurationError(
        `--head ${wanted} is not the checked-out commit; deploy-guard reads the working tree.`,
        `Check it out first: git checkout ${wanted}`
      );
    }
  }
  const fork = await early ?? await mergeBase(root, base, head);
  return { base, head, mergeBase: fork, files: await changedFiles(root, fork, head) };
}
var BaseVersions = class {
  constructor(workspace, mergeBase2, readSpecs = (specs) => readBlobs(workspace, specs, MAX_FILE_BYTES)) {
    this.mergeBase = mergeBase2;
    this.readSpecs = readSpecs;
  }
  mergeBase;
  readSpecs;
  known = /* @__PURE__ */ new Map();
  /** The versions of `paths` at the merge base (a path it lacks reads as missing). */
  async read(paths) {
    const wanted = [...new Set(paths)];
    const unread = wanted.filter((path) => !this.known.has(path));
    if (unread.length > 0) {
      const spec = (path) => `${this.mergeBase}:${path}`;
      const batch = this.readSpecs(unread.map(spec));
      for (const path of unread) {
        const blob = batch.then((blobs) => blobs.get(spec(path)) ?? { ok: false, reason: "missing" });
        blob.catch(() => void 0);
        this.known.set(path, blob);
      }
    }
    return new Map(await Promise.all(wanted.map(async (path) => [path, await this.known.get(path)])));
  }
};
function baseVersionsOf(workspace, changes) {
  const versions = new BaseVersions(workspace, changes.mergeBase);
  const terraform = changes.files.filter((file) => file.status !== "added" && pathsOf(file).some((path) => TERRAFORM_PROPER.test(path)));
  void versions.read(terraform.map((file) => file.previousPath ?? file.path)).catch(() => void 0);
  return versions;
}
async function gatherPullRequest(context) {
  const pull = payloadPull(context);
  if (!pull) return void 0;
  return {
    number: pull.number,
    title: pull.title ?? "",
    body: pull.body ?? "",
    author: pull.user?.login ?? "",
    labels: (pull.labels ?? []).map((label) => label.name ?? "").filter(Boolean),
    headSha: pull.head.sha,
    baseRef: pull.base.ref
  };
}
var REASON_LINE = /^\s*deploy-guard-reason:[ \t]*(.+?)\s*$/m;
function overrideReason(body) {
  const reason = REASON_LINE.exec(body)?.[1];
  return reason && reason.length > 0 ? reason : void 0;
}
async function gatherOverride(context, pull) {
  if (!pull) return void 0;
  const { label, allowed } = context.settings.override;
  const labelPresent = pull.labels.includes(label);
  if (!labelPresent) return { labelEvents: [], labelPresent: false };
  const reason = overrideReason(pull.body);
  const headCommittedAt = await commitTime(context.workspace, pull.headSha).catch(() => void 0);
  const base = {
    labelEvents: [],
    labelPresent,
    ...reason ? { reason } : {},
    ...headCommittedAt ? { headCommittedAt } : {}
  };
  if (!context.github) return base;
  const labelEvents = (await context.github.labelEvents(pull.number)).filter((event) => event.label === label);
  const latest = labelEvents.at(-1);
  if (!latest) return { ...base, labelEvents };
  let actorAllowed = { allowed: false };
  for (const entry of allowed) {
    const [org, team] = entry.split("/");
    if (!team) {
      if (entry.toLowerCase() === latest.actor.toLowerCase()) {
        actorAllowed = { allowed: true, via: `user ${entry}` };
        break;
      }
    } else if (org && await context.github.isTeamMember(org, team, latest.actor)) {
      actorAllowed = { allowed: true, via: `team ${entry}` };
      break;
    }
  }
  return { ...base, labelEvents, actorAllowed };
}

// src/facts/promotion.ts
import { posix as posix4 } from "node:path";

// src/facts/promotableValues.ts
function valueId(value) {
  return `${value.kind}\0${value.key}\0${value.value}`;
}
function moduleKey(source) {
  const question = source.indexOf("?");
  if (question < 0) return source;
  const kept = source.slice(question + 1).split("&").filter((part) => part !== "" && !/^(ref|version)=/.test(part));
  return kept.length > 0 ? `${source.slice(0, question)}?${kept.join("&")}` : source.slice(0, question);
}
function queryVersion(source) {
  const query = source.split("?")[1];
  if (!query) return void 0;
  for (const part of query.split("&")) if (part.startsWith("version=") && part.length > "version=".length) return decodeURIComponent(part.slice(8));
  return void 0;
}
var CONTAINER_IMAGE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)+(?::[\w][\w.-]{0,127}|@sha256:[0-9a-f]{64})$/;
var IMAGE_PARAMETER_NAME = /(image|ami|tag|version|release|artifact|build)/i;
var SINGLE_TOKEN = /^[\w.:@/+-]{1,256}$/;
function isImageLikeParameterValue(name, value) {
  if (CONTAINER_IMAGE.test(value)) return true;
  return IMAGE_PARAMETER_NAME.test(name) && SINGLE_TOKEN.test(value) && !/^(true|false|null|\d{1,5})$/i.test(value);
}
function promotableValuesIn(path, analysis) {
  const found = [];
  for (const ref of analysis.amis) {
    if (!AMI_ID_PATTERN.test(ref.ami)) continue;
    found.push({ kind: "ami", key: "", value: ref.ami, label: ref.ami, needles: [ref.ami], file: path, line: ref.line, column: ref.column });
  }
  for (const lookup of analysis.amiLookups) {
    if (lookup.mostRecent) continue;
    const filters = [...lookup.filters].map((filter) => `${filter.name}=[${[...filter.values].sort().join(",")}]`).sort();
    const parts = [`owners=[${[...lookup.owners].sort().join(",")}]`, ...lookup.nameRegex ? [`name_regex=${lookup.nameRegex}`] : [], ...filters];
    const needles = [...lookup.owners, ...lookup.filters.flatMap((filter) => filter.values), ...lookup.nameRegex ? [lookup.nameRegex] : []].filter((needle) => needle.length > 0);
    if (needles.length === 0) continue;
    const value = parts.join(" ");
    found.push({ kind: "ami-lookup", key: "", value, label: `the AMI lookup ${value}`, needles, file: path, line: lookup.line, column: lookup.column });
  }
  for (const call of analysis.modules) {
    if (call.local) continue;
    const version2 = call.ref ?? call.version ?? queryVersion(call.source);
    if (!version2) continue;
    const key = moduleKey(call.source);
    const position = call.ref === void 0 && call.version !== void 0 && call.versionPos ? call.versionPos : call.sourcePos;
    const what = call.ref !== void 0 ? `ref ${version2}` : `version ${version2}`;
    found.push({ kind: "module", key, value: version2, label: `${what} of module source ${key}`, needles: [version2], file: path, line: position.line, column: position.column });
  }
  for (const parameter of analysis.ssmParameters) {
    const value = parameter.value;
    if (parameter.kind !== "resource" || value === void 0 || AMI_ID_PATTERN.test(value)) continue;
    if (!isImageLikeParameterValue(parameter.name, value)) continue;
    found.push({
      kind: "ssm-value",
      key: "",
      value,
      label: `"${value}" (SSM parameter ${parameter.name})`,
      needles: [value],
      file: path,
      line: parameter.line,
      column: parameter.column
    });
  }
  return found;
}

// src/facts/terragrunt.ts
import { posix as posix3 } from "node:path";
var MAX_DEPTH = 24;
function stringContent(node, scope, depth) {
  let text = "";
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === "template_literal") text += child.text;
    else if (child.type === "template_interpolation") {
      const inner = child.namedChildren.find((part) => part?.type === "expression");
      const value = inner ? evaluate(inner, scope, depth + 1) : void 0;
      if (value === void 0) return void 0;
      text += value;
    } else if (child.type === "quoted_template_start" || child.type === "quoted_template_end" || child.type === "template_interpolation_start" || child.type === "template_interpolation_end") continue;
    else return void 0;
  }
  return text;
}
function findInParentFolders(scope, name) {
  for (let dir = posix3.dirname(scope.dir); ; dir = posix3.dirname(dir)) {
    const candidate = posix3.join(dir, name);
    if (scope.exists(candidate)) return candidate;
    if (dir === "/") return void 0;
  }
}
function evaluate(node, scope, depth) {
  if (depth > MAX_DEPTH) return void 0;
  switch (node.type) {
    case "expression":
    case "literal_value":
    case "template_expr": {
      const only = node.namedChildren.filter((child) => child !== null);
      return only.length === 1 && only[0] ? evaluate(only[0], scope, depth + 1) : void 0;
    }
    case "string_lit":
    case "quoted_template":
      return stringContent(node, scope, depth);
    case "function_call": {
      const name = node.namedChildren.find((child) => child?.type === "identifier")?.text;
      const args = (node.namedChildren.find((child) => child?.type === "function_arguments")?.namedChildren ?? []).filter((child) => child?.type === "expression");
      const values = args.map((arg) => evaluate(arg, scope, depth + 1));
      if (values.some((value) => value === void 0)) return void 0;
      const [first] = values;
      switch (name) {
        case "find_in_parent_folders":
          return findInParentFolders(scope, first ?? "terragrunt.hcl");
        case "dirname":
          return first === void 0 ? void 0 : posix3.dirname(first);
        case "get_terragrunt_dir":
          return scope.dir;
        case "get_repo_root":
          return "/";
        default:
          return void 0;
      }
    }
    default:
      return void 0;
  }
}
function toRepoPath(value, scope) {
  const absolute = value.startsWith("/") ? value : posix3.join(scope.dir, value);
  const path = normalisePath(absolute);
  return path === void 0 || path === "" ? void 0 : path;
}
async function terragruntReads(path, text, exists) {
  const parser = await createParser("terraform");
  const tree = parser.parse(text);
  if (!tree) return [];
  const scope = { dir: `/${posix3.dirname(path) === "." ? "" : posix3.dirname(path)}`, exists: (candidate) => exists(candidate.replace(/^\/+/, "")) };
  const edges = [];
  const add = (expression) => {
    if (!expression) return;
    const value = evaluate(expression, scope, 0);
    const target = value === void 0 ? void 0 : toRepoPath(value, scope);
    if (target && target !== path) edges.push({ dir: target, by: path, line: expression.startPosition.row + 1 });
  };
  try {
    const stack = [tree.rootNode];
    while (stack.length > 0) {
      const node = stack.pop();
      if (node.type === "block" && node.namedChildren[0]?.type === "identifier" && node.namedChildren[0].text === "include") {
        const body = node.namedChildren.find((child) => child?.type === "body");
        for (const attribute of body?.namedChildren ?? []) {
          if (attribute?.type === "attribute" && attribute.namedChildren[0]?.text === "path") add(attribute.namedChildren.find((child) => child?.type === "expression") ?? void 0);
        }
      } else if (node.type === "function_call" && node.namedChildren[0]?.text === "read_terragrunt_config") {
        const args = node.namedChildren.find((child) => child?.type === "function_arguments");
        add(args?.namedChildren.find((child) => child?.type === "expression") ?? void 0);
      }
      for (const child of node.namedChildren) if (child) stack.push(child);
    }
  } finally {
    tree.delete();
    parser.delete();
  }
  return edges.sort((a, b) => a.line - b.line);
}

// src/facts/valueHistory.ts
var HISTORY_PATHSPECS = ["*.tf", "*.tf.json", "*.tfvars", "*.tfvars.json", "*.hcl"];
var MAX_PATTERN_CHARS = 6e4;
var MAX_NEEDLE_CHARS = 1024;
function escapeEre(text) {
  return text.replace(/[.[\]()*+?{}|^$\\]/g, "\\$&");
}
function parseLog(out) {
  const tokens = out.split("\0");
  const commits = [];
  let current;
  for (let i = 0; i < tokens.length; i++) {
    const token = (tokens[i] ?? "").replace(/^\n+/, "");
    if (token.startsWith("")) {
      const at2 = tokens[++i] ?? "";
      const parents = (tokens[++i] ?? "").trim();
      current = { sha: token.slice(1), at: at2, merge: parents.split(" ").filter(Boolean).length > 1, files: [] };
      commits.push(current);
    } else if (token !== "" && current) {
      current.files.push({ status: token.charAt(0), path: tokens[++i] ?? "" });
    }
  }
  return commits;
}
function groups(values) {
  const result = [];
  let group = [];
  let size = 0;
  for (const value of values) {
    const cost = value.needles.reduce((sum, needle) => sum + needle.length * 2 + 1, 0);
    if (group.length > 0 && size + cost > MAX_PATTERN_CHARS) {
      result.push(group);
      group = [];
      size = 0;
    }
    group.push(value);
    size += cost;
  }
  if (group.length > 0) result.push(group);
  return result;
}
async function presenceHistory(query) {
  const intervals = new Map(query.values.map((value) => [valueId(value), []]));
  const result = { intervals, commitsExamined: 0, filesParsed: 0 };
  const searchable = query.values.filter((value) => value.needles.length > 0 && value.needles.every((needle) => needle.length > 0 && needle.length <= MAX_NEEDLE_CHARS));
  if (searchable.length === 0) return result;
  await ensureFullHistory(query.cwd);
  for (const group of groups(searchable)) await searchGroup(query, group, result);
  return result;
}
async function searchGroup(query, values, result) {
  const needles = [...new Set(values.flatMap((value) => value.needles))].filter((needle) => needle.length > 0);
  if (needles.length === 0) return;
  const tracked = new Set(values.map(valueId));
  const out = await git(query.cwd, [
    "log",
    "--first-parent",
    "--diff-merges=first-parent",
    "--no-renames",
    "--no-ext-diff",
    "--no-textconv",
    "-z",
    "--format=%x01%H%x00%cI%x00%P",
    "--name-status",
    `-G${needles.map(escapeEre).join("|")}`,
    query.base,
    "--",
    ...HISTORY_PATHSPECS
  ]);
  const commits = parseLog(out).reverse();
  result.commitsExamined += commits.length;
  const specs = [];
  for (const commit of commits) {
    for (const file of commit.files) if (file.status !== "D" && query.belongs(file.path)) specs.push({ spec: `${commit.sha}:${file.path}`, path: file.path });
  }
  const blobs = await readBlobs(query.cwd, specs.map(({ spec }) => spec), MAX_FILE_BYTES);
  for (const { spec, path } of specs) {
    const blob = blobs.get(spec);
    if (blob?.ok) announceTerraform(blob.text, { fileName: path });
  }
  const held = /* @__PURE__ */ new Map();
  const holders = /* @__PURE__ */ new Map();
  for (const commit of commits) {
    const before = new Set([...holders].filter(([, files]) => files.size > 0).map(([id]) => id));
    for (const file of commit.files) {
      if (!query.belongs(file.path)) continue;
      let now = /* @__PURE__ */ new Set();
      if (file.status !== "D") {
        const blob = blobs.get(`${commit.sha}:${file.path}`);
        if (blob?.ok) {
          result.filesParsed += 1;
          const analysis = await pooledTerraform(blob.text, { fileName: file.path });
          now = new Set(promotableValuesIn(file.path, analysis).map(valueId).filter((id) => tracked.has(id)));
        }
      }
      for (const id of held.get(file.path) ?? []) holders.get(id)?.delete(file.path);
      for (const id of now) {
        const files = holders.get(id) ?? /* @__PURE__ */ new Set();
        files.add(file.path);
        holders.set(id, files);
      }
      held.set(file.path, now);
    }
    for (const [id, files] of holders) {
      const list2 = result.intervals.get(id);
      if (!list2) continue;
      if (files.size > 0 && !before.has(id)) {
        list2.push({ from: commit.at, fromCommit: commit.sha, fromMerge: commit.merge, fromFile: [...files].sort()[0] ?? "" });
      } else if (files.size === 0 && before.has(id)) {
        const open = list2.at(-1);
        if (open && open.to === void 0) {
          open.to = commit.at;
          open.toCommit = commit.sha;
        }
      }
    }
  }
}

// src/facts/promotion.ts
var PromotionNotEvaluated = class extends Error {
  constructor(message, fix) {
    super(message);
    this.fix = fix;
  }
  fix;
  name = "PromotionNotEvaluated";
};
var TEMPLATE = /\.(tftpl|tpl)$/;
function promotionOrder(settings, index) {
  if (settings.environmentsConfigured) return [...settings.promotion];
  const present = /* @__PURE__ */ new Set();
  for (const path of index.files.keys()) for (const env of index.environmentsOf(path)) present.add(env);
  return settings.promotion.filter((name) => present.has(name));
}
var ReachMap = class {
  constructor(index, terragruntEdges = []) {
    this.index = index;
    for (const edge of terragruntEdges) {
      this.terragrunt.add(edge);
      this.readers.set(edge.dir, [...this.readers.get(edge.dir) ?? [], edge]);
    }
    for (const { path, analysis } of index.files.values()) {
      this.rank.set(path, this.rank.size);
      const rendered = index.unreadReferences(path);
      if (rendered !== void 0) this.unread.set(path, { dir: folderOf(path), rendered });
      else this.addReferences(path, analysis.scriptFiles, false);
    }
  }
  index;
  cache = /* @__PURE__ */ new Map();
  /** Repository file → the files that read or include it: Terragrunt's first, then in the order of the index. */
  readers = /* @__PURE__ */ new Map();
  terragrunt = /* @__PURE__ */ new Set();
  /** Position of each file in the index, for a reference read late. */
  rank = /* @__PURE__ */ new Map();
  /**
   * Files a narrow PR's index has not parsed that may reference files (TerraformIndex.unreadReferences), with
   * their folder: their references are read the first time a path they may name is asked about.
   */
  unread = /* @__PURE__ */ new Map();
  asked = /* @__PURE__ */ new Set();
  addReferences(path, refs, late) {
    const rank = this.rank.get(path) ?? 0;
    for (const ref of refs) {
      if (ref.dynamic) continue;
      const target = normalisePath(posix4.join(posix4.dirname(path), ref.path));
      if (!target) continue;
      const edges = this.readers.get(target) ?? [];
      const edge = { dir: target, by: path, line: ref.line };
      const at2 = late ? edges.findIndex((other) => !this.terragrunt.has(other) && (this.rank.get(other.by) ?? 0) > rank) : -1;
      if (at2 < 0) edges.push(edge);
      else edges.splice(at2, 0, edge);
      this.readers.set(target, edges);
    }
  }
  readersOf(path) {
    if (this.unread.size > 0 && !this.asked.has(path)) {
      this.asked.add(path);
      for (const [file, { dir, rendered }] of this.unread) {
        if (!mayReferenceFile(rendered, dir, path)) continue;
        this.unread.delete(file);
        this.addReferences(file, this.index.files.get(file)?.analysis.scriptFiles ?? [], true);
      }
    }
    return this.readers.get(path) ?? [];
  }
  of(path, seen = /* @__PURE__ */ new Set()) {
    const cached2 = this.cache.get(path);
    if (cached2) return cached2;
    const found = new Map(this.index.reach(path));
    for (const edge of this.readersOf(path)) {
      if (seen.has(edge.by) || seen.size > 16) continue;
      for (const [env, chain] of this.of(edge.by, /* @__PURE__ */ new Set([...seen, path]))) {
        const candidate = [edge, ...chain];
        const known = found.get(env);
        if (!known || known.length > candidate.length) found.set(env, candidate);
      }
    }
    if (seen.size === 0) this.cache.set(path, found);
    return found;
  }
  /** Whether the path is something Terraform of some environment reads. */
  isRead(path) {
    return this.readersOf(path).length > 0;
  }
};
var reachMaps = /* @__PURE__ */ new WeakMap();
function reachMap(context, index) {
  let pending = reachMaps.get(index);
  if (!pending) {
    pending = (async () => {
      const edges = [];
      for (const path of index.files.keys()) {
        if (posix4.basename(path) !== "terragrunt.hcl") continue;
        const read = await readRepoFile(context.workspace, path);
        if (read.ok) edges.push(...await terragruntReads(path, read.text, (candidate) => index.files.has(candidate)));
      }
      return new ReachMap(index, edges);
    })();
    reachMaps.set(index, pending);
  }
  return pending;
}
function reachesOf(reach, order, paths) {
  const best = /* @__PURE__ */ new Map();
  for (const path of paths) {
    for (const [env, chain] of reach.of(path)) {
      const known = best.get(env);
      if (!known || known.length > chain.length) best.set(env, chain);
    }
  }
  return order.filter((env) => best.has(env)).map((environment2) => ({ environment: environment2, chain: best.get(environment2) ?? [] }));
}
function describeChange(index, changes, settings, reach) {
  const order = promotionOrder(settings, index);
  const files = [];
  for (const file of changes.files) {
    const paths = pathsOf(file);
    const terraform = paths.some((path) => TERRAFORM_PROPER.test(path) && !PACKER_FILE.test(path));
    if (!terraform && !paths.some((path) => TEMPLATE.test(path) || reach.isRead(path))) continue;
    files.push({
      path: file.path,
      status: file.status,
      ...file.previousPath !== void 0 ? { previousPath: file.previousPath } : {},
      terraform,
      reaches: reachesOf(reach, order, paths)
    });
  }
  return { order, files };
}
async function gatherTerraformChange(context, index, changes) {
  const change = describeChange(index, changes, context.settings, await reachMap(context, index));
  const dropped = context.settings.promotion.filter((name) => !change.order.includes(name));
  if (dropped.length > 0) {
    context.journal.note(
      "promotion",
      `No Terraform found for ${dropped.join(", ")} (environments detected from directory names); promotion checks use ${change.order.join(" \u2192 ") || "no environment"}.`
    );
  }
  return change;
}
function baseName(context) {
  if (context.revisions) return context.revisions.base;
  const pull = context.event.payload.pull_request;
  if (typeof pull?.base?.ref === "string") return pull.base.ref;
  const group = context.event.payload.merge_group;
  if (typeof group?.base_ref === "string") return group.base_ref.replace(/^refs\/heads\//, "");
  return "the base branch";
}
function byPosition(a, b) {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}
async function gatherPromotableValues(context, index, change, changes, atBase = new BaseVersions(context.workspace, changes.mergeBase)) {
  const reach = await reachMap(context, index);
  const { order } = change;
  const result = { base: changes.base, baseName: baseName(context), order, incoming: [] };
  if (order.length < 2) return result;
  const changedTerraform = change.files.filter((file) => file.terraform);
  const changedPaths2 = new Set(changedTerraform.map((file) => file.path));
  const unreadable = new Map(index.unreadable.map((entry) => [entry.path, entry]));
  const baseBlobs = await atBase.read(changedTerraform.filter((file) => file.status !== "added").map((file) => file.previousPath ?? file.path));
  const changedNeedles = needlesOf(
    changedTerraform.flatMap((file) => {
      const parsed = file.status === "deleted" ? void 0 : index.files.get(file.path);
      return parsed ? promotableValuesIn(file.path, parsed.analysis) : [];
    })
  );
  const baseVersions = [];
  for (const file of changedTerraform) {
    if (file.status === "added") continue;
    const path = file.previousPath ?? file.path;
    const blob = baseBlobs.get(path);
    if (!blob?.ok) continue;
    if (mayHold(blob.text, changedNeedles)) baseVersions.push({ path, text: blob.text });
  }
  for (const { path, text } of baseVersions) announceTerraform(text, { fileName: path });
  const baseOccurrences = [];
  for (const { path, text } of baseVersions) baseOccurrences.push(...promotableValuesIn(path, await pooledTerraform(text, { fileName: path })));
  const addedTo = /* @__PURE__ */ new Map();
  const problems = changedTerraform.flatMap((file) => {
    const problem = unreadable.get(file.path);
    const envs = order.filter((env) => reach.of(file.path).has(env));
    if (file.status === "deleted" || !problem || envs.length === 0) return [];
    return [{ path: file.path, text: `${file.path}${problem.line ? `:${problem.line}` : ""} (${envs.join(", ")}) could not be read: ${problem.reason}.` }];
  });
  if (problems.length > 0) {
    throw new PromotionNotEvaluated(
      problems.map((problem) => problem.text).join(" "),
      `Make ${problems.length === 1 ? problems[0].path : "each of them"} valid Terraform under ${MAX_FILE_BYTES / 1024 / 1024} MiB; deploy-guard reads every changed file of an environment before it lets the change through.`
    );
  }
  for (const env of order) {
    const brought = [];
    for (const file of changedTerraform) {
      if (file.status === "deleted") continue;
      const via = reach.of(file.path).get(env);
      if (!via) continue;
      const parsed = index.files.get(file.path);
      if (!parsed) continue;
      for (const occurrence of promotableValuesIn(file.path, parsed.analysis).sort(byPosition)) brought.push({ ...occurrence, via });
    }
    const sought = new Set(brought.map(valueId));
    for (const occurrence of baseOccurrences) if (reach.of(occurrence.file).has(env)) sought.delete(valueId(occurrence));
    let soughtNeedles;
    for (const [path, parsed] of index.files) {
      if (sought.size === 0) break;
      if (changedPaths2.has(path) || PACKER_FILE.test(path)) continue;
      const unparsed = index.unparsedText(path);
      if (unparsed !== void 0 && !mayHold(unparsed, soughtNeedles ??= needlesOf(brought.filter((value) => sought.has(valueId(value)))))) continue;
      const held = promotableValuesIn(path, parsed.analysis).filter((occurrence) => sought.has(valueId(occurrence)));
      if (held.length === 0 || !reach.of(path).has(env)) continue;
      for (const occurrence of held) sought.delete(valueId(occurrence));
      soughtNeedles = void 0;
    }
    const added = /* @__PURE__ */ new Map();
    for (const occurrence of brought) {
      const id = valueId(occurrence);
      if (sought.has(id) && !added.has(id)) added.set(id, occurrence);
    }
    addedTo.set(env, added);
  }
  for (let i = 1; i < order.length; i++) {
    const env = order[i];
    const previous = order[i - 1];
    const added = [...addedTo.get(env)?.values() ?? []];
    if (added.length === 0) continue;
    const history = await presenceHistory({
      cwd: context.workspace,
      base: changes.base,
      values: added,
      belongs: (path) => !PACKER_FILE.test(path) && reach.of(path).has(previous)
    });
    context.journal.note(
      "promotion",
      `Promotion (git evidence: what ${previous} had on ${result.baseName}, which proves intent, not what ran): ${added.length} value(s) entering ${env} searched in ${history.commitsExamined} first-parent commit(s).`
    );
    const enteringPrevious = addedTo.get(previous);
    for (const occurrence of added) {
      const id = valueId(occurrence);
      result.incoming.push({
        ...occurrence,
        environment: env,
        previous,
        alsoEntersPrevious: enteringPrevious?.has(id) ?? false,
        intervals: history.intervals.get(id) ?? []
      });
    }
  }
  return result;
}
var PUBLIC_PARAMETER = /^\/aws\/service\//;
var NOT_AN_IMAGE = /^\/aws\/service\/global-infrastructure\//;
var IMAGE_PARAMETER = /(^|[/_.-])(ami|amis|image|images|image[-_]?id)([/_.-]|$)/i;
function parameterName(resolved) {
  const match = /^(.*):([^:/]+)$/.exec(resolved);
  if (match && match[1]) return { name: match[1], pinned: /^\d+$/.test(match[2] ?? "") };
  return { name: resolved, pinned: false };
}
function needlesOf(values) {
  return [...new Set(values.flatMap((value) => value.needles))].filter((needle) => needle.length > 0);
}
function mayHold(text, needles) {
  return text.includes("\\") || text.includes("%") || needles.some((needle) => text.includes(needle));
}
function normaliseParameter(name) {
  return name.startsWith("/") ? name : `/${name}`;
}
function floatingAmiSources(settings, index, reach) {
  const order = promotionOrder(settings, index);
  const later = new Set(order.slice(1));
  const found = [];
  for (const [path, { analysis }] of index.files) {
    if (index.unparsedText(path) !== void 0) continue;
    if (analysis.amiLookups.length === 0 && analysis.ssmParameters.length === 0) continue;
    const envs = [...reach.of(path)].filter(([env]) => later.has(env));
    if (envs.length === 0) continue;
    for (const [environment2, via] of envs) {
      const listed = new Set((settings.environments.get(environment2)?.amis.ssmParameters ?? []).map(normaliseParameter));
      for (const lookup of analysis.amiLookups) {
        if (!lookup.mostRecent) continue;
        const what = `data.aws_ami.${lookup.name}`;
        found.push({ environment: environment2, kind: "most-recent-lookup", what, address: what, file: path, line: lookup.line, column: lookup.column, via });
      }
      for (const parameter of analysis.ssmParameters) {
        if (parameter.dynamic || parameter.kind === "resource") continue;
        const { name, pinned } = parameter.kind === "resolve" ? parameterName(parameter.name) : { name: parameter.name, pinned: false };
        if (pinned) continue;
        const address = parameter.kind === "resolve" ? `resolve:ssm: in ${parameter.address}` : parameter.address;
        const base = { environment: environment2, what: name, address, file: path, line: parameter.line, column: parameter.column, via };
        if (PUBLIC_PARAMETER.test(name)) {
          if (!NOT_AN_IMAGE.test(name)) found.push({ ...base, kind: "public-parameter" });
        } else if (!listed.has(normaliseParameter(name)) && (parameter.kind === "resolve" || IMAGE_PARAMETER.test(name))) {
          found.push({ ...base, kind: "unlisted-parameter" });
        }
      }
    }
  }
  return found.sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.environment < b.environment ? -1 : 1));
}
async function gatherFloatingAmiSources(context, index) {
  return floatingAmiSources(context.settings, index, await reachMap(context, index));
}
async function gatherAppliedPulls(context, pull) {
  const label = context.settings.appliedLabel;
  if (!context.github) {
    throw new PromotionNotEvaluated(
      `Open pull requests labelled "${label}" could not be listed: no GitHub token.`,
      "Pass github-token (the default is ${{ github.token }}) and give the job `pull-requests: read`; for the CLI set GITHUB_TOKEN and GITHUB_REPOSITORY."
    );
  }
  let pulls;
  try {
    pulls = await context.github.openPullsWithLabel(label);
  } catch (error2) {
    const status = error2.status;
    throw new PromotionNotEvaluated(
      `Open pull requests labelled "${label}" could not be listed from the GitHub API${typeof status === "number" ? ` (HTTP ${status})` : ""}: ${error2 instanceof Error ? error2.message : String(error2)}`,
      "Give the job `permissions: pull-requests: read` and re-run; if GitHub was unavailable, re-run the job."
    );
  }
  const own2 = pull?.number ?? mergeQueuePull(context);
  return { label, pulls: pulls.filter((candidate) => candidate.number !== own2).sort((a, b) => a.number - b.number) };
}
function mergeQueuePull(context) {
  const group = context.event.payload.merge_group;
  const match = typeof group?.head_ref === "string" ? /\/pr-(\d+)-[0-9a-f]+$/.exec(group.head_ref) : null;
  return match ? Number(match[1]) : void 0;
}

// src/facts/scripts.ts
import { posix as posix5 } from "node:path";

// src/parse/cloudInit.ts
var import_yaml = __toESM(require_dist(), 1);
function isCloudConfig(text) {
  return /^\uFEFF?#cloud-config[ \t]*\r?(\n|$)/.test(text);
}
function analyseCloudInit(text) {
  const result = { commands: [], writes: [], packages: [], problems: [] };
  const counter = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter: counter, uniqueKeys: false, prettyErrors: false });
  const at2 = (offset) => {
    const pos = counter.linePos(offset ?? 0);
    return { line: pos.line, column: pos.col };
  };
  for (const error2 of doc.errors) result.problems.push({ ...at2(error2.pos[0]), message: error2.message });
  if (doc.errors.length > 0) return result;
  const root = doc.contents;
  if (root === null || (0, import_yaml.isScalar)(root) && root.value === null) return result;
  if (!(0, import_yaml.isMap)(root)) {
    result.problems.push({ ...at2(root.range?.[0]), message: "a cloud-config document is a mapping of modules (runcmd, write_files, \u2026)" });
    return result;
  }
  const sourceLines = text.split("\n");
  const { resolve, scalarText } = yamlReader(doc);
  const linesOf = (node) => {
    const start = at2(node.range?.[0]);
    const value = String(node.value);
    if (node.type === import_yaml.Scalar.BLOCK_LITERAL || node.type === import_yaml.Scalar.BLOCK_FOLDED) {
      const first = sourceLines.slice(start.line).find((line) => line.trim() !== "") ?? "";
      const indent = first.length - first.trimStart().length;
      return value.split("\n").map((_, index) => ({ line: start.line + 1 + index, column: indent + 1 }));
    }
    const quoted = node.type === import_yaml.Scalar.QUOTE_DOUBLE || node.type === import_yaml.Scalar.QUOTE_SINGLE;
    return value.split("\n").map(() => ({ line: start.line, column: start.column + (quoted ? 1 : 0) }));
  };
  for (const pair of root.items) {
    const key = scalarText(pair.key);
    const value = resolve(pair.value);
    if (key === "runcmd" || key === "bootcmd") {
      if (!(0, import_yaml.isSeq)(value)) {
        if (value && !((0, import_yaml.isScalar)(value) && value.value === null)) result.problems.push({ ...at2(value.range?.[0]), message: `\`${key}\` must be a list` });
        continue;
      }
      for (const item of value.items) {
        const entry = resolve(item);
        if ((0, import_yaml.isScalar)(entry) && entry.value !== null && typeof entry.value !== "object") {
          result.commands.push({ key, form: "shell", text: String(entry.value), lines: linesOf(entry), ...at2(entry.range?.[0]) });
        } else if ((0, import_yaml.isSeq)(entry)) {
          const argv = entry.items.flatMap((word) => {
            const node = resolve(word);
            const text2 = scalarText(node);
            if (text2 === void 0) return [];
            const pos = at2(node?.range?.[0]);
            const quoted = (0, import_yaml.isScalar)(node) && (node.type === import_yaml.Scalar.QUOTE_DOUBLE || node.type === import_yaml.Scalar.QUOTE_SINGLE);
            return [{ value: text2, line: pos.line, column: pos.column + (quoted ? 1 : 0) }];
          });
          if (argv.length > 0) result.commands.push({ key, form: "argv", argv, ...at2(entry.range?.[0]) });
        }
      }
    } else if (key === "write_files" && (0, import_yaml.isSeq)(value)) {
      for (const item of value.items) {
        const entry = resolve(item);
        if (!(0, import_yaml.isMap)(entry)) continue;
        const path = scalarText(entry.get("path", true));
        if (path) result.writes.push(path);
      }
    } else if (key === "packages" && (0, import_yaml.isSeq)(value)) {
      for (const item of value.items) {
        const entry = resolve(item);
        const name = (0, import_yaml.isSeq)(entry) ? scalarText(entry.items[0]) : scalarText(entry);
        if (name) result.packages.push(name);
      }
    }
  }
  return result;
}

// src/facts/images.ts
var import_yaml2 = __toESM(require_dist(), 1);
function terraformAmis(index, settings) {
  const result = new Map(settings.promotion.map((env) => [env, []]));
  const files = [...index.files.values()].sort((a, b) => a.path.localeCompare(b.path));
  for (const { path, analysis } of files) {
    if (PACKER_FILE.test(path) || analysis.amis.length === 0) continue;
    for (const env of index.reach(path).keys()) {
      const list2 = result.get(env);
      if (!list2) continue;
      for (const ref of analysis.amis) {
        if (list2.some((known) => known.ami === ref.ami)) continue;
        list2.push({ ami: ref.ami, source: "terraform", file: path, line: ref.line, column: ref.column, detail: `${ref.attribute} in ${ref.context} (${path}:${ref.line})` });
      }
    }
  }
  return result;
}
function withInputAmi(amis, settings, mode) {
  const ami = settings.inputs.amiId;
  if (mode !== "preflight" || !ami) return amis;
  const target = preflightTarget(settings);
  const result = new Map(amis);
  result.set(target, [{ ami, source: "input", detail: "the ami-id input (preflight candidate)" }]);
  return result;
}
function preflightTarget(settings) {
  return settings.inputs.environment ?? settings.promotion.at(-1) ?? "prod";
}
async function gatherEnvironmentAmis(context, terraform) {
  return withInputAmi(terraformAmis(terraform, context.settings), context.settings, context.mode);
}
function imagesFor(environment2, amis, settings, mode) {
  if (mode === "preflight" && environment2 !== preflightTarget(settings)) return [];
  const own2 = (amis.get(environment2) ?? []).map(({ ami }) => ({ ami }));
  if (mode !== "audit") return own2;
  const previous = previousEnvironment(settings, environment2);
  const next = previous ? (amis.get(previous) ?? []).filter(({ ami }) => !own2.some((known) => known.ami === ami)) : [];
  return [...own2, ...next.map(({ ami }) => ({ ami, note: `in ${previous} now, next for ${environment2}` }))];
}
var ImageManifestError = class extends ConfigurationError {
  name = "ImageManifestError";
};
var MANIFEST_KEYS = ["image", "path", "executables"];
var FIX_MANIFEST = 'Regenerate it with scripts/image-inventory.sh, or correct it to {"image": "ami-\u2026", "path": "/usr/local/sbin:\u2026", "executables": ["/usr/local/bin/aws", \u2026]}.';
var PLAIN_PATH = /^\/[^\0\n\r]*$/;
function lineOf(text, offset) {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}
function jsonErrorAt(text, message) {
  const position = /position (\d+)/.exec(message);
  if (position) return lineOf(text, Number(position[1]));
  const offset = (0, import_yaml2.parseDocument)(text, { prettyErrors: false }).errors[0]?.pos[0];
  return offset === void 0 ? void 0 : lineOf(text, offset);
}
function keyLine(text, key) {
  const offset = text.indexOf(JSON.stringify(key));
  return offset < 0 ? "" : `:${lineOf(text, offset).line}`;
}
function parseManifest(file, text) {
  const fail = (where2, message) => {
    throw new ImageManifestError(`Image manifest ${file}${where2}: ${message}.`, FIX_MANIFEST);
  };
  let data;
  try {
    data = JSON.parse(text);
  } catch (error2) {
    const message = error2 instanceof Error ? error2.message : String(error2);
    const at2 = jsonErrorAt(text, message);
    return fail(at2 ? `:${at2.line}:${at2.column}` : "", `not valid JSON (${message})`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return fail("", 'expected a JSON object with "image", "path" and "executables"');
  const record2 = data;
  for (const key of Object.keys(record2)) {
    if (!MANIFEST_KEYS.includes(key)) fail(keyLine(text, key), `unknown key "${key}"; a manifest has exactly "image", "path" and "executables"`);
  }
  for (const key of MANIFEST_KEYS) if (!(key in record2)) fail("", `missing key "${key}"`);
  const { image, path, executables } = record2;
  if (typeof image !== "string" || !AMI_ID_PATTERN.test(image)) fail(keyLine(text, "image"), `key "image" must be an AMI id such as "ami-0123456789abcdef0", got ${JSON.stringify(image)}`);
  if (typeof path !== "string" || path === "") return fail(keyLine(text, "path"), 'key "path" must be a PATH string such as "/usr/local/bin:/usr/bin:/bin"');
  const dirs = path.split(":");
  const badDir = dirs.find((dir) => !PLAIN_PATH.test(dir));
  if (badDir !== void 0) fail(keyLine(text, "path"), `key "path" must list absolute directories separated by ":", got ${JSON.stringify(badDir)}`);
  if (!Array.isArray(executables)) return fail(keyLine(text, "executables"), 'key "executables" must be a list of absolute paths');
  executables.forEach((entry, index) => {
    if (typeof entry !== "string" || !entry.startsWith("/") || entry.includes("\0") || entry.endsWith("/")) {
      fail(keyLine(text, "executables"), `key "executables[${index}]" must be the absolute path of a file, got ${JSON.stringify(entry)}`);
    }
  });
  return { file, image, path: dirs, executables: [...new Set(executables)] };
}
async function loadManifests(context, repoFiles) {
  const { manifests: globs } = context.settings.images;
  const byImage = /* @__PURE__ */ new Map();
  if (globs.length === 0) return byImage;
  const matches = globMatcher(globs, { dot: true });
  for (const file of repoFiles.filter((path) => matches(path))) {
    const read = await readRepoFile(context.workspace, file);
    if (!read.ok) throw new ImageManifestError(`Image manifest ${file} could not be read: ${read.detail}.`, FIX_MANIFEST);
    const manifest = parseManifest(file, read.text);
    const earlier = byImage.get(manifest.image);
    if (earlier) {
      throw new ImageManifestError(
        `Image manifests ${earlier.file} and ${file} both describe ${manifest.image}.`,
        "Keep one manifest per image: delete the stale one or narrow images.manifests."
      );
    }
    byImage.set(manifest.image, manifest);
  }
  return byImage;
}
function manifestInventory(manifest) {
  const dirs = new Set(manifest.path);
  for (const executable of manifest.executables) dirs.add(executable.slice(0, executable.lastIndexOf("/")) || "/");
  return {
    image: manifest.image,
    source: "manifest",
    from: manifest.file,
    executables: manifest.executables,
    coveredDirs: [...dirs],
    checkedPaths: [],
    alternatives: {},
    path: manifest.path
  };
}
function probeNeeds(scripts, image) {
  const paths = /* @__PURE__ */ new Set();
  const names = /* @__PURE__ */ new Set();
  const environments = /* @__PURE__ */ new Set();
  for (const script of scripts.scripts) {
    const on = script.images.find((entry) => entry.image === image);
    if (!on) continue;
    on.environments.forEach((env) => environments.add(env));
    for (const command of script.commands) {
      if (command.kind === "absolute") paths.add(command.program);
      else if (command.kind === "bare") {
        names.add(command.program);
        for (const dir of command.searchPath) if (dir.startsWith("/")) paths.add(`${dir.replace(/\/+$/, "")}/${command.program}`);
      }
    }
  }
  return { image, environments: [...environments], paths: [...paths].sort(), names: [...names].sort() };
}
var PROBE_BATCH = 400;
var sessions = /* @__PURE__ */ new WeakMap();
function sessionFor(aws, context, name) {
  const byEnvironment = sessions.get(context) ?? /* @__PURE__ */ new Map();
  sessions.set(context, byEnvironment);
  let session = byEnvironment.get(name);
  if (!session) {
    const env = context.settings.environments.get(name)?.aws;
    session = new aws.AwsSession(
      { environment: name, regions: env?.regions ?? [], ...env?.roleArn ? { roleArn: env.roleArn } : {}, ...env?.accountId ? { accountId: env.accountId } : {} },
      { maxAttempts: context.settings.inputs.maxAttempts, userAgent: USER_AGENT }
    );
    byEnvironment.set(name, session);
  }
  return session;
}
var ssmProber = async (needs, context) => {
  const aws = await import("./aws-KUMTEX3X.js");
  const { settings } = context;
  const searched = [];
  for (const name of settings.promotion) {
    const env = settings.environments.get(name);
    if (!env?.aws || env.aws.regions.length === 0) continue;
    const session = sessionFor(aws, context, name);
    for (const region2 of env.aws.regions) {
      try {
        const tags = env.amis.instanceTags;
        const instances = await aws.instancesRunning(session, region2, { tags, imageIds: [needs.image] });
        searched.push(`${name} ${region2}${Object.keys(tags).length ? ` (tags ${Object.entries(tags).map(([k, v]) => `${k}=${v}`).join(", ")})` : ""}`);
        const instance = instances.find((candidate) => candidate.state === "running");
        if (!instance) continue;
        const inventory = {
          image: needs.image,
          source: "probe",
          from: `SSM probe on ${instance.id} in ${region2} (${name})`,
          executables: [],
          coveredDirs: [],
          checkedPaths: [...needs.paths],
          alternatives: {},
          path: settings.scripts.runPath
        };
        const executables = /* @__PURE__ */ new Set();
        const batches = Math.max(Math.ceil(needs.paths.length / PROBE_BATCH), Math.ceil(needs.names.length / PROBE_BATCH), 1);
        for (let batch = 0; batch < batches; batch++) {
          const result = await aws.runProbe(session, region2, instance.id, {
            paths: needs.paths.slice(batch * PROBE_BATCH, (batch + 1) * PROBE_BATCH),
            names: needs.names.slice(batch * PROBE_BATCH, (batch + 1) * PROBE_BATCH),
            runPath: settings.scripts.runPath.join(":")
          });
          for (const [path, fact] of result.paths) {
            if (fact.executable) executables.add(path);
            else if (fact.foundOnPath) {
              inventory.alternatives[path] = fact.foundOnPath;
              executables.add(fact.foundOnPath);
            }
          }
          for (const resolved of result.names.values()) if (resolved?.startsWith("/")) executables.add(resolved);
        }
        inventory.executables = [...executables].sort();
        return { ok: true, inventory };
      } catch (error2) {
        if (error2 instanceof aws.ProbeInputRejected) {
          return {
            ok: false,
            image: needs.image,
            security: true,
            reason: error2.message,
            fix: "A script names a path or command with characters the probe never sends to an instance; rename it to plain characters (A-Z a-z 0-9 . _ + - /) or provide an image manifest for this image."
          };
        }
        if (aws.isAwsEvidenceError(error2)) return { ok: false, image: needs.image, reason: error2.message, fix: error2.fix };
        throw error2;
      }
    }
  }
  if (searched.length === 0) {
    return {
      ok: false,
      image: needs.image,
      reason: `images.probe is ssm but no environment configures aws.regions, so no instance running ${needs.image} can be found`,
      fix: "Set environments.<name>.aws.regions (and amis.instance-tags) for staging, or provide an image manifest."
    };
  }
  return {
    ok: false,
    image: needs.image,
    reason: `no running instance of ${needs.image} to probe (searched ${searched.join("; ")})`,
    fix: `Launch an instance of ${needs.image} in staging (the probe needs one running with the SSM agent), or provide an image manifest written by scripts/image-inventory.sh during the image build.`
  };
};
async function gatherImageInventories(context, scripts, repoFiles, prober = ssmProber) {
  const inventories = /* @__PURE__ */ new Map();
  if (!scripts.imageChecks) return inventories;
  const manifests = await loadManifests(context, repoFiles);
  const needed = /* @__PURE__ */ new Set();
  for (const script of scripts.scripts) if (script.commands.length > 0) script.images.forEach(({ image }) => needed.add(image));
  const { images } = context.settings;
  for (const image of [...needed].sort()) {
    const manifest = manifests.get(image);
    if (manifest) {
      inventories.set(image, { ok: true, inventory: manifestInventory(manifest) });
      continue;
    }
    if (images.probe === "ssm") {
      inventories.set(image, await prober(probeNeeds(scripts, image), context));
      continue;
    }
    inventories.set(image, {
      ok: false,
      image,
      reason: images.manifests.length ? `no image manifest for ${image} among the files images.manifests matches (${images.manifests.join(", ")}), and the probe is off` : `images.manifests is empty and the probe is off, so nothing describes ${image}`,
      fix: "Have the image build run scripts/image-inventory.sh and commit its manifest where images.manifests finds it, or set images.probe: ssm to check a running staging instance."
    });
  }
  return inventories;
}

// src/facts/scripts.ts
var SHELL_EXTENSION = /\.(sh|bash|ksh|zsh|dash)$/i;
var SHELL_PATHSPECS = ["sh", "bash", "ksh", "zsh", "dash"].map((extension) => `:(icase)*.${extension}`);
var APPSPEC = /(^|\/)appspec\.ya?ml$/i;
var CLOUD_INIT_NAME = /(^|\/)(user[-_]?data|cloud[-_]?init)[^/]*$/i;
var SHELL_INTERPRETER = /^(sh|bash|dash|ksh|zsh|ash|busybox)$/;
var NOT_SOURCEABLE = /\.(tf|tfvars|hcl|json|md|ya?ml|png|jpe?g|gif|svg|txt|lock)$/i;
var MAX_SOURCE_DEPTH = 8;
var ReferencesLeftUnread = class extends Error {
};
async function gatherDeployScriptsFrom(context, facts) {
  const imageChecks = context.settings.images.configured;
  const unnamed = context.mode === "pr" ? scriptsNamingNone(context, facts) : void 0;
  const baseVersions = context.mode === "pr" ? facts.get("baseVersions") : void 0;
  baseVersions?.catch(() => void 0);
  const [read, repoFiles, terraform, changes, environmentAmis] = await Promise.all([
    readEarly(context, facts),
    facts.get("repoFiles"),
    facts.get("terraform"),
    context.mode === "pr" ? facts.get("changes") : void 0,
    imageChecks ? facts.get("environmentAmis") : void 0
  ]);
  return gatherDeployScripts(context, {
    repoFiles,
    terraform,
    read,
    ...unnamed ? { unnamed } : {},
    ...baseVersions ? { baseVersions } : {},
    ...changes ? { changes } : {},
    ...environmentAmis ? { environmentAmis } : {}
  });
}
async function readEarly(context, facts) {
  const read = /* @__PURE__ */ new Map();
  if (context.mode === "pr" && (await facts.get("changes")).files.length < largeRun()) return read;
  const { scripts } = context.settings;
  const excluded = globMatcher(scripts.exclude, { dot: true, flags: "s" });
  const include = globMatcher(scripts.include, { dot: true, flags: "s" });
  const repoFiles = (await facts.get("repoFiles")).filter((path) => !excluded(path));
  for (const path of repoFiles.filter((candidate) => APPSPEC.test(candidate))) {
    const file = await readRepoFile(context.workspace, path);
    read.set(path, file);
    if (file.ok) announceAppspec(file.text);
  }
  for (const path of repoFiles.filter((candidate) => SHELL_EXTENSION.test(candidate) && include(candidate) && !APPSPEC.test(candidate) && !TERRAFORM_FILE.test(candidate))) {
    const file = await readRepoFile(context.workspace, path);
    read.set(path, file);
    if (!file.ok) continue;
    for (const piece of contentOfRead(file).pieces) announceShell(piece.text);
  }
  return read;
}
async function scriptsNamingNone(context, facts) {
  const none = { files: /* @__PURE__ */ new Set(), folders: /* @__PURE__ */ new Set() };
  const [changes, repoFiles] = await Promise.all([facts.get("changes"), facts.get("repoFiles")]);
  if (changes.files.length >= largeRun()) return none;
  const changed = changedPaths(changes);
  const repo = new Set(repoFiles);
  const sourceable = [...changed].filter((path) => repo.has(path) && !NOT_SOURCEABLE.test(path));
  const scripts = new Set(repoFiles.filter((path) => SHELL_EXTENSION.test(path) && !changed.has(path)));
  if (sourceable.length === 0 || scripts.size === 0) return none;
  const names = [...new Set(sourceable.map((path) => posix5.basename(path)))];
  const folders = [...new Set(sourceable.map((path) => posix5.basename(folderOf(path))).filter((name) => name !== ""))];
  const [files, withoutFolders] = await Promise.all([
    filesWithoutMatch(context.workspace, { fixed: names }, SHELL_PATHSPECS),
    folders.length > 0 ? filesWithoutMatch(context.workspace, { fixed: folders }, SHELL_PATHSPECS) : void 0
  ]);
  const ofScripts = (found) => new Set([...found ?? []].filter((path) => scripts.has(path)));
  return { files: ofScripts(files), folders: ofScripts(withoutFolders) };
}
async function gatherDeployScripts(context, deps) {
  const { settings } = context;
  const imageChecks = settings.images.configured;
  if (!imageChecks) {
    context.journal.note("scripts", "Image checks are off: there is no `images` configuration, so deploy scripts are only checked for missing scripts (DG203) and hard-coded tool paths (DG204).");
  }
  const catalogue = new Catalogue(context, deps);
  await catalogue.discover();
  try {
    return await catalogue.analyse(await catalogue.scope(), imageChecks);
  } catch (error2) {
    if (!(error2 instanceof ReferencesLeftUnread)) throw error2;
    const complete = new Catalogue(context, deps, true);
    await complete.discover();
    return complete.analyse(await complete.scope(), imageChecks);
  }
}
var Catalogue = class {
  constructor(context, deps, everyReference = false) {
    this.context = context;
    this.deps = deps;
    this.everyReference = everyReference;
    this.repo = new Set(deps.repoFiles);
    this.excluded = globMatcher(context.settings.scripts.exclude, { dot: true, flags: "s" });
    this.runPath = context.settings.scripts.runPath;
  }
  context;
  deps;
  everyReference;
  units = /* @__PURE__ */ new Map();
  missing = [];
  unanalysed = [];
  repo;
  excluded;
  reads = /* @__PURE__ */ new Map();
  runPath;
  read(path) {
    let pending = this.reads.get(path);
    if (!pending) {
      const early = this.deps.read?.get(path);
      pending = early ? Promise.resolve(early) : readRepoFile(this.context.workspace, path);
      this.reads.set(path, pending);
    }
    return pending;
  }
  unit(id, create) {
    let unit = this.units.get(id);
    if (!unit) {
      unit = { id, inputs: /* @__PURE__ */ new Set(), runs: [], environments: /* @__PURE__ */ new Set(), reachOf: /* @__PURE__ */ new Set(), provided: /* @__PURE__ */ new Set(), onInstance: false, buildOnly: false, depth: 0, ...create() };
      this.units.set(id, unit);
    }
    return unit;
  }
  /** A script file of the repository; `render` says how its text becomes shell (templatefile() renders `${…}`). */
  fileUnit(path, render) {
    const unit = this.unit(path, () => ({
      file: path,
      scriptPath: path,
      load: () => this.loadFile(path, unit.render ?? "shell"),
      peek: async () => {
        const read = await this.read(path);
        return read.ok ? read.text : void 0;
      }
    }));
    unit.inputs.add(path);
    const rank = { auto: 0, shell: 1, template: 2 };
    if (!unit.render || rank[render] > rank[unit.render]) unit.render = render;
    return unit;
  }
  /** Something runs the unit on instances: a build (Packer) or an environment's. */
  runsOnInstance(unit, build) {
    if (build) {
      if (!unit.onInstance) unit.buildOnly = true;
    } else unit.buildOnly = false;
    unit.onInstance = true;
  }
  async loadFile(path, render) {
    const read = await this.read(path);
    if (!read.ok) return { failure: read.detail };
    if (render === "template") {
      const rendered = await renderTemplateFile(read.text);
      const first = rendered.parseErrors[0];
      const content = contentOf(rendered.text, detectFormat(rendered.text), (line, column) => mapScriptPosition({ ...rendered, line: 1, column: 1 }, line, column), true);
      if (first) content.problems.push({ pos: { line: first.line, column: first.column }, reason: `template parse error: ${first.message}` });
      return content;
    }
    if (render === "auto" && detectFormat(read.text) === "shell" && !read.text.startsWith("#!")) return { notScript: true };
    return contentOfRead(read);
  }
  async discover() {
    const { settings } = this.context;
    const include = globMatcher(settings.scripts.include, { dot: true, flags: "s" });
    const explicitInclude = JSON.stringify(settings.scripts.include) !== JSON.stringify(DEFAULT_SCRIPT_GLOBS);
    const { terraform } = this.deps;
    for (const path of this.deps.repoFiles) {
      if (this.excluded(path) || APPSPEC.test(path) || TERRAFORM_FILE.test(path)) continue;
      if (include(path)) {
        const unit = this.fileUnit(path, SHELL_EXTENSION.test(path) ? "shell" : "auto");
        if (explicitInclude) {
          this.runsOnInstance(unit, false);
          unit.runs.push("matched by scripts.include");
        } else if (terraform.reach(path).size > 0) {
          this.runsOnInstance(unit, false);
          unit.runs.push(`a script in the Terraform of ${[...terraform.reach(path).keys()].join(", ")}`);
        }
      } else if (CLOUD_INIT_NAME.test(path) && !SHELL_EXTENSION.test(path)) {
        const unit = this.fileUnit(path, "auto");
        this.runsOnInstance(unit, false);
        unit.runs.push("user data / cloud-init document");
      }
    }
    const narrow = await this.narrowChanges();
    const appspecs = [];
    for (const appspec of this.deps.repoFiles.filter((path) => APPSPEC.test(path) && !this.excluded(path))) {
      if (narrow && !await this.appspecMayMatter(appspec, narrow)) continue;
      appspecs.push(appspec);
    }
    for (const appspec of appspecs) {
      const read = await this.read(appspec);
      if (read.ok) announceAppspec(read.text);
    }
    for (const appspec of appspecs) {
      await this.discoverAppspec(appspec);
    }
    const tfFiles = [...terraform.files.values()].sort((a, b) => a.path.localeCompare(b.path));
    const named = narrow && !this.everyReference ? this.namedScriptsThatMayMatter(narrow, tfFiles) : void 0;
    for (const { path, analysis } of tfFiles) {
      if (this.excluded(path)) continue;
      const rendered = named && !narrow?.has(path) ? terraform.unreadReferences(path) : void 0;
      if (rendered !== void 0 && !await this.referencesMayMatter(path, rendered, named)) {
        this.unreadReferences.push({ path, rendered });
        continue;
      }
      const embedded = narrow && !narrow.has(path) ? [] : await terraform.embeddedScripts(path);
      if (embedded.length === 0 && analysis.scriptFiles.length === 0) continue;
      const packer = PACKER_FILE.test(path);
      this.discoverEmbedded(path, embedded, packer);
      for (const ref of analysis.scriptFiles) {
        if (ref.dynamic) continue;
        const build = packer || ref.context.startsWith("build.");
        const candidates = this.referenceCandidates(path, ref);
        const found = candidates.find((candidate) => this.repo.has(candidate));
        const by = build ? `Packer provisioner "shell" ${ref.fn} in ${path}` : `${ref.fn === "file" || ref.fn === "templatefile" ? `${ref.fn}()` : ref.fn} in ${ref.context} of ${path}`;
        if (!found) {
          const expected = candidates[0];
          if (expected !== void 0 && !this.excluded(expected)) {
            this.missing.push({ expected, reference: ref.path, file: path, line: ref.line, column: ref.column, by, inputs: [path, expected] });
          }
          continue;
        }
        if (this.excluded(found)) continue;
        const unit = this.fileUnit(found, ref.fn === "templatefile" ? "template" : "shell");
        unit.inputs.add(path);
        unit.runs.push(by);
        this.runsOnInstance(unit, build);
        if (!build) unit.reachOf.add(path);
      }
    }
    for (const unit of this.units.values()) {
      if (!unit.scriptPath || unit.deployment) continue;
      const owner = this.bundles.find(({ root }) => root === "" || unit.scriptPath.startsWith(`${root}/`));
      if (!owner) continue;
      unit.deployment = owner.appspec;
      unit.bundle = { root: owner.root, files: owner.files };
      this.runsOnInstance(unit, false);
      unit.inputs.add(owner.appspec);
      unit.reachOf.add(owner.appspec);
      owner.files.forEach((entry) => unit.provided.add(entry.destination));
      if (unit.runs.length === 0 || unit.runs.every((run2) => run2 === "matched by scripts.include")) unit.runs.push(`part of the CodeDeploy revision of ${owner.appspec}`);
    }
  }
  bundles = [];
  sorted;
  /** The repository's files in the folder `dir` and below. */
  *filesUnder(dir) {
    const sorted = this.sorted ??= [...this.repo].sort();
    const prefix = dir === "" ? "" : `${dir}/`;
    let low = 0;
    for (let high = sorted.length; low < high; ) {
      const middle = low + high >>> 1;
      if (sorted[middle] < prefix) low = middle + 1;
      else high = middle;
    }
    for (let at2 = low; at2 < sorted.length && sorted[at2].startsWith(prefix); at2++) yield sorted[at2];
  }
  /** Unchanged Terraform files whose references a narrow PR did not read (see referencesMayMatter), their path holes rendered. */
  unreadReferences = [];
  /**
   * Files whose unit can be in scope when a Terraform file names them, without reading their text: the
   * changed files, those a changed Terraform file references (its units have it as an input), and the
   * CodeDeploy hooks (companions of the hooks in scope). Files of a revision found above, and files whose
   * text names a changed file that scripts may source (maySource), are told by referencesMayMatter.
   */
  namedScriptsThatMayMatter(changed, tfFiles) {
    const paths = new Set(changed);
    for (const { path, analysis } of tfFiles) {
      if (!changed.has(path)) continue;
      for (const ref of analysis.scriptFiles) for (const candidate of this.referenceCandidates(path, ref)) paths.add(candidate);
    }
    for (const unit of this.units.values()) if (unit.deployment && unit.scriptPath) paths.add(unit.scriptPath);
    const sourceable = [...changed].filter((path) => this.repo.has(path) && !NOT_SOURCEABLE.test(path));
    return { paths, sourceable: [...new Set(sourceable.map((path) => posix5.basename(path)))] };
  }
  /** The files a reference may name: against its file's folder and, for a provisioner's script(s), the repository's root. */
  referenceCandidates(path, ref) {
    const candidates = [normalisePath(posix5.join(folderOf(path), ref.path))];
    if (ref.fn === "script" || ref.fn === "scripts") candidates.push(normalisePath(ref.path));
    return candidates.filter((candidate) => candidate !== void 0);
  }
  /**
   * In a narrow PR, whether the references of an unchanged Terraform file may add to a unit that can be in
   * scope. A unit is in scope for a changed input (its file, a Terraform file that references it, its
   * revision's appspec), as a companion hook, or when its text names a changed file it may source (see scope).
   * A file the index has not parsed references only files in its folder, by their last names as written
   * (`rendered`, TerraformIndex.unreadReferences; mayReferenceFile): each such file is tested for those
   * reasons, reading its text only for the last. The others are left unread; should the analysis then reach
   * one of their targets through a `source`, discovery starts again with every reference read
   * (ReferencesLeftUnread).
   */
  async referencesMayMatter(path, rendered, named) {
    const dir = folderOf(path);
    for (const target of named.paths) if (mayReferenceFile(rendered, dir, target)) return true;
    for (const target of this.filesUnder(dir)) {
      if (!mayReferenceFile(rendered, dir, target)) continue;
      if (this.bundles.some(({ root }) => root === "" || target.startsWith(`${root}/`))) return true;
      if (named.sourceable.length === 0) continue;
      const read = await this.read(target);
      if (!read.ok || named.sourceable.some((name) => read.text.includes(name))) return true;
    }
    return false;
  }
  /**
   * A PR's changed paths when its scope is narrow (not the configuration, not an image manifest, no new
   * AMI for an environment): then only the scripts reached from the changed files are analysed, and an
   * appspec that cannot reach one is not parsed (see appspecMayMatter). Undefined when every script is in scope.
   */
  async narrowChanges() {
    const { changes } = this.deps;
    const { settings, mode } = this.context;
    if (mode !== "pr" || !changes) return void 0;
    const changed = changedPaths(changes);
    if (this.wholeRepository(changed)) return void 0;
    if (settings.images.configured && (await this.newAmiEnvironments(changes)).size > 0) return void 0;
    return changed;
  }
  /**
   * In a narrow PR, an appspec matters only when it changes, when its revision holds a changed file, or when
   * a hook `location` may leave its folder for one (its text has `..` and names the file): otherwise no unit
   * of its revision can be in scope, and its problems and missing hooks are not this PR's to report.
   */
  async appspecMayMatter(appspec, changed) {
    if (changed.has(appspec)) return true;
    const root = posix5.dirname(appspec) === "." ? "" : `${posix5.dirname(appspec)}/`;
    if ([...changed].some((path) => path.startsWith(root))) return true;
    const read = await this.read(appspec);
    return !read.ok || read.text.includes("..") && [...changed].some((path) => read.text.includes(posix5.basename(path)));
  }
  wholeRepository(changed) {
    const { settings } = this.context;
    const manifests = globMatcher(settings.images.manifests.length ? settings.images.manifests : ["\0"], { dot: true });
    const configChanged = [settings.configFile, settings.inputs.config].some((path) => path !== void 0 && changed.has(path));
    return configChanged || settings.images.configured && [...changed].some((path) => manifests(path));
  }
  newAmis;
  newAmiEnvironments(changes) {
    this.newAmis ??= this.environmentsWithNewAmis(changes);
    return this.newAmis;
  }
  async discoverAppspec(appspec) {
    const read = await this.read(appspec);
    if (!read.ok) {
      this.unanalysed.push({ file: appspec, reason: read.detail, onInstance: true, runs: ["CodeDeploy appspec"] });
      return;
    }
    const spec = await pooledAppspec(read.text);
    for (const problem of spec.problems) {
      this.unanalysed.push({ file: appspec, line: problem.line, column: problem.column, reason: `appspec: ${problem.message}`, onInstance: true, runs: ["CodeDeploy appspec"] });
    }
    if (spec.serverless) return;
    const root = posix5.dirname(appspec) === "." ? "" : posix5.dirname(appspec);
    this.bundles.push({ appspec, root, files: spec.files });
    this.bundles.sort((a, b) => b.root.length - a.root.length);
    for (const hook of spec.hooks) {
      const expected = normalisePath(posix5.join(root, hook.location.replace(/^\/+/, "")));
      if (expected === void 0 || this.excluded(expected)) continue;
      const by = `CodeDeploy hook ${hook.event}`;
      if (!this.repo.has(expected)) {
        this.missing.push({ expected, reference: hook.location, file: appspec, line: hook.line, column: hook.column, by, inputs: [appspec, expected] });
        continue;
      }
      if (spec.os === "windows") continue;
      const unit = this.fileUnit(expected, "shell");
      unit.inputs.add(appspec);
      unit.runs.push(`${by} of ${appspec}${hook.runas ? ` (runas ${hook.runas})` : ""}`);
      this.runsOnInstance(unit, false);
      unit.deployment = appspec;
      unit.bundle = { root, files: spec.files };
      unit.reachOf.add(appspec);
      spec.files.forEach((entry) => unit.provided.add(entry.destination));
    }
  }
  discoverEmbedded(path, scripts, packer) {
    const inline = /* @__PURE__ */ new Map();
    for (const script of scripts) {
      if (script.kind === "inline") {
        const key = script.context.replace(/\[\d+\]$/, "");
        inline.set(key, [...inline.get(key) ?? [], script]);
        continue;
      }
      const build = packer || script.context.startsWith("build.");
      const unit = this.unit(`${path}#${script.context}:${script.line}`, () => ({
        file: path,
        load: async () => contentOf(script.text, script.format, (line, column) => mapScriptPosition(script, line, column), true),
        peek: async () => script.text
      }));
      unit.inputs.add(path);
      this.runsOnInstance(unit, build);
      unit.runs.push(build ? `Packer provisioner ${script.context} in ${path}` : `user data ${script.context} in ${path}`);
      if (!packer) unit.reachOf.add(path);
    }
    for (const [context, lines] of inline) {
      const build = packer || context.startsWith("build.");
      const starts = [];
      let next = 1;
      for (const script of lines) {
        starts.push(next);
        next += script.text.split("\n").length;
      }
      const text = lines.map((script) => script.text).join("\n");
      const map = (line, column) => {
        let index = 0;
        while (index + 1 < starts.length && (starts[index + 1] ?? Infinity) <= line) index++;
        const script = lines[index];
        return mapScriptPosition(script, line - (starts[index] ?? 1) + 1, column);
      };
      const unit = this.unit(`${path}#${context}`, () => ({
        file: path,
        load: async () => contentOf(text, "shell", map, false),
        peek: async () => text
      }));
      unit.inputs.add(path);
      this.runsOnInstance(unit, build);
      unit.runs.push(build ? `Packer provisioner "shell" inline in ${path}` : `${context} in ${path}`);
      if (!packer) unit.reachOf.add(path);
    }
  }
  // -------------------------------------------------------------------------------------------------
  // Scope
  /** The units to analyse in this run. */
  async scope() {
    const all = new Set(this.units.values());
    const { changes } = this.deps;
    const { settings, mode } = this.context;
    if (mode !== "pr" || !changes) return all;
    const changed = changedPaths(changes);
    if (this.wholeRepository(changed)) {
      this.context.journal.note("scripts", "The deploy-guard configuration or an image manifest changes in this PR: every deploy script is checked.");
      return all;
    }
    const scoped = /* @__PURE__ */ new Set();
    for (const unit of all) if ([...unit.inputs].some((input) => changed.has(input))) scoped.add(unit);
    if (settings.images.configured) {
      const newImages = await this.newAmiEnvironments(changes);
      if (newImages.size > 0) {
        const names = [...newImages].join(", ");
        this.context.journal.note("scripts", `This PR changes the AMI of ${names}: every deploy script that runs there is checked against the new image.`);
        for (const unit of all) if (this.environmentsOf(unit).some((env) => newImages.has(env))) scoped.add(unit);
      }
    }
    const sourceable = [...changed].filter((path) => this.repo.has(path) && !NOT_SOURCEABLE.test(path));
    if (sourceable.length > 0) {
      const none = { files: /* @__PURE__ */ new Set(), folders: /* @__PURE__ */ new Set() };
      const unnamed = new Beside(this.deps.unnamed ?? none, none);
      await Promise.resolve();
      let index = 0;
      for (const unit of all) {
        if (scoped.has(unit) || !unit.scriptPath && !unit.bundle) continue;
        await unnamed.poll(index++);
        const file = unit.scriptPath;
        const ruledOut = unnamed.value && file !== void 0 && (unnamed.value.files.has(file) || unnamed.value.folders.has(file) && !sourceable.some((path) => nearFolder(unit, path)));
        if (ruledOut) continue;
        const text = await unit.peek();
        if (text !== void 0 && sourceable.some((path) => maySource(unit, path, text))) {
          unit.viaSource = true;
          scoped.add(unit);
        }
      }
    }
    const deployments = new Set([...scoped].flatMap((unit) => unit.deployment ? [unit.deployment] : []));
    for (const unit of all) {
      if (scoped.has(unit) || !unit.deployment || !deployments.has(unit.deployment) || !unit.runs.some((run2) => run2.startsWith("CodeDeploy hook"))) continue;
      unit.companion = true;
      scoped.add(unit);
    }
    return scoped;
  }
  environmentsOf(unit) {
    if (!unit.onInstance || unit.buildOnly) return [];
    const envs = new Set(unit.environments);
    const paths = [...unit.reachOf];
    if (unit.scriptPath) paths.push(unit.scriptPath);
    for (const path of paths) for (const env of this.deps.terraform.reach(path).keys()) envs.add(env);
    if (envs.size === 0 && unit.onInstance) return [...this.context.settings.promotion];
    return this.context.settings.promotion.filter((env) => envs.has(env));
  }
  /** Environments whose Terraform references other AMI ids at the head than at the merge base. */
  async environmentsWithNewAmis(changes) {
    const result = /* @__PURE__ */ new Set();
    const { terraform } = this.deps;
    const files = changes.files.filter((file) => pathsOf(file).some((path) => TERRAFORM_FILE.test(path) && !PACKER_FILE.test(path)));
    const atBase = await (this.deps.baseVersions ?? new BaseVersions(this.context.workspace, changes.mergeBase));
    const blobs = await atBase.read(files.filter((file) => file.status !== "added").map((file) => file.previousPath ?? file.path));
    for (const file of files) {
      const head = file.status === "deleted" ? [] : terraform.files.get(file.path)?.analysis.amis.map((ref) => ref.ami) ?? [];
      const base = file.status === "added" ? [] : await amisOf(blobs.get(file.previousPath ?? file.path), file.previousPath ?? file.path);
      if (base !== void 0 && sameSet(head, base)) continue;
      for (const path of pathsOf(file)) for (const env of terraform.reach(path).keys()) result.add(env);
    }
    return result;
  }
  // -------------------------------------------------------------------------------------------------
  // Analysis
  sourcedCache = /* @__PURE__ */ new Map();
  sourcedAnnounced = /* @__PURE__ */ new Set();
  plain = /* @__PURE__ */ new Map();
  async analyse(scope, imageChecks) {
    const { settings, mode } = this.context;
    const changed = this.deps.changes ? changedPaths(this.deps.changes) : /* @__PURE__ */ new Set();
    const results = /* @__PURE__ */ new Map();
    const queue = [...scope].sort((a, b) => a.id.localeCompare(b.id));
    const skipped = /* @__PURE__ */ new Set();
    const pendingProblems = [];
    const loads = /* @__PURE__ */ new Map();
    for (const unit of queue) {
      const loading = unit.load();
      loads.set(unit, { render: unit.render, loading });
      void loading.then(
        (loaded) => {
          if (!("pieces" in loaded)) return;
          for (const piece of loaded.pieces) {
            announceShell(piece.text);
            void answeredShell(piece.text)?.then(
              (analysis) => this.announceSourced(unit, analysis),
              () => void 0
            );
          }
        },
        () => void 0
      );
    }
    const yieldNow = yielder();
    for (let index = 0; index < queue.length; index++) {
      const unit = queue[index];
      if (results.has(unit)) continue;
      await yieldNow();
      const early = loads.get(unit);
      const loaded = await (early && early.render === unit.render ? early.loading : unit.load());
      if ("notScript" in loaded) continue;
      if ("failure" in loaded) {
        pendingProblems.push({ unit, file: unit.file, reason: loaded.failure, onInstance: unit.onInstance, runs: unit.runs });
        continue;
      }
      if (loaded.skipped) skipped.add(`${loaded.skipped} (${unit.file})`);
      for (const problem of loaded.problems) {
        pendingProblems.push({ unit, file: unit.file, ...problem.pos ?? {}, reason: problem.reason, onInstance: unit.onInstance, runs: unit.runs });
      }
      const result = { commands: [], guards: [], provided: /* @__PURE__ */ new Set([...unit.provided, ...loaded.provided]), providedNames: new Set(loaded.providedNames), sourced: /* @__PURE__ */ new Set() };
      results.set(unit, result);
      for (const direct of loaded.direct) {
        result.commands.push({ program: direct.program, kind: kindOf(direct.program), file: unit.file, ...direct.pos, via: [direct.via], searchPath: this.runPath });
      }
      for (const piece of loaded.pieces) {
        const analysis = await this.shell(piece.text);
        const error2 = analysis.parseErrors[0];
        if (error2) pendingProblems.push({ unit, file: unit.file, ...piece.map(error2.line, error2.column), reason: `shell parse error: ${error2.message}`, onInstance: unit.onInstance, runs: unit.runs });
        if (piece.executed) for (const direct of shebang(piece.text)) result.commands.push({ ...direct, kind: kindOf(direct.program), file: unit.file, ...piece.map(1, direct.column), via: ["#!"], searchPath: this.runPath });
        for (const guard of analysis.guards) result.guards.push({ program: guard.program, file: unit.file, line: piece.map(guard.line, guard.column).line });
        analysis.writes.filter((path) => path.startsWith("/")).forEach((path) => result.provided.add(path));
        const pathChanges = [];
        const functions = /* @__PURE__ */ new Set();
        const pathAt = (line) => pathChanges.filter((change) => change.line < line).at(-1)?.path ?? this.runPath;
        for (const source of [...analysis.sources].sort((a, b) => a.line - b.line)) {
          const target2 = this.resolveSource(unit, source.path, source.relativeTo);
          if (!target2) continue;
          if (this.unreadReferences.some((file) => mayReferenceFile(file.rendered, folderOf(file.path), target2))) throw new ReferencesLeftUnread(target2);
          result.sourced.add(target2);
          const sourced = await this.analyseSourced(target2, pathAt(source.line));
          if ("failure" in sourced) continue;
          if (sourced.analysis.finalPath) pathChanges.push({ line: source.line, path: expandPath(sourced.analysis.finalPath, pathAt(source.line)) });
          sourced.analysis.functions.forEach((name) => functions.add(name));
          for (const guard of sourced.analysis.guards) result.guards.push({ program: guard.program, file: unit.file, line: piece.map(source.line, source.column).line });
          sourced.analysis.writes.filter((path) => path.startsWith("/")).forEach((path) => result.provided.add(path));
          const child = this.fileUnit(target2, "shell");
          if (unit.onInstance) this.runsOnInstance(child, unit.buildOnly);
          this.environmentsOf(unit).forEach((env) => child.environments.add(env));
          if (!child.runs.includes(`sourced by ${unit.file}`)) child.runs.push(`sourced by ${unit.file}`);
          child.deployment ??= unit.deployment;
          if (unit.bundle) child.bundle ??= unit.bundle;
          unit.provided.forEach((path) => child.provided.add(path));
          if (!results.has(child) && !queue.includes(child) && unit.depth < MAX_SOURCE_DEPTH) {
            child.depth = unit.depth + 1;
            if (unit.viaSource && !scope.has(child)) child.viaSource = true;
            if (unit.companion && !scope.has(child)) child.companion = true;
            queue.push(child);
          }
        }
        for (const command of analysis.commands) {
          if (command.program.includes(TF_INTERP_PLACEHOLDER)) continue;
          if (command.kind === "bare" && command.via.length === 0 && (SHELL_BUILTINS.has(command.program) || functions.has(command.program))) continue;
          const base = pathAt(command.line);
          result.commands.push({
            program: command.program,
            kind: command.kind,
            file: unit.file,
            ...piece.map(command.line, command.column),
            via: command.via,
            searchPath: command.path ? expandPath(command.path, base) : base
          });
        }
      }
    }
    for (const [unit, result] of results) {
      if (unit.viaSource && !changed.has(unit.file) && ![...result.sourced].some((path) => changed.has(path))) unit.companion = true;
    }
    const byDeployment = /* @__PURE__ */ new Map();
    for (const [unit, result] of results) {
      if (!unit.deployment) continue;
      const shared = byDeployment.get(unit.deployment) ?? /* @__PURE__ */ new Set();
      result.provided.forEach((path) => shared.add(path));
      byDeployment.set(unit.deployment, shared);
    }
    for (const note of skipped) this.context.journal.note("scripts", note);
    const scripts = [];
    const environmentAmis = this.deps.environmentAmis ?? /* @__PURE__ */ new Map();
    const target = mode === "preflight" ? preflightTarget(settings) : void 0;
    for (const [unit, result] of results) {
      if (unit.companion) continue;
      const environments = this.environmentsOf(unit);
      const images = /* @__PURE__ */ new Map();
      const unknownImages = [];
      if (imageChecks) {
        for (const env of environments) {
          if (target !== void 0 && env !== target) continue;
          const list2 = imagesFor(env, environmentAmis, settings, mode);
          if (list2.length === 0) unknownImages.push(env);
          for (const { ami, note } of list2) {
            const entry = images.get(ami) ?? { image: ami, environments: [] };
            if (!entry.environments.includes(env)) entry.environments.push(env);
            if (note && !entry.note) entry.note = note;
            images.set(ami, entry);
          }
        }
      }
      const provided = unit.deployment ? byDeployment.get(unit.deployment) ?? result.provided : result.provided;
      scripts.push({
        id: unit.id,
        file: unit.file,
        runs: describeRuns(unit.runs),
        onInstance: unit.onInstance,
        environments,
        images: [...images.values()],
        unknownImages,
        commands: dedupe(result.commands),
        guards: result.guards,
        provided: [.../* @__PURE__ */ new Set([...provided, ...result.provided])].sort(),
        providedNames: [...result.providedNames].sort()
      });
    }
    scripts.sort((a, b) => a.id.localeCompare(b.id));
    const analysed = new Set(results.keys());
    const unanalysed = [
      ...this.unanalysed.filter((entry) => mode !== "pr" || !this.deps.changes || changed.has(entry.file)),
      ...pendingProblems.filter((entry) => !entry.unit.companion && (analysed.has(entry.unit) || !entry.unit.viaSource)).map(({ unit: _unit, ...entry }) => entry)
    ];
    const missing = this.missing.filter((entry) => mode !== "pr" || !this.deps.changes || entry.inputs.some((input) => changed.has(input))).map(({ inputs: _inputs, ...entry }) => entry);
    this.noteScope(scripts.length, mode);
    return { imageChecks, scope: mode === "pr" && this.deps.changes ? "changes" : "all", scripts, missing, unanalysed };
  }
  noteScope(count, mode) {
    if (count === 0) return;
    this.context.journal.note("scripts", `${count} deploy script(s) analysed${mode === "pr" ? " (changed, sourcing a changed file, or on a changed image)" : ""}.`);
  }
  /** The repository file a `source` names, or undefined when it is not one. */
  resolveSource(unit, path, relativeTo) {
    const candidates = [];
    if (path.startsWith("/")) {
      for (const entry of unit.bundle?.files ?? []) {
        const destination = entry.destination.replace(/\/+$/, "");
        if (path !== destination && !path.startsWith(`${destination}/`)) continue;
        const rest = path.slice(destination.length + 1);
        const source = entry.source.replace(/^\/+/, "");
        candidates.push(normalisePath(posix5.join(unit.bundle.root, source, rest)), normalisePath(posix5.join(unit.bundle.root, source, posix5.basename(rest))));
      }
    } else if (unit.scriptPath) {
      const dir = posix5.dirname(unit.scriptPath);
      candidates.push(normalisePath(posix5.join(dir, path)));
      if (relativeTo !== "script" && unit.bundle) candidates.push(normalisePath(posix5.join(unit.bundle.root, path)));
    }
    return candidates.find((candidate) => candidate !== void 0 && this.repo.has(candidate) && !this.excluded(candidate));
  }
  /**
   * The analysis of a script text with the default options, once per text: a helper is both a unit of its own
   * and a file others source.
   */
  shell(text) {
    let pending = this.plain.get(text);
    if (!pending) {
      pending = pooledShell(text);
      this.plain.set(text, pending);
    }
    return pending;
  }
  /**
   * Announces the analyses of the files a script sources, as analyseSourced will ask for them: the file's own,
   * and, when that one read the PATH the file starts with, the one with the run path (the PATH at the `source`
   * line unless an earlier helper changed it; helpers are usually sourced first). Without this, this thread
   * analysed them itself when it reached the script, while worker threads had run out of work. A guess that
   * turns out wrong costs a worker an analysis nobody asks for.
   */
  announceSourced(unit, analysis) {
    for (const source of analysis.sources) {
      const target = this.resolveSource(unit, source.path, source.relativeTo);
      const key = target && sourcedKey(target, this.runPath);
      if (!key || this.sourcedCache.has(key) || this.sourcedAnnounced.has(key)) continue;
      this.sourcedAnnounced.add(key);
      const announce = async () => {
        const read = await this.read(target);
        if (!read.ok) return;
        announceShell(read.text);
        if ((await answeredShell(read.text))?.startPathUsed) announceShell(read.text, { path: this.runPath });
      };
      announce().catch(() => void 0);
    }
  }
  /**
   * What a sourced file does to the script sourcing it, from the PATH at its `source` line. Most helpers do
   * not read that PATH (startPathUsed): their analysis is the one they have as units of their own.
   */
  analyseSourced(path, startPath) {
    const key = sourcedKey(path, startPath);
    let pending = this.sourcedCache.get(key);
    if (!pending) {
      pending = (async () => {
        const read = await this.read(path);
        if (!read.ok) return { failure: read.detail };
        const plain = await this.shell(read.text);
        return { analysis: plain.startPathUsed ? await pooledShell(read.text, { path: startPath }) : plain };
      })();
      this.sourcedCache.set(key, pending);
    }
    return pending;
  }
};
function sourcedKey(path, startPath) {
  return `${path}\0${startPath.join(":")}`;
}
var identity = (line, column) => ({ line, column });
function detectFormat(text) {
  const head = text.replace(/^\uFEFF/, "").trimStart();
  if (isCloudConfig(head)) return "cloud-config";
  if (/^(Content-Type:\s*multipart\/|MIME-Version:)/i.test(head)) return "mime";
  if (/^<(powershell|script|persist)>/i.test(head)) return "windows";
  return "shell";
}
function shebang(text) {
  const match = /^#![ \t]*(\S+)(?:[ \t]+(?:-S[ \t]+)?([^\s-]\S*))?/.exec(text);
  if (!match?.[1]) return [];
  const interpreter = { program: match[1], column: 3 + (text.slice(2).length - text.slice(2).trimStart().length) };
  if (posix5.basename(match[1]) !== "env" || !match[2]) return [interpreter];
  return [interpreter, { program: match[2], column: (match.index ?? 0) + match[0].length - match[2].length + 1 }];
}
var readContents = /* @__PURE__ */ new WeakMap();
function contentOfRead(read) {
  let content = readContents.get(read);
  if (!content) {
    content = contentOf(read.text, detectFormat(read.text), identity, true);
    readContents.set(read, content);
  }
  return content;
}
function contentOf(text, format, map, executed) {
  const content = { pieces: [], direct: [], provided: [], providedNames: [], problems: [] };
  switch (format) {
    case "shell": {
      const interpreter = shebang(text)[0]?.program;
      const name = interpreter ? posix5.basename(interpreter) : void 0;
      const viaEnv = name === "env" ? shebang(text)[1]?.program : void 0;
      if (name && !SHELL_INTERPRETER.test(viaEnv ?? name)) {
        for (const direct of shebang(text)) content.direct.push({ program: direct.program, pos: map(1, direct.column), via: "#!" });
        return content;
      }
      content.pieces.push({ text, map, executed });
      return content;
    }
    case "cloud-config":
      addCloudInit(content, text, map);
      return content;
    case "mime":
      addMime(content, text, map);
      return content;
    case "windows":
      content.skipped = "Windows (PowerShell/batch) user data is not analysed";
      return content;
  }
}
function addCloudInit(content, text, map) {
  const doc = analyseCloudInit(text);
  for (const problem of doc.problems) content.problems.push({ pos: map(problem.line, problem.column), reason: `cloud-init: ${problem.message}` });
  content.provided.push(...doc.writes.filter((path) => path.startsWith("/")));
  content.providedNames.push(...doc.packages);
  for (const command of doc.commands) {
    if (command.form === "shell" && command.text !== void 0 && command.lines) {
      const lines = command.lines;
      content.pieces.push({
        text: command.text,
        executed: false,
        map: (line, column) => {
          const start = lines[Math.min(Math.max(line - 1, 0), lines.length - 1)] ?? { line: command.line, column: command.column };
          return map(start.line, start.column + column - 1);
        }
      });
    } else if (command.argv?.[0]) {
      const [program, ...rest] = command.argv;
      content.direct.push({ program: program.value, pos: map(program.line, program.column), via: `cloud-init ${command.key}` });
      const script = rest[1];
      if (SHELL_INTERPRETER.test(posix5.basename(program.value)) && rest[0]?.value === "-c" && script) {
        content.pieces.push({ text: script.value, executed: false, map: (line, column) => map(script.line + line - 1, (line === 1 ? script.column : 1) + column - 1) });
      }
    }
  }
}
function addMime(content, text, map) {
  const lines = text.split("\n");
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(text)?.[1];
  if (!boundary) {
    content.problems.push({ pos: map(1, 1), reason: "MIME user data without a boundary" });
    return;
  }
  let index = lines.findIndex((line) => line.trim() === `--${boundary}`);
  while (index >= 0 && index < lines.length) {
    const headers = [];
    let cursor = index + 1;
    for (; cursor < lines.length && lines[cursor].trim() !== ""; cursor++) headers.push(lines[cursor]);
    const bodyStart = cursor + 1;
    let end = bodyStart;
    while (end < lines.length && !lines[end].trim().startsWith(`--${boundary}`)) end++;
    const type = /^content-type:\s*([^;\s]+)/im.exec(headers.join("\n"))?.[1]?.toLowerCase();
    const base64 = /^content-transfer-encoding:\s*base64/im.test(headers.join("\n"));
    const body = lines.slice(bodyStart, end).join("\n");
    const partMap = (line, column) => map(bodyStart + line, column);
    if ((type === "text/x-shellscript" || type === "text/cloud-config") && base64) {
      content.problems.push({ pos: map(index + 1, 1), reason: `base64-encoded MIME part (${type}) is not analysed` });
    } else if (type === "text/x-shellscript") {
      const part = contentOf(body, "shell", partMap, true);
      content.pieces.push(...part.pieces);
      content.direct.push(...part.direct);
    } else if (type === "text/cloud-config") {
      addCloudInit(content, body, partMap);
    }
    if (end >= lines.length || lines[end].trim() === `--${boundary}--`) break;
    index = end;
  }
}
function describeRuns(runs) {
  const specific = [...new Set(runs)].filter((run2) => run2 !== "matched by scripts.include");
  return specific.length > 0 ? specific : ["a shell script matched by scripts.include"];
}
var UP = /\.\.|%\/|dirname[^\n]*dirname/;
function yielder() {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < 50) return;
    await new Promise((resolve) => setImmediate(resolve));
    last = performance.now();
  };
}
function maySource(unit, path, text) {
  if (!text.includes(posix5.basename(path))) return false;
  if (nearFolder(unit, path)) return true;
  const folder = folderOf(path);
  const own2 = unit.scriptPath === void 0 ? void 0 : folderOf(unit.scriptPath);
  if (!text.includes(posix5.basename(folder))) return false;
  return own2 !== void 0 && (own2 === "" || folder.startsWith(`${own2}/`)) || UP.test(text);
}
function nearFolder(unit, path) {
  const folder = folderOf(path);
  if (folder === "") return true;
  if (unit.bundle && (unit.bundle.root === "" || path.startsWith(`${unit.bundle.root}/`))) return true;
  const own2 = unit.scriptPath === void 0 ? void 0 : folderOf(unit.scriptPath);
  return own2 !== void 0 && (own2 === folder || own2.startsWith(`${folder}/`));
}
function kindOf(program) {
  if (program.startsWith("/")) return "absolute";
  return program.includes("/") ? "relative" : "bare";
}
function expandPath(path, base) {
  return path.flatMap((dir) => dir === "$PATH" ? base : [dir]);
}
async function amisOf(blob, path) {
  if (!blob?.ok) return void 0;
  const analysis = await pooledTerraform(blob.text, { fileName: path });
  return analysis.amis.map((ref) => ref.ami);
}
function sameSet(a, b) {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((value) => right.has(value));
}
function dedupe(commands) {
  const seen = /* @__PURE__ */ new Set();
  return commands.filter((command) => {
    const key = `${command.file}:${command.line}:${command.column}:${command.program}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// src/facts/soakAws.ts
function isEvidenceError(error2) {
  return error2 instanceof Error && error2.name === "AwsEvidenceError";
}
function failureOf(error2, environment2) {
  if (isEvidenceError(error2)) {
    return {
      environment: environment2,
      api: error2.api,
      region: error2.region,
      ...error2.account !== void 0 ? { account: error2.account } : {},
      ...error2.resource !== void 0 ? { resource: error2.resource } : {},
      reason: error2.reason,
      message: error2.message,
      fix: error2.fix
    };
  }
  const fix = error2.fix;
  if (error2 instanceof Error && error2.name === "GitHistoryError" && typeof fix === "string") {
    return { environment: environment2, api: "git", reason: "git-history", message: error2.message, fix };
  }
  throw error2;
}
function imageState(image) {
  return {
    id: image.id,
    region: image.region,
    state: image.state,
    deprecated: image.deprecated,
    ...image.deprecationTime !== void 0 ? { deprecationTime: image.deprecationTime } : {},
    ownerId: image.ownerId,
    ...image.name !== void 0 ? { name: image.name } : {},
    creationDate: image.creationDate
  };
}
var AwsEvidenceReader = class {
  constructor(settings, now, options = {}) {
    this.settings = settings;
    this.now = now;
    this.options = options;
  }
  settings;
  now;
  options;
  module;
  sessions = /* @__PURE__ */ new Map();
  reads = /* @__PURE__ */ new Map();
  images = /* @__PURE__ */ new Map();
  queues = /* @__PURE__ */ new Map();
  /** Raw adapter image facts, for tags. */
  rawImages = /* @__PURE__ */ new Map();
  environment(name) {
    const env = this.settings.environments.get(name);
    if (!env) throw new Error(`unknown environment ${name}`);
    return env;
  }
  /** Regions where the environment's AWS evidence is read; empty when no AWS is configured for it. */
  regions(name) {
    return this.environment(name).aws?.regions ?? [];
  }
  /** Environments read with the same credentials share one session (clients once per account and region). */
  credentials(name) {
    const aws = this.environment(name).aws;
    return `${aws?.roleArn ?? "ambient"}|${aws?.accountId ?? ""}`;
  }
  aws() {
    this.module ??= import("./aws-KUMTEX3X.js");
    return this.module;
  }
  session(name) {
    const key = this.credentials(name);
    let session = this.sessions.get(key);
    if (!session) {
      const aws = this.environment(name).aws;
      session = this.aws().then(
        (module) => new module.AwsSession(
          {
            environment: name,
            regions: aws?.regions ?? [],
            ...aws?.roleArn ? { roleArn: aws.roleArn } : {},
            ...aws?.accountId ? { accountId: aws.accountId } : {}
          },
          {
            maxAttempts: this.settings.inputs.maxAttempts,
            userAgent: USER_AGENT,
            ...this.options.retryDelayMs ? { retryDelayMs: this.options.retryDelayMs } : {},
            ...this.options.concurrency ? { concurrency: this.options.concurrency } : {},
            ...this.options.requestTimeoutMs ? { requestTimeoutMs: this.options.requestTimeoutMs } : {}
          }
        )
      );
      this.sessions.set(key, session);
    }
    return session;
  }
  memo(key, read) {
    let pending = this.reads.get(key);
    if (!pending) {
      pending = read();
      pending.catch(() => void 0);
      this.reads.set(key, pending);
    }
    return pending;
  }
  parameterHistory(env, region2, name) {
    return this.memo(`history|${this.credentials(env)}|${region2}|${name}`, async () => (await this.aws()).parameterHistory(await this.session(env), region2, name));
  }
  parameter(env, region2, name) {
    return this.memo(`parameter|${this.credentials(env)}|${region2}|${name}`, async () => (await this.aws()).getParameter(await this.session(env), region2, name));
  }
  launchTemplate(env, region2, name) {
    return this.memo(`lt|${this.credentials(env)}|${region2}|${name}`, async () => (await this.aws()).launchTemplate(await this.session(env), region2, name));
  }
  /** Every pending or running instance with the environment's instance tags in the region (one listing, filtered locally). */
  instances(env, region2) {
    const tags = this.environment(env).amis.instanceTags;
    const key = JSON.stringify(Object.entries(tags).sort());
    return this.memo(`instances|${this.credentials(env)}|${region2}|${key}`, async () => (await this.aws()).instancesRunning(await this.session(env), region2, { tags }));
  }
  /** The pipeline's `deploy-guard:<env>-since` tag on an image this reader has described. */
  async sinceTag(env, image) {
    const raw = this.rawImages.get(`${this.credentials(env)}|${image.region}|${image.id}`);
    if (!raw) return void 0;
    const aws = await this.aws();
    return aws.readSinceTag(raw, env, this.environment(env).aws?.accountId);
  }
  /**
   * DescribeImages for many ids. Requests made in the same turn of the event loop for the same
   * credentials and region go out together, in batches of the adapter's size.
   */
  describe(env, region2, ids) {
    const credentials = this.credentials(env);
    const queueKey = `${credentials}|${region2}`;
    const entries = [...new Set(ids)].map((id) => {
      const key = `${queueKey}|${id}`;
      let pending = this.images.get(key);
      if (!pending) {
        let queue = this.queues.get(queueKey);
        if (!queue) {
          queue = { environment: env, region: region2, credentials, waiting: /* @__PURE__ */ new Map() };
          this.queues.set(queueKey, queue);
          const scheduled = queue;
          setImmediate(() => void this.flush(queueKey, scheduled));
        }
        const target = queue;
        pending = new Promise((resolve, reject) => {
          const list2 = target.waiting.get(id) ?? [];
          list2.push({ resolve, reject });
          target.waiting.set(id, list2);
        });
        pending.catch(() => void 0);
        this.images.set(key, pending);
      }
      return pending.then((image) => [id, image]);
    });
    return Promise.all(entries).then((pairs) => new Map(pairs));
  }
  async flush(queueKey, queue) {
    if (this.queues.get(queueKey) === queue) this.queues.delete(queueKey);
    const ids = [...queue.waiting.keys()];
    try {
      const aws = await this.aws();
      const found = await aws.describeImages(await this.session(queue.environment), queue.region, ids, { now: this.now });
      for (const id of ids) {
        const image = found.get(id) ?? null;
        if (image) this.rawImages.set(`${queueKey}|${id}`, image);
        for (const waiter of queue.waiting.get(id) ?? []) waiter.resolve(image ? imageState(image) : null);
      }
    } catch (error2) {
      for (const id of ids) for (const waiter of queue.waiting.get(id) ?? []) waiter.reject(error2);
    }
  }
  /** Closes the clients' sockets (the action exits on its own; the CLI and tests should not wait for keep-alive). */
  async destroy() {
    for (const session of this.sessions.values()) {
      try {
        (await session).destroy();
      } catch {
      }
    }
  }
};

// src/facts/liveAmis.ts
var AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
var PUBLIC_PARAMETER2 = /^\/aws\/service\//;
function missingEverywhere(what, key, env, regions, first) {
  return {
    ...first,
    region: regions.join(", "),
    message: `${what} of ${env} exists in none of its regions (${regions.join(", ")}): ${first.message}`,
    fix: `Correct environments.${env}.amis.${key} or environments.${env}.aws.regions, or create it there (and check that the credentials are for the right account).`
  };
}
function isAmiId(value) {
  return AMI_ID.test(value);
}
function iso(value) {
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, "Z");
}
function normaliseParameter2(name) {
  return name.startsWith("/") ? name : `/${name}`;
}
function resolveTarget(imageId) {
  if (!imageId.startsWith("resolve:ssm:")) return void 0;
  const rest = imageId.slice("resolve:ssm:".length);
  const match = /^(.*[^:]):([^:/]+)$/.exec(rest);
  return match?.[1] && !match[1].startsWith("arn") ? { name: match[1], selector: match[2] } : { name: rest };
}
function preflightTarget2(settings) {
  return settings.inputs.environment ?? settings.promotion.at(-1) ?? "prod";
}
function checkedPreflightTarget(settings) {
  const target = preflightTarget2(settings);
  if (!settings.environments.has(target)) {
    throw new ConfigurationError(
      `The preflight environment "${target}" is not in the promotion order (${settings.promotion.join(", ")}).`,
      `Set the "environment" input to one of ${settings.promotion.join(", ")}.`
    );
  }
  return target;
}
var Discovery = class {
  constructor(context, reader, env) {
    this.context = context;
    this.reader = reader;
    this.env = env;
  }
  context;
  reader;
  env;
  found = [];
  floating = [];
  failures = [];
  get listed() {
    return new Set(this.reader.environment(this.env).amis.ssmParameters.map(normaliseParameter2));
  }
  /** Runs a read in every region; a resource missing in some regions is fine, missing in all is a configuration error. */
  async everyRegion(what, key, read, use) {
    const regions = this.reader.regions(this.env);
    const missing = [];
    await Promise.all(
      regions.map(async (region2) => {
        let value;
        try {
          value = await read(region2);
        } catch (error2) {
          if (isEvidenceError(error2) && error2.reason === "not-found") missing.push(failureOf(error2, this.env));
          else this.failures.push(failureOf(error2, this.env));
          return;
        }
        await use(value, region2);
      })
    );
    if (missing.length === regions.length && missing[0] && key) {
      this.failures.push(missingEverywhere(what, key, this.env, regions, missing[0]));
    } else if (missing.length > 0) {
      this.context.journal.note("live-amis", `${what} of ${this.env} is not in ${missing.map((entry) => entry.region).join(", ")}; read where it exists.`);
    }
  }
  async parameter(name) {
    await this.everyRegion(
      `SSM parameter ${name}`,
      "ssm-parameters",
      (region2) => this.reader.parameterHistory(this.env, region2, name),
      (history, region2) => {
        const current = history.versions.at(-1);
        if (!current) return;
        const value = current.value.trim();
        if (!isAmiId(value)) {
          this.context.journal.note("live-amis", `SSM parameter ${name} of ${this.env} in ${region2} holds ${JSON.stringify(value.slice(0, 60))}, not an AMI id; it is not read as an AMI source.`);
          return;
        }
        let start = history.versions.length - 1;
        while (start > 0 && history.versions[start - 1].value.trim() === value) start--;
        const first = history.versions[start];
        const mayBeEarlier = start === 0 && history.possiblyTruncated;
        this.found.push({
          ami: value,
          environment: this.env,
          region: region2,
          source: "ssm",
          origin: { detail: `SSM parameter ${name} (version ${current.version}) in ${region2}` },
          since: {
            at: iso(first.modified),
            ...mayBeEarlier ? { mayBeEarlier } : {},
            what: `${name} in ${region2} holds it since version ${first.version} at ${iso(first.modified)}${first.user ? ` (set by ${first.user})` : ""}${mayBeEarlier ? " or earlier (older versions are no longer kept)" : ""}`
          }
        });
      }
    );
  }
  async launchTemplate(name) {
    await this.everyRegion(
      `Launch template ${name}`,
      "launch-templates",
      (region2) => this.reader.launchTemplate(this.env, region2, name),
      async (template, region2) => {
        const aliases = /* @__PURE__ */ new Map();
        aliases.set(template.defaultVersion, ["$Default"]);
        aliases.set(template.latestVersion, [...aliases.get(template.latestVersion) ?? [], "$Latest"]);
        for (const [number2, names] of aliases) {
          const version2 = template.versions.find((candidate) => candidate.number === number2);
          if (!version2) continue;
          const alias = names.join("/");
          const via = `launch template ${name} ${alias} (version ${number2}) in ${region2}`;
          const imageId = version2.imageId?.trim();
          const created = `version ${number2} created at ${iso(version2.createTime)}${version2.createdBy ? ` by ${version2.createdBy}` : ""}`;
          if (!imageId) {
            this.context.journal.note("live-amis", `The ${via} sets no image id (the Auto Scaling group or the caller must set it); it is not read as an AMI source.`);
          } else if (isAmiId(imageId)) {
            this.found.push({ ami: imageId, environment: this.env, region: region2, source: "launch-template", alias, origin: { detail: via }, since: { at: iso(version2.createTime), what: `${via}: ${created}` } });
          } else {
            const target = resolveTarget(imageId);
            if (!target) {
              this.context.journal.note("live-amis", `The ${via} has image id ${JSON.stringify(imageId.slice(0, 80))}, which is neither an AMI id nor resolve:ssm:.`);
              continue;
            }
            await this.resolved(target, { via, alias, region: region2, createTime: version2.createTime, created });
          }
        }
      }
    );
  }
  async resolved(target, at2) {
    const name = normaliseParameter2(target.name);
    const pinned = target.selector !== void 0 && /^\d+$/.test(target.selector);
    const publicParameter = PUBLIC_PARAMETER2.test(name);
    const listed = this.listed.has(name);
    if ((publicParameter || !listed) && !pinned) {
      this.floating.push({ environment: this.env, kind: publicParameter ? "public-parameter" : "unlisted-parameter", parameter: target.name, via: at2.via, region: at2.region });
    }
    let value;
    let since = at2.createTime;
    let how;
    try {
      if (listed && !publicParameter && target.selector === void 0) {
        const history = await this.reader.parameterHistory(this.env, at2.region, target.name);
        const version2 = history.versions.at(-1);
        value = version2.value.trim();
        if (version2.modified > since) since = version2.modified;
        how = `${target.name} version ${version2.version} (${iso(version2.modified)})`;
      } else {
        const parameter = await this.reader.parameter(this.env, at2.region, target.selector ? `${target.name}:${target.selector}` : target.name);
        value = parameter.value.trim();
        if (parameter.modified && parameter.modified > since) since = parameter.modified;
        how = `${target.name} version ${parameter.version}${parameter.modified ? ` (${iso(parameter.modified)})` : ""}`;
      }
    } catch (error2) {
      this.failures.push(failureOf(error2, this.env));
      return;
    }
    const floating = this.floating.find((entry) => entry.via === at2.via);
    if (floating) floating.resolvesTo = value;
    if (!isAmiId(value)) {
      this.context.journal.note("live-amis", `The ${at2.via} resolves ${target.name} to ${JSON.stringify(value.slice(0, 60))}, not an AMI id.`);
      return;
    }
    this.found.push({
      ami: value,
      environment: this.env,
      region: at2.region,
      source: "launch-template",
      alias: at2.alias,
      origin: { detail: `${at2.via} \u2192 resolve:ssm:${target.name}${target.selector ? `:${target.selector}` : ""}` },
      since: { at: iso(since), what: `${at2.via}: ${at2.created}; resolves to ${how}` }
    });
  }
  async instances() {
    const tags = this.reader.environment(this.env).amis.instanceTags;
    const tagText = Object.entries(tags).map(([key, value]) => `${key}=${value}`).join(", ");
    await this.everyRegion(
      "Instances",
      void 0,
      (region2) => this.reader.instances(this.env, region2),
      (instances, region2) => {
        const byImage = /* @__PURE__ */ new Map();
        for (const instance of instances) byImage.set(instance.imageId, [...byImage.get(instance.imageId) ?? [], instance]);
        for (const [ami, running] of byImage) {
          const earliest = running[0];
          this.found.push({
            ami,
            environment: this.env,
            region: region2,
            source: "instances",
            origin: { detail: `${running.length} running instance(s) tagged ${tagText} in ${region2}` },
            since: { at: iso(earliest.launchTime), what: `${running.length} instance(s) tagged ${tagText} run it in ${region2}; the earliest still running, ${earliest.id}, launched at ${iso(earliest.launchTime)}` }
          });
        }
      }
    );
  }
};
function terraformLiterals(index, settings) {
  const result = /* @__PURE__ */ new Map();
  for (const [env, amis] of terraformAmis(index, settings)) {
    result.set(
      env,
      amis.map((ref) => ({ ami: ref.ami, environment: env, source: "terraform", origin: { detail: ref.detail, ...ref.file ? { file: ref.file } : {}, ...ref.line ? { line: ref.line } : {}, ...ref.column ? { column: ref.column } : {} } }))
    );
  }
  return result;
}
async function gatherLiveAmis(context, reader, options) {
  const { settings, mode } = context;
  const result = { environments: /* @__PURE__ */ new Map(), floating: [], failures: [] };
  if (mode === "pr") return result;
  const target = mode === "preflight" ? checkedPreflightTarget(settings) : void 0;
  const input = mode === "preflight" ? settings.inputs.amiId : void 0;
  const names = target ? [target] : settings.promotion;
  const literal2 = terraformLiterals(options.terraform, settings);
  await Promise.all(
    names.map(async (env) => {
      const amis = reader.environment(env).amis;
      const discovery = new Discovery(context, reader, env);
      if (reader.regions(env).length === 0) {
        context.journal.note("live-amis", `No AWS configured for ${env} (no aws.regions and no aws-region input): its live AMIs are read from its Terraform only.`);
      } else if (!input) {
        await Promise.all([
          ...amis.ssmParameters.map((name) => discovery.parameter(name)),
          ...amis.launchTemplates.map((name) => discovery.launchTemplate(name)),
          ...Object.keys(amis.instanceTags).length > 0 ? [discovery.instances()] : []
        ]);
      }
      discovery.found.push(...literal2.get(env) ?? []);
      result.environments.set(env, discovery.found);
      result.floating.push(...discovery.floating);
      result.failures.push(...discovery.failures);
    })
  );
  result.environments = new Map(names.map((env) => [env, result.environments.get(env) ?? []]));
  if (target) {
    const unread = result.failures.some((failure2) => failure2.environment === target);
    const candidates = input ? [{ ami: input, environment: target, source: "input", origin: { detail: "the ami-id input" } }] : unread ? [] : launchCandidates(result.environments.get(target) ?? []);
    if (candidates.length === 0) {
      const amis = reader.environment(target).amis;
      const configured = reader.regions(target).length > 0 && (amis.launchTemplates.length > 0 || amis.ssmParameters.length > 0);
      if (result.failures.length === 0) {
        result.failures.push({
          environment: target,
          api: configured ? "DescribeLaunchTemplateVersions" : "configuration",
          reason: "not-found",
          message: `The AMI that new instances of ${target} will launch with could not be determined: ${configured ? "its launch templates and SSM parameters name no AMI id" : "no launch template or SSM parameter is configured for it in AWS, and its Terraform has no literal AMI id"}.`,
          fix: `Configure environments.${target}.amis.launch-templates (or ssm-parameters) with aws.regions, or pass the candidate as the ami-id input.`
        });
      }
    }
    result.preflight = { environment: target, candidates };
  }
  return result;
}
function launchCandidates(found) {
  const fromTemplates = found.filter((entry) => entry.source === "launch-template" && entry.alias?.includes("$Default"));
  const chosen = fromTemplates.length > 0 ? fromTemplates : found.filter((entry) => entry.source === "ssm");
  const list2 = chosen.length > 0 ? chosen : found.filter((entry) => entry.source === "terraform");
  const seen = /* @__PURE__ */ new Set();
  return list2.filter((entry) => !seen.has(entry.ami) && seen.add(entry.ami));
}
function withLiveAmis(amis, live) {
  const result = new Map(amis);
  if (!live) return result;
  const asEnvironmentAmi = (entry) => ({
    ami: entry.ami,
    source: entry.source === "terraform" ? "terraform" : entry.source === "input" ? "input" : "live",
    ...entry.origin.file ? { file: entry.origin.file } : {},
    ...entry.origin.line ? { line: entry.origin.line } : {},
    ...entry.origin.column ? { column: entry.origin.column } : {},
    detail: entry.origin.detail
  });
  if (live.preflight) {
    if (live.preflight.candidates.length > 0) result.set(live.preflight.environment, live.preflight.candidates.map(asEnvironmentAmi));
    return result;
  }
  for (const [env, entries] of live.environments) {
    const list2 = [...result.get(env) ?? []];
    for (const entry of entries) if (!list2.some((known) => known.ami === entry.ami)) list2.push(asEnvironmentAmi(entry));
    result.set(env, list2);
  }
  return result;
}

// src/facts/soak.ts
var JOURNAL_LIMIT = 200;
function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
function uniqueFailures(failures) {
  const seen = /* @__PURE__ */ new Set();
  return failures.filter((failure2) => !seen.has(failure2.message) && seen.add(failure2.message));
}
var SoakGathering = class {
  constructor(context, reader, inputs) {
    this.context = context;
    this.reader = reader;
    this.inputs = inputs;
  }
  context;
  reader;
  inputs;
  failures = [];
  /** Images by credentials|region|id, as described for health and tags. */
  described = /* @__PURE__ */ new Map();
  /** DescribeImages failures by credentials|region. */
  imageFailures = /* @__PURE__ */ new Map();
  gitByEnv = /* @__PURE__ */ new Map();
  journalled = 0;
  get now() {
    return this.context.now;
  }
  listed(source) {
    return this.context.settings.evidence.includes(source);
  }
  /** Regions of `env` to look for an AMI read in `known` regions of another environment. */
  lookRegions(env, known) {
    const all = this.reader.regions(env);
    if (!known) return all;
    const shared = all.filter((region2) => known.includes(region2));
    return shared.length > 0 ? shared : all;
  }
  // ------------------------------------------------------------------------------------------ candidates
  candidates() {
    const { mode, settings } = this.context;
    if (mode === "pr") {
      const values = this.inputs.promotable;
      if (!values) return [];
      return values.incoming.filter((value) => value.kind === "ami" || value.kind === "ami-lookup").map((value) => ({
        ami: value.value,
        kind: value.kind === "ami" ? "ami" : "ami-lookup",
        environment: value.environment,
        previous: value.previous,
        origin: { detail: `${value.label} at ${value.file}:${value.line}`, file: value.file, line: value.line, column: value.column },
        git: { intervals: value.intervals, baseName: values.baseName, base: values.base }
      }));
    }
    if (mode === "preflight") {
      const preflight = this.inputs.live.preflight;
      if (!preflight) return [];
      const previous = previousEnvironment(settings, preflight.environment);
      if (!previous) {
        this.context.journal.note("soak", `${preflight.environment} is the first environment of the promotion order: its AMI has no previous environment to soak in.`);
      }
      return preflight.candidates.map((entry) => ({
        ami: entry.ami,
        kind: "ami",
        environment: preflight.environment,
        ...previous ? { previous } : {},
        origin: entry.origin,
        ...entry.region ? { regions: [entry.region] } : {}
      }));
    }
    const result = [];
    for (const [env, entries] of this.inputs.live.environments) {
      const previous = previousEnvironment(settings, env);
      if (!previous) continue;
      const byAmi = /* @__PURE__ */ new Map();
      for (const entry of entries) byAmi.set(entry.ami, [...byAmi.get(entry.ami) ?? [], entry]);
      for (const [ami, found] of byAmi) {
        const origin = (found.find((entry) => entry.source !== "terraform") ?? found[0]).origin;
        const anyRegion = found.some((entry) => !entry.region);
        result.push({
          ami,
          kind: "ami",
          environment: env,
          previous,
          origin: found.length > 1 ? { ...origin, detail: [...new Set(found.map((entry) => entry.origin.detail))].join("; ") } : origin,
          ...anyRegion ? {} : { regions: [...new Set(found.map((entry) => entry.region))] }
        });
      }
    }
    return result;
  }
  // ------------------------------------------------------------------------------------------ reads
  async describeAll(requests) {
    const groups2 = /* @__PURE__ */ new Map();
    for (const { env, region: region2, ami } of requests) {
      const key = `${this.reader.credentials(env)}|${region2}`;
      const group = groups2.get(key) ?? { env, region: region2, ids: /* @__PURE__ */ new Set() };
      group.ids.add(ami);
      groups2.set(key, group);
    }
    await Promise.all(
      [...groups2.entries()].map(async ([key, group]) => {
        try {
          const found = await this.reader.describe(group.env, group.region, [...group.ids]);
          for (const [id, image] of found) this.described.set(`${key}|${id}`, image);
        } catch (error2) {
          const failure2 = failureOf(error2, group.env);
          this.imageFailures.set(key, failure2);
          this.failures.push(failure2);
        }
      })
    );
  }
  image(env, region2, ami) {
    return this.described.get(`${this.reader.credentials(env)}|${region2}|${ami}`);
  }
  /** When the image was created, from any lookup made: an AMI cannot have served before it existed. */
  creationOf(ami) {
    for (const image of this.described.values()) if (image?.id === ami && image.creationDate) return Date.parse(image.creationDate);
    return void 0;
  }
  /**
   * Git: when each AMI was in `env`'s Terraform on the first-parent history of the checked-out branch
   * (audit, preflight), stored under `key` (the environment, or `live:<env>` for when it reached N).
   */
  async presence(key, env, amis) {
    if (amis.length === 0 || this.gitByEnv.has(key)) return;
    const { terraform } = this.inputs;
    try {
      const base = await resolveCommit(this.context.workspace, "HEAD");
      if (!base) throw new GitHistoryError("The checkout has no HEAD commit to read history from.", "Run deploy-guard after actions/checkout with fetch-depth: 0.");
      const values = amis.map((ami) => ({ kind: "ami", key: "", value: ami, label: ami, needles: [ami] }));
      const history = await presenceHistory({ cwd: this.context.workspace, base, values, belongs: (path) => terraform.reach(path).has(env) });
      const intervals = /* @__PURE__ */ new Map();
      for (const ami of amis) intervals.set(ami, history.intervals.get(valueId({ kind: "ami", key: "", value: ami })) ?? []);
      this.gitByEnv.set(key, { intervals, base });
    } catch (error2) {
      this.gitByEnv.set(key, failureOf(error2, env));
    }
  }
  // ------------------------------------------------------------------------------------------ sources
  notConfiguredAws(env) {
    return {
      summary: `no AWS configured for ${env} (no aws.regions and no aws-region input)`,
      fix: `Set environments.${env}.aws.regions (or the aws-region input) and give the job AWS credentials, or rely on other evidence sources.`
    };
  }
  async ssm(candidate, env) {
    const source = "ssm";
    const regions = this.lookRegions(env, candidate.regions);
    if (regions.length === 0) return { source, state: "not-configured", ...this.notConfiguredAws(env) };
    const parameters = this.reader.environment(env).amis.ssmParameters;
    if (parameters.length === 0) {
      return { source, state: "not-configured", summary: `environments.${env}.amis.ssm-parameters lists no parameter`, fix: `List the SSM parameter that holds ${env}'s AMI id under environments.${env}.amis.ssm-parameters.` };
    }
    if (candidate.kind !== "ami") return { source, state: "not-configured", summary: "an AMI lookup has no id to follow in SSM", fix: "Pin the AMI id in Terraform." };
    const aws = await this.reader.aws();
    const intervals = [];
    const failures = [];
    const cutOff = [];
    const looked = [];
    for (const name of parameters) {
      const missing = [];
      for (const region2 of regions) {
        let history;
        try {
          history = await this.reader.parameterHistory(env, region2, name);
        } catch (error2) {
          if (isEvidenceError(error2) && error2.reason === "not-found") missing.push(failureOf(error2, env));
          else failures.push(failureOf(error2, env));
          continue;
        }
        const first = history.versions[0];
        const last = history.versions.at(-1);
        looked.push(`${name} in ${region2} (versions ${first.version}\u2013${last.version} kept, since ${iso(first.modified)})`);
        const found = aws.intervalsOf(history, candidate.ami, this.now);
        for (const interval of found) {
          const version2 = history.versions.find((entry) => entry.modified.getTime() === interval.from.getTime() && entry.value.trim() === candidate.ami);
          const by = version2?.user ? ` (set by ${version2.user})` : "";
          intervals.push({
            from: iso(interval.from),
            ...interval.to ? { to: iso(interval.to) } : {},
            ...interval.fromIsOldestKept ? { mayStartEarlier: true } : {},
            what: `${name} in ${region2} held it from ${version2 ? `version ${version2.version} at ` : ""}${iso(interval.from)}${by}${interval.fromIsOldestKept ? " (or earlier: older versions are no longer kept)" : ""} ${interval.to ? `to ${iso(interval.to)}` : "until now"}`
          });
        }
        if (found.length === 0 && history.possiblyTruncated) {
          const created = this.creationOf(candidate.ami);
          if (created === void 0 || created < first.modified.getTime()) {
            cutOff.push(`${name} in ${region2} keeps only versions ${first.version}\u2013${last.version} (since ${iso(first.modified)}); ${candidate.ami} is not among them and may have been there before`);
          }
        }
      }
      if (missing.length === regions.length && missing[0]) failures.push(missingEverywhere(`SSM parameter ${name}`, "ssm-parameters", env, regions, missing[0]));
    }
    if (failures.length > 0) return { source, state: "failed", summary: uniqueFailures(failures).map((failure2) => failure2.message).join(" "), failures: uniqueFailures(failures) };
    if (intervals.length > 0) return { source, state: "shown", intervals, summary: intervals.map((interval) => interval.what).join("; ") };
    if (cutOff.length > 0) {
      return {
        source,
        state: "unavailable",
        summary: `history cut off: ${cutOff.join("; ")}`,
        fix: `SSM keeps only the last 100 versions of a parameter. Let another source prove the soak: tag the AMI deploy-guard:${env}-since=<ISO time> in the pipeline, or keep the AMI id in ${env}'s Terraform (git).`
      };
    }
    return { source, state: "nothing", summary: `never held ${candidate.ami}: ${looked.join("; ")}` };
  }
  async ec2(candidate, env) {
    const source = "ec2";
    const regions = this.lookRegions(env, candidate.regions);
    if (regions.length === 0) return { source, state: "not-configured", ...this.notConfiguredAws(env) };
    const { instanceTags, launchTemplates } = this.reader.environment(env).amis;
    const tagText = Object.entries(instanceTags).map(([key, value]) => `${key}=${value}`).join(", ");
    if (tagText === "" && launchTemplates.length === 0) {
      return { source, state: "not-configured", summary: `environments.${env}.amis lists no instance-tags and no launch-templates`, fix: `Set environments.${env}.amis.instance-tags (e.g. { Environment: ${env} }) or launch-templates.` };
    }
    if (candidate.kind !== "ami") return { source, state: "not-configured", summary: "an AMI lookup has no id to look for in EC2", fix: "Pin the AMI id in Terraform." };
    const intervals = [];
    const failures = [];
    const looked = [];
    if (tagText !== "") {
      for (const region2 of regions) {
        try {
          const instances = await this.reader.instances(env, region2);
          const running = instances.filter((instance) => instance.imageId === candidate.ami);
          looked.push(`${plural(instances.length, "instance")} tagged ${tagText} in ${region2}`);
          const earliest = running[0];
          if (earliest) {
            intervals.push({
              from: iso(earliest.launchTime),
              what: `${plural(running.length, "instance")} tagged ${tagText} run it in ${region2}; the earliest still running, ${earliest.id}, launched at ${iso(earliest.launchTime)}`
            });
          }
        } catch (error2) {
          failures.push(failureOf(error2, env));
        }
      }
    }
    for (const name of launchTemplates) {
      const missing = [];
      for (const region2 of regions) {
        let template;
        try {
          template = await this.reader.launchTemplate(env, region2, name);
        } catch (error2) {
          if (isEvidenceError(error2) && error2.reason === "not-found") missing.push(failureOf(error2, env));
          else failures.push(failureOf(error2, env));
          continue;
        }
        looked.push(`launch template ${name} in ${region2} (${plural(template.versions.length, "version")})`);
        let start;
        let end;
        const close = (next) => {
          if (!start || !end) return;
          const range = start.number === end.number ? `version ${start.number}` : `versions ${start.number}\u2013${end.number}`;
          intervals.push({
            from: iso(start.createTime),
            ...next ? { to: iso(next.createTime) } : {},
            what: `launch template ${name} in ${region2}: ${range} set it, created from ${iso(start.createTime)}${start.createdBy ? ` by ${start.createdBy}` : ""}${next ? ` until version ${next.number} at ${iso(next.createTime)}` : ` (default is version ${template.defaultVersion})`}`
          });
          start = void 0;
          end = void 0;
        };
        for (const version2 of template.versions) {
          if (version2.imageId?.trim() === candidate.ami) {
            start ??= version2;
            end = version2;
          } else close(version2);
        }
        close();
      }
      if (missing.length === regions.length && missing[0]) failures.push(missingEverywhere(`Launch template ${name}`, "launch-templates", env, regions, missing[0]));
    }
    if (failures.length > 0) return { source, state: "failed", summary: uniqueFailures(failures).map((failure2) => failure2.message).join(" "), failures: uniqueFailures(failures) };
    if (intervals.length > 0) return { source, state: "shown", intervals, summary: intervals.map((interval) => interval.what).join("; ") };
    return { source, state: "nothing", summary: `no sign of ${candidate.ami}: ${looked.join("; ")}` };
  }
  async tags(candidate, env) {
    const source = "tags";
    const regions = this.lookRegions(env, candidate.regions);
    if (regions.length === 0) return { source, state: "not-configured", ...this.notConfiguredAws(env) };
    if (candidate.kind !== "ami") return { source, state: "not-configured", summary: "an AMI lookup has no id whose tags could be read", fix: "Pin the AMI id in Terraform." };
    const key = `deploy-guard:${env}-since`;
    const intervals = [];
    const failures = [];
    const seen = [];
    for (const region2 of regions) {
      const image = this.image(env, region2, candidate.ami);
      if (image === void 0) {
        const failure2 = this.imageFailures.get(`${this.reader.credentials(env)}|${region2}`);
        if (failure2) failures.push(failure2);
        continue;
      }
      if (image === null) continue;
      seen.push(region2);
      try {
        const since = await this.reader.sinceTag(env, image);
        if (since) intervals.push({ from: iso(since), what: `tag ${key}=${iso(since)} on ${candidate.ami} in ${region2}` });
      } catch (error2) {
        failures.push(failureOf(error2, env));
      }
    }
    if (failures.length > 0) return { source, state: "failed", summary: uniqueFailures(failures).map((failure2) => failure2.message).join(" "), failures: uniqueFailures(failures) };
    if (intervals.length > 0) return { source, state: "shown", intervals, summary: intervals.map((interval) => interval.what).join("; ") };
    return {
      source,
      state: "nothing",
      summary: seen.length > 0 ? `${candidate.ami} has no ${key} tag (${seen.join(", ")})` : `${candidate.ami} is not visible to ${env}'s account in ${regions.join(", ")}`
    };
  }
  git(candidate, env) {
    const source = "git";
    let intervals;
    let where2;
    if (candidate.git) {
      intervals = candidate.git.intervals;
      where2 = `${candidate.git.baseName} (${candidate.git.base.slice(0, 7)})`;
    } else {
      const presence = this.gitByEnv.get(env);
      if (!presence) return { source, state: "nothing", summary: `${candidate.ami} was not searched in ${env}'s Terraform` };
      if ("reason" in presence) return { source, state: "failed", summary: presence.message, failures: [presence] };
      intervals = presence.intervals.get(candidate.ami) ?? [];
      where2 = `the checked-out branch (${presence.base.slice(0, 7)})`;
    }
    const shown = intervals.map((interval) => ({
      from: interval.from,
      ...interval.to ? { to: interval.to } : {},
      what: `${candidate.kind === "ami" ? candidate.ami : "the lookup"} landed in ${env}'s Terraform (${interval.fromFile}) on ${where2} at ${iso(interval.from)} (${interval.fromMerge ? "merge" : "commit"} ${interval.fromCommit.slice(0, 7)})${interval.to ? `, removed at ${iso(interval.to)}` : ""}`
    }));
    if (shown.length > 0) return { source, state: "shown", intervals: shown, summary: `${shown.map((interval) => interval.what).join("; ")} \u2014 proves intent, not what ran` };
    return { source, state: "nothing", summary: `in no Terraform of ${env} on the first-parent history of ${where2}` };
  }
  async readings(candidate, env) {
    return Promise.all(
      this.context.settings.evidence.map((source) => {
        switch (source) {
          case "ssm":
            return this.ssm(candidate, env);
          case "ec2":
            return this.ec2(candidate, env);
          case "tags":
            return this.tags(candidate, env);
          case "git":
            return this.git(candidate, env);
        }
      })
    );
  }
  /** Audit: the earliest time any source shows the AMI live in N. */
  reachedAt(candidate) {
    const times = [];
    for (const entry of this.inputs.live.environments.get(candidate.environment) ?? []) {
      if (entry.ami === candidate.ami && entry.since) times.push(entry.since);
    }
    const presence = this.gitByEnv.get(`live:${candidate.environment}`);
    if (presence && !("reason" in presence)) {
      const current = presence.intervals.get(candidate.ami)?.at(-1);
      if (current && !current.to) times.push({ at: current.from, what: `it landed in ${candidate.environment}'s Terraform (${current.fromFile}) at ${iso(current.from)} (${current.fromMerge ? "merge" : "commit"} ${current.fromCommit.slice(0, 7)})` });
    }
    times.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    return times[0];
  }
  record(candidate, env, readings) {
    for (const reading of readings) {
      if (this.journalled === JOURNAL_LIMIT) this.context.journal.note("soak", `Soak evidence: only the first ${JOURNAL_LIMIT} statements are listed; every finding carries its own.`);
      if (this.journalled++ >= JOURNAL_LIMIT) return;
      this.context.journal.record({ source: reading.source, text: `${candidate.ami} in ${env} (before ${candidate.environment}): ${reading.state === "shown" ? "" : `${reading.state}: `}${reading.summary}` });
    }
  }
  // ------------------------------------------------------------------------------------------ run
  async gather() {
    const { settings, mode, journal } = this.context;
    const candidates = this.candidates();
    const allowedOwners = [...new Set([...settings.environments.values()].map((env) => env.aws?.accountId).filter((id) => id !== void 0))];
    const result = { cases: [], health: [], allowedOwners, floating: this.inputs.live.floating, failures: [] };
    if (candidates.length === 0) {
      result.failures = uniqueFailures([...this.inputs.live.failures]);
      return result;
    }
    const ids = candidates.filter((candidate) => candidate.kind === "ami");
    const requests = [];
    for (const candidate of ids) {
      for (const region2 of candidate.regions ?? this.reader.regions(candidate.environment)) requests.push({ env: candidate.environment, region: region2, ami: candidate.ami });
      if (candidate.previous && this.listed("tags")) {
        for (const region2 of this.lookRegions(candidate.previous, candidate.regions)) requests.push({ env: candidate.previous, region: region2, ami: candidate.ami });
      }
    }
    const git2 = [];
    if (mode !== "pr") {
      const byPrevious = /* @__PURE__ */ new Map();
      for (const candidate of ids) if (candidate.previous) byPrevious.set(candidate.previous, [...byPrevious.get(candidate.previous) ?? [], candidate.ami]);
      if (this.listed("git")) for (const [env, amis] of byPrevious) git2.push(this.presence(env, env, [...new Set(amis)]));
      if (mode === "audit") {
        const byEnv = /* @__PURE__ */ new Map();
        for (const [env, entries] of this.inputs.live.environments) {
          byEnv.set(env, [...new Set(entries.filter((entry) => entry.source === "terraform").map((entry) => entry.ami))]);
        }
        for (const [env, amis] of byEnv) git2.push(this.presence(`live:${env}`, env, amis));
      }
    }
    await Promise.all([this.describeAll(requests), ...git2]);
    if (this.listed("git")) journal.note("soak", "Git evidence shows when an AMI id landed in an environment's Terraform on the base branch: it proves intent, not what ran.");
    const awsSources = settings.evidence.filter((source) => source !== "git");
    for (const env of new Set(candidates.map((candidate) => candidate.previous).filter((env2) => env2 !== void 0))) {
      if (awsSources.length > 0 && this.reader.regions(env).length === 0) {
        journal.note(
          "soak",
          settings.evidence.includes("git") ? `No AWS configured for ${env} (no aws.regions and no aws-region input): only the git source can show that an AMI served ${env}.` : `No AWS configured for ${env} (no aws.regions and no aws-region input), and evidence lists only AWS sources (${awsSources.join(", ")}): soak in ${env} cannot be evaluated.`
        );
      }
    }
    result.cases = await Promise.all(
      candidates.filter((candidate) => candidate.previous !== void 0).map(async (candidate) => {
        const previous = candidate.previous;
        const readings = await this.readings(candidate, previous);
        this.record(candidate, previous, readings);
        const reachedAt = mode === "audit" ? this.reachedAt(candidate) : void 0;
        return {
          ami: candidate.ami,
          environment: candidate.environment,
          previous,
          requiredMs: settings.environments.get(candidate.environment)?.soakMs ?? 0,
          origin: candidate.origin,
          ...reachedAt ? { reachedAt } : {},
          readings
        };
      })
    );
    const noAws = /* @__PURE__ */ new Set();
    for (const candidate of ids) {
      const regions = candidate.regions ?? this.reader.regions(candidate.environment);
      if (regions.length === 0) noAws.add(candidate.environment);
      const lookups = regions.map((region2) => ({ region: region2, image: this.image(candidate.environment, region2, candidate.ami) }));
      const failed = lookups.some((lookup) => lookup.image === void 0);
      result.health.push({
        ami: candidate.ami,
        environment: candidate.environment,
        origin: candidate.origin,
        lookups: lookups.filter((lookup) => lookup.image !== void 0).map((lookup) => ({ region: lookup.region, image: lookup.image ?? null })),
        ...failed ? { failed } : {}
      });
    }
    for (const env of noAws) journal.note("soak", `No AWS configured for ${env}: whether its AMIs exist, are available and not deprecated (DG103) was not checked.`);
    if (allowedOwners.length === 0 && ids.length > 0 && noAws.size < new Set(ids.map((candidate) => candidate.environment)).size) {
      journal.note("soak", "No environment sets aws.account-id: the owner of each AMI is not checked (DG103 still checks that it exists, is available and is not deprecated).");
    }
    result.failures = uniqueFailures([...this.inputs.live.failures, ...this.failures]);
    return result;
  }
};
async function gatherAmiSoak(context, reader, inputs) {
  return new SoakGathering(context, reader, inputs).gather();
}
function soakGatherers(options = {}) {
  const readers = /* @__PURE__ */ new WeakMap();
  const readerFor = (context) => {
    let reader = readers.get(context);
    if (!reader) {
      reader = new AwsEvidenceReader(context.settings, context.now, options);
      readers.set(context, reader);
    }
    return reader;
  };
  return {
    liveAmis: async (context, facts) => {
      if (context.mode === "pr") return { environments: /* @__PURE__ */ new Map(), floating: [], failures: [] };
      if (context.mode === "preflight") checkedPreflightTarget(context.settings);
      return gatherLiveAmis(context, readerFor(context), { terraform: await facts.get("terraform") });
    },
    amiSoak: async (context, facts) => {
      const [terraform, live, promotable] = await Promise.all([
        facts.get("terraform"),
        facts.get("liveAmis"),
        context.mode === "pr" ? facts.get("promotableValues") : Promise.resolve(void 0)
      ]);
      return gatherAmiSoak(context, readerFor(context), { terraform, live, ...promotable ? { promotable } : {} });
    }
  };
}

// src/facts/registry.ts
var MOST_OF_A_REPOSITORY = 1e3;
var gatherers = {
  repoFiles: (context) => listFiles(context.workspace),
  // In a PR, the changed files are always read, and parsed if they may hold facts (their parse errors block);
  // the others only if they hold facts, and files that can hold only module calls when a question needs them.
  // git grep finds the files without any fact's words while the file list is made; a PR that changes most
  // files reads them anyway.
  terraform: async (context, facts) => {
    const changed = context.mode === "pr" ? changedPaths(await facts.get("changes")) : /* @__PURE__ */ new Set();
    if (context.mode === "pr") void facts.get("baseVersions").catch(() => void 0);
    const wordless = changed.size < MOST_OF_A_REPOSITORY ? terraformFilesWithoutFacts(context.workspace) : Promise.resolve(/* @__PURE__ */ new Set());
    return gatherTerraform(context, await facts.get("repoFiles"), changed, context.mode === "pr", wordless);
  },
  changes: (context) => gatherChanges(context),
  baseVersions: async (context, facts) => baseVersionsOf(context.workspace, await facts.get("changes")),
  pullRequest: (context) => gatherPullRequest(context),
  override: async (context, facts) => gatherOverride(context, await facts.get("pullRequest")),
  terraformChange: async (context, facts) => context.mode === "pr" ? gatherTerraformChange(context, await facts.get("terraform"), await facts.get("changes")) : void 0,
  promotableValues: async (context, facts) => {
    const change = await facts.get("terraformChange");
    return change ? gatherPromotableValues(context, await facts.get("terraform"), change, await facts.get("changes"), await facts.get("baseVersions")) : void 0;
  },
  floatingAmiSources: async (context, facts) => gatherFloatingAmiSources(context, await facts.get("terraform")),
  appliedPulls: async (context, facts) => gatherAppliedPulls(context, await facts.get("pullRequest")),
  deployScripts: (context, facts) => gatherDeployScriptsFrom(context, facts),
  environmentAmis: async (context, facts) => withLiveAmis(await gatherEnvironmentAmis(context, await facts.get("terraform")), await facts.get("liveAmis")),
  imageInventories: async (context, facts) => gatherImageInventories(context, await facts.get("deployScripts"), await facts.get("repoFiles")),
  ...soakGatherers()
};
var FactStore = class {
  constructor(context, overrides = {}) {
    this.context = context;
    this.overrides = overrides;
  }
  context;
  overrides;
  cache = /* @__PURE__ */ new Map();
  get(key) {
    let pending = this.cache.get(key);
    if (!pending) {
      const gather = this.overrides[key] ?? gatherers[key];
      const started = performance.now();
      pending = gather(this.context, this);
      void pending.then(
        () => this.context.log.debug(`fact ${key}: ready ${Math.round(performance.now() - started)} ms after it was asked for (${Math.round(started)} ms into the process)`),
        () => void 0
      );
      this.cache.set(key, pending);
    }
    return pending;
  }
  async pick(keys) {
    const values = await Promise.all(keys.map((key) => this.get(key)));
    return Object.fromEntries(keys.map((key, i) => [key, values[i]]));
  }
};

// src/facts/relevance.ts
var TERRAFORM = /\.(tf|tfvars|tf\.json|tfvars\.json|hcl|tftpl|tpl)$/;
var CLOUD_INIT_OR_SCRIPT = /(^|\/)(user[-_]?data[^/]*|cloud[-_]?init[^/]*|appspec\.ya?ml)$/i;
var APPSPEC2 = /(^|\/)appspec\.ya?ml$/;
function deployRelevance(settings, repoFiles = []) {
  const revisionRoots = repoFiles.filter((file) => APPSPEC2.test(file)).map((file) => file.slice(0, file.lastIndexOf("/") + 1));
  const underRevision = (path) => revisionRoots.some((root) => path.startsWith(root));
  const globs = [
    ...settings.scripts.include,
    ...settings.images.manifests,
    ...[...settings.environments.values()].flatMap((env) => env.terraform)
  ];
  const matchesGlob = globMatcher(globs, { dot: true, flags: "s" });
  const excluded = globMatcher(settings.scripts.exclude, { dot: true, flags: "s" });
  return (path) => path === settings.configFile || path === settings.inputs.config || TERRAFORM.test(path) || CLOUD_INIT_OR_SCRIPT.test(path) || underRevision(path) || matchesGlob(path) && !excluded(path);
}

// src/rules/types.ts
function defineRule(rule) {
  return rule;
}

// src/rules/process/override.ts
function assessOverride(facts, settings) {
  if (!facts?.labelPresent) return { state: "none" };
  const { label, allowed } = settings.override;
  const latest = facts.labelEvents.at(-1);
  const reasons = [];
  if (!latest) {
    reasons.push(`who applied "${label}" could not be read from the issue events API (is a github-token with issues: read given?)`);
  } else {
    if (allowed.length === 0) reasons.push(`no one is allowed to override: "override.allowed" is empty`);
    else if (!facts.actorAllowed?.allowed) reasons.push(`@${latest.actor} is not in override.allowed (${allowed.join(", ")})`);
    if (!facts.headCommittedAt) reasons.push("the time of the head commit could not be read");
    else if (Date.parse(latest.at) <= Date.parse(facts.headCommittedAt)) {
      reasons.push(`the label was applied at ${latest.at}, before the head commit of ${facts.headCommittedAt}; a new push needs a new override`);
    }
  }
  if (!facts.reason) reasons.push('the PR body has no "deploy-guard-reason: \u2026" line');
  if (reasons.length > 0 || !latest || !facts.reason) return { state: "rejected", ...latest ? { actor: latest.actor } : {}, reasons };
  return { state: "valid", record: { actor: latest.actor, at: latest.at, reason: facts.reason, label } };
}
var overrideUsed = defineRule({
  id: "DG401",
  name: "override-used",
  family: "process",
  defaultLevel: "notice",
  overridable: false,
  modes: ["pr"],
  needs: ["override"],
  summary: "A break-glass override was applied to this change.",
  help: "Records who applied the override label, when and why, so that every skipped soak is on the record. Nothing to fix; remove the label once the emergency change has merged.",
  check({ override }, { settings }) {
    const assessment = assessOverride(override, settings);
    if (assessment.state !== "valid") return [];
    const { actor, at: at2, reason, label } = assessment.record;
    return [
      {
        message: `Override "${label}" applied by @${actor} at ${at2}: ${reason}`,
        evidence: [{ source: "github", text: `label event by @${actor} at ${at2}${override?.actorAllowed?.via ? ` (allowed as ${override.actorAllowed.via})` : ""}` }]
      }
    ];
  }
});
var overrideRejected = defineRule({
  id: "DG402",
  name: "override-rejected",
  family: "process",
  defaultLevel: "error",
  overridable: false,
  modes: ["pr"],
  needs: ["override"],
  summary: "The override label is on the PR but the override is not valid.",
  help: 'A break-glass override needs all three: the label applied by a user or team listed in override.allowed, a "deploy-guard-reason: \u2026" line in the PR body, and the label applied after the latest push. Have an allowed person remove and re-apply the label after the last push, with the reason in the PR body.',
  check({ override }, { settings }) {
    const assessment = assessOverride(override, settings);
    if (assessment.state !== "rejected") return [];
    return [
      {
        message: `Override "${settings.override.label}" rejected: ${assessment.reasons.join("; ")}.`,
        evidence: override?.labelEvents.map((event) => ({ source: "github", text: `labelled by @${event.actor} at ${event.at}` })) ?? [],
        fix: 'An allowed user re-applies the label after the last push, and the PR body has a "deploy-guard-reason:" line.'
      }
    ];
  }
});

// src/rules/promotion/text.ts
function chainText(chain) {
  const first = chain[0];
  if (!first) return "";
  return [first.dir, ...chain.map((edge) => `${edge.by}:${edge.line}`)].join(" \u2190 ");
}
function listText(items, max = 4) {
  if (items.length <= max) return items.join(", ");
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}
function shortSha(sha) {
  return sha.slice(0, 7);
}
function isoTime(value) {
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, "Z");
}

// src/rules/promotion/applied.ts
function lastEnvironment(settings, change) {
  return change ? change.order.at(-1) : settings.promotion.at(-1);
}
function filesReaching(change, environment2) {
  return change.files.filter((file) => file.reaches.some((reach) => reach.environment === environment2)).map((file) => file.path);
}
function appliedButUnmergedLevel(mode, settings, change) {
  const last = lastEnvironment(settings, change);
  if (mode === "audit") return { level: "error", why: "the audit covers every live environment" };
  if (mode === "preflight") {
    const target = settings.inputs.environment ?? settings.promotion.at(-1);
    return target !== void 0 && target === last ? { level: "error", why: `the preflight is for ${target}` } : { level: "warning", why: `the preflight is for ${target ?? "an environment"} before ${last ?? "the last one"}` };
  }
  const reaching = change && last ? filesReaching(change, last) : [];
  return reaching.length > 0 ? { level: "error", why: `this change reaches ${last} (${listText(reaching, 3)})` } : { level: "warning", why: `this change does not reach ${last ?? "the last environment"}` };
}
var appliedButUnmerged = defineRule({
  id: "DG304",
  name: "applied-but-unmerged",
  family: "promotion",
  defaultLevel: "error",
  overridable: true,
  modes: ["pr", "audit", "preflight"],
  needs: ["appliedPulls", "terraformChange"],
  summary: "Open pull requests carry the applied label: live infrastructure differs from the base branch.",
  help: "A pull request labelled as applied (applied-label, default terraform-applied) but not merged means its Terraform runs in an environment while the base branch does not contain it: a revert of the base branch does not restore what is live, and the next apply from the base branch silently undoes it. Error when the change (or preflight) reaches the last environment, and in the audit; warning otherwise. Fix: merge the applied pull request, or revert what it applied and remove the label, before changing the environment again.",
  check({ appliedPulls, terraformChange }, { settings, mode, now }) {
    const { level: level2, why } = appliedButUnmergedLevel(mode, settings, terraformChange);
    return appliedPulls.pulls.map(
      (pull) => ({
        message: `#${pull.number} "${pull.title}" carries "${appliedPulls.label}" and is still open (opened ${formatDuration(now.getTime() - Date.parse(pull.createdAt))} ago, at ${isoTime(pull.createdAt)}): what is live differs from the base branch; ${level2 === "error" ? "blocking because" : "warning because"} ${why}.`,
        level: level2,
        ...mode === "pr" && level2 === "error" && lastEnvironment(settings, terraformChange) ? { environment: lastEnvironment(settings, terraformChange) } : {},
        evidence: [{ source: "github", text: `#${pull.number} open with label "${appliedPulls.label}" since ${isoTime(pull.createdAt)}: ${pull.url}` }],
        fix: `Merge #${pull.number}, or revert what it applied and remove the "${appliedPulls.label}" label, then re-run this check.`
      })
    );
  }
});
var appliedBeforeReview = defineRule({
  id: "DG305",
  name: "applied-before-review",
  family: "promotion",
  defaultLevel: "error",
  overridable: true,
  modes: ["pr"],
  needs: ["pullRequest", "terraformChange"],
  summary: "This pull request carries the applied label and reaches the last environment.",
  help: "The applied label says this change already runs in production although it is neither reviewed nor merged: the base branch no longer describes prod. Fix: get it reviewed and merged now, or revert the apply; apply prod only from the base branch after merge, and remove the label once live matches the base branch.",
  check({ pullRequest, terraformChange }, { settings }) {
    if (!pullRequest || !terraformChange || !pullRequest.labels.includes(settings.appliedLabel)) return [];
    const last = terraformChange.order.at(-1);
    if (!last) return [];
    const reaching = filesReaching(terraformChange, last);
    if (reaching.length === 0) return [];
    return [
      {
        message: `This pull request carries "${settings.appliedLabel}" and reaches ${last} (${listText(reaching, 3)}): it was applied to ${last} before review and merge, so the base branch does not describe ${last}.`,
        environment: last,
        file: reaching[0],
        evidence: [{ source: "github", text: `#${pullRequest.number} labels: ${pullRequest.labels.join(", ")}` }],
        fix: `Get #${pullRequest.number} reviewed and merged now (or revert the apply); apply ${last} only from the base branch after merge, and remove "${settings.appliedLabel}" once live matches it.`
      }
    ];
  }
});

// src/rules/promotion/floatingAmi.ts
function describe(source, previous) {
  const env = source.environment;
  const param = `environments.${env}.amis.ssm-parameters`;
  switch (source.kind) {
    case "most-recent-lookup":
      return {
        message: `${env} takes its AMI from ${source.what} with most_recent = true: every apply picks whatever image is newest, which never soaked in ${previous}.`,
        fix: `Pin the AMI id that soaked in ${previous} (or read it from an SSM parameter listed under ${param} that your pipeline promotes).`
      };
    case "public-parameter":
      return {
        message: `${env} reads its AMI from the public SSM parameter ${source.what} (${source.address}): AWS moves it to each new image, which then reaches ${env} without soaking in ${previous}.`,
        fix: `Pin the AMI id that soaked in ${previous} (or an SSM parameter of your own, listed under ${param}, that your pipeline promotes).`
      };
    case "unlisted-parameter":
      return {
        message: `${env} resolves its AMI from SSM parameter ${source.what} (${source.address}), which is not under ${param}: nothing checks what it holds before ${env} launches it.`,
        fix: `List ${source.what} under ${param} so its history is checked, pin a version (resolve:ssm:${source.what}:<version>), or pin the AMI id.`
      };
  }
}
var floatingAmi = defineRule({
  id: "DG105",
  name: "floating-ami",
  family: "soak",
  defaultLevel: "error",
  overridable: true,
  modes: ["pr", "audit", "preflight"],
  needs: ["floatingAmiSources", "terraformChange"],
  summary: "A later environment picks its AMI at apply or launch time from something nobody promotes.",
  help: `data "aws_ami" with most_recent = true, a public "latest" SSM parameter (/aws/service/\u2026) or resolve:ssm: to a parameter that is not one of the environment's amis.ssm-parameters select a new image whenever AWS or someone else publishes one: it reaches prod on the next apply or scale-up without ever having soaked. In a pull request it is reported for the environments the change reaches (their next apply re-resolves it). Fix: pin the AMI id, or read it from a parameter listed under amis.ssm-parameters that your pipeline promotes after the soak.`,
  check({ floatingAmiSources: floatingAmiSources2, terraformChange }, { settings, mode }) {
    let environments;
    if (mode === "pr") environments = new Set(terraformChange?.files.flatMap((file) => file.reaches.map((reach) => reach.environment)) ?? []);
    else if (mode === "preflight") environments = /* @__PURE__ */ new Set([settings.inputs.environment ?? settings.promotion.at(-1) ?? ""]);
    return floatingAmiSources2.filter((source) => !environments || environments.has(source.environment)).map((source) => {
      const previous = previousEnvironment(settings, source.environment) ?? "the previous environment";
      const { message, fix } = describe(source, previous);
      return {
        message: source.via.length > 0 ? `${message.replace(/\.$/, "")} (through ${chainText(source.via)}).` : message,
        environment: source.environment,
        file: source.file,
        line: source.line,
        column: source.column,
        evidence: [{ source: "terraform", text: `${source.file}:${source.line} ${source.address}${source.what !== source.address ? ` \u2192 ${source.what}` : ""}` }],
        fix
      };
    });
  }
});

// src/rules/promotion/stagingAndProd.ts
var stagingAndProdInOneChange = defineRule({
  id: "DG301",
  name: "staging-and-prod-in-one-change",
  family: "promotion",
  defaultLevel: "error",
  overridable: true,
  modes: ["pr"],
  needs: ["terraformChange"],
  summary: "One change reaches an environment and the one before it together, directly or through a shared module.",
  help: "A change that lands in staging and prod at once never runs in staging before prod gets it: that is how the image update of the outage reached prod unsoaked. deploy-guard follows local module sources transitively, so a change to a module that both environments call counts for both; the message names the chain from the changed module up to each environment's root. Fix: split the change: merge the earlier environment's part, let it soak, then change the next environment in a second pull request. For a shared module, make the change opt-in per environment (a variable that defaults to the old behaviour) or pin each environment to a module version.",
  check({ terraformChange }, { settings }) {
    if (!terraformChange) return [];
    const { order, files } = terraformChange;
    const findings = [];
    for (let i = 1; i < order.length; i++) {
      const previous = order[i - 1];
      const env = order[i];
      const route = (file, name) => {
        const reach = file.reaches.find((entry) => entry.environment === name);
        if (!reach) return void 0;
        return reach.chain.length > 0 ? chainText(reach.chain) : file.path;
      };
      const routes = files.map((file) => ({ file, toPrevious: route(file, previous), toEnv: route(file, env) }));
      const toPrevious = routes.flatMap((r) => r.toPrevious ?? []);
      const toEnv = routes.flatMap((r) => r.toEnv ?? []);
      if (toPrevious.length === 0 || toEnv.length === 0) continue;
      const anchor = (routes.find((r) => r.toPrevious && r.toEnv) ?? routes.find((r) => r.toEnv)).file;
      const soak = formatDuration(settings.environments.get(env)?.soakMs ?? 0);
      findings.push({
        message: `This change reaches ${previous} and ${env} together, so it cannot soak in ${previous} first: ${previous} through ${listText(toPrevious)}; ${env} through ${listText(toEnv)}.`,
        environment: env,
        file: anchor.path,
        evidence: routes.flatMap(
          ({ file, toPrevious: viaPrevious, toEnv: viaEnv }) => [[previous, viaPrevious], [env, viaEnv]].flatMap(
            ([name, path]) => path ? [{ source: "git", text: `${file.path} (${file.status}) reaches ${name}${path === file.path ? "" : ` through ${path}`}` }] : []
          )
        ),
        fix: `Split it: merge the ${previous} part first, let it serve ${previous} for ${soak}, then change ${env} in a second pull request. For a shared module, make the change opt-in per environment or pin ${env} to a module version first.`
      });
    }
    return findings;
  }
});

// src/rules/promotion/unmappedTerraform.ts
var unmappedTerraform = defineRule({
  id: "DG306",
  name: "unmapped-terraform",
  family: "promotion",
  defaultLevel: "warning",
  overridable: true,
  modes: ["pr"],
  needs: ["terraformChange"],
  summary: "A changed Terraform file belongs to no environment and is no module an environment uses.",
  help: "deploy-guard decides which environments a change reaches from each environment's Terraform globs (or the directory names staging/stage/stg and prod/production/prd) and the local module graph. A changed file outside all of them is a change whose promotion it cannot check. Fix: add its root to environments.<name>.terraform (and to promotion), or call it as a module from an environment's root; for examples and tests that are applied nowhere, the warning can stay.",
  check({ terraformChange }, { settings }) {
    if (!terraformChange) return [];
    const config2 = settings.configFile ?? settings.inputs.config;
    return terraformChange.files.filter((file) => file.terraform && file.status !== "deleted" && file.reaches.length === 0).map((file) => ({
      message: `${file.path} is Terraform that belongs to no environment (${terraformChange.order.join(", ") || "none found"}) and is no module an environment uses: where this change is applied cannot be checked.`,
      file: file.path,
      evidence: [{ source: "git", text: `${file.path} (${file.status}) matches no environment glob and no local module source` }],
      fix: `Add its root to environments.<name>.terraform in ${config2} (and to promotion), or call it as a module from an environment's root.`
    }));
  }
});

// src/rules/promotion/ownership.ts
var AMI_VALUES_OWNED_BY_SOAK_RULES = true;
var SOAK_COUNTERPART = { DG302: "DG101", DG303: "DG102" };
function promotionRulesReport(kind, rule, settings, amisOwnedBySoakRules = AMI_VALUES_OWNED_BY_SOAK_RULES) {
  if (kind !== "ami" && kind !== "ami-lookup") return true;
  return !amisOwnedBySoakRules || settings.ruleLevels.get(SOAK_COUNTERPART[rule]) === "off";
}

// src/rules/promotion/valueSoak.ts
function soakVerdict(value, requiredMs, now) {
  let best;
  for (const interval of value.intervals) {
    const servedMs = (interval.to ? Date.parse(interval.to) : now.getTime()) - Date.parse(interval.from);
    if (!best || servedMs > best.servedMs) best = { interval, servedMs };
  }
  if (!best) return { state: "never" };
  if (best.servedMs >= requiredMs) return { state: "soaked", ...best };
  const current = value.intervals.at(-1);
  const allowedAt = current && current.to === void 0 ? isoTime(Date.parse(current.from) + requiredMs) : void 0;
  return { state: "not-soaked", ...best, requiredMs, ...allowedAt ? { allowedAt } : {} };
}
function requiredSoakMs(settings, environment2) {
  return settings.environments.get(environment2)?.soakMs ?? 0;
}
function where(value) {
  const at2 = `${value.file}:${value.line}`;
  return value.via.length > 0 ? `${at2}, through ${chainText(value.via)}` : at2;
}
function landing(values, value, interval) {
  const how = `${interval.fromMerge ? "merge" : "commit"} ${shortSha(interval.fromCommit)}`;
  const removed = interval.to ? `; gone from ${value.previous} at ${isoTime(interval.to)} (commit ${shortSha(interval.toCommit ?? "")})` : "";
  return `${value.label} landed in ${value.previous} (${interval.fromFile}) on ${values.baseName} at ${isoTime(interval.from)} (${how})${removed}`;
}
function evidenceOf(values, value) {
  if (value.intervals.length === 0) {
    return [{ source: "git", text: `${value.label}: in no Terraform of ${value.previous} on the first-parent history of ${values.baseName} (${shortSha(values.base)})` }];
  }
  return value.intervals.map((interval) => ({ source: "git", text: landing(values, value, interval) }));
}
function reportedValues(values, rule, settings, amisOwnedBySoakRules = AMI_VALUES_OWNED_BY_SOAK_RULES) {
  return (values?.incoming ?? []).filter((value) => promotionRulesReport(value.kind, rule, settings, amisOwnedBySoakRules));
}
function notSoakedFindings(values, settings, now, amisOwnedBySoakRules = AMI_VALUES_OWNED_BY_SOAK_RULES) {
  if (!values) return [];
  const findings = [];
  for (const value of reportedValues(values, "DG302", settings, amisOwnedBySoakRules)) {
    const required2 = requiredSoakMs(settings, value.environment);
    const verdict = soakVerdict(value, required2, now);
    if (verdict.state !== "not-soaked") continue;
    const { interval } = verdict;
    const need = `${value.environment} requires ${formatDuration(required2)} in ${value.previous}`;
    const tail = verdict.allowedAt ? `${formatDuration(now.getTime() - Date.parse(interval.from))} ago; ${need}: allowed from ${verdict.allowedAt}.` : `and served it for ${formatDuration(verdict.servedMs)} until ${isoTime(interval.to ?? now)}; ${need}, and ${value.previous} no longer has it.`;
    findings.push({
      message: `${value.environment} receives ${value.label} (${where(value)}), which landed in ${value.previous} on ${values.baseName} at ${isoTime(interval.from)}, ${tail}`,
      environment: value.environment,
      file: value.file,
      line: value.line,
      column: value.column,
      evidence: evidenceOf(values, value),
      fix: verdict.allowedAt ? `Wait until ${verdict.allowedAt} and re-run the check, or use the break-glass override for an emergency.` : `Put ${value.value} back into ${value.previous}, let it serve there for ${formatDuration(required2)}, then bring it to ${value.environment}.`
    });
  }
  return findings;
}
function neverInPreviousFindings(values, settings, now, amisOwnedBySoakRules = AMI_VALUES_OWNED_BY_SOAK_RULES) {
  if (!values) return [];
  const findings = [];
  for (const value of reportedValues(values, "DG303", settings, amisOwnedBySoakRules)) {
    const required2 = requiredSoakMs(settings, value.environment);
    if (soakVerdict(value, required2, now).state !== "never") continue;
    const together = value.alsoEntersPrevious ? `; this change brings it into ${value.previous} at the same time` : "";
    findings.push({
      message: `${value.environment} receives ${value.label} (${where(value)}), which ${value.previous} never had on ${values.baseName}${together}.`,
      environment: value.environment,
      file: value.file,
      line: value.line,
      column: value.column,
      evidence: evidenceOf(values, value),
      fix: `Promote ${value.value} to ${value.previous} first in its own pull request, let it serve there for ${formatDuration(required2)}, then bring it to ${value.environment}.`
    });
  }
  return findings;
}
var valueNotSoaked = defineRule({
  id: "DG302",
  name: "value-not-soaked",
  family: "promotion",
  defaultLevel: "error",
  overridable: true,
  modes: ["pr"],
  needs: ["promotableValues"],
  summary: "An environment receives a promotable value that landed in the previous environment less than the soak ago.",
  help: "Promotable values (module refs and registry versions, image ids/tags in SSM parameter values; AMIs when DG101 is off) must serve the previous environment for the soak before the next one gets them. deploy-guard finds when the value landed in the previous environment's Terraform on the base branch's first-parent history, counting from the time the commit entered the branch (the merge time, not when the branch commit was written). Fix: wait until the time the message gives and re-run the check; for an emergency use the break-glass override label.",
  check({ promotableValues }, { settings, now }) {
    return notSoakedFindings(promotableValues, settings, now);
  }
});
var valueNeverInPreviousEnv = defineRule({
  id: "DG303",
  name: "value-never-in-previous-env",
  family: "promotion",
  defaultLevel: "error",
  overridable: true,
  modes: ["pr"],
  needs: ["promotableValues"],
  summary: "An environment receives a promotable value that the previous environment never had.",
  help: "The value (a module ref or registry version, an image id/tag in an SSM parameter value; an AMI when DG102 is off) is in no Terraform of the previous environment anywhere on the base branch's first-parent history: it would reach this environment without ever having run before. Fix: promote it to the previous environment first in its own pull request, let it soak, then bring it here.",
  check({ promotableValues }, { settings, now }) {
    return neverInPreviousFindings(promotableValues, settings, now);
  }
});

// src/rules/promotion/index.ts
var PROMOTION_RULES = [
  floatingAmi,
  stagingAndProdInOneChange,
  valueNotSoaked,
  valueNeverInPreviousEnv,
  appliedButUnmerged,
  appliedBeforeReview,
  unmappedTerraform
];

// src/rules/binaries/imageCheck.ts
var indexes = /* @__PURE__ */ new WeakMap();
function indexOf(inventory) {
  let index = indexes.get(inventory);
  if (!index) {
    const byName = /* @__PURE__ */ new Map();
    const foldersOf = /* @__PURE__ */ new Map();
    for (const path of inventory.executables) {
      const name = basename2(path);
      byName.set(name, [...byName.get(name) ?? [], path]);
      const folders = foldersOf.get(name) ?? /* @__PURE__ */ new Set();
      folders.add(dirname3(path));
      foldersOf.set(name, folders);
    }
    index = {
      executables: new Set(inventory.executables),
      coveredDirs: new Set(inventory.coveredDirs.map(trimSlash)),
      checked: new Set(inventory.checkedPaths),
      byName,
      foldersOf
    };
    indexes.set(inventory, index);
  }
  return index;
}
function basename2(path) {
  return path.slice(path.lastIndexOf("/") + 1);
}
function dirname3(path) {
  return path.slice(0, path.lastIndexOf("/")) || "/";
}
function trimSlash(path) {
  return path.length > 1 && path.endsWith("/") ? path.replace(/\/+$/, "") || "/" : path;
}
function inFolder(folder, name) {
  return folder === "/" ? `/${name}` : `${folder}/${name}`;
}
function providedByDeployment(script, path) {
  return script.provided.some((provided) => {
    const root = trimSlash(provided);
    return path === root || root === "/" || path.startsWith(`${root}/`);
  });
}
function guardedByScript(script, command) {
  const name = basename2(command.program);
  return script.guards.some((guard) => guard.file === command.file && guard.line <= command.line && (guard.program === command.program || basename2(guard.program) === name));
}
function locate(index, name, preferred) {
  const found = index.byName.get(name);
  if (!found?.length) return void 0;
  for (const dir of preferred) {
    const hit = found.find((path) => dirname3(path) === trimSlash(dir));
    if (hit) return hit;
  }
  return [...found].sort()[0];
}
function decidedByScript(script, command) {
  if (command.kind === "relative" || guardedByScript(script, command)) return true;
  return command.kind === "absolute" ? providedByDeployment(script, command.program) : script.providedNames.includes(command.program);
}
function lookUpKey(command) {
  return `${command.kind}\0${command.program}\0${command.searchPath.join("\0")}`;
}
function lookUp(index, inventory, command) {
  const covered = (path) => index.checked.has(path) || index.coveredDirs.has(dirname3(path));
  if (command.kind === "absolute") {
    if (index.executables.has(command.program)) return { state: "found", at: command.program };
    if (!covered(command.program)) return { state: "unknown", dirs: [dirname3(command.program)] };
    const elsewhere2 = inventory.alternatives[command.program] ?? locate(index, basename2(command.program), [...command.searchPath, ...inventory.path]);
    return elsewhere2 && elsewhere2 !== command.program ? { state: "missing", elsewhere: elsewhere2 } : { state: "missing" };
  }
  const holders = index.foldersOf.get(command.program);
  const uncovered = [];
  for (const dir of command.searchPath) {
    if (!dir.startsWith("/")) continue;
    const folder = trimSlash(dir);
    if (holders?.has(folder)) return { state: "found", at: inFolder(folder, command.program) };
    if (!index.coveredDirs.has(folder) && !index.checked.has(inFolder(folder, command.program))) uncovered.push(folder);
  }
  if (uncovered.length > 0) return { state: "unknown", dirs: uncovered };
  const elsewhere = locate(index, command.program, inventory.path);
  return elsewhere ? { state: "not-on-path", elsewhere } : { state: "not-on-path" };
}
function problemOf(script, command, verdict) {
  if (verdict.state === "found") return void 0;
  if (command.kind !== "absolute" && verdict.state === "unknown" && verdict.dirs.some((dir) => providedByDeployment(script, dir))) return void 0;
  return verdict;
}
var memo = /* @__PURE__ */ new WeakMap();
function imageProblems(scripts, inventories) {
  const cached2 = memo.get(scripts)?.get(inventories);
  if (cached2) return cached2;
  const problems = [];
  if (scripts.imageChecks) {
    const lookupIds = /* @__PURE__ */ new Map();
    const ids = scripts.scripts.map(
      (script) => script.commands.map((command) => {
        if (decidedByScript(script, command)) return -1;
        const key = lookUpKey(command);
        let id = lookupIds.get(key);
        if (id === void 0) lookupIds.set(key, id = lookupIds.size);
        return id;
      })
    );
    const answers = /* @__PURE__ */ new Map();
    scripts.scripts.forEach((script, s) => {
      for (const image of script.images) {
        const result = inventories.get(image.image);
        if (!result?.ok) continue;
        const { inventory } = result;
        let known = answers.get(inventory);
        if (!known) answers.set(inventory, known = new Array(lookupIds.size).fill(void 0));
        const index = indexOf(inventory);
        script.commands.forEach((command, i) => {
          const id = ids[s][i];
          if (id < 0) return;
          const verdict = problemOf(script, command, known[id] ??= lookUp(index, inventory, command));
          if (verdict) problems.push({ script, command, image, inventory, verdict });
        });
      }
    });
  }
  const byInventories = memo.get(scripts) ?? /* @__PURE__ */ new WeakMap();
  byInventories.set(inventories, problems);
  memo.set(scripts, byInventories);
  return problems;
}
function imageLabel(image) {
  return `${image.image} (${image.environments.join(", ")}${image.note ? `; ${image.note}` : ""})`;
}
function viaText(command) {
  if (command.via.length === 0) return "";
  if (command.via.includes("#!")) return " (its #! interpreter)";
  if (command.via.includes("cron")) return ` (in a cron line${command.via.length > 1 ? `, via ${command.via.filter((via) => via !== "cron").join(", ")}` : ""})`;
  return ` (via ${command.via.join(", ")})`;
}
function at(command) {
  return `${command.file}:${command.line}`;
}
function scriptEvidence(script) {
  return { source: "script", text: `${script.file}: ${script.runs.join("; ")}` };
}
function inventoryEvidence(inventory, text) {
  return { source: inventory.source, text: `${inventory.from}: ${text}` };
}

// src/rules/binaries/binaryMissingOnImage.ts
var binaryMissingOnImage = defineRule({
  id: "DG201",
  name: "binary-missing-on-image",
  family: "binaries",
  defaultLevel: "error",
  overridable: true,
  modes: ["pr", "audit", "preflight"],
  needs: ["deployScripts", "imageInventories"],
  summary: "A deploy script runs an absolute path that does not exist (or is not executable) on an image it runs on.",
  help: "The outage began here: an image update moved aws from /usr/bin/aws to /usr/local/bin/aws and every deploy script that called /usr/bin/aws failed on new instances. deploy-guard checks each absolute path a deploy script executes against the inventory of every image the script runs on (an image manifest or the SSM probe) and names where the command lives now. Fix: call the tool by name so PATH finds it (`aws \u2026`, or `AWS=$(command -v aws)` once), or use the new path.",
  check({ deployScripts, imageInventories }) {
    return imageProblems(deployScripts, imageInventories).flatMap(({ script, command, image, inventory, verdict }) => {
      if (verdict.state !== "missing") return [];
      const name = basename2(command.program);
      const where2 = verdict.elsewhere ? `; the image has ${name} at ${verdict.elsewhere}` : ", and no other " + name + " is on it";
      const listed = inventory.source === "manifest" ? `${command.program} is not among its ${inventory.executables.length} executables` : `${command.program} is missing or not executable`;
      return [
        {
          message: `${at(command)} runs ${command.program}${viaText(command)}, which does not exist on ${imageLabel(image)}${where2}.`,
          environment: image.environments.at(-1),
          file: command.file,
          line: command.line,
          column: command.column,
          evidence: [inventoryEvidence(inventory, listed), scriptEvidence(script)],
          fix: verdict.elsewhere ? `Call it by name so PATH finds it (\`${name} \u2026\`, or \`${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}=$(command -v ${name})\`), or use ${verdict.elsewhere}.` : `Install ${name} in the image (and regenerate its manifest), or stop calling ${command.program}.`
        }
      ];
    });
  }
});

// src/rules/binaries/commandNotOnPath.ts
var commandNotOnPath = defineRule({
  id: "DG202",
  name: "command-not-on-path",
  family: "binaries",
  defaultLevel: "error",
  overridable: true,
  modes: ["pr", "audit", "preflight"],
  needs: ["deployScripts", "imageInventories"],
  summary: "A deploy script runs a command that no directory of its PATH holds on an image it runs on.",
  help: `A command called by name is looked up in PATH: the run path the scripts start with (scripts.run-path), changed by PATH= assignments in the script and in the files it sources; cron lines use cron's own PATH. If no directory of that PATH holds the command on the image, the call fails with "command not found". Fix: install the tool in the image, or add the directory that holds it to PATH before the call.`,
  check({ deployScripts, imageInventories }) {
    return imageProblems(deployScripts, imageInventories).flatMap(({ script, command, image, inventory, verdict }) => {
      if (verdict.state !== "not-on-path") return [];
      const path = command.searchPath.join(":");
      return [
        {
          message: `${at(command)} runs ${command.program}${viaText(command)}, which is not on the PATH on ${imageLabel(image)} (${path})${verdict.elsewhere ? `; the image has it at ${verdict.elsewhere}, outside that PATH` : ""}.`,
          environment: image.environments.at(-1),
          file: command.file,
          line: command.line,
          column: command.column,
          evidence: [inventoryEvidence(inventory, `no ${command.program} in ${path}`), scriptEvidence(script)],
          fix: verdict.elsewhere ? `Add ${dirname3(verdict.elsewhere)} to PATH before the call, or call ${verdict.elsewhere}.` : `Install ${command.program} in the image, or add the directory that holds it to PATH before the call.`
        }
      ];
    });
  }
});

// src/rules/binaries/scriptMissing.ts
var scriptMissing = defineRule({
  id: "DG203",
  name: "script-missing",
  family: "binaries",
  defaultLevel: "error",
  overridable: true,
  modes: ["pr", "audit", "preflight"],
  needs: ["deployScripts"],
  summary: "A CodeDeploy hook, a file()/templatefile() or a Packer provisioner names a script that is not in the repository.",
  help: "CodeDeploy fails the deployment when a hook's location does not exist in the revision; Terraform fails the plan when file() or templatefile() cannot read its file; Packer fails the build. Appspec locations are relative to the folder of appspec.yml, Terraform paths to the module (path.module). Fix: add the script, or correct the path that names it.",
  // A repository fact: it needs no image configuration.
  check({ deployScripts }) {
    return deployScripts.missing.map((missing) => ({
      message: `${missing.by} names ${missing.reference}, which is not in the repository (looked for ${missing.expected}).`,
      file: missing.file,
      line: missing.line,
      column: missing.column,
      evidence: [{ source: "repository", text: `no file ${missing.expected} at the head revision` }],
      fix: `Add ${missing.expected}, or correct the path in ${missing.file}:${missing.line}.`
    }));
  }
});

// src/rules/binaries/hardcodedToolPath.ts
var MOVING_TOOLS = /* @__PURE__ */ new Set([
  "aws",
  "aws_completer",
  "cfn-init",
  "cfn-signal",
  "cfn-hup",
  "session-manager-plugin",
  "eksctl",
  "aws-iam-authenticator",
  "python",
  "python2",
  "python3",
  "pip",
  "pip2",
  "pip3",
  "pipenv",
  "poetry",
  "ansible",
  "ansible-playbook",
  "node",
  "nodejs",
  "npm",
  "npx",
  "yarn",
  "pnpm",
  "docker",
  "docker-compose",
  "podman",
  "kubectl",
  "helm",
  "kustomize",
  "terraform",
  "packer",
  "vault",
  "consul",
  "nomad",
  "jq",
  "yq",
  "java",
  "mvn",
  "gradle",
  "ruby",
  "gem",
  "bundle",
  "bundler",
  "go",
  "php",
  "composer",
  "dotnet",
  "pwsh",
  "gcloud",
  "az"
]);
var VERSIONED = /^(python|pip|ruby|node|java|php)\d+(\.\d+)*$/;
function movesBetweenImages(name) {
  return MOVING_TOOLS.has(name) || VERSIONED.test(name);
}
var hardcodedToolPath = defineRule({
  id: "DG204",
  name: "hardcoded-tool-path",
  family: "binaries",
  defaultLevel: "warning",
  overridable: true,
  modes: ["pr", "audit", "preflight"],
  needs: ["deployScripts"],
  summary: "A deploy script calls a tool that moves between images (aws, python, node, docker, kubectl, jq, \u2026) by absolute path.",
  help: "Tools such as aws, python/pip, node/npm, docker, kubectl, terraform or jq live in different folders depending on how the image installed them (distribution package, pip, installer, version manager), and an image update can move them: that is how /usr/bin/aws became /usr/local/bin/aws. A script that calls one by absolute path breaks on the next image. Fix: call it by name and let PATH find it, or resolve it once with `command -v` (`#!/usr/bin/env python3` for an interpreter).",
  check({ deployScripts }) {
    const seen = /* @__PURE__ */ new Set();
    return deployScripts.scripts.flatMap(
      (script) => script.commands.flatMap((command) => {
        const name = basename2(command.program);
        if (command.kind !== "absolute" || !movesBetweenImages(name)) return [];
        if (guardedByScript(script, command) || providedByDeployment(script, command.program)) return [];
        const key = `${command.file}:${command.line}:${command.column}:${command.program}`;
        if (seen.has(key)) return [];
        seen.add(key);
        const shebang2 = command.via.includes("#!");
        return [
          {
            message: `${at(command)} calls ${command.program}${viaText(command)} by absolute path; ${name} moves between images (as /usr/bin/aws moved to /usr/local/bin/aws).`,
            file: command.file,
            line: command.line,
            column: command.column,
            evidence: [{ source: "script", text: `${script.file}: ${script.runs.join("; ")}` }],
            fix: shebang2 ? `Use \`#!/usr/bin/env ${name}\`.` : `Call \`${name}\` by name and let PATH find it, or resolve it once: \`${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}=$(command -v ${name})\`.`
          }
        ];
      })
    );
  }
});

// src/rules/binaries/scriptNotAnalysed.ts
var scriptNotAnalysed = defineRule({
  id: "DG205",
  name: "script-not-analysed",
  family: "binaries",
  defaultLevel: "error",
  overridable: false,
  modes: ["pr", "audit", "preflight"],
  needs: ["deployScripts"],
  summary: "A deploy script is too large, binary, not UTF-8, or does not parse: its commands could not be checked.",
  help: "A guard that passes because it could not look is the worst guard: a script that runs on instances and cannot be read completely blocks (error); one that nothing runs on an instance only warns. The finding gives the file and the line of the first parse error. Fix: correct the syntax (`bash -n script.sh` shows it), keep scripts under the 2 MiB cap and in UTF-8, or list files that are not deploy scripts in scripts.exclude.",
  check({ deployScripts }) {
    return deployScripts.unanalysed.map((entry) => {
      const parse2 = /parse error|cloud-init:|appspec:|MIME/.test(entry.reason);
      return {
        message: `${entry.file}${entry.line ? `:${entry.line}` : ""} could not be analysed: ${entry.reason}${entry.onInstance ? `; it runs on instances (${entry.runs[0] ?? "deploy script"}), so its commands are unchecked` : ""}.`,
        // Without image checks only DG204 would have read it: then it cannot hide a block, and warns.
        level: entry.onInstance && deployScripts.imageChecks ? "error" : "warning",
        file: entry.file,
        ...entry.line ? { line: entry.line } : {},
        ...entry.column ? { column: entry.column } : {},
        evidence: entry.runs.map((run2) => ({ source: "script", text: run2 })),
        fix: parse2 ? `Correct the syntax at ${entry.file}${entry.line ? `:${entry.line}` : ""}${entry.file.endsWith(".tf") ? "" : " (`bash -n` shows the error)"}.` : "Keep deploy scripts as UTF-8 text under the 2 MiB cap, inside the workspace; list files that are not deploy scripts in scripts.exclude."
      };
    });
  }
});

// src/rules/binaries/imageInventoryUnavailable.ts
function list(scripts) {
  const files = [...new Set(scripts.map((script) => script.file))];
  return files.length > 5 ? `${files.slice(0, 5).join(", ")} and ${files.length - 5} more` : files.join(", ");
}
var imageInventoryUnavailable = defineRule({
  id: "DG206",
  name: "image-inventory-unavailable",
  family: "binaries",
  defaultLevel: "error",
  overridable: false,
  modes: ["pr", "audit", "preflight"],
  needs: ["deployScripts", "imageInventories", "environmentAmis"],
  summary: "Deploy scripts must be checked against an image, and neither a manifest nor the probe could say what is on it.",
  help: "With images configured, every image a deploy script runs on needs an inventory: a manifest written by the image build (scripts/image-inventory.sh, matched by images.manifests) or the read-only SSM probe on a running staging instance (images.probe: ssm). Without one the scripts were not checked, so the run blocks. Fix: commit the manifest from the image build, enable the probe, pass the directories a script uses to image-inventory.sh, or tell deploy-guard the AMI.",
  check({ deployScripts, imageInventories, environmentAmis }) {
    if (!deployScripts.imageChecks) return [];
    const findings = [];
    const withCommands = deployScripts.scripts.filter((script) => script.commands.length > 0);
    for (const [image, result] of imageInventories) {
      if (result.ok) continue;
      const scripts = withCommands.filter((script) => script.images.some((entry) => entry.image === image));
      if (scripts.length === 0) continue;
      const environments = [...new Set(scripts.flatMap((script) => script.images.filter((entry) => entry.image === image).flatMap((entry) => entry.environments)))];
      const reference = environments.flatMap((env) => environmentAmis.get(env) ?? []).find((ami) => ami.ami === image && ami.file);
      findings.push({
        message: `${result.security ? "Probe refused: " : ""}no inventory for ${image} (${environments.join(", ")}): ${result.reason}. Not checked against it: ${list(scripts)}.`,
        environment: environments.at(-1),
        ...reference?.file ? { file: reference.file, line: reference.line, ...reference.column ? { column: reference.column } : {} } : {},
        evidence: reference ? [{ source: reference.source, text: reference.detail }] : [],
        fix: result.fix
      });
    }
    const unknown = /* @__PURE__ */ new Map();
    for (const script of withCommands) for (const env of script.unknownImages) unknown.set(env, [...unknown.get(env) ?? [], script]);
    for (const [env, scripts] of unknown) {
      findings.push({
        message: `No AMI is known for ${env}: its Terraform names no AMI id, so ${list(scripts)} could not be checked against the image ${env} runs.`,
        environment: env,
        evidence: [],
        fix: `Reference the AMI id in ${env}'s Terraform (or a tfvars file), pass the ami-id input in preflight, or configure environments.${env}.amis so the live AMI can be read.`
      });
    }
    const seen = /* @__PURE__ */ new Set();
    for (const { command, image, inventory, verdict } of imageProblems(deployScripts, imageInventories)) {
      if (verdict.state !== "unknown") continue;
      const key = `${command.file}:${command.line}:${command.column}:${image.image}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({
        message: `${at(command)} runs ${command.program}, but ${inventory.from} does not cover ${verdict.dirs.join(", ")} on ${imageLabel(image)}: whether it is there is unknown.`,
        environment: image.environments.at(-1),
        file: command.file,
        line: command.line,
        column: command.column,
        evidence: [{ source: inventory.source, text: `${inventory.from} lists ${inventory.coveredDirs.length} folder(s): ${inventory.coveredDirs.slice(0, 8).join(", ")}` }],
        fix: `Pass ${verdict.dirs.join(" ")} to scripts/image-inventory.sh in the image build so the manifest lists it, or set images.probe: ssm.`
      });
    }
    return findings;
  }
});

// src/rules/binaries/index.ts
var BINARY_RULES = [binaryMissingOnImage, commandNotOnPath, scriptMissing, hardcodedToolPath, scriptNotAnalysed, imageInventoryUnavailable];

// src/rules/soak/assess.ts
function isoTime2(value) {
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, "Z");
}
function judgeSource(reading, soakCase, now) {
  switch (reading.state) {
    case "failed":
      return { kind: "failed", failures: reading.failures };
    case "not-configured":
      return { kind: "not-configured", text: `${reading.source}: ${reading.summary}`, fix: reading.fix };
    case "unavailable":
      return { kind: "cannot-tell", text: `${reading.source}: ${reading.summary}`, fix: reading.fix };
    case "nothing":
      return { kind: "none" };
    case "shown":
      break;
  }
  const until = soakCase.reachedAt ? Math.min(Date.parse(soakCase.reachedAt.at), now.getTime()) : now.getTime();
  let best;
  let openStart;
  let allowedAt;
  for (const interval of reading.intervals) {
    const from = Date.parse(interval.from);
    if (!(from < until)) continue;
    const end = Math.min(interval.to ? Date.parse(interval.to) : until, until);
    const proven = { source: reading.source, interval, servedMs: Math.max(0, end - from), until: end };
    if (!best || proven.servedMs > best.servedMs) best = proven;
    if (interval.mayStartEarlier) openStart = interval;
    if (!interval.to && !soakCase.reachedAt) allowedAt = Math.min(allowedAt ?? Infinity, from + soakCase.requiredMs);
  }
  if (!best) return { kind: "none" };
  if (best.servedMs >= soakCase.requiredMs) return { kind: "proves", best };
  if (openStart) {
    return {
      kind: "cannot-tell",
      text: `${reading.source}: ${openStart.what}; the history does not reach back to when it started`,
      fix: "Let another listed source prove the soak (the pipeline tag deploy-guard:<env>-since, or git)."
    };
  }
  return { kind: "short", best, ...allowedAt !== void 0 ? { allowedAt } : {} };
}
function failuresOf(verdicts) {
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const verdict of verdicts) {
    if (verdict.kind !== "failed") continue;
    for (const failure2 of verdict.failures) if (!seen.has(failure2.message) && seen.add(failure2.message)) out.push(failure2);
  }
  return out;
}
function assessSoak(soakCase, mode, now) {
  const verdicts = soakCase.readings.map((reading) => judgeSource(reading, soakCase, now));
  const failures = failuresOf(verdicts);
  if (failures.length > 0) return { state: "unknown", failures, gaps: [] };
  const gaps = verdicts.flatMap((verdict) => verdict.kind === "cannot-tell" || verdict.kind === "not-configured" ? [{ text: verdict.text, fix: verdict.fix }] : []);
  const proofs = verdicts.flatMap((verdict) => verdict.kind === "proves" ? [verdict.best] : []);
  const shorts = verdicts.flatMap((verdict) => verdict.kind === "short" ? [verdict] : []);
  const silent = soakCase.readings.filter((_, i) => verdicts[i].kind === "none").map((reading) => reading.source);
  const reachedUnclear = soakCase.reachedAt?.mayBeEarlier ? [{ text: `it went live in ${soakCase.environment} at ${soakCase.reachedAt.at} or earlier (${soakCase.reachedAt.what})`, fix: `Let another source show when it went live in ${soakCase.environment} (launch-template versions, instance launch times, git).` }] : [];
  if (mode === "all") {
    if (gaps.length > 0) return { state: "unknown", failures: [], gaps: gaps.map((gap) => ({ ...gap, fix: `${gap.fix} With evidence-mode: all every listed source must prove the soak; or remove the source from evidence.` })) };
    if (verdicts.length > 0 && proofs.length === verdicts.length) return reachedUnclear.length > 0 ? { state: "unknown", failures: [], gaps: reachedUnclear } : { state: "soaked", proofs };
    if (silent.length > 0) return { state: "never", silent };
    const weakest = shorts.reduce((a, b) => a.best.servedMs <= b.best.servedMs ? a : b);
    const allowed = shorts.every((verdict) => verdict.allowedAt !== void 0) ? Math.max(...shorts.map((verdict) => verdict.allowedAt)) : void 0;
    return { state: "short", best: weakest.best, ...allowed !== void 0 ? { allowedAt: isoTime2(allowed) } : {} };
  }
  if (proofs.length > 0) return reachedUnclear.length > 0 ? { state: "unknown", failures: [], gaps: reachedUnclear } : { state: "soaked", proofs };
  const cannotTell = verdicts.flatMap((verdict) => verdict.kind === "cannot-tell" ? [{ text: verdict.text, fix: verdict.fix }] : []);
  if (cannotTell.length > 0) return { state: "unknown", failures: [], gaps: cannotTell };
  if (shorts.length > 0) {
    const best = shorts.reduce((a, b) => a.best.servedMs >= b.best.servedMs ? a : b);
    const allowed = shorts.flatMap((verdict) => verdict.allowedAt !== void 0 ? [verdict.allowedAt] : []);
    return { state: "short", best: best.best, ...allowed.length > 0 ? { allowedAt: isoTime2(Math.min(...allowed)) } : {} };
  }
  if (verdicts.every((verdict) => verdict.kind === "not-configured")) {
    return { state: "unknown", failures: [], gaps: gaps.length > 0 ? gaps : [{ text: "no evidence source is listed", fix: "List sources under evidence." }] };
  }
  return { state: "never", silent };
}
function readingEvidence(soakCase) {
  return soakCase.readings.map((reading) => ({
    source: reading.source,
    text: `${soakCase.previous}: ${reading.state === "shown" ? "" : `${reading.state === "nothing" ? "nothing" : reading.state}: `}${reading.summary}`
  }));
}

// src/rules/soak/text.ts
function originOf(origin) {
  return {
    ...origin.file ? { file: origin.file } : {},
    ...origin.line ? { line: origin.line } : {},
    ...origin.column ? { column: origin.column } : {}
  };
}
function sourcesText(sources) {
  if (sources.length <= 1) return sources.join("");
  return `${sources.slice(0, -1).join(", ")} and ${sources.at(-1)}`;
}

// src/rules/soak/neverInPrevious.ts
function neverInPreviousFindings2(amiSoak, evidenceMode, now) {
  const findings = [];
  for (const soakCase of amiSoak.cases) {
    if (soakCase.reachedAt) continue;
    const verdict = assessSoak(soakCase, evidenceMode, now);
    if (verdict.state !== "never") continue;
    const { ami, environment: environment2, previous } = soakCase;
    const sources = soakCase.readings.map((reading) => reading.source);
    const looked = evidenceMode === "all" ? `${sourcesText(verdict.silent)} show no sign of it there (evidence-mode: all)` : sources.length === 1 ? `${sourcesText(sources)} shows no sign of it there` : `none of ${sourcesText(sources)} shows it there`;
    findings.push({
      message: `${ami} reaches ${environment2} (${soakCase.origin.detail}) but never served ${previous}: ${looked}.`,
      environment: environment2,
      ...originOf(soakCase.origin),
      evidence: readingEvidence(soakCase),
      fix: `Promote ${ami} to ${previous} first (its own change), let it serve there for ${formatDuration(soakCase.requiredMs)}, then bring it to ${environment2}. If it did serve ${previous}, have the pipeline record it (tag deploy-guard:${previous}-since=<ISO time>) or list where ${previous}'s AMI is read under environments.${previous}.amis.`
    });
  }
  return findings;
}
var amiNeverInPreviousEnv = defineRule({
  id: "DG102",
  name: "ami-never-in-previous-env",
  family: "soak",
  defaultLevel: "error",
  overridable: true,
  modes: ["pr", "preflight"],
  needs: ["amiSoak"],
  summary: "No evidence at all that the AMI served the previous environment.",
  help: "None of the listed evidence sources (SSM parameter history, EC2 instances and launch-template versions, the AMI tag deploy-guard:<env>-since, git) shows the AMI in the previous environment: it would run for the first time in this one. A source that shows nothing is not counter-evidence; a source that could not be read is DG104, not this. Fix: promote the AMI to the previous environment first and let it soak there.",
  check({ amiSoak }, { settings, now }) {
    return neverInPreviousFindings2(amiSoak, settings.evidenceMode, now);
  }
});

// src/rules/soak/notSoaked.ts
function notSoakedFindings2(amiSoak, evidenceMode, now) {
  const findings = [];
  for (const soakCase of amiSoak.cases) {
    if (soakCase.reachedAt) continue;
    const verdict = assessSoak(soakCase, evidenceMode, now);
    if (verdict.state !== "short") continue;
    const { best, allowedAt } = verdict;
    const required2 = formatDuration(soakCase.requiredMs);
    const { ami, environment: environment2, previous } = soakCase;
    const stopped = best.interval.to !== void 0;
    const when = stopped ? `from ${isoTime2(best.interval.from)} to ${isoTime2(best.until)}` : `from ${isoTime2(best.interval.from)} until now (${isoTime2(now)})`;
    const allowed = allowedAt ? `It will be allowed from ${allowedAt}.` : `It no longer serves ${previous}: it must serve ${previous} again for ${required2} before ${environment2}.`;
    findings.push({
      message: `${ami} reaches ${environment2} (${soakCase.origin.detail}) but served ${previous} for only ${formatDuration(best.servedMs)} of the required ${required2}: ${when}, shown by ${best.source} (${best.interval.what}). ${allowed}`,
      environment: environment2,
      ...originOf(soakCase.origin),
      evidence: readingEvidence(soakCase),
      fix: allowedAt ? `Wait until ${allowedAt} and re-run the check; for an emergency (a security patch) use the break-glass override with a deploy-guard-reason.` : `Put ${ami} back into ${previous}, let it serve there for ${required2}, then bring it to ${environment2}.`
    });
  }
  return findings;
}
var amiNotSoaked = defineRule({
  id: "DG101",
  name: "ami-not-soaked",
  family: "soak",
  defaultLevel: "error",
  overridable: true,
  modes: ["pr", "preflight"],
  needs: ["amiSoak"],
  summary: "The AMI reaches an environment but served the previous environment for less than the soak.",
  help: "An AMI may serve environment N only after it served N-1 for at least `soak`. deploy-guard reads when it served N-1 from every listed evidence source \u2014 SSM parameter history, EC2 instances and launch-template versions, the pipeline tag deploy-guard:<env>-since, and git (when the id landed in N-1's Terraform on the base branch) \u2014 and counts the longest stretch that began before it reached N. The message gives when it entered N-1, how long that is, and when it will be allowed. Fix: wait until then and re-run; for an emergency use the break-glass override label.",
  check({ amiSoak }, { settings, now }) {
    return notSoakedFindings2(amiSoak, settings.evidenceMode, now);
  }
});

// src/rules/soak/notUsable.ts
function problemsOf(check, allowedOwners, now) {
  if (check.failed || check.lookups.length === 0) return [];
  const found = check.lookups.flatMap((lookup) => lookup.image ? [lookup.image] : []);
  if (found.length === 0) return [`it does not exist in ${check.lookups.map((lookup) => lookup.region).join(", ")} (not found or deregistered)`];
  const problems = [];
  for (const image of found) {
    const where2 = found.length > 1 || check.lookups.length > 1 ? ` in ${image.region}` : "";
    if (image.state !== "available") problems.push(`its state${where2} is ${image.state}, not available`);
    if (image.deprecated || image.deprecationTime && Date.parse(image.deprecationTime) <= now.getTime()) {
      problems.push(`it is deprecated${where2} since ${image.deprecationTime ? isoTime2(image.deprecationTime) : "an unknown time"}`);
    }
    if (allowedOwners.length > 0 && !allowedOwners.includes(image.ownerId)) {
      problems.push(`it is owned by account ${image.ownerId}${where2}, which is none of the configured accounts (${allowedOwners.join(", ")})`);
    }
  }
  return [...new Set(problems)];
}
function notUsableFindings(amiSoak, now) {
  const findings = [];
  const seen = /* @__PURE__ */ new Set();
  for (const check of amiSoak.health) {
    const key = `${check.environment}\0${check.ami}`;
    if (seen.has(key)) continue;
    const problems = problemsOf(check, amiSoak.allowedOwners, now);
    if (problems.length === 0) continue;
    seen.add(key);
    findings.push({
      message: `${check.ami} (${check.origin.detail}) cannot serve ${check.environment}: ${problems.join("; ")}.`,
      environment: check.environment,
      ...originOf(check.origin),
      evidence: check.lookups.map((lookup) => ({
        source: "ec2",
        text: lookup.image ? `DescribeImages in ${lookup.region}: ${lookup.image.id}${lookup.image.name ? ` "${lookup.image.name}"` : ""}, state ${lookup.image.state}, owner ${lookup.image.ownerId}${lookup.image.deprecationTime ? `, deprecation time ${lookup.image.deprecationTime}` : ""}` : `DescribeImages in ${lookup.region}: no such image`
      })),
      fix: `Use an AMI that exists and is available in ${check.environment}'s regions, is not deprecated, and is owned by an allowed account (build or copy it there); then let it soak again.`
    });
  }
  return findings;
}
var amiNotUsable = defineRule({
  id: "DG103",
  name: "ami-not-usable",
  family: "soak",
  defaultLevel: "error",
  overridable: true,
  modes: ["pr", "audit", "preflight"],
  needs: ["amiSoak"],
  summary: "The AMI is not found, not available, deprecated, or owned by an account that is not allowed.",
  help: "deploy-guard describes every AMI an environment serves or is about to serve (DescribeImages, deprecated and disabled images included) in the regions where it is used. An AMI that does not exist there, is not in state available, is past its deprecation time, or is owned by an account other than the configured aws.account-id values will fail the next launch or is not the image you built. Fix: use an available, current AMI from your own account and let it soak.",
  check({ amiSoak }, { now }) {
    return notUsableFindings(amiSoak, now);
  }
});

// src/rules/soak/evidenceUnavailable.ts
function evidenceUnavailableFindings(amiSoak, evidenceMode, now) {
  const findings = [];
  const failures = /* @__PURE__ */ new Map();
  const add = (failure2, ami) => {
    const entry = failures.get(failure2.message) ?? { failure: failure2, amis: /* @__PURE__ */ new Set() };
    if (ami) entry.amis.add(ami);
    failures.set(failure2.message, entry);
  };
  for (const failure2 of amiSoak.failures) add(failure2);
  const gaps = [];
  for (const soakCase of amiSoak.cases) {
    const verdict = assessSoak(soakCase, evidenceMode, now);
    if (verdict.state !== "unknown") continue;
    for (const failure2 of verdict.failures) add(failure2, `${soakCase.ami} (${soakCase.environment})`);
    if (verdict.gaps.length === 0) continue;
    gaps.push({
      message: `Whether ${soakCase.ami} (${soakCase.origin.detail}) soaked in ${soakCase.previous} before ${soakCase.environment} could not be evaluated: ${verdict.gaps.map((gap) => gap.text).join("; ")}.`,
      environment: soakCase.environment,
      ...originOf(soakCase.origin),
      evidence: readingEvidence(soakCase),
      fix: [...new Set(verdict.gaps.map((gap) => gap.fix))].join(" ")
    });
  }
  for (const { failure: failure2, amis } of failures.values()) {
    const affected = amis.size > 0 ? ` (left unknown: the soak of ${[...amis].slice(0, 10).join(", ")}${amis.size > 10 ? ` and ${amis.size - 10} more` : ""})` : "";
    findings.push({
      message: `${failure2.message.replace(/\.?$/, "")}${affected}.`,
      environment: failure2.environment,
      evidence: [{ source: failure2.api === "git" ? "git" : "aws", text: `${failure2.api}${failure2.region ? ` in ${failure2.region}` : ""}${failure2.account ? `, account ${failure2.account}` : ""}: ${failure2.reason}` }],
      fix: failure2.fix
    });
  }
  return [...findings, ...gaps];
}
var soakEvidenceUnavailable = defineRule({
  id: "DG104",
  levelLocked: true,
  name: "soak-evidence-unavailable",
  family: "soak",
  defaultLevel: "error",
  overridable: false,
  modes: ["pr", "audit", "preflight"],
  needs: ["amiSoak"],
  summary: "Soak evidence could not be read, so whether the AMI soaked is unknown: the run ends in error.",
  help: "No credentials (a fork pull request has none), access denied, throttling past the retry budget, a region that does not answer, credentials for another account than aws.account-id, an SSM history cut off at 100 versions before the AMI, or no listed evidence source configured: deploy-guard could not look, and a guard that passes because it could not look is the worst guard. The message names the API, account and region. Fix what it says (credentials with aws-actions/configure-aws-credentials, the IAM policy from the README, max-attempts, another evidence source) and re-run. Never overridable.",
  check({ amiSoak }, { settings, now }) {
    return evidenceUnavailableFindings(amiSoak, settings.evidenceMode, now);
  }
});

// src/rules/soak/floatingLive.ts
function floatingLiveFindings(amiSoak, settings) {
  return amiSoak.floating.flatMap((source) => {
    const env = source.environment;
    if (!previousEnvironment(settings, env)) return [];
    const previous = previousEnvironment(settings, env);
    const now = source.resolvesTo ? ` (now ${source.resolvesTo})` : "";
    const listKey = `environments.${env}.amis.ssm-parameters`;
    return [
      {
        message: source.kind === "public-parameter" ? `${env}'s ${source.via} takes its AMI from the public SSM parameter ${source.parameter}${now}: AWS moves it to each new image, which then launches in ${env} without soaking in ${previous}.` : `${env}'s ${source.via} takes its AMI from SSM parameter ${source.parameter}${now}, which is not under ${listKey}: nothing checks what it holds before ${env} launches it.`,
        environment: env,
        evidence: [{ source: "ec2", text: `${source.via}: image id resolve:ssm:${source.parameter}${now}` }],
        fix: source.kind === "public-parameter" ? `Point the launch template at the AMI id that soaked in ${previous}, or at a parameter of your own listed under ${listKey} that your pipeline promotes.` : `List ${source.parameter} under ${listKey} so its history is checked, pin a version (resolve:ssm:${source.parameter}:<version>), or use the AMI id.`
      }
    ];
  });
}
var floatingLiveAmi = defineRule({
  id: "DG105",
  name: "floating-ami",
  family: "soak",
  defaultLevel: "error",
  overridable: true,
  modes: ["audit", "preflight"],
  needs: ["amiSoak"],
  summary: "A later environment picks its AMI at apply or launch time from something nobody promotes.",
  help: `data "aws_ami" with most_recent = true, a public "latest" SSM parameter (/aws/service/\u2026) or resolve:ssm: to a parameter that is not one of the environment's amis.ssm-parameters select a new image whenever AWS or someone else publishes one: it reaches prod on the next apply or scale-up without ever having soaked. The audit and the preflight also read the launch templates themselves ($Default and $Latest). Fix: pin the AMI id, or read it from a parameter listed under amis.ssm-parameters that your pipeline promotes after the soak.`,
  check({ amiSoak }, { settings }) {
    return floatingLiveFindings(amiSoak, settings);
  }
});

// src/rules/soak/liveUnsoaked.ts
function liveUnsoakedFindings(amiSoak, evidenceMode, now) {
  const findings = [];
  for (const soakCase of amiSoak.cases) {
    const verdict = assessSoak(soakCase, evidenceMode, now);
    if (verdict.state !== "short" && verdict.state !== "never") continue;
    const { ami, environment: environment2, previous, reachedAt } = soakCase;
    const required2 = formatDuration(soakCase.requiredMs);
    const live = reachedAt ? `went live in ${environment2} at ${isoTime2(reachedAt.at)} (${reachedAt.what})` : `is live in ${environment2} (${soakCase.origin.detail})`;
    const served = verdict.state === "short" ? `after serving ${previous} for only ${formatDuration(verdict.best.servedMs)} of the required ${required2} (from ${isoTime2(verdict.best.interval.from)}, shown by ${verdict.best.source}: ${verdict.best.interval.what})` : `without any evidence that it served ${previous} before`;
    findings.push({
      message: `${ami} ${live} ${served}.`,
      environment: environment2,
      ...originOf(soakCase.origin),
      evidence: [...reachedAt ? [{ source: "live", text: `${environment2}: ${reachedAt.what}` }] : [], ...readingEvidence(soakCase)],
      fix: `Roll ${environment2} back to an AMI that soaked in ${previous}, or confirm ${ami} is sound and record why it skipped the ${required2} soak; make ${environment2}'s AMI change only through a pull request checked by deploy-guard.`
    });
  }
  return findings;
}
var liveAmiUnsoaked = defineRule({
  id: "DG106",
  name: "live-ami-unsoaked",
  family: "soak",
  defaultLevel: "error",
  overridable: true,
  modes: ["audit"],
  needs: ["amiSoak"],
  summary: "The AMI live in an environment went live there before it had soaked in the previous environment.",
  help: "The scheduled audit reads the AMIs each environment serves now (SSM parameters, launch templates $Default/$Latest including resolve:ssm:, running instances by tag, literal ids in Terraform) and when each went live, and checks that it had served the previous environment for the soak before then. It catches AMI changes that never went through a pull request (console edits, pipelines writing parameters, applies outside version control). Fix: roll back to a soaked AMI or record the exception, and route AMI changes through reviewed pull requests.",
  check({ amiSoak }, { settings, now }) {
    return liveUnsoakedFindings(amiSoak, settings.evidenceMode, now);
  }
});

// src/rules/soak/index.ts
var SOAK_RULES = [amiNotSoaked, amiNeverInPreviousEnv, amiNotUsable, soakEvidenceUnavailable, floatingLiveAmi, liveAmiUnsoaked];

// src/rules/index.ts
var RULES = [overrideUsed, overrideRejected, ...PROMOTION_RULES, ...BINARY_RULES, ...SOAK_RULES];
var ENGINE_RULES = [
  {
    id: "DG901",
    name: "internal-error",
    family: "process",
    defaultLevel: "error",
    overridable: false,
    levelLocked: true,
    summary: "deploy-guard itself failed; the run ends in error, never in a pass.",
    help: "Something failed inside deploy-guard or one of its adapters, so part of the check could not run. The run blocks (fail closed). Re-run the job; if it persists, report it with the message and the run log."
  }
];
var ALL_RULE_META = [...RULES, ...ENGINE_RULES].filter(
  (rule, index, all) => all.findIndex((other) => other.id === rule.id) === index
);
function findRule(key) {
  const wanted = key.toLowerCase();
  return ALL_RULE_META.find((rule) => rule.id.toLowerCase() === wanted || rule.name === wanted);
}

// src/engine/evaluate.ts
function asNotEvaluated(error2, what) {
  if (error2 instanceof GitHistoryError || error2 instanceof ConfigurationError) {
    return { what, reason: error2.message, fix: error2.fix ?? "See the message." };
  }
  const fix = error2.fix;
  if (error2 instanceof Error && typeof fix === "string") return { what, reason: error2.message, fix };
  return void 0;
}
function internalError(error2, where2) {
  const message = error2 instanceof Error ? error2.message : String(error2);
  return {
    id: "DG901",
    level: "error",
    message: `${where2} failed: ${message}`,
    evidence: [],
    fix: "Re-run the job; if it fails again, report it with this message and the run log."
  };
}
function enabledRules(rules, context) {
  const enabled = [];
  for (const rule of rules) {
    if (!rule.modes.includes(context.mode)) continue;
    const level2 = effectiveLevel(context.settings, rule.id, rule.defaultLevel);
    if (level2 !== "off") enabled.push({ rule, level: level2 });
  }
  return enabled;
}
async function evaluate2(rules, facts, context) {
  const ruleContext = { settings: context.settings, mode: context.mode, now: context.now };
  const enabled = enabledRules(rules, context);
  const findings = [];
  const notEvaluated = [];
  const seen = /* @__PURE__ */ new Set();
  const results = await Promise.all(
    enabled.map(async ({ rule, level: level2 }) => {
      try {
        const input = await facts.pick(rule.needs);
        const configured = context.settings.ruleLevels.get(rule.id);
        return {
          findings: rule.check(input, ruleContext).map(
            (found) => ({
              id: rule.id,
              // A configured level wins; otherwise the finding's own level, else the rule's default.
              level: configured && configured !== "off" ? configured : found.level ?? level2,
              message: found.message,
              ...found.environment ? { environment: found.environment } : {},
              ...found.file ? { file: found.file } : {},
              ...found.line ? { line: found.line } : {},
              ...found.column ? { column: found.column } : {},
              evidence: found.evidence ?? [],
              ...found.fix ? { fix: found.fix } : {}
            })
          )
        };
      } catch (error2) {
        const what = `${rule.id} ${rule.name}`;
        const missing = asNotEvaluated(error2, what);
        return missing ? { notEvaluated: missing } : { findings: [internalError(error2, what)] };
      }
    })
  );
  for (const result of results) {
    if ("notEvaluated" in result && result.notEvaluated) {
      const existing = notEvaluated.find((entry) => entry.reason === result.notEvaluated.reason);
      if (existing) existing.what += `, ${result.notEvaluated.what}`;
      else notEvaluated.push({ ...result.notEvaluated });
    }
    for (const finding of result.findings ?? []) {
      const key = JSON.stringify([finding.id, finding.file, finding.line, finding.column, finding.environment, finding.message]);
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(finding);
    }
  }
  return { findings, notEvaluated, ran: enabled };
}

// src/engine/run.ts
var RUN_TIME_BUDGET_MS = 10 * 6e4;
var RunBudgetExceeded = class extends Error {
  name = "RunBudgetExceeded";
  fix = "Re-run the job; if it recurs, the run log shows which source (AWS region, GitHub API, git fetch) was slow.";
  constructor(budgetMs) {
    super(`The run-time budget of ${formatDuration(budgetMs)} ran out before this was evaluated.`);
  }
};
function startDeadline(budgetMs) {
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new RunBudgetExceeded(budgetMs)), budgetMs);
    timer.unref?.();
  });
  expired.catch(() => void 0);
  return { race: (pending) => Promise.race([pending, expired]), stop: () => clearTimeout(timer) };
}
async function preflightOf(facts, context, blocked) {
  const { settings } = context;
  let environment2 = settings.inputs.environment ?? settings.promotion.at(-1) ?? "";
  let amiId = settings.inputs.amiId;
  try {
    const target = (await facts.get("liveAmis")).preflight;
    if (target) {
      environment2 = target.environment;
      amiId = [...new Set(target.candidates.map((candidate) => candidate.ami))].join(",") || void 0;
    }
  } catch {
  }
  return { environment: environment2, ...amiId ? { amiId } : {}, go: !blocked };
}
async function relevanceOf(facts, context) {
  if (context.mode !== "pr") return void 0;
  void facts.get("repoFiles").catch(() => void 0);
  const changes = await facts.get("changes");
  const touches = (relevant) => changes.files.some((file) => pathsOf(file).some(relevant));
  if (touches(deployRelevance(context.settings))) return void 0;
  if (touches(deployRelevance(context.settings, await facts.get("repoFiles")))) return void 0;
  return `No deploy-relevant changes: ${changes.files.length} changed file(s), none of them Terraform, deploy scripts or CodeDeploy revisions, image manifests or deploy-guard configuration.`;
}
async function runChecks(context, options = {}) {
  const started = Date.now();
  const rules = options.rules ?? RULES;
  const deadline = startDeadline(options.timeBudgetMs ?? RUN_TIME_BUDGET_MS);
  const store = new FactStore(context, options.gatherers);
  const facts = { get: (key) => deadline.race(store.get(key)), pick: (keys) => deadline.race(store.pick(keys)) };
  let evaluation = { findings: [], notEvaluated: [], ran: [] };
  let override = { state: "none" };
  let nothingRelevant;
  const notEvaluated = [];
  const extra = [];
  try {
    nothingRelevant = await relevanceOf(facts, context);
    if (!nothingRelevant) {
      evaluation = await evaluate2(rules, facts, context);
      if (context.mode === "pr" && evaluation.ran.some(({ rule }) => rule.needs.includes("override"))) {
        override = assessOverride(await facts.get("override"), context.settings);
      }
    }
  } catch (error2) {
    const missing = asNotEvaluated(error2, "the PR check (changed files)");
    if (missing) notEvaluated.push(missing);
    else extra.push(internalError(error2, "deploy-guard"));
  }
  const overridable = new Set(rules.filter((rule) => rule.overridable).map((rule) => rule.id));
  const { outcome, findings } = decideOutcome({
    findings: [...evaluation.findings, ...extra],
    notEvaluated: [...notEvaluated, ...evaluation.notEvaluated],
    override,
    overridable,
    ...nothingRelevant ? { nothingRelevant } : {}
  });
  const ranIds = new Set(evaluation.ran.map(({ rule }) => rule.id));
  const levels = new Map(evaluation.ran.map(({ rule, level: level2 }) => [rule.id, level2]));
  const reportedIds = new Set(findings.map((finding) => finding.id));
  let changes;
  try {
    changes = context.mode === "pr" ? await facts.get("changes") : void 0;
  } catch {
    changes = void 0;
  }
  const preflight = context.mode === "preflight" ? await preflightOf(facts, context, outcome.blocked) : void 0;
  deadline.stop();
  const repository = context.event.repository ? `${context.event.repository.owner}/${context.event.repository.repo}` : void 0;
  return {
    tool: { name: "deploy-guard", version: context.version },
    mode: context.mode,
    ...repository ? { repository } : {},
    ...changes ? { base: changes.base, head: changes.head } : {},
    startedAt: context.now.toISOString(),
    durationMs: Date.now() - started,
    outcome,
    findings,
    notEvaluated: [...notEvaluated, ...evaluation.notEvaluated],
    rules: ALL_RULE_META.filter((rule) => ranIds.has(rule.id) || reportedIds.has(rule.id)).map((rule) => ({
      id: rule.id,
      name: rule.name,
      family: rule.family,
      level: levels.get(rule.id) ?? rule.defaultLevel,
      summary: rule.summary,
      help: rule.help
    })),
    notes: [...nothingRelevant ? [nothingRelevant] : [], ...context.journal.notes],
    evidence: context.journal.evidence,
    ...preflight ? { preflight } : {}
  };
}
function unevaluatedReport(mode, error2, now, version2) {
  const notEvaluated = [{ what: "every check (configuration)", reason: error2.message, fix: error2.fix ?? "Correct the configuration." }];
  const { outcome, findings } = decideOutcome({ findings: [], notEvaluated, override: { state: "none" }, overridable: /* @__PURE__ */ new Set() });
  return {
    tool: { name: "deploy-guard", version: version2 },
    mode,
    startedAt: now.toISOString(),
    durationMs: 0,
    outcome,
    findings,
    notEvaluated,
    rules: [],
    notes: [],
    evidence: []
  };
}

// src/facts/context.ts
var NOTE_TOPICS = ["scripts", "promotion", "soak", "live-amis"];
var Journal = class {
  byTopic = /* @__PURE__ */ new Map();
  written = /* @__PURE__ */ new Set();
  evidence = [];
  /**
   * The notes, topic by topic in a fixed order, each topic's in the order they were written. Facts run
   * concurrently and finish in an order that depends on timing (and on the number of threads): the report
   * must not.
   */
  get notes() {
    return NOTE_TOPICS.flatMap((topic) => this.byTopic.get(topic) ?? []);
  }
  note(topic, text) {
    if (this.written.has(text)) return;
    this.written.add(text);
    const notes = this.byTopic.get(topic) ?? [];
    notes.push(text);
    this.byTopic.set(topic, notes);
  }
  record(evidence) {
    this.evidence.push(evidence);
  }
};

// src/model.ts
function assertNever(value, what = "value") {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}

// src/report/findings.ts
var FAMILIES = [
  { key: "soak", title: "AMI soak (DG1xx)" },
  { key: "binaries", title: "Deploy-script binaries (DG2xx)" },
  { key: "promotion", title: "Terraform promotion (DG3xx)" },
  { key: "process", title: "Process (DG4xx, DG9xx)" },
  { key: "other", title: "Other" }
];
var KNOWN_FAMILIES = new Set(FAMILIES.map((family) => family.key));
function rulesById(rules) {
  const byId = /* @__PURE__ */ new Map();
  for (const rule of rules) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  return byId;
}
function ruleName(id, rules) {
  return rules.get(id)?.name ?? id;
}
function ruleTitle(id, rules) {
  const name = ruleName(id, rules);
  return name === id ? id : `${id} ${name}`;
}
function familyOf(id, rules) {
  const declared = rules.get(id)?.family;
  if (declared !== void 0 && KNOWN_FAMILIES.has(declared)) return declared;
  const digit = /^DG(\d)\d\d$/.exec(id)?.[1];
  switch (digit) {
    case "1":
      return "soak";
    case "2":
      return "binaries";
    case "3":
      return "promotion";
    case "4":
    case "9":
      return "process";
    default:
      return "other";
  }
}
function levelRank(level2) {
  switch (level2) {
    case "error":
      return 0;
    case "warning":
      return 1;
    case "notice":
      return 2;
    default:
      return assertNever(level2, "level");
  }
}
function severityRank(finding) {
  return levelRank(finding.level) + (finding.overridden === true ? 3 : 0);
}
function compareText(a, b) {
  if (a === b) return 0;
  if (a === void 0) return 1;
  if (b === void 0) return -1;
  return a < b ? -1 : 1;
}
function compareFindings(a, b) {
  return severityRank(a) - severityRank(b) || compareText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || compareText(a.id, b.id);
}
function sortFindings(findings) {
  return [...findings].sort(compareFindings);
}
function verdictLabel(result) {
  switch (result) {
    case "pass":
      return "PASS";
    case "warn":
      return "WARN";
    case "fail":
      return "FAIL";
    case "error":
      return "ERROR \u2014 could not evaluate";
    case "overridden":
      return "OVERRIDDEN";
    default:
      return assertNever(result, "result");
  }
}
function locationOf(finding, withColumn) {
  if (finding.file === void 0) return void 0;
  if (finding.line === void 0) return finding.file;
  if (withColumn && finding.column !== void 0) return `${finding.file}:${finding.line}:${finding.column}`;
  return `${finding.file}:${finding.line}`;
}
function plural2(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
function formatDuration2(ms) {
  if (!Number.isFinite(ms) || ms < 0) return "unknown duration";
  if (ms < 1e3) return `${Math.round(ms)} ms`;
  if (ms < 6e4) return `${(ms / 1e3).toFixed(1)} s`;
  const seconds = Math.round(ms / 1e3);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

// src/report/json.ts
var JSON_REPORT_SCHEMA_VERSION = 1;
var evidenceList = (items) => items.map(({ source, text }) => ({ source, text }));
function toJsonReport(report) {
  const rules = rulesById(report.rules);
  const { outcome } = report;
  return {
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    tool: { name: report.tool.name, version: report.tool.version },
    mode: report.mode,
    repository: report.repository ?? null,
    base: report.base ?? null,
    head: report.head ?? null,
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    result: outcome.result,
    blocked: outcome.blocked,
    errors: outcome.errors,
    warnings: outcome.warnings,
    notices: outcome.notices,
    headline: outcome.headline,
    override: outcome.override === void 0 ? null : {
      actor: outcome.override.actor,
      at: outcome.override.at,
      reason: outcome.override.reason,
      label: outcome.override.label,
      findings: [...outcome.override.findings]
    },
    findings: report.findings.map((finding) => ({
      id: finding.id,
      name: ruleName(finding.id, rules),
      level: finding.level,
      message: finding.message,
      file: finding.file ?? null,
      line: finding.line ?? null,
      column: finding.column ?? null,
      environment: finding.environment ?? null,
      evidence: evidenceList(finding.evidence),
      fix: finding.fix ?? null,
      overridden: finding.overridden === true
    })),
    notEvaluated: report.notEvaluated.map(({ what, reason, fix }) => ({ what, reason, fix })),
    notes: [...report.notes],
    evidence: evidenceList(report.evidence),
    preflight: report.preflight === void 0 ? null : { environment: report.preflight.environment, amiId: report.preflight.amiId ?? null, go: report.preflight.go }
  };
}

// src/setup.ts
import { readFile } from "node:fs/promises";

// src/config/load.ts
var import_yaml3 = __toESM(require_dist(), 1);

// node_modules/zod/v4/core/util.js
function getEnumValues(entries) {
  const numericValues = Object.values(entries).filter((v) => typeof v === "number");
  const values = Object.entries(entries).filter(([k, _]) => numericValues.indexOf(+k) === -1).map(([_, v]) => v);
  return values;
}
function joinValues(array2, separator = "|") {
  return array2.map((val) => stringifyPrimitive(val)).join(separator);
}
function jsonStringifyReplacer(_, value) {
  if (typeof value === "bigint")
    return value.toString();
  return value;
}
var Cached = class {
  constructor(getter) {
    this._getter = getter;
    this._value = void 0;
  }
  get value() {
    const getter = this._getter;
    if (getter !== void 0) {
      this._value = getter();
      this._getter = void 0;
    }
    return this._value;
  }
};
function cached(getter) {
  return new Cached(getter);
}
function nullish(input) {
  return input === null || input === void 0;
}
function cleanRegex(source) {
  const start = source.startsWith("^") ? 1 : 0;
  const end = source.endsWith("$") ? source.length - 1 : source.length;
  return source.slice(start, end);
}
function assignProp(target, prop, value) {
  Object.defineProperty(target, prop, {
    value,
    writable: true,
    enumerable: true,
    configurable: true
  });
}
var captureStackTrace = "captureStackTrace" in Error ? Error.captureStackTrace : (..._args) => {
};
function isObject(data) {
  return typeof data === "object" && data !== null && !Array.isArray(data);
}
function isPlainObject(o) {
  if (isObject(o) === false)
    return false;
  const ctor = o.constructor;
  if (ctor === void 0)
    return true;
  if (typeof ctor !== "function")
    return true;
  const prot = ctor.prototype;
  if (isObject(prot) === false)
    return false;
  if (Object.prototype.hasOwnProperty.call(prot, "isPrototypeOf") === false) {
    return false;
  }
  return true;
}
var propertyKeyTypes = /* @__PURE__ */ new Set(["string", "number", "symbol"]);
function escapeRegex(str) {
  return str.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function clone(inst, def, params) {
  const cl = new inst._zod.constr(def ?? inst._zod.def);
  if (!def || params?.parent)
    cl._zod.parent = inst;
  return cl;
}
function normalizeParams(_params) {
  const params = _params;
  if (!params)
    return {};
  if (typeof params === "string")
    return { error: () => params };
  if (params?.message !== void 0) {
    if (params?.error !== void 0)
      throw new Error("Cannot specify both `message` and `error` params");
    params.error = params.message;
  }
  delete params.message;
  if (typeof params.error === "string")
    return { ...params, error: () => params.error };
  return params;
}
function stringifyPrimitive(value) {
  if (typeof value === "bigint")
    return value.toString() + "n";
  if (typeof value === "string")
    return `"${value}"`;
  return `${value}`;
}
function optionalKeys(shape) {
  return Object.keys(shape).filter((k) => {
    return shape[k]._zod.optin !== void 0 && shape[k]._zod.optout === "optional";
  });
}
function aborted(x, startIndex = 0) {
  if (x.aborted === true)
    return true;
  for (let i = startIndex; i < x.issues.length; i++) {
    if (x.issues[i]?.continue !== true) {
      return true;
    }
  }
  return false;
}
function explicitlyAborted(x, startIndex = 0) {
  if (x.aborted === true)
    return true;
  for (let i = startIndex; i < x.issues.length; i++) {
    if (x.issues[i]?.continue === false) {
      return true;
    }
  }
  return false;
}
function prefixIssues(path, issues) {
  return issues.map((iss) => {
    var _a3;
    (_a3 = iss).path ?? (_a3.path = []);
    iss.path.unshift(path);
    return iss;
  });
}
function unwrapMessage(message) {
  return typeof message === "string" ? message : message?.message;
}
function sizeCaps(defChecks) {
  const caps = [];
  for (const ch of defChecks ?? []) {
    const d = ch._zod.def;
    if (!/_(length|size)$|_equals$/.test(d.check))
      break;
    const max = d.maximum ?? d.length ?? d.size;
    if (max >= 0)
      caps.push([max, ch]);
  }
  return caps;
}
function attachSchema(issues, start, inst) {
  var _a3;
  for (let i = start; i < issues.length; i++) {
    (_a3 = issues[i]).schema ?? (_a3.schema = inst);
  }
}
function finalizeIssue(iss, ctx, config2) {
  var _a3;
  const traits = iss.inst?._zod?.traits;
  if (traits?.has("$ZodType")) {
    if (traits.has("$ZodCheck"))
      (_a3 = iss).schema ?? (_a3.schema = iss.inst);
    else
      iss.schema = iss.inst;
  }
  const schemaError = iss.schema !== iss.inst ? iss.schema?._zod.def?.error : void 0;
  const message = iss.message ? iss.message : unwrapMessage(iss.inst?._zod.def?.error?.(iss)) ?? unwrapMessage(schemaError?.(iss)) ?? unwrapMessage(ctx?.error?.(iss)) ?? unwrapMessage(config2.customError?.(iss)) ?? unwrapMessage(config2.localeError?.(iss)) ?? "Invalid input";
  const full = {};
  for (const k of Object.keys(iss)) {
    if (k === "inst" || k === "schema" || k === "continue" || k === "input" || k === "__proto__")
      continue;
    full[k] = iss[k];
  }
  full.path ?? (full.path = []);
  full.message = message;
  if (ctx?.reportInput) {
    full.input = iss.input;
  }
  return full;
}
var highSurrogate = /[\uD800-\uDBFF]/;
function codePointLength(str) {
  const units = str.length;
  if (!highSurrogate.test(str))
    return units;
  let count = units;
  for (let i = 0; i < units - 1; i++) {
    if ((str.charCodeAt(i) & 64512) === 55296 && (str.charCodeAt(i + 1) & 64512) === 56320) {
      count--;
      i++;
    }
  }
  return count;
}
function getLengthableOrigin(input) {
  if (Array.isArray(input))
    return "array";
  if (typeof input === "string")
    return "string";
  return "unknown";
}
function parsedType(data) {
  const t = typeof data;
  switch (t) {
    case "number": {
      return Number.isNaN(data) ? "nan" : "number";
    }
    case "object": {
      if (data === null) {
        return "null";
      }
      if (Array.isArray(data)) {
        return "array";
      }
      const obj = data;
      if (obj && Object.getPrototypeOf(obj) !== Object.prototype && "constructor" in obj && obj.constructor) {
        return obj.constructor.name;
      }
    }
  }
  return t;
}
function issue(...args) {
  const [iss, input, inst] = args;
  if (typeof iss === "string") {
    return {
      message: iss,
      code: "custom",
      input,
      inst
    };
  }
  return { ...iss };
}
function members(proto, table) {
  for (const key in table) {
    const desc = Object.getOwnPropertyDescriptor(table, key);
    if (desc.get)
      Object.defineProperty(proto, key, { ...desc, enumerable: false });
    else
      defineBound(proto, key, desc.value);
  }
}
function own(inst, key, value, enumerable = true) {
  Object.defineProperty(inst, key, { configurable: true, writable: true, enumerable, value });
  return value;
}
function hide(inst, key, value) {
  return own(inst, key, value, false);
}
function defineBound(proto, key, fn) {
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      return this == null ? fn : own(this, key, fn.bind(this));
    },
    set(value) {
      own(this, key, value);
    }
  });
}
function claim(inst, sentinel) {
  const proto = Object.getPrototypeOf(inst);
  return sentinel in proto ? void 0 : proto;
}
var installing;
var broke = false;
var breaker = {
  configurable: true,
  get() {
    broke = true;
    return void 0;
  }
};
function defineLazyInternal(inst, key, compute) {
  const proto = Object.getPrototypeOf(inst._zod);
  if (key in proto && installing !== inst._zod) {
    installing = void 0;
    return;
  }
  installing = inst._zod;
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      Object.defineProperty(this, key, breaker);
      const outer = broke;
      broke = false;
      try {
        const value = compute(this);
        if (broke)
          delete this[key];
        else
          Object.defineProperty(this, key, { configurable: true, writable: true, value });
        broke = broke || outer;
        return value;
      } catch (err) {
        delete this[key];
        broke = broke || outer;
        throw err;
      }
    },
    set(value) {
      Object.defineProperty(this, key, { configurable: true, writable: true, value });
    }
  });
}
function installLazyProp(inst, key, make, enumerable) {
  const proto = claim(inst, key);
  if (!proto)
    return;
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      const desc = { configurable: true, writable: true, enumerable, value: void 0 };
      Object.defineProperty(this, key, desc);
      desc.value = make(this);
      Object.defineProperty(this, key, desc);
      return desc.value;
    },
    set(value) {
      Object.defineProperty(this, key, { configurable: true, writable: true, enumerable, value });
    }
  });
}

// node_modules/zod/v4/core/core.js
var _a;
var _zodDesc = { value: void 0, enumerable: false };
var _E = "captureStackTrace" in Error ? Error : null;
function newError(Definition) {
  const E = _E;
  if (E) {
    const saved = E.stackTraceLimit;
    if (typeof saved === "number") {
      try {
        E.stackTraceLimit = 0;
      } catch {
        _E = null;
        return new Definition();
      }
      try {
        return new Definition();
      } finally {
        E.stackTraceLimit = saved;
      }
    }
  }
  return new Definition();
}
// @__NO_SIDE_EFFECTS__
function $constructor(name, initializer2, proto, params) {
  const zodProto = {};
  function Internals(def) {
    this.def = def;
    this.constr = _;
    this.traits = /* @__PURE__ */ new Set();
  }
  Internals.prototype = zodProto;
  const protoMembers = proto;
  const initialized = protoMembers && /* @__PURE__ */ new WeakSet();
  function init(inst, def) {
    if (!inst._zod) {
      _zodDesc.value = new Internals(def);
      try {
        Object.defineProperty(inst, "_zod", _zodDesc);
      } finally {
        _zodDesc.value = void 0;
      }
    } else if (inst._zod.traits.has(name)) {
      return;
    }
    inst._zod.traits.add(name);
    initializer2(inst, def);
    if (initialized) {
      const own2 = Object.getPrototypeOf(inst);
      const ctorProto = inst._zod.constr.prototype;
      let up = own2;
      while (up && up !== ctorProto)
        up = Object.getPrototypeOf(up);
      const target = up ?? own2;
      if (!initialized.has(target)) {
        initialized.add(target);
        members(target, protoMembers);
      }
    }
    const proto2 = _.prototype;
    for (const k in proto2) {
      if (!Object.prototype.hasOwnProperty.call(proto2, k))
        continue;
      if (!(k in inst)) {
        inst[k] = proto2[k].bind(inst);
      }
    }
  }
  const Parent = params?.Parent ?? Object;
  class Definition extends Parent {
  }
  Object.defineProperty(Definition, "name", { value: name });
  function _(def) {
    const inst = params?.Parent ? newError(Definition) : this;
    init(inst, def);
    const deferred = inst._zod.deferred;
    if (deferred) {
      for (const fn of deferred) {
        fn();
      }
      inst._zod.deferred = void 0;
    }
    const pp = globalThis.__zod_globalConfig?.postProcessor;
    if (pp)
      pp(inst);
    return inst;
  }
  Object.defineProperty(_, "init", { value: init });
  Object.defineProperty(_, Symbol.hasInstance, {
    value: (inst) => {
      if (params?.Parent && inst instanceof params.Parent)
        return true;
      return inst?._zod?.traits?.has(name);
    }
  });
  Object.defineProperty(_, "name", { value: name });
  return _;
}
var $ZodAsyncError = class extends Error {
  constructor() {
    super(`Encountered Promise during synchronous parse. Use .parseAsync() instead.`);
  }
};
(_a = globalThis).__zod_globalConfig ?? (_a.__zod_globalConfig = {});
var globalConfig = globalThis.__zod_globalConfig;
function config(newConfig) {
  if (newConfig)
    Object.assign(globalConfig, newConfig);
  return globalConfig;
}

// node_modules/zod/v4/core/errors.js
function _getMessage() {
  const internals = this._zod;
  internals.message ?? (internals.message = JSON.stringify(internals.def, jsonStringifyReplacer, 2));
  return internals.message;
}
function _setMessage(value) {
  this._zod.message = value;
}
var _messageDesc = {
  get: _getMessage,
  set: _setMessage,
  enumerable: true,
  configurable: true
};
var _issuesDesc = { value: void 0, enumerable: false };
var _installedToString = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
var initializer = (inst, def) => {
  inst.name = "$ZodError";
  _issuesDesc.value = def;
  Object.defineProperty(inst, "issues", _issuesDesc);
  _issuesDesc.value = void 0;
  Object.defineProperty(inst, "message", _messageDesc);
  const proto = Object.getPrototypeOf(inst);
  if (!_installedToString.has(proto)) {
    _installedToString.add(proto);
    Object.defineProperty(proto, "toString", {
      configurable: true,
      enumerable: false,
      get() {
        const value = () => this.message;
        Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
        return value;
      },
      set(value) {
        Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
      }
    });
  }
};
var $ZodError = $constructor("$ZodError", initializer);
var $ZodRealError = $constructor("$ZodError", initializer, void 0, {
  Parent: Error
});

// node_modules/zod/v4/core/parse.js
var _parse = (_Err) => {
  const fn = (schema, value, _ctx, _params) => {
    const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
    const result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise) {
      throw new $ZodAsyncError();
    }
    if (result.issues.length) {
      const e = new (_params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
      captureStackTrace(e, _params?.callee ?? fn);
      throw e;
    }
    return result.value;
  };
  return fn;
};
var parse = /* @__PURE__ */ _parse($ZodRealError);
var _parseAsync = (_Err) => {
  const fn = async (schema, value, _ctx, params) => {
    const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
      result = await result;
    if (result.issues.length) {
      const e = new (params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
      captureStackTrace(e, params?.callee ?? fn);
      throw e;
    }
    return result.value;
  };
  return fn;
};
var parseAsync = /* @__PURE__ */ _parseAsync($ZodRealError);
var _safeParse = (_Err) => (schema, value, _ctx) => {
  const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
  const result = schema._zod.run({ value, issues: [] }, ctx);
  if (result instanceof Promise) {
    throw new $ZodAsyncError();
  }
  return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
var safeParse = /* @__PURE__ */ _safeParse($ZodRealError);
function failure(Err, issues, ctx) {
  let error2;
  return {
    success: false,
    get error() {
      if (!error2) {
        error2 = new Err(issues.map((iss) => finalizeIssue(iss, ctx, config())));
        issues = void 0;
        ctx = void 0;
      }
      return error2;
    },
    set error(e) {
      error2 = e;
      issues = void 0;
      ctx = void 0;
    }
  };
}
var _safeParseAsync = (_Err) => async (schema, value, _ctx) => {
  const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
  let result = schema._zod.run({ value, issues: [] }, ctx);
  if (result instanceof Promise)
    result = await result;
  return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
var safeParseAsync = /* @__PURE__ */ _safeParseAsync($ZodRealError);

// node_modules/zod/v4/core/regexes.js
var anyString = /^[\s\S]{0,}$/;
var number = /^-?\d+(?:\.\d+)?$/;

// node_modules/zod/v4/core/checks.js
var $ZodCheck = /* @__PURE__ */ $constructor("$ZodCheck", (inst, def) => {
  var _a3;
  inst._zod ?? (inst._zod = {});
  inst._zod.def = def;
  (_a3 = inst._zod).onattach ?? (_a3.onattach = []);
});
var _whenHasLength = (payload) => {
  const val = payload.value;
  return !nullish(val) && val.length !== void 0;
};
var $ZodCheckMinLength = /* @__PURE__ */ $constructor("$ZodCheckMinLength", (inst, def) => {
  var _a3;
  $ZodCheck.init(inst, def);
  (_a3 = inst._zod.def).when ?? (_a3.when = _whenHasLength);
  inst._zod.check = (payload) => {
    const input = payload.value;
    const units = input.length;
    const length = typeof input === "string" && units >= def.minimum && units < def.minimum * 2 ? codePointLength(input) : units;
    if (length >= def.minimum)
      return;
    const origin = getLengthableOrigin(input);
    payload.issues.push({
      origin,
      code: "too_small",
      minimum: def.minimum,
      inclusive: true,
      input,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckStringFormat = /* @__PURE__ */ $constructor("$ZodCheckStringFormat", (inst, def) => {
  var _a3, _b;
  $ZodCheck.init(inst, def);
  if (def.pattern)
    (_a3 = inst._zod).check ?? (_a3.check = (payload) => {
      def.pattern.lastIndex = 0;
      if (def.pattern.test(payload.value))
        return;
      payload.issues.push({
        origin: "string",
        code: "invalid_format",
        format: def.format,
        input: payload.value,
        ...def.pattern ? { pattern: def.pattern.toString() } : {},
        inst,
        continue: !def.abort
      });
    });
  else
    (_b = inst._zod).check ?? (_b.check = () => {
    });
});
var $ZodCheckRegex = /* @__PURE__ */ $constructor("$ZodCheckRegex", (inst, def) => {
  $ZodCheckStringFormat.init(inst, def);
  inst._zod.check = (payload) => {
    def.pattern.lastIndex = 0;
    if (def.pattern.test(payload.value))
      return;
    payload.issues.push({
      origin: "string",
      code: "invalid_format",
      format: "regex",
      input: payload.value,
      pattern: def.pattern.toString(),
      inst,
      continue: !def.abort
    });
  };
});

// node_modules/zod/v4/core/versions.js
var version = {
  major: 4,
  minor: 6,
  patch: 7
};

// node_modules/zod/v4/core/schemas.js
var $ZodType = /* @__PURE__ */ $constructor("$ZodType", (inst, def) => {
  var _a3;
  inst ?? (inst = {});
  inst._zod.def = def;
  inst._zod.bag = inst._zod.bag || {};
  inst._zod.version = version;
  const defChecks = inst._zod.def.checks;
  const checks = inst._zod.traits.has("$ZodCheck") ? [inst, ...defChecks ?? []] : defChecks?.length ? [...defChecks] : [];
  for (const ch of checks) {
    for (const fn of ch._zod.onattach) {
      fn(inst);
    }
  }
  if (checks.length === 0) {
    (_a3 = inst._zod).deferred ?? (_a3.deferred = []);
    inst._zod.deferred?.push(() => {
      inst._zod.run = inst._zod.parse;
    });
  } else {
    const runChecks2 = (payload, checks2, ctx) => {
      if (payload.memo)
        return payload;
      let isAborted = aborted(payload);
      let asyncResult;
      for (const ch of checks2) {
        if (ch._zod.def.when) {
          if (explicitlyAborted(payload))
            continue;
          const shouldRun = ch._zod.def.when(payload);
          if (!shouldRun)
            continue;
        } else if (isAborted) {
          continue;
        }
        const currLen = payload.issues.length;
        const _ = ch._zod.check(payload);
        if (_ instanceof Promise && ctx?.async === false) {
          throw new $ZodAsyncError();
        }
        if (asyncResult || _ instanceof Promise) {
          asyncResult = (asyncResult ?? Promise.resolve()).then(async () => {
            await _;
            const nextLen = payload.issues.length;
            if (nextLen === currLen)
              return;
            attachSchema(payload.issues, currLen, inst);
            if (!isAborted)
              isAborted = aborted(payload, currLen);
          });
        } else {
          const nextLen = payload.issues.length;
          if (nextLen === currLen)
            continue;
          attachSchema(payload.issues, currLen, inst);
          if (!isAborted)
            isAborted = aborted(payload, currLen);
        }
      }
      if (asyncResult) {
        return asyncResult.then(() => {
          return payload;
        });
      }
      return payload;
    };
    const handleCanaryResult = (canary, payload, ctx) => {
      if (aborted(canary)) {
        canary.aborted = true;
        return canary;
      }
      const checkResult = runChecks2(payload, checks, ctx);
      if (checkResult instanceof Promise) {
        if (ctx.async === false)
          throw new $ZodAsyncError();
        return checkResult.then((checkResult2) => inst._zod.parse(checkResult2, ctx));
      }
      return inst._zod.parse(checkResult, ctx);
    };
    inst._zod.run = (payload, ctx) => {
      if (ctx.skipChecks) {
        return inst._zod.parse(payload, ctx);
      }
      if (ctx.direction === "backward") {
        const canary = inst._zod.parse({ value: payload.value, issues: [] }, { ...ctx, skipChecks: true });
        if (canary instanceof Promise) {
          return canary.then((canary2) => {
            return handleCanaryResult(canary2, payload, ctx);
          });
        }
        return handleCanaryResult(canary, payload, ctx);
      }
      const result = inst._zod.parse(payload, ctx);
      if (result instanceof Promise) {
        if (ctx.async === false)
          throw new $ZodAsyncError();
        return result.then((result2) => runChecks2(result2, checks, ctx));
      }
      return runChecks2(result, checks, ctx);
    };
  }
}, {
  // Wrappers extend this by installing a richer factory over it; reading it eagerly would defeat the laziness.
  get "~standard"() {
    return hide(this, "~standard", standardProps(this));
  },
  set "~standard"(value) {
    own(this, "~standard", value);
  }
});
var toStandardResult = (r, ctx) => r.issues.length ? { issues: r.issues.map((iss) => finalizeIssue(iss, ctx, config())) } : { value: r.value };
async function validateAsync(inst, value) {
  const ctx = { async: true };
  return toStandardResult(await inst._zod.run({ value, issues: [] }, ctx), ctx);
}
function standardProps(inst) {
  return {
    validate: (value) => {
      const ctx = { async: false };
      try {
        const r = inst._zod.run({ value, issues: [] }, ctx);
        if (!(r instanceof Promise))
          return toStandardResult(r, ctx);
      } catch (_) {
      }
      return validateAsync(inst, value);
    },
    vendor: "zod",
    version: 1
  };
}
var $ZodString = /* @__PURE__ */ $constructor("$ZodString", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.pattern = def.pattern ?? anyString;
  inst._zod.parse = (payload, _) => {
    if (def.coerce)
      try {
        payload.value = String(payload.value);
      } catch (_2) {
      }
    if (typeof payload.value === "string")
      return payload;
    payload.issues.push({
      expected: "string",
      code: "invalid_type",
      input: payload.value,
      inst
    });
    return payload;
  };
});
var $ZodNever = /* @__PURE__ */ $constructor("$ZodNever", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.parse = (payload, _ctx) => {
    payload.issues.push({
      expected: "never",
      code: "invalid_type",
      input: payload.value,
      inst
    });
    return payload;
  };
});
function capSize(inst, size) {
  const caps = sizeCaps(inst._zod.def.checks);
  if (!caps.length)
    return;
  const cap = Math.min(...caps.map((c) => c[0]));
  const parse2 = inst._zod.parse;
  inst._zod.parse = (payload, ctx) => {
    const n = size(payload.value);
    if (n > cap && !ctx?.skipChecks && ctx?.direction !== "backward") {
      for (const [max, ch] of sizeCaps(inst._zod.def.checks)) {
        if (n > max && ch._zod.def.when(payload)) {
          const start = payload.issues.length;
          ch._zod.check(payload);
          payload.issues[start].continue = false;
          attachSchema(payload.issues, start, inst);
          return payload;
        }
      }
    }
    return parse2(payload, ctx);
  };
}
var arraySize = (input) => Array.isArray(input) ? input.length : -1;
function handleArrayResult(result, final, index) {
  if (result.issues.length) {
    final.issues.push(...prefixIssues(index, result.issues));
  }
  final.value[index] = result.value;
}
var $ZodArray = /* @__PURE__ */ $constructor("$ZodArray", (inst, def) => {
  $ZodType.init(inst, def);
  const memo2 = globalConfig.memoizer;
  memo2?.attach(inst);
  inst._zod.parse = (payload, ctx) => {
    const input = payload.value;
    if (!Array.isArray(input)) {
      payload.issues.push({
        expected: "array",
        code: "invalid_type",
        input,
        inst
      });
      return payload;
    }
    payload.value = memo2 ? memo2.alloc(inst, payload, Array(input.length), ctx) : Array(input.length);
    const proms = [];
    const abortEarly = ctx?.abortEarly;
    for (let i = 0; i < input.length; i++) {
      const item = input[i];
      const result = def.element._zod.run({
        value: item,
        issues: []
      }, ctx);
      if (result instanceof Promise) {
        proms.push(result.then((result2) => handleArrayResult(result2, payload, i)));
      } else {
        handleArrayResult(result, payload, i);
        if (abortEarly && result.issues.length !== 0 && aborted(result))
          break;
      }
    }
    if (proms.length) {
      return Promise.all(proms).then(() => payload);
    }
    return payload;
  };
  capSize(inst, arraySize);
});
function handlePropertyResult(result, final, key, input, optin, optout) {
  const isPresent = key in input;
  const isOptionalOut = optout === "optional";
  if (!isPresent && isOptionalOut && optin === "optional") {
    return;
  }
  if (result.issues.length) {
    if (optin !== void 0 && isOptionalOut && !isPresent) {
      return;
    }
    final.issues.push(...prefixIssues(key, result.issues));
  }
  if (!isPresent && optin === void 0) {
    if (!result.issues.length) {
      final.issues.push({
        code: "invalid_type",
        expected: "nonoptional",
        input: void 0,
        path: [key]
      });
    }
    return;
  }
  if (result.value === void 0) {
    if (isPresent || optin === "defaulted" && !isOptionalOut) {
      final.value[key] = void 0;
    }
  } else {
    final.value[key] = result.value;
  }
}
var NO_SYMBOL_KEYS = [];
function normalizeDef(def) {
  const keys = Object.keys(def.shape);
  const ownSymbols = Object.getOwnPropertySymbols(def.shape);
  const symbolKeys = ownSymbols.length ? ownSymbols : NO_SYMBOL_KEYS;
  const allKeys = symbolKeys.length ? [...keys, ...symbolKeys] : keys;
  for (const k of allKeys) {
    if (!def.shape?.[k]?._zod?.traits?.has("$ZodType")) {
      throw new Error(`Invalid element at key "${String(k)}": expected a Zod schema`);
    }
  }
  const okeys = optionalKeys(def.shape);
  return {
    ...def,
    allKeys,
    symbolKeys,
    // string-only: handleCatchall matches it against `for...in`, which never yields a symbol
    keySet: new Set(keys),
    numKeys: keys.length,
    optionalKeys: new Set(okeys)
  };
}
function handleCatchall(proms, input, payload, ctx, def, inst, abortEarly) {
  const unrecognized = [];
  const keySet = def.keySet;
  const _catchall = def.catchall._zod;
  const t = _catchall.def.type;
  const optin = _catchall.optin;
  const optout = _catchall.optout;
  let seen = 0;
  for (const key in input) {
    if (abortEarly && payload.issues.length !== seen) {
      if (aborted(payload, seen))
        break;
      seen = payload.issues.length;
    }
    if (keySet.has(key))
      continue;
    if (key === "__proto__") {
      if (t === "never")
        unrecognized.push(key);
      continue;
    }
    if (t === "never") {
      unrecognized.push(key);
      continue;
    }
    const r = _catchall.run({ value: input[key], issues: [] }, ctx);
    if (r instanceof Promise) {
      proms.push(r.then((r2) => handlePropertyResult(r2, payload, key, input, optin, optout)));
    } else {
      handlePropertyResult(r, payload, key, input, optin, optout);
    }
  }
  if (unrecognized.length) {
    payload.issues.push({
      code: "unrecognized_keys",
      keys: unrecognized,
      input,
      inst,
      // Describes the shape of the input, not the validity of the parsed value, so it never aborts. The parse still fails; the schema's own checks just get to run first, and an enclosing intersection can reconcile the key against a sibling operand.
      continue: true
    });
  }
  if (!proms.length)
    return payload;
  return Promise.all(proms).then(() => {
    return payload;
  });
}
var $ZodObject = /* @__PURE__ */ $constructor("$ZodObject", (inst, def) => {
  $ZodType.init(inst, def);
  const desc = Object.getOwnPropertyDescriptor(def, "shape");
  const sh = desc?.get ? desc.get.raw : def.shape ?? {};
  if (sh) {
    const get = () => {
      const newSh = { ...sh };
      Object.defineProperty(def, "shape", { value: newSh });
      get.raw = newSh;
      return newSh;
    };
    get.raw = sh;
    Object.defineProperty(def, "shape", { get });
  }
  const _normalized = cached(() => normalizeDef(def));
  defineLazyInternal(inst, "propValues", (zod) => {
    const shape = zod.def.shape;
    const propValues = {};
    for (const key in shape) {
      const field = shape[key]._zod;
      if (field.values) {
        if (!Object.prototype.hasOwnProperty.call(propValues, key)) {
          assignProp(propValues, key, /* @__PURE__ */ new Set());
        }
        for (const v of field.values)
          propValues[key].add(v);
        if (field.optin !== void 0)
          propValues[key].add(void 0);
      }
    }
    return propValues;
  });
  const isObject2 = isObject;
  const catchall = def.catchall;
  let value;
  const memo2 = globalConfig.memoizer;
  memo2?.attach(inst);
  inst._zod.parse = (payload, ctx) => {
    value ?? (value = _normalized.value);
    const input = payload.value;
    if (!isObject2(input)) {
      payload.issues.push({
        expected: "object",
        code: "invalid_type",
        input,
        inst
      });
      return payload;
    }
    payload.value = memo2 ? memo2.alloc(inst, payload, {}, ctx) : {};
    const proms = [];
    const shape = value.shape;
    const abortEarly = ctx?.abortEarly;
    let seen = payload.issues.length;
    for (const key of value.allKeys) {
      if (abortEarly && payload.issues.length !== seen) {
        if (aborted(payload, seen))
          break;
        seen = payload.issues.length;
      }
      if (key === "__proto__")
        continue;
      const el = shape[key];
      const optin = el._zod.optin;
      const optout = el._zod.optout;
      const r = el._zod.run({ value: input[key], issues: [] }, ctx);
      if (r instanceof Promise) {
        proms.push(r.then((r2) => handlePropertyResult(r2, payload, key, input, optin, optout)));
      } else {
        handlePropertyResult(r, payload, key, input, optin, optout);
      }
    }
    if (!catchall) {
      return proms.length ? Promise.all(proms).then(() => payload) : payload;
    }
    return handleCatchall(proms, input, payload, ctx, _normalized.value, inst, abortEarly === true);
  };
});
function handleUnionResults(results, final, inst, ctx) {
  for (const result of results) {
    if (result.issues.length === 0) {
      final.value = result.value;
      return final;
    }
  }
  const nonaborted = results.filter((r) => !aborted(r));
  if (nonaborted.length === 1) {
    final.value = nonaborted[0].value;
    return nonaborted[0];
  }
  final.issues.push({
    code: "invalid_union",
    input: final.value,
    inst,
    errors: results.map((result) => result.issues.map((iss) => finalizeIssue(iss, ctx, config())))
  });
  return final;
}
var $ZodUnion = /* @__PURE__ */ $constructor("$ZodUnion", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "optin", (zod) => zod.def.options.some((o) => o._zod.optin === "defaulted") ? "defaulted" : zod.def.options.some((o) => o._zod.optin !== void 0) ? "optional" : void 0);
  defineLazyInternal(inst, "optout", (zod) => zod.def.options.some((o) => o._zod.optout === "optional") ? "optional" : void 0);
  defineLazyInternal(inst, "values", (zod) => {
    if (zod.def.options.every((o) => o._zod.values)) {
      return new Set(zod.def.options.flatMap((option) => Array.from(option._zod.values)));
    }
    return void 0;
  });
  defineLazyInternal(inst, "pattern", (zod) => {
    if (zod.def.options.every((o) => o._zod.pattern)) {
      const patterns = zod.def.options.map((o) => o._zod.pattern);
      return new RegExp(`^(${patterns.map((p) => cleanRegex(p.source)).join("|")})$`);
    }
    return void 0;
  });
  const first = def.options.length === 1 ? def.options[0]._zod.run : null;
  inst._zod.parse = (payload, ctx) => {
    if (first) {
      return first(payload, ctx);
    }
    let async = false;
    const results = [];
    for (const option of def.options) {
      const result = option._zod.run({
        value: payload.value,
        issues: []
      }, ctx);
      if (result instanceof Promise) {
        results.push(result);
        async = true;
      } else {
        if (result.issues.length === 0)
          return result;
        results.push(result);
      }
    }
    if (!async)
      return handleUnionResults(results, payload, inst, ctx);
    return Promise.all(results).then((results2) => {
      return handleUnionResults(results2, payload, inst, ctx);
    });
  };
});
var $ZodRecord = /* @__PURE__ */ $constructor("$ZodRecord", (inst, def) => {
  $ZodType.init(inst, def);
  const memo2 = globalConfig.memoizer;
  memo2?.attach(inst);
  inst._zod.parse = (payload, ctx) => {
    const input = payload.value;
    if (!isPlainObject(input)) {
      payload.issues.push({
        expected: "record",
        code: "invalid_type",
        input,
        inst
      });
      return payload;
    }
    const proms = [];
    const values = def.keyType._zod.values;
    if (values && !def.partial) {
      payload.value = memo2 ? memo2.alloc(inst, payload, {}, ctx) : {};
      const recordKeys = /* @__PURE__ */ new Set();
      for (const key of values) {
        if (typeof key === "string" || typeof key === "number" || typeof key === "symbol") {
          recordKeys.add(typeof key === "number" ? key.toString() : key);
          if (key === "__proto__")
            continue;
          const keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
          if (keyResult instanceof Promise) {
            throw new Error("Async schemas not supported in object keys currently");
          }
          if (keyResult.issues.length) {
            payload.issues.push({
              code: "invalid_key",
              origin: "record",
              issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
              input: key,
              path: [key],
              inst
            });
            continue;
          }
          const outKey = keyResult.value;
          if (outKey === "__proto__")
            continue;
          const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
          if (result instanceof Promise) {
            proms.push(result.then((result2) => {
              if (result2.issues.length) {
                payload.issues.push(...prefixIssues(key, result2.issues));
              }
              payload.value[outKey] = result2.value;
            }));
          } else {
            if (result.issues.length) {
              payload.issues.push(...prefixIssues(key, result.issues));
            }
            payload.value[outKey] = result.value;
          }
        }
      }
      let unrecognized;
      for (const key in input) {
        if (!recordKeys.has(key)) {
          if (def.mode === "loose") {
            if (key === "__proto__")
              continue;
            payload.value[key] = input[key];
          } else {
            unrecognized = unrecognized ?? [];
            unrecognized.push(key);
          }
        }
      }
      if (unrecognized && unrecognized.length > 0) {
        payload.issues.push({
          code: "unrecognized_keys",
          input,
          inst,
          keys: unrecognized,
          continue: true
        });
      }
    } else {
      payload.value = memo2 ? memo2.alloc(inst, payload, {}, ctx) : {};
      let unrecognized;
      for (const key of Reflect.ownKeys(input)) {
        if (key === "__proto__")
          continue;
        if (!Object.prototype.propertyIsEnumerable.call(input, key))
          continue;
        let keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
        if (keyResult instanceof Promise) {
          throw new Error("Async schemas not supported in object keys currently");
        }
        const checkNumericKey = typeof key === "string" && number.test(key) && keyResult.issues.length;
        if (checkNumericKey) {
          const retryResult = def.keyType._zod.run({ value: Number(key), issues: [] }, ctx);
          if (retryResult instanceof Promise) {
            throw new Error("Async schemas not supported in object keys currently");
          }
          if (retryResult.issues.length === 0) {
            keyResult = retryResult;
          }
        }
        if (keyResult.issues.length) {
          if (def.mode === "loose") {
            payload.value[key] = input[key];
          } else if (values) {
            unrecognized = unrecognized ?? [];
            unrecognized.push(key);
          } else {
            payload.issues.push({
              code: "invalid_key",
              origin: "record",
              issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
              input: key,
              path: [key],
              inst
            });
          }
          continue;
        }
        const outKey = keyResult.value;
        if (outKey === "__proto__")
          continue;
        const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
        if (result instanceof Promise) {
          proms.push(result.then((result2) => {
            if (result2.issues.length) {
              payload.issues.push(...prefixIssues(key, result2.issues));
            }
            payload.value[outKey] = result2.value;
          }));
        } else {
          if (result.issues.length) {
            payload.issues.push(...prefixIssues(key, result.issues));
          }
          payload.value[outKey] = result.value;
        }
      }
      if (unrecognized && unrecognized.length > 0) {
        payload.issues.push({
          code: "unrecognized_keys",
          input,
          inst,
          keys: unrecognized,
          continue: true
        });
      }
    }
    if (proms.length) {
      return Promise.all(proms).then(() => payload);
    }
    return payload;
  };
});
var $ZodEnum = /* @__PURE__ */ $constructor("$ZodEnum", (inst, def) => {
  $ZodType.init(inst, def);
  const values = getEnumValues(def.entries);
  const valuesSet = new Set(values);
  inst._zod.values = valuesSet;
  defineLazyInternal(inst, "pattern", (zod) => {
    const patternValues = getEnumValues(zod.def.entries).filter((k) => propertyKeyTypes.has(typeof k));
    return new RegExp(patternValues.length ? `^(${patternValues.map((o) => escapeRegex(o.toString())).join("|")})$` : "^[^\\s\\S]$");
  });
  inst._zod.parse = (payload, _ctx) => {
    const input = payload.value;
    if (valuesSet.has(input)) {
      return payload;
    }
    payload.issues.push({
      code: "invalid_value",
      values,
      input,
      inst
    });
    return payload;
  };
});
var $ZodLiteral = /* @__PURE__ */ $constructor("$ZodLiteral", (inst, def) => {
  $ZodType.init(inst, def);
  const values = new Set(def.values);
  inst._zod.values = values;
  defineLazyInternal(inst, "pattern", (zod) => {
    const vals = zod.def.values;
    return new RegExp(vals.length ? `^(${vals.map((o) => typeof o === "string" ? escapeRegex(o) : o ? escapeRegex(o.toString()) : String(o)).join("|")})$` : "^[^\\s\\S]$");
  });
  inst._zod.parse = (payload, _ctx) => {
    const input = payload.value;
    if (values.has(input)) {
      return payload;
    }
    payload.issues.push({
      code: "invalid_value",
      values: def.values,
      input,
      inst
    });
    return payload;
  };
});
function handleOptionalResult(payload, result) {
  payload.value = result.issues.length ? void 0 : result.value;
  return payload;
}
var $ZodOptional = /* @__PURE__ */ $constructor("$ZodOptional", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
  inst._zod.optout = "optional";
  defineLazyInternal(inst, "values", (zod) => {
    const values = zod.def.innerType._zod.values;
    return values ? /* @__PURE__ */ new Set([...values, void 0]) : void 0;
  });
  defineLazyInternal(inst, "pattern", (zod) => {
    const pattern = zod.def.innerType._zod.pattern;
    return pattern ? new RegExp(`^(${cleanRegex(pattern.source)})?$`) : void 0;
  });
  inst._zod.parse = (payload, ctx) => {
    if (payload.value === void 0) {
      if (def.innerType._zod.optin !== "defaulted")
        return payload;
      const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
      if (result instanceof Promise)
        return result.then((result2) => handleOptionalResult(payload, result2));
      return handleOptionalResult(payload, result);
    }
    return def.innerType._zod.run(payload, ctx);
  };
});
var $ZodCustom = /* @__PURE__ */ $constructor("$ZodCustom", (inst, def) => {
  $ZodCheck.init(inst, def);
  $ZodType.init(inst, def);
  inst._zod.parse = (payload, _) => {
    return payload;
  };
  inst._zod.check = (payload) => {
    const input = payload.value;
    const r = def.fn(input);
    if (r instanceof Promise) {
      return r.then((r2) => handleRefineResult(r2, payload, input, inst));
    }
    handleRefineResult(r, payload, input, inst);
    return;
  };
});
function handleRefineResult(result, payload, input, inst) {
  if (!result) {
    const _iss = {
      code: "custom",
      input,
      inst,
      // incorporates params.error into issue reporting
      path: [...inst._zod.def.path ?? []],
      // incorporates params.error into issue reporting
      continue: !inst._zod.def.abort
      // params: inst._zod.def.params,
    };
    if (inst._zod.def.params)
      _iss.params = inst._zod.def.params;
    payload.issues.push(issue(_iss));
  }
}

// node_modules/zod/v4/locales/en.js
var error = () => {
  const Sizable = {
    string: { unit: "characters", verb: "to have" },
    file: { unit: "bytes", verb: "to have" },
    array: { unit: "items", verb: "to have" },
    set: { unit: "items", verb: "to have" },
    map: { unit: "entries", verb: "to have" }
  };
  function getSizing(origin) {
    return Sizable[origin] ?? null;
  }
  const FormatDictionary = {
    regex: "input",
    email: "email address",
    url: "URL",
    emoji: "emoji",
    uuid: "UUID",
    uuidv4: "UUIDv4",
    uuidv6: "UUIDv6",
    nanoid: "nanoid",
    guid: "GUID",
    cuid: "cuid",
    cuid2: "cuid2",
    ulid: "ULID",
    xid: "XID",
    ksuid: "KSUID",
    datetime: "ISO datetime",
    date: "ISO date",
    time: "ISO time",
    duration: "ISO duration",
    ipv4: "IPv4 address",
    ipv6: "IPv6 address",
    mac: "MAC address",
    cidrv4: "IPv4 range",
    cidrv6: "IPv6 range",
    base64: "base64-encoded string",
    base64url: "base64url-encoded string",
    json_string: "JSON string",
    e164: "E.164 number",
    currency_code: "currency code",
    credit_card: "credit card number",
    iban: "IBAN",
    jwt: "JWT",
    template_literal: "input"
  };
  const TypeDictionary = {
    // Compatibility: "nan" -> "NaN" for display
    nan: "NaN"
    // All other type names omitted - they fall back to raw values via ?? operator
  };
  function getTypeName(type, input) {
    if (type === "number" && typeof input === "number" && !Number.isFinite(input)) {
      return String(input);
    }
    return TypeDictionary[type] ?? type;
  }
  return (issue2) => {
    switch (issue2.code) {
      case "invalid_type": {
        const expected = getTypeName(issue2.expected);
        const receivedType = parsedType(issue2.input);
        const received = getTypeName(receivedType, issue2.input);
        return `Invalid input: expected ${expected}, received ${received}`;
      }
      case "invalid_value":
        if (issue2.values.length === 1)
          return `Invalid input: expected ${stringifyPrimitive(issue2.values[0])}`;
        return `Invalid option: expected one of ${joinValues(issue2.values, "|")}`;
      case "too_big": {
        const adj = issue2.exact ? "exactly " : issue2.inclusive ? "<=" : "<";
        const sizing = getSizing(issue2.origin);
        if (sizing)
          return `Too big: expected ${issue2.origin ?? "value"} to have ${adj}${issue2.maximum.toString()} ${sizing.unit ?? "elements"}`;
        return `Too big: expected ${issue2.origin ?? "value"} to be ${adj}${issue2.maximum.toString()}`;
      }
      case "too_small": {
        const adj = issue2.exact ? "exactly " : issue2.inclusive ? ">=" : ">";
        const sizing = getSizing(issue2.origin);
        if (sizing) {
          return `Too small: expected ${issue2.origin} to have ${adj}${issue2.minimum.toString()} ${sizing.unit}`;
        }
        return `Too small: expected ${issue2.origin} to be ${adj}${issue2.minimum.toString()}`;
      }
      case "invalid_format": {
        const _issue = issue2;
        if (_issue.format === "starts_with") {
          return `Invalid string: must start with "${_issue.prefix}"`;
        }
        if (_issue.format === "ends_with")
          return `Invalid string: must end with "${_issue.suffix}"`;
        if (_issue.format === "includes")
          return `Invalid string: must include "${_issue.includes}"`;
        if (_issue.format === "regex")
          return `Invalid string: must match pattern ${_issue.pattern}`;
        return `Invalid ${FormatDictionary[_issue.format] ?? issue2.format}`;
      }
      case "not_multiple_of":
        return `Invalid number: must be a multiple of ${issue2.divisor}`;
      case "unrecognized_keys":
        return `Unrecognized key${issue2.keys.length > 1 ? "s" : ""}: ${joinValues(issue2.keys, ", ")}`;
      case "invalid_key":
        return `Invalid key in ${issue2.origin}`;
      case "invalid_union":
        if (issue2.options && Array.isArray(issue2.options) && issue2.options.length > 0) {
          const opts = issue2.options.map((o) => `'${o}'`).join(" | ");
          return `Invalid discriminator value. Expected ${opts}`;
        }
        if (issue2.inclusive === false) {
          return "Invalid input: more than one option matched";
        }
        return "Invalid input";
      case "invalid_element":
        return `Invalid value in ${issue2.origin}`;
      default:
        return `Invalid input`;
    }
  };
};
function en_default() {
  return {
    localeError: error()
  };
}

// node_modules/zod/v4/core/registries.js
var _a2;
var $ZodRegistry = class {
  constructor() {
    this._map = /* @__PURE__ */ new WeakMap();
    this._idmap = /* @__PURE__ */ new Map();
  }
  add(schema, ..._meta) {
    const meta2 = _meta[0];
    this._map.set(schema, meta2);
    if (meta2 && typeof meta2 === "object" && "id" in meta2) {
      this._idmap.set(meta2.id, schema);
    }
    return this;
  }
  clear() {
    this._map = /* @__PURE__ */ new WeakMap();
    this._idmap = /* @__PURE__ */ new Map();
    return this;
  }
  remove(schema) {
    const meta2 = this._map.get(schema);
    if (meta2 && typeof meta2 === "object" && "id" in meta2) {
      this._idmap.delete(meta2.id);
    }
    this._map.delete(schema);
    return this;
  }
  get(schema) {
    const p = schema._zod.parent;
    if (p) {
      const pm = { ...this.get(p) ?? {} };
      delete pm.id;
      const f = { ...pm, ...this._map.get(schema) };
      return Object.keys(f).length ? f : void 0;
    }
    return this._map.get(schema);
  }
  has(schema) {
    return this._map.has(schema);
  }
};
function registry() {
  return new $ZodRegistry();
}
(_a2 = globalThis).__zod_globalRegistry ?? (_a2.__zod_globalRegistry = registry());
var globalRegistry = globalThis.__zod_globalRegistry;

// node_modules/zod/v4/core/api.js
function snapshotChecks(def) {
  if (def.checks)
    def.checks = [...def.checks];
  return def;
}
// @__NO_SIDE_EFFECTS__
function _string(Class, params) {
  return new Class(snapshotChecks({ type: "string", ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _never(Class, params) {
  return new Class({
    type: "never",
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _minLength(minimum, params) {
  return new $ZodCheckMinLength({
    check: "min_length",
    ...normalizeParams(params),
    minimum
  });
}
// @__NO_SIDE_EFFECTS__
function _regex(pattern, params) {
  return new $ZodCheckRegex({
    check: "string_format",
    format: "regex",
    ...normalizeParams(params),
    pattern
  });
}
// @__NO_SIDE_EFFECTS__
function _refine(Class, fn, _params) {
  const schema = new Class({
    type: "custom",
    check: "custom",
    fn,
    ...normalizeParams(_params)
  });
  return schema;
}
// @__NO_SIDE_EFFECTS__
function describe2(description) {
  const ch = new $ZodCheck({ check: "describe" });
  ch._zod.onattach = [
    (inst) => {
      const existing = globalRegistry.get(inst) ?? {};
      globalRegistry.add(inst, { ...existing, description });
    }
  ];
  ch._zod.check = () => {
  };
  return ch;
}

// node_modules/zod/v4/mini/schemas.js
var ZodMiniType = /* @__PURE__ */ $constructor("ZodMiniType", (inst, def) => {
  if (!inst._zod)
    throw new Error("Uninitialized schema in ZodMiniType.");
  $ZodType.init(inst, def);
  inst.def = def;
  inst.type = def.type;
}, {
  // `with` is an alias for `check`: the same function object, not a wrapper.
  get with() {
    return this.check;
  },
  set with(value) {
    own(this, "with", value);
  },
  parse(data, params) {
    return parse(this, data, params, { callee: this.parse });
  },
  parseAsync(data, params) {
    return parseAsync(this, data, params, { callee: this.parseAsync });
  },
  safeParse(data, params) {
    return safeParse(this, data, params);
  },
  safeParseAsync(data, params) {
    return safeParseAsync(this, data, params);
  },
  check(...checks) {
    const def = this.def;
    return this.clone({
      ...def,
      checks: [
        ...def.checks ?? [],
        ...checks.map((ch) => typeof ch === "function" ? { _zod: { check: ch, def: { check: "custom" }, onattach: [] } } : ch)
      ]
    }, { parent: true });
  },
  clone(_def, params) {
    return clone(this, _def, params);
  },
  brand() {
    return this;
  },
  register(reg, meta2) {
    reg.add(this, meta2);
    return this;
  },
  apply(fn, ...args) {
    return args.length === 0 ? fn(this) : fn(this, ...args);
  }
});
var ZodMiniString = /* @__PURE__ */ $constructor("ZodMiniString", (inst, def) => {
  $ZodString.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function string2(params) {
  return _string(ZodMiniString, params);
}
var ZodMiniNever = /* @__PURE__ */ $constructor("ZodMiniNever", (inst, def) => {
  $ZodNever.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function never(params) {
  return _never(ZodMiniNever, params);
}
var ZodMiniArray = /* @__PURE__ */ $constructor("ZodMiniArray", (inst, def) => {
  $ZodArray.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function array(element, params) {
  return new ZodMiniArray({
    type: "array",
    element,
    ...normalizeParams(params)
  });
}
var ZodMiniObject = /* @__PURE__ */ $constructor("ZodMiniObject", (inst, def) => {
  $ZodObject.init(inst, def);
  ZodMiniType.init(inst, def);
  installLazyProp(inst, "shape", (self) => self._zod.def.shape, false);
});
// @__NO_SIDE_EFFECTS__
function strictObject(shape, params) {
  return new ZodMiniObject({
    type: "object",
    shape,
    catchall: /* @__PURE__ */ never(),
    ...normalizeParams(params)
  });
}
var ZodMiniUnion = /* @__PURE__ */ $constructor("ZodMiniUnion", (inst, def) => {
  $ZodUnion.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function union(options, params) {
  return new ZodMiniUnion({
    type: "union",
    options,
    ...normalizeParams(params)
  });
}
var ZodMiniRecord = /* @__PURE__ */ $constructor("ZodMiniRecord", (inst, def) => {
  $ZodRecord.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function record(keyType, valueType, params) {
  if (!valueType || !valueType._zod) {
    return new ZodMiniRecord({
      type: "record",
      keyType: /* @__PURE__ */ string2(),
      valueType: keyType,
      ...normalizeParams(valueType)
    });
  }
  return new ZodMiniRecord({
    type: "record",
    keyType,
    valueType,
    ...normalizeParams(params)
  });
}
var ZodMiniEnum = /* @__PURE__ */ $constructor("ZodMiniEnum", (inst, def) => {
  $ZodEnum.init(inst, def);
  ZodMiniType.init(inst, def);
  inst.options = [...inst._zod.values];
});
// @__NO_SIDE_EFFECTS__
function _enum(values, params) {
  const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
  return new ZodMiniEnum({
    type: "enum",
    entries,
    ...normalizeParams(params)
  });
}
var ZodMiniLiteral = /* @__PURE__ */ $constructor("ZodMiniLiteral", (inst, def) => {
  $ZodLiteral.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function literal(value, params) {
  return new ZodMiniLiteral({
    type: "literal",
    values: Array.isArray(value) ? value : [value],
    ...normalizeParams(params)
  });
}
var ZodMiniOptional = /* @__PURE__ */ $constructor("ZodMiniOptional", (inst, def) => {
  $ZodOptional.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function optional(innerType) {
  return new ZodMiniOptional({
    type: "optional",
    innerType
  });
}
var ZodMiniCustom = /* @__PURE__ */ $constructor("ZodMiniCustom", (inst, def) => {
  $ZodCustom.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function refine(fn, _params = {}) {
  return _refine(ZodMiniCustom, fn, _params);
}
var describe3 = describe2;

// src/config/schema.ts
config(en_default());
var duration2 = string2().check(
  refine((value) => parseDuration(value) !== void 0, {
    message: "expected a duration such as 24h, 90m, 2d or 1d12h (units s, m, h, d, w)"
  }),
  describe3("A duration: a number followed by s, m, h, d or w (24h, 90m, 2d, 1d12h).")
);
function optional2(schema, description) {
  const wrapped = optional(schema);
  return description === void 0 ? wrapped : wrapped.check(describe3(description));
}
var globList = array(string2().check(_minLength(1))).check(describe3("Repository-relative glob patterns."));
var level = _enum(["error", "warning", "notice", "off"]);
var environmentName = string2().check(_regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'environment names are letters, digits, "-" and "_"'));
var region = string2().check(_regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "expected an AWS region such as us-east-1"));
var evidenceSource = _enum(["ssm", "ec2", "tags", "git"]);
var environment = strictObject({
  terraform: optional2(globList, "Terraform roots of this environment (globs)."),
  soak: optional2(duration2, "Minimum time an artifact must serve the previous environment before this one."),
  aws: optional2(
    strictObject({
      regions: optional2(array(region).check(_minLength(1)), "Regions where this environment runs."),
      "role-arn": optional2(
        string2().check(_regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, "expected an IAM role ARN")),
        "Role assumed to read this environment; otherwise the ambient credentials."
      ),
      "account-id": optional2(string2().check(_regex(/^\d{12}$/, "expected a 12-digit AWS account id (quote it in YAML)")), "Refuse evidence read from any other account.")
    })
  ),
  amis: optional2(
    strictObject({
      "ssm-parameters": optional2(array(string2().check(_regex(/^\/?[\w.\-/]+$/, "expected an SSM parameter name")))),
      "launch-templates": optional2(array(string2().check(_minLength(1)))),
      "instance-tags": optional2(record(string2(), string2()))
    }),
    "Where this environment's live AMI id can be read."
  )
}).check(describe3("One environment."));
var configSchema = strictObject({
  $schema: optional2(string2()),
  promotion: optional2(array(environmentName).check(_minLength(1)), "Order in which every artifact must travel, e.g. [staging, prod]."),
  soak: optional2(duration2, "Minimum time in the previous environment (default 24h)."),
  environments: optional2(record(environmentName, environment)),
  scripts: optional2(
    strictObject({
      include: optional2(globList, "Deploy scripts to analyse."),
      exclude: optional2(globList, "Paths never analysed as deploy scripts."),
      "run-path": optional2(string2().check(_regex(/^\/[^:]*(:\/[^:]*)*$/, 'expected absolute directories separated by ":"')), "PATH the scripts run with on the instance.")
    })
  ),
  images: optional2(
    strictObject({
      manifests: optional2(globList, "Image inventories written by the image build."),
      probe: optional2(union([_enum(["ssm", "off"]), literal(false)]), "ssm: read-only probe on a staging instance; off: manifests only.")
    })
  ),
  evidence: optional2(array(evidenceSource).check(_minLength(1)), "Sources that may prove a soak."),
  "evidence-mode": optional2(_enum(["any", "all"])),
  "applied-label": optional2(string2().check(_minLength(1))),
  override: optional2(
    strictObject({
      label: optional2(string2().check(_minLength(1))),
      allowed: optional2(array(string2().check(_regex(/^[A-Za-z0-9-]+(\/[A-Za-z0-9_.-]+)?$/, "expected a user login or org/team-slug"))))
    })
  ),
  rules: optional2(record(string2(), level), "Per-rule level by id (DG204) or name (hardcoded-tool-path).")
}).check(describe3("deploy-guard configuration (.github/deploy-guard.yml)"));

// src/config/load.ts
var MAX_CONFIG_BYTES = 256 * 1024;
function lineOf2(counter, node) {
  const offset = node?.range?.[0];
  return offset === void 0 ? void 0 : counter.linePos(offset).line;
}
function nodeAt(doc, path, key) {
  let node = doc.contents;
  for (const segment of path) {
    if (!(0, import_yaml3.isCollection)(node)) return void 0;
    node = node.get(typeof segment === "number" ? segment : String(segment), true);
  }
  if (key !== void 0 && (0, import_yaml3.isMap)(node)) {
    const pair = node.items.find((item) => (0, import_yaml3.isScalar)(item.key) && item.key.value === key);
    return pair?.key ?? node;
  }
  return node;
}
function describeIssue(issue2) {
  const dotted = (extra) => [...issue2.path, ...extra ? [extra] : []].map(String).join(".") || "(top level)";
  if (issue2.code === "unrecognized_keys") {
    return issue2.keys.map((key) => ({
      key: dotted(key),
      unknownKey: key,
      text: `unknown key "${key}"${issue2.path.length ? ` under "${issue2.path.join(".")}"` : ""}`
    }));
  }
  return [{ key: dotted(), text: issue2.message }];
}
function parseConfig(text, file) {
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) {
    throw new ConfigurationError(`${file}: larger than ${MAX_CONFIG_BYTES / 1024} KiB; not read.`, "Keep the configuration small.");
  }
  const counter = new import_yaml3.LineCounter();
  const doc = (0, import_yaml3.parseDocument)(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((error2) => {
      const line = counter.linePos(error2.pos[0]).line;
      return `${file}:${line}: ${error2.message.split("\n")[0]}`;
    });
    throw new ConfigurationError(`Invalid YAML:
${lines.join("\n")}`, `Fix the YAML syntax in ${file}.`);
  }
  let value;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error2) {
    throw new ConfigurationError(`${file}: ${error2.message}`, `Remove excessive YAML aliases from ${file}.`);
  }
  const parsed = configSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.flatMap(
    (issue2) => describeIssue(issue2).map(({ key, text: text2, unknownKey }) => {
      const line = lineOf2(counter, nodeAt(doc, issue2.path, unknownKey));
      return `${file}:${line ?? 1}: ${key}: ${text2}`;
    })
  );
  throw new ConfigurationError(
    `Invalid configuration:
${problems.join("\n")}`,
    `Correct ${file}; its JSON Schema (deploy-guard.schema.json) lists every key and value.`
  );
}

// src/setup.ts
var EVENT_MODES = {
  pull_request: "pr",
  pull_request_target: "pr",
  merge_group: "pr",
  schedule: "audit",
  workflow_dispatch: "preflight"
};
function modeFor(inputs, eventName) {
  if (inputs.mode !== "auto") return inputs.mode;
  const mode = EVENT_MODES[eventName];
  if (!mode) {
    throw new ConfigurationError(
      `Cannot pick a mode for the "${eventName}" event.`,
      'Set the "mode" input to pr, audit or preflight, or run on pull_request, merge_group, schedule or workflow_dispatch.'
    );
  }
  return mode;
}
async function loadSettings(workspace, inputs, explicitConfig) {
  const path = normalisePath(inputs.config);
  if (path === void 0 || path === "") {
    throw new ConfigurationError(`Input "config" must be a path inside the repository; got "${inputs.config}".`);
  }
  const read = await readRepoFile(workspace, path, 256 * 1024);
  if (!read.ok) {
    if (read.reason === "missing" && !explicitConfig) return buildSettings(void 0, void 0, inputs, findRule);
    throw new ConfigurationError(`${path}: ${read.detail}.`, read.reason === "missing" ? `Create ${path} or point the "config" input at your configuration.` : `Make ${path} a small UTF-8 YAML file.`);
  }
  return buildSettings(parseConfig(read.text, path), path, inputs, findRule);
}
async function readEvent(name, path, repository) {
  let payload = {};
  if (path) {
    try {
      payload = JSON.parse(await readFile(path, "utf8"));
    } catch (error2) {
      throw new ConfigurationError(`Cannot read the event payload at ${path}: ${error2.message}`);
    }
  }
  const [owner, repo] = (repository ?? "").split("/");
  return { name, payload, ...owner && repo ? { repository: { owner, repo } } : {} };
}
function githubFor(inputs, event, apiUrl, log) {
  if (!inputs.githubToken || !event.repository) return void 0;
  return createGitHubApi({ token: inputs.githubToken, ...event.repository, ...apiUrl ? { baseUrl: apiUrl } : {}, userAgent: USER_AGENT, ...log ? { log } : {} });
}

// src/report/escape.ts
var ZWSP = "\u200B";
var BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
var CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
var LINE_BREAK = /\r\n|[\r\n\t\u2028\u2029]/g;
function visibleCodePoint(ch) {
  return `\\u${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}
function plainText(text) {
  return text.replace(LINE_BREAK, " ").replace(CONTROL, visibleCodePoint).replace(BIDI, visibleCodePoint);
}
function neutraliseReferences(text) {
  return text.replace(/@(?=[A-Za-z0-9_-])/g, `@${ZWSP}`).replace(/#(?=\d)/g, `#${ZWSP}`);
}
var MARKDOWN_ESCAPES = {
  "\\": "\\\\",
  "*": "\\*",
  _: "\\_",
  "`": "\\`",
  "[": "\\[",
  "]": "\\]",
  "|": "\\|",
  "#": "\\#",
  "!": "\\!",
  "~": "\\~",
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  // GitHub renders `$…$` as math; an entity is never a math delimiter.
  $: "&#36;"
};
function escapeMarkdown(text) {
  return neutraliseReferences(plainText(text)).replace(/[\\*_`[\]|#!~&<>$]/g, (ch) => MARKDOWN_ESCAPES[ch] ?? ch);
}
var HTML_ESCAPES = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  $: "&#36;"
};
function escapeHtml(text) {
  return neutraliseReferences(plainText(text)).replace(/[&<>"'$]/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}
function code(text, options = {}) {
  let content = plainText(text);
  if (content === "") return "";
  if (options.inTable === true) content = content.replace(/\|/g, "\\|");
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run2) => run2.length));
  const fence = "`".repeat(longestRun + 1);
  const needsPad = /^[` ]|[` ]$/.test(content) && content.trim() !== "";
  const pad = needsPad ? " " : "";
  return `${fence}${pad}${content}${pad}${fence}`;
}
var COMMAND_START = /^(\s*)(::|##\[)/;
function neutraliseCommand(line) {
  return line.replace(COMMAND_START, `$1${ZWSP}$2`);
}
function neutraliseCommands(text) {
  return text.split(/(\r\n|\r|\n)/).map((part, index) => index % 2 === 0 ? neutraliseCommand(part) : part).join("");
}
function clip(text, max) {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join("")}\u2026`;
}

export {
  ConfigurationError,
  INPUT,
  OUTPUT,
  readInputs,
  exitCode,
  resolveCommit,
  VERSION,
  runChecks,
  unevaluatedReport,
  Journal,
  plainText,
  escapeMarkdown,
  escapeHtml,
  code,
  neutraliseCommands,
  clip,
  assertNever,
  FAMILIES,
  rulesById,
  ruleTitle,
  familyOf,
  levelRank,
  compareFindings,
  sortFindings,
  verdictLabel,
  locationOf,
  plural2 as plural,
  formatDuration2 as formatDuration,
  toJsonReport,
  modeFor,
  loadSettings,
  readEvent,
  githubFor
};
//# sourceMappingURL=chunk-YF4SIPVN.js.map
