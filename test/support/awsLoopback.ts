/**
 * Loopback AWS for tests, end-to-end runs and benchmarks: a node:http server on 127.0.0.1 that
 * speaks enough of the real wire protocols for the real SDK v3 clients —
 *
 * - EC2 query protocol (form-encoded POST, XML in the 2016-11-15 namespace): DescribeImages,
 *   DescribeInstances, DescribeLaunchTemplateVersions, with NextToken paging and EC2 error XML;
 * - SSM JSON 1.1 (`X-Amz-Target: AmazonSSM.*`): GetParameter, GetParameterHistory, SendCommand,
 *   GetCommandInvocation (with a simulated file system for the deploy-guard probe);
 * - STS query protocol: GetCallerIdentity, AssumeRole.
 *
 * The SDK is pointed at it through AWS_ENDPOINT_URL_EC2 / _SSM / _STS (returned in `env`), which
 * the SDK honours natively. Region and access key are read from the SigV4 Authorization header.
 * State is a plain object the test builds and may change between calls; faults are injected per
 * API and consumed in order; every request is counted per API.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackImage {
  id: string;
  /** Region the AMI lives in; undefined = every region. */
  region?: string;
  state?: string;
  ownerId?: string;
  creationDate?: string;
  name?: string;
  deprecationTime?: string;
  tags?: Record<string, string>;
}

export interface LoopbackInstance {
  id: string;
  imageId: string;
  region?: string;
  state?: 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';
  launchTime: string | Date;
  tags?: Record<string, string>;
}

export interface LoopbackLaunchTemplate {
  name: string;
  id?: string;
  region?: string;
  defaultVersion?: number;
  versions: { number: number; imageId?: string; createTime: string | Date; createdBy?: string }[];
}

export interface LoopbackParameter {
  region?: string;
  type?: 'String' | 'StringList' | 'SecureString';
  /** Version number of versions[0] (default 1); later entries count up from it. Only the last 100 are kept, as in SSM. */
  firstVersion?: number;
  versions: { value: string; modified: string | Date; user?: string }[];
}

export interface LoopbackProbeInstance {
  region?: string;
  /** Simulated file system: `x` = executable file, `f` = exists but not an executable file. */
  files?: Record<string, 'x' | 'f'>;
  /** Names `command -v` resolves as shell builtins. */
  builtins?: string[];
  /** GetCommandInvocation answers InvocationDoesNotExist this many times first. */
  notFoundPolls?: number;
  /** Statuses returned before the final one (default ['InProgress']). */
  progress?: string[];
  /** Final Status (default Success) and StatusDetails (default: the same). */
  status?: string;
  statusDetails?: string;
  responseCode?: number;
  /** Replaces the simulated stdout (still cut at 24,000 characters like SSM). */
  stdout?: string;
  stderr?: string;
}

export interface LoopbackFault {
  /** API name (e.g. DescribeImages) or '*' for every API. */
  api: string;
  /** How many calls it affects (Infinity = every call). */
  times: number;
  /** error: answer with `code`; reset: drop the connection; hang: never answer; repeat-token: page with the token it was asked with. */
  kind?: 'error' | 'reset' | 'hang' | 'repeat-token';
  code?: string;
  message?: string;
  status?: number;
  region?: string;
}

export interface LoopbackState {
  /** Account of the ambient credentials (default 123456789012). */
  account?: string;
  region?: string;
  images?: LoopbackImage[];
  instances?: LoopbackInstance[];
  launchTemplates?: LoopbackLaunchTemplate[];
  parameters?: Record<string, LoopbackParameter>;
  probe?: Record<string, LoopbackProbeInstance>;
  /** Roles AssumeRole accepts (default: any). */
  roles?: string[];
  assumeRoleDurationSeconds?: number;
  faults?: LoopbackFault[];
  /** Delay before every answer, ms. */
  delayMs?: number;
  /** Page sizes when the request sets none (DescribeImages pages even with ImageIds if set). */
  pageSize?: Partial<Record<'DescribeImages' | 'DescribeInstances' | 'DescribeLaunchTemplateVersions' | 'GetParameterHistory', number>>;
}

