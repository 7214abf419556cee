import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mockClient } from 'aws-sdk-client-mock';
import {
  GetCommandInvocationCommand,
  SendCommandCommand,
  SSMClient,
  type CommandInvocationStatus,
  type GetCommandInvocationCommandOutput,
  type SendCommandCommandInput,
} from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import {
  buildProbeCommands,
  parseProbeOutput,
  PROBE_SCRIPT,
  ProbeInputRejected,
  runProbe,
  validateProbeRequest,
} from '../../../src/facts/aws/ssm.js';
import { AwsEvidenceError } from '../../../src/facts/aws/errors.js';
import { simulateProbe, type LoopbackProbeInstance } from '../../support/awsLoopback.js';
import { makeSession, noSleep, sdkError } from './helpers.js';

const ssmMock = mockClient(SSMClient);
const stsMock = mockClient(STSClient);
beforeEach(() => {
  ssmMock.reset();
  stsMock.reset();
});
afterAll(() => {
  ssmMock.restore();
  stsMock.restore();
});

const INSTANCE = 'i-0123456789abcdef0';
const request = { paths: ['/usr/bin/aws', '/usr/local/bin/jq'], names: ['aws', 'jq'], runPath: '/usr/local/bin:/usr/bin:/bin' };
const fs: LoopbackProbeInstance = { files: { '/usr/local/bin/aws': 'x', '/usr/local/bin/jq': 'x' } };

/** SendCommand → command id; GetCommandInvocation answers from `answers` (last one repeats). */
function serve(answers: (Partial<GetCommandInvocationCommandOutput> | Error | 'simulate')[], inst: LoopbackProbeInstance = fs) {
  const sent: SendCommandCommandInput[] = [];
  let polls = 0;
  ssmMock.on(SendCommandCommand).callsFake((input: SendCommandCommandInput) => {
    sent.push(structuredClone(input));
    return { Command: { CommandId: `cmd-${sent.length}` } };
  });
  ssmMock.on(GetCommandInvocationCommand).callsFake(() => {
    const a = answers[Math.min(polls++, answers.length - 1)]!;
    if (a instanceof Error) throw a;
    if (a === 'simulate') {
      return { Status: 'Success', StatusDetails: 'Success', ResponseCode: 0, StandardOutputContent: simulateProbe(sent[sent.length - 1]!.Parameters!.commands!, inst) };
    }
    return a;
  });
  return { sent, polls: () => polls };
}

