import type { Scan } from '../../core/scan.js';
import { type Gemfile, parseGemfile } from './gemfile.js';
import { type Lockfile, parseLockfile } from './lockfile.js';

/** The project's bundle: which Gemfile it has, the lock beside it, and the gems they name. */
export interface Bundle {
  /** Gemfile, or gems.rb; undefined when the project has neither (a script without gems). */
  gemfileName: string | undefined;
  /** Gemfile.lock, or gems.locked beside gems.rb. */
  lockName: string;
  gemfile: Gemfile;
  lock: Lockfile | undefined;
  /** Every gem: the Gemfile's, the lock's and, without a lock, the gemspec's runtime dependencies. */
  gems: Set<string>;
  /** The gems the Gemfile names itself. */
  direct: Set<string>;
}

/** The gemspecs at the project's root: the gem the project is, if it is one. */
export function rootGemspecs(scan: Scan): string[] {
  return scan.files.filter((f) => !f.includes('/') && f.endsWith('.gemspec'));
}

export function readBundle(scan: Scan, warnings: string[]): Bundle {
  const gemfileName = scan.has('Gemfile') ? 'Gemfile' : scan.has('gems.rb') ? 'gems.rb' : undefined;
  const lockName = gemfileName === 'gems.rb' ? 'gems.locked' : 'Gemfile.lock';
  const gemfile = parseGemfile(gemfileName ? (scan.manifest(gemfileName, 512 * 1024) ?? '') : '');
  const lockText = scan.manifest(lockName, 4 * 1024 * 1024);
  const lock = lockText !== undefined ? parseLockfile(lockText) : undefined;
  if (gemfileName && !lock)
    warnings.push(
      `There is no ${lockName}: gem versions are not pinned and the build resolves them anew (and cannot use deployment mode). Run bundle lock and commit it.`,
    );
  // Without a lock, a gemspec's runtime dependencies are the gems (their native code decides the builder).
  const specFile = gemfile.gemspec ? rootGemspecs(scan)[0] : undefined;
  const specDeps =
    specFile && !lock
      ? [
          ...(scan.read(specFile, 256 * 1024) ?? '').matchAll(
            /\.add_(?:runtime_)?dependency\s*(?:\(\s*)?["']([A-Za-z0-9][\w.-]{0,100})["']/g,
          ),
        ].map((m) => m[1]!)
      : [];
  return {
    gemfileName,
    lockName,
    gemfile,
    lock,
    gems: new Set([...gemfile.gems, ...specDeps, ...(lock ? [...lock.gems.keys()] : [])]),
    direct: new Set(gemfile.gems),
  };
}