export interface LoopbackRequest {
  service: 'ec2' | 'ssm' | 'sts';
  api: string;
  region: string;
  accessKeyId?: string;
  userAgent?: string;
  params: Record<string, unknown>;
}

export interface AwsLoopback {
  url: string;
  env: Record<string, string>;
  /** Requests per API (faulted ones included). */
  calls: Record<string, number>;
  /** Every request (up to 10,000). */
  requests: LoopbackRequest[];
  state: LoopbackState;
  close(): Promise<void>;
}

const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const SSM_OUTPUT_LIMIT = 24_000;
const DEFAULT_ACCOUNT = '123456789012';
const DEFAULT_BUILTINS = ['echo', 'cd', 'test', '[', 'printf', 'command', 'exit', 'set', 'export', 'true', 'false', 'read', 'eval', 'exec', 'shift', 'unset', 'trap', 'wait', 'pwd', 'type'];

class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
const el = (name: string, value: string | number | boolean | undefined): string =>
  value === undefined ? '' : `<${name}>${typeof value === 'string' ? esc(value) : String(value)}</${name}>`;
const iso = (d: string | Date) => (typeof d === 'string' ? new Date(d) : d).toISOString();
const epoch = (d: string | Date) => (typeof d === 'string' ? new Date(d) : d).getTime() / 1000;
const inRegion = (item: { region?: string }, region: string) => item.region === undefined || item.region === region;

let requestCounter = 0;
const requestId = () => `00000000-0000-4000-8000-${(++requestCounter).toString(16).padStart(12, '0')}`;

function tagSet(tags: Record<string, string> | undefined): string {
  const entries = Object.entries(tags ?? {});
  return entries.length === 0 ? '' : `<tagSet>${entries.map(([k, v]) => `<item>${el('key', k)}${el('value', v)}</item>`).join('')}</tagSet>`;
}

/** EC2 list parameter: `Prefix.1`, `Prefix.2`, … */
function list(p: URLSearchParams, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 1; ; i++) {
    const v = p.get(`${prefix}.${i}`);
    if (v === null) return out;
    out.push(v);
  }
}

function filters(p: URLSearchParams): { name: string; values: string[] }[] {
  const out: { name: string; values: string[] }[] = [];
  for (let i = 1; ; i++) {
    const name = p.get(`Filter.${i}.Name`);
    if (name === null) return out;
    out.push({ name, values: list(p, `Filter.${i}.Value`) });
  }
}

const globCache = new Map<string, RegExp>();
function globMatch(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (!/[*?]/.test(pattern)) return pattern === value;
  let re = globCache.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
    globCache.set(pattern, re);
  }
  return re.test(value);
}

function matchFilter(name: string, values: string[], get: (name: string) => string | string[] | undefined | null): boolean {
  const v = get(name);
  if (v === null) throw new ApiError('InvalidParameterValue', `The filter '${name}' is invalid`);
  const have: (string | undefined)[] = Array.isArray(v) ? v : [v];
  return values.some((pattern) => have.some((h) => globMatch(pattern, h)));
}

function paging<T>(items: T[], token: string | null | undefined, size: number, tokenErrorCode: string): { page: T[]; next?: string } {
  let offset = 0;
  if (token && token !== 'dg-repeat') {
    const m = /^dg-(\d+)$/.exec(token);
    if (!m) throw new ApiError(tokenErrorCode, `The token '${token}' is invalid`);
    offset = Number(m[1]);
  }
  const page = items.slice(offset, offset + size);
  const end = offset + size;
  return end < items.length ? { page, next: `dg-${end}` } : { page };
}

function intParam(p: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = p.get(name);
  if (raw === null) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ApiError('InvalidParameterValue', `Value ( ${raw} ) for parameter ${name.charAt(0).toLowerCase()}${name.slice(1)} is invalid. Expecting a value between ${min} and ${max}.`);
  }
  return n;
}

const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const STATE_CODES: Record<string, number> = { pending: 0, running: 16, 'shutting-down': 32, terminated: 48, stopping: 64, stopped: 80 };

interface Ctx {
  state: LoopbackState;
  region: string;
  accessKeyId?: string;
  /** Set when a repeat-token fault applies to this call. */
  repeatToken: boolean;
  roleOfKey: Map<string, { roleArn: string; session: string }>;
  commands: Map<string, CommandRecord>;
}

