// Bundles the action (dist/index.js), the CLI (dist/cli.js), their parsing worker (dist/analysisWorker.js) and GitHub
// client thread (dist/githubWorker.js) as ESM for node24, copies the wasm
// grammars next to them, and regenerates the shipped JSON Schema of the configuration file.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const require = createRequire(import.meta.url);
const schemaOnly = process.argv.includes('--schema-only');

/**
 * @actions/core imports its OIDC client (and with it @actions/http-client and undici, a third of the
 * bundle) for getIDToken, which deploy-guard never calls. These modules only define things when imported,
 * so marking them side-effect free lets esbuild leave out of the action's start-up what nothing uses.
 */
const SIDE_EFFECT_FREE = /node_modules\/(@actions\/http-client|undici|tunnel)\/|node_modules\/@actions\/core\/lib\/oidc-utils\.js$/;
const sideEffectFree = {
  name: 'side-effect-free',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.sideEffectFree) return undefined;
      const result = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { sideEffectFree: true } });
      if (result.errors.length > 0 || !SIDE_EFFECT_FREE.test(result.path)) return undefined;
      return { path: result.path, sideEffects: false };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  // CommonJS dependencies inside an ESM bundle need require().
  banner: { js: "import { createRequire as __dgCreateRequire } from 'node:module'; const require = __dgCreateRequire(import.meta.url);" },
};

async function writeSchema() {
  const out = join(root, 'node_modules', '.cache', 'deploy-guard-schema.mjs');
  await build({ ...common, entryPoints: [join(root, 'scripts', 'schema-entry.ts')], outfile: out, sourcemap: false });
  const { configJsonSchema } = await import(pathToFileURL(out).href);
  await writeFile(join(root, 'deploy-guard.schema.json'), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
}

function packageFile(pkg, file) {
  let dir = dirname(require.resolve(pkg));
  while (!existsSync(join(dir, file)) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, file);
}

if (!schemaOnly) {
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  await build({
    ...common,
    entryPoints: {
      index: join(root, 'src', 'index.ts'),
      cli: join(root, 'src', 'cli.ts'),
      analysisWorker: join(root, 'src', 'parse', 'analysisWorker.ts'),
      githubWorker: join(root, 'src', 'facts', 'githubWorker.ts'),
    },
    outdir: dist,
    splitting: true,
    plugins: [sideEffectFree],
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    sourcesContent: false,
  });
  for (const [pkg, file] of [
    ['web-tree-sitter', 'web-tree-sitter.wasm'],
    ['tree-sitter-bash', 'tree-sitter-bash.wasm'],
  ]) {
    await copyFile(packageFile(pkg, file), join(dist, file));
  }
  // The HCL grammar, built with one change (grammars/hcl/README.md).
  for (const file of ['tree-sitter-terraform.wasm', 'tree-sitter-hcl.wasm']) await copyFile(join(root, 'grammars', 'hcl', file), join(dist, file));
  await writeFile(join(dist, 'analysis-build.txt'), `${await analysisBuild()}\n`);
}

/**
 * The build of the analyses for the analysis cache (src/parse/analysisCache.ts): a hash of every bundled file
 * and grammar, so that a cache written by any other build is never read.
 */
async function analysisBuild() {
  const hash = createHash('sha256');
  const files = [];
  for (const dir of ['', 'chunks']) {
    for (const name of await readdir(join(dist, dir))) if (/\.(js|wasm)$/.test(name)) files.push(dir ? `${dir}/${name}` : name);
  }
  for (const file of files.sort()) hash.update(file).update('\0').update(await readFile(join(dist, file))).update('\0');
  return hash.digest('base64url');
}
await writeSchema();
