#!/usr/bin/env node
import { createRequire as __dgCreateRequire } from 'node:module'; const require = __dgCreateRequire(import.meta.url);
import {
  ConfigurationError,
  Journal,
  VERSION,
  assertNever,
  formatDuration,
  githubFor,
  loadSettings,
  locationOf,
  neutraliseCommands,
  plainText,
  plural,
  readEvent,
  readInputs,
  resolveCommit,
  ruleTitle,
  rulesById,
  runChecks,
  sortFindings,
  toJsonReport,
  unevaluatedReport,
  verdictLabel
} from "./chunks/chunk-YF4SIPVN.js";
import {
  tuneTiering
} from "./chunks/chunk-3OKPSYB4.js";
import {
  threadsProblem
} from "./chunks/chunk-R5VRBRRL.js";
import "./chunks/chunk-O5UWBKZA.js";
import "./chunks/chunk-WAXSGHYJ.js";

// src/cli.ts
import { resolve } from "node:path";
import { parseArgs } from "node:util";

// src/report/text.ts
var ANSI = { bold: "1", dim: "2", red: "31", yellow: "33", green: "32", cyan: "36" };
function renderText(report, options) {
  const paint = (text, ...styles) => options.color && styles.length > 0 ? `\x1B[${styles.map((style) => ANSI[style]).join(";")}m${text}\x1B[0m` : text;
  const rules = rulesById(report.rules);
  const { outcome } = report;
  const out = [];
  const headline = outcome.headline.trim() === "" ? "" : `: ${plainText(outcome.headline)}`;
  out.push(paint(`${verdictLabel(outcome.result)}${headline}`, "bold", resultColour(outcome.result)));
  const counts = [
    `blocking: ${outcome.blocked ? "yes" : "no"}`,
    plural(outcome.errors, "error"),
    plural(outcome.warnings, "warning"),
    plural(outcome.notices, "notice")
  ];
  if (report.notEvaluated.length > 0) counts.push(`${report.notEvaluated.length} not evaluated`);
  if (report.preflight !== void 0) counts.push(`go: ${report.preflight.go ? "yes" : "no"}`);
  out.push(counts.join(" \xB7 "));
  if (report.notEvaluated.length > 0) {
    out.push("", paint("Not evaluated (blocks like a failure):", "bold", "red"));
    for (const item of report.notEvaluated) {
      out.push(`  - ${plainText(item.what)}: ${plainText(item.reason)}`);
      out.push(paint(`    fix: ${plainText(item.fix)}`, "dim"));
    }
  }
  const levelWidth = Math.max(0, ...report.findings.map((finding) => levelLabel(finding).length));
  for (const group of groupByFile(report.findings)) {
    out.push("");
    for (const finding of group) {
      const where = plainText(locationOf(finding, true) ?? "(no file)");
      const level = paint(levelLabel(finding).padEnd(levelWidth), ...levelStyles(finding));
      const environment = finding.environment === void 0 ? "" : ` [${plainText(finding.environment)}]`;
      out.push(`${where}  ${level}  ${plainText(ruleTitle(finding.id, rules))}  ${plainText(finding.message)}${environment}`);
      if (finding.fix !== void 0 && finding.fix !== "") out.push(paint(`  fix: ${plainText(finding.fix)}`, "dim"));
    }
  }
  if (report.findings.length === 0) out.push("", "No findings.");
  const override = outcome.override;
  if (override !== void 0) {
    out.push("", paint("Override:", "bold", "yellow"));
    out.push(`  by ${plainText(override.actor)} at ${plainText(override.at)} (label ${plainText(override.label)})`);
    out.push(`  why: ${plainText(override.reason)}`);
    out.push(`  overridden: ${override.findings.length === 0 ? "-" : override.findings.map(plainText).join(", ")}`);
  }
  if (report.preflight !== void 0) {
    const { environment, amiId, go } = report.preflight;
    out.push("", paint("Preflight:", "bold"));
    out.push(`  ${plainText(environment)} with ${amiId === void 0 ? "an unresolved AMI" : plainText(amiId)}: ${paint(go ? "GO" : "NO-GO", "bold", go ? "green" : "red")}`);
  }
  if (report.notes.length > 0) {
    out.push("", paint("Notes:", "bold"));
    for (const note of report.notes) out.push(`  - ${plainText(note)}`);
  }
  const footer = [`mode ${report.mode}`];
  if (report.repository !== void 0) footer.push(plainText(report.repository));
  if (report.base !== void 0 || report.head !== void 0) {
    footer.push(`${plainText(report.base ?? "?")}..${plainText(report.head ?? "?")}`);
  }
  footer.push(formatDuration(report.durationMs), `${plainText(report.tool.name)} ${plainText(report.tool.version)}`);
  out.push("", paint(footer.join(" \xB7 "), "dim"));
  return neutraliseCommands(`${out.join("\n")}
`);
}
function groupByFile(findings) {
  const groups = /* @__PURE__ */ new Map();
  const byLocation = sortFindings(findings).sort(
    (a, b) => compareFile(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)
  );
  for (const finding of byLocation) {
    const group = groups.get(finding.file);
    if (group === void 0) groups.set(finding.file, [finding]);
    else group.push(finding);
  }
  return [...groups.values()];
}
function compareFile(a, b) {
  if (a === b) return 0;
  if (a === void 0) return 1;
  if (b === void 0) return -1;
  return a < b ? -1 : 1;
}
function levelLabel(finding) {
  const level = finding.level.toUpperCase();
  return finding.overridden === true ? `${level} (overridden)` : level;
}
function levelStyles(finding) {
  if (finding.overridden === true) return ["dim"];
  return [levelColour(finding.level)];
}
function levelColour(level) {
  switch (level) {
    case "error":
      return "red";
    case "warning":
      return "yellow";
    case "notice":
      return "cyan";
    default:
      return assertNever(level, "level");
  }
}
function resultColour(result) {
  switch (result) {
    case "pass":
      return "green";
    case "warn":
    case "overridden":
      return "yellow";
    case "fail":
    case "error":
      return "red";
    default:
      return assertNever(result, "result");
  }
}

