// The loopback servers of the test suite, bundled for the benchmark (bench/run.mjs builds this file).
export { startGitHubLoopback } from '../../test/support/githubLoopback.js';
export { startAwsLoopback } from '../../test/support/awsLoopback.js';
export { awsScenario, adapterAudit, AWS_ENVIRONMENTS } from './aws.js';
// How the action starts the process that parses on Node 22+: the floor parses the same way.
export { secondProcessFlags } from '../../src/reexec.js';
