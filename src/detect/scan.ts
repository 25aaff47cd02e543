import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One walk of the project, shared by every detector and resolver. It never runs project
 * code and skips directories that hold dependencies, VCS data or build output, so a
 * repository with a large node_modules or target/ costs no more than its own sources.
 */
export const SKIP_DIRS = new Set([
  '.git', '.hg', '.svn', 'node_modules', 'vendor', 'third_party', 'target', 'build', 'dist', 'out',
  '.venv', 'venv', '__pycache__', '.tox', '.mypy_cache', '.pytest_cache', '.gradle', '.idea',
  '.vscode', 'bin', 'obj', 'cmake-build-debug', 'cmake-build-release', '.cache', 'testdata',
  '.terraform', 'coverage', '.next', '.nuxt',
]);

const MAX_DEPTH = 8;
const MAX_FILES = 50_000;
const MAX_READ = 1024 * 1024;

export interface Scan {
  readonly root: string;
  /** Project files, relative POSIX paths, sorted. */
  readonly files: readonly string[];
  /** Whether the walk stopped early at MAX_FILES. */
  readonly truncated: boolean;
  has(rel: string): boolean;
  /** The text of a file (cached), or undefined if missing or larger than 1 MiB. */
  read(rel: string): string | undefined;
  /** Files whose name ends with one of the extensions. */
  withExt(...exts: string[]): string[];
}

export function scanProject(root: string): Scan {
  const files: string[] = [];
  let truncated = false;
  const walk = (abs: string, rel: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (files.length >= MAX_FILES) {
        truncated = true;
        return;
      }
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (depth < MAX_DEPTH && !SKIP_DIRS.has(e.name)) walk(join(abs, e.name), r, depth + 1);
      } else if (e.isFile()) {
        files.push(r);
      }
    }
  };
  walk(root, '', 0);
  files.sort();
  const set = new Set(files);
  const cache = new Map<string, string | undefined>();
  return {
    root,
    files,
    truncated,
    has: (rel) => set.has(rel),
    read(rel) {
      if (cache.has(rel)) return cache.get(rel);
      let text: string | undefined;
      try {
        const p = join(root, rel);
        text = statSync(p).size <= MAX_READ ? readFileSync(p, 'utf8') : undefined;
      } catch {
        text = undefined;
      }
      cache.set(rel, text);
      return text;
    },
    withExt: (...exts) => files.filter((f) => exts.some((x) => f.endsWith(x))),
  };
}
