import { shown } from '../../core/quote.js';
import type { Scan } from '../../core/scan.js';
import { joinRel as join } from '../shared.js';
import type { Workspace } from './packages.js';
import { plainPath } from './paths.js';

/** What the dependency layer copies and stands in for, by name. */
export interface DependencyLayer {
  /** Folders of the packages other than the root's. */
  packageDirs: string[];
  /** Every package's Cargo.toml, the root's first. */
  manifests: string[];
  /** Every target file of every package: the layer builds from empty stand-ins of them. */
  stubs: string[];
  /** What Cargo and the dependency layer read by name: no .dockerignore line may exclude it. */
  keep: string[];
}

/** The manifests and target files of every package, checked for the Dockerfile (they are copied by name). */
export function dependencyLayer(scan: Scan, ws: Workspace, hasLock: boolean, warnings: string[]): DependencyLayer {
  const { crates } = ws;
  const packageDirs = crates.filter((c) => c.dir !== '.').map((c) => c.dir);
  const withPackage = new Set(crates.map((c) => c.dir));
  for (const d of [...ws.seen].filter((x) => x !== '.' && !withPackage.has(x)))
    warnings.push(`${shown(d)} is a path dependency or member without a package: the build may miss it.`);
  const manifests = ['Cargo.toml', ...packageDirs.map((m) => `${m}/Cargo.toml`)].map((m) =>
    plainPath(m, 'Manifest', 'Cargo.toml'),
  );
  const stubs = crates.flatMap((c) =>
    c.targets.map((t) => plainPath(join(c.dir, t.replace(/^\.\//, '')), 'Cargo target', join(c.dir, 'Cargo.toml'))),
  );
  // What Cargo and the dependency layer read by name: no .dockerignore line may exclude it.
  const keep = [
    ...manifests,
    ...(hasLock ? ['Cargo.lock'] : []),
    ...stubs,
    ...['rust-toolchain.toml', 'rust-toolchain', '.cargo/config.toml', '.cargo/config'].filter((f) => scan.has(f)),
  ];
  return { packageDirs, manifests, stubs, keep: [...new Set(keep)] };
}
