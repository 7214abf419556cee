// The JSON report for other tools: every field always present (null when absent), versioned by schemaVersion.
// It is data, not rendering: strings are kept as found (JSON encoding is their escaping; consumers escape
// for their own sink). Printed with JSON.stringify, no line can start a workflow command: newlines inside
// strings are encoded, and every line starts with whitespace, a quote or a bracket.
import type { Evidence, Level, Mode, Result, RunReport } from '../model.js';
import { ruleName, rulesById } from './findings.js';

export const JSON_REPORT_SCHEMA_VERSION = 1;

export interface JsonFinding {
  id: string;
  name: string;
  level: Level;
  message: string;
  file: string | null;
  line: number | null;
  column: number | null;
  environment: string | null;
  evidence: Evidence[];
  fix: string | null;
  overridden: boolean;
}

export interface JsonReport {
  schemaVersion: typeof JSON_REPORT_SCHEMA_VERSION;
  tool: { name: string; version: string };
  mode: Mode;
  repository: string | null;
  base: string | null;
  head: string | null;
  startedAt: string;
  durationMs: number;
  result: Result;
  blocked: boolean;
  errors: number;
  warnings: number;
  notices: number;
  headline: string;
  override: { actor: string; at: string; reason: string; label: string; findings: string[] } | null;
  findings: JsonFinding[];
  notEvaluated: { what: string; reason: string; fix: string }[];
  notes: string[];
  evidence: Evidence[];
  preflight: { environment: string; amiId: string | null; go: boolean } | null;
}

const evidenceList = (items: readonly Evidence[]): Evidence[] => items.map(({ source, text }) => ({ source, text }));

export function toJsonReport(report: RunReport): JsonReport {
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
    override:
      outcome.override === undefined
        ? null
        : {
            actor: outcome.override.actor,
            at: outcome.override.at,
            reason: outcome.override.reason,
            label: outcome.override.label,
            findings: [...outcome.override.findings],
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
      overridden: finding.overridden === true,
    })),
    notEvaluated: report.notEvaluated.map(({ what, reason, fix }) => ({ what, reason, fix })),
    notes: [...report.notes],
    evidence: evidenceList(report.evidence),
    preflight:
      report.preflight === undefined
        ? null
        : { environment: report.preflight.environment, amiId: report.preflight.amiId ?? null, go: report.preflight.go },
  };
}

/** `JSON.stringify` of the report, two-space indented, with a trailing newline. */
export function renderJsonReport(report: RunReport): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}

const string = { type: 'string' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const count = { type: 'integer', minimum: 0 } as const;
const evidence = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['source', 'text'],
    properties: { source: string, text: string },
  },
} as const;

/** JSON Schema (draft 2020-12) of {@link JsonReport}, schemaVersion 1. */
export const REPORT_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'deploy-guard report',
  type: 'object',
  additionalProperties: false,
  required: [
    'schemaVersion',
    'tool',
    'mode',
    'repository',
    'base',
    'head',
    'startedAt',
    'durationMs',
    'result',
    'blocked',
    'errors',
    'warnings',
    'notices',
    'headline',
    'override',
    'findings',
    'notEvaluated',
    'notes',
    'evidence',
    'preflight',
  ],
  properties: {
    schemaVersion: { const: 1 },
    tool: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'version'],
      properties: { name: string, version: string },
    },
    mode: { enum: ['pr', 'audit', 'preflight'] },
    repository: nullableString,
    base: nullableString,
    head: nullableString,
    startedAt: string,
    durationMs: { type: 'number', minimum: 0 },
    result: { enum: ['pass', 'warn', 'fail', 'error', 'overridden'] },
    blocked: { type: 'boolean' },
    errors: count,
    warnings: count,
    notices: count,
    headline: string,
    override: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['actor', 'at', 'reason', 'label', 'findings'],
      properties: {
        actor: string,
        at: string,
        reason: string,
        label: string,
        findings: { type: 'array', items: string },
      },
    },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'level', 'message', 'file', 'line', 'column', 'environment', 'evidence', 'fix', 'overridden'],
        properties: {
          id: string,
          name: string,
          level: { enum: ['error', 'warning', 'notice'] },
          message: string,
          file: nullableString,
          line: { type: ['integer', 'null'], minimum: 1 },
          column: { type: ['integer', 'null'], minimum: 1 },
          environment: nullableString,
          evidence,
          fix: nullableString,
          overridden: { type: 'boolean' },
        },
      },
    },
    notEvaluated: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['what', 'reason', 'fix'],
        properties: { what: string, reason: string, fix: string },
      },
    },
    notes: { type: 'array', items: string },
    evidence,
    preflight: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['environment', 'amiId', 'go'],
      properties: { environment: string, amiId: nullableString, go: { type: 'boolean' } },
    },
  },
} as const;
