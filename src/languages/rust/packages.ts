import { UserError } from '../../core/errors.js';
import { obj, readToml as readTomlFile, str, strs, type Toml } from '../../core/parse.js';
import { shown } from '../../core/quote.js';
import type { Scan } from '../../core/scan.js';
import { joinRel as join, normalizeRel as normalize } from '../shared.js';
import { cachedLister, readCrate, type Crate, type Lister } from './crate.js';
import { memberFolders, PACKAGES_MAX } from './members.js';
import { plainPath } from './paths.js';

/** Cargo's manifests: a parse error says that cargo shows the same. */
const readToml = (scan: Scan, rel: string) => readTomlFile(scan, rel, ' (cargo metadata shows the same error)');

/** Path dependencies of path dependencies: a chain longer than this is cut (with a warning). */
export const PATH_DEPTH_MAX = 32;

/** The packages Cargo loads: the root's, the workspace members', and those they depend on by path. */
export interface Workspace {
  /** Every package read: the root's first, then members and path dependencies in the order reached. */
  crates: Crate[];
  rootCrate: Crate | undefined;
  /** The member folders, globs expanded and exclusions removed. */
  memberDirs: string[];
  /** The workspace's default-members. */
  defaults: Set<string>;
  /** Every folder reached ('.', members, path dependencies), with a package or not. */
  seen: Set<string>;
}

const DEPENDENCY_TABLES = ['dependencies', 'dev-dependencies', 'build-dependencies'];

/** The paths a manifest's dependencies name (`foo = { path = "../foo" }`), as written. */
function dependencyPaths(manifest: Toml, dir: string): string[] {
  const depTables = [
    ...DEPENDENCY_TABLES.map((t) => obj(manifest[t])),
    ...Object.values(obj(manifest.target) ?? {}).flatMap((cfg) => DEPENDENCY_TABLES.map((t) => obj(obj(cfg)?.[t]))),
  ];
  // The root's [workspace.dependencies] and [patch.*] name packages by path as well.
  if (dir === '.')
    depTables.push(obj(obj(manifest.workspace)?.dependencies), ...Object.values(obj(manifest.patch) ?? {}).map(obj));
  const paths: string[] = [];
  for (const table of depTables) {
    for (const dep of Object.values(table ?? {})) {
      const p = str(obj(dep)?.path);
      if (p) paths.push(p);
    }
  }
  return paths;
}

/**
 * Members, and the packages they depend on by path (Cargo loads those manifests too): a walk
 * with a visited set, capped in count and in depth, so a cycle or a huge list ends it.
 */
function walkPackages(
  scan: Scan,
  root: Toml,
  memberDirs: string[],
  wsPackage: Toml | undefined,
  list: Lister,
  warnings: string[],
): { crates: Crate[]; seen: Set<string> } {
  const queue: { dir: string; depth: number }[] = memberDirs.slice(0, PACKAGES_MAX).map((dir) => ({ dir, depth: 0 }));
  if (memberDirs.length > PACKAGES_MAX)
    warnings.push(`The workspace has ${memberDirs.length} members: only the first ${PACKAGES_MAX} were read.`);
  const seen = new Set<string>(['.', ...queue.map((q) => q.dir)]);
  let cut: string | undefined;
  const follow = (manifest: Toml, dir: string, depth: number) => {
    for (const p of dependencyPaths(manifest, dir)) {
      const target = p.startsWith('/') ? undefined : normalize(join(dir, p));
      if (!target) {
        warnings.push(
          `${shown(join(dir, 'Cargo.toml'))} depends on ${shown(p, 60)} by path, outside this directory: Docker cannot see it from here. Build from a parent directory, or move the crate into the project.`,
        );
        continue;
      }
      if (seen.has(target)) continue;
      if (seen.size > PACKAGES_MAX) {
        cut ??= `more than ${PACKAGES_MAX} packages (members and path dependencies)`;
        continue;
      }
      if (depth >= PATH_DEPTH_MAX) {
        cut ??= `path dependencies nested more than ${PATH_DEPTH_MAX} deep (at ${shown(target)})`;
        continue;
      }
      seen.add(target);
      queue.push({ dir: target, depth: depth + 1 });
    }
  };
  follow(root, '.', 0);
  const crates: Crate[] = [];
  for (let i = 0; i < queue.length; i++) {
    const { dir, depth } = queue[i]!;
    plainPath(dir, 'Package folder', 'Cargo.toml (workspace members or path dependencies)');
    const m = readToml(scan, `${dir}/Cargo.toml`);
    if (!m) {
      warnings.push(`${shown(dir)} has no Cargo.toml: left out.`);
      continue;
    }
    const c = readCrate(scan, dir, m, wsPackage, list);
    if (c) crates.push(c);
    follow(m, dir, depth);
  }
  if (cut)
    warnings.push(
      `Stopped reading packages at ${cut}: the ones past that were not read, so the dependency layer may miss their manifests.`,
    );
  return { crates, seen };
}

/** Cargo.toml and every package it leads to. */
export function readWorkspace(scan: Scan, warnings: string[]): Workspace {
  const root = readToml(scan, 'Cargo.toml');
  if (!root)
    throw new UserError(
      'E_NO_PROJECT',
      'No Cargo.toml here: a Rust project needs one to build in an image.',
      'Run it in the folder of Cargo.toml (cargo init makes one).',
    );
  const ws = obj(root.workspace);
  const wsPackage = obj(ws?.package);
  const list = cachedLister(scan);
  const rootCrate = readCrate(scan, '.', root, wsPackage, list);
  const memberDirs = ws
    ? memberFolders(list, (rel) => scan.has(rel), strs(ws.members), strs(ws.exclude), warnings)
    : [];
  const { crates, seen } = walkPackages(scan, root, memberDirs, wsPackage, list, warnings);
  return {
    crates: rootCrate ? [rootCrate, ...crates] : crates,
    rootCrate,
    memberDirs,
    defaults: new Set(ws ? strs(ws['default-members']) : []),
    seen,
  };
}
