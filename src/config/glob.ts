// Matching paths against configured globs (environments, scripts.include/exclude, images.manifests).
import picomatch from 'picomatch';

export interface GlobOptions {
  dot?: boolean;
  /** RegExp flags: `s` lets `**` match folder names with a newline (git takes them), `i` ignores case. */
  flags?: string;
}

/**
 * A test of a path against `globs`: true when it matches any of them, as `picomatch(globs, options)` answers
 * (picomatch 4 without its `windows` option: a non-empty path equal to a glob, or matched by the glob's
 * regular expression). picomatch's own matcher builds a result object for every path it tests; a run tests
 * each of 5,000 repository files against several globs, and spent three quarters of that time there.
 */
export function globMatcher(globs: readonly string[], options: GlobOptions): (path: string) => boolean {
  const literal = new Set(globs);
  const patterns = globs.map((glob) => picomatch.makeRe(glob, options));
  return (path) => path !== '' && (literal.has(path) || patterns.some((pattern) => pattern.test(path)));
}
