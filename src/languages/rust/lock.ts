import { parse as parseToml } from 'smol-toml';
import { obj, str, strs, type Toml } from '../../core/parse.js';
import type { Scan } from '../../core/scan.js';

export interface LockPackage {
  name: string;
  deps: string[];
}
/** Cargo.lock's packages: every crate the build compiles, with the names of its dependencies. */
export function readLock(text: string | undefined): LockPackage[] {
  if (!text) return [];
  let lock: Toml;
  try {
    lock = parseToml(text);
  } catch {
    return [];
  }
  return (Array.isArray(lock.package) ? lock.package : [])
    .map(obj)
    .filter((x): x is Toml => !!x)
    .map((p) => ({ name: str(p.name) ?? '', deps: strs(p.dependencies).map((d) => d.split(' ')[0]!) }));
}

/** Cargo.lock's packages by name. */
export type LockIndex = Map<string, LockPackage>;

/** Cargo.lock, read through the scan: whether there is one, and its packages by name. */
export function readLockFile(scan: Scan, warnings: string[]): { present: boolean; packages: LockIndex } {
  const text = scan.manifest('Cargo.lock');
  if (!text)
    warnings.push(
      'There is no Cargo.lock: dependency versions are not pinned and the build resolves them anew each time. Run cargo generate-lockfile and commit Cargo.lock.',
    );
  return { present: text !== undefined, packages: new Map(readLock(text).map((p) => [p.name, p])) };
}
