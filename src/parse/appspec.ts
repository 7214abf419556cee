// Reads a CodeDeploy appspec.yml (EC2/on-premises): the hook scripts it runs, as whom, and where the
// deployment installs the revision's files. Positions come from the YAML parser, 1-based.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { yamlReader } from './yamlNodes.js';

export interface AppspecHook {
  /** Lifecycle event, e.g. ApplicationStart. */
  event: string;
  /** `location:` as written: a path inside the revision, relative to the appspec's folder. */
  location: string;
  /** Position of the location value. */
  line: number;
  column: number;
  runas?: string;
  timeout?: number;
}

export interface AppspecFiles {
  source: string;
  /** Folder on the instance that receives the files: everything under it is installed by the deployment. */
  destination: string;
  line: number;
  column: number;
}

export interface AppspecAnalysis {
  /** `os:` (linux, windows); undefined when absent. */
  os?: string;
  /** ECS and Lambda appspecs (`Resources:`) run no scripts on instances. */
  serverless: boolean;
  hooks: AppspecHook[];
  files: AppspecFiles[];
  /** YAML errors and shapes that are not an appspec, with positions. */
  problems: { line: number; column: number; message: string }[];
}


export function analyseAppspec(text: string): AppspecAnalysis {
  const result: AppspecAnalysis = { serverless: false, hooks: [], files: [], problems: [] };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const at = (offset: number | undefined) => {
    const pos = lines.linePos(offset ?? 0);
    return { line: pos.line, column: pos.col };
  };
  for (const error of doc.errors) result.problems.push({ ...at(error.pos[0]), message: error.message });
  if (doc.errors.length > 0) return result;
  const root = doc.contents;
  if (!isMap(root)) {
    result.problems.push({ ...at(root?.range?.[0]), message: 'an appspec is a mapping with version, os, files and hooks' });
    return result;
  }
  const { resolve, scalarText } = yamlReader(doc);

  for (const pair of root.items) {
    const key = scalarText(pair.key);
    if (key === 'os') {
      const os = scalarText(pair.value);
      if (os !== undefined) result.os = os.toLowerCase();
    } else if (key === 'Resources') {
      result.serverless = true;
    } else if (key === 'files') {
      const files = resolve(pair.value);
      if (!isSeq(files)) continue;
      for (const item of files.items) {
        const entry = resolve(item);
        if (!isMap(entry)) continue;
        const source = scalarText(entry.get('source', true));
        const destinationNode = entry.get('destination', true);
        const destination = scalarText(destinationNode);
        if (destination === undefined) continue;
        result.files.push({ source: source ?? '/', destination, ...at((resolve(destinationNode) as YamlNode | undefined)?.range?.[0]) });
      }
    } else if (key === 'hooks') {
      const hooks = resolve(pair.value);
      if (isSeq(hooks)) {
        // ECS/Lambda hooks are a list of {event: function}; nothing runs on an instance.
        result.serverless = true;
        continue;
      }
      if (!isMap(hooks)) {
        if (hooks) result.problems.push({ ...at(hooks.range?.[0]), message: '`hooks` must map lifecycle events to lists of scripts' });
        continue;
      }
      for (const hookPair of hooks.items) {
        const event = scalarText(hookPair.key) ?? '';
        const scripts = resolve(hookPair.value);
        if (scripts === undefined || (isScalar(scripts) && scripts.value === null)) continue;
        if (!isSeq(scripts)) {
          result.problems.push({ ...at((scripts as YamlNode).range?.[0]), message: `hook ${event} must be a list of { location, timeout, runas }` });
          continue;
        }
        for (const item of scripts.items) {
          const script = resolve(item);
          if (!isMap(script)) continue;
          const locationNode = resolve(script.get('location', true));
          const location = scalarText(locationNode);
          if (location === undefined) {
            result.problems.push({ ...at(script.range?.[0]), message: `a script of hook ${event} has no location` });
            continue;
          }
          const hook: AppspecHook = { event, location, ...at(locationNode?.range?.[0]) };
          const runas = scalarText(script.get('runas', true));
          if (runas !== undefined) hook.runas = runas;
          const timeout = Number(scalarText(script.get('timeout', true)));
          if (Number.isFinite(timeout) && timeout > 0) hook.timeout = timeout;
          result.hooks.push(hook);
        }
      }
    }
  }
  return result;
}
