// Where an environment's live AMI comes from: pure helpers of facts/liveAmis.ts.
import { describe, expect, it } from 'vitest';
import { launchCandidates, resolveTarget, withLiveAmis } from '../../src/facts/liveAmis.js';
import type { LiveAmi, LiveAmis } from '../../src/facts/soakTypes.js';

const live = (ami: string, source: LiveAmi['source'], extra: Partial<LiveAmi> = {}): LiveAmi => ({ ami, environment: 'prod', source, origin: { detail: `${source} ${ami}` }, ...extra });

describe('resolveTarget', () => {
  it('reads the parameter and its version selector from resolve:ssm:', () => {
    expect(resolveTarget('resolve:ssm:/images/prod/api')).toEqual({ name: '/images/prod/api' });
    expect(resolveTarget('resolve:ssm:/images/prod/api:12')).toEqual({ name: '/images/prod/api', selector: '12' });
    expect(resolveTarget('resolve:ssm:/images/prod/api:stable')).toEqual({ name: '/images/prod/api', selector: 'stable' });
    expect(resolveTarget('resolve:ssm:arn:aws:ssm:us-east-1:111111111111:parameter/images/api')).toEqual({ name: 'arn:aws:ssm:us-east-1:111111111111:parameter/images/api' });
    expect(resolveTarget('ami-0123456789abcdef0')).toBeUndefined();
  });
});

describe('launchCandidates', () => {
  it('prefers the launch template $Default, then the SSM parameter, then a Terraform literal; never running instances', () => {
    const found = [
      live('ami-0000000000000000a', 'instances'),
      live('ami-0000000000000000b', 'terraform'),
      live('ami-0000000000000000c', 'ssm'),
      live('ami-0000000000000000d', 'launch-template', { alias: '$Latest' }),
      live('ami-0000000000000000e', 'launch-template', { alias: '$Default' }),
    ];
    expect(launchCandidates(found).map((entry) => entry.ami)).toEqual(['ami-0000000000000000e']);
    expect(launchCandidates(found.slice(0, 3)).map((entry) => entry.ami)).toEqual(['ami-0000000000000000c']);
    expect(launchCandidates(found.slice(0, 2)).map((entry) => entry.ami)).toEqual(['ami-0000000000000000b']);
    expect(launchCandidates(found.slice(0, 1))).toEqual([]);
  });

  it('keeps one candidate per AMI ($Default/$Latest on the same version, several regions)', () => {
    const found = [live('ami-0000000000000000e', 'launch-template', { alias: '$Default/$Latest', region: 'eu-west-1' }), live('ami-0000000000000000e', 'launch-template', { alias: '$Default', region: 'us-east-1' })];
    expect(launchCandidates(found)).toHaveLength(1);
  });
});

describe('withLiveAmis (the deploy-script family seam)', () => {
  const terraform = new Map([
    ['staging', [{ ami: 'ami-0000000000000000b', source: 'terraform' as const, detail: 'image_id', file: 'terraform/staging/main.tf', line: 3 }]],
    ['prod', []],
  ]);

  it('audit: adds the AMIs live in each environment to what its Terraform says', () => {
    const facts: LiveAmis = {
      environments: new Map([
        ['staging', [live('ami-0000000000000000b', 'ssm', { environment: 'staging' }), live('ami-0000000000000000c', 'instances', { environment: 'staging' })]],
        ['prod', [live('ami-0000000000000000d', 'launch-template')]],
      ]),
      floating: [],
      failures: [],
    };
    const merged = withLiveAmis(terraform, facts);
    expect(merged.get('staging')!.map((entry) => `${entry.ami} ${entry.source}`)).toEqual(['ami-0000000000000000b terraform', 'ami-0000000000000000c live']);
    expect(merged.get('prod')!.map((entry) => entry.ami)).toEqual(['ami-0000000000000000d']);
  });

  it('preflight: the target environment runs exactly the candidate', () => {
    const facts: LiveAmis = { environments: new Map(), preflight: { environment: 'staging', candidates: [live('ami-0000000000000000e', 'launch-template', { environment: 'staging' })] }, floating: [], failures: [] };
    expect(withLiveAmis(terraform, facts).get('staging')!.map((entry) => entry.ami)).toEqual(['ami-0000000000000000e']);
  });

  it('pr: unchanged', () => {
    expect(withLiveAmis(terraform, undefined)).toEqual(terraform);
  });
});
