/**
 * AWS session for one environment: lazily created SDK v3 clients (one per service and region),
 * optional cross-account role, account guard, retry budget, user agent and bounded concurrency.
 *
 * Endpoints: the SDK itself honours AWS_ENDPOINT_URL_EC2 / AWS_ENDPOINT_URL_SSM /
 * AWS_ENDPOINT_URL_STS (and AWS_ENDPOINT_URL) when no `endpoint` is set in code — which is why no
 * endpoint is ever set here. The loopback test server relies on that.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
// `@smithy/core` is the SDK's own runtime (single version in the tree, a direct dependency of every
// client). ConfiguredRetryStrategy is the SDK's *standard* retry strategy with a custom backoff; it is
// only used when a test injects `retryDelayMs`.
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { evidenceError, toEvidenceError, type AwsService, type EvidenceContext } from './errors.js';

export interface AwsTarget {
  /** Environment name (for messages and fixes). */
  environment: string;
  regions: string[];
  /** Role to assume for every read (cross-account). Without it, the ambient credentials are used. */
  roleArn?: string;
  /** Guard: refuse to read evidence from any other account. */
  accountId?: string;
}

export interface AwsOptions {
  /** Attempts per API call, retries included. Values below 4 are raised to 4 (DESIGN §7). */
  maxAttempts: number;
  /** Appended to the SDK user agent, e.g. `deploy-guard/0.1.0`. */
  userAgent: string;
  /**
   * Backoff before retry number `attempt` (1 = first retry), in ms. Injectable so tests never wait.
   * Default: the SDK standard mode's exponential backoff with jitter.
   */
  retryDelayMs?: (attempt: number) => number;
  /** Requests in flight at once per region (all services together). Default 8. */
  concurrency?: number;
  /** TCP connect timeout per attempt, ms. Default 10 000. */
  connectTimeoutMs?: number;
  /** Whole-request timeout per attempt, ms (a region that does not answer). Default 60 000. */
  requestTimeoutMs?: number;
}

export const MIN_MAX_ATTEMPTS = 4;
export const DEFAULT_CONCURRENCY = 8;
export const ROLE_SESSION_NAME = 'deploy-guard';
/** Assumed-role credentials are refreshed when less than this much validity is left (or half their lifetime, if shorter). */
export const CREDENTIAL_REFRESH_MARGIN_MS = 10 * 60 * 1000;

