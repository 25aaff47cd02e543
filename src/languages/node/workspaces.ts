import { dirname } from 'node:path';
import { isBuilt, type Scan } from '../../core/scan.js';
import { obj } from '../../core/parse.js';
import { listed } from '../shared.js';
import type { Manager, Said } from './info.js';
import { readJson, readYaml, type Json } from './read.js';
import { globMatches, WORKSPACE_LIMITS as L, workspaceGlob, type WorkspaceGlob } from './workspace-glob.js';

/** A workspace package: its folder and its package.json. */
export interface Workspace {
  dir: string;
  pkg: Json;
}

/** The patterns of a workspaces list compiled, those this tool cannot read said and left out. */
function workspaceGlobs(source: string, patterns: unknown[], warnings: string[]): WorkspaceGlob[] {
  if (patterns.length > L.patterns)
    warnings.push(`${source} lists ${patterns.length} patterns: only the first ${L.patterns} are read.`);
  const globs: WorkspaceGlob[] = [];
  for (const raw of patterns.slice(0, L.patterns)) {
    const g = workspaceGlob(raw);
    if (typeof g === 'string')
      warnings.push(`${source}: the pattern ${g}: it is not used. Name the folders plainly (packages/*).`);
    else globs.push(g);
  }
  return globs;
}

/** Folders with a package.json the patterns may name: at most L.depth deep, names and paths bounded, L.folders of them. */
function packageFolders(scan: Scan, source: string, warnings: string[]): string[] {
  let long = 0;
  const dirs: string[] = [];
  for (const f of scan.files) {
    if (!f.endsWith('/package.json') || f.split('/').length > L.depth + 1) continue;
    const d = dirname(f);
    if (!isBuilt(`${d}/x`)) continue;
    if (d.length > L.path || d.split('/').some((n) => n.length > L.name)) {
      long++;
      continue;
    }
    if (dirs.length === L.folders) {
      warnings.push(
        `The project has more than ${L.folders} folders with a package.json: only the first ${L.folders} are matched against ${source}.`,
      );
      break;
    }
    dirs.push(d);
  }
  if (long)
    warnings.push(
      `${long} folder${long > 1 ? 's' : ''} with a package.json ${long > 1 ? 'have' : 'has'} a name over ${L.name} or a path over ${L.path} characters: not matched against ${source}.`,
    );
  return dirs;
}

/**
 * Folders a workspace pattern names ("packages/*", "apps/web", "packages/**", "!**\/test/**"),
 * among the package.json files the scan found. Patterns this tool cannot read are warnings.
 */
function expandWorkspaces(scan: Scan, source: string, patterns: unknown, warnings: string[]): Workspace[] {
  if (!Array.isArray(patterns)) {
    warnings.push(`${source} is not a list of folder patterns: no workspace packages are read.`);
    return [];
  }
  const globs = workspaceGlobs(source, patterns, warnings);
  const dirs = packageFolders(scan, source, warnings);
  const out: Workspace[] = [];
  const budget = { tests: 0 };
  const excluded = (names: string[]) => globs.some((g) => g.negate && globMatches(g.segments, names, budget));
  for (const g of globs) {
    if (g.negate) continue;
    for (const d of dirs) {
      if (budget.tests > L.tests) {
        warnings.push(
          `${source}: matching its patterns against ${dirs.length} folders took more than ${L.tests} tests: the packages found so far are read, the rest are not. Use fewer, plainer patterns.`,
        );
        return out;
      }
      const names = d.split('/');
      if (!globMatches(g.segments, names, budget) || excluded(names) || out.some((w) => w.dir === d)) continue;
      if (out.length >= L.packages) {
        warnings.push(`${source} names more than ${L.packages} packages: only the first ${L.packages} are read.`);
        return out;
      }
      const pkg = readJson(scan, `${d}/package.json`);
      if (pkg) out.push({ dir: d, pkg });
    }
  }
  return out;
}

/** The workspace packages: pnpm-workspace.yaml's packages for pnpm, package.json's workspaces for the others. */
export function workspacePackages(scan: Scan, root: Json, manager: Manager, said: Said): Workspace[] {
  const source =
    manager === 'pnpm'
      ? 'pnpm-workspace.yaml packages'
      : Array.isArray(root.workspaces)
        ? 'package.json workspaces'
        : 'package.json workspaces.packages';
  // Yarn's { packages: [...], nohoist: [...] } names them under packages.
  const patterns =
    manager === 'pnpm'
      ? readYaml(scan, 'pnpm-workspace.yaml')?.packages
      : obj(root.workspaces)
        ? obj(root.workspaces)!.packages
        : root.workspaces;
  const workspaces = patterns !== undefined ? expandWorkspaces(scan, source, patterns, said.warnings) : [];
  if (workspaces.length)
    said.decisions.push({
      topic: 'Workspaces',
      choice: listed(
        workspaces.map((w) => w.dir),
        8,
      ),
      because: manager === 'pnpm' ? 'pnpm-workspace.yaml' : 'package.json workspaces',
    });
  return workspaces;
}
