import type { Strategy } from '../core/types.js';
import type { BuildSpec } from './types.js';

/**
 * A dynamic glibc binary that brings its libraries: the build stage copies what ldd lists (all but
 * the C library's own files, which every glibc image has: templates/partials/shared/closure.hbs)
 * and the final stage puts them on the library path. It needs only glibc (at least the
 * builder's), so a program that links libraries runs on busybox:glibc instead of a distribution
 * image with a package manager. C, C++ and Rust offer it when a fully static build is not possible.
 */
export const CLOSURE: Strategy = {
  id: 'glibc-closure',
  libc: 'glibc',
  requires: ['glibc'],
  summary: 'a dynamic glibc binary with the libraries it links (ldd) copied beside it',
};

type Copy = NonNullable<BuildSpec['copies']>[number];

/** What the final stage copies for a program that brings its libraries, and the library path that finds them. */
export function closureFiles(name: string, extra: Copy[] = []): Pick<BuildSpec, 'copies' | 'env'> {
  return {
    copies: [
      { from: 'build', src: `/out/${name}`, dest: `/app/${name}`, why: 'the program' },
      {
        from: 'build',
        src: '/out/lib/',
        dest: '/usr/local/lib/',
        why: 'the libraries the program links, but the C library (found by ldd in the build stage)',
      },
      ...extra,
    ],
    env: ['LD_LIBRARY_PATH=/usr/local/lib'],
  };
}