interface CommandRecord {
  id: string;
  instanceId: string;
  region: string;
  commands: string[];
  polls: number;
  requested: Date;
}

function nextTokenXml(ctx: Ctx, reqToken: string | null, next: string | undefined): string {
  if (ctx.repeatToken) return el('nextToken', reqToken ?? 'dg-repeat');
  return el('nextToken', next);
}

// ---------------------------------------------------------------- EC2

function describeImages(p: URLSearchParams, ctx: Ctx): string {
  const ids = list(p, 'ImageId');
  const owners = list(p, 'Owner');
  const fs = filters(p);
  const includeDeprecated = p.get('IncludeDeprecated') === 'true';
  const includeDisabled = p.get('IncludeDisabled') === 'true';
  const maxResults = intParam(p, 'MaxResults', 6, 1000);
  if (ids.length > 0 && maxResults !== undefined) {
    throw new ApiError('InvalidParameterCombination', 'The parameter ImageIds cannot be used together with the parameter MaxResults');
  }
  const now = Date.now();
  const byId = new Map<string, LoopbackImage>();
  for (const img of ctx.state.images ?? []) if (inRegion(img, ctx.region)) byId.set(img.id, img);
  let images: LoopbackImage[];
  if (ids.length > 0) {
    const malformed = ids.find((id) => !AMI_ID.test(id));
    if (malformed !== undefined) throw new ApiError('InvalidAMIID.Malformed', `Invalid id: "${malformed}" (expecting "ami-...")`);
    const missing = ids.filter((id) => {
      const img = byId.get(id);
      return !img || (img.state === 'disabled' && !includeDisabled);
    });
    if (missing.length === 1) throw new ApiError('InvalidAMIID.NotFound', `The image id '[${missing[0]}]' does not exist`);
    if (missing.length > 1) throw new ApiError('InvalidAMIID.NotFound', `The image ids '[${missing.join(', ')}]' do not exist`);
    images = [...new Set(ids)].map((id) => byId.get(id)!);
  } else {
    images = [...byId.values()].filter(
      (img) =>
        (includeDeprecated || !img.deprecationTime || Date.parse(img.deprecationTime) > now) && (includeDisabled || img.state !== 'disabled'),
    );
  }
  if (owners.length > 0) images = images.filter((img) => owners.includes(img.ownerId ?? ctx.state.account ?? DEFAULT_ACCOUNT) || owners.includes('self'));
  for (const f of fs) {
    images = images.filter((img) =>
      matchFilter(f.name, f.values, (name) => {
        if (name === 'image-id') return img.id;
        if (name === 'owner-id') return img.ownerId ?? ctx.state.account ?? DEFAULT_ACCOUNT;
        if (name === 'name') return img.name;
        if (name === 'state') return img.state ?? 'available';
        if (name === 'tag-key') return Object.keys(img.tags ?? {});
        if (name.startsWith('tag:')) return img.tags?.[name.slice(4)];
        return null;
      }),
    );
  }
  const size = maxResults ?? ctx.state.pageSize?.DescribeImages ?? (ids.length > 0 ? Number.MAX_SAFE_INTEGER : 1000);
  const reqToken = p.get('NextToken');
  const { page, next } = paging(images, reqToken, size, 'InvalidParameterValue');
  const items = page
    .map(
      (img) =>
        `<item>${el('imageId', img.id)}${el('imageLocation', `${img.ownerId ?? DEFAULT_ACCOUNT}/${img.name ?? img.id}`)}${el('imageState', img.state ?? 'available')}` +
        `${el('imageOwnerId', img.ownerId ?? ctx.state.account ?? DEFAULT_ACCOUNT)}${el('creationDate', img.creationDate ?? '2024-01-01T00:00:00.000Z')}` +
        `${el('isPublic', false)}${el('architecture', 'x86_64')}${el('imageType', 'machine')}${el('name', img.name)}` +
        `${el('rootDeviceType', 'ebs')}${el('virtualizationType', 'hvm')}${el('deprecationTime', img.deprecationTime)}${tagSet(img.tags)}</item>`,
    )
    .join('');
  return `<imagesSet>${items}</imagesSet>${nextTokenXml(ctx, reqToken, next)}`;
}

