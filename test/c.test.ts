import { describe, expect, test } from '@jest/globals';
import { scanProject } from '../src/core/scan.js';
import { cFamily } from '../src/languages/c/index.js';
import { makeTargets } from '../src/languages/c/make.js';
import { cmakeCommands } from '../src/languages/c/cmake-parse.js';
import { cmakeLibs, cmakeTargets, linuxCommands } from '../src/languages/c/cmake.js';
import { automakePrograms } from '../src/languages/c/autotools.js';
import { linkedLibs } from '../src/languages/c/libraries.js';
import { withoutComments } from '../src/languages/c/comments.js';
import type { LangId } from '../src/core/types.js';
import { generate } from '../src/index.js';
import { C_MAIN, project } from './helpers.js';

const resolve = (files: Record<string, string>, lang: LangId = 'c', opts = {}) =>
  cFamily.resolve(scanProject(project(files)), lang, opts);

describe('finding the executable instead of guessing', () => {
  test('Makefile: all -> its prerequisites, variables expanded, phony and objects skipped', () => {
    expect(
      makeTargets(
        'CC=gcc\nTARGET := app\nall: $(TARGET) docs\n$(TARGET): main.o\n\t$(CC) -o $@ $^\ndocs:\n\ttrue\n.PHONY: all docs\n',
      ),
    ).toEqual(['app']);
  });
  test('Makefile: the first target with a recipe is the goal', () => {
    expect(
      makeTargets('# comment\n.SUFFIXES:\nserver: server.c util.c\n\t$(CC) -o $@ $^\nclean:\n\trm -f server\n'),
    ).toEqual(['server']);
  });
  test('Makefile: pattern rules and special targets are not goals; continuation lines join', () => {
    expect(makeTargets('%.o: %.c\n\t$(CC) -c $<\nall: \\\n  one \\\n  two\none:\n\ttrue\ntwo:\n\ttrue\n')).toEqual([
      'one',
      'two',
    ]);
  });
  test('Makefile: a prerequisite whose rule only prints (no prerequisites, echo) is no program', () => {
    const mk =
      'CLIENT = iodine\nSERVER = iodined\nall: stateos $(CLIENT) $(SERVER)\nstateos:\n\t@echo OS is $(OS)\n\n$(CLIENT): a.o\n\t$(CC) -o $@ a.o\n';
    expect(makeTargets(mk)).toEqual(['iodine', 'iodined']);
    expect(
      makeTargets('all: banner app\nbanner:\n\t@echo hi\n\t$(CC) -o banner b.c\napp: a.c\n\t$(CC) -o app a.c\n'),
    ).toEqual(['banner', 'app']);
  });
  test('CMake: add_executable with ${PROJECT_NAME} and set(), not IMPORTED or ALIAS', () => {
    expect(
      cmakeTargets([
        'project(tool VERSION 1.0 LANGUAGES C)\nset(EXTRA helper)\nadd_executable(${PROJECT_NAME} main.c)\nadd_executable(${EXTRA} h.c)\nadd_executable(ext IMPORTED)\nadd_executable(alias ALIAS tool)\n# add_executable(commented x.c)\n',
      ]),
    ).toEqual(['tool', 'helper']);
  });
  test('libraries named through pkg-config, in a Makefile or PKG_CHECK_MODULES', () => {
    expect(
      linkedLibs([
        'LDLIBS += $(shell pkg-config --libs libcurl openssl)\nCFLAGS += `pkg-config --cflags --libs zlib`\n',
      ]).sort(),
    ).toEqual(['curl', 'openssl', 'zlib']);
    expect(linkedLibs(['PKG_CHECK_MODULES([DEPS], [libcurl >= 7.0 glib-2.0])\n']).sort()).toEqual(['curl', 'glib-2.0']);
  });
  test('Autotools: bin_PROGRAMS from Makefile.am; configure.ac beats a generated Makefile', () => {
    const files = {
      'configure.ac': 'AC_INIT([t], [1])\nAC_CHECK_LIB([z], [deflate])\n',
      'Makefile.am': 'bin_PROGRAMS = tool \\\n  helper\n',
      Makefile: 'all:\n\ttrue\n',
      'tool.c': C_MAIN,
    };
    const r = resolve(files);
    expect(r.decisions.find((d) => d.topic === 'Build system')).toMatchObject({
      choice: 'autotools',
      because: 'configure.ac',
    });
    expect(r.entries.map((e) => e.value)).toEqual(['helper', 'tool']);
    expect(r.strategies).toEqual([
      expect.objectContaining({ requires: ['glibc', 'libz'] }),
      expect.objectContaining({ id: 'glibc-static', requires: [] }),
    ]);
    const spec = cFamily.build(r, r.strategies[0]!);
    expect(spec.vars.steps).toEqual(
      expect.arrayContaining(['autoreconf -fi', './configure CC=gcc', 'make -j"$(nproc)"']),
    );
    expect(spec.vars.apt).toBe('autoconf automake libtool zlib1g-dev');
    const shipped = resolve({ ...files, configure: '#!/bin/sh\n' });
    expect(cFamily.build(shipped, shipped.strategies[0]!).vars.steps).not.toContain('autoreconf -fi');
  });
  test('libraries from -l, target_link_libraries, find_package and dependency(), minus libc parts', () => {
    expect(
      linkedLibs([
        'LDLIBS = -lm -lz -lpthread\n',
        'find_package(Threads)\nfind_package(OpenSSL)\ntarget_link_libraries(app PRIVATE m ${FOO} OpenSSL::SSL)\n',
        "dependency('zlib')\n",
      ]).sort(),
    ).toEqual(['OpenSSL', 'OpenSSL::SSL', 'z', 'zlib'].sort());
  });
});

