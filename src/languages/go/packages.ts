import { dirname } from 'node:path';
import type { Scan } from '../../core/scan.js';
import { parseGoFile } from './source.js';

export interface GoPackage {
  files: string[];
  /** Import path -> the first file that imports it. */
  imports: Map<string, string>;
}

/** The module's packages by directory, and the directories whose package is `main`. */
export interface GoPackages {
  packages: Map<string, GoPackage>;
  mains: Set<string>;
}

/** One pass over every non-test Go file: package clauses and imports, per directory. */
export function readPackages(scan: Scan): GoPackages {
  const mains = new Set<string>();
  const packages = new Map<string, GoPackage>();
  // A folder with a go.mod of its own is another module: not part of this one (go.work joins them).
  const nested = scan.has('go.work')
    ? []
    : scan.files.filter((f) => f.endsWith('/go.mod')).map((f) => `${dirname(f)}/`);
  for (const f of scan.withExt('.go')) {
    if (f.endsWith('_test.go') || nested.some((n) => f.startsWith(n))) continue;
    const parsed = parseGoFile(scan.read(f) ?? '', f);
    if (parsed.excluded || parsed.pkg === undefined) continue;
    const dir = dirname(f);
    if (parsed.pkg === 'main') mains.add(dir);
    const p: GoPackage = packages.get(dir) ?? { files: [], imports: new Map() };
    p.files.push(f);
    for (const i of parsed.imports) if (!p.imports.has(i)) p.imports.set(i, f);
    packages.set(dir, p);
  }
  return { packages, mains };
}

/**
 * The directories of the packages a main package links from this module: itself, and every
 * package under the module path it imports, transitively. Without a module path (no go.mod)
 * every package counts.
 */
export function reachable(packages: Map<string, GoPackage>, start: string, module: string | undefined): string[] {
  if (!module) return [...packages.keys()];
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length) {
    for (const i of packages.get(queue.shift()!)?.imports.keys() ?? []) {
      if (i !== module && !i.startsWith(`${module}/`)) continue;
      const dir = i === module ? '.' : i.slice(module.length + 1);
      if (packages.has(dir) && !seen.has(dir)) {
        seen.add(dir);
        queue.push(dir);
      }
    }
  }
  return [...seen];
}

/** What the program links: the files of its packages, and each import with the first file that makes it. */
export interface LinkedCode {
  files: string[];
  importedBy: Map<string, string>;
}

/** What the program links: its own package and the module's packages it imports, transitively. */
export function linkedCode(packages: Map<string, GoPackage>, pkg: string, module: string | undefined): LinkedCode {
  const linked = reachable(packages, pkg, module);
  const importedBy = new Map<string, string>();
  for (const dir of linked)
    for (const [i, f] of packages.get(dir)!.imports) if (!importedBy.has(i)) importedBy.set(i, f);
  return { files: linked.flatMap((dir) => packages.get(dir)!.files), importedBy };
}

/** A module path as `go mod init` takes it: plain path elements only (it lands in a RUN line). */
const MODULE_PATH = /^[a-z0-9][\w.~-]{0,100}(?:\/[\w.~-]{1,100}){0,10}$/i;

/**
 * The module path a project without go.mod was written for (GOPATH days): the prefix of an
 * import that ends with one of its own package folders (`github.com/dave/blast/httpworker` where
 * httpworker/ is here gives `github.com/dave/blast`), else `fallback`. With it, go mod tidy finds
 * the project's own packages here instead of downloading them.
 */
export function inferredModulePath(packages: Map<string, GoPackage>, fallback: string): string {
  const dirs = [...packages.keys()].filter((d) => d !== '.');
  for (const p of packages.values())
    for (const i of p.imports.keys()) {
      const dir = dirs.find((d) => i.endsWith(`/${d}`));
      const path = dir ? i.slice(0, -(dir.length + 1)) : undefined;
      if (path && path.includes('.') && MODULE_PATH.test(path)) return path;
    }
  return fallback;
}
