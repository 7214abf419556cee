import { describe, expect, it } from 'vitest';
import { assessSoak } from '../../../src/rules/soak/assess.js';
import { H, NOW, hoursAgo, nothing, shown, since, soakCase } from './fixtures.js';

describe('assessSoak', () => {
  it('counts the longest stretch of any source (any one suffices)', () => {
    const verdict = assessSoak(soakCase([shown('ssm', since(3)), shown('git', since(30)), nothing('ec2')]), 'any', NOW);
    expect(verdict).toMatchObject({ state: 'soaked', proofs: [{ source: 'git', servedMs: 30 * H }] });
  });

  it('a source that shows nothing is no counter-evidence', () => {
    expect(assessSoak(soakCase([nothing('ssm'), shown('tags', since(25))]), 'any', NOW).state).toBe('soaked');
  });

  it('is short with the time it will be allowed while the AMI still serves the previous environment', () => {
    const verdict = assessSoak(soakCase([shown('ssm', since(3))]), 'any', NOW);
    expect(verdict).toEqual({ state: 'short', best: expect.objectContaining({ servedMs: 3 * H }), allowedAt: hoursAgo(3 - 24) });
  });

  it('has no allowed time once the AMI left the previous environment', () => {
    const verdict = assessSoak(soakCase([shown('ssm', since(10, 'x', { to: hoursAgo(5) }))]), 'any', NOW);
    expect(verdict).toMatchObject({ state: 'short', best: { servedMs: 5 * H } });
    expect(verdict).not.toHaveProperty('allowedAt');
  });

  it('only counts time before the AMI reached the environment (audit)', () => {
    const reached = { at: hoursAgo(20), what: 'prod parameter changed' };
    expect(assessSoak(soakCase([shown('ssm', since(30))], { reachedAt: reached }), 'any', NOW)).toMatchObject({ state: 'short', best: { servedMs: 10 * H } });
    // Served staging only after prod: never before.
    expect(assessSoak(soakCase([shown('ssm', since(10))], { reachedAt: reached }), 'any', NOW)).toEqual({ state: 'never', silent: ['ssm'] });
  });

  it('is never when no source shows anything', () => {
    expect(assessSoak(soakCase([nothing('ssm'), nothing('git')]), 'any', NOW)).toEqual({ state: 'never', silent: ['ssm', 'git'] });
  });

  it('cannot decide when a history cut off at 100 versions might hide a longer stretch', () => {
    const unavailable = { source: 'ssm' as const, state: 'unavailable' as const, summary: 'history cut off', fix: 'tag it' };
    expect(assessSoak(soakCase([unavailable, nothing('git')]), 'any', NOW)).toMatchObject({ state: 'unknown', gaps: [{ text: 'ssm: history cut off' }] });
    // ...but another source that proves the soak decides.
    expect(assessSoak(soakCase([unavailable, shown('git', since(30))]), 'any', NOW).state).toBe('soaked');
    // A stretch that starts at the oldest kept version and is too short may have started earlier.
    expect(assessSoak(soakCase([shown('ssm', since(5, 'oldest kept', { mayStartEarlier: true }))]), 'any', NOW).state).toBe('unknown');
  });

  it('always blocks on a failed read, even when another source proves the soak', () => {
    const failed = {
      source: 'ec2' as const,
      state: 'failed' as const,
      summary: 'denied',
      failures: [{ environment: 'staging', api: 'DescribeInstances', region: 'eu-west-1', reason: 'access-denied', message: 'denied', fix: 'grant' }],
    };
    expect(assessSoak(soakCase([failed, shown('git', since(30))]), 'any', NOW)).toMatchObject({ state: 'unknown', failures: [{ api: 'DescribeInstances' }] });
  });

  it('cannot evaluate when no listed source is configured', () => {
    const notConfigured = { source: 'ssm' as const, state: 'not-configured' as const, summary: 'no AWS configured for staging', fix: 'set regions' };
    expect(assessSoak(soakCase([notConfigured]), 'any', NOW)).toMatchObject({ state: 'unknown', gaps: [{ fix: 'set regions' }] });
  });

  it('with evidence-mode all every listed source must prove it', () => {
    expect(assessSoak(soakCase([shown('ssm', since(30)), shown('git', since(26))]), 'all', NOW).state).toBe('soaked');
    expect(assessSoak(soakCase([shown('ssm', since(30)), nothing('git')]), 'all', NOW)).toEqual({ state: 'never', silent: ['git'] });
    expect(assessSoak(soakCase([shown('ssm', since(30)), shown('git', since(4))]), 'all', NOW)).toMatchObject({ state: 'short', best: { source: 'git', servedMs: 4 * H }, allowedAt: hoursAgo(4 - 24) });
  });
});
