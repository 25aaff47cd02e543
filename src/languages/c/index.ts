import { basename, dirname } from 'node:path';
import { LIBRARIES, libraryNamed } from '../../core/data.js';
import { LANGUAGE_DATA } from '../data.js';
import { UserError } from '../../core/errors.js';
import { isBuilt, type Scan } from '../../core/scan.js';
import { safeName, safeRelPath, shellWord, shown } from '../../core/quote.js';
import type { Choice, Decision, Fact, LangId, Needs, Strategy } from '../../core/types.js';
import { automakePrograms } from './autotools.js';
import { cmakeCommands } from './cmake-parse.js';
import { cmakeLibs, cmakeOutputNames, cmakeTargets, NOT_PROGRAM_OPTION } from './cmake.js';
import { makeSubdirs, makeTargets } from './make.js';
import { mesonExecutables } from './meson.js';
import {
  binaryIgnore,
  findPort,
  helpersLast,
  missingSubmodules,
  pickEntry,
  portFromDockerfile,
  versionFromToolVersions,
  type PortPattern,
} from '../shared.js';
import type { BuildSpec, Detection, Language, ResolveOptions, Resolved } from '../types.js';

const DATA = LANGUAGE_DATA.c;
/** A path from the project as a word of a command: one that starts with - is written ./-x, the same file, never an option. */
const pathWord = (path: string): string => shellWord(path.startsWith('-') ? `./${path}` : path);
const C_EXT = ['.c'];
const CXX_EXT = ['.cpp', '.cc', '.cxx', '.c++', '.C'];
const MAKEFILES = ['GNUmakefile', 'makefile', 'Makefile'];
export type BuildSystem = 'cmake' | 'meson' | 'autotools' | 'make' | 'single';

/** Build systems by their marker files, in order of precedence (a generated Makefile loses to configure.ac). */
const SYSTEMS: { id: Exclude<BuildSystem, 'single'>; files: string[] }[] = [
  { id: 'cmake', files: ['CMakeLists.txt'] },
  { id: 'meson', files: ['meson.build'] },
  { id: 'autotools', files: ['configure.ac', 'configure.in'] },
  { id: 'make', files: MAKEFILES },
];

/**
 * The Makefile of a folder a Makefile hands the build to, also inside folders the scan skips
 * (`$(MAKE) -C build`): the folder is listed once.
 */
function makefileIn(scan: Scan, dir: string): string | undefined {
  const inScan = MAKEFILES.map((m) => `${dir}/${m}`).find((m) => scan.has(m));
  if (inScan) return inScan;
  const names = scan.list(dir) ?? [];
  const found = MAKEFILES.find((m) => names.includes(m));
  return found ? `${dir}/${found}` : undefined;
}
/** Folders a Makefile hands the build to that are read: past this, the rest are left out, with a warning. */
const SUBDIRS_MAX = 200;
function handedFolders(text: string, mf: string, warnings: string[]): string[] {
  const dirs = makeSubdirs(text);
  if (dirs.length <= SUBDIRS_MAX) return dirs;
  const note = `${shown(mf)} runs make in ${dirs.length} folders: only the first ${SUBDIRS_MAX} were read for programs; name the program with --entry if it is made in another.`;
  if (!warnings.includes(note)) warnings.push(note);
  return dirs.slice(0, SUBDIRS_MAX);
}

export function buildSystemOf(scan: Scan): { system: BuildSystem; file?: string } {
  for (const s of SYSTEMS) {
    const file = s.files.find((f) => scan.has(f));
    if (file) return { system: s.id, file };
  }
  return { system: 'single' };
}

/**
 * Programs build files look for, and their Debian packages (the gcc image has neither): the
 * tool named within 200 characters of a find_program()-like command, on the same line.
 */
const BUILD_TOOLS: [string, string, RegExp][] = [
  ['nasm', 'nasm', /(?:find_program|AC_(?:CHECK|PATH)_PROGS?|ASM_NASM|enable_language)[^\n]{0,200}\bnasm\b/i],
  ['yasm', 'yasm', /(?:find_program|AC_(?:CHECK|PATH)_PROGS?|ASM_NASM|enable_language)[^\n]{0,200}\byasm\b/i],
  ['re2c', 're2c', /(?:find_program|AC_(?:CHECK|PATH)_PROGS?|ASM_NASM|enable_language)[^\n]{0,200}\bre2c\b/i],
  ['gperf', 'gperf', /(?:find_program|AC_(?:CHECK|PATH)_PROGS?|ASM_NASM|enable_language)[^\n]{0,200}\bgperf\b/i],
  ['xxd', 'xxd', /(?:find_program|AC_(?:CHECK|PATH)_PROGS?|ASM_NASM|enable_language)[^\n]{0,200}\bxxd\b/i],
  ['ragel', 'ragel', /(?:find_program|AC_(?:CHECK|PATH)_PROGS?|ASM_NASM|enable_language)[^\n]{0,200}\bragel\b/i],
];