function describeInstances(p: URLSearchParams, ctx: Ctx): string {
  const ids = list(p, 'InstanceId');
  const fs = filters(p);
  const maxResults = intParam(p, 'MaxResults', 5, 1000);
  let instances = (ctx.state.instances ?? []).filter((i) => inRegion(i, ctx.region));
  if (ids.length > 0) instances = instances.filter((i) => ids.includes(i.id));
  for (const f of fs) {
    instances = instances.filter((inst) =>
      matchFilter(f.name, f.values, (name) => {
        if (name === 'instance-state-name') return inst.state ?? 'running';
        if (name === 'image-id') return inst.imageId;
        if (name === 'instance-id') return inst.id;
        if (name === 'tag-key') return Object.keys(inst.tags ?? {});
        if (name.startsWith('tag:')) return inst.tags?.[name.slice(4)];
        return null;
      }),
    );
  }
  const reqToken = p.get('NextToken');
  const { page, next } = paging(instances, reqToken, maxResults ?? ctx.state.pageSize?.DescribeInstances ?? 1000, 'InvalidParameterValue');
  const account = ctx.state.account ?? DEFAULT_ACCOUNT;
  const items = page
    .map((inst) => {
      const st = inst.state ?? 'running';
      return (
        `<item>${el('reservationId', `r-${inst.id.slice(2)}`)}${el('ownerId', account)}<groupSet/><instancesSet><item>` +
        `${el('instanceId', inst.id)}${el('imageId', inst.imageId)}<instanceState>${el('code', STATE_CODES[st] ?? 16)}${el('name', st)}</instanceState>` +
        `${el('instanceType', 't3.micro')}${el('launchTime', iso(inst.launchTime))}${tagSet(inst.tags)}</item></instancesSet></item>`
      );
    })
    .join('');
  return `<reservationSet>${items}</reservationSet>${nextTokenXml(ctx, reqToken, next)}`;
}

function describeLaunchTemplateVersions(p: URLSearchParams, ctx: Ctx): string {
  const name = p.get('LaunchTemplateName');
  const id = p.get('LaunchTemplateId');
  const maxResults = intParam(p, 'MaxResults', 1, 200);
  const templates = (ctx.state.launchTemplates ?? []).filter((t) => inRegion(t, ctx.region));
  const idOf = (t: LoopbackLaunchTemplate) => t.id ?? `lt-${Buffer.from(t.name).toString('hex').padEnd(17, '0').slice(0, 17)}`;
  const lt = templates.find((t) => (name !== null ? t.name === name : id !== null && idOf(t) === id));
  if (!lt) {
    if (name !== null) throw new ApiError('InvalidLaunchTemplateName.NotFoundException', 'At least one of the launch templates specified in the request does not exist.');
    throw new ApiError('InvalidLaunchTemplateId.NotFound', `The specified launch template, with template ID ${id ?? ''}, does not exist.`);
  }
  const sorted = [...lt.versions].sort((a, b) => a.number - b.number);
  const latest = sorted[sorted.length - 1]?.number ?? 1;
  const def = lt.defaultVersion ?? sorted[0]?.number ?? 1;
  const asked = list(p, 'LaunchTemplateVersion');
  let versions = sorted;
  if (asked.length > 0) {
    const nums = new Set(asked.map((v) => (v === '$Latest' ? latest : v === '$Default' ? def : Number(v))));
    versions = sorted.filter((v) => nums.has(v.number));
  }
  versions = [...versions].sort((a, b) => b.number - a.number); // EC2 lists newest first
  const reqToken = p.get('NextToken');
  const { page, next } = paging(versions, reqToken, maxResults ?? ctx.state.pageSize?.DescribeLaunchTemplateVersions ?? 200, 'InvalidParameterValue');
  const items = page
    .map(
      (v) =>
        `<item>${el('launchTemplateId', idOf(lt))}${el('launchTemplateName', lt.name)}${el('versionNumber', v.number)}` +
        `${el('createTime', iso(v.createTime))}${el('createdBy', v.createdBy)}${el('defaultVersion', v.number === def)}` +
        `<launchTemplateData>${el('imageId', v.imageId)}${el('instanceType', 't3.micro')}</launchTemplateData></item>`,
    )
    .join('');
  return `<launchTemplateVersionSet>${items}</launchTemplateVersionSet>${nextTokenXml(ctx, reqToken, next)}`;
}

