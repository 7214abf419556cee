// Annotations on file lines: pure, deduplicated and capped to what GitHub shows per step. The findings
// that do not fit are still in the summary; the caller reports `omitted` there or in the log.
import type { Finding, Level } from '../model.js';
import { escapeAnnotationData, escapeAnnotationProperty, neutraliseCommands, plainText } from './escape.js';
import { type ReportRule, compareFindings, levelRank, ruleTitle, rulesById } from './findings.js';

export interface Annotation {
  level: Level;
  message: string;
  /** `DG201 binary-missing-on-image`. */
  title: string;
  file: string;
  startLine: number;
  startColumn?: number;
}

export type AnnotationLimits = Record<Level, number>;

/** GitHub displays at most 10 error, 10 warning and 10 notice annotations per step. */
export const GITHUB_ANNOTATION_LIMITS: Readonly<AnnotationLimits> = { error: 10, warning: 10, notice: 10 };

const MAX_MESSAGE_CHARS = 4000;

/**
 * Findings with a file become annotations: overridden ones as notices marked "(overridden)", duplicates
 * on (id, file, line, column, message) dropped, errors first then file/line, at most `limits[level]` of
 * each level. `omitted` counts the distinct annotations cut by the limits (findings without a file are
 * never annotations and are not counted). `rules` supplies the names for the titles.
 */
export function buildAnnotations(
  findings: readonly Finding[],
  limits: Readonly<AnnotationLimits> = GITHUB_ANNOTATION_LIMITS,
  rules: readonly Pick<ReportRule, 'id' | 'name'>[] = [],
): { annotations: Annotation[]; omitted: number } {
  const names = rulesById(rules);
  const seen = new Set<string>();
  const candidates: { finding: FileFinding; level: Level }[] = [];
  for (const finding of findings) {
    if (!hasFile(finding)) continue;
    const key = JSON.stringify([finding.id, finding.file, finding.line, finding.column, finding.message]);
    if (seen.has(key)) continue;
    seen.add(key);
    candidates.push({ finding, level: finding.overridden === true ? 'notice' : finding.level });
  }
  candidates.sort((a, b) => levelRank(a.level) - levelRank(b.level) || compareFindings(a.finding, b.finding));

  const used: AnnotationLimits = { error: 0, warning: 0, notice: 0 };
  const annotations: Annotation[] = [];
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

type FileFinding = Finding & { file: string };

function hasFile(finding: Finding): finding is FileFinding {
  return finding.file !== undefined && finding.file !== '';
}

function toAnnotation(finding: FileFinding, level: Level, title: string): Annotation {
  const lines = [plainText(finding.message) + (finding.overridden === true ? ' (overridden)' : '')];
  if (finding.fix !== undefined && finding.fix !== '') lines.push(`fix: ${plainText(finding.fix)}`);
  const message = neutraliseCommands(Array.from(lines.join('\n')).slice(0, MAX_MESSAGE_CHARS).join(''));
  const annotation: Annotation = {
    level,
    message,
    title: plainText(title),
    file: finding.file,
    startLine: finding.line !== undefined && finding.line > 0 ? finding.line : 1,
  };
  if (finding.line !== undefined && finding.column !== undefined && finding.column > 0) {
    annotation.startColumn = finding.column;
  }
  return annotation;
}

/**
 * The workflow command for an annotation (`::error file=…,line=…,title=…::message`), escaped as
 * @actions/core escapes it, for callers that print commands themselves (the CLI in a workflow). Callers
 * using `core.error(message, properties)` pass the fields instead: core escapes them.
 */
export function formatAnnotationCommand(annotation: Annotation): string {
  const properties = [`file=${escapeAnnotationProperty(annotation.file)}`, `line=${annotation.startLine}`];
  if (annotation.startColumn !== undefined) properties.push(`col=${annotation.startColumn}`);
  properties.push(`title=${escapeAnnotationProperty(annotation.title)}`);
  return `::${annotation.level} ${properties.join(',')}::${escapeAnnotationData(annotation.message)}`;
}