const BUILD_FILES = new Set([...SYSTEMS.flatMap((x) => x.files), 'Makefile.am', 'meson_options.txt']);

/** C++ standards as build files spell them: 2a, 2b and 2c are 20, 23 and 26. */
const STD_ALIASES: Record<string, number> = { '1y': 14, '1z': 17, '2a': 20, '2b': 23, '2c': 26 };

/**
 * The newest C++ standard the build files ask for: CMAKE_CXX_STANDARD, cxx_std_NN,
 * -std=c++NN / gnu++NN, Meson's cpp_std, AX_CXX_COMPILE_STDCXX.
 */
export function cxxStandard(files: { f: string; text: string }[]): Fact<number> | undefined {
  let best: Fact<number> | undefined;
  const see = (v: number, source: string) => {
    if (v >= 11 && v <= 40 && (!best || v > best.value)) best = { value: v, source };
  };
  for (const { f, text } of files) {
    for (const m of text.matchAll(/\bCMAKE_CXX_STANDARD[ \t"]+(\d{2})\b/g))
      see(Number(m[1]), `CMAKE_CXX_STANDARD ${m[1]} in ${f}`);
    for (const m of text.matchAll(/\bcxx_std_(\d{2})\b/g)) see(Number(m[1]), `cxx_std_${m[1]} in ${f}`);
    for (const m of text.matchAll(/(?:-std=|cpp_std=)(?:c|gnu)\+\+(\d{2}|[12][a-z])\b/g))
      see(Object.hasOwn(STD_ALIASES, m[1]!) ? STD_ALIASES[m[1]!]! : Number(m[1]), `${m[0]} in ${f}`);
    for (const m of text.matchAll(/\bAX_CXX_COMPILE_STDCXX(?:_\d\d)?\(\[?(\d{2})/g))
      see(Number(m[1]), `${m[0]} in ${f}`);
  }
  return best;
}

/** Libraries that come with the C library itself. */
const LIBC_PARTS = new Set(['c', 'm', 'pthread', 'dl', 'rt', 'util', 'resolv', 'Threads::Threads', 'Threads']);
/** The compiler's own run-time libraries, when named explicitly. Others: data/libraries.json. */
const TOOLCHAIN_LIBS: Record<string, string> = { 'stdc++': 'libstdc++', gcc_s: 'libgcc_s' };
const requirementOf = (lib: string) =>
  libraryNamed(lib) ?? (Object.hasOwn(TOOLCHAIN_LIBS, lib) ? TOOLCHAIN_LIBS[lib] : undefined);
/** glibc loads these through NSS modules at run time, which a -static glibc binary cannot. */
const NSS_CALLS =
  /\b(getaddrinfo|gethostbyname2?|getnameinfo|getpwnam|getpwuid|getgrnam|getgrgid|getservbyname|getpwent|getgrouplist)\s*\(/;
const TLS_INCLUDES = /#\s*include\s*[<"](openssl\/ssl\.h|curl\/curl\.h|gnutls\/gnutls\.h|mbedtls\/ssl\.h)[>"]/;
/** A write to a relative path: the program needs a working directory of its own. */
const C_RELATIVE_WRITE =
  /\bmkdir[ \t]*\([ \t]*"(?!\/)[\w.-][^"\n]{0,200}"|\bfopen[ \t]*\([ \t]*"(?!\/)[\w.-][^"\n]{0,200}"[ \t]*,[ \t]*"[wa]/;
/** Listening ports in C sources: htons(N), #define ..._PORT N. */
const C_PORT_PATTERNS: PortPattern[] = [
  /\bhtons[ \t]*\([ \t]*(\d{2,5})[ \t]*\)/,
  { re: /^[ \t]*#[ \t]*define[ \t]+(\w{1,60})[ \t]+(\d{2,5})\b/m, name: /(^|_)PORT(NO|NUM|NUMBER)?(_|$)/i },
];
const MAIN_FN = /\bint[ \t\n]+main[ \t]*\(|^[ \t]*main[ \t]*\(/m;

interface CInfo {
  system: BuildSystem;
  /** The target or executable name the build system knows; single: the file with main(). */
  target: string;
  sources: string[];
  cxx: boolean;
  libs: string[];
  unknownLibs: string[];
  /** Runtime requirements from known libraries (libz, libssl): the builder installs their -dev packages. */
  known: string[];
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

/** The name a build system gives the project: AC_INIT([name]), project(name), project('name'). */
export function projectNameOf(system: string, text: string): string | undefined {
  const m =
    system === 'autotools'
      ? /\bAC_INIT\(\[?([\w.+-]{1,100})/.exec(text)
      : system === 'cmake'
        ? /\bproject[ \t]*\([ \t]*"?([\w.+-]{1,100})/i.exec(text)
        : system === 'meson'
          ? /\bproject[ \t]*\([ \t]*'([\w.+-]{1,100})'/.exec(text)
          : null;
  return m?.[1];
}

/** Sources that are part of the build: a stray .cpp under tests/ does not make a C project C++. */
function sourcesOf(scan: Scan): { c: string[]; cxx: string[] } {
  return { c: scan.withExt(...C_EXT).filter(isBuilt), cxx: scan.withExt(...CXX_EXT).filter(isBuilt) };
}

export { cmakeTargets } from './cmake.js';
export { makeTargets } from './make.js';

/** Test and benchmark frameworks: linked by test programs, never needed at run time. */
const TEST_FRAMEWORKS =
  /^(GTest|gtest|gtest_main|gmock|gmock_main|GMock|benchmark|benchmark_main|Catch2|catch2|doctest|Boost::unit_test_framework|cmocka|check|criterion|cunit|CUnit|unity|GTest::\w+|benchmark::\w+|Catch2::\w+)$/;

/** A build file's text without its comments: `#` lines in Make/CMake/Meson, `dnl` and `#` in Autoconf. */
export function withoutComments(path: string, text: string): string {
  const base = basename(path);
  if (base === 'CMakeLists.txt' || path.endsWith('.cmake')) return text; // cmakeCommands drops its own comments
  const autoconf = base === 'configure.ac' || base === 'configure.in';
  const make = !autoconf && base !== 'meson.build';
  // Make and Automake conditionals (ifeq ($(uname_S),SunOS), if HAVE_SYSTEMD) choose options and
  // platforms: what they link is not what every build links. Only the branch a plain `make` takes
  // is kept: an `else` after tests of options (ifeq ($(O_NORL),1) ... else -lreadline), and
  // `ifndef NAME` (the option is unset); other branches are left out.
  // How many open frames leave their branch out: a count, not a scan of every frame at each line.
  const frames: { keep: boolean; taken: boolean }[] = [];
  let dropping = 0;
  const opens = (t: string) => /^(ifeq|ifneq|ifdef|ifndef|if)\b/.test(t);
  return text
    .split('\n')
    .map((line) => {
      const t = line.trimStart();
      if (autoconf && (t.startsWith('dnl') || t.startsWith('#'))) return '';
      if (make && !line.startsWith('\t')) {
        if (opens(t)) {
          const keep = t.startsWith('ifndef');
          frames.push({ keep, taken: keep });
          if (!keep) dropping++;
          return '';
        }
        const frame = frames[frames.length - 1];
        if (/^else\b/.test(t) && frame) {
          const rest = t.slice(4).trim();
          const was = frame.keep;
          frame.keep = rest ? !frame.taken && rest.startsWith('ifndef') : !frame.taken;
          frame.taken ||= frame.keep;
          dropping += Number(was) - Number(frame.keep);
          return '';
        }
        if (/^endif\b/.test(t)) {
          const f = frames.pop();
          if (f && !f.keep) dropping--;
          return '';
        }
      }
      if (dropping > 0) return '';
      const hash = line.indexOf('#');
      return hash >= 0 && !autoconf ? line.slice(0, hash) : line;
    })
    .join('\n');
}

/** Libraries named by the build files: -lfoo, target_link_libraries, find_package, dependency(). */
export function linkedLibs(texts: string[]): string[] {
  const libs = new Set<string>();
  for (const raw of texts) {
    // -l flags are read outside CMake's comments too (a CMake file's own comments are dropped by cmakeLibs).
    const t = raw.replace(/^[ \t]*#[^\n]*/gm, '');
    // In CMake files, -l flags are arguments of commands: cmakeLibs reads them, with their if() branches.
    const cmake = /\b(cmake_minimum_required|add_executable|add_library|target_link_libraries)[ \t]*\(/i.test(t);
    if (!cmake) for (const m of t.matchAll(/(?:^|[\s"'=])-l([\w+.-]+)/g)) libs.add(m[1]!);
    for (const l of cmakeLibs(t)) libs.add(l);
    for (const m of t.matchAll(/\bdependency\s*\(\s*'([\w+.-]+)'/g)) if (m[1] !== 'threads') libs.add(m[1]!);
    for (const m of t.matchAll(/\bAC_CHECK_LIB\s*\(\s*\[?([\w+.-]+)/g)) libs.add(m[1]!);
    // pkg-config names ("libcurl", "openssl", "zlib"), from Makefiles and Autotools.
    // pkg-config with at least one option (--libs, --cflags): prose that mentions it names no package.
    const pkgs = [
      ...t.matchAll(/pkg-config(?:[ \t]+--[\w-]{1,30}){1,4}[ \t]+([^)`;\n]*)/g),
      ...t.matchAll(/\bPKG_CHECK_MODULES\s*\(\s*\[?\w+\]?\s*,\s*\[?([^\],)]+)/g),
    ].flatMap((m) => m[1]!.split(/\s+/).filter((w) => /^[a-z][\w+.-]*$/.test(w) && !/^\d/.test(w)));
    for (const p of pkgs) libs.add(p.replace(/^lib(?=.)/, ''));
  }
  return [...libs].filter((l) => !LIBC_PARTS.has(l) && !TEST_FRAMEWORKS.test(l));
}

/** Libraries the project builds itself (add_library, lib_LTLIBRARIES, library()): never system libraries. */
export function ownLibraries(texts: string[]): Set<string> {
  const own = new Set<string>();
  for (const t of texts) {
    for (const c of cmakeCommands(t)) if (c.name === 'add_library' && c.args[0]) own.add(c.args[0]);
    for (const line of t.split('\n')) {
      const m = /^[ \t]*(?:lib|noinst|pkglib)_(?:LT)?LIBRARIES[ \t]*\+?=(.*)$/.exec(line);
      if (m)
        for (const w of m[1]!.trim().split(/[ \t]+/)) if (w) own.add(w.replace(/^lib/, '').replace(/\.(la|a)$/, ''));
    }
    for (const m of t.matchAll(/\b(?:static_|shared_|both_)?library[ \t]*\([ \t\n]*'([\w+.-]{1,100})'/g))
      own.add(m[1]!);
  }
  return own;
}

function targetsOf(
  scan: Scan,
  system: BuildSystem,
  file: string | undefined,
  cxx: boolean,
  warnings: string[],
): Choice[] {
  if (system === 'cmake') {
    const lists = scan.files.filter((f) => basename(f) === 'CMakeLists.txt' && isBuilt(f));
    const texts = lists.map((f) => scan.manifest(f) ?? '');
    const outputs = cmakeOutputNames(texts);
    return cmakeTargets(texts).map((n) => ({
      value: n,
      label: outputs.get(n) ?? n,
      source: outputs.has(n)
        ? `add_executable(${n}) in CMakeLists.txt, OUTPUT_NAME ${outputs.get(n)}`
        : 'add_executable in CMakeLists.txt',
    }));
  }
  if (system === 'meson') {
    const names = scan.files
      .filter((f) => basename(f) === 'meson.build' && isBuilt(f))
      .flatMap((f) => mesonExecutables(f === 'meson.build' ? (scan.manifest(f) ?? '') : (scan.read(f) ?? '')));
    return names.map((n) => ({ value: n, label: n, source: 'executable() in meson.build' }));
  }
  if (system === 'autotools') {
    const names = scan.files
      .filter((f) => basename(f) === 'Makefile.am' && isBuilt(f))
      .flatMap((f) => automakePrograms(scan.manifest(f) ?? ''));
    return [...new Set(names)]
      .filter((n) => n && !n.includes('$'))
      .map((n) => ({ value: n, label: n, source: 'bin_PROGRAMS in Makefile.am' }));
  }
  if (system === 'make') {
    const mf = file!;
    const text = scan.manifest(mf) ?? '';
    const own = makeTargets(text).map((t) => ({ value: t, label: t, source: `default goal of ${mf}` }));
    // A Makefile that hands the build to src/ (or another folder): the programs are that Makefile's.
    const handed = handedFolders(text, mf, warnings).flatMap((dir) => {
      const sub = makefileIn(scan, dir);
      return sub && isBuilt(sub)
        ? makeTargets(scan.manifest(sub) ?? '').map((t) => ({
            value: `${dir}/${t}`,
            label: t,
            source: `default goal of ${sub}, which ${mf} runs make in`,
          }))
        : [];
    });
    return [...own, ...handed];
  }
  const mains = scan.withExt(...(cxx ? [...CXX_EXT, ...C_EXT] : C_EXT)).filter((f) => MAIN_FN.test(scan.read(f) ?? ''));
  return mains.map((f) => ({ value: f, label: basename(f).replace(/\.[^.]+$/, ''), source: `main() in ${f}` }));
}

export const cFamily: Language = {
  ids: ['c', 'cpp'],

  detect(scan: Scan): Detection[] {
    const { c, cxx } = sourcesOf(scan);
    if (!c.length && !cxx.length) return [];
    const evidence: string[] = [];
    let score = 0;
    const { system, file } = buildSystemOf(scan);
    if (system === 'cmake' || system === 'meson' || system === 'autotools') {
      score += 80;
      evidence.push(file!);
    } else if (
      system === 'make' &&
      /\$[({](CC|CXX)[)}]|\b(gcc|g\+\+|clang|cc)\b|\.c\b|\.cpp\b/.test(scan.read(file!) ?? '')
    ) {
      score += 60;
      evidence.push(`${file} with a C compiler rule`);
    }
    score += Math.min(20, 5 + c.length + cxx.length);
    if (c.length) evidence.push(`${c.length} .c file${c.length > 1 ? 's' : ''}`);
    if (cxx.length) evidence.push(`${cxx.length} C++ source file${cxx.length > 1 ? 's' : ''}`);
    return [{ lang: cxx.length ? 'cpp' : 'c', score, evidence }];
  },

  resolve(scan: Scan, lang: LangId, opts: ResolveOptions): Resolved {
    const warnings: string[] = [];
    const decisions: Decision[] = [];
    const cxx = lang === 'cpp';
    const { system, file } = buildSystemOf(scan);
    decisions.push({
      topic: 'Build system',
      choice: system === 'single' ? 'none (compile the sources directly)' : system,
      because: file ?? 'no CMakeLists.txt, meson.build, configure.ac or Makefile',
    });

    const toolVersion = versionFromToolVersions(scan, ['gcc']);
    // Build files of what gets built only: not tests/, examples/ or other platforms' folders.
    const buildFiles = scan.files.filter((f) => isBuilt(f) && (BUILD_FILES.has(basename(f)) || f.endsWith('.cmake')));
    const std = cxx ? cxxStandard(buildFiles.map((f) => ({ f, text: scan.read(f) ?? '' }))) : undefined;
    const forStd = std ? DATA.gccForCxx?.[String(std.value)] : undefined;
    const version: Fact<string> =
      opts.langVersion !== undefined
        ? { value: checkGccVersion(opts.langVersion, '--lang-version'), source: '--lang-version' }
        : toolVersion !== undefined
          ? { value: checkGccVersion(toolVersion, '.tool-versions'), source: '.tool-versions' }
          : forStd && Number(forStd) > Number(DATA.defaultVersion)
            ? { value: forStd, source: `C++${std!.value} (${std!.source}) needs gcc ${forStd} or newer` }
            : {
                value: DATA.defaultVersion,
                source: `default (gcc image, Debian bookworm)${std ? `; enough for C++${std.value} (${std.source})` : ''}`,
              };
    decisions.push({
      topic: 'Compiler',
      choice: `gcc ${version.value}${cxx ? ' (g++)' : ''}`,
      because: version.source,
    });

    // The program named like the project wins: AC_INIT's, project()'s name, else the folder's.
    const project = (file && projectNameOf(system, scan.read(file) ?? '')) || basename(scan.root);
    const entries = helpersLast(targetsOf(scan, system, file, cxx, warnings), (e) => basename(e.label));
    const nameOf = (e: Choice) => basename(e.label);
    // Build files compute names this reader cannot (variables from the environment, $(shell ...)):
    // a program named with --entry is taken at its word, as the name of what the build makes.
    const wanted = opts.entry?.replace(/^\.\//, '');
    if (
      wanted !== undefined &&
      system !== 'single' &&
      !entries.some((e) => e.value === wanted || nameOf(e) === wanted)
    ) {
      const named = safeName(wanted, 'Program name', '--entry');
      // A Makefile that hands the build to src/: the program is made (and found) there.
      // (one whose Makefile names it; none when the top Makefile makes it itself).
      const subdirs =
        system === 'make'
          ? handedFolders(scan.manifest(file!) ?? '', file!, warnings).filter(
              (d) => isBuilt(`${d}/x`) && makefileIn(scan, d) !== undefined,
            )
          : [];
      const names = (text: string) =>
        new RegExp(`(^|[\\s/])${named.replace(/[.+\-]/g, '\\$&')}([\\s:$]|$)`, 'm').test(text);
      const handedTo =
        system !== 'make' || names(scan.read(file!) ?? '')
          ? undefined
          : (subdirs.find((d) => names(scan.read(makefileIn(scan, d)!) ?? '')) ?? subdirs[0]);
      entries.push({
        value: handedTo ? `${handedTo}/${named}` : named,
        label: named,
        source: `${opts.entrySource ?? '--entry'} (not among the ${system} targets read: ${entries.length ? entries.map(nameOf).slice(0, 5).join(', ') : 'none'})`,
      });
      warnings.push(
        `${named} is not among the programs found in the ${system} build files; building it as named by --entry.`,
      );
    }
    if (!entries.length) {
      throw new UserError(
        'E_NO_ENTRY',
        system === 'single'
          ? 'No source file with main() found.'
          : `No executable target found in the ${system} build files.`,
        system === 'single'
          ? 'Add a source file with main(), or run it in the directory of the program.'
          : 'Name the program the build makes with --entry <name>.',
      );
    }
    const entry = pickEntry(entries, opts.entry, nameOf, project, warnings, opts.entrySource);
    const chosen = entries.find((e) => e.value === entry.value)!;
    const name = safeName(nameOf(chosen), 'Program name', '--entry', entry.source);
    decisions.push({ topic: 'Program', choice: name, because: entry.source });

    const sources = system === 'single' ? singleSources(scan, chosen.value, cxx) : [];
    const target = system === 'single' ? chosen.value : safeRelPath(chosen.value, 'Target', '--entry', entry.source);
    const { c, cxx: cxxFiles } = sourcesOf(scan);
    const allSources = [...c, ...cxxFiles];

    const buildTexts = buildFiles.map((f) => withoutComments(f, scan.read(f) ?? ''));
    const own = ownLibraries(buildTexts);
    const libs = linkedLibs(buildTexts).filter((l) => !own.has(l) && !own.has(l.replace(/^lib/, '')));
    const known = [...new Set(libs.map(requirementOf).filter((x): x is string => !!x))];
    const unknownLibs = libs.filter((l) => !requirementOf(l));
    if (libs.length)
      decisions.push({ topic: 'Libraries', choice: libs.join(', '), because: 'named in the build files' });
    const notes: string[] = [];
    if (unknownLibs.length) {
      const names = unknownLibs.map((l) => (l.startsWith('lib') ? l : `lib${l}`)).join(', ');
      notes.push(
        `the program links ${shown(names, 120)}, which this tool cannot map to a Debian package: add its -dev package to the build stage and its run-time package to the final one (slim has apt for that).`,
      );
      warnings.push(notes[0]!);
    }
    missingSubmodules(scan, buildTexts, warnings);
    const fetches = buildTexts.find((t) =>
      /\b(FetchContent_Declare|ExternalProject_Add|FetchContent_MakeAvailable)\b/.test(t),
    );
    if (fetches) {
      notes.push(
        'the CMake build can download code at configure time (FetchContent/ExternalProject), usually when a find_package() fails: a build without network access to that host fails there; install the package in the build stage or vendor it.',
      );
      warnings.push(notes[notes.length - 1]!);
    }

    const nss = allSources.find((f) => NSS_CALLS.test(scan.read(f) ?? ''));
    const needs: Needs = {};
    const tls = allSources.find((f) => TLS_INCLUDES.test(scan.read(f) ?? ''));
    if (tls) needs.certs = `TLS client library included in ${tls}`;
    const writes = allSources.map((f) => ({ f, m: C_RELATIVE_WRITE.exec(scan.read(f) ?? '') })).find((x) => x.m);
    if (writes) needs.workdir = `${shown(writes.m![0])} (${writes.f})`;
    const tty = known.find((l) => l === 'libncursesw' || l === 'libreadline' || l === 'libedit');
    if (tty) needs.interactive = `links ${tty}`;
    const port =
      opts.port !== undefined
        ? { value: opts.port, source: '--port' }
        : // A shipped config file says what the server listens on; then literals in the code.
          (findPort(
            scan,
            scan.files.filter((f) => !f.includes('/') && f.endsWith('.conf')),
            [/^port[ \t]+(\d{2,5})[ \t]*$/m, /^listener[ \t]+(\d{2,5})\b/m],
          ) ??
          findPort(scan, allSources, C_PORT_PATTERNS) ??
          portFromDockerfile(scan));

    // A library this tool does not know can only be added to an image with a package manager.
    // A gcc newer than Debian's has a newer libstdc++ than Debian-based images carry: link it in.
    const newLibstdcxx =
      cxx && Number(version.value) > Number(DATA.debianGcc)
        ? `gcc ${version.value}'s libstdc++ is newer than the one Debian bookworm images carry (gcc ${DATA.debianGcc})`
        : undefined;
    const all = cStrategies(cxx, [...known, ...(unknownLibs.length ? ['apt'] : [])], libs.length > 0, nss);
    const strategies = newLibstdcxx ? all.filter((st) => st.id !== 'glibc-dynamic') : all;
    if (newLibstdcxx)
      decisions.push({
        topic: 'libstdc++',
        choice: 'linked in (-static-libstdc++ -static-libgcc) or fully static',
        because: newLibstdcxx,
      });
    // What the build reads by name: the build files, the folder a Makefile hands the build to,
    // the sources compiled one by one. No .dockerignore line may exclude them.
    const handed = system === 'make' && target.includes('/') ? [target.slice(0, target.lastIndexOf('/'))] : [];
    const keep = [
      ...new Set([
        ...(file ? [file] : []),
        ...buildFiles,
        ...['meson_options.txt', 'meson.options', 'configure'].filter((f) => system !== 'single' && scan.has(f)),
        ...handed,
        ...sources,
      ]),
    ];
    return {
      lang,
      name,
      version,
      entries,
      entry,
      needs,
      strategies,
      builderGlibc: DATA.builderGlibc,
      decisions,
      warnings,
      notes,
      port,
      keep,
      // Build output only: committed *.a/*.so may be libraries the program links against.
      ignore: ['build/', 'cmake-build-*/', 'CMakeCache.txt', 'CMakeFiles/', '*.o', ...binaryIgnore(scan.root, name)],
      own: {
        system,
        target,
        sources,
        cxx,
        libs,
        unknownLibs,
        known,
        hasConfigure: scan.has('configure'),
        pkgConfig: buildTexts.some((t) => /pkg-config|PKG_CHECK_MODULES/.test(t)),
        optionsOff: optionsOff(
          system,
          system === 'meson' ? ['meson_options.txt', 'meson.options'].map((f) => scan.read(f) ?? '') : buildTexts,
        ),
        libtool: system === 'autotools' && /\b(LT_INIT|AC_PROG_LIBTOOL|AM_PROG_LIBTOOL)\b/.test(scan.read(file!) ?? ''),
        parserTools: scan.files.some((f) => isBuilt(f) && /\.(y|yy|l|ll)$/.test(f)),
        buildTools: BUILD_TOOLS.filter(
          ([tool, , re]) =>
            buildTexts.some((t) => re.test(t)) ||
            (tool === 'nasm' && scan.files.some((f) => isBuilt(f) && /\.(asm|nasm)$/.test(f))),
        ).map(([, pkg]) => pkg),
      } satisfies CInfo,
    };
  },

  build(resolved: Resolved, strategy: Strategy): BuildSpec {
    const info = resolved.own as CInfo;
    const name = resolved.name;
    const musl = strategy.id === 'musl-static';
    const cc = musl ? 'musl-gcc' : 'gcc';
    const ldflags = LDFLAGS[strategy.id] ?? '';
    const dev = info.known.map((l) => LIBRARIES[l]?.dev).filter((p): p is string => !!p);
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
      ...dev,
    ];
    // CMake, Meson and Autotools put the executable somewhere in a tree: find it by name, and
    // only a real program (ELF), never a script of the same name (a libtool wrapper). The first
    // four bytes are compared with ELF's magic by find itself, with no pipe: a pipe's status is
    // its last command's, so a failed check could pass unseen.
    const locate = (tree: string) =>
      `{ printf '\\177ELF' > /tmp/elf-magic; f=$(find ${tree} -type f -name ${name} -perm -u+x -exec cmp -s -n 4 /tmp/elf-magic {} \\; -print -quit); [ -n "$f" ] || { echo 'error: no executable named ${name} under ${tree}' >&2; exit 1; }; cp "$f" /out/${name}; }`;
    const compilers = [
      `CC=${shellWord(`${cc}${ldflags ? ` ${ldflags}` : ''}`)}`,
      ...(info.cxx ? [`CXX=${shellWord(`g++${ldflags ? ` ${ldflags}` : ''}`)}`] : []),
    ];
    let steps: string[];
    if (info.system === 'cmake') {
      // In-tree libraries are built static (the final image has no copy of them); a fully static
      // build also makes find_library() pick the archives of system libraries.
      // (CMake sets the suffixes in project(): a file included right after it sets them back.)
      const findStatic =
        strategy.libc === 'none' && info.libs.length ? ' -DCMAKE_PROJECT_INCLUDE=/tmp/static-libs.cmake' : '';
      steps = [
        ...(findStatic ? ["echo 'set(CMAKE_FIND_LIBRARY_SUFFIXES .a)' > /tmp/static-libs.cmake"] : []),
        `cmake -S . -B /build -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF ${info.optionsOff.join(' ')}${musl ? ' -DCMAKE_C_COMPILER=musl-gcc' : ''}${ldflags ? ` -DCMAKE_EXE_LINKER_FLAGS=${shellWord(ldflags)}` : ''}${findStatic}`,
        'cmake --build /build --parallel',
        locate('/build'),
      ];
    } else if (info.system === 'meson') {
      steps = [
        `${musl ? 'CC=musl-gcc ' : ''}meson setup /build --buildtype=release --default-library=static${strategy.libc === 'none' ? ' --prefer-static' : ''}${info.optionsOff.map((o) => ` ${o}`).join('')}${ldflags ? ` -Dc_link_args=${shellWord(ldflags)} -Dcpp_link_args=${shellWord(ldflags)}` : ''}`,
        'meson compile -C /build',
        locate('/build'),
      ];
    } else if (info.system === 'autotools') {
      // In-tree shared libraries off (libtool would leave a wrapper script in the tree), then the
      // program as `make install` puts it, into a folder of its own.
      steps = [
        ...(info.hasConfigure ? [] : ['autoreconf -fi']),
        `./configure${info.libtool ? ' --disable-shared' : ''} ${compilers.join(' ')}`,
        'make -j"$(nproc)"',
        'make install DESTDIR=/tmp/install',
        locate('/tmp/install'),
      ];
    } else if (info.system === 'make') {
      // A program of a folder the top Makefile hands the build to is made in that folder.
      const slash = info.target.lastIndexOf('/');
      const where = slash > 0 ? ` -C ${pathWord(info.target.slice(0, slash))}` : '';
      steps = [
        `make -j"$(nproc)"${where} ${compilers.join(' ')} ${shellWord(info.target.slice(slash + 1))}`,
        `cp ${pathWord(info.target)} /out/${name}`,
      ];
    } else {
      const compiler = info.cxx ? 'g++' : cc;
      steps = [
        `${compiler} -O2${ldflags ? ` ${ldflags}` : ''} -o /out/${name} ${info.sources.map(pathWord).join(' ')}${info.cxx ? '' : ' -lm'}`,
      ];
    }
    return {
      partial: 'c',
      image: 'gcc:${GCC_VERSION}-bookworm',
      args: [{ name: 'GCC_VERSION', value: resolved.version.value }],
      artifact: `/out/${name}`,
      vars: {
        name,
        apt: apt.join(' '),
        steps,
        static: strategy.libc === 'none',
        how: strategy.summary,
        system: info.system,
      },
    };
  },
};

const LDFLAGS: Record<string, string> = {
  'musl-static': '-static',
  'glibc-static': '-static',
  'glibc-static-libstdcxx': '-static-libstdc++ -static-libgcc',
};

/**
 * Ways to link, preferred first. A program whose libraries all ship a static archive that links
 * on its own (data/libraries.json `static`) can be fully static, unless it looks up users or
 * hosts, which glibc does through NSS modules loaded at run time.
 */
function cStrategies(cxx: boolean, requiresLibs: string[], linksLibs: boolean, nss: string | undefined): Strategy[] {
  const libFix =
    'the program links libraries that must exist in the final image; choose slim (or distroless when they are glibc, libssl, libstdc++ only)';
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
      : [dyn];
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
  if ((!linksLibs && !nss) || staticWithLibs)
    out.push({
      id: 'glibc-static',
      libc: 'none',
      requires: [],
      summary: `a fully static binary${staticLibs} (g++ -static)`,
    });
  return out;
}

/** Bare sources: the file with main() plus its neighbours that have no main() of their own. */
function singleSources(scan: Scan, mainFile: string, cxx: boolean): string[] {
  const dir = dirname(mainFile);
  const exts = cxx ? [...CXX_EXT, ...C_EXT] : C_EXT;
  return scan
    .withExt(...exts)
    .filter((f) => dirname(f) === dir && (f === mainFile || !MAIN_FN.test(scan.read(f) ?? '')))
    .map((f) => safeRelPath(f, 'Source file', '--entry', "the project's files"));
}

/** A gcc release: major 4 to 99, no leading zeros, at most two more parts ("12", "12.2", "12.2.0"). */
function checkGccVersion(v: string, source: string): string {
  const m = /^([4-9]|[1-9]\d)(?:\.(?:0|[1-9]\d?)){0,2}$/.exec(v.trim());
  if (!m)
    throw new UserError(
      'E_BAD_FLAG',
      `${source} gives "${shown(v, 24)}", which is not a gcc version.`,
      'Use a gcc major version like 12 or 14.',
    );
  return m[1]!;
}
