// The loopback servers of the test suite, bundled for the benchmark (bench/run.mjs builds this file).
export { startGitHubLoopback } from '../../test/support/githubLoopback.js';
export { startAwsLoopback } from '../../test/support/awsLoopback.js';
export { awsScenario, adapterAudit, AWS_ENVIRONMENTS } from './aws.js';
