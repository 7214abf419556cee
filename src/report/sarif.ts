// SARIF 2.1.0 for github/codeql-action/upload-sarif: stable rule ids with help, one result per finding.
import { createHash } from 'node:crypto';
import type { Finding, Level, RunReport } from '../model.js';
import { assertNever } from '../model.js';
import { plainText } from './escape.js';
import { type ReportRule, rulesById } from './findings.js';

// Typed subset of the SARIF 2.1.0 object model that this reporter writes.

export type SarifLevel = 'none' | 'note' | 'warning' | 'error';

export interface SarifMessage {
  text: string;
  markdown?: string;
}

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

export interface SarifRegion {
  startLine: number;
  startColumn?: number;
}

export interface SarifPhysicalLocation {
  artifactLocation: SarifArtifactLocation;
  region?: SarifRegion;
}

export interface SarifLocation {
  physicalLocation: SarifPhysicalLocation;
  message?: SarifMessage;
}

export interface SarifReportingDescriptor {
  id: string;
  name?: string;
  shortDescription?: SarifMessage;
  fullDescription?: SarifMessage;
  help?: SarifMessage;
  helpUri?: string;
  defaultConfiguration?: { level: SarifLevel; enabled?: boolean };
  properties?: { tags?: string[]; [key: string]: unknown };
}

export interface SarifToolComponent {
  name: string;
  version?: string;
  semanticVersion?: string;
  informationUri?: string;
  rules: SarifReportingDescriptor[];
}

export interface SarifSuppression {
  kind: 'inSource' | 'external';
  status?: 'accepted' | 'underReview' | 'rejected';
  justification?: string;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: SarifSuppression[];
  properties?: { [key: string]: unknown };
}

export interface SarifNotification {
  level: SarifLevel;
  message: SarifMessage;
  descriptor?: { id: string };
}

export interface SarifInvocation {
  executionSuccessful: boolean;
  startTimeUtc?: string;
  endTimeUtc?: string;
  toolExecutionNotifications: SarifNotification[];
}

export interface SarifRun {
  tool: { driver: SarifToolComponent };
  results: SarifResult[];
  invocations: SarifInvocation[];
  columnKind: 'utf16CodeUnits' | 'unicodeCodePoints';
  properties?: { [key: string]: unknown };
}

export interface SarifLog {
  $schema: 'https://json.schemastore.org/sarif-2.1.0.json';
  version: '2.1.0';
  runs: [SarifRun];
}

/** Where the tool is documented (shown by code scanning as the tool's home page). */
export const DEPLOY_GUARD_INFORMATION_URI = 'https://github.com/deploy-guard/deploy-guard';
/** The `config` input's default; fileless findings are located here (see {@link SarifOptions.configFile}). */
export const DEFAULT_CONFIG_FILE = '.github/deploy-guard.yml';
/** Key of our fingerprint in `partialFingerprints`; bump the suffix if the hashed fields ever change. */
export const FINGERPRINT_KEY = 'deployGuardFindingHash/v1';

export interface SarifOptions {
  /**
   * Findings without a file (e.g. "staging and prod in one change", AMI evidence from AWS) are located at
   * line 1 of this repository file, because code scanning rejects the WHOLE upload when any result has
   * no location. The configuration file is where such a rule is tuned, so it is the honest anchor.
   * Default: {@link DEFAULT_CONFIG_FILE}.
   */
  configFile?: string;
  informationUri?: string;
}

