export interface BenchCounts {
  scale: number;
  roots: number;
  modules: number;
  appspecs: number;
  scripts: number;
  tfFiles: number;
  merges: number;
}
export interface BenchBranch {
  dir: string;
  head: string;
}
export interface BenchSummary {
  version: number;
  scale: number;
  seed: number;
  counts: BenchCounts;
  base: string;
  branches: Record<'typical' | 'everything' | 'docs', BenchBranch>;
  typicalFiles: string[];
  files: { total: number; tf: number; tfvars: number; roots: number; modules: number; scripts: number; appspecs: number; manifests: number; templates: number; packer: number; bytes: number };
  merges: number;
  generatedInMs: number;
  dir: string;
  reused: boolean;
}
export declare const GENERATOR_VERSION: number;
export declare const DEFAULT_SEED: number;
export declare const BENCH_DIR: string;
export declare const ENVIRONMENTS: string[];
export declare const IMAGE_FAMILIES: string[];
export declare function planCounts(scale?: number): BenchCounts;
export declare function repoDir(scale: number, seed?: number): string;
export declare function generateRepo(options?: { scale?: number; seed?: number; dir?: string; force?: boolean; log?: (line: string) => void }): BenchSummary;