const EC2_APIS: Record<string, (p: URLSearchParams, ctx: Ctx) => string> = {
  DescribeImages: describeImages,
  DescribeInstances: describeInstances,
  DescribeLaunchTemplateVersions: describeLaunchTemplateVersions,
};

// ---------------------------------------------------------------- SSM

interface ParamVersion {
  version: number;
  value: string;
  modified: string | Date;
  user?: string;
}

function keptVersions(p: LoopbackParameter): ParamVersion[] {
  const first = p.firstVersion ?? 1;
  return p.versions.map((v, i) => ({ ...v, version: first + i })).slice(-100);
}

function findParameter(ctx: Ctx, name: string): LoopbackParameter {
  const p = ctx.state.parameters?.[name];
  if (!p || !inRegion(p, ctx.region)) throw new ApiError('ParameterNotFound', '');
  return p;
}

function paramJson(name: string, p: LoopbackParameter, v: ParamVersion, ctx: Ctx, history: boolean) {
  return {
    Name: name,
    Type: p.type ?? 'String',
    Value: v.value,
    Version: v.version,
    LastModifiedDate: epoch(v.modified),
    ...(history ? { LastModifiedUser: v.user ?? `arn:aws:iam::${ctx.state.account ?? DEFAULT_ACCOUNT}:user/loopback`, Labels: [], Tier: 'Standard', Policies: [] } : {}),
    ...(history ? {} : { ARN: `arn:aws:ssm:${ctx.region}:${ctx.state.account ?? DEFAULT_ACCOUNT}:parameter${name.startsWith('/') ? '' : '/'}${name}` }),
    DataType: 'text',
  };
}

function getParameter(body: Record<string, unknown>, ctx: Ctx): unknown {
  const raw = String(body.Name ?? '');
  const m = /^(.*?)(?::(\d+))?$/.exec(raw)!;
  const name = m[1]!;
  const p = findParameter(ctx, name);
  const kept = keptVersions(p);
  const v = m[2] !== undefined ? kept.find((x) => x.version === Number(m[2])) : kept[kept.length - 1];
  if (!v) throw new ApiError('ParameterVersionNotFound', `Systems Manager could not find version ${m[2]} of ${name}.`);
  return { Parameter: paramJson(name, p, v, ctx, false) };
}

function getParameterHistory(body: Record<string, unknown>, ctx: Ctx): unknown {
  const name = String(body.Name ?? '');
  const max = body.MaxResults === undefined ? undefined : Number(body.MaxResults);
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 50)) {
    throw new ApiError('ValidationException', `1 validation error detected: Value '${String(body.MaxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50`);
  }
  const p = findParameter(ctx, name);
  const reqToken = typeof body.NextToken === 'string' ? body.NextToken : undefined;
  const { page, next } = paging(keptVersions(p), reqToken, max ?? ctx.state.pageSize?.GetParameterHistory ?? 50, 'InvalidNextToken');
  const token = ctx.repeatToken ? (reqToken ?? 'dg-repeat') : next;
  return { Parameters: page.map((v) => paramJson(name, p, v, ctx, true)), ...(token ? { NextToken: token } : {}) };
}

function sendCommand(body: Record<string, unknown>, ctx: Ctx): unknown {
  if (body.DocumentName !== 'AWS-RunShellScript') throw new ApiError('InvalidDocument', `Document with name ${String(body.DocumentName)} does not exist.`);
  const ids = body.InstanceIds;
  if (!Array.isArray(ids) || ids.length !== 1 || typeof ids[0] !== 'string') throw new ApiError('InvalidInstanceId', 'exactly one instance id expected by the loopback');
  const instanceId = ids[0];
  const inst = ctx.state.probe?.[instanceId];
  if (!inst || !inRegion(inst, ctx.region)) throw new ApiError('InvalidInstanceId', `Instances [[${instanceId}]] not in a valid state for account ${ctx.state.account ?? DEFAULT_ACCOUNT}`);
  const params = body.Parameters as Record<string, unknown> | undefined;
  const commands = params?.commands;
  if (!Array.isArray(commands) || !commands.every((c) => typeof c === 'string')) throw new ApiError('InvalidParameters', 'commands must be a list of strings');
  const id = `${Date.now().toString(16)}-${(++requestCounter).toString(16)}-0000-0000-loopback`.slice(0, 36);
  const rec: CommandRecord = { id, instanceId, region: ctx.region, commands: commands as string[], polls: 0, requested: new Date() };
  ctx.commands.set(id, rec);
  return {
    Command: {
      CommandId: id,
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: [instanceId],
      Parameters: params,
      Status: 'Pending',
      StatusDetails: 'Pending',
      RequestedDateTime: epoch(rec.requested),
      Comment: body.Comment,
      TargetCount: 1,
    },
  };
}

