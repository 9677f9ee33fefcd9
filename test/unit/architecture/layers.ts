import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The floors of `server/src` and what each may import (docs/architecture.md draws the same map).
 * Imports point down: a floor names the floors below it that it uses; siblings do not import each
 * other. `.` is a file at the root of server/src (index, register, bootstrap, destroy).
 */
export const SERVER_LAYERS: Record<string, readonly string[]> = {
  '.': ['routes', 'controllers', 'lifecycles', 'serving', 'services', 'history', 'quality', 'webhooks', 'config', 'models', 'utils', 'shared'],
  routes: ['controllers', 'config', 'utils', 'shared'],
  controllers: ['services', 'validation', 'errors', 'utils', 'shared'],
  lifecycles: ['services', 'queue', 'context', 'config', 'utils', 'shared'],
  serving: ['alt-text', 'config', 'errors', 'utils', 'shared', 'models'],
  services: ['queue', 'spend', 'history', 'quality', 'generation', 'cache', 'context', 'image-source', 'providers', 'alt-text', 'csv', 'validation', 'config', 'models', 'errors', 'utils', 'shared'],
  validation: ['config', 'errors', 'utils', 'shared'],
  queue: ['spend', 'history', 'quality', 'webhooks', 'generation', 'cache', 'context', 'alt-text', 'config', 'models', 'errors', 'utils', 'shared'],
  /** The spending ledger and the budget: credits per day and provider, the period counters, the clock. */
  spend: ['config', 'models', 'errors', 'utils', 'shared'],
  history: ['alt-text', 'config', 'models', 'errors', 'utils', 'shared'],
  /** Strapi webhooks: the plugin's events, told after the change they announce is committed. */
  webhooks: ['alt-text', 'config', 'models', 'errors', 'utils', 'shared'],
  /** Quality flags: offline checks on alt text, their results, the listener on alt-text changes. */
  quality: ['alt-text', 'config', 'models', 'errors', 'utils', 'shared'],
  generation: ['spend', 'cache', 'context', 'image-source', 'providers', 'alt-text', 'config', 'models', 'errors', 'utils', 'shared'],
  /** Never paying twice: files' content hashes and the texts the provider wrote for them. */
  cache: ['image-source', 'providers', 'config', 'models', 'errors', 'utils', 'shared'],
  context: ['providers', 'alt-text', 'config', 'models', 'errors', 'utils', 'shared'],
  'image-source': ['providers', 'config', 'errors', 'utils', 'shared'],
  providers: ['alt-text', 'config', 'errors', 'utils', 'shared'],
  'alt-text': ['models', 'config', 'errors', 'utils', 'shared'],
  csv: ['shared'],
  config: ['errors', 'utils', 'shared'],
  models: ['shared'],
  errors: ['shared'],
  utils: ['shared'],
  shared: [],
};

/**
 * The admin's floors: the entry (index.ts) → pages → components → hooks → utils, with the plugin id
 * and permissions at the bottom. A root file is its own floor (`root:<name>`).
 */
export const ADMIN_LAYERS: Record<string, readonly string[]> = {
  'root:index': ['pages', 'components', 'hooks', 'utils', 'translations', 'root:pluginId', 'root:permissions', 'shared'],
  pages: ['components', 'hooks', 'utils', 'root:pluginId', 'root:permissions', 'shared'],
  components: ['hooks', 'utils', 'root:pluginId', 'shared'],
  hooks: ['utils', 'root:pluginId', 'root:permissions', 'shared'],
  utils: ['translations', 'root:pluginId', 'shared'],
  translations: [],
  'root:permissions': ['shared'],
  'root:pluginId': [],
  shared: [],
};

export interface ImportEdge {
  file: string;
  line: number;
  specifier: string;
  from: string;
  to: string;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|require\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

export const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });

/** The floor a file belongs to: its first folder under `server/src` or `admin/src`, the root file itself, `shared` for shared/. */
export const floorOf = (file: string, repoRoot: string): string => {
  const relative = path.relative(repoRoot, file).split(path.sep);
  if (relative[0] === 'shared') return 'shared';
  if (relative[0] === 'admin' && relative[1] === 'src') {
    const isFolder = relative.length === 3 && existsSync(file) && statSync(file).isDirectory();
    return relative.length === 3 && !isFolder ? `root:${relative[2].replace(/\.(ts|tsx|json)$/, '')}` : relative[2];
  }
  if (relative[0] !== 'server' || relative[1] !== 'src') return `outside:${relative[0]}`;
  // `../providers` names a folder (its index.ts): the floor is the folder, not the root.
  const isFolder = relative.length === 3 && existsSync(file) && statSync(file).isDirectory();
  return relative.length === 3 && !isFolder ? '.' : relative[2];
};

/** Every relative import of the given files, with the floors on both ends. */
export const importEdges = (files: string[], repoRoot: string): ImportEdge[] =>
  files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const edges: ImportEdge[] = [];
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      const target = path.resolve(path.dirname(file), specifier);
      const line = text.slice(0, match.index).split('\n').length + 1;
      edges.push({ file: path.relative(repoRoot, file), line, specifier, from: floorOf(file, repoRoot), to: floorOf(target, repoRoot) });
    }
    return edges;
  });

/** Imports that point up or sideways: what the rule forbids. */
export const violations = (edges: ImportEdge[], layers: Record<string, readonly string[]>): ImportEdge[] =>
  edges.filter((edge) => edge.from !== edge.to && !(layers[edge.from] ?? []).includes(edge.to));
