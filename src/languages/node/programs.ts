import { UserError } from '../../core/errors.js';
import type { Scan } from '../../core/scan.js';
import { shown } from '../../core/quote.js';
import { obj, str } from '../../core/parse.js';
import type { Choice, Fact } from '../../core/types.js';
import { isHelperName, joinRel, pickEntry, plainName } from '../shared.js';
import type { ResolveOptions } from '../types.js';
import type { ProgramPackage, Said } from './info.js';
import { copyable } from './manifests.js';
import type { Json } from './read.js';
import type { Workspace } from './workspaces.js';

/** A package that starts something: the root, or a workspace package. */
interface Program {
  value: string;
  label: string;
  source: string;
  dir: string;
  pkg: Json;
}

/** Files a workspace package runs from (an index.js there is a library's). */
const SERVER_FILES = ['server.js', 'app.js', 'main.js'];

/** Whether a package starts something: a start script, or (at the root) main, bin, a build or a usual file. */
function starts(scan: Scan, dir: string, pkg: Json): boolean {
  const scripts = obj(pkg.scripts) ?? {};
  if (str(scripts.start)) return true;
  // In a workspace, a package with only main (or index.js) is a library the others use.
  if (dir !== '.') return SERVER_FILES.some((f) => scan.has(joinRel(dir, f))) || (!!pkg.bin && !!str(scripts.build));
  return (
    !!str(pkg.main) ||
    !!pkg.bin ||
    !!str(scripts.build) ||
    ['server.js', 'index.js', 'app.js', 'main.js'].some((f) => scan.has(joinRel(dir, f)))
  );
}

/** The root package, or each workspace package that starts something; those that run before those that only build. */
function programs(scan: Scan, root: Json, workspaces: Workspace[]): Program[] {
  const candidates: Program[] = [];
  const consider = (dir: string, pkg: Json) => {
    if (!starts(scan, dir, pkg)) return;
    const name = str(pkg.name) ?? (dir === '.' ? 'app' : dir.split('/').pop()!);
    candidates.push({
      value: dir === '.' ? name : dir,
      label: dir === '.' ? `${name}` : `${name} (${dir})`,
      source: dir === '.' ? 'package.json' : `${dir}/package.json`,
      dir,
      pkg,
    });
  };
  if (workspaces.length) {
    for (const w of workspaces) consider(w.dir, w.pkg);
    if (!candidates.length) consider('.', root);
  } else consider('.', root);
  if (!candidates.length)
    throw new UserError(
      'E_NO_ENTRY',
      "No program found: no start script, main, build script or server.js/index.js/app.js in package.json's folder or any workspace package.",
      'Add a start script to package.json (node server.js), or pass --entry.',
    );
  // Packages that only build a library (no start, no server file) come after those that run.
  const runs = (p: Program) =>
    !!str(obj(p.pkg.scripts)?.start) ||
    ['server.js', 'index.js', 'app.js', 'main.js'].some((f) => scan.has(joinRel(p.dir, f)));
  // Of those that run alike, a client or a tool beside the server comes after it (client/, cli/, docs/).
  const helper = (p: Program) => Number(isHelperName(p.dir.split('/').pop()!));
  return candidates.sort((a, b) => Number(runs(b)) - Number(runs(a)) || helper(a) - helper(b));
}

/** The programs found and the one built: --entry's, the only one, or the first with a warning. */
export function chooseProgram(
  scan: Scan,
  root: Json,
  workspaces: Workspace[],
  opts: ResolveOptions,
  warnings: string[],
): { entries: Choice[]; entry: Fact<string>; program: Program } {
  const candidates = programs(scan, root, workspaces);
  const entries: Choice[] = candidates.map((p) => ({ value: p.value, label: p.label, source: p.source }));
  const entry = pickEntry(entries, opts.entry, (e) => e.value.split('/').pop()!, '', warnings, opts.entrySource);
  return { entries, entry, program: candidates.find((p) => p.value === entry.value)! };
}

/** The chosen package read once: its folder, name, scripts, dependencies and the root's install scripts. */
export function programPackage(scan: Scan, root: Json, program: Program, said: Said): ProgramPackage {
  const dir = copyable(program.dir, 'Workspace folder');
  const pkg = program.pkg;
  const scripts = obj(pkg.scripts) ?? {};
  const rootScripts = obj(root.scripts) ?? {};
  const deps = new Set(Object.keys({ ...obj(pkg.dependencies) }));
  // Scripts the package manager runs on install at the root (prepare runs husky, a compile, ...):
  // they need the project's files and, usually, its dev dependencies.
  const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare'].filter((k) => str(rootScripts[k]));
  if (lifecycle.length)
    said.decisions.push({
      topic: 'Install scripts',
      choice: 'the whole project is copied before the install, with the dev dependencies, which are pruned after',
      because: `package.json ${lifecycle.map((k) => `${k}: ${shown(str(rootScripts[k])!, 40)}`).join('; ')}`,
    });
  const name = plainName(
    (str(pkg.name) ?? (dir === '.' ? scan.root.split('/').pop()! : dir.split('/').pop()!)).replace(/^@[^/]*\//, ''),
    'Package name',
    joinRel(dir, 'package.json'),
  );
  return {
    dir,
    pkg,
    name,
    scripts,
    start: str(scripts.start),
    buildScript: str(scripts.build) ?? (dir !== '.' ? str(rootScripts.build) : undefined),
    deps,
    allDeps: new Set([...deps, ...Object.keys({ ...obj(pkg.devDependencies) })]),
    lifecycle,
  };
}