/** Simulate the deploy-guard probe script from its data lines against the instance's file model. */
export function simulateProbe(commands: string[], inst: LoopbackProbeInstance): string {
  const files = inst.files ?? {};
  const builtins = new Set(inst.builtins ?? DEFAULT_BUILTINS);
  const quoted = (line: string, prefix: string) => {
    const m = new RegExp(`^${prefix}'([^']*)'$`).exec(line);
    return m?.[1];
  };
  let runPath: string[] = [];
  const lookup = (name: string): string => {
    if (name === '') return '';
    if (builtins.has(name)) return name;
    for (const dir of runPath) if (files[`${dir}/${name}`] === 'x') return `${dir}/${name}`;
    return '';
  };
  const out: string[] = [];
  let n = 0;
  for (const line of commands) {
    if (line === "printf 'DG-PROBE\\tBEGIN\\t1\\n'") out.push('DG-PROBE\tBEGIN\t1');
    const rp = quoted(line, 'DG_RUN_PATH=');
    if (rp !== undefined) runPath = rp.split(':');
    const path = quoted(line, 'dg_path ');
    if (path !== undefined) {
      n++;
      const s = files[path] ?? '-';
      const alt = s === 'x' ? '' : lookup(path.slice(path.lastIndexOf('/') + 1));
      out.push(`P\t${path}\t${s}\t${alt}`);
    }
    const name = quoted(line, 'dg_name ');
    if (name !== undefined) {
      n++;
      out.push(`N\t${name}\t${lookup(name)}`);
    }
    if (line === 'dg_end') out.push(`DG-PROBE\tEND\t${n}`);
  }
  return out.map((l) => `${l}\n`).join('');
}

function getCommandInvocation(body: Record<string, unknown>, ctx: Ctx): unknown {
  const rec = ctx.commands.get(String(body.CommandId ?? ''));
  if (!rec || rec.instanceId !== body.InstanceId || rec.region !== ctx.region) throw new ApiError('InvocationDoesNotExist', '');
  const inst = ctx.state.probe?.[rec.instanceId] ?? {};
  const poll = rec.polls++;
  const notFound = inst.notFoundPolls ?? 0;
  if (poll < notFound) throw new ApiError('InvocationDoesNotExist', '');
  const progress = inst.progress ?? ['InProgress'];
  const base = {
    CommandId: rec.id,
    InstanceId: rec.instanceId,
    DocumentName: 'AWS-RunShellScript',
    DocumentVersion: '$DEFAULT',
    PluginName: 'aws:runShellScript',
    ExecutionStartDateTime: rec.requested.toISOString(),
  };
  const step = poll - notFound;
  if (step < progress.length) {
    const st = progress[step]!;
    return { ...base, Status: st, StatusDetails: st, ResponseCode: -1, StandardOutputContent: '', StandardErrorContent: '' };
  }
  const status = inst.status ?? 'Success';
  const stdout = inst.stdout ?? (status === 'Success' ? simulateProbe(rec.commands, inst) : '');
  return {
    ...base,
    Status: status,
    StatusDetails: inst.statusDetails ?? status,
    ResponseCode: inst.responseCode ?? (status === 'Success' ? 0 : 1),
    StandardOutputContent: stdout.slice(0, SSM_OUTPUT_LIMIT),
    StandardErrorContent: (inst.stderr ?? '').slice(0, 8000),
    ExecutionEndDateTime: new Date().toISOString(),
  };
}

