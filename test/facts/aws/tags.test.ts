import { describe, expect, it } from 'vitest';
import { parseIsoTime, readSinceTag, sinceTagKey } from '../../../src/facts/aws/tags.js';
import { AwsEvidenceError } from '../../../src/facts/aws/errors.js';
import type { ImageFact } from '../../../src/facts/aws/ec2.js';

const image = (tags: Record<string, string>): ImageFact => ({
  id: 'ami-0123456789abcdef0',
  region: 'eu-west-1',
  state: 'available',
  deprecated: false,
  ownerId: '111111111111',
  creationDate: '2025-01-01T00:00:00.000Z',
  tags,
});

describe('deploy-guard:<env>-since tags', () => {
  it('reads the tag of the environment as a Date', () => {
    expect(sinceTagKey('staging')).toBe('deploy-guard:staging-since');
    const img = image({ 'deploy-guard:staging-since': '2025-05-01T12:00:00Z', 'deploy-guard:prod-since': '2025-05-03T12:00:00.123+02:00' });
    expect(readSinceTag(img, 'staging')).toEqual(new Date('2025-05-01T12:00:00Z'));
    expect(readSinceTag(img, 'prod')).toEqual(new Date('2025-05-03T10:00:00.123Z'));
    expect(readSinceTag(img, 'qa')).toBeUndefined();
  });

  it.each(['yesterday', '2025-02-30T00:00:00Z', '2025-05-01', '2025-05-01T12:00:00', '', '2025-13-01T00:00:00Z', '1714564800'])('invalid value %j → unreadable evidence', (value) => {
    const err = (() => {
      try {
        readSinceTag(image({ 'deploy-guard:staging-since': value }), 'staging', '111111111111');
      } catch (e) {
        return e;
      }
      return undefined;
    })() as AwsEvidenceError;
    expect(err).toBeInstanceOf(AwsEvidenceError);
    expect(err).toMatchObject({ reason: 'unreadable', api: 'DescribeImages', region: 'eu-west-1', account: '111111111111', environment: 'staging' });
    expect(err.resource).toBe('tag deploy-guard:staging-since of ami-0123456789abcdef0');
    expect(err.fix).toContain('deploy-guard:staging-since=2024-05-01T12:00:00Z');
  });

  it('parseIsoTime accepts offsets without a colon and leap days', () => {
    expect(parseIsoTime('2024-02-29T00:00+0100')).toEqual(new Date('2024-02-28T23:00:00Z'));
    expect(parseIsoTime('2023-02-29T00:00:00Z')).toBeUndefined();
  });
});
