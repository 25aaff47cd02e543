import { basename, dirname } from 'node:path';
import type { Scan } from '../../core/scan.js';
import { obj, str, strs, type Toml } from '../../core/parse.js';
import { joinRel as join } from '../shared.js';

export interface Bin {
  name: string;
  path: string;
  features: string[];
}
export interface Crate {
  /** Folder of the package, relative to the project ('.' for the root). */
  dir: string;
  name: string;
  bins: Bin[];
  /** Every target file Cargo will look for (lib, bins, examples, tests, benches, build script): stubs for the dependency layer. */
  targets: string[];
  defaultRun?: string | undefined;
  rustVersion?: string | undefined;
}

/** A folder's names, read once per run (a manifest may name the same folder thousands of times). */
export type Lister = (rel: string) => string[] | undefined;
export function cachedLister(scan: Scan): Lister {
  const cache = new Map<string, string[] | undefined>();
  return (rel) => {
    if (!cache.has(rel)) cache.set(rel, scan.list(rel));
    return cache.get(rel);
  };
}

/** Whether a file of the package (relative to its folder) exists. */
type Exists = (rel: string) => boolean;

/** Where Cargo looks for a target given by name only: examples/<name>.rs, then examples/<name>/main.rs. */
const TARGET_FOLDERS: Record<'example' | 'test' | 'bench', string> = {
  example: 'examples',
  test: 'tests',
  bench: 'benches',
};

/** The tables of an array of tables ([[bin]], [[example]], ...), whatever else the value holds. */
const tables = (v: unknown) => (Array.isArray(v) ? v : []).map(obj).filter((x): x is Toml => !!x);

/** The binaries as Cargo finds them: [[bin]], then src/main.rs, src/bin/*.rs and src/bin/<name>/main.rs. */
function readBins(
  manifest: Toml,
  name: string,
  dir: string,
  exists: Exists,
  list: Lister,
  targets: Set<string>,
): Bin[] {
  const bins: Bin[] = [];
  const binNames = new Set<string>();
  for (const b of tables(manifest.bin)) {
    const bname = str(b.name) ?? name;
    const path =
      str(b.path) ??
      (exists(`src/bin/${bname}.rs`)
        ? `src/bin/${bname}.rs`
        : exists(`src/bin/${bname}/main.rs`)
          ? `src/bin/${bname}/main.rs`
          : 'src/main.rs');
    bins.push({ name: bname, path, features: strs(b['required-features']) });
    binNames.add(bname);
    targets.add(path);
  }
  if (obj(manifest.package)?.autobins === false) return bins;
  const add = (bname: string, path: string) => {
    if (!binNames.has(bname) && !targets.has(path)) {
      bins.push({ name: bname, path, features: [] });
      binNames.add(bname);
    }
    targets.add(path);
  };
  if (exists('src/main.rs')) add(name, 'src/main.rs');
  const binDir = join(dir, 'src/bin');
  for (const n of (list(binDir) ?? []).sort()) {
    const single = /^([\w-]+)\.rs$/.exec(n);
    if (single) add(single[1]!, `src/bin/${n}`);
    else if (/^[\w-]+$/.test(n) && (list(`${binDir}/${n}`) ?? []).includes('main.rs')) add(n, `src/bin/${n}/main.rs`);
  }
  return bins;
}

/** The other targets Cargo reads: the library, declared examples, tests and benches, the build script. */
function addOtherTargets(manifest: Toml, pkg: Toml, exists: Exists, targets: Set<string>): void {
  const lib = obj(manifest.lib);
  const libPath = str(lib?.path) ?? (exists('src/lib.rs') ? 'src/lib.rs' : undefined);
  if (libPath) targets.add(libPath);
  // Examples, tests and benches declared in Cargo.toml: Cargo stops when one is missing, so
  // each is a file the build needs by name (a .dockerignore that drops examples/ breaks it).
  for (const kind of ['example', 'test', 'bench'] as const) {
    for (const t of tables(manifest[kind])) {
      const tname = str(t.name);
      const folder = TARGET_FOLDERS[kind];
      const p =
        str(t.path) ??
        (tname === undefined
          ? undefined
          : exists(`${folder}/${tname}/main.rs`) && !exists(`${folder}/${tname}.rs`)
            ? `${folder}/${tname}/main.rs`
            : `${folder}/${tname}.rs`);
      if (p) targets.add(p);
    }
  }
  const build = str(pkg.build) ?? (exists('build.rs') && pkg.build !== false ? 'build.rs' : undefined);
  if (build) targets.add(build);
}

/** One package: its binaries as Cargo finds them ([[bin]], src/main.rs, src/bin/*.rs, src/bin/<name>/main.rs). */
export function readCrate(
  scan: Scan,
  dir: string,
  manifest: Toml,
  workspacePackage: Toml | undefined,
  list: Lister = cachedLister(scan),
): Crate | undefined {
  const pkg = obj(manifest.package);
  if (!pkg) return undefined;
  const name = str(pkg.name);
  if (!name) return undefined;
  // src/bin is a folder the walk skips (bin/ is build output elsewhere): look it up directly.
  const exists = (rel: string) => {
    const full = join(dir, rel);
    return scan.has(full) || (list(dirname(full)) ?? []).includes(basename(full));
  };
  const targets = new Set<string>();
  const bins = readBins(manifest, name, dir, exists, list, targets);
  addOtherTargets(manifest, pkg, exists, targets);
  const rv =
    str(pkg['rust-version']) ??
    (obj(pkg['rust-version'])?.workspace === true ? str(workspacePackage?.['rust-version']) : undefined);
  return { dir, name, bins, targets: [...targets], defaultRun: str(pkg['default-run']), rustVersion: rv };
}
