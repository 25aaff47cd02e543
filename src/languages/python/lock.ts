import type { Scan } from '../../core/scan.js';
import { obj, readToml, str, type Toml } from '../../core/parse.js';
import type { Manager } from './info.js';
import { normalizeName } from './names.js';

/** What a lock says: each package with the wheel and sdist file names it may install, and whether any has no hash. */
export interface Lock {
  packages: { name: string; files: string[] }[];
  unhashed: boolean;
}

/** The items of a TOML array, nothing for any other value. */
const items = (v: unknown): readonly unknown[] => (Array.isArray(v) ? (v as unknown[]) : []);

/** Packages of a lock that lists wheel file names (uv.lock, poetry.lock, pdm.lock). */
export function readLock(scan: Scan, manager: Manager): Lock | undefined {
  const file =
    manager === 'uv' ? 'uv.lock' : manager === 'poetry' ? 'poetry.lock' : manager === 'pdm' ? 'pdm.lock' : undefined;
  if (!file) return undefined;
  const lock = readToml(scan, file);
  if (!lock) return undefined;
  // The project itself (uv's virtual or editable source) is no dependency.
  const own = (p: Toml) => ['virtual', 'editable', 'directory'].some((k) => obj(p.source)?.[k] !== undefined);
  const packages = items(lock.package)
    .map(obj)
    .filter((p): p is Toml => !!p && !own(p))
    .map((p) => {
      const wheels = [...items(p.wheels), ...items(p.files)].map(obj).map((w) => str(w?.url) ?? str(w?.file) ?? '');
      return { name: normalizeName(str(p.name) ?? ''), files: wheels.map((w) => w.split('/').pop()!.split('#')[0]!) };
    });
  // A package from git, a path or a URL carries no hash: an export with hashes would fail on it.
  const unhashed = items(lock.package)
    .map(obj)
    .some((p) => ['git', 'directory', 'file', 'url'].includes(str(obj(p?.source)?.type) ?? ''));
  return { packages, unhashed };
}