describe('runProbe', () => {
  it('sends AWS-RunShellScript with the fixed script plus quoted data lines, and reads the answer', async () => {
    const { sent } = serve([{ Status: 'InProgress', StatusDetails: 'InProgress' }, 'simulate']);
    const sleeps: number[] = [];
    const res = await runProbe(makeSession(), 'eu-west-1', INSTANCE, request, { pollMs: 1500, sleep: async (ms) => void sleeps.push(ms) });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: [INSTANCE],
      Comment: 'deploy-guard read-only probe of paths and command names',
      TimeoutSeconds: 60,
      Parameters: {
        commands: [
          ...PROBE_SCRIPT,
          "DG_RUN_PATH='/usr/local/bin:/usr/bin:/bin'",
          "dg_path '/usr/bin/aws'",
          "dg_path '/usr/local/bin/jq'",
          "dg_name 'aws'",
          "dg_name 'jq'",
          'dg_end',
        ],
        executionTimeout: ['60'],
      },
    });
    expect(res.instanceId).toBe(INSTANCE);
    expect(res.paths.get('/usr/bin/aws')).toEqual({ exists: false, executable: false, foundOnPath: '/usr/local/bin/aws' });
    expect(res.paths.get('/usr/local/bin/jq')).toEqual({ exists: true, executable: true });
    expect(res.names.get('aws')).toBe('/usr/local/bin/aws');
    expect(res.names.get('jq')).toBe('/usr/local/bin/jq');
    expect(res.commandIds).toEqual(['cmd-1']);
    expect(sleeps).toEqual([1500, 1500]);
  });

  it('InvocationDoesNotExist right after SendCommand is polled again, then success', async () => {
    const { polls } = serve([sdkError('InvocationDoesNotExist', ''), sdkError('InvocationDoesNotExist', ''), { Status: 'Pending' }, 'simulate']);
    const res = await runProbe(makeSession(), 'eu-west-1', INSTANCE, request, { sleep: noSleep });
    expect(res.names.get('aws')).toBe('/usr/local/bin/aws');
    expect(polls()).toBe(4);
  });

  const terminal: [CommandInvocationStatus, string, RegExp][] = [
    ['Failed', 'Failed', /probe did not succeed \(status Failed \/ Failed/],
    ['Cancelled', 'Cancelled', /Cancelled/],
    ['Cancelling', 'Cancelling', /Cancelling/],
    ['TimedOut', 'Execution Timed Out', /Execution Timed Out/],
    ['TimedOut', 'Delivery Timed Out', /Delivery Timed Out/],
    ['Failed', 'Undeliverable', /Undeliverable/],
    ['Failed', 'Terminated', /Terminated/],
    ['InProgress', 'Undeliverable', /Undeliverable/],
  ];
  it.each(terminal)('status %s / %s → AwsEvidenceError (not a result)', async (Status, StatusDetails, msg) => {
    serve([{ Status: 'InProgress' }, { Status, StatusDetails, ResponseCode: Status === 'Failed' ? 2 : -1, StandardErrorContent: 'boom' }]);
    const err = (await runProbe(makeSession(), 'eu-west-1', INSTANCE, request, { sleep: noSleep }).catch((e: unknown) => e)) as AwsEvidenceError;
    expect(err).toBeInstanceOf(AwsEvidenceError);
    expect(err).toMatchObject({ reason: 'probe-failed', api: 'GetCommandInvocation', region: 'eu-west-1' });
    expect(err.message).toMatch(msg);
    expect(err.resource).toBe(`instance ${INSTANCE}, command cmd-1`);
    expect(err.fix.length).toBeGreaterThan(10);
  });

  it('Success is only Success: the status every terminal case maps to is covered', async () => {
    serve([{ Status: 'Success', StatusDetails: 'Success', StandardOutputContent: simulateProbe(buildProbeCommands([{ kind: 'N', value: 'aws' }], ['/usr/local/bin']), fs) }]);
    const res = await runProbe(makeSession(), 'eu-west-1', INSTANCE, { paths: [], names: ['aws'], runPath: '/usr/local/bin' }, { sleep: noSleep });
    expect(res.names.get('aws')).toBe('/usr/local/bin/aws');
  });

  it('output of 24,000 characters (SSM truncation) is an AwsEvidenceError, not a result', async () => {
    const full = simulateProbe(buildProbeCommands([{ kind: 'N', value: 'aws' }], ['/usr/local/bin']), fs);
    serve([{ Status: 'Success', StatusDetails: 'Success', StandardOutputContent: full + 'x'.repeat(24_000 - full.length) }]);
    await expect(runProbe(makeSession(), 'eu-west-1', INSTANCE, { paths: [], names: ['aws'], runPath: '/usr/local/bin' }, { sleep: noSleep })).rejects.toMatchObject({
      reason: 'truncated',
      api: 'GetCommandInvocation',
    });
  });

  it('output without its end marker or lacking an entry is truncated evidence', async () => {
    serve([{ Status: 'Success', StandardOutputContent: 'DG-PROBE\tBEGIN\t1\nN\taws\t/usr/bin/aws\n' }]);
    await expect(runProbe(makeSession(), 'eu-west-1', INSTANCE, request, { sleep: noSleep })).rejects.toMatchObject({ reason: 'truncated' });
    ssmMock.reset();
    serve([{ Status: 'Success', StandardOutputContent: 'DG-PROBE\tBEGIN\t1\nN\taws\t/usr/bin/aws\nDG-PROBE\tEND\t4\n' }]);
    await expect(runProbe(makeSession(), 'eu-west-1', INSTANCE, request, { sleep: noSleep })).rejects.toThrow(/lacks path \/usr\/bin\/aws/);
  });

  it('times out after timeoutMs of polling (no real waiting)', async () => {
    const { polls } = serve([{ Status: 'InProgress', StatusDetails: 'InProgress' }]);
    await expect(runProbe(makeSession(), 'eu-west-1', INSTANCE, request, { sleep: noSleep, pollMs: 1000, timeoutMs: 5000 })).rejects.toMatchObject({ reason: 'probe-timeout' });
    expect(polls()).toBe(5);
  });

  it('SendCommand access denied names ssm:SendCommand', async () => {
    ssmMock.on(SendCommandCommand).rejects(sdkError('AccessDeniedException', 'no', { $metadata: { httpStatusCode: 400 } }));
    const err = (await runProbe(makeSession({ roleArn: 'arn:aws:iam::111111111111:role/r' }), 'eu-west-1', INSTANCE, request, { sleep: noSleep }).catch((e: unknown) => e)) as AwsEvidenceError;
    expect(err).toMatchObject({ reason: 'access-denied', api: 'SendCommand' });
    expect(err.fix).toContain('grant ssm:SendCommand to role arn:aws:iam::111111111111:role/r');
  });

  it('splits large requests so no single output can reach the 24,000-character limit', async () => {
    const paths = Array.from({ length: 400 }, (_, i) => `/opt/tools/very/long/directory/name/number/${i}/bin/tool-${i}`);
    const files = Object.fromEntries(paths.map((p) => [p, 'x' as const]));
    const { sent } = serve(['simulate'], { files });
    const res = await runProbe(makeSession(), 'eu-west-1', INSTANCE, { paths, names: [], runPath: '/usr/bin' }, { sleep: noSleep });
    expect(sent.length).toBeGreaterThan(1);
    expect(res.paths.size).toBe(400);
    expect([...res.paths.values()].every((p) => p.executable)).toBe(true);
    for (const s of sent) expect(simulateProbe(s.Parameters!.commands!, { files }).length).toBeLessThan(24_000);
  });
});

