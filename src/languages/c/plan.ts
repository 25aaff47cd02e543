import { LIBRARIES } from '../../core/data.js';
import { shellWord } from '../../core/quote.js';
import type { Strategy } from '../../core/types.js';
import type { BuildSpec, Resolved } from '../types.js';
import type { BuildSystem } from './build-system.js';
import type { CInfo } from './info.js';
import { CLOSURE, closureFiles } from '../closure.js';

/** The variables of templates/partials/build/c.hbs. */
export interface CVars {
  name: string;
  /** Debian packages the builder installs, space-separated ('' when none). */
  apt: string;
  /** The commands of the build step, in order: the last one leaves the program in /out. */
  steps: string[];
  /** The final image has no C library: the build checks that the binary is static. */
  static: boolean;
  /** The libraries the program links are copied from the build stage (ldd's list) to /out/lib. */
  closure: boolean;
  /** A curses program with its libraries copied: Debian's base terminal descriptions go with it. */
  terminfo: boolean;
  /** How the program is linked (the strategy's summary). */
  how: string;
  system: BuildSystem;
}

const LDFLAGS: Record<string, string> = {
  'musl-static': '-static',
  'glibc-static': '-static',
  'glibc-static-libstdcxx': '-static-libstdc++ -static-libgcc',
};

/** Debian's base terminal descriptions, copied for a curses program that brings its libraries. */
const TERMINFO = {
  from: 'build',
  src: '/out/terminfo/',
  dest: '/usr/share/terminfo/',
  why: "terminal descriptions for curses (Debian's base set: xterm, screen, tmux, linux, vt100)",
};

/** The C.UTF-8 locale of the builder's glibc (Debian's libc-bin), which busybox:glibc lacks. */
const LOCALE = {
  from: 'build',
  src: '/usr/lib/locale/C.utf8',
  dest: '/usr/lib/locale/C.utf8',
  why: 'the C.UTF-8 locale: a terminal program reads and writes UTF-8 (tmux refuses to start in ASCII)',
};

/**
 * What the final stage copies besides the program, and its environment: a closure's libraries
 * (with the terminal descriptions and the C.UTF-8 locale for a curses program, which busybox:glibc
 * lacks), and LANG=C.UTF-8 for a terminal program on any image (tmux refuses to start in ASCII).
 */
function files(name: string, closure: boolean, terminal: boolean): Pick<BuildSpec<CVars>, 'copies' | 'env'> {
  const lang = terminal ? ['LANG=C.UTF-8'] : [];
  if (!closure) return lang.length ? { env: lang } : {};
  const spec = closureFiles(name, terminal ? [TERMINFO, LOCALE] : []);
  return { ...spec, env: [...(spec.env ?? []), ...lang] };
}

/** Libraries that read terminal descriptions (terminfo) at run time. */
const CURSES = new Set(['libncursesw', 'libreadline', 'libedit']);

/** A path from the project as a word of a command: one that starts with - is written ./-x, the same file, never an option. */
const pathWord = (path: string): string => shellWord(path.startsWith('-') ? `./${path}` : path);

/** What every build system's steps are made from. */
interface StepContext {
  info: CInfo;
  name: string;
  strategy: Strategy;
  musl: boolean;
  cc: string;
  ldflags: string;
}

export function build(resolved: Resolved<CInfo>, strategy: Strategy): BuildSpec<CVars> {
  const info = resolved.own;
  const name = resolved.name;
  const musl = strategy.id === 'musl-static';
  const cc = musl ? 'musl-gcc' : 'gcc';
  const ldflags = LDFLAGS[strategy.id] ?? '';
  const dev = [...info.known.map((l) => LIBRARIES[l]?.dev).filter((p): p is string => !!p), ...info.debianDev];
  const closure = strategy.id === CLOSURE.id;
  const terminal = info.known.some((l) => CURSES.has(l));
  const terminfo = closure && terminal;
  const tools: Record<BuildSystem, string[]> = {
    cmake: ['cmake'],
    meson: ['meson', 'ninja-build'],
    autotools: info.hasConfigure ? [] : ['autoconf', 'automake', 'libtool'],
    make: [],
    single: [],
  };
  const apt = [
    ...tools[info.system],
    ...(info.pkgConfig ? ['pkg-config'] : []),
    ...(info.parserTools ? ['bison', 'flex'] : []),
    ...info.buildTools,
    ...(musl ? ['musl-tools'] : []),
    ...new Set(dev),
  ];
  const steps = STEPS[info.system]({ info, name, strategy, musl, cc, ldflags });
  return {
    partial: 'c',
    image: 'gcc:${GCC_VERSION}-bookworm',
    args: [{ name: 'GCC_VERSION', value: resolved.version.value }],
    artifact: `/out/${name}`,
    ...files(name, closure, terminal),
    vars: {
      name,
      apt: apt.join(' '),
      steps,
      static: strategy.libc === 'none',
      closure,
      terminfo,
      how: strategy.summary,
      system: info.system,
    },
  };
}

