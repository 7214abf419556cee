/**
 * Evidence errors of the AWS adapters.
 *
 * Adapters gather facts; they never decide outcomes. Whenever a fact cannot be read completely
 * and truthfully, the adapter throws an {@link AwsEvidenceError} that says which API call, account,
 * region and environment were affected and how to fix it. Callers turn it into DG104 / DG206
 * ("could not evaluate"): a guard that passes because it could not look is the worst guard.
 */

/** Machine-readable cause of an {@link AwsEvidenceError}. */
export type AwsEvidenceReason =
  | 'no-credentials'
  | 'invalid-credentials'
  | 'access-denied'
  | 'region-not-enabled'
  | 'throttled'
  | 'unreachable'
  | 'service-error'
  | 'repeated-page-token'
  | 'too-many-pages'
  | 'truncated'
  | 'unreadable'
  | 'account-mismatch'
  | 'not-found'
  | 'probe-failed'
  | 'probe-timeout'
  | 'unexpected';

export type AwsService = 'ec2' | 'ssm' | 'sts';

/** Where a read happened: enough to name it in a message and to write the fix sentence. */
export interface EvidenceContext {
  service: AwsService;
  /** API operation name as in IAM and CloudTrail, e.g. `DescribeImages`. */
  api: string;
  region: string;
  environment: string;
  /** Account the read was meant for (configured, verified, or taken from the role ARN). */
  account?: string;
  /** Role the reads run as (`role-arn`), if one is configured. */
  roleArn?: string;
  /** Retry budget in force, for the throttling fix sentence. */
  maxAttempts?: number;
  /** What was being read (parameter name, launch template, instance…), for the message. */
  resource?: string;
}

export interface AwsEvidenceErrorInit {
  api: string;
  region: string;
  account?: string;
  environment: string;
  reason: AwsEvidenceReason;
  /** Human description of what went wrong (without API/region/account, which the message adds). */
  detail: string;
  /** One sentence telling the user how to fix it. */
  fix: string;
  resource?: string;
  attempts?: number;
  cause?: unknown;
}

/** A fact could not be read. Never overridable, never swallowed. */
export class AwsEvidenceError extends Error {
  override readonly name = 'AwsEvidenceError';
  readonly api: string;
  readonly region: string;
  readonly account?: string;
  readonly environment: string;
  readonly reason: AwsEvidenceReason;
  readonly detail: string;
  readonly fix: string;
  readonly resource?: string;
  /** Attempts the SDK made (retries included), when known. */
  readonly attempts?: number;

