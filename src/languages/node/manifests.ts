import { dirname } from 'node:path';
import { UserError } from '../../core/errors.js';
import type { Scan } from '../../core/scan.js';
import { safeRelPath, shown } from '../../core/quote.js';
import { obj } from '../../core/parse.js';
import { normalizeRel } from '../shared.js';
import type { Manager } from './info.js';
import type { PackageManager } from './manager.js';
import { readYaml, type Json } from './read.js';
import type { Workspace } from './workspaces.js';

/** A project path a COPY line names by itself: plain, or refused with the fix (renaming; no flag changes a folder's name). */
export function copyable(rel: string, what: string): string {
  try {
    return safeRelPath(rel, what, '--entry', 'the project');
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    throw new UserError(
      e.code,
      e.message,
      `Rename it to letters, digits and . _ + - / (at most 255 characters): a COPY line of the dependency layer names it.`,
    );
  }
}

/**
 * Patch files pnpm and bun apply while installing (patchedDependencies): their folders go with the
 * dependency files. A patch that is missing, or lies in the root folder, is a warning.
 */
function patchFolders(scan: Scan, root: Json, manager: Manager, warnings: string[]): string[] {
  const patched = [
    ...(manager === 'pnpm'
      ? [obj(root.pnpm)?.patchedDependencies, readYaml(scan, 'pnpm-workspace.yaml')?.patchedDependencies]
      : []),
    ...(manager === 'bun' ? [root.patchedDependencies] : []),
  ]
    .flatMap((v) => Object.values(obj(v) ?? {}))
    .slice(0, 200);
  const dirs = new Set<string>();
  for (const f of patched) {
    const rel = typeof f === 'string' ? normalizeRel(f) : undefined;
    if (rel === undefined || !scan.has(rel)) {
      warnings.push(
        `The patch ${shown(typeof f === 'string' ? f : (JSON.stringify(f) ?? ''), 80)} (patchedDependencies) is not a file in the project: the install fails without it.`,
      );
      continue;
    }
    if (rel.includes('/')) dirs.add(dirname(rel));
    else
      warnings.push(
        `The patch ${shown(rel, 80)} (patchedDependencies) lies in the project's root folder: it is copied with the project, after the install that needs it. Keep patches in a folder (patches/).`,
      );
  }
  return [...dirs].slice(0, 20);
}

/** Files the dependency layer needs: the lock, every package.json of the workspaces, the manager's own config and patches. */
export function dependencyFiles(
  scan: Scan,
  root: Json,
  pm: PackageManager,
  workspaces: Workspace[],
  warnings: string[],
): string[] {
  const berry = pm.manager === 'yarn-berry';
  const patchDirs = patchFolders(scan, root, pm.manager, warnings);
  return [
    'package.json',
    ...(pm.lockFile ? [pm.lockFile] : []),
    ...workspaces.map((w) => `${w.dir}/package.json`),
    ...['.npmrc', '.yarnrc', '.yarnrc.yml', 'pnpm-workspace.yaml', 'bunfig.toml'].filter((f) => scan.has(f)),
    ...(berry && scan.list('.yarn/releases')?.length ? ['.yarn/releases'] : []),
    ...(berry && scan.list('.yarn/plugins')?.length ? ['.yarn/plugins'] : []),
    ...(berry && scan.list('.yarn/patches')?.length ? ['.yarn/patches'] : []),
    ...patchDirs.map((d) => `${d}/`),
  ].map((m) => copyable(m, 'Dependency file'));
}

/** Whether anything is installed: dependencies at the root or in the package, or workspaces. */
export function hasDependencies(root: Json, pkg: Json, workspaces: Workspace[]): boolean {
  return (
    Object.keys({ ...obj(root.dependencies), ...obj(root.devDependencies) }).length > 0 ||
    workspaces.length > 0 ||
    Object.keys({ ...obj(pkg.dependencies), ...obj(pkg.devDependencies) }).length > 0
  );
}