describe('resolving C and C++ projects', () => {
  test('a bare file is named after itself and compiled with its main-less neighbours', () => {
    const r = resolve({ 'tool.c': C_MAIN, 'util.c': 'int twice(int x){return 2*x;}', 'other/x.c': 'int y;' });
    expect(r.name).toBe('tool');
    expect((r.own as { sources: string[] }).sources).toEqual(['tool.c', 'util.c']);
  });
  test('two files with main(): the flag chooses; an unknown one is an error', () => {
    const files = { 'a.c': C_MAIN, 'b.c': C_MAIN };
    expect(resolve(files).warnings.join()).toMatch(/Several programs/);
    expect(resolve(files, 'c', { entry: 'b' }).name).toBe('b');
    expect(() => resolve(files, 'c', { entry: 'zzz' })).toThrow(expect.objectContaining({ code: 'E_NO_ENTRY' }));
  });
  test('a CMake project without add_executable is an error that names the fix', () => {
    expect(() => resolve({ 'CMakeLists.txt': 'project(x)\nadd_library(x x.c)\n', 'x.c': 'int x;' })).toThrow(
      expect.objectContaining({ code: 'E_NO_ENTRY', hint: expect.stringContaining('--entry') }),
    );
  });
  test('C can be linked dynamically against glibc or statically with musl', () => {
    expect(resolve({ 'a.c': C_MAIN }).strategies.map((s) => s.id)).toEqual(['glibc-dynamic', 'musl-static']);
  });
  test('C++: dynamic, libstdc++ linked in, or fully static', () => {
    expect(resolve({ 'a.cpp': 'int main(){}' }, 'cpp').strategies.map((s) => s.id)).toEqual([
      'glibc-dynamic',
      'glibc-static-libstdcxx',
      'glibc-static',
    ]);
  });
  test('C++ that calls getaddrinfo is not linked fully static (glibc NSS)', () => {
    const r = resolve({ 'a.cpp': '#include <netdb.h>\nint main(){ getaddrinfo(0,0,0,0); }' }, 'cpp');
    expect(r.strategies.map((s) => s.id)).toEqual(['glibc-dynamic', 'glibc-static-libstdcxx']);
    expect(r.strategies.map((s) => s.fix)).toEqual([
      expect.stringContaining('NSS modules'),
      expect.stringContaining('NSS modules'),
    ]);
    expect(r.strategies[0]!.fix).toContain('a.cpp');
  });
  test('linking zlib rules out the musl build; its static archive allows a fully static glibc build', () => {
    const r = resolve({ Makefile: 'app: app.c\n\t$(CC) -o app app.c -lz\n', 'app.c': C_MAIN });
    expect(r.strategies).toEqual([
      expect.objectContaining({ id: 'glibc-dynamic', requires: ['glibc', 'libz'] }),
      expect.objectContaining({
        id: 'glibc-static',
        libc: 'none',
        requires: [],
        summary: 'a fully static glibc binary with libz linked in (gcc -static)',
      }),
    ]);
    // A library without a usable archive (libcurl pulls in many others) keeps it dynamic.
    expect(
      resolve({ Makefile: 'app: app.c\n\t$(CC) -o app app.c -lz -lcurl\n', 'app.c': C_MAIN }).strategies.map(
        (s) => s.id,
      ),
    ).toEqual(['glibc-dynamic', 'glibc-closure']);
    // Host look-ups need glibc's NSS at run time: never fully static.
    expect(
      resolve({
        Makefile: 'app: app.c\n\t$(CC) -o app app.c -lz\n',
        'app.c': `${C_MAIN}void f(void){ getaddrinfo(0,0,0,0); }\n`,
      }).strategies.map((s) => s.id),
    ).toEqual(['glibc-dynamic', 'glibc-closure']);
  });
  test('the builder installs the -dev packages of known libraries; slim installs the run-time one', async () => {
    const { generate } = await import('../src/index.js');
    const dir = project({ Makefile: 'app: app.c\n\t$(CC) -o app app.c -lssl -lcrypto\n', 'app.c': C_MAIN });
    const slim = await generate(dir, { runtime: 'slim' });
    expect(slim.files[0]!.content).toMatch(/apt-get install -y --no-install-recommends libssl-dev/);
    expect(slim.files[0]!.content).toMatch(
      /FROM debian:bookworm-slim\n[\s\S]*apt-get install -y --no-install-recommends libssl3/,
    );
    // The default: busybox:glibc with the libraries ldd lists copied in, smaller than distroless/base.
    const g = await generate(dir);
    expect(g.plan.runtime).toBe('busybox-glibc');
    expect(g.plan.linkage).toContain('copied beside it');
  });
  test('an unknown library is a warning that says what to install; what the program links travels with it', async () => {
    const files = { Makefile: 'app: app.c\n\t$(CC) -o app app.c -lfrobnicate\n', 'app.c': C_MAIN };
    const r = resolve(files);
    expect(r.warnings.join()).toContain('--add-package build:');
    expect(r.strategies.map((s) => s.id)).toEqual(['glibc-dynamic', 'glibc-closure']);
    const { generate } = await import('../src/index.js');
    const g = await generate(project(files));
    expect(g.plan.runtime).toBe('busybox-glibc');
    // No image provides a library by that name, and none can install it: only the closure places it.
    expect(g.plan.options.find((o) => o.runtime === 'scratch')).toMatchObject({ ok: false });
  });
  test('a library from the table: its -dev package in the builder; the final stage gets what ldd lists', async () => {
    const { generate } = await import('../src/index.js');
    const dir = project({
      Makefile: 'app: app.c\n\t$(CC) -o app app.c $(shell pkg-config --libs libcurl)\n',
      'app.c': C_MAIN,
    });
    const g = await generate(dir);
    expect(g.plan.runtime).toBe('busybox-glibc');
    expect(g.plan.final.install).toEqual([]);
    const df = g.files[0]!.content;
    expect(df).toContain('--no-install-recommends pkg-config libcurl4-openssl-dev');
    expect(df).toContain('RUN ldd /out/app > /tmp/ldd.txt');
    expect(df).toContain('COPY --from=build /out/lib/ /usr/local/lib/');
    expect(df).toContain('ENV LD_LIBRARY_PATH=/usr/local/lib');
    expect(g.plan.options.filter((o) => !o.ok).map((o) => o.runtime)).toEqual(['scratch', 'alpine']);
    // slim still installs the run-time package when asked for (a dynamic build, no copies).
    const slim = await generate(dir, { runtime: 'slim' });
    expect(slim.plan.final.install).toEqual(['libcurl4']);
  });
  test("libraries the tool's table lacks: Debian's -dev package by pkg-config, -l or CMake name", () => {
    const make = resolve({
      Makefile: 'app: app.c\n\t$(CC) -o app app.c $(shell pkg-config --cflags --libs glib-2.0 libzim) -lwebp\n',
      'app.c': C_MAIN,
    });
    expect(cFamily.build(make, make.strategies[1]!).vars.apt).toBe('pkg-config libglib2.0-dev libwebp-dev libzim-dev');
    expect(make.warnings).toEqual([]);
    const cm = resolve(
      {
        'CMakeLists.txt':
          'project(a)\nfind_package(Boost 1.70 REQUIRED COMPONENTS system program_options OPTIONAL_COMPONENTS python)\nfind_package(LibIcal REQUIRED)\nfind_package(PkgConfig)\nadd_executable(a a.cpp)\n',
        'a.cpp': 'int main(){}\n',
      },
      'cpp',
    );
    expect(
      cFamily.build(
        cm,
        cm.strategies.find((s) => s.id === 'glibc-closure')!,
      ).vars.apt,
    ).toBe('cmake libboost1.74-dev libboost-system1.74-dev libboost-program-options1.74-dev libical-dev');
    expect(cm.decisions.find((d) => d.topic === 'Build packages')?.because).toContain('Boost::system');
  });
  test('a pkg-config probe (--exists) is an option, not a library; --libs and --cflags are', () => {
    const mk =
      'LIBSYSTEMD := $(shell pkg-config --exists libsystemd && echo $$?)\nLDLIBS += $(shell pkg-config --libs libcurl) $(shell pkg-config --cflags --libs zlib)\n';
    expect(linkedLibs([mk]).sort()).toEqual(['curl', 'zlib']);
    // The -l flag of a probed library is the probe's outcome, not a requirement (redis: USE_SYSTEMD=auto).
    const auto =
      'LIBSYSTEMD_LIBS=-lsystemd\nifeq ($(USE_SYSTEMD),auto)\n  P := $(shell $(PKG_CONFIG) --exists libsystemd && echo $$?)\n  LIBSYSTEMD_LIBS=$(shell $(PKG_CONFIG) --libs libsystemd)\nendif\nFINAL_LIBS=-lm -lssl\n';
    expect(linkedLibs([auto]).sort()).toEqual(['ssl']);
    // The probe sits in a conditional the build texts leave out: it is read from the file as written.
    const r = resolve({
      Makefile: `${auto}all: app\napp: app.c\n\t$(CC) -o app app.c $(LIBSYSTEMD_LIBS) $(FINAL_LIBS)\n`,
      'app.c': C_MAIN,
    });
    expect(r.decisions.find((d) => d.topic === 'Libraries')?.choice).toBe('ssl');
    expect(
      linkedLibs(['X := $(shell pkg-config --atleast-version=1.2 libfoo && echo y)\nLIBS += -lfoo -lbar\n']),
    ).toEqual(['bar']);
  });
  test('PKG_CHECK_MODULES with its modules in a shell variable of configure.ac', () => {
    const ac =
      'AC_INIT([j],[1])\nPKGCHECKMODULES="glib-2.0 >= $glib_version\n    libconfig\n    nice"\nPKG_CHECK_MODULES([JANUS],"$PKGCHECKMODULES")\n';
    expect(linkedLibs([ac])).toEqual(['glib-2.0', 'config', 'nice']);
  });
  test('a curses program with its libraries copied gets the terminal descriptions', () => {
    const r = resolve({ Makefile: 'app: app.c\n\t$(CC) -o app app.c -lncursesw -lcurl\n', 'app.c': C_MAIN });
    const spec = cFamily.build(
      r,
      r.strategies.find((s) => s.id === 'glibc-closure')!,
    );
    expect(spec.vars.terminfo).toBe(true);
    expect(spec.copies?.map((c) => c.dest)).toEqual([
      '/app/app',
      '/usr/local/lib/',
      '/usr/share/terminfo/',
      '/usr/lib/locale/C.utf8',
    ]);
    expect(spec.env).toEqual(['LD_LIBRARY_PATH=/usr/local/lib', 'LANG=C.UTF-8']);
  });
  test('getenv("HOME") or a passwd entry\'s folder asks for a writable HOME', () => {
    expect(resolve({ 'a.c': `${C_MAIN}char *h(void){ return getenv("HOME"); }\n` }).needs.home).toContain('getenv');
    expect(resolve({ 'a.c': `${C_MAIN}char *h(void){ return getenv("PATH"); }\n` }).needs.home).toBeUndefined();
  });
  test('TLS client headers ask for CA certificates', () => {
    expect(resolve({ 'a.c': '#include <curl/curl.h>\n' + C_MAIN }).needs.certs).toContain('a.c');
  });
  test('--lang-version picks the gcc major; nonsense is refused', () => {
    expect(resolve({ 'a.c': C_MAIN }, 'c', { langVersion: '14.2' }).version).toEqual({
      value: '14',
      source: '--lang-version',
    });
    expect(() => resolve({ 'a.c': C_MAIN }, 'c', { langVersion: 'x' })).toThrow(
      expect.objectContaining({ code: 'E_BAD_FLAG' }),
    );
  });
});

