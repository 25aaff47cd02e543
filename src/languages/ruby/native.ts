import { LIBRARIES } from '../../core/data.js';
import type { Decision } from '../../core/types.js';
import { listed } from '../shared.js';
import type { Bundle } from './bundle.js';
import { RUBY_GEMS, type RubyGem } from './data.js';
import type { Lockfile } from './lockfile.js';

/** A gem of data/ruby-gems.json, by name. */
export type NativeGem = RubyGem & { name: string };

/** The gems with native code the production bundle holds, and what they need in the builder and at run time. */
export interface NativeGems {
  gems: NativeGem[];
  /** Debian packages of the builder: a compiler, the -dev packages of the gems compiled, git for git gems. */
  buildApt: string[];
  /** Libraries (keys of data/libraries.json) the gems load at run time. */
  libs: string[];
}

/** The lock holds a precompiled build of the gem for x86_64 Linux with glibc. */
export const lockedForGlibc = (lock: Lockfile | undefined, gem: string): boolean =>
  (lock?.gems.get(gem) ?? []).some((p) => /^x86_64-linux(?:-gnu)?$/.test(p));

/** The lock holds a precompiled build of the gem for x86_64 Linux with musl. */
export const lockedForMusl = (lock: Lockfile | undefined, gem: string): boolean =>
  (lock?.gems.get(gem) ?? []).some((p) => p === 'x86_64-linux-musl');

/** Native gems: compiled in the builder, unless the lock holds a precompiled gem for Linux. */
export function nativeGems(bundle: Bundle, decisions: Decision[]): NativeGems {
  const { gemfile, gemfileName, lock, lockName, direct } = bundle;
  const devOnly = new Set(gemfile.devGems.filter((g) => !direct.has(g)));
  const gems = [...bundle.gems]
    .filter((g) => Object.hasOwn(RUBY_GEMS, g) && !devOnly.has(g))
    .map((g) => ({ name: g, ...RUBY_GEMS[g]! }));
  const compiled = gems.filter((n) => n.ext && !lockedForGlibc(lock, n.name));
  // A compiler whenever there are gems: a C extension this table does not know fails without one,
  // and the build stage is thrown away anyway.
  const buildApt = gemfileName ? ['build-essential', ...new Set(compiled.flatMap((n) => n.build ?? []))] : [];
  if (gemfile.git || lock?.git) buildApt.push('git');
  const libs = [...new Set(gems.flatMap((n) => n.libraries ?? []))].filter((l) => LIBRARIES[l]);
  if (compiled.length)
    decisions.push({
      topic: 'Native gems',
      choice: `${listed(
        compiled.map((n) => n.name),
        8,
      )}: compiled in the builder (${buildApt.join(', ')})`,
      because: `${lock ? lockName : gemfileName}; data/ruby-gems.json`,
    });
  if (libs.length)
    decisions.push({
      topic: 'Run-time libraries',
      choice: libs.map((l) => LIBRARIES[l]!.debian).join(', '),
      because: `loaded by ${listed(gems.filter((n) => n.libraries?.length).map((n) => n.name))}`,
    });
  return { gems, buildApt, libs };
}
