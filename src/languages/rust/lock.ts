import { parse as parseToml } from 'smol-toml';
import { obj, str, strs, type Toml } from '../../core/parse.js';

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