/** Counting semaphore (FIFO). */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  }

  async acquire(): Promise<() => void> {
    if (this.active < this.limit) {
      this.active++;
    } else {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

interface HeldCredentials {
  creds: TemporaryCredentials;
  /** Refresh once less than this is left: the margin, or half the lifetime for short sessions. */
  refreshBeforeMs: number;
}

/** Account id from an IAM role ARN (`arn:aws:iam::111111111111:role/x`). */
export function accountOfArn(arn: string | undefined): string | undefined {
  const m = arn ? /^arn:[a-z-]+:(?:iam|sts)::(\d{12}):/.exec(arn) : null;
  return m?.[1];
}

type Middlewared = EC2Client | SSMClient | STSClient;

export class AwsSession {
  readonly target: AwsTarget;
  readonly options: AwsOptions;
  readonly maxAttempts: number;
  private readonly ec2Clients = new Map<string, EC2Client>();
  private readonly ssmClients = new Map<string, SSMClient>();
  private readonly stsClients = new Map<string, STSClient>();
  private readonly limiters = new Map<string, Semaphore>();
  private ambientSts?: STSClient;
  private assumed?: HeldCredentials;
  private assuming?: Promise<TemporaryCredentials>;
  private accountPromise?: Promise<string>;
  private verifiedAccount?: string;
  /** Number of AssumeRole calls made (observability / tests). */
  assumeRoleCalls = 0;

  constructor(target: AwsTarget, options: AwsOptions) {
    this.target = { ...target, regions: [...target.regions] };
    this.options = { ...options };
    const requested = Number.isFinite(options.maxAttempts) ? Math.floor(options.maxAttempts) : MIN_MAX_ATTEMPTS;
    this.maxAttempts = Math.max(MIN_MAX_ATTEMPTS, requested);
  }

  get environment(): string {
    return this.target.environment;
  }

  /** Region used for STS (the environment's first region). */
  get homeRegion(): string {
    return this.target.regions[0] ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  }

  /** Best knowledge of the account reads go to: configured guard, verified identity, or the role ARN. */
  get account(): string | undefined {
    return this.target.accountId ?? this.verifiedAccount ?? accountOfArn(this.target.roleArn);
  }

  /** Context for evidence errors of one call. */
  context(service: AwsService, api: string, region: string, resource?: string): EvidenceContext {
    const account = this.account;
    return {
      service,
      api,
      region,
      environment: this.target.environment,
      maxAttempts: this.maxAttempts,
      ...(account !== undefined ? { account } : {}),
      ...(this.target.roleArn !== undefined ? { roleArn: this.target.roleArn } : {}),
      ...(resource !== undefined ? { resource } : {}),
    };
  }

  limiter(region: string): Semaphore {
    let s = this.limiters.get(region);
    if (!s) {
      s = new Semaphore(this.options.concurrency ?? DEFAULT_CONCURRENCY);
      this.limiters.set(region, s);
    }
    return s;
  }

  ec2(region: string): EC2Client {
    let c = this.ec2Clients.get(region);
    if (!c) {
      c = new EC2Client(this.clientConfig(region, true));
      this.limit(c, region);
      this.ec2Clients.set(region, c);
    }
    return c;
  }

  ssm(region: string): SSMClient {
    let c = this.ssmClients.get(region);
    if (!c) {
      c = new SSMClient(this.clientConfig(region, true));
      this.limit(c, region);
      this.ssmClients.set(region, c);
    }
    return c;
  }

  /** STS client using the session's credentials (the assumed role, if any). */
  sts(region: string = this.homeRegion): STSClient {
    let c = this.stsClients.get(region);
    if (!c) {
      c = new STSClient(this.clientConfig(region, true));
      this.limit(c, region);
      this.stsClients.set(region, c);
    }
    return c;
  }

  /**
   * GetCallerIdentity once (memoized). Throws an AwsEvidenceError when `accountId` is configured
   * and the credentials belong to another account, or when the identity cannot be read.
   */
  verifyAccount(): Promise<string> {
    this.accountPromise ??= this.readAccount();
    return this.accountPromise;
  }

  /** Enforce the account guard before any read (no call at all when no `accountId` is configured). */
  async ensureAccount(): Promise<void> {
    if (this.target.accountId !== undefined) await this.verifyAccount();
  }

  /** Destroy every client (closes keep-alive sockets). */
  destroy(): void {
    for (const c of [...this.ec2Clients.values(), ...this.ssmClients.values(), ...this.stsClients.values()]) c.destroy();
    this.ambientSts?.destroy();
    this.ec2Clients.clear();
    this.ssmClients.clear();
    this.stsClients.clear();
    this.ambientSts = undefined;
  }

  private async readAccount(): Promise<string> {
    const region = this.homeRegion;
    const ctx = this.context('sts', 'GetCallerIdentity', region);
    let account: string | undefined;
    try {
      const out = await this.sts(region).send(new GetCallerIdentityCommand({}));
      account = out.Account;
    } catch (err) {
      throw toEvidenceError(err, ctx);
    }
    if (!account || !/^\d{12}$/.test(account)) {
      throw evidenceError(ctx, 'unreadable', `GetCallerIdentity returned no usable account id (${JSON.stringify(account ?? null)})`, 'rerun the workflow; report it if it persists');
    }
    const expected = this.target.accountId;
    if (expected !== undefined && expected !== account) {
      throw evidenceError(
        { ...ctx, account },
        'account-mismatch',
        `the credentials belong to account ${account}, but environments.${this.target.environment}.aws.account-id is ${expected}; no evidence was read from the wrong account`,
        this.target.roleArn
          ? `set role-arn to a role in account ${expected} (it is ${this.target.roleArn}) or correct account-id`
          : `configure credentials for account ${expected} with aws-actions/configure-aws-credentials (or set role-arn), or correct account-id`,
      );
    }
    this.verifiedAccount = account;
    return account;
  }

  private clientConfig(region: string, useSessionCredentials: boolean) {
    const retryDelayMs = this.options.retryDelayMs;
    return {
      region,
      maxAttempts: this.maxAttempts,
      retryMode: 'standard',
      ...(retryDelayMs
        ? { retryStrategy: new ConfiguredRetryStrategy(this.maxAttempts, (attempt: number) => Math.max(0, retryDelayMs(attempt))) }
        : {}),
      customUserAgent: this.options.userAgent,
      requestHandler: {
        connectionTimeout: this.options.connectTimeoutMs ?? 10_000,
        requestTimeout: this.options.requestTimeoutMs ?? 60_000,
        throwOnRequestTimeout: true,
      },
      ...(useSessionCredentials && this.target.roleArn ? { credentials: () => this.roleCredentials() } : {}),
    };
  }

  /** Requests in flight per region are bounded, retries included (a throttled call keeps its slot). */
  private limit(client: Middlewared, region: string): void {
    const sem = this.limiter(region);
    (client as EC2Client).middlewareStack.add(
      (next) => async (args) => {
        const release = await sem.acquire();
        try {
          return await next(args);
        } finally {
          release();
        }
      },
      { step: 'initialize', name: 'deployGuardConcurrencyLimit', override: true },
    );
  }

  /** AssumeRole over the ambient credentials; one call shared by every client, refreshed before expiry. */
  private async roleCredentials(): Promise<TemporaryCredentials> {
    const cur = this.assumed;
    if (cur && cur.creds.expiration.getTime() - Date.now() > cur.refreshBeforeMs) return cur.creds;
    this.assuming ??= this.assumeRole().finally(() => {
      this.assuming = undefined;
    });
    return this.assuming;
  }

  private async assumeRole(): Promise<TemporaryCredentials> {
    const roleArn = this.target.roleArn;
    const region = this.homeRegion;
    const ctx = this.context('sts', 'AssumeRole', region, roleArn);
    this.ambientSts ??= new STSClient(this.clientConfig(region, false));
    this.assumeRoleCalls++;
    const startedAt = Date.now();
    let out;
    try {
      out = await this.ambientSts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: ROLE_SESSION_NAME }));
    } catch (err) {
      throw toEvidenceError(err, ctx);
    }
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !(c.Expiration instanceof Date) || Number.isNaN(c.Expiration.getTime())) {
      throw evidenceError(ctx, 'unreadable', 'AssumeRole returned incomplete credentials', 'rerun the workflow; report it if it persists');
    }
    const creds = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
    const lifetime = creds.expiration.getTime() - startedAt;
    this.assumed = { creds, refreshBeforeMs: Math.min(CREDENTIAL_REFRESH_MARGIN_MS, Math.max(0, lifetime / 2)) };
    return creds;
  }
}
