import { LIBRARIES } from '../../core/data.js';
import type { Decision, Strategy } from '../../core/types.js';
import { LANGUAGE_DATA } from '../data.js';
import { CLOSURE } from '../closure.js';
import type { Libraries } from './libraries.js';

const DATA = LANGUAGE_DATA.c;

/**
 * The ways to link this program, and why a dynamic one is left out: a gcc newer than Debian's
 * has a newer libstdc++ than Debian-based images carry, so it is linked in.
 */
export function linkStrategies(
  cxx: boolean,
  gcc: string,
  { libs, known, debian, unknownLibs }: Libraries,
  nss: string | undefined,
): { strategies: Strategy[]; decision?: Decision } {
  // A library with no run-time package this tool knows is no image's: only the copied closure carries it.
  const all = cStrategies(cxx, [...known, ...debian.map((d) => d.name), ...unknownLibs], libs.length > 0, nss);
  if (!(cxx && Number(gcc) > Number(DATA.debianGcc))) return { strategies: all };
  return {
    strategies: all.filter((st) => st.id !== 'glibc-dynamic'),
    decision: {
      topic: 'libstdc++',
      choice: 'linked in (-static-libstdc++ -static-libgcc) or fully static',
      because: `gcc ${gcc}'s libstdc++ is newer than the one Debian bookworm images carry (gcc ${DATA.debianGcc})`,
    },
  };
}

/**
 * Ways to link, preferred first. A program whose libraries all ship a static archive that links
 * on its own (data/libraries.json `static`) can be fully static, unless it looks up users or
 * hosts, which glibc does through NSS modules loaded at run time.
 */
function cStrategies(cxx: boolean, requiresLibs: string[], linksLibs: boolean, nss: string | undefined): Strategy[] {
  const libFix =
    'the program links libraries and the C library (glibc): choose busybox-glibc (the libraries it links are copied in), distroless or slim';
  const allStatic = requiresLibs.every((l) => LIBRARIES[l]?.static === true || l === 'libstdc++');
  const staticWithLibs = linksLibs && allStatic && !nss;
  const staticLibs = staticWithLibs
    ? ` with ${requiresLibs.filter((l) => l !== 'libstdc++').join(', ')} linked in`
    : '';
  if (!cxx) {
    const dyn: Strategy = {
      id: 'glibc-dynamic',
      libc: 'glibc',
      requires: ['glibc', ...requiresLibs],
      summary: 'a dynamic glibc binary (the usual gcc build)',
      fix: libFix,
    };
    // musl-gcc only finds the C library: with other libraries the static build is glibc's, from their archives.
    if (!linksLibs)
      return [
        dyn,
        { id: 'musl-static', libc: 'none', requires: [], summary: 'a static musl binary (musl-gcc -static)' },
      ];
    return staticWithLibs
      ? [
          dyn,
          {
            id: 'glibc-static',
            libc: 'none',
            requires: [],
            summary: `a fully static glibc binary${staticLibs} (gcc -static)`,
          },
        ]
      : [dyn, CLOSURE];
  }
  // Refusals are explained with the first strategy, so its fix says why no static build is offered.
  const fix = nss
    ? `the user and host lookups in ${nss} need glibc's NSS modules at run time, so a fully static build is unsafe: choose busybox-glibc, distroless or slim`
    : libFix;
  const out: Strategy[] = [
    {
      id: 'glibc-dynamic',
      libc: 'glibc',
      requires: ['glibc', 'libstdc++', 'libgcc_s', ...requiresLibs],
      summary: 'a dynamic C++ binary (the usual g++ build)',
      fix,
    },
    {
      id: 'glibc-static-libstdcxx',
      libc: 'glibc',
      requires: ['glibc', ...requiresLibs.filter((l) => l !== 'libstdc++')],
      summary: 'a glibc binary with libstdc++ and libgcc linked in (-static-libstdc++ -static-libgcc)',
      fix,
    },
  ];
  if (linksLibs && !staticWithLibs) out.push(CLOSURE);
  if ((!linksLibs && !nss) || staticWithLibs)
    out.push({
      id: 'glibc-static',
      libc: 'none',
      requires: [],
      summary: `a fully static binary${staticLibs} (g++ -static)`,
    });
  return out;
}
