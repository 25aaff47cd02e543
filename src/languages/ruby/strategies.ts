import type { Refusals, Strategy } from '../../core/types.js';
import { listed } from '../shared.js';
import type { Bundle } from './bundle.js';
import { lockedForGlibc, lockedForMusl, type NativeGems } from './native.js';

/** Where it runs: the Ruby image the bundle was built with (slim), or Alpine's when every native gem can be had for musl. */
export function rubyStrategies(version: string, libs: string[]): Strategy[] {
  const slim: Strategy = {
    id: 'ruby-slim',
    libc: 'glibc',
    requires: ['ruby', ...libs],
    runtimes: ['slim'],
    summary: `the app and its bundle on Ruby ${version} (ruby:${version}-slim-bookworm)`,
  };
  const alpine: Strategy = {
    id: 'ruby-alpine',
    libc: 'musl',
    requires: ['ruby', ...libs],
    runtimes: ['alpine'],
    summary: `the app and its bundle on Ruby ${version} for musl (ruby:${version}-alpine)`,
  };
  return [alpine, slim];
}

/** Images without Ruby; Alpine when a native gem does not build on musl, is locked for glibc only, or loads a library apk would have to add. */
export function rubyRefusals(native: NativeGems, bundle: Bundle): Refusals {
  const { lock, lockName } = bundle;
  const noRuby = {
    reason:
      'a Ruby program needs the interpreter, its standard library and its C library, and this image has none of them',
    short: 'needs Ruby',
    fix: 'choose slim (or alpine)',
  };
  const refusals: Refusals = {
    scratch: noRuby,
    'busybox-glibc': noRuby,
    distroless: { ...noRuby, reason: 'distroless publishes no Ruby image' },
  };
  const noMusl = native.gems.filter((n) => n.musl === false);
  const precompiledOnly = native.gems.filter(
    (n) =>
      n.ext &&
      lockedForGlibc(lock, n.name) &&
      !lockedForMusl(lock, n.name) &&
      lock &&
      !lock.gems.get(n.name)!.includes('ruby'),
  );
  const needsLibs = native.libs.filter((l) => !['libssl', 'libz', 'libyaml', 'libffi'].includes(l));
  if (noMusl.length)
    refusals.alpine = {
      reason: `${listed(noMusl.map((n) => n.name))} ${noMusl.length > 1 ? 'do' : 'does'} not build on musl`,
      short: 'needs glibc',
      fix: 'choose slim',
    };
  else if (precompiledOnly.length)
    refusals.alpine = {
      reason: `${lockName} locks ${listed(precompiledOnly.map((n) => n.name))} for x86_64-linux-gnu only, and that build does not load on musl`,
      short: 'gems for glibc',
      fix: 'run bundle lock --add-platform x86_64-linux-musl, or choose slim',
    };
  else if (needsLibs.length)
    refusals.alpine = {
      reason: `${listed(needsLibs)} would have to come from apk, which this tool does not add to an Alpine final stage`,
      short: 'needs libraries',
      fix: 'choose slim',
    };
  return refusals;
}