describe('evidence only from what gets built', () => {
  const cmake = (body: string, extra: Record<string, string> = {}) =>
    resolve({
      'CMakeLists.txt': `cmake_minimum_required(VERSION 3.16)\nproject(app C)\n${body}`,
      'main.c': C_MAIN,
      ...extra,
    });
  test('a stray .cpp under tests/ does not make a C project C++, nor does an example', () => {
    const dir = project({ 'main.c': C_MAIN, 'tests/t.cpp': 'int main(){}\n', 'examples/e.cc': 'int main(){}\n' });
    expect(cFamily.detect(scanProject(dir))[0]!.lang).toBe('c');
  });
  test('commented-out libraries in Makefiles and configure.ac are not libraries', () => {
    expect(
      resolve({ Makefile: '# LDLIBS = -lcurl\napp: main.c\n\t$(CC) -o $@ main.c -lz # not -lssl\n', 'main.c': C_MAIN })
        .strategies[0]!.requires,
    ).toEqual(['glibc', 'libz']);
    const r = resolve({
      'configure.ac':
        'AC_INIT([a],[1])\ndnl AC_CHECK_LIB([curl], [f])\n# AC_CHECK_LIB([ssl], [f])\nAC_CHECK_LIB([z], [f])\n',
      'Makefile.am': 'bin_PROGRAMS = app\n',
      'main.c': C_MAIN,
    });
    expect(r.strategies[0]!.requires).toEqual(['glibc', 'libz']);
  });
  test("the project's own libraries and test frameworks are not system libraries", () => {
    const r = cmake(
      'add_library(core STATIC core.c)\nadd_executable(app main.c)\ntarget_link_libraries(app PRIVATE core)\nfind_package(GTest)\nadd_executable(unit t.c)\ntarget_link_libraries(unit GTest::gtest_main benchmark::benchmark)\n',
      { 'core.c': 'int f(void){return 0;}\n' },
    );
    expect(r.warnings.join()).not.toMatch(/libcore|gtest|benchmark/i);
    expect(r.strategies.map((s) => s.id)).toContain('musl-static');
    const am = resolve({
      'configure.ac': 'AC_INIT([a],[1])\n',
      'Makefile.am': 'lib_LTLIBRARIES = libjv.la\nbin_PROGRAMS = app\napp_LDADD = -ljv\n',
      'main.c': C_MAIN,
    });
    expect(am.warnings.join()).not.toContain('libjv');
  });
  test('build files under tests/ and branches for other platforms name no program and no library', () => {
    const r = cmake(
      'if(WIN32)\n  add_executable(app-win main.c)\n  target_link_libraries(app-win ws2_32)\nendif()\nadd_executable(app main.c)\n',
      { 'tests/CMakeLists.txt': 'add_executable(unit_tests t.c)\ntarget_link_libraries(unit_tests cmocka curl)\n' },
    );
    expect(r.entries.map((e) => e.value)).toEqual(['app']);
    expect(r.warnings).toEqual([]);
  });
  test('tests, benchmarks, examples and docs are switched off in CMake and Meson builds', async () => {
    const dir = project({
      'CMakeLists.txt':
        'project(app C)\noption(APP_BUILD_TESTS "tests" ON)\noption(APP_BENCHMARKS "b" ON)\noption(APP_WITH_TLS "tls" ON)\nadd_executable(app main.c)\n',
      'main.c': C_MAIN,
    });
    const text = (await generate(dir)).files[0]!.content;
    expect(text).toContain('-DBUILD_TESTING=OFF -DAPP_BUILD_TESTS=OFF -DAPP_BENCHMARKS=OFF');
    expect(text).not.toContain('APP_WITH_TLS');
    const meson = project({
      'meson.build': "project('app', 'c')\nexecutable('app', 'main.c')\n",
      'meson_options.txt':
        "option('tests', type : 'boolean', value : true)\noption('docs', type: 'feature', value: 'auto')\noption('tls', type: 'boolean')\n",
      'main.c': C_MAIN,
    });
    expect((await generate(meson)).files[0]!.content).toContain(
      'meson setup /build --buildtype=release --default-library=static --prefer-static -Dtests=false -Ddocs=disabled -Dc_link_args',
    );
  });
});

