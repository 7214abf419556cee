/**
 * Draining SDK paginators safely.
 *
 * The SDK paginators are created with `stopOnSameToken: true`, but that option makes the paginator
 * *silently stop* when a page returns the token it was requested with — which would hand back a
 * partial list as if it were complete. So every page's token is also checked here: a token seen
 * before (the same one, or a cycle) is an AwsEvidenceError, and so is an absurd number of pages.
 */
import { errorCode, evidenceError, toEvidenceError, type EvidenceContext } from './errors.js';

export const MAX_PAGES = 10_000;

export interface TokenPage {
  NextToken?: string | undefined;
}

/** Iterate every page of `paginator`, mapping errors to AwsEvidenceError. */
export interface PageOptions {
  /** Errors whose code matches are rethrown as they are (the caller handles them, e.g. InvalidAMIID.NotFound). */
  passThrough?: (code: string) => boolean;
  maxPages?: number;
}

export async function* safePages<P extends TokenPage>(paginator: AsyncIterable<P>, ctx: EvidenceContext, options: PageOptions = {}): AsyncGenerator<P> {
  const maxPages = options.maxPages ?? MAX_PAGES;
  const seen = new Set<string>();
  let count = 0;
  const iterator = paginator[Symbol.asyncIterator]();
  try {
    for (;;) {
      let step: IteratorResult<P>;
      try {
        step = await iterator.next();
      } catch (err) {
        if (options.passThrough?.(errorCode(err))) throw err;
        throw toEvidenceError(err, ctx);
      }
      if (step.done) return;
      const page = step.value;
      count++;
      const token = page.NextToken;
      if (token) {
        if (seen.has(token)) {
          throw evidenceError(
            ctx,
            'repeated-page-token',
            `page ${count} returned a NextToken that was already used, so the listing would be incomplete`,
            'rerun the workflow; if it repeats, report it to AWS support with the request ids',
          );
        }
        seen.add(token);
        if (count >= maxPages) {
          throw evidenceError(ctx, 'too-many-pages', `more than ${maxPages} pages`, 'narrow the configuration (fewer ids, tags or parameters per environment)');
        }
      }
      yield page;
    }
  } finally {
    // Stop the SDK paginator (no further calls) when we stop early or throw.
    await iterator.return?.();
  }
}

/** Collect items of every page. */
export async function collect<P extends TokenPage, T>(
  paginator: AsyncIterable<P>,
  ctx: EvidenceContext,
  items: (page: P) => T[] | undefined,
  options: PageOptions = {},
): Promise<T[]> {
  const out: T[] = [];
  for await (const page of safePages(paginator, ctx, options)) {
    const got = items(page);
    if (got) out.push(...got);
  }
  return out;
}
