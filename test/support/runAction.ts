// The runner the demo uses too: the bundled action run exactly as the GitHub runner runs it.
export { DIST_CLI, DIST_INDEX, parseOutputFile, runAction, type ActionRun, type ActionRunOptions } from '../../examples/demo/runner.mjs';