describe('what real build files do', () => {
  test("a top Makefile that hands off to src/: the programs are src/Makefile's, made there", async () => {
    const dir = project({
      Makefile:
        'PRGDIR = programs\ndefault: all\nall:\n\t$(MAKE) -C $(PRGDIR) $@\ninstall:\n\tcd src && $(MAKE) install\n',
      'programs/Makefile': 'all: lz\nlz: lz.c\n\t$(CC) -o $@ lz.c\n',
      'programs/lz.c': C_MAIN,
      'src/Makefile': 'all: server\nserver: server.c\n\t$(CC) -o $@ server.c\n',
      'src/server.c': C_MAIN,
    });
    const g = await generate(dir, { entry: 'server' });
    expect(g.plan.name).toBe('server');
    expect(g.files[0]!.content).toMatch(
      /make -j"\$\(nproc\)" -C src CC=.* server \\\n && cp src\/server \/out\/server/,
    );
    expect((await generate(dir)).plan.name).toBe('lz');
  });
  test('autotools with libtool: no in-tree shared libraries, the installed program is copied', async () => {
    const dir = project({
      'configure.ac': 'AC_INIT([jq],[1])\nLT_INIT\nAC_OUTPUT\n',
      'Makefile.am': 'lib_LTLIBRARIES = libjq.la\nbin_PROGRAMS = jq\njq_LDADD = libjq.la\n',
      'main.c': C_MAIN,
    });
    const text = (await generate(dir)).files[0]!.content;
    expect(text).toContain("./configure --disable-shared CC='musl-gcc -static'");
    expect(text).toContain('make install DESTDIR=/tmp/install');
    expect(text).toMatch(
      /find \/tmp\/install -type f -name jq -perm -u\+x -exec cmp -s -n 4 \/tmp\/elf-magic \{\} \\; -print -quit\)/,
    );
  });
  test('CMake OUTPUT_NAME names the file; Meson executables in sub-folders are programs', () => {
    const r = resolve({
      'CMakeLists.txt':
        'project(c C)\nadd_executable(cmark_exe main.c)\nset_target_properties(cmark_exe PROPERTIES OUTPUT_NAME "cmark")\n',
      'main.c': C_MAIN,
    });
    expect(r.name).toBe('cmark');
    expect(
      resolve({ 'CMakeLists.txt': 'project(c C)\nadd_executable(cmark_exe main.c)\n', 'main.c': C_MAIN }, 'c', {
        entry: 'cmark_exe',
      }).name,
    ).toBe('cmark_exe');
    expect(
      resolve({
        'meson.build': "project('d', 'c')\nsubdir('tools')\n",
        'tools/meson.build': "executable('dav1d', 'main.c')\n",
        'main.c': C_MAIN,
      }).name,
    ).toBe('dav1d');
  });
  test('grammar and lexer sources bring bison and flex to the builder', async () => {
    const dir = project({
      'configure.ac': 'AC_INIT([t],[1])\nAC_PROG_YACC\n',
      'Makefile.am': 'bin_PROGRAMS = t\n',
      'main.c': C_MAIN,
      'cmd-parse.y': '%%\n',
    });
    expect((await generate(dir)).files[0]!.content).toContain('autoconf automake libtool bison flex');
  });
  test('an empty submodule the build uses stops the run with the fix; one it does not use is a warning', async () => {
    const files = {
      '.gitmodules':
        '[submodule "onig"]\n\tpath = modules/oniguruma\n\turl = x\n[submodule "docs"]\n\tpath = docs/theme\n',
      'configure.ac': 'AC_INIT([t],[1])\nAC_CONFIG_SUBDIRS([modules/oniguruma])\n',
      'Makefile.am': 'bin_PROGRAMS = t\n',
      'main.c': C_MAIN,
      'modules/oniguruma/.keep': '',
    };
    const dir = project(files);
    const { rmSync, mkdirSync } = await import('node:fs');
    rmSync(`${dir}/modules/oniguruma/.keep`);
    mkdirSync(`${dir}/docs/theme`, { recursive: true });
    await expect(generate(dir)).rejects.toMatchObject({
      code: 'E_MISSING',
      message: expect.stringContaining('modules/oniguruma (.gitmodules) is empty, and the build files use it'),
      hint: expect.stringContaining('git submodule update --init --recursive'),
    });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/modules/oniguruma/configure.ac`, 'x');
    expect((await generate(dir)).plan.warnings.join()).toContain('docs/theme (.gitmodules) is empty');
  });
  test('a library with no package is a warning in the summary and at the top of the Dockerfile', async () => {
    const g = await generate(
      project({ Makefile: 'app: main.c\n\t$(CC) -o app main.c -lfrobnicate\n', 'main.c': C_MAIN }),
    );
    expect(g.plan.warnings.join()).toContain('libfrobnicate');
    expect(g.files[0]!.content).toMatch(
      /^# WARNING: the build files name libfrobnicate, which no Debian package provides by that name/m,
    );
  });
});

describe('C: ports and what a server needs', () => {
  test.each([
    ['addr.sin_port = htons(6379);', 6379],
    ['#define DEFAULT_PORT 1883', 1883],
    ['#define MAX_CLIENTS 1024', undefined],
    ['#define MSG_UNSUPPORTED 26', undefined],
    ['#define SERVER_PORT_NUM 7000', 7000],
  ])('%s -> %s', (code, port) => {
    expect(resolve({ 'main.c': `${C_MAIN}${code}\n` }).port?.value).toBe(port);
  });
  test('a shipped config file names the port', () => {
    expect(resolve({ 'main.c': C_MAIN, 'server.conf': '# comment\nport 6380\n' }).port?.value).toBe(6380);
  });
  test('relative writes get a working directory the program owns', () => {
    expect(resolve({ 'main.c': `${C_MAIN}void s(void){ fopen("dump.rdb", "w"); }\n` }).needs.workdir).toContain(
      'fopen("dump.rdb"',
    );
    expect(
      resolve({ 'main.c': `${C_MAIN}void s(void){ fopen("/etc/x", "w"); fopen("in.txt", "r"); }\n` }).needs.workdir,
    ).toBeUndefined();
  });
});

describe('C++: the compiler from the standard asked for, and libstdc++ that the final image can load', () => {
  const cpp = (cmake: string) =>
    resolve(
      {
        'CMakeLists.txt': `project(app CXX)\nadd_executable(app main.cpp)\n${cmake}`,
        'main.cpp': 'int main() { return 0; }\n',
      },
      'cpp',
    );
  test('C++23 asks for gcc 14; C++20 is fine with the default gcc 12', () => {
    const r = cpp('target_compile_features(app PRIVATE cxx_std_23)\n');
    expect(r.version).toEqual({ value: '14', source: 'C++23 (cxx_std_23 in CMakeLists.txt) needs gcc 14 or newer' });
    expect(cpp('set(CMAKE_CXX_STANDARD 20)\n').version.value).toBe('12');
    expect(
      resolve(
        {
          Makefile: 'CXXFLAGS = -std=c++2b\napp: main.cpp\n\t$(CXX) $(CXXFLAGS) -o app main.cpp\n',
          'main.cpp': 'int main() {}\n',
        },
        'cpp',
      ).version.value,
    ).toBe('14');
  });
  test("a gcc newer than Debian's links libstdc++ in: no dynamic libstdc++ build is offered", () => {
    const r = cpp('set(CMAKE_CXX_STANDARD 23)\n');
    expect(r.strategies.map((s) => s.id)).toEqual(['glibc-static-libstdcxx', 'glibc-static']);
    expect(cpp('').strategies.map((s) => s.id)).toEqual(['glibc-dynamic', 'glibc-static-libstdcxx', 'glibc-static']);
  });
  test('the flag still decides', () => {
    expect(
      resolve(
        {
          'CMakeLists.txt': 'project(app CXX)\nadd_executable(app main.cpp)\nset(CMAKE_CXX_STANDARD 23)\n',
          'main.cpp': 'int main(){}\n',
        },
        'cpp',
        { langVersion: '13' },
      ).version,
    ).toEqual({ value: '13', source: '--lang-version' });
  });
});

describe('Autotools: conditionals and the program named like the package', () => {
  test("programs behind a Windows conditional are not programs; the one named like AC_INIT's package wins", () => {
    const r = resolve({
      'configure.ac': 'AC_INIT([tmux], [3.5])\n',
      'Makefile.am':
        'bin_PROGRAMS = helper\nif HAVE_UTF8PROC\nbin_PROGRAMS += tmux\nendif\nif OS_WIN32\nbin_PROGRAMS += tmux-win\nelse\nbin_PROGRAMS += tmux-linux-only\nendif\n',
      'main.c': C_MAIN,
    });
    expect(r.entries.map((e) => e.value)).toEqual(['helper', 'tmux', 'tmux-linux-only']);
    expect(r.name).toBe('tmux');
    expect(r.warnings.join()).not.toContain('Several programs');
  });
});

describe('more Makefile idioms', () => {
  test('`for dir in $(SUBDIRS); do $(MAKE) -C $$dir $@; done` hands off; target-specific variables are not prerequisites', async () => {
    const dir = project({
      Makefile: 'SUBDIRS = src\ndefault: all\n.DEFAULT:\n\tfor dir in $(SUBDIRS); do $(MAKE) -C $$dir $@; done\n',
      'src/Makefile': 'SERVER = kvd\nall: $(SERVER)\n$(SERVER): main.c\n\t$(CC) -o $@ main.c\n',
      'src/main.c': C_MAIN,
    });
    expect((await generate(dir)).files[0]!.content).toContain('-C src');
    expect(makeTargets('default: DEBUGFLAGS=\ndefault: tool\ntool: t.c\n\t$(CC) -o $@ t.c\n')).toEqual(['tool']);
  });
  test('a program named with --entry that the reader cannot see is made in the folder the Makefile hands off to', async () => {
    const dir = project({
      Makefile: 'default: all\n.DEFAULT:\n\tcd src && $(MAKE) $@\n',
      'src/Makefile': 'include config.mk\n',
      'src/main.c': C_MAIN,
    });
    const text = (await generate(dir, { entry: 'kvd' })).files[0]!.content;
    expect(text).toMatch(/make -j"\$\(nproc\)" -C src .* kvd \\\n && cp src\/kvd \/out\/kvd/);
  });
  test('nasm when the build looks for it', async () => {
    const dir = project({
      'meson.build': "project('d', 'c')\nnasm = find_program('nasm', required: true)\nexecutable('d', 'main.c')\n",
      'main.c': C_MAIN,
    });
    expect((await generate(dir)).files[0]!.content).toMatch(
      /install -y --no-install-recommends meson ninja-build nasm/,
    );
  });
});

describe('evidence from real C trees', () => {
  test("prose that mentions pkg-config names no library; vendored deps/ are not the program's evidence", () => {
    const r = resolve({
      'configure.ac':
        'AC_INIT([t],[1])\nAC_MSG_NOTICE([trying pkg-config first then the library])\nLIBS="$LIBS `pkg-config --libs libevent_core`"\n',
      'Makefile.am': 'bin_PROGRAMS = t\n',
      'main.c': C_MAIN,
      'deps/lua/Makefile': 'lua: lua.c\n\t$(CC) -o lua lua.c -lreadline\n',
      'deps/x/helper.cpp': 'int main(){}\n',
    });
    expect(r.strategies[0]!.requires).toEqual(['glibc', 'libevent_core']);
    expect(r.lang).toBe('c');
  });
  test('libevent_core maps to its own run-time package', async () => {
    const g = await generate(
      project({
        Makefile: 'app: main.c\n\t$(CC) -o app main.c $(shell pkg-config --libs libevent_core)\n',
        'main.c': C_MAIN,
      }),
      { runtime: 'slim' },
    );
    expect(g.plan.final.install).toEqual(['libevent-core-2.1-7']);
  });
  test('a shipped config file names the port before a literal in the code; clients and tests come after the server', () => {
    const r = resolve({
      Makefile: 'all: kv-cli kv-server\nkv-cli: a.c\n\t$(CC) -o $@ a.c\nkv-server: b.c\n\t$(CC) -o $@ b.c\n',
      'a.c': `${C_MAIN}int p = htons(10000);\n`,
      'b.c': 'int x;\n',
      'kv.conf': 'port 6379\n',
    });
    expect(r.port?.value).toBe(6379);
    expect(r.entries[0]!.value).toBe('kv-server');
  });
  test('a CMake build that may download at configure time says so in the Dockerfile', async () => {
    const g = await generate(
      project({
        'CMakeLists.txt':
          'project(a C)\ninclude(FetchContent)\nFetchContent_Declare(x URL http://203.0.113.1/x.tgz)\nadd_executable(a main.c)\n',
        'main.c': C_MAIN,
      }),
    );
    expect(g.files[0]!.content).toMatch(/^# WARNING: the CMake build can download code at configure time/m);
  });
});

test('libraries inside Make and Automake conditionals are options, not requirements', () => {
  const r = resolve({
    Makefile:
      'LIBS = -lm -lz\nifeq ($(uname_S),SunOS)\n  LIBS += -lsocket -lnsl\nendif\nifdef USE_SYSTEMD\n  LIBS += -lsystemd\nendif\napp: main.c\n\t$(CC) -o app main.c $(LIBS)\n',
    'main.c': C_MAIN,
  });
  expect(r.strategies[0]!.requires).toEqual(['glibc', 'libz']);
  expect(r.warnings).toEqual([]);
});

test('CMake linker flags and variables in target_link_libraries are no libraries (ccache links --coverage, -fsanitize=...)', () => {
  expect(
    cmakeLibs(
      'target_link_libraries(app PRIVATE --coverage -fsanitize=${SANITIZER} $<$<BOOL:x>:foo> ${EXTRA} -lz m)\n',
    ),
  ).toEqual(['z', 'm']);
});

test('the branch a plain make takes is kept: an else after option tests, and ifndef (nnn links readline and ncurses so)', () => {
  const make =
    'ifeq ($(strip $(O_NORL)),1)\n\tCPPFLAGS += -DNORL\nelse ifeq ($(strip $(O_STATIC)),1)\n\tLDLIBS += -lreadline -ltinfo\nelse\n\tLDLIBS += -lreadline\nendif\n' +
    'ifeq ($(shell pkg-config ncursesw && echo 1),1)\n\tLDLIBS_CURSES ?= $(shell pkg-config --libs ncursesw)\nelse\n\tLDLIBS_CURSES ?= -lncurses\nendif\n' +
    'ifndef NO_ZLIB\nLDLIBS += -lz\nelse\nLDLIBS += -lsqlite3\nendif\n' +
    'app: main.c\n\t$(CC) -o app main.c $(LDLIBS) $(LDLIBS_CURSES)\n';
  const r = resolve({ Makefile: make, 'main.c': C_MAIN });
  expect([...r.strategies[0]!.requires].sort()).toEqual(['glibc', 'libncursesw', 'libreadline', 'libz']);
});

test('CMake conditions over other systems, with OR and AND, name no library', () => {
  const text =
    'project(p C)\nadd_executable(app main.c)\nif(CMAKE_SYSTEM_NAME STREQUAL "OS400" OR CMAKE_SYSTEM_NAME STREQUAL "AIX")\n  target_link_libraries(app perfstat "-lperfstat2")\nendif()\nif(UNIX AND NOT APPLE)\n  target_link_libraries(app m)\nendif()\n';
  const r = resolve({ 'CMakeLists.txt': text, 'main.c': C_MAIN });
  expect(r.warnings).toEqual([]);
  expect(r.strategies.map((s) => s.id)).toContain('musl-static');
});

test('a program named with --entry is made in the handed-off folder whose Makefile names it', async () => {
  const dir = project({
    Makefile: 'default: all\nall:\n\t$(MAKE) -C lib $@\n\t$(MAKE) -C programs $@\n',
    'lib/Makefile': 'all: liblz.a\n',
    'programs/Makefile': 'lz4: lz4.c\n\t$(CC) -o $@ lz4.c\n',
    'programs/lz4.c': C_MAIN,
  });
  expect((await generate(dir, { entry: 'lz4' })).files[0]!.content).toContain('-C programs');
});

describe('C: build files and sources are hostile too', () => {
  test("a library named like an Object member (-lconstructor) is an unknown library, never a function's source", () => {
    const r = resolve({
      Makefile: 'app: main.c\n\t$(CC) -o app main.c -lconstructor -l__proto__ -ltoString\n',
      'main.c': C_MAIN,
    });
    expect(r.strategies.flatMap((st) => st.requires).join(' ')).not.toContain('function');
    expect((r.own as { unknownLibs: string[] }).unknownLibs).toEqual(['constructor', '__proto__', 'toString']);
  });

  test('conditionals keep their meaning: if !FOO and if ! FOO in Makefile.am, nested if() in CMake, ifndef/else in Make', () => {
    expect(
      automakePrograms(
        'if !OS_WIN32\nbin_PROGRAMS = a\nendif\nif ! OS_WIN32\nbin_PROGRAMS += b\nendif\nif OS_WIN32\nbin_PROGRAMS += w\nelse\nbin_PROGRAMS += c\nendif\nif   \t-\nbin_PROGRAMS += d\n',
      ),
    ).toEqual(['a', 'b', 'c', 'd']);
    const cmds = linuxCommands(
      cmakeCommands(
        'if(WIN32)\nif(UNIX)\nset(A w)\nendif()\nelseif(UNIX)\nset(A u)\nelse()\nset(A x)\nendif()\nset(B b)\n',
      ),
    );
    expect(cmds.map((c) => c.args.join(' '))).toEqual(['A u', 'B b']);
    expect(
      withoutComments('Makefile', 'ifdef A\nx\nelse ifndef B\ny\nelse\nz\nendif\nw\n').split('\n').filter(Boolean),
    ).toEqual(['y', 'w']);
  });

  test('a variable that doubles at each line (A := $(A)$(A), set(A ${A}${A})) is capped, not grown until memory runs out', () => {
    const make = `A := x\n${'A := $(A)$(A)\n'.repeat(100)}app: main.c\n\t$(CC) -o app main.c\n`;
    expect(makeTargets(make)).toEqual(['app']);
    expect(
      cmakeTargets([`project(p)\nset(A x)\n${'set(A ${A}${A})\n'.repeat(100)}add_executable(app main.c)\n`]),
    ).toEqual(['app']);
  });

  test("a path that starts with - is never an option: ./-x in make -C, cp and the compiler's arguments", async () => {
    const single = await generate(project({ '-x.c': 'int helper(void) { return 1; }\n', 'main.c': C_MAIN }));
    expect(single.files[0]!.content).toMatch(/-o \/out\/\S+ \.\/-x\.c main\.c/);
    const r = resolve(
      {
        Makefile: 'all:\n\t$(MAKE) -C -src\n',
        '-src/Makefile': 'app: main.c\n\t$(CC) -o app main.c\n',
        '-src/main.c': C_MAIN,
      },
      'c',
      { entry: 'app' },
    );
    const steps = (cFamily.build(r, r.strategies[0]!).vars as { steps: string[] }).steps.join('\n');
    expect(steps).toContain('make -j"$(nproc)" -C ./-src ');
    expect(steps).toContain('cp ./-src/app /out/app');
  });

  test('a Makefile that hands the build to hundreds of folders: the first 200 are read, and the user is told', () => {
    const dirs = Array.from({ length: 250 }, (_, i) => `d${i}`);
    const r = resolve({
      Makefile: `all:\n${dirs.map((d) => `\t$(MAKE) -C ${d}\n`).join('')}`,
      'd0/Makefile': 'app: main.c\n\t$(CC) -o app main.c\n',
      'd0/main.c': C_MAIN,
    });
    expect(r.name).toBe('app');
    expect(r.warnings.join('\n')).toContain(
      'Makefile runs make in 250 folders: only the first 200 were read for programs',
    );
  });

  test('CMake arguments: plain runs, brackets, quotes, escapes and comments inside a command', () => {
    expect(cmakeCommands('add_executable(a[1] "b c" [[d e]] f\\ g#h\n i)').map((c) => c.args)).toEqual([
      ['a[1]', 'b c', 'd e', 'f g', 'i'],
    ]);
  });

  test('keep: the build files read, the folder a Makefile hands the build to, single-file sources', () => {
    expect(
      resolve({
        'CMakeLists.txt': 'project(app C)\nadd_subdirectory(src)\n',
        'src/CMakeLists.txt': 'add_executable(app main.c)\n',
        'src/main.c': C_MAIN,
        'tests/CMakeLists.txt': '',
      }).keep!.sort(),
    ).toEqual(['CMakeLists.txt', 'src/CMakeLists.txt']);
    expect(
      resolve(
        {
          Makefile: 'all:\n\t$(MAKE) -C build\n',
          'build/Makefile': 'app: main.c\n\t$(CC) -o app main.c\n',
          'build/main.c': C_MAIN,
        },
        'c',
        { entry: 'app' },
      ).keep!.sort(),
    ).toEqual(['Makefile', 'build']);
    expect(resolve({ 'main.c': C_MAIN, 'util.c': 'int u(void) { return 0; }\n' }).keep!.sort()).toEqual([
      'main.c',
      'util.c',
    ]);
  });
});

describe('names the build files make from variables', () => {
  test('a program named by a variable ($(NAME), ${MAIN_NAME}) is not offered; the plain ones are', () => {
    const r = cFamily.resolve(
      scanProject(
        project({
          Makefile: 'all: ${MAIN_NAME} tool\n${MAIN_NAME}: main.o\n\t$(CC) -o $@ $^\ntool: tool.o\n\t$(CC) -o $@ $^\n',
          'main.c': C_MAIN,
          'tool.c': C_MAIN,
        }),
      ),
      'c',
      {},
    );
    expect(r.entries.map((e) => e.label)).toEqual(['tool']);
    expect(r.name).toBe('tool');
  });
});

describe('translations', () => {
  test('GNU gettext in configure.ac brings autopoint (autoreconf runs it) and gettext (msgfmt) into the builder', async () => {
    const files = {
      'configure.ac': 'AC_INIT([tool], [1.0])\nAM_INIT_AUTOMAKE\nAM_GNU_GETTEXT([external])\nAC_PROG_CC\nAC_OUTPUT\n',
      'Makefile.am': 'bin_PROGRAMS = tool\ntool_SOURCES = main.c\n',
      'main.c': C_MAIN,
    };
    const text = (await generate(project(files), { runtime: 'slim' })).files[0]!.content;
    expect(text).toMatch(/apt-get install -y --no-install-recommends [^\n]*\bautopoint gettext\b/);
  });
});

describe('Makefiles that put the program elsewhere', () => {
  const dockerfile = async (files: Record<string, string>) =>
    (await generate(project(files))).files.find((f) => f.name === 'Dockerfile')!.content;

  test('a sub-make that writes ../bin/<name>: the top default goal builds it, the path is copied', async () => {
    const text = await dockerfile({
      Makefile: 'all:\n\t@$(MAKE) -C src all\n',
      'src/Makefile':
        'CLIENT = ../bin/tun\nSERVER = ../bin/tund\nall: stateos $(CLIENT) $(SERVER)\nstateos:\n\t@echo OS\n$(CLIENT): a.o\n\t$(CC) a.o -o $(CLIENT)\n$(SERVER): b.o\n\t$(CC) b.o -o $(SERVER)\n',
      'src/a.c': C_MAIN,
    });
    expect(text).toMatch(/&& make -j"\$\(nproc\)" CC='musl-gcc -static' \\\n && cp bin\/tun \/out\/tun/);
  });

  test('a phony default goal whose recipe links with -o: that file is the program', () => {
    expect(
      makeTargets(
        'BIN=bin/\nNAME=tool\n.PHONY: bin clean\nbin:\n\tmkdir -p ${BIN}\n\t${CC} src/*.c -o ${BIN}${NAME}\nclean:\n\trm -rf bin\n',
      ),
    ).toEqual(['bin/tool']);
    // An object file or a variable left unexpanded is no program.
    expect(makeTargets('.PHONY: all\nall:\n\t$(CC) -c x.c -o x.o\n\t$(CC) x.o -o $@\n')).toEqual([]);
    // Only a compiler's or linker's -o: install -o root and curl -o name no program; paths are made plain.
    expect(
      makeTargets('.PHONY: all\nall:\n\tcurl -L -o dl.tar.gz https://x\n\tinstall -m 755 -o root app /usr/bin\n'),
    ).toEqual([]);
    expect(makeTargets('.PHONY: all\nall:\n\tgcc main.c -o ./bin/../bin/app\n')).toEqual(['bin/app']);
  });

  test('special targets (.PHONY, .c.o) stay out; ./ and ../ paths are programs', () => {
    expect(makeTargets('all: ./app\n./app: a.c\n\t$(CC) -o $@ a.c\n.c.o:\n\t$(CC) -c $<\n')).toEqual(['./app']);
  });
});

test('CMake builds with as many jobs as there are cores, never an unbounded make -j', async () => {
  const g = await generate(
    project({ 'CMakeLists.txt': 'project(app C)\nadd_executable(app main.c)\n', 'main.c': C_MAIN }),
  );
  const text = g.files.find((f) => f.name === 'Dockerfile')!.content;
  expect(text).toContain('cmake --build /build --parallel "$(nproc)"');
  expect(text).not.toMatch(/--parallel\s*(?:\\|$)/m);
});

test('with no build system, a main() under tests/ or a configure check folder is not the program', () => {
  const r = resolve({
    'src/server.c': C_MAIN,
    'make/test/clock_gettime.c': C_MAIN,
    'tests/unit.c': C_MAIN,
  });
  expect(r.entries.map((e) => e.value)).toEqual(['src/server.c']);
});
