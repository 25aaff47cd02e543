import type { Scan } from '../../core/scan.js';
import type { Decision } from '../../core/types.js';
import { normalizeRel } from '../shared.js';
import type { GoMod } from './gomod.js';
import { goMinor, minorOf } from './version.js';

/** How the build gets the module's requirements: from vendor/ or downloaded, with what --explain says of it. */
export interface GoModules {
  vendored: boolean;
  decisions: Decision[];
}

/**
 * Where the requirements come from: vendor/ when go build reads it by itself, else a download
 * in its own layer. Warns of what would stop the build: a replace outside the project, a
 * missing go.sum.
 */
export function goModules(scan: Scan, mod: GoMod | undefined, warnings: string[]): GoModules {
  for (const r of mod?.localReplaces ?? []) {
    if (r.startsWith('../'))
      warnings.push(
        `go.mod replaces a module with ${r}, outside this directory: Docker cannot see it from here. Build from a parent directory, vendor it (go mod vendor), or use go.work inside the project.`,
      );
  }
  const decisions: Decision[] = [];
  // From go 1.14 on, go build uses vendor/ by itself; below, it downloads what go.mod requires.
  const hasVendor = scan.manifest('vendor/modules.txt') !== undefined;
  const directive = goMinor(mod?.go ?? '');
  const vendored = hasVendor && (directive === undefined || minorOf(directive) >= 14);
  if (hasVendor && !vendored) {
    decisions.push({
      topic: 'vendor/',
      choice: 'not used: modules are downloaded',
      because: `go.mod says go ${directive}, below 1.14, so go build does not read vendor/ by itself (raise the go line to 1.14 or more to build from vendor/)`,
    });
  }
  const requires = mod?.requires.length ?? 0;
  decisions.push({
    topic: 'Modules',
    choice: vendored
      ? 'vendored: built from vendor/, nothing downloaded'
      : requires
        ? 'downloaded in their own cached layer'
        : 'none to download',
    because: vendored
      ? 'vendor/modules.txt'
      : requires
        ? `${requires} requirement${requires > 1 ? 's' : ''} in go.mod`
        : 'no require in go.mod',
  });
  if (requires && !vendored && !scan.has('go.sum')) {
    warnings.push(
      'go.mod has requirements but there is no go.sum: the build will stop with "missing go.sum entry". Run go mod tidy and commit go.sum.',
    );
  }
  return { vendored, decisions };
}

/** What the build reads by name beside the sources: module files, vendor/, the package, local replaces. */
export function moduleInputs(scan: Scan, mod: GoMod | undefined, vendored: boolean, pkg: string): string[] {
  const keep: string[] = [];
  for (const f of ['go.mod', 'go.sum', 'go.work', 'go.work.sum']) if (scan.has(f)) keep.push(f);
  if (vendored) keep.push('vendor/modules.txt', 'vendor');
  if (pkg !== '.') keep.push(pkg);
  for (const r of mod?.localReplaces ?? []) {
    const target = normalizeRel(r);
    if (target && target !== '.') keep.push(target);
  }
  return keep;
}
