import { libraryNamed } from '../../core/data.js';
import { cmakeCommands } from './cmake-parse.js';
import { cmakeLibs } from './cmake.js';
import { debianDevOf } from './debian.js';

/** Libraries that come with the C library itself. */
const LIBC_PARTS = new Set(['c', 'm', 'pthread', 'dl', 'rt', 'util', 'resolv', 'Threads::Threads', 'Threads']);
/** The compiler's own run-time libraries, when named explicitly. Others: data/libraries.json. */
const TOOLCHAIN_LIBS: Record<string, string> = { 'stdc++': 'libstdc++', gcc_s: 'libgcc_s' };
const requirementOf = (lib: string) =>
  libraryNamed(lib) ?? (Object.hasOwn(TOOLCHAIN_LIBS, lib) ? TOOLCHAIN_LIBS[lib] : undefined);

/** Test and benchmark frameworks: linked by test programs, never needed at run time. */
const TEST_FRAMEWORKS =
  /^(?:GTest|gtest|gtest_main|gmock|gmock_main|GMock|benchmark|benchmark_main|Catch2|catch2|doctest|Boost::unit_test_framework|cmocka|check|criterion|cunit|CUnit|unity|GTest::\w+|benchmark::\w+|Catch2::\w+)$/;

/** The libraries the program links, as named, as run-time requirements, and those with no known package. */
export interface Libraries {
  libs: string[];
  /** Runtime requirements from known libraries (libz, libssl). */
  known: string[];
  /** Libraries data/libraries.json does not know, by name, with the Debian -dev package that provides each. */
  debian: { name: string; dev: string }[];
  /** Libraries with no package at all: neither known nor in Debian's file lists by that name. */
  unknownLibs: string[];
}

/** The libraries of the build files' texts (comments and other platforms' branches left out), but the project's own. */
export function librariesOf(buildTexts: string[], rawTexts: string[] = buildTexts): Libraries {
  const own = ownLibraries(buildTexts);
  const libs = linkedLibs(buildTexts, rawTexts).filter((l) => !own.has(l) && !own.has(l.replace(/^lib/, '')));
  const known = [...new Set(libs.map(requirementOf).filter((x): x is string => !!x))];
  const others = libs.filter((l) => !requirementOf(l)).map((name) => ({ name, dev: debianDevOf(name) }));
  const debian = others.filter((o): o is { name: string; dev: string } => !!o.dev);
  const unknownLibs = others.filter((o) => !o.dev).map((o) => o.name);
  return { libs, known, debian, unknownLibs };
}

/** Libraries named by the build files: -lfoo, target_link_libraries, find_package, dependency(). */
export function linkedLibs(texts: string[], probeTexts: string[] = texts): string[] {
  const libs = new Set<string>();
  // Libraries the build probes for (`pkg-config --exists libsystemd`) are optional features it
  // turns on when present: neither the probed name nor its -l flag is a requirement. Probes are
  // read from the files as written (they sit in the conditionals that the texts leave out).
  const probed = new Set<string>();
  for (const raw of probeTexts) {
    for (const m of raw.matchAll(/--(?:exists|atleast-version[= \t]+[\w.]{1,20})[ \t]+([a-z][\w+.-]{0,60})/g))
      probed.add(m[1]!.replace(/^lib(?=.)/, ''));
  }
  for (const raw of texts) {
    // -l flags are read outside CMake's comments too (a CMake file's own comments are dropped by cmakeLibs).
    const t = raw.replace(/^[ \t]*#[^\n]*/gm, '');
    // In CMake files, -l flags are arguments of commands: cmakeLibs reads them, with their if() branches.
    const cmake = /\b(?:cmake_minimum_required|add_executable|add_library|target_link_libraries)[ \t]*\(/i.test(t);
    if (!cmake) for (const m of t.matchAll(/(?:^|[\s"'=])-l([\w+.-]+)/g)) libs.add(m[1]!);
    for (const l of cmakeLibs(t)) libs.add(l);
    for (const m of t.matchAll(/\bdependency\s*\(\s*'([\w+.-]+)'/g)) if (m[1] !== 'threads') libs.add(m[1]!);
    for (const m of t.matchAll(/\bAC_CHECK_LIB\s*\(\s*\[?([\w+.-]+)/g)) libs.add(m[1]!);
    // pkg-config names ("libcurl", "openssl", "zlib"), from Makefiles and Autotools: pkg-config
    // with --libs, --cflags or --static (prose that mentions it names no package).
    const pkgs = [
      // `--exists` or `--atleast-version` only probe for an optional library (USE_SYSTEMD=auto): no requirement.
      ...[...t.matchAll(/pkg-config((?:[ \t]+--[\w-]{1,30}){1,4})[ \t]+([^)`;\n]*)/g)]
        .filter((m) => /--(?:libs|cflags|static)\b/.test(m[1]!))
        .map((m) => m[2]!),
      ...[...t.matchAll(/\bPKG_CHECK_MODULES\s*\(\s*\[?\w+\]?\s*,\s*\[?([^\],)]+)/g)].map((m) => m[1]!),
      ...shellListsOf(t),
    ].flatMap((list) => list.split(/\s+/).filter((w) => /^[a-z][\w+.-]*$/.test(w) && !/^\d/.test(w)));
    for (const p of pkgs) libs.add(p.replace(/^lib(?=.)/, ''));
  }
  return [...libs].filter((l) => !LIBC_PARTS.has(l) && !TEST_FRAMEWORKS.test(l) && !probed.has(l));
}

/**
 * PKG_CHECK_MODULES([X], "$LIST") with the modules in a shell variable of configure.ac
 * (`LIST="glib-2.0 >= 2.34 libconfig nice"`): the quoted values assigned to that variable.
 */
function shellListsOf(text: string): string[] {
  const uses = [...text.matchAll(/\bPKG_CHECK_MODULES\s*\(\s*\[?\w+\]?\s*,\s*\[?"?\$\{?(\w{1,60})\}?"?\]?\s*[,)]/g)];
  if (!uses.length) return [];
  const names = new Set(uses.map((m) => m[1]!));
  const out: string[] = [];
  // Each value is read up to its closing quote, at most 4,000 characters, and at most 20 of them.
  for (const m of text.matchAll(/^[ \t]*(\w{1,60})="/gm)) {
    if (!names.has(m[1]!)) continue;
    const start = m.index + m[0].length;
    const value = text.slice(start, start + 4001);
    const end = value.indexOf('"');
    if (end > 0) out.push(value.slice(0, end));
    if (out.length >= 20) break;
  }
  return out;
}

/** Libraries the project builds itself (add_library, lib_LTLIBRARIES, library()): never system libraries. */
export function ownLibraries(texts: string[]): Set<string> {
  const own = new Set<string>();
  for (const t of texts) {
    for (const c of cmakeCommands(t)) if (c.name === 'add_library' && c.args[0]) own.add(c.args[0]);
    for (const line of t.split('\n')) {
      const m = /^[ \t]*(?:lib|noinst|pkglib)_(?:LT)?LIBRARIES[ \t]*\+?=(.*)$/.exec(line);
      if (m)
        for (const w of m[1]!.trim().split(/[ \t]+/)) if (w) own.add(w.replace(/^lib/, '').replace(/\.(?:la|a)$/, ''));
    }
    for (const m of t.matchAll(/\b(?:static_|shared_|both_)?library[ \t]*\([ \t\n]*'([\w+.-]{1,100})'/g))
      own.add(m[1]!);
  }
  return own;
}