/**
 * CMake, Meson and Autotools put the executable somewhere in a tree: find it by name, and
 * only a real program (ELF), never a script of the same name (a libtool wrapper). The first
 * four bytes are compared with ELF's magic by find itself, with no pipe: a pipe's status is
 * its last command's, so a failed check could pass unseen.
 */
const locate = (tree: string, name: string) =>
  `{ printf '\\177ELF' > /tmp/elf-magic; f=$(find ${tree} -type f -name ${name} -perm -u+x -exec cmp -s -n 4 /tmp/elf-magic {} \\; -print -quit); [ -n "$f" ] || { echo 'error: no executable named ${name} under ${tree}' >&2; exit 1; }; cp "$f" /out/${name}; }`;

/** The compilers a configure script or a Makefile is handed, with the strategy's link flags. */
const compilers = ({ info, cc, ldflags }: StepContext): string[] => [
  `CC=${shellWord(`${cc}${ldflags ? ` ${ldflags}` : ''}`)}`,
  ...(info.cxx ? [`CXX=${shellWord(`g++${ldflags ? ` ${ldflags}` : ''}`)}`] : []),
];

const STEPS: Record<BuildSystem, (x: StepContext) => string[]> = {
  cmake({ info, name, strategy, musl, ldflags }) {
    // In-tree libraries are built static (the final image has no copy of them); a fully static
    // build also makes find_library() pick the archives of system libraries.
    // (CMake sets the suffixes in project(): a file included right after it sets them back.)
    const findStatic =
      strategy.libc === 'none' && info.libs.length ? ' -DCMAKE_PROJECT_INCLUDE=/tmp/static-libs.cmake' : '';
    return [
      ...(findStatic ? ["echo 'set(CMAKE_FIND_LIBRARY_SUFFIXES .a)' > /tmp/static-libs.cmake"] : []),
      `cmake -S . -B /build -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF ${info.optionsOff.join(' ')}${musl ? ' -DCMAKE_C_COMPILER=musl-gcc' : ''}${ldflags ? ` -DCMAKE_EXE_LINKER_FLAGS=${shellWord(ldflags)}` : ''}${findStatic}`,
      // A job count: with no number, the Makefile generator runs make -j, as many jobs as there
      // are files (hundreds of compilers on a two-core machine, until memory runs out).
      'cmake --build /build --parallel "$(nproc)"',
      locate('/build', name),
    ];
  },
  meson({ info, name, strategy, musl, ldflags }) {
    return [
      `${musl ? 'CC=musl-gcc ' : ''}meson setup /build --buildtype=release --default-library=static${strategy.libc === 'none' ? ' --prefer-static' : ''}${info.optionsOff.map((o) => ` ${o}`).join('')}${ldflags ? ` -Dc_link_args=${shellWord(ldflags)} -Dcpp_link_args=${shellWord(ldflags)}` : ''}`,
      'meson compile -C /build',
      locate('/build', name),
    ];
  },
  autotools(x) {
    // In-tree shared libraries off (libtool would leave a wrapper script in the tree), then the
    // program as `make install` puts it, into a folder of its own.
    return [
      ...(x.info.hasConfigure ? [] : ['autoreconf -fi']),
      `./configure${x.info.libtool ? ' --disable-shared' : ''} ${compilers(x).join(' ')}`,
      'make -j"$(nproc)"',
      'make install DESTDIR=/tmp/install',
      locate('/tmp/install', x.name),
    ];
  },
  make(x) {
    // A program of a folder the top Makefile hands the build to is made in that folder; one that a
    // sub-make writes elsewhere (../bin/iodine) comes from the top Makefile's default goal.
    const { target, makeIn } = x.info;
    const slash = target.lastIndexOf('/');
    const goal = slash <= 0 ? ` ${shellWord(target)}` : makeIn ? ` ${shellWord(target.slice(slash + 1))}` : '';
    const where = makeIn ? ` -C ${pathWord(makeIn)}` : '';
    return [`make -j"$(nproc)"${where} ${compilers(x).join(' ')}${goal}`, `cp ${pathWord(target)} /out/${x.name}`];
  },
  single({ info, name, cc, ldflags }) {
    const compiler = info.cxx ? 'g++' : cc;
    return [
      `${compiler} -O2${ldflags ? ` ${ldflags}` : ''} -o /out/${name} ${info.sources.map(pathWord).join(' ')}${info.cxx ? '' : ' -lm'}`,
    ];
  },
};
