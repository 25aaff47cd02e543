import { LIBRARIES } from '../../core/data.js';
import type { Decision, Strategy } from '../../core/types.js';
import { CLOSURE } from '../closure.js';
import type { ResolveOptions } from '../types.js';
import type { NativeCode } from './native.js';

/** Why the first static way was chosen, or why there is none. */
function staticReason(
  first: Strategy | undefined,
  mode: ResolveOptions['static'],
  muslBlocked: string | undefined,
): string {
  return first?.id === 'rust-musl'
    ? mode === 'musl'
      ? '--static musl'
      : 'musl is fully static with no run-time look-ups from glibc (NSS); --static glibc builds with the same toolchain instead'
    : first
      ? mode === 'glibc'
        ? '--static glibc'
        : `musl is not possible (${muslBlocked}); glibc's static build looks users and hosts up through NSS, which scratch lacks`
      : `${muslBlocked ?? 'a library'} has no static archive`;
}

/** Ways to link: static with musl (no glibc NSS caveat), static glibc, or dynamic glibc. */
export function linkStrategies(
  native: NativeCode,
  mode: ResolveOptions['static'],
): { strategies: Strategy[]; decision: Decision } {
  const { libs, dynamicOnly, muslBlocked } = native;
  const allStatic = libs.every((l) => LIBRARIES[l]?.static === true);
  const musl: Strategy = {
    id: 'rust-musl',
    libc: 'none',
    requires: [],
    summary: 'a static musl binary (target *-unknown-linux-musl)',
  };
  const glibcStatic: Strategy = {
    id: 'rust-glibc-static',
    libc: 'none',
    requires: [],
    summary: `a static glibc binary (-C target-feature=+crt-static${libs.length ? `, with ${libs.join(', ')} linked in` : ''})`,
  };
  const dynamic: Strategy = {
    id: 'rust-dynamic',
    libc: 'glibc',
    requires: ['glibc', 'libgcc_s', ...libs, ...dynamicOnly],
    summary: `a dynamic glibc binary (needs libgcc_s${libs.length ? `, ${libs.join(', ')}` : ''})`,
    fix: muslBlocked
      ? `${muslBlocked}: choose distroless or slim`
      : 'choose a runtime with glibc and libgcc_s (distroless, slim), or a static build',
  };
  const statics: Strategy[] = [];
  if (!muslBlocked && mode !== 'glibc') statics.push(musl);
  if (allStatic && mode !== 'musl') statics.push(glibcStatic);
  // A program that links C libraries and cannot be static brings them: what ldd lists is copied in.
  const closure = (libs.length || dynamicOnly.length) && !statics.length ? [CLOSURE] : [];
  return {
    strategies: [dynamic, ...closure, ...statics],
    decision: {
      topic: 'Static linking',
      choice: statics[0] ? statics[0].summary : 'none: dynamic only',
      because: staticReason(statics[0], mode, muslBlocked),
    },
  };
}
