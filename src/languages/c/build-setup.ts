import { isBuilt, type Scan } from '../../core/scan.js';
import type { BuildSystem } from './build-system.js';
import { cmakeCommands } from './cmake-parse.js';
import { NOT_PROGRAM_OPTION } from './cmake.js';

/**
 * Programs build files look for, and their Debian packages (the gcc image has neither): the
 * tool named within 200 characters of a find_program()-like command, on the same line.
 */
const BUILD_TOOLS: [string, string, RegExp][] = [
  ['nasm', 'nasm', /(?:find_program|AC_(?:CHECK|PATH)_PROGS?|ASM_NASM|enable_language)[^\n]{1,200}\bnasm\b/i],
  ['yasm', 'yasm', /(?:find_program|AC_(?:CHECK|PATH)_PROGS?|ASM_NASM|enable_language)[^\n]{1,200}\byasm\b/i],
  ['re2c', 're2c', /(?:find_program|AC_(?:CHECK|PATH)_PROGS?|ASM_NASM|enable_language)[^\n]{1,200}\bre2c\b/i],
  ['gperf', 'gperf', /(?:find_program|AC_(?:CHECK|PATH)_PROGS?|ASM_NASM|enable_language)[^\n]{1,200}\bgperf\b/i],
  ['xxd', 'xxd', /(?:find_program|AC_(?:CHECK|PATH)_PROGS?|ASM_NASM|enable_language)[^\n]{1,200}\bxxd\b/i],
  ['ragel', 'ragel', /(?:find_program|AC_(?:CHECK|PATH)_PROGS?|ASM_NASM|enable_language)[^\n]{1,200}\bragel\b/i],
  // Translations with GNU gettext: autoreconf runs autopoint, and the po/ rules run msgfmt.
  ['autopoint', 'autopoint', /\bAM_GNU_GETTEXT\b/],
  ['msgfmt', 'gettext', /\bAM_GNU_GETTEXT\b/],
];

/** What the builder needs beyond the gcc image, and the options that keep what is not the program out of the build. */
export interface BuildSetup {
  /** Autotools: a generated configure script is committed (no autoreconf needed). */
  hasConfigure: boolean;
  /** The build files call pkg-config. */
  pkgConfig: boolean;
  /** Options that turn off tests, benchmarks, examples and docs (`-DFOO_BUILD_TESTS=OFF`, `-Dtests=false`). */
  optionsOff: string[];
  /** Autotools with libtool: in-tree shared libraries, turned off so the program links them in. */
  libtool: boolean;
  /** Grammar (.y) or lexer (.l) sources: bison and flex in the builder. */
  parserTools: boolean;
  /** Programs the build files look for that the gcc image lacks (nasm, yasm, re2c, gperf, xxd): Debian packages. */
  buildTools: string[];
}

export function buildSetup(
  scan: Scan,
  system: BuildSystem,
  file: string | undefined,
  buildTexts: string[],
): BuildSetup {
  return {
    hasConfigure: scan.has('configure'),
    pkgConfig: buildTexts.some((t) => /pkg-config|PKG_CHECK_MODULES/.test(t)),
    optionsOff: optionsOff(
      system,
      system === 'meson' ? ['meson_options.txt', 'meson.options'].map((f) => scan.read(f) ?? '') : buildTexts,
    ),
    libtool: system === 'autotools' && /\b(?:LT_INIT|AC_PROG_LIBTOOL|AM_PROG_LIBTOOL)\b/.test(scan.read(file!) ?? ''),
    parserTools: scan.files.some((f) => isBuilt(f) && /\.(?:y|yy|l|ll)$/.test(f)),
    buildTools: BUILD_TOOLS.filter(
      ([tool, , re]) =>
        buildTexts.some((t) => re.test(t)) ||
        (tool === 'nasm' && scan.files.some((f) => isBuilt(f) && /\.(?:asm|nasm)$/.test(f))),
    ).map(([, pkg]) => pkg),
  };
}

/** `-DNAME=OFF` for CMake's option()s and `-Dname=false|disabled` for Meson's, that build what is not the program. */
export function optionsOff(system: BuildSystem, texts: string[]): string[] {
  const out: string[] = [];
  if (system === 'cmake') {
    out.push('-DBUILD_TESTING=OFF');
    for (const t of texts)
      for (const c of cmakeCommands(t)) {
        const name = c.args[0];
        if (
          c.name === 'option' &&
          name &&
          /^\w{1,100}$/.test(name) &&
          NOT_PROGRAM_OPTION.test(name) &&
          name !== 'BUILD_TESTING'
        )
          out.push(`-D${name}=OFF`);
      }
  } else if (system === 'meson') {
    for (const t of texts)
      for (const line of t.split('\n')) {
        const m = /^[ \t]*option[ \t]*\([ \t]*'([\w-]{1,100})'[ \t]*,[ \t]*type[ \t]*:[ \t]*'(boolean|feature)'/.exec(
          line,
        );
        if (m && NOT_PROGRAM_OPTION.test(m[1]!)) out.push(`-D${m[1]}=${m[2] === 'boolean' ? 'false' : 'disabled'}`);
      }
  }
  return [...new Set(out)];
}