const SSM_APIS: Record<string, (body: Record<string, unknown>, ctx: Ctx) => unknown> = {
  GetParameter: getParameter,
  GetParameterHistory: getParameterHistory,
  SendCommand: sendCommand,
  GetCommandInvocation: getCommandInvocation,
};

// ---------------------------------------------------------------- STS

let keyCounter = 0;

function getCallerIdentity(_p: URLSearchParams, ctx: Ctx): string {
  const assumed = ctx.accessKeyId ? ctx.roleOfKey.get(ctx.accessKeyId) : undefined;
  if (assumed) {
    const m = /^arn:[a-z-]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(assumed.roleArn);
    const account = m?.[1] ?? DEFAULT_ACCOUNT;
    return `<GetCallerIdentityResult>${el('Arn', `arn:aws:sts::${account}:assumed-role/${m?.[2] ?? 'role'}/${assumed.session}`)}${el('UserId', `AROALOOPBACK:${assumed.session}`)}${el('Account', account)}</GetCallerIdentityResult>`;
  }
  const account = ctx.state.account ?? DEFAULT_ACCOUNT;
  return `<GetCallerIdentityResult>${el('Arn', `arn:aws:iam::${account}:user/loopback`)}${el('UserId', 'AIDALOOPBACK')}${el('Account', account)}</GetCallerIdentityResult>`;
}