// src/cli.ts
var USAGE = `Usage: deploy-guard check --base REF [--head REF] [--config FILE] [--mode pr|audit|preflight]
                          [--environment ENV] [--ami-id AMI] [--soak 24h] [--fail-on error|warning|never]
                          [--format text|json] [--repo DIR]

Runs deploy-guard's checks on a local checkout. Exit codes: 0 pass/warn/overridden, 1 fail, 2 error
(could not evaluate), 64 usage. GITHUB_TOKEN and GITHUB_REPOSITORY, when set, enable the GitHub checks.`;
var EXIT = { ok: 0, fail: 1, error: 2, usage: 64 };
async function main(argv, io = { out: process.stdout, err: process.stderr, env: process.env }) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        base: { type: "string" },
        head: { type: "string" },
        config: { type: "string" },
        mode: { type: "string", default: "pr" },
        environment: { type: "string" },
        "ami-id": { type: "string" },
        soak: { type: "string" },
        "fail-on": { type: "string" },
        format: { type: "string", default: "text" },
        repo: { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" }
      }
    });
  } catch (error) {
    io.err.write(`${error.message}

${USAGE}
`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.out.write(`${VERSION}
`);
    return EXIT.ok;
  }
  if (values.help || positionals[0] !== "check") {
    (values.help ? io.out : io.err).write(`${USAGE}
`);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  if (values.format !== "text" && values.format !== "json") {
    io.err.write(`--format must be text or json
`);
    return EXIT.usage;
  }
  const workspace = resolve(values.repo ?? process.cwd());
  const flags = {
    config: values.config,
    mode: values.mode,
    environment: values.environment,
    "ami-id": values["ami-id"],
    soak: values.soak,
    "fail-on": values["fail-on"],
    "github-token": io.env.GITHUB_TOKEN
  };
  let report;
  let failOn = "error";
  const now = /* @__PURE__ */ new Date();
  try {
    const inputs = readInputs((name) => flags[name] ?? "");
    failOn = inputs.failOn;
    const mode = inputs.mode === "auto" ? "pr" : inputs.mode;
    if (mode === "pr" && !values.base) throw new ConfigurationError("--base is required in pr mode.", "Pass --base origin/main (the branch the change merges into).");
    const settings = await loadSettings(workspace, inputs, values.config !== void 0);
    const event = await readEvent("cli", void 0, io.env.GITHUB_REPOSITORY);
    const github = githubFor(inputs, event, io.env.GITHUB_API_URL);
    const head = values.head ?? await resolveCommit(workspace, "HEAD");
    const context = {
      settings,
      mode,
      workspace,
      now,
      event,
      ...github ? { github } : {},
      ...values.base ? { revisions: { base: values.base, ...head ? { head } : {} } } : {},
      log: { info: () => {
      }, warning: (message) => io.err.write(`warning: ${message}
`), debug: () => {
      } },
      version: VERSION,
      journal: new Journal()
    };
    const threads = threadsProblem(io.env);
    if (threads) context.log.warning(threads);
    report = await runChecks(context);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    report = unevaluatedReport("pr", error, now, VERSION);
  }
  io.out.write(values.format === "json" ? `${JSON.stringify(toJsonReport(report), null, 2)}
` : renderText(report, { color: Boolean(io.out.isTTY) && !io.env.NO_COLOR }));
  if (failOn === "never") return EXIT.ok;
  if (report.outcome.result === "error") return EXIT.error;
  if (report.outcome.result === "fail" || failOn === "warning" && report.outcome.result === "warn") return EXIT.fail;
  return EXIT.ok;
}
tuneTiering();
process.exitCode = await main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`deploy-guard: internal error (DG901): ${error instanceof Error ? error.stack ?? error.message : String(error)}
`);
  return EXIT.error;
});
export {
  main
};
//# sourceMappingURL=cli.js.map