export function toSarif(report: RunReport, options: SarifOptions = {}): SarifLog {
  const configFile = repoRelativeUri(options.configFile ?? DEFAULT_CONFIG_FILE);

  // Every rule that ran, plus a minimal descriptor for any finding id the report did not describe, so
  // that every result's ruleIndex points at its rule.
  const declared = [...rulesById(report.rules).values()];
  const rules = declared.map(toDescriptor);
  const indexById = new Map(rules.map((rule, index) => [rule.id, index]));
  for (const finding of report.findings) {
    if (!indexById.has(finding.id)) {
      indexById.set(finding.id, rules.length);
      rules.push({ id: finding.id, name: finding.id, shortDescription: { text: finding.id } });
    }
  }

  const results = report.findings.map((finding) =>
    toResult(finding, indexById.get(finding.id) ?? 0, configFile, report.outcome.override),
  );

  const invocation: SarifInvocation = {
    executionSuccessful: report.outcome.result !== 'error',
    toolExecutionNotifications: report.notEvaluated.map((item) => ({
      level: 'error',
      message: { text: plainText(`Not evaluated: ${item.what}. ${item.reason} Fix: ${item.fix}`) },
    })),
  };
  const start = Date.parse(report.startedAt);
  if (Number.isFinite(start)) {
    invocation.startTimeUtc = new Date(start).toISOString();
    if (Number.isFinite(report.durationMs) && report.durationMs >= 0) {
      invocation.endTimeUtc = new Date(start + report.durationMs).toISOString();
    }
  }

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'deploy-guard',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: options.informationUri ?? DEPLOY_GUARD_INFORMATION_URI,
            rules,
          },
        },
        results,
        invocations: [invocation],
        columnKind: 'utf16CodeUnits',
        properties: { mode: report.mode, result: report.outcome.result },
      },
    ],
  };
}

export function sarifLevel(level: Level): SarifLevel {
  switch (level) {
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    case 'notice':
      return 'note';
    default:
      return assertNever(level, 'level');
  }
}

function toDescriptor(rule: ReportRule): SarifReportingDescriptor {
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.help },
    help: { text: rule.help, markdown: `**${rule.id} ${rule.name}**: ${rule.summary}\n\n${rule.help}` },
    defaultConfiguration: { level: sarifLevel(rule.level) },
    properties: { tags: ['deploy-guard', rule.family] },
  };
}

function toResult(
  finding: Finding,
  ruleIndex: number,
  configFile: string,
  override: RunReport['outcome']['override'],
): SarifResult {
  const hasFile = finding.file !== undefined && finding.file !== '';
  const region: SarifRegion = { startLine: hasFile && finding.line !== undefined && finding.line > 0 ? finding.line : 1 };
  if (hasFile && finding.line !== undefined && finding.column !== undefined && finding.column > 0) {
    region.startColumn = finding.column;
  }
  const environment = finding.environment === undefined ? '' : ` [${finding.environment}]`;
  const fix = finding.fix === undefined || finding.fix === '' ? '' : ` Fix: ${finding.fix}`;
  const result: SarifResult = {
    ruleId: finding.id,
    ruleIndex,
    level: sarifLevel(finding.level),
    message: { text: plainText(`${finding.message}${environment}${fix}`) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: hasFile ? repoRelativeUri(finding.file ?? '') : configFile, uriBaseId: '%SRCROOT%' },
          region,
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: findingFingerprint(finding) },
  };
  if (!hasFile) result.properties = { 'deploy-guard/location': 'none: placed at the configuration file' };
  if (finding.overridden === true) {
    const justification =
      override === undefined
        ? 'Overridden by a break-glass override.'
        : `Overridden by ${override.actor} at ${override.at} (label ${override.label}): ${override.reason}`;
    result.suppressions = [{ kind: 'external', status: 'accepted', justification: plainText(justification) }];
  }
  return result;
}

/**
 * Stable across runs and unrelated edits: rule id, file and message, never the line or column, so a
 * finding that moves down a file keeps its alert.
 */
export function findingFingerprint(finding: Pick<Finding, 'id' | 'file' | 'message'>): string {
  return createHash('sha256')
    .update(JSON.stringify([finding.id, finding.file ?? '', finding.message]))
    .digest('hex')
    .slice(0, 32);
}

/**
 * A repository-relative path (forward slashes, as in the model) as a relative URI reference: no `./` or leading `/`, each
 * segment percent-encoded except the sub-delimiters and `@` that RFC 3986 allows in a path (`:` stays
 * encoded: in a first segment it would read as a scheme).
 */
export function repoRelativeUri(path: string): string {
  return path
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .map((segment) => encodeURIComponent(segment).replace(/%(40|24|26|2B|2C|3B|3D)/g, (escape) => decodeURIComponent(escape)))
    .join('/');
}