describe('probe input allow-list', () => {
  const badPaths = ['/usr/bin/aws;rm -rf /', '$(x)', '/usr/bin/$(x)', '/usr/bin/aws\n/bin/sh', '/usr/../bin/sh', '/usr/bin/..', "/a'b", '/a b', '/a`id`', 'relative/path', '', '/a|b', '/a*', '/a\\b', '/tmp/x&'];
  it.each(badPaths)('path %j → ProbeInputRejected with zero AWS calls', async (bad) => {
    const err = await runProbe(makeSession({ accountId: '111111111111' }), 'eu-west-1', INSTANCE, { ...request, paths: ['/usr/bin/aws', bad] }, { sleep: noSleep }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProbeInputRejected);
    expect(err).not.toBeInstanceOf(AwsEvidenceError);
    expect((err as ProbeInputRejected).field).toBe('paths');
    expect(ssmMock.calls()).toHaveLength(0);
    expect(stsMock.calls()).toHaveLength(0);
  });

  const badNames = ['a;b', '$(x)', 'a\nb', '..', 'a/b', "it's", 'a b', ''];
  it.each(badNames)('name %j → ProbeInputRejected', async (bad) => {
    await expect(runProbe(makeSession(), 'eu-west-1', INSTANCE, { ...request, names: [bad] }, { sleep: noSleep })).rejects.toBeInstanceOf(ProbeInputRejected);
    expect(ssmMock.calls()).toHaveLength(0);
  });

  const badRunPaths = ['/usr/bin::/bin', '/usr/bin:.', '/usr/bin:', '/x/../y', '/usr/bin;id', '$PATH'];
  it.each(badRunPaths)('run path %j → ProbeInputRejected', async (bad) => {
    await expect(runProbe(makeSession(), 'eu-west-1', INSTANCE, { ...request, runPath: bad }, { sleep: noSleep })).rejects.toMatchObject({ name: 'ProbeInputRejected', field: 'runPath' });
    expect(ssmMock.calls()).toHaveLength(0);
  });

  it('refuses bad instance ids and too many entries; messages escape the value', () => {
    expect(() => validateProbeRequest('i-1;x', request)).toThrow(ProbeInputRejected);
    expect(() => validateProbeRequest(INSTANCE, { ...request, names: Array.from({ length: 501 }, (_, i) => `n${i}`) })).toThrow(/at most 500 names/);
    expect(() => validateProbeRequest(INSTANCE, { ...request, paths: ['/a\n::error::x'] })).toThrow(/"\/a\\n::error::x"/);
    expect(validateProbeRequest(INSTANCE, { paths: ['/opt/x+y/a.b-c_d'], names: ['python3.12', 'g++'], runPath: '/usr/bin' })).toEqual({
      paths: ['/opt/x+y/a.b-c_d'],
      names: ['python3.12', 'g++'],
      runPath: ['/usr/bin'],
    });
  });
});

describe('the fixed probe script on a real shell', () => {
  const shells = ['/bin/sh', '/bin/bash', '/usr/bin/dash'].filter((s) => existsSync(s));
  it.each(shells)('%s: output parses and matches this machine', (shell) => {
    const entries = [
      { kind: 'P' as const, value: '/bin/sh' },
      { kind: 'P' as const, value: '/etc/passwd' },
      { kind: 'P' as const, value: '/nonexistent-dg/bin/sh' },
      { kind: 'P' as const, value: '/nonexistent-dg/bin/no-such-tool-dg' },
      { kind: 'N' as const, value: 'sh' },
      { kind: 'N' as const, value: 'no-such-tool-dg' },
      { kind: 'N' as const, value: 'dg_path' },
      { kind: 'N' as const, value: '-rf' },
    ];
    const script = buildProbeCommands(entries, ['/nonexistent-dg', '/usr/bin', '/bin']).join('\n') + '\n';
    const out = execFileSync(shell, ['-c', script], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
    const parsed = parseProbeOutput(out, entries);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.paths.get('/bin/sh')).toEqual({ exists: true, executable: true });
    expect(parsed.paths.get('/etc/passwd')).toMatchObject({ exists: true, executable: false });
    expect(parsed.paths.get('/nonexistent-dg/bin/sh')).toEqual({ exists: false, executable: false, foundOnPath: '/usr/bin/sh' });
    expect(parsed.paths.get('/nonexistent-dg/bin/no-such-tool-dg')).toEqual({ exists: false, executable: false, foundOnPath: null });
    expect(parsed.names.get('sh')).toBe('/usr/bin/sh');
    expect(parsed.names.get('no-such-tool-dg')).toBeNull();
    expect(parsed.names.get('dg_path')).toBeNull(); // the probe's own functions are not reported
    expect(parsed.names.get('-rf')).toBeNull();
  });
});
