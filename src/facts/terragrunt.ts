// Terragrunt's own module graph: a live `terragrunt.hcl` includes shared configuration
// (`include "envcommon" { path = "${dirname(find_in_parent_folders("root.hcl"))}/_envcommon/app.hcl" }`)
// and reads others (`read_terragrunt_config(find_in_parent_folders("env.hcl"))`). A change to such a
// shared file reaches every environment whose terragrunt.hcl includes or reads it. The path expressions
// are read from the HCL syntax tree and evaluated for the handful of functions Terragrunt layouts use;
// anything else is left out (never guessed).
// TODO(parse): belongs in parse/terraform.ts as `analysis.includes` once the grammar extractor exposes it.
import { posix } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { createParser } from '../parse/grammars.js';
import type { ModuleEdge } from './terraform.js';
import { normalisePath } from './workspace.js';

const MAX_DEPTH = 24;

interface Scope {
  /** Folder of the terragrunt.hcl being evaluated, as `/a/b` (the repository root is `/`). */
  dir: string;
  exists(path: string): boolean;
}

function stringContent(node: Node, scope: Scope, depth: number): string | undefined {
  let text = '';
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'template_literal') text += child.text;
    else if (child.type === 'template_interpolation') {
      const inner = child.namedChildren.find((part) => part?.type === 'expression');
      const value = inner ? evaluate(inner, scope, depth + 1) : undefined;
      if (value === undefined) return undefined;
      text += value;
    } else if (child.type === 'quoted_template_start' || child.type === 'quoted_template_end' || child.type === 'template_interpolation_start' || child.type === 'template_interpolation_end') continue;
    else return undefined; // template directives, escapes we do not follow
  }
  return text;
}

function findInParentFolders(scope: Scope, name: string): string | undefined {
  // Terragrunt starts in the parent of the configuration's folder.
  for (let dir = posix.dirname(scope.dir); ; dir = posix.dirname(dir)) {
    const candidate = posix.join(dir, name);
    if (scope.exists(candidate)) return candidate;
    if (dir === '/') return undefined;
  }
}

function evaluate(node: Node, scope: Scope, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (node.type) {
    case 'expression':
    case 'literal_value':
    case 'template_expr': {
      const only = node.namedChildren.filter((child) => child !== null);
      return only.length === 1 && only[0] ? evaluate(only[0], scope, depth + 1) : undefined;
    }
    case 'string_lit':
    case 'quoted_template':
      return stringContent(node, scope, depth);
    case 'function_call': {
      const name = node.namedChildren.find((child) => child?.type === 'identifier')?.text;
      const args = (node.namedChildren.find((child) => child?.type === 'function_arguments')?.namedChildren ?? []).filter((child): child is Node => child?.type === 'expression');
      const values = args.map((arg) => evaluate(arg, scope, depth + 1));
      if (values.some((value) => value === undefined)) return undefined;
      const [first] = values as string[];
      switch (name) {
        case 'find_in_parent_folders':
          return findInParentFolders(scope, first ?? 'terragrunt.hcl');
        case 'dirname':
          return first === undefined ? undefined : posix.dirname(first);
        case 'get_terragrunt_dir':
          return scope.dir;
        case 'get_repo_root':
          return '/';
        default:
          return undefined;
      }
    }
    default:
      return undefined;
  }
}

function toRepoPath(value: string, scope: Scope): string | undefined {
  const absolute = value.startsWith('/') ? value : posix.join(scope.dir, value);
  const path = normalisePath(absolute);
  return path === undefined || path === '' ? undefined : path;
}

/**
 * The files a terragrunt.hcl includes or reads, as edges `{ dir: <that file>, by: <this file>, line }`.
 * `exists` answers for repository-relative paths.
 */
export async function terragruntReads(path: string, text: string, exists: (path: string) => boolean): Promise<ModuleEdge[]> {
  const parser = await createParser('terraform');
  const tree = parser.parse(text);
  if (!tree) return [];
  const scope: Scope = { dir: `/${posix.dirname(path) === '.' ? '' : posix.dirname(path)}`, exists: (candidate) => exists(candidate.replace(/^\/+/, '')) };
  const edges: ModuleEdge[] = [];
  const add = (expression: Node | undefined): void => {
    if (!expression) return;
    const value = evaluate(expression, scope, 0);
    const target = value === undefined ? undefined : toRepoPath(value, scope);
    if (target && target !== path) edges.push({ dir: target, by: path, line: expression.startPosition.row + 1 });
  };
  try {
    // Explicit stack, no recursion on the input's nesting.
    const stack: Node[] = [tree.rootNode];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'block' && node.namedChildren[0]?.type === 'identifier' && node.namedChildren[0].text === 'include') {
        const body = node.namedChildren.find((child) => child?.type === 'body');
        for (const attribute of body?.namedChildren ?? []) {
          if (attribute?.type === 'attribute' && attribute.namedChildren[0]?.text === 'path') add(attribute.namedChildren.find((child) => child?.type === 'expression') ?? undefined);
        }
      } else if (node.type === 'function_call' && node.namedChildren[0]?.text === 'read_terragrunt_config') {
        const args = node.namedChildren.find((child) => child?.type === 'function_arguments');
        add(args?.namedChildren.find((child) => child?.type === 'expression') ?? undefined);
      }
      for (const child of node.namedChildren) if (child) stack.push(child);
    }
  } finally {
    tree.delete();
    parser.delete();
  }
  return edges.sort((a, b) => a.line - b.line);
}
