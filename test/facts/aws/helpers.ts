import { AwsSession, type AwsOptions, type AwsTarget } from '../../../src/facts/aws/clients.js';

/** An error shaped like the SDK's service exceptions. */
export function sdkError(name: string, message = name, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400, attempts: 1 }, ...extra });
}

export function makeSession(target: Partial<AwsTarget> = {}, options: Partial<AwsOptions> = {}): AwsSession {
  return new AwsSession(
    { environment: 'staging', regions: ['eu-west-1'], ...target },
    { maxAttempts: 4, userAgent: 'deploy-guard/0.1.0', retryDelayMs: () => 0, ...options },
  );
}

export const noSleep = async (): Promise<void> => {};
