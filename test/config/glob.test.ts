// globMatcher answers as picomatch's own matcher does, for the globs and options deploy-guard passes.
import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { globMatcher } from '../../src/config/glob.js';

const GLOB_SEGMENTS = ['**', '*', '*.sh', '*.{yml,yaml}', 'a', 'B', 'b?', '{a,b}', '[ab]', '.hidden', '!(a)', '+(a|b)', 'appspec.y?(a)ml', 'x*y', 'a[b', '\\*', 'prod', '{prod,production,prd}'];
const PATH_SEGMENTS = ['a', 'A', 'b', 'bb', '.hidden', 'x.sh', 'X.SH', 'appspec.yml', 'appspec.yaml', 'a\nb', 'prod', 'Prod', 'xay', 'a[b', '*', '..a', 'node_modules', '{a,b}', '[ab]'];
const OPTIONS = [{ dot: true, flags: 's' }, { dot: true, flags: 'is' }, { dot: true }];

describe('globMatcher', () => {
  it('matches what picomatch matches', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...GLOB_SEGMENTS), { minLength: 1, maxLength: 4 }), { maxLength: 3 }),
        fc.array(fc.constantFrom(...PATH_SEGMENTS), { maxLength: 5 }),
        fc.constantFrom(...OPTIONS),
        (globParts, pathParts, options) => {
          const globs = globParts.map((parts) => parts.join('/'));
          const path = pathParts.join('/');
          expect(globMatcher(globs, options)(path), `${JSON.stringify(globs)} ${JSON.stringify(path)} ${JSON.stringify(options)}`).toBe(picomatch(globs, options)(path));
        },
      ),
      { seed: 20_261_126, numRuns: 3000 },
    );
  });

  it('answers the cases the run depends on', () => {
    const include = globMatcher(['**/*.sh', '**/appspec.yml'], { dot: true, flags: 's' });
    expect(include('services/api/scripts/start.sh')).toBe(true);
    expect(include('.github/hooks/pre.sh')).toBe(true);
    expect(include('weird\nfolder/x.sh')).toBe(true); // flag s
    expect(include('services/api/start.bash')).toBe(false);
    expect(include('')).toBe(false);
    const prod = globMatcher(['**/{prod,production,prd}/**'], { dot: true, flags: 'is' });
    expect(prod('live/PROD/main.tf')).toBe(true);
    expect(prod('live/products/main.tf')).toBe(false);
    expect(globMatcher(['{a,b}'], { dot: true })('{a,b}')).toBe(true); // a glob that is the path itself
    expect(globMatcher([], { dot: true })('a')).toBe(false);
  });
});
