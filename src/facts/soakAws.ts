// The AWS reads of the soak family, shared by every gatherer of one run: the SDK is imported only on
// the first read (cold start), one session per set of credentials (role + account guard) so clients
// exist once per account and region, every read memoised, and AMI ids of concurrent requests batched
// into as few DescribeImages calls as the adapter allows.
import type { EnvironmentSettings, Settings } from '../config/settings.js';
import { USER_AGENT } from '../version.js';
import type { AwsSession, ImageFact, InstanceFact, LaunchTemplateFact, ParameterHistory, ParameterValue } from './aws/index.js';
import type { EvidenceFailure, ImageState } from './soakTypes.js';

type AwsModule = typeof import('./aws/index.js');

export interface AwsReadOptions {
  /** Backoff before retry n, in ms (tests inject 0 so nothing waits). Default: the SDK's standard backoff. */
  retryDelayMs?: (attempt: number) => number;
  /** Requests in flight per region. Default: the adapter's. */
  concurrency?: number;
  /** Whole-request timeout per attempt, ms. Default: the adapter's. */
  requestTimeoutMs?: number;
}

interface Waiting {
  resolve(image: ImageState | null): void;
  reject(error: unknown): void;
}

interface ImageQueue {
  environment: string;
  region: string;
  credentials: string;
  waiting: Map<string, Waiting[]>;
}

/** An error of the AWS adapters (checked by name: the adapter module is loaded lazily). */
export function isEvidenceError(error: unknown): error is Error & {
  api: string;
  region: string;
  account?: string;
  environment: string;
  reason: string;
  detail: string;
  fix: string;
  resource?: string;
} {
  return error instanceof Error && error.name === 'AwsEvidenceError';
}

/** A failed read as a fact; anything that is not an evidence error is a bug and propagates (DG901). */
export function failureOf(error: unknown, environment: string): EvidenceFailure {
  if (isEvidenceError(error)) {
    return {
      environment,
      api: error.api,
      region: error.region,
      ...(error.account !== undefined ? { account: error.account } : {}),
      ...(error.resource !== undefined ? { resource: error.resource } : {}),
      reason: error.reason,
      message: error.message,
      fix: error.fix,
    };
  }
  const fix = (error as { fix?: unknown }).fix;
  if (error instanceof Error && error.name === 'GitHistoryError' && typeof fix === 'string') {
    return { environment, api: 'git', reason: 'git-history', message: error.message, fix };
  }
  throw error;
}

function imageState(image: ImageFact): ImageState {
  return {
    id: image.id,
    region: image.region,
    state: image.state,
    deprecated: image.deprecated,
    ...(image.deprecationTime !== undefined ? { deprecationTime: image.deprecationTime } : {}),
    ownerId: image.ownerId,
    ...(image.name !== undefined ? { name: image.name } : {}),
    creationDate: image.creationDate,
  };
}

export class AwsEvidenceReader {
  private module?: Promise<AwsModule>;
  private readonly sessions = new Map<string, Promise<AwsSession>>();
  private readonly reads = new Map<string, Promise<unknown>>();
  private readonly images = new Map<string, Promise<ImageState | null>>();
  private readonly queues = new Map<string, ImageQueue>();
  /** Raw adapter image facts, for tags. */
  private readonly rawImages = new Map<string, ImageFact>();

  constructor(
    private readonly settings: Settings,
    private readonly now: Date,
    private readonly options: AwsReadOptions = {},
  ) {}

  environment(name: string): EnvironmentSettings {
    const env = this.settings.environments.get(name);
    if (!env) throw new Error(`unknown environment ${name}`);
    return env;
  }

  /** Regions where the environment's AWS evidence is read; empty when no AWS is configured for it. */
  regions(name: string): string[] {
    return this.environment(name).aws?.regions ?? [];
  }

  /** Environments read with the same credentials share one session (clients once per account and region). */
  credentials(name: string): string {
    const aws = this.environment(name).aws;
    return `${aws?.roleArn ?? 'ambient'}|${aws?.accountId ?? ''}`;
  }

  aws(): Promise<AwsModule> {
    this.module ??= import('./aws/index.js');
    return this.module;
  }