  constructor(init: AwsEvidenceErrorInit) {
    const where = `${init.api} in ${init.region} (account ${init.account ?? 'not verified'}, environment ${init.environment})`;
    const what = init.resource ? ` for ${init.resource}` : '';
    super(`${where}${what} could not be read: ${init.detail}. Fix: ${init.fix}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.api = init.api;
    this.region = init.region;
    if (init.account !== undefined) this.account = init.account;
    this.environment = init.environment;
    this.reason = init.reason;
    this.detail = init.detail;
    this.fix = init.fix;
    if (init.resource !== undefined) this.resource = init.resource;
    if (init.attempts !== undefined) this.attempts = init.attempts;
  }
}

export function isAwsEvidenceError(err: unknown): err is AwsEvidenceError {
  return err instanceof AwsEvidenceError;
}

/** Build an AwsEvidenceError from a context (for failures the adapters detect themselves). */
export function evidenceError(
  ctx: EvidenceContext,
  reason: AwsEvidenceReason,
  detail: string,
  fix: string,
  extra: { attempts?: number; cause?: unknown } = {},
): AwsEvidenceError {
  return new AwsEvidenceError({
    api: ctx.api,
    region: ctx.region,
    ...(ctx.account !== undefined ? { account: ctx.account } : {}),
    environment: ctx.environment,
    reason,
    detail,
    fix,
    ...(ctx.resource !== undefined ? { resource: ctx.resource } : {}),
    ...extra,
  });
}

const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'TooManyUpdates',
  'ProvisionedThroughputExceededException',
  'EC2ThrottledException',
  'SlowDown',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'PriorRequestNotComplete',
]);

const INVALID_CREDENTIAL_CODES = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'IncompleteSignature',
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'InvalidAccessKeyId',
  'MissingAuthenticationToken',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { attempts?: unknown; httpStatusCode?: unknown };
  cause?: unknown;
}

function shape(err: unknown): SdkErrorShape {
  return typeof err === 'object' && err !== null ? (err as SdkErrorShape) : {};
}

/** Error code of an SDK or Node error (service code, Node `code`, or name). */
export function errorCode(err: unknown): string {
  const e = shape(err);
  if (typeof e.Code === 'string' && e.Code) return e.Code;
  if (typeof e.name === 'string' && e.name && e.name !== 'Error') return e.name;
  if (typeof e.code === 'string' && e.code) return e.code;
  return typeof e.name === 'string' ? e.name : 'Error';
}

function errorMessage(err: unknown): string {
  const e = shape(err);
  if (typeof e.message === 'string') return e.message;
  return String(err);
}

function attemptsOf(err: unknown): number | undefined {
  const a = shape(err).$metadata?.attempts;
  return typeof a === 'number' ? a : undefined;
}

function statusOf(err: unknown): number | undefined {
  const s = shape(err).$metadata?.httpStatusCode;
  return typeof s === 'number' ? s : undefined;
}

/** Node network error codes can sit on the error itself or on its cause chain. */
function networkCode(err: unknown): string | undefined {
  let cur: unknown = err;
  for (let depth = 0; depth < 5 && cur; depth++) {
    const e = shape(cur);
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
    if (typeof e.name === 'string' && (e.name === 'TimeoutError' || e.name === 'RequestTimeout' || e.name === 'AbortError')) {
      return e.name;
    }
    cur = e.cause;
  }
  return undefined;
}

/** The IAM action behind an API call, e.g. `ec2:DescribeImages`. */
export function iamAction(ctx: Pick<EvidenceContext, 'service' | 'api'>): string {
  return `${ctx.service}:${ctx.api}`;
}

function principal(ctx: EvidenceContext): string {
  return ctx.roleArn ? `role ${ctx.roleArn}` : "the workflow's AWS credentials";
}

/**
 * Map any error thrown while reading AWS evidence to an {@link AwsEvidenceError}.
 * An AwsEvidenceError passes through unchanged (so credential-provider errors raised by the
 * session keep their own context).
 */
export function toEvidenceError(err: unknown, ctx: EvidenceContext): AwsEvidenceError {
  if (err instanceof AwsEvidenceError) return err;
  const code = errorCode(err);
  const message = errorMessage(err);
  const attempts = attemptsOf(err);
  const status = statusOf(err);
  const base = { cause: err, ...(attempts !== undefined ? { attempts } : {}) };
  const said = `${code}: ${message}`;

  if (code === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return evidenceError(
      ctx,
      'no-credentials',
      `no AWS credentials were found (${said})`,
      ctx.roleArn
        ? `configure credentials with aws-actions/configure-aws-credentials before deploy-guard runs, so that they can assume ${ctx.roleArn}`
        : 'configure credentials with aws-actions/configure-aws-credentials (OIDC role, `permissions: id-token: write`) before deploy-guard runs',
      base,
    );
  }
  if (code === 'OptInRequired') {
    return evidenceError(
      ctx,
      'region-not-enabled',
      `the region is not enabled for this account (${said})`,
      `enable region ${ctx.region} for the account or remove it from environments.${ctx.environment}.aws.regions`,
      base,
    );
  }
  if (/^AccessDenied/.test(code) || code === 'UnauthorizedOperation' || code === 'UnauthorizedAccess' || (status === 403 && !INVALID_CREDENTIAL_CODES.has(code))) {
    const action = iamAction(ctx);
    const fix =
      ctx.service === 'sts' && ctx.api === 'AssumeRole'
        ? `allow the workflow's AWS credentials to assume ${ctx.roleArn ?? 'the role'} (sts:AssumeRole in their policy and in the role's trust policy)`
        : `grant ${action} to ${principal(ctx)}${ctx.account ? ` in account ${ctx.account}` : ''}`;
    return evidenceError(ctx, 'access-denied', `access was denied (${said})`, fix, base);
  }
  if (INVALID_CREDENTIAL_CODES.has(code)) {
    return evidenceError(
      ctx,
      'invalid-credentials',
      `the credentials were rejected (${said})`,
      'configure valid, unexpired credentials with aws-actions/configure-aws-credentials and check the runner clock',
      base,
    );
  }
  if (THROTTLING_CODES.has(code) || status === 429) {
    return evidenceError(
      ctx,
      'throttled',
      `throttled past the retry budget${attempts !== undefined ? ` after ${attempts} attempts` : ''} (${said})`,
      `raise max-attempts (now ${ctx.maxAttempts ?? 'default'}), lower the concurrency, or run when the account's ${ctx.service.toUpperCase()} API is less busy`,
      base,
    );
  }
  const net = networkCode(err);
  if (net) {
    return evidenceError(
      ctx,
      'unreachable',
      `the ${ctx.service.toUpperCase()} endpoint did not answer${attempts !== undefined ? ` after ${attempts} attempts` : ''} (${net}: ${message})`,
      `check that region ${ctx.region} is enabled and reachable from the runner (network, proxy, VPC endpoint) and that AWS_ENDPOINT_URL_${ctx.service.toUpperCase()} is unset or correct; raise max-attempts if the network is flaky`,
      base,
    );
  }
  if (shape(err).$fault === 'server' || (status !== undefined && status >= 500)) {
    return evidenceError(
      ctx,
      'service-error',
      `the service failed${attempts !== undefined ? ` after ${attempts} attempts` : ''} (${said})`,
      'rerun the workflow; raise max-attempts if this repeats',
      base,
    );
  }
  return evidenceError(ctx, 'unexpected', `unexpected error (${said})`, 'check the error above; rerun, and report it if it persists', base);
}
