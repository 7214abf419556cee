// Promotable values: the things that travel from one environment to the next (AMI ids, AMI lookups,
// module refs and registry versions, image ids/tags in SSM parameter values), read from the parsed
// Terraform of one file. Pure: the same function reads the working tree, the merge base and history.
import { AMI_ID_PATTERN, type TerraformAnalysis } from '../parse/terraform.js';

export type PromotableKind = 'ami' | 'ami-lookup' | 'module' | 'ssm-value';

export interface PromotableValue {
  kind: PromotableKind;
  /** What the value is of: the module source without its ref/version (module); '' for the others, which travel by value alone. */
  key: string;
  value: string;
  /** Human text for messages, e.g. `ami-0abc…` or `v1.4.0 of git::https://…/net.git//vpc`. */
  label: string;
  /**
   * Literal strings at least one of which sits on every line that adds or removes this value, so that
   * `git log -G` over them finds every commit where the value came or went.
   */
  needles: string[];
}

export interface ValueOccurrence extends PromotableValue {
  file: string;
  line: number;
  column: number;
}

/** Identity of a value across files, environments and commits. */
export function valueId(value: Pick<PromotableValue, 'kind' | 'key' | 'value'>): string {
  return `${value.kind}\u0000${value.key}\u0000${value.value}`;
}

/** AMIs and AMI lookups are the soak family's (DG101/DG102) once it weighs AWS evidence; see rules/promotion. */
export function isAmiValue(value: Pick<PromotableValue, 'kind'>): boolean {
  return value.kind === 'ami' || value.kind === 'ami-lookup';
}

/** `git::https://x/net.git//vpc?ref=v1&depth=1` → `git::https://x/net.git//vpc?depth=1`: the source a ref or version belongs to. */
export function moduleKey(source: string): string {
  const question = source.indexOf('?');
  if (question < 0) return source;
  const kept = source
    .slice(question + 1)
    .split('&')
    .filter((part) => part !== '' && !/^(ref|version)=/.test(part));
  return kept.length > 0 ? `${source.slice(0, question)}?${kept.join('&')}` : source.slice(0, question);
}

/** The `version=` query parameter of a Terragrunt `tfr://` source, which the grammar leaves inside the source string. */
function queryVersion(source: string): string | undefined {
  const query = source.split('?')[1];
  if (!query) return undefined;
  for (const part of query.split('&')) if (part.startsWith('version=') && part.length > 'version='.length) return decodeURIComponent(part.slice(8));
  return undefined;
}

// Container images with a tag or digest (registry/repo:tag, repo@sha256:…) or version-like tags in a
// parameter whose name says it holds an image, tag, version or release.
const CONTAINER_IMAGE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)+(?::[\w][\w.-]{0,127}|@sha256:[0-9a-f]{64})$/;
const IMAGE_PARAMETER_NAME = /(image|ami|tag|version|release|artifact|build)/i;
const SINGLE_TOKEN = /^[\w.:@/+-]{1,256}$/;

export function isImageLikeParameterValue(name: string, value: string): boolean {
  if (CONTAINER_IMAGE.test(value)) return true;
  return IMAGE_PARAMETER_NAME.test(name) && SINGLE_TOKEN.test(value) && !/^(true|false|null|\d{1,5})$/i.test(value);
}

/** Every promotable value in one parsed file, with its position; duplicates (same value twice) kept. */
export function promotableValuesIn(path: string, analysis: TerraformAnalysis): ValueOccurrence[] {
  const found: ValueOccurrence[] = [];
  for (const ref of analysis.amis) {
    if (!AMI_ID_PATTERN.test(ref.ami)) continue;
    found.push({ kind: 'ami', key: '', value: ref.ami, label: ref.ami, needles: [ref.ami], file: path, line: ref.line, column: ref.column });
  }
  for (const lookup of analysis.amiLookups) {
    // A most_recent lookup selects "whatever is newest": it is no value at all (DG105 reports it).
    if (lookup.mostRecent) continue;
    const filters = [...lookup.filters]
      .map((filter) => `${filter.name}=[${[...filter.values].sort().join(',')}]`)
      .sort();
    const parts = [`owners=[${[...lookup.owners].sort().join(',')}]`, ...(lookup.nameRegex ? [`name_regex=${lookup.nameRegex}`] : []), ...filters];
    const needles = [...lookup.owners, ...lookup.filters.flatMap((filter) => filter.values), ...(lookup.nameRegex ? [lookup.nameRegex] : [])].filter((needle) => needle.length > 0);
    if (needles.length === 0) continue;
    const value = parts.join(' ');
    found.push({ kind: 'ami-lookup', key: '', value, label: `the AMI lookup ${value}`, needles, file: path, line: lookup.line, column: lookup.column });
  }
  for (const call of analysis.modules) {
    if (call.local) continue;
    const version = call.ref ?? call.version ?? queryVersion(call.source);
    if (!version) continue;
    const key = moduleKey(call.source);
    const position = call.ref === undefined && call.version !== undefined && call.versionPos ? call.versionPos : call.sourcePos;
    const what = call.ref !== undefined ? `ref ${version}` : `version ${version}`;
    found.push({ kind: 'module', key, value: version, label: `${what} of module source ${key}`, needles: [version], file: path, line: position.line, column: position.column });
  }
  for (const parameter of analysis.ssmParameters) {
    const value = parameter.value;
    if (parameter.kind !== 'resource' || value === undefined || AMI_ID_PATTERN.test(value)) continue;
    if (!isImageLikeParameterValue(parameter.name, value)) continue;
    found.push({
      kind: 'ssm-value',
      key: '',
      value,
      label: `"${value}" (SSM parameter ${parameter.name})`,
      needles: [value],
      file: path,
      line: parameter.line,
      column: parameter.column,
    });
  }
  return found;
}