  session(name: string): Promise<AwsSession> {
    const key = this.credentials(name);
    let session = this.sessions.get(key);
    if (!session) {
      const aws = this.environment(name).aws;
      session = this.aws().then(
        (module) =>
          new module.AwsSession(
            {
              environment: name,
              regions: aws?.regions ?? [],
              ...(aws?.roleArn ? { roleArn: aws.roleArn } : {}),
              ...(aws?.accountId ? { accountId: aws.accountId } : {}),
            },
            {
              maxAttempts: this.settings.inputs.maxAttempts,
              userAgent: USER_AGENT,
              ...(this.options.retryDelayMs ? { retryDelayMs: this.options.retryDelayMs } : {}),
              ...(this.options.concurrency ? { concurrency: this.options.concurrency } : {}),
              ...(this.options.requestTimeoutMs ? { requestTimeoutMs: this.options.requestTimeoutMs } : {}),
            },
          ),
      );
      this.sessions.set(key, session);
    }
    return session;
  }

  private memo<T>(key: string, read: () => Promise<T>): Promise<T> {
    let pending = this.reads.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = read();
      // A rejected read is remembered too: asking again would only repeat the failure (and the calls).
      pending.catch(() => undefined);
      this.reads.set(key, pending);
    }
    return pending;
  }

  parameterHistory(env: string, region: string, name: string): Promise<ParameterHistory> {
    return this.memo(`history|${this.credentials(env)}|${region}|${name}`, async () => (await this.aws()).parameterHistory(await this.session(env), region, name));
  }

  parameter(env: string, region: string, name: string): Promise<ParameterValue> {
    return this.memo(`parameter|${this.credentials(env)}|${region}|${name}`, async () => (await this.aws()).getParameter(await this.session(env), region, name));
  }

  launchTemplate(env: string, region: string, name: string): Promise<LaunchTemplateFact> {
    return this.memo(`lt|${this.credentials(env)}|${region}|${name}`, async () => (await this.aws()).launchTemplate(await this.session(env), region, name));
  }

  /** Every pending or running instance with the environment's instance tags in the region (one listing, filtered locally). */
  instances(env: string, region: string): Promise<InstanceFact[]> {
    const tags = this.environment(env).amis.instanceTags;
    const key = JSON.stringify(Object.entries(tags).sort());
    return this.memo(`instances|${this.credentials(env)}|${region}|${key}`, async () => (await this.aws()).instancesRunning(await this.session(env), region, { tags }));
  }

  /** The pipeline's `deploy-guard:<env>-since` tag on an image this reader has described. */
  async sinceTag(env: string, image: ImageState): Promise<Date | undefined> {
    const raw = this.rawImages.get(`${this.credentials(env)}|${image.region}|${image.id}`);
    if (!raw) return undefined;
    const aws = await this.aws();
    return aws.readSinceTag(raw, env, this.environment(env).aws?.accountId);
  }

  /**
   * DescribeImages for many ids. Requests made in the same turn of the event loop for the same
   * credentials and region go out together, in batches of the adapter's size.
   */
  describe(env: string, region: string, ids: readonly string[]): Promise<Map<string, ImageState | null>> {
    const credentials = this.credentials(env);
    const queueKey = `${credentials}|${region}`;
    const entries = [...new Set(ids)].map((id) => {
      const key = `${queueKey}|${id}`;
      let pending = this.images.get(key);
      if (!pending) {
        let queue = this.queues.get(queueKey);
        if (!queue) {
          queue = { environment: env, region, credentials, waiting: new Map() };
          this.queues.set(queueKey, queue);
          const scheduled = queue;
          setImmediate(() => void this.flush(queueKey, scheduled));
        }
        const target = queue;
        pending = new Promise<ImageState | null>((resolve, reject) => {
          const list = target.waiting.get(id) ?? [];
          list.push({ resolve, reject });
          target.waiting.set(id, list);
        });
        pending.catch(() => undefined);
        this.images.set(key, pending);
      }
      return pending.then((image) => [id, image] as const);
    });
    return Promise.all(entries).then((pairs) => new Map(pairs));
  }

  private async flush(queueKey: string, queue: ImageQueue): Promise<void> {
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
    } catch (error) {
      for (const id of ids) for (const waiter of queue.waiting.get(id) ?? []) waiter.reject(error);
    }
  }

  /** Closes the clients' sockets (the action exits on its own; the CLI and tests should not wait for keep-alive). */
  async destroy(): Promise<void> {
    for (const session of this.sessions.values()) {
      try {
        (await session).destroy();
      } catch {
        // a session that never came to be has nothing to close
      }
    }
  }
}