function assumeRole(p: URLSearchParams, ctx: Ctx): string {
  const roleArn = p.get('RoleArn') ?? '';
  const session = p.get('RoleSessionName') ?? '';
  if (ctx.state.roles && !ctx.state.roles.includes(roleArn)) {
    throw new ApiError('AccessDenied', `User: arn:aws:iam::${ctx.state.account ?? DEFAULT_ACCOUNT}:user/loopback is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
  }
  const key = `ASIALOOPBACK${(++keyCounter).toString().padStart(8, '0')}`;
  ctx.roleOfKey.set(key, { roleArn, session });
  const expiration = new Date(Date.now() + (ctx.state.assumeRoleDurationSeconds ?? 3600) * 1000).toISOString();
  return (
    `<AssumeRoleResult><Credentials>${el('AccessKeyId', key)}${el('SecretAccessKey', 'loopback-secret')}${el('SessionToken', `loopback-token-${keyCounter}`)}` +
    `${el('Expiration', expiration)}</Credentials><AssumedRoleUser>${el('Arn', `${roleArn.replace(':iam::', ':sts::').replace(':role/', ':assumed-role/')}/${session}`)}` +
    `${el('AssumedRoleId', `AROALOOPBACK:${session}`)}</AssumedRoleUser></AssumeRoleResult>`
  );
}

const STS_APIS: Record<string, (p: URLSearchParams, ctx: Ctx) => string> = {
  GetCallerIdentity: getCallerIdentity,
  AssumeRole: assumeRole,
};

// ---------------------------------------------------------------- server

function defaultStatus(code: string): number {
  if (code === 'RequestLimitExceeded' || /Unavailable/.test(code)) return 503;
  if (/^Internal/.test(code)) return 500;
  if (code === 'AuthFailure') return 401;
  if (/AccessDenied|Unauthorized/.test(code)) return 403;
  return 400;
}

export async function startAwsLoopback(state: LoopbackState = {}): Promise<AwsLoopback> {
  const calls: Record<string, number> = {};
  const requests: LoopbackRequest[] = [];
  const roleOfKey = new Map<string, { roleArn: string; session: string }>();
  const commands = new Map<string, CommandRecord>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const auth = String(req.headers.authorization ?? '');
      const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth);
      const region = scope?.[2] ?? state.region ?? 'us-east-1';
      const accessKeyId = scope?.[1];
      const target = req.headers['x-amz-target'];
      let service: 'ec2' | 'ssm' | 'sts';
      let api: string;
      let params: Record<string, unknown>;
      let form: URLSearchParams | undefined;
      let json: Record<string, unknown> = {};
      if (typeof target === 'string' && target.startsWith('AmazonSSM.')) {
        service = 'ssm';
        api = target.slice('AmazonSSM.'.length);
        try {
          json = body ? (JSON.parse(body) as Record<string, unknown>) : {};
        } catch {
          json = {};
        }
        params = json;
      } else {
        form = new URLSearchParams(body);
        api = form.get('Action') ?? '';
        service = form.get('Version') === '2011-06-15' ? 'sts' : 'ec2';
        params = Object.fromEntries(form);
      }
      calls[api] = (calls[api] ?? 0) + 1;
      if (requests.length < 10_000) {
        requests.push({ service, api, region, ...(accessKeyId ? { accessKeyId } : {}), ...(req.headers['user-agent'] ? { userAgent: String(req.headers['user-agent']) } : {}), params });
      }

      const fault = (state.faults ?? []).find((f) => f.times > 0 && (f.api === api || f.api === '*') && (f.region === undefined || f.region === region));
      if (fault) fault.times--;
      const kind = fault ? (fault.kind ?? 'error') : undefined;
      if (kind === 'hang') return; // never answer; the client's timeout fires
      if (kind === 'reset') {
        req.socket.destroy();
        return;
      }
      const ctx: Ctx = { state, region, ...(accessKeyId ? { accessKeyId } : {}), repeatToken: kind === 'repeat-token', roleOfKey, commands };

      let status = 200;
      let contentType = service === 'ssm' ? 'application/x-amz-json-1.1' : 'text/xml;charset=UTF-8';
      let payload: string;
      const rid = requestId();
      try {
        if (!auth) throw new ApiError(service === 'ec2' ? 'AuthFailure' : 'MissingAuthenticationToken', 'Request is missing Authentication Token', service === 'ec2' ? 401 : 403);
        if (kind === 'error') throw new ApiError(fault!.code ?? 'InternalError', fault!.message ?? `Injected fault ${fault!.code ?? 'InternalError'}`, fault!.status ?? defaultStatus(fault!.code ?? 'InternalError'));
        if (service === 'ssm') {
          const fn = SSM_APIS[api];
          if (!fn) throw new ApiError('UnknownOperationException', `Unknown operation ${api}`);
          payload = JSON.stringify(fn(json, ctx));
        } else if (service === 'sts') {
          const fn = STS_APIS[api];
          if (!fn) throw new ApiError('InvalidAction', `Could not find operation ${api}`);
          payload = `<?xml version="1.0" encoding="UTF-8"?>\n<${api}Response xmlns="${STS_NS}">${fn(form!, ctx)}<ResponseMetadata>${el('RequestId', rid)}</ResponseMetadata></${api}Response>`;
        } else {
          const fn = EC2_APIS[api];
          if (!fn) throw new ApiError('InvalidAction', `The action ${api} is not valid for this web service.`);
          payload = `<?xml version="1.0" encoding="UTF-8"?>\n<${api}Response xmlns="${EC2_NS}">${el('requestId', rid)}${fn(form!, ctx)}</${api}Response>`;
        }
      } catch (err) {
        const e = err instanceof ApiError ? err : new ApiError('InternalError', String(err), 500);
        status = e.status;
        if (service === 'ssm') {
          contentType = 'application/x-amz-json-1.1';
          payload = JSON.stringify({ __type: e.code, message: e.message });
        } else if (service === 'sts') {
          payload = `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${STS_NS}"><Error>${el('Type', status >= 500 ? 'Receiver' : 'Sender')}${el('Code', e.code)}${el('Message', e.message)}</Error>${el('RequestId', rid)}</ErrorResponse>`;
        } else {
          payload = `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>${el('Code', e.code)}${el('Message', e.message)}</Error></Errors>${el('RequestID', rid)}</Response>`;
        }
      }
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(payload), 'x-amzn-requestid': rid, 'x-amz-request-id': rid });
        res.end(payload);
      };
      if (state.delayMs && state.delayMs > 0) setTimeout(send, state.delayMs);
      else send();
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const env: Record<string, string> = {
    AWS_ENDPOINT_URL_EC2: url,
    AWS_ENDPOINT_URL_SSM: url,
    AWS_ENDPOINT_URL_STS: url,
    AWS_ACCESS_KEY_ID: 'AKIDLOOPBACK00000000',
    AWS_SECRET_ACCESS_KEY: 'loopback-secret',
    AWS_REGION: state.region ?? 'us-east-1',
    // Never reach out to instance metadata or read a developer's ~/.aws files.
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_CONFIG_FILE: '/dev/null',
  };
  return {
    url,
    env,
    calls,
    requests,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
