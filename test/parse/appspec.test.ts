import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseAppspec } from '../../src/parse/appspec.js';

const SAMPLE = `version: 0.0
os: linux
files:
  - source: /
    destination: /var/www/html/WordPress
hooks:
  BeforeInstall:
    - location: scripts/install_dependencies.sh
      timeout: 300
      runas: root
  AfterInstall:
    - location: scripts/change_permissions.sh
      timeout: 300
      runas: root
  ApplicationStart:
    - location: scripts/start_server.sh
    - location: scripts/create_test_db.sh
      timeout: 300
      runas: root
  ApplicationStop:
    - location: scripts/stop_server.sh
      timeout: 300
      runas: root
`;

describe('analyseAppspec', () => {
  it('reads the hooks of the CodeDeploy WordPress sample with the line of each location', () => {
    const spec = analyseAppspec(SAMPLE);
    expect(spec.problems).toEqual([]);
    expect(spec.os).toBe('linux');
    expect(spec.serverless).toBe(false);
    expect(spec.hooks.map(({ event, location, line, column, runas, timeout }) => ({ event, location, line, column, runas, timeout }))).toEqual([
      { event: 'BeforeInstall', location: 'scripts/install_dependencies.sh', line: 8, column: 17, runas: 'root', timeout: 300 },
      { event: 'AfterInstall', location: 'scripts/change_permissions.sh', line: 12, column: 17, runas: 'root', timeout: 300 },
      { event: 'ApplicationStart', location: 'scripts/start_server.sh', line: 16, column: 17, runas: undefined, timeout: undefined },
      { event: 'ApplicationStart', location: 'scripts/create_test_db.sh', line: 17, column: 17, runas: 'root', timeout: 300 },
      { event: 'ApplicationStop', location: 'scripts/stop_server.sh', line: 21, column: 17, runas: 'root', timeout: 300 },
    ]);
    expect(spec.files).toEqual([{ source: '/', destination: '/var/www/html/WordPress', line: 5, column: 18 }]);
  });

  it('takes ECS and Lambda appspecs for what they are: nothing runs on an instance', () => {
    const lambda = analyseAppspec(`version: 0.0
Resources:
  - myLambdaFunction:
      Type: AWS::Lambda::Function
hooks:
  - BeforeAllowTraffic: "LambdaFunctionToValidateBeforeTrafficShift"
`);
    expect(lambda.serverless).toBe(true);
    expect(lambda.hooks).toEqual([]);
  });

  it('reports YAML errors and wrong shapes with their line instead of throwing', () => {
    expect(analyseAppspec('hooks:\n  BeforeInstall:\n    - location: [unclosed\n').problems[0]).toMatchObject({ line: expect.any(Number) });
    expect(analyseAppspec('- just\n- a list\n').problems).toEqual([{ line: 1, column: 1, message: expect.stringContaining('mapping') }]);
    expect(analyseAppspec('hooks:\n  BeforeInstall: scripts/x.sh\n').problems).toEqual([{ line: 2, column: 18, message: expect.stringContaining('BeforeInstall') }]);
    expect(analyseAppspec('hooks:\n  BeforeInstall:\n    - timeout: 3\n').problems).toEqual([{ line: 3, column: 7, message: expect.stringContaining('no location') }]);
  });

  it('reads an event written as an explicit key without a value as an event without scripts, as an empty one', () => {
    // `? key` leaves the pair without a value node at all (null), where `key:` leaves an empty scalar.
    const explicit = analyseAppspec('hooks:\n  ? BeforeInstall\n  AfterInstall:\n    - location: scripts/after.sh\n');
    expect(explicit.problems).toEqual([]);
    expect(explicit.hooks.map((hook) => `${hook.event} ${hook.location}`)).toEqual(['AfterInstall scripts/after.sh']);
    expect(analyseAppspec('hooks:\n  BeforeInstall:\n  AfterInstall:\n    - location: scripts/after.sh\n')).toEqual(explicit);
  });

  it('never throws, whatever YAML shape each part of an appspec takes', () => {
    // The shapes YAML allows where the reader expects others: explicit keys, empty and null values, aliases,
    // flow collections, scalars for lists and lists for maps.
    const values = (indent: string, list: string) => [
      `:\n${indent}  - ${list}`,
      ':',
      ': ~',
      ': text',
      ': [a, b]',
      ': {location: x}',
      ': *missing',
      `:\n${indent}  - ~`,
      `:\n${indent}  - - nested`,
    ];
    const part = (indent: string, key: string, list: string) =>
      fc.oneof(fc.constantFrom(...values(indent, list).map((value) => `${indent}${key}${value}`)), fc.constant(`${indent}? ${key}`));
    const script = fc.constantFrom('location: scripts/a.sh', 'location:', '? location', 'timeout: 3', 'location: [a]');
    const event = fc.tuple(fc.constantFrom('BeforeInstall', 'AfterInstall', 'ApplicationStart'), fc.boolean(), script).chain(([name, listed, first]) =>
      listed ? fc.constant(`  ${name}:\n    - ${first}`) : part('  ', name, first),
    );
    const appspec = fc.tuple(
      part('', 'files', 'destination: /opt/app'),
      fc.oneof(fc.array(event, { maxLength: 3 }).map((events) => `hooks:\n${events.join('\n')}`), part('', 'hooks', 'location: x')),
      part('', 'os', 'linux'),
    ).map((parts) => `version: 0.0\n${parts.join('\n')}\n`);
    fc.assert(
      fc.property(appspec, (text) => {
        const spec = analyseAppspec(text);
        expect(Array.isArray(spec.hooks) && Array.isArray(spec.problems)).toBe(true);
      }),
      // A fixed seed, as the hardening fuzz's: a failure reproduces.
      { seed: 20_261_127, numRuns: 1000 },
    );
  });

  it('follows an alias once and survives an alias bomb in bounded time', () => {
    const spec = analyseAppspec(`hooks:
  BeforeInstall: &install
    - location: scripts/a.sh
  AfterInstall: *install
`);
    expect(spec.hooks.map((hook) => `${hook.event} ${hook.location}`)).toEqual(['BeforeInstall scripts/a.sh', 'AfterInstall scripts/a.sh']);
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`), 'hooks:', '  BeforeInstall: *j'].join('\n');
    const started = Date.now();
    const result = analyseAppspec(bomb);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.hooks).toEqual([]);
  });
});
