import fc from 'fast-check';
import type { LangId } from '../../src/index.js';
import {
  calm,
  common,
  tc,
  tomlBasic,
  fileSet,
  hostile,
  json,
  lines,
  list,
  longRun,
  maybe,
  merge,
  mostly,
  named,
  one,
  options,
  project,
  q,
  seg,
  seq,
  t,
  tarr,
  tdict,
  tkey,
  ts,
  ttable,
  v,
  xmlText,
  type Case,
} from './pool.js';

/**
 * Whole small projects per language, made of the structures each reader understands (see
 * src/lang/<lang>.ts), with values from the pool in ./pool.ts. Each project is a few files, so
 * that a case runs in milliseconds.
 */
type A<T> = fc.Arbitrary<T>;

// ---------------------------------------------------------------- Go

const GO_MODULES = [
  'example.com/app',
  'github.com/acme/app/v2',
  'app',
  'github.com/mattn/go-sqlite3',
  'golang.org/x/term',
  'github.com/charmbracelet/bubbletea',
  'google.golang.org/grpc',
  'example.com/app/internal/x',
];
const GO_VERSIONS = ['1.22', '1.22.3', '1.21rc2', 'go1.22.3', '1.13', '1.99', '2.0', '1.022', '1.4', 'latest'];
const GO_IMPORTS = [
  'fmt',
  'net/http',
  'net',
  'crypto/tls',
  'os/user',
  'time/tzdata',
  'C',
  'embed',
  'flag',
  'os',
  'time',
  'net/url',
  'example.com/app/internal/x',
  'example.com/app',
  'github.com/mattn/go-sqlite3',
  'golang.org/x/term',
  'google.golang.org/grpc/x',
];
const goMod = lines(
  [
    t`module ${v(...GO_MODULES)}`,
    t`module ${q(v(...GO_MODULES))}`,
    t`go ${v(...GO_VERSIONS)}`,
    t`toolchain ${v('go1.22.3', 'go1.21.0', 'default', 'go2')}`,
    t`require ${v(...GO_MODULES)} ${v('v1.0.0', 'v0.0.0-2020')}`,
    t`require (\n\t${v(...GO_MODULES)} v1.2.3\n\t${v(...GO_MODULES)} v1.0.0 // indirect\n)`,
    t`replace ${v(...GO_MODULES)} => ${v('./local', '../outside', '/abs', 'example.com/x v1.0.0', './')}`,
    t`replace (\n\t${v('a.org/b')} => ${v('./b', '../c')}\n)`,
    t`// ${hostile}`,
    t`exclude ${v('example.com/x')} v1.0.0`,
    t`retract ${v('v1.0.0', '[v1.0.0, v1.1.0]')}`,
    'require (',
    ')',
    'replace (',
    hostile,
  ],
  8,
);
const goWork = lines(
  [t`go ${v(...GO_VERSIONS)}`, t`use ${v('./a', '.', '../x')}`, t`use (\n\t${v('./a', './cmd', '/abs')}\n)`, hostile],
  5,
);
const goBuildLine = t`//go:build ${v('linux', 'windows', '!windows', 'linux && amd64', 'ignore', 'cgo', '!cgo', '(linux || darwin) && !386', 'go1.21', '(((', 'a &&', '!!!!linux')}\n\n`;
const goPlusBuild = t`// +build ${v('linux', 'windows', '!windows linux,amd64', 'ignore')}\n\n`;
const goImports = fc.oneof(
  t`import ${q(v(...GO_IMPORTS), ['"', '`'])}\n`,
  t`import (\n\t${q(v(...GO_IMPORTS))}\n\t${v('_', '.', 'x', '')} ${q(v(...GO_IMPORTS), ['"', '`'])}\n\t// ${hostile}\n)\n`,
  t`import ${v('_', 'f', '.')} ${q(v(...GO_IMPORTS))}; import ${q(v(...GO_IMPORTS))}\n`,
);
const goBody = lines(
  [
    t`func main() { _ = http.ListenAndServe(${q(v(':8080', '0.0.0.0:3000', ':0', 'localhost:99999', ''))}, nil) }`,
    t`var port = flag.Int(${q(v('port', 'http-port', 'addr', 'x'))}, ${v('8080', '0', '65536', '0x1F')}, "port")`,
    t`func init() { flag.StringVar(&addr, ${q(v('addr', 'listen'))}, ${q(v(':8080', '[::]:9000'))}, "listen") }`,
    t`p := os.Getenv("PORT")${fc.oneof(v('\n', ' '), longRun)}if p == "" { p = ${q(v('8080'))} }`,
    t`const ${v('defaultPort', 'DefaultAddr', 'port', 'X')} = ${v('8080', '":9090"', '"x"')}`,
    t`addr := getEnv(${q(v('PORT', 'LISTEN_ADDR'))}, ${q(v(':8080'))})`,
    t`//go:embed ${v('static/*', 'static', 'all:static', 'static/index.html', '"static/index.html"', '`static`', 'static/*.html', 'static/?ndex.html', 'static/[a-z]*', 'lib', 'templates', '*.txt', '../x', '/etc', 'static/[', 'a/**/b')}\nvar files embed.FS`,
    t`func save() { os.MkdirAll(${q(v('data', '/var/x', './cache'))}, 0o755) }`,
    'var loc, _ = time.LoadLocation("Europe/Paris")',
    'var d = os.TempDir()',
    'func main() {}',
    t`srv := &http.Server{Addr: ${q(v(':8080'))}}`,
    t`ln, _ := net.Listen(${q(v('tcp', 'tcp4'))}, ${q(v(':7000'))})`,
    t`/* ${hostile}`,
    t`var s = ${q(hostile, ['"', '`'])}`,
    hostile,
  ],
  6,
);
const goFile = (pkg: A<string>) =>
  t`${maybe(fc.oneof(goBuildLine, goPlusBuild), 1)}${maybe(t`// ${hostile}\n`, 1)}package ${pkg}\n\n${maybe(goImports, 4)}${maybe(goImports, 1)}\n${goBody}\n`;
const goPkg = fc.oneof(
  { weight: 4, arbitrary: fc.constant('main') },
  { weight: 1, arbitrary: v('main', 'lib', 'main // x', 'x_test', '') },
);

export const goProject: A<Case> = project(
  merge(
    fileSet(
      {
        'go.mod': goMod,
        'go.sum': fc.constant(''),
        'go.work': goWork,
        '.go-version': v(...GO_VERSIONS),
        'main.go': goFile(goPkg),
        'x_windows.go': goFile(goPkg),
        'internal/x/x.go': goFile(v('x', 'main')),
        'examples/demo/main.go': goFile(fc.constant('main')),
        'vendor/modules.txt': lines(
          [t`# ${v(...GO_MODULES)} v1.0.0`, '## explicit', t`${v(...GO_MODULES)}`, hostile],
          4,
        ),
        'static/index.html': fc.constant('<p>hi</p>'),
        'templates/a.txt': fc.constant(''),
        'lib/x.txt': fc.constant(''),
        'sub/go.mod': goMod,
        'sub/main.go': goFile(fc.constant('main')),
      },
      ['main.go', 'static/index.html', 'templates/a.txt'],
    ),
    named(t`cmd/${seg('api', 'server', 'tool', 'gen', 'app-ctl', 'worker')}/main.go`, goFile(v('main'))),
    named(t`${seg('a', 'b_linux', 'c_arm64', '_x', '.y', 'z_linux_amd64', 'w_windows_amd64')}.go`, goFile(goPkg)),
    common(['app', 'api', 'server'], ['golang', 'go'], GO_VERSIONS),
  ),
  options(
    'go',
    ['.', './cmd/api', 'cmd/server', 'api', 'server', 'tool', 'app', 'cmd/api/'],
    ['1.22', '1.22.3', '1.4', '1.99', 'go1.21'],
  ),
);

// ---------------------------------------------------------------- C and C++

const C_NAMES = ['app', 'server', 'tool', 'main', 'prog', 'test_app', 'bench', 'app-cli', 'my.prog', 'a+b'];
const C_LIBS = [
  'm',
  'ssl',
  'crypto',
  'z',
  'curl',
  'pthread',
  'sqlite3',
  'ncursesw',
  'readline',
  'stdc++',
  'gcc_s',
  'uv',
  'pq',
  'unknownlib',
  'constructor',
  'toString',
  '__proto__',
];
const PKGS = ['openssl', 'libcurl', 'zlib', 'sqlite3', 'libpq', 'x11', 'constructor'];
const cmakeNoise = lines(
  [
    t`add_executable(${v('x')} IMPORTED)`,
    t`add_executable(alias ALIAS ${v('app')})`,
    t`add_library(${v('core', 'app', 'z')} ${v('STATIC', 'SHARED', '')} lib.c)`,
    t`target_link_libraries(${v(...C_NAMES)} ${v('PRIVATE', 'PUBLIC', '')} ${v(...C_LIBS, 'OpenSSL::SSL', 'ZLIB::ZLIB', '-lm', '${LIBS}', '$<TARGET:x>', '--coverage')})`,
    t`option(${v('BUILD_TESTS', 'FOO_BUILD_EXAMPLES', 'WITH_SSL', 'BUILD_TESTING', 'ENABLE_DOCS')} ${q(hostile, ['"'])} ${v('ON', 'OFF')})`,
    t`find_package(${v('OpenSSL', 'ZLIB', 'CURL', 'Threads', 'Boost', 'GTest', 'SQLite3')} ${v('REQUIRED', '')})`,
    t`if(${v('WIN32', 'UNIX', 'APPLE', 'NOT WIN32', 'BUILD_TESTING', 'CMAKE_SYSTEM_NAME STREQUAL Linux', '${CMAKE_SYSTEM_NAME} MATCHES Linux', 'A OR B', 'WIN32 OR APPLE', 'A AND WIN32', 'MSVC', '')})`,
    t`elseif(${v('APPLE', 'LINUX')})`,
    'else()',
    'endif()',
    t`set(${v('NAME', 'PROJECT_NAME', 'SRC')} ${v('app', 'main.c', '${NAME}', '${PROJECT_NAME}-x')})`,
    t`set_target_properties(${v(...C_NAMES)} PROPERTIES OUTPUT_NAME ${v(...C_NAMES)}${maybe(' LINKER_LANGUAGE C')})`,
    t`set_property(TARGET ${v(...C_NAMES)} PROPERTY OUTPUT_NAME ${v(...C_NAMES)})`,
    t`set(CMAKE_CXX_STANDARD ${v('17', '20', '23', '11', '99')})`,
    t`target_compile_features(${v('app')} PRIVATE cxx_std_${v('17', '20', '2b')})`,
    t`add_compile_options(-std=${v('c++17', 'gnu++2a', 'c++2c')})`,
    t`#[[ ${hostile} ]]`,
    t`#[=[ ${hostile} ]=]`,
    t`message([==[ ${hostile} ]==])`,
    t`# ${hostile}`,
    t`FetchContent_Declare(${v('json')})`,
    t`find_program(${v('NASM')} ${v('nasm', 'yasm', 're2c')})`,
    'enable_language(ASM_NASM)',
    t`add_executable(${v('app')} "${hostile}")`,
    t`add_subdirectory(${v('src', 'tests')})`,
    '(',
    ')',
    '"',
    hostile,
  ],
  6,
);
const cmake = (
  srcs: string[],
) => t`${maybe(t`cmake_minimum_required(VERSION ${v('3.10', '3.5...3.28')})\n`, 3)}${maybe(fc.oneof(t`project(${v(...C_NAMES)} ${v('C', 'CXX', 'LANGUAGES C CXX', 'VERSION 1.0')})\n`, t`project(${q(v(...C_NAMES), ['"'])})\n`), 3)}${cmakeNoise}
${maybe(t`add_executable(${v(...C_NAMES, '${PROJECT_NAME}', '${NAME}')} ${v(...srcs)}${maybe(t` ${v(...srcs, 'tests/t.c', 'examples/e.c')}`)})\n`, 4)}${cmakeNoise}\n`;
const makeNoise = lines(
  [
    t`\t$(${v('CC', 'CXX')}) -o $@ $^ ${v('-lm', '-lssl -lcrypto', '-lz', '-lcurl', '-l', '$(LDLIBS)', '`pkg-config --libs openssl`')}`,
    t`${v('BIN', 'CC', 'LDLIBS', 'SUBDIRS', 'OBJ', 'PRGDIR')} ${v('=', ':=', '+=', '?=', '!=', '::=')} ${v('app', 'gcc', '-lm -lz', 'src lib', 'main.o', '$(BIN)', '$(shell pkg-config --libs libcurl)')}`,
    t`ifeq ($(${v('O_NORL', 'uname_S', 'DEBUG')}),${v('1', 'Linux', 'SunOS')})`,
    t`ifneq (${v('x')},)`,
    t`ifdef ${v('WITH_SSL')}`,
    t`ifndef ${v('NO_SSL')}`,
    'else',
    t`else ${v('ifeq (a,b)', 'ifndef X', 'ifdef Y')}`,
    'endif',
    t`.PHONY: ${v('all', 'clean', 'app')}`,
    t`\t$(MAKE) ${v('-C ', '--directory=', '-j4 -C ')}${v('src', 'lib', '$(SUBDIR)', '..', '/abs', '$$d', 'a;b')}`,
    t`\tcd ${v('src', '$(PRGDIR)')} && $(MAKE)`,
    t`\tfor d in $(${v('SUBDIRS')}); do $(MAKE) -C $$d $@; done`,
    t`LDLIBS = -l${v(...C_LIBS)}`,
    t`# ${hostile}`,
    t`override ${v('X')} = ${v('y')}`,
    t`export ${v('X')} := ${v('y')}`,
    '%.o: %.c',
    t`${v('app')}: VAR = ${v('value')}`,
    t`${v('app')}: ${v('main.c')} ; $(CC) -o $@ $^`,
    t`\tgcc -o ${v('app')} ${v('main.c')} $(shell pkg-config --cflags --libs ${v(...PKGS)})`,
    '\t',
    hostile,
    t`${v(...C_NAMES, 'all', '$(BIN)', '.PHONY', 'default', '%.o', 'install', 'a b')}: ${v('app', 'main.o', 'src', '$(OBJ)', '')}`,
  ],
  6,
);
const makefile = (srcs: string[]) => t`${makeNoise}
${maybe(t`${v(...C_NAMES, 'all', '$(BIN)', 'default')}: ${v(...srcs, 'app', 'main.o', '$(OBJ)', '')}\n\t${v('$(CC) -o $@ $^ -lm', 'gcc -o app main.c', '$(CXX) -o $@ $^', '$(MAKE) -C src', 'cd src && $(MAKE)')}\n`, 4)}${makeNoise}\n`;
const meson = t`${maybe(t`project(${q(v(...C_NAMES), ["'"])}, ${q(v('c', 'cpp'), ["'"])}${maybe(t`, default_options: [${q(v('cpp_std=c++17', 'cpp_std=c++2a', 'c_std=c11'), ["'"])}]`)})\n`, 4)}${lines(
  [
    t`executable(\n  ${q(v(...C_NAMES), ["'"])},\n  'main.c')`,
    t`${v('', 'static_', 'shared_', 'both_')}library(${q(v('core', 'app'), ["'"])}, 'lib.c')`,
    t`dep = dependency(${q(v(...PKGS), ["'"])})`,
    t`subdir(${q(v('src'), ["'"])})`,
    t`# ${hostile}`,
    hostile,
  ],
  4,
)}
${maybe(t`executable(${q(v(...C_NAMES), ["'"])}, ${q(v('main.c', 'src/main.c', 'main.cpp'), ["'"])}${maybe(t`, dependencies: dependency(${q(v(...PKGS, 'threads'), ["'"])})`)}, install: true)\n`, 4)}`;
const mesonOptions = lines(
  [
    t`option(${q(v('tests', 'docs', 'examples', 'x', 'build_tests'), ["'"])}, type : ${q(v('boolean', 'feature', 'string', 'combo'), ["'"])}, value : ${v('true', "'auto'")})`,
    hostile,
  ],
  4,
);
const configureAc = t`${maybe(t`AC_INIT([${v(...C_NAMES)}], [${v('1.0')}])\n`, 4)}${lines(
  [
    'AM_INIT_AUTOMAKE([foreign])',
    'AC_PROG_CC',
    'AC_PROG_CXX',
    t`AC_CHECK_LIB([${v(...C_LIBS)}], [${v('f')}])`,
    t`PKG_CHECK_MODULES([${v('X')}], [${v(...PKGS)} >= 1.0])`,
    t`${v('LT_INIT', 'AC_PROG_LIBTOOL')}`,
    t`dnl ${hostile}`,
    t`# ${hostile}`,
    t`AX_CXX_COMPILE_STDCXX([${v('17', '11', '2a')}])`,
    t`AC_CHECK_PROGS([NASM], [${v('nasm', 'yasm')}])`,
    'AC_CONFIG_FILES([Makefile])',
    'AC_OUTPUT',
    hostile,
  ],
  8,
)}\n`;
const makefileAm = t`${lines(
  [
    t`if ${v('OS_WIN32', 'HAVE_X', '!DARWIN', 'WINDOWS', '! OS_WIN32')}`,
    'else',
    'endif',
    t`${v('lib', 'noinst', 'pkglib')}_${v('LT', '')}LIBRARIES = lib${v('core', 'app')}.${v('la', 'a')}`,
    t`${v('app')}_SOURCES = ${v('main.c')} \\\n\t${v('util.c')}`,
    t`${v('app')}_LDADD = -l${v(...C_LIBS)}`,
    t`# ${hostile}`,
    hostile,
    t`${v('bin_PROGRAMS', 'sbin_PROGRAMS', 'noinst_PROGRAMS', 'check_PROGRAMS')} ${v('=', '+=')} ${list(v(...C_NAMES, '$(EXTRA)'), ' ', 3, 1)}`,
  ],
  5,
)}\n${maybe(t`bin_PROGRAMS = ${list(v(...C_NAMES), ' ', 2, 1)}\n`, 4)}`;
const cSource = (main: boolean) =>
  t`${lines(
    [
      t`#include ${v('<stdio.h>', '<openssl/ssl.h>', '"curl/curl.h"', '<gnutls/gnutls.h>', '<mbedtls/ssl.h>', '<netdb.h>', '"local.h"')}`,
      t`#define ${v('PORT', 'DEFAULT_PORT', 'SERVER_PORTNO', 'X', 'PORT_NUMBER', 'SUPPORT')} ${v('8080', '80', 'abc', '99999', '7')}`,
      t`addr.sin_port = htons(${v('8080', 'port', '0', ' 443 ')});`,
      t`FILE *f = fopen(${q(v('data/x.db', '/etc/x', 'log.txt', '.x'))}, ${q(v('w', 'r', 'a', 'wb'))});`,
      t`mkdir(${q(v('cache', '/tmp/x'))}, 0755);`,
      t`getaddrinfo(${v('host')}, 0, 0, 0);`,
      'struct passwd *p = getpwnam("x");',
      t`/* ${hostile} */`,
      t`// ${hostile}`,
      t`const char *s = ${q(hostile, ['"'])};`,
      hostile,
    ],
    5,
  )}\n${main ? v('int main(void) { return 0; }', 'int main(int argc, char **argv) { puts("hi"); }', 'int\nmain(void)\n{\n  return 0;\n}', 'main() { }') : ''}\n`;
const cFiles = (ext: string[], lang: LangId): A<Record<string, string>> =>
  merge(
    fileSet({
      'CMakeLists.txt': cmake(ext.map((e) => `main${e}`).concat(['src/main.c'])),
      'src/CMakeLists.txt': cmake(['main.c']),
      Makefile: makefile(ext.map((e) => `main${e}`)),
      'src/Makefile': makefile(['main.c']),
      GNUmakefile: makefile(['main.c']),
      'meson.build': meson,
      'meson_options.txt': mesonOptions,
      'configure.ac': configureAc,
      'Makefile.am': makefileAm,
      'src/Makefile.am': makefileAm,
      configure: fc.constant('#!/bin/sh\n'),
      'tests/CMakeLists.txt': cmake(['t.c']),
      'server.conf': lines([t`port ${v('8080', 'x', '0')}`, t`listener ${v('1883', 'x')}`, hostile], 3),
      'parser.y': fc.constant('%%\n'),
      'x.asm': fc.constant(''),
      'local.h': fc.constant(''),
      'cmake/x.cmake': cmake(['x.c']),
    }),
    // Mostly one build system, as real projects have.
    fc.constantFrom('cmake', 'make', 'meson', 'autotools', 'single', 'any').map((k) => ({ k })),
    named(t`${seg('main', 'app', 'server', 'util', 'src/x')}${one(...ext)}`, cSource(true), 2),
    named(
      t`${one('', 'src/', 'tests/', 'examples/', 'win32/')}${seg('util', 'lib', 'a')}${one(...ext, '.c', '.h')}`,
      cSource(false),
      2,
    ),
    common(C_NAMES, ['gcc'], ['12', '14', '14.1', '12.2.0', '4', '13']),
  ).map((all) => {
    const { k, ...f } = all as Record<string, string>;
    const keep: Record<string, RegExp> = {
      cmake: /CMakeLists|\.cmake$/,
      make: /akefile$/,
      meson: /^meson/,
      autotools: /configure|Makefile\.am/,
      single: /^$/,
    };
    const systems = /CMakeLists|\.cmake$|akefile|^meson|configure|Makefile\.am/;
    const files =
      k === 'any' ? f : Object.fromEntries(Object.entries(f).filter(([p]) => !systems.test(p) || keep[k!]!.test(p)));
    return Object.keys(files).some((p) => ext.some((e) => p.endsWith(e)))
      ? files
      : {
          ...files,
          [`main${ext[0]}`]: lang === 'cpp' ? 'int main() { return 0; }\n' : 'int main(void) { return 0; }\n',
        };
  });

const cOptions = (lang: LangId) =>
  options(lang, [...C_NAMES, 'src/app', 'main.c', 'src/main.c'], ['12', '14', '4', '12.2.0', '99', '13.1']);
export const cProject: A<Case> = project(cFiles(['.c'], 'c'), cOptions('c'));
export const cppProject: A<Case> = project(cFiles(['.cpp', '.cc', '.cxx'], 'cpp'), cOptions('cpp'));

// ---------------------------------------------------------------- Rust

const RS_NAMES = ['app', 'server', 'cli', 'xtask', 'my-app', 'app_2', 'constructor', '__proto__', 'toString'];
const CRATE_NAMES = [
  'openssl-sys',
  'libsqlite3-sys',
  'ring',
  'rocket',
  'axum',
  'webpki-roots',
  'native-tls',
  'openssl-src',
  'libz-sys',
  'aws-lc-sys',
  'rustls-native-certs',
  'hyper',
  'serde',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
];
const RS_PATHS = [
  'src/main.rs',
  'src/bin/x.rs',
  'src/bin/x/main.rs',
  '../x.rs',
  '/abs.rs',
  'src/a b.rs',
  './src/main.rs',
];
const binTable = ttable(
  'bin',
  { name: tc(...RS_NAMES), path: tc(...RS_PATHS), 'required-features': tarr(ts('full', 'tls')) },
  true,
);
const cargoToml = (self: string) =>
  mostly(
    t`${maybe(
      ttable(
        'package',
        {
          name: tc(...RS_NAMES),
          version: fc.constant('"0.1.0"'),
          edition: fc.constant('"2021"'),
          'rust-version': fc.oneof(ts('1.70', '1.80.1', '1.999', 'x'), fc.constant('{ workspace = true }')),
          'default-run': tc(...RS_NAMES),
          build: fc.oneof(tc('build.rs', 'gen/build.rs', '../x.rs'), one('false', 'true')),
          autobins: one('false', 'true', '"no"'),
        },
        false,
        ['name'],
      ),
      6,
    )}${list(binTable, '', 2)}${maybe(ttable('lib', { path: tc('src/lib.rs', 'lib/x.rs') }))}${list(
      fc
        .tuple(one('example', 'test', 'bench'), tc('examples/x.rs', 'tests/t.rs', 'benches/b.rs', '../../etc/x'))
        .map(([k, p]) => `[[${k}]]\nname = "x"\npath = ${p}\n\n`),
      '',
      2,
    )}${maybe(
      ttable('workspace', {
        members: tarr(tc('crates/*', 'app', 'a', 'b', 'crates/a', 'crates/*/', 'crates/**', 'x/[ab]'), 2),
        exclude: tarr(ts('crates/b', 'x')),
        'default-members': tarr(ts('app', 'crates/a')),
      }),
    )}${maybe(ttable('workspace.package', { 'rust-version': ts('1.75', 'x') }))}${fc
      .uniqueArray(
        fc.tuple(
          one('dependencies', 'dev-dependencies', 'build-dependencies'),
          tdict(
            'DEPS',
            tkey(v(...CRATE_NAMES)),
            fc.oneof(
              t`{ path = ${tc('../a', '../b', 'crates/a', 'app', '.', self, 'crates/c')} }`,
              ts('1'),
              t`{ version = "1", features = ${tarr(ts('x'))} }`,
              t`{ path = ${tc('crates/a')}, optional = true }`,
            ),
            3,
          ),
        ),
        { maxLength: 2, selector: ([h]) => h },
      )
      .map((xs) => xs.map(([h, d]) => d.replace('[DEPS]', `[${h}]`)).join(''))}${maybe(t`# ${hostile}\n`)}`,
  );
const cargoLock = mostly(
  t`version = ${one('3', '4', '"x"')}\n\n${list(ttable('package', { name: ts(...CRATE_NAMES), version: fc.constant('"1.0.0"'), dependencies: tarr(ts(...CRATE_NAMES.map((c) => `${c} 1.0.0`), 'serde')) }, true), '', 5)}`,
);
const rustMain = t`${lines(
  [
    t`let l = TcpListener::bind(${q(v('0.0.0.0:8080', '[::]:3000', ':x'), ['"'])}).await?;`,
    t`HttpServer::new(f).bind((${q(v('0.0.0.0'), ['"'])}, ${v('8080', 'x')}))?`,
    t`let addr = SocketAddr::from(([${v('0, 0, 0, 0', '127,0,0,1')}], ${v('3000', '99999')}));`,
    t`let a: SocketAddr = ${q(v('0.0.0.0:8000'), ['"'])}.parse()?;`,
    t`#[arg(${v('long = "port", ', 'long, ', 'short, ', '')}default_value${one('', '_t')} = ${v('"8080"', '3000', '"0.0.0.0:9000"', '"x"')})]\n    ${v('port', 'addr', 'listen', 'x')}: ${v('u16', 'String')},`,
    t`#[clap(long = ${q(v('port', 'bind'), ['"'])}, default_value = ${q(v('8080'), ['"'])})]`,
    t`/* ${hostile} */`,
    t`// ${hostile}`,
    t`let s = r#"${hostile}"#;`,
    hostile,
  ],
  5,
)}\nfn main() {}\n`;
const rsToolchain = fc.oneof(
  v('1.80', 'stable', 'nightly', '1.80.1', 'nightly-2024-01-01', '1.0', '2.0'),
  mostly(t`[toolchain]\nchannel = ${ts('1.80', 'nightly', 'stable', '1.80.1')}\n`),
);
export const rustProject: A<Case> = project(
  merge(
    fileSet(
      {
        'Cargo.toml': cargoToml('.'),
        'Cargo.lock': cargoLock,
        'rust-toolchain': rsToolchain,
        'rust-toolchain.toml': rsToolchain,
        'src/main.rs': rustMain,
        'src/lib.rs': fc.constant(''),
        'build.rs': fc.constant('fn main() {}\n'),
        'a/Cargo.toml': cargoToml('../b'),
        'b/Cargo.toml': cargoToml('../a'),
        'crates/a/Cargo.toml': cargoToml('../a'),
        'crates/a/src/main.rs': rustMain,
        'app/Cargo.toml': cargoToml('../app'),
        'app/src/main.rs': rustMain,
        'examples/x.rs': rustMain,
      },
      ['Cargo.toml', 'src/main.rs'],
    ),
    named(t`src/bin/${seg('tool', 'server', 'a-b', 'x y', 'gen')}${one('.rs', '/main.rs')}`, rustMain),
    common(RS_NAMES, ['rust'], ['1.80.0', 'stable', 'x']),
  ),
  options(
    'rust',
    [...RS_NAMES, 'crates/a', 'app', 'a', 'crates/a::app'],
    ['1.80', '1.80.1', '1.0', 'stable', '1.1000'],
  ),
);

// ---------------------------------------------------------------- Java

const JAVA_CLASSES = [
  'com.example.App',
  'App',
  'com.example.app.Main',
  'Main',
  'a.b.C$Inner',
  '${start-class}',
  'com.example.${x}',
];
const PROP_NAMES = [
  'java.version',
  'maven.compiler.release',
  'maven.compiler.source',
  'maven.compiler.target',
  'start-class',
  'main.class',
  'mainClass',
  'exec.mainClass',
  'revision',
  'spring-boot.version',
  'x',
  'project.version',
  'a-b',
];
/** Element names of <properties>: mostly real; Object members sometimes (the XML parser refuses some of them). */
const propName = fc.oneof(
  { weight: 12, arbitrary: one(...PROP_NAMES) },
  { weight: 1, arbitrary: one('constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf') },
);
const PROP_VALUES = [
  '17',
  '21',
  '1.8',
  '11',
  '8',
  '25',
  '99',
  'com.example.App',
  '${revision}',
  '${x}',
  '${constructor}',
  '${__proto__}',
  '${toString}',
  '${java.version}',
  '${project.version}',
  '${a-b}${a-b}${a-b}${a-b}',
  '3.2.0',
  '${',
];
const xv = (...real: string[]) => xmlText(v(...real));
const el = (name: string, body: A<string> | string) => t`<${name}>${body}</${name}>`;
const pluginXml = fc
  .tuple(
    v(
      'spring-boot-maven-plugin',
      'maven-shade-plugin',
      'maven-jar-plugin',
      'maven-assembly-plugin',
      'exec-maven-plugin',
      'maven-compiler-plugin',
    ),
    seq(
      el('mainClass', xv(...JAVA_CLASSES)),
      el('archive', t`<manifest>${el('mainClass', xv(...JAVA_CLASSES))}</manifest>`),
      el('classifier', xv('exec', 'all', '')),
      el('release', xv('17', '21', '${java.version}')),
      el('descriptorRefs', el('descriptorRef', xv('jar-with-dependencies'))),
      el('transformers', t`<transformer implementation="x">${el('mainClass', xv(...JAVA_CLASSES))}</transformer>`),
      el('shadedArtifactAttached', xv('true', 'TRUE')),
      el('shadedClassifierName', xv('all')),
      el('appendAssemblyId', xv('false')),
    ),
    maybe(
      t`<executions><execution><goals><goal>${xv('single', 'repackage', 'shade')}</goal></goals>${maybe(t`<configuration>${el('classifier', xv('examples'))}${el('archive', t`<manifest>${el('mainClass', xv(...JAVA_CLASSES))}</manifest>`)}</configuration>`)}</execution></executions>`,
    ),
    xv('3.2.0', '${spring-boot.version}', '2.7.0'),
  )
  .map(
    ([id, conf, execs, ver]) =>
      `<plugin><groupId>org.x</groupId><artifactId>${id}</artifactId><version>${ver}</version><configuration>${conf}</configuration>${execs}</plugin>`,
  );
const dependencyXml = t`<dependency><groupId>${xv('org.springframework.boot', 'io.javalin', 'io.micronaut', 'com.example', 'org.postgresql')}</groupId><artifactId>${xv('spring-boot-starter-web', 'javalin', 'core', 'app', 'spring-boot-dependencies', 'postgresql')}</artifactId>${maybe(el('version', xv('1.0', '${revision}')))}${maybe(el('scope', xv('test', 'compile', 'import', 'provided', 'runtime')))}${maybe(el('type', xv('pom', 'jar')))}</dependency>`;
const pom = (
  parentPaths: string[],
  modules: string[],
) => t`${maybe(fc.oneof({ weight: 12, arbitrary: one('<?xml version="1.0" encoding="UTF-8"?>\n', '<?xml version="1.0"?>\n', '\ufeff', '<!-- x -->\n') }, { weight: 1, arbitrary: one('<!DOCTYPE project [<!ENTITY x "y">]>\n', '<!doctype x>\n') }))}<project>
  <modelVersion>4.0.0</modelVersion>
${seq(
  t`  <parent>${el('groupId', xv('org.springframework.boot', 'com.example'))}${el('artifactId', xv('spring-boot-starter-parent', 'parent', 'app', 'core'))}${el('version', xv('3.2.0', '2.7.18', '${revision}', '${x}'))}${maybe(el('relativePath', xv(...parentPaths)), 3)}</parent>\n`,
  t`  ${el('groupId', xv('com.example'))}\n`,
  t`  ${el('artifactId', xmlText(calm('app', 'app', 'core', 'parent', 'my app', 'constructor', '__proto__')))}\n`,
  t`  ${el('version', xv('1.0.0', '${revision}', '${x}'))}\n`,
  t`  ${el('packaging', xmlText(calm('jar', 'jar', 'jar', 'pom', 'war', 'bundle')))}\n`,
  t`  <modules>${list(el('module', xv(...modules)), '', 3, 1)}</modules>\n`,
  t`  <properties>${list(
    fc.tuple(propName, xv(...PROP_VALUES)).map(([k, x]) => `<${k}>${x}</${k}>`),
    '',
    5,
    1,
  )}</properties>\n`,
  t`  <dependencies>${list(dependencyXml, '', 3, 1)}</dependencies>\n`,
  t`  <dependencyManagement><dependencies>${dependencyXml}</dependencies></dependencyManagement>\n`,
  t`  <build>${maybe(el('finalName', xv('app', '${project.artifactId}-${project.version}', '../x', 'a b')))}${maybe(el('sourceDirectory', xv('src/main/java', 'src', '${basedir}/src/java')))}<plugins>${list(pluginXml, '', 3)}</plugins></build>\n`,
  t`  <profiles><profile><activation>${fc.oneof(t`<activeByDefault>${xv('true')}</activeByDefault>`, t`<file><exists>${xv('${basedir}/x.txt', 'x.txt', '${x}')}</exists></file>`)}</activation>${maybe(t`<modules>${el('module', xv(...modules))}</modules>`)}<build><plugins>${pluginXml}</plugins></build></profile></profiles>\n`,
  t`  <!-- ${hostile} -->\n`,
  xmlText(hostile),
)}</project>\n`;
const gradleNoise = lines(
  [
    'plugins {',
    '}',
    t`    id ${q(v('application', 'java', 'org.springframework.boot', 'com.github.johnrengelman.shadow', 'com.gradleup.shadow', 'war'))}${maybe(t` version ${q(v('3.2.0', '8.1.1'))}`)}`,
    t`    id(${q(v('application', 'org.springframework.boot'), ['"'])})${maybe(t` version ${q(v('3.3.0'), ['"'])}`)}`,
    '    application',
    '    java',
    '    `java-library`',
    t`apply plugin: ${q(v('application', 'java'))}`,
    t`    kotlin(${q(v('jvm', 'plugin.spring'), ['"'])})`,
    t`    mainClass = ${q(v(...JAVA_CLASSES))}`,
    t`    mainClass.set(${q(v(...JAVA_CLASSES), ['"'])})`,
    t`mainClassName = ${q(v(...JAVA_CLASSES))}`,
    t`        attributes ${q(v('Main-Class'))}: ${q(v(...JAVA_CLASSES))}`,
    t`        attributes["Main-Class"] = ${q(v(...JAVA_CLASSES), ['"'])}`,
    t`        languageVersion = JavaLanguageVersion.of(${v('17', '21', '"11"', '8', '99')})`,
    t`    jvmToolchain(${v('17', '21', 'x')})`,
    t`sourceCompatibility = ${v('17', '1.8', 'JavaVersion.VERSION_17', "'11'", 'VERSION_1_8')}`,
    t`    implementation ${q(t`${v('org.springframework.boot', 'io.javalin', 'com.example')}:${v('spring-boot-starter-web', 'javalin', 'x')}:${v('1.0', '')}`)}`,
    t`    implementation${one(' ', '(')}project(${q(t`:${v('core', 'lib:util', 'app', '..', 'x y')}`)})${one('', ')')}`,
    t`    implementation(project(path: ${q(v(':core'))}))`,
    t`// ${hostile}`,
    hostile,
    longRun,
  ],
  4,
);
const gradleBuild = t`${maybe(t`plugins {\n    ${v("id 'application'", 'application', "id 'org.springframework.boot' version '3.2.0'", 'id("application")', "id 'java'")}\n${gradleNoise}\n}\n`, 3)}${gradleNoise}\n${maybe(t`application {\n    mainClass = ${q(v(...JAVA_CLASSES))}\n}\n`, 3)}${gradleNoise}\n`;
const gradleSettings = lines(
  [
    t`rootProject.name = ${q(v('app', 'my app', '../x', 'a/b', 'constructor', ''))}`,
    t`include ${list(q(t`${one('', ':')}${v('app', 'core', 'lib:util', '..', 'a b')}`), ', ', 3, 1)}`,
    t`include(${q(v(':app'), ['"'])})`,
    t`includeBuild(${q(v('build-logic', '../x', '/abs'))})`,
    t`// ${hostile}`,
    hostile,
  ],
  6,
);
const javaSource = (cls: string) =>
  t`${maybe(t`package ${v('com.example', 'com.example.app', 'a.b', '')};\n`, 3)}public class ${cls} {\n${maybe(t`    ${v('public static void main(String[] args) {', 'static public void main(final String... a) {', 'void main() {', 'public void main(int x) {')}\n`, 4)}${lines(
    [
      t`        Javalin.create(${v('c -> {}')}).start(${v('7070', 'x')});`,
      t`        app.start(${v('8080')});`,
      t`        new ServerSocket(${v('9000', '99999')}, 10);`,
      t`        new InetSocketAddress(${maybe(t`${q(v('0.0.0.0'), ['"'])}, `)}${v('8081')});`,
      t`        port(${v('4567')});`,
      '        Locale.forLanguageTag("de");',
      '        FileSystems.newFileSystem(p);',
      t`        // ${hostile}`,
      t`        String s = ${q(hostile, ['"'])};`,
      hostile,
    ],
    5,
  )}\n    }\n}\n`;
export const javaProject: A<Case> = project(
  merge(
    fileSet({
      'pom.xml': pom(
        ['../pom.xml', '', 'parent', 'parent/pom.xml', 'pom.xml', '.', '..', '../..', '/etc', 'core'],
        ['app', 'core', '..', '.', '../x', 'app/pom.xml', 'parent', 'a b'],
      ),
      'app/pom.xml': pom(['../pom.xml', '..', '../core', 'pom.xml', '../app'], ['../core', '..', 'sub']),
      'core/pom.xml': pom(['../app/pom.xml', '../pom.xml', ''], ['../app']),
      'parent/pom.xml': pom(['../pom.xml', '../parent'], ['..']),
      'build.gradle': gradleBuild,
      'build.gradle.kts': gradleBuild,
      'settings.gradle': gradleSettings,
      'settings.gradle.kts': gradleSettings,
      'app/build.gradle': gradleBuild,
      'core/build.gradle.kts': gradleBuild,
      'gradle/wrapper/gradle-wrapper.properties': t`distributionUrl=https\\://example.invalid/distributions/gradle-${v('8.10.2', '7.6', 'x')}-${v('bin', 'all')}.zip\n`,
      gradlew: fc.constant('#!/bin/sh\n'),
      mvnw: fc.constant('#!/bin/sh\n'),
      '.mvn/wrapper/maven-wrapper.properties': fc.constant('distributionUrl=x\n'),
      'gradle.properties': fc.constant('x=y\n'),
      'src/main/java/com/example/App.java': javaSource('App'),
      'app/src/main/java/Main.java': javaSource('Main'),
      'src/main/kotlin/App.kt': lines(['fun main() {}', t`// ${hostile}`], 2, 1),
      'src/main/resources/application.properties': lines(
        [t`server.port${one('=', ' = ', ':')}${v('8081', '${PORT:8080}', 'abc', '0')}`, t`${hostile}=${hostile}`],
        3,
      ),
      'src/main/resources/application.yml': t`server:\n${lines([t`  ${v('address', 'x')}: ${hostile}`, '', longRun], 4)}\n  port: ${v('8082', '${PORT:9000}', '"${PORT:80}"', 'x')}\n`,
      '.java-version': v('17', '21', '1.8', 'temurin-17.0.9+9', 'x'),
      '.sdkmanrc': t`java=${v('21.0.2-tem', '17')}\n`,
    }),
    named(t`src/main/java/${seg('com', 'a b')}/${seg('Main', 'App', 'x')}.java`, javaSource('Main'), 1),
    common(['app'], ['java'], ['21.0.2', '17', 'temurin-17.0.9+9', 'x']),
  ).map((f) =>
    ['pom.xml', 'build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts'].some((k) => k in f)
      ? f
      : { ...f, 'build.gradle': "plugins { id 'application' }\napplication { mainClass = 'com.example.App' }\n" },
  ),
  options(
    'java',
    ['.', 'app', 'core', 'com.example.App', 'Main', 'app::Main'],
    ['17', '21', '8', '1.8', '11', '25', '99'],
  ),
);

// ---------------------------------------------------------------- Python

const PY_DEPS = [
  'flask',
  'fastapi',
  'uvicorn',
  'gunicorn',
  'django',
  'psycopg2',
  'psycopg',
  'psycopg-binary',
  'numpy',
  'Flask_SQLAlchemy',
  'daphne',
  'starlette',
  'lxml',
  'constructor',
  '__proto__',
  'toString',
  'setuptools',
  'pip',
];
const PY_VERSIONS = ['3.12', '3.11.4', 'python-3.11.4', 'cpython@3.12', '3.12t', '3.13', '2.7', '3.99', '4.0'];
const pyReq = t`${v(...PY_DEPS)}${v('', '==1.0', '>=2', '[extra]', ' ; python_version < "3.8"', ' @ https://example.invalid/x.whl', '~=1.0', '===x')}`;
const pyproject = mostly(
  t`${maybe(
    ttable('project', {
      name: ts('app', 'my-app', 'My App', 'constructor', '__proto__', '..'),
      'requires-python': ts('>=3.11', '^3.10', '>=3.9,<4', '==3.12.*', '~=3.8', '<3', 'x', '>=3.99'),
      dependencies: tarr(pyReq.map(tomlBasic), 4),
      readme: fc.oneof(ts('README.md', 'docs/README.md', 'tests/x'), t`{ file = ${ts('docs/x.md')} }`),
      dynamic: fc.constant('["version"]'),
    }),
    3,
  )}${maybe(tdict('project.scripts', v('app', 'serve', 'constructor', '__proto__', 'a b', 'x/y'), ts('pkg.cli:main', 'app:main', '$(x)')))}${maybe(
    ttable('tool.poetry', {
      name: ts('app'),
      packages: t`[{ include = ${ts('app')} }]`,
      'package-mode': one('false', 'true'),
      readme: fc.oneof(ts('README.md'), tarr(ts('docs/a.md'))),
    }),
  )}${maybe(tdict('tool.poetry.dependencies', v('python', 'python', ...PY_DEPS), fc.oneof(ts('^3.11', '~3.10', '3.11.*', '>=3.9,<4', '^3.11 || ^3.12', '^0.1', '^3', 'x', '*'), t`{ version = ${ts('^1')} }`)))}${maybe(tdict('tool.poetry.group.main.dependencies', v(...PY_DEPS), ts('^1')))}${maybe(tdict('tool.poetry.scripts', v('app', 'cli'), ts('app.cli:main')))}${maybe('[tool.uv]\ndev-dependencies = []\n\n')}${maybe(t`[tool.pdm.version]\nsource = ${ts('scm')}\n\n`)}${maybe(t`[tool.hatch.version]\nsource = ${ts('vcs')}\n\n`)}${maybe(
    ttable('build-system', {
      requires: tarr(ts('setuptools-scm', 'hatchling', 'poetry-core', 'hatch-vcs', 'setuptools>=61'), 2),
      'build-backend': ts('poetry.core.masonry.api', 'hatchling.build', 'setuptools.build_meta'),
    }),
  )}${maybe('[tool.ruff]\nline-length = 100\n')}`,
);
const requirements = (self: string) =>
  lines(
    [
      pyReq,
      t`-r ${v('other.txt', 'requirements.txt', '../x.txt', '/etc/passwd', 'sub/req.txt', self, 'missing.txt')}`,
      t`${one('-c', '--constraint', '--requirement=', '-r')}${one(' ', '=', '')}${v('other.txt', self)}`,
      t`${v(...PY_DEPS)}==1.0 \\\n    --hash=sha256:${v('0123abcd')}`,
      t`${v(...PY_DEPS)} \\`,
      t`-e ${v('.', 'git+https://example.invalid/x.git#egg=x')}`,
      t`git+https://example.invalid/${v('x')}.git`,
      t`--index-url https://example.invalid/simple`,
      t`# ${hostile}`,
      t`${v(...PY_DEPS)} # ${hostile}`,
      hostile,
      longRun,
    ],
    8,
  );
const pyApp = lines(
  [
    t`from ${v('flask', 'fastapi', 'starlette.applications')} import ${v('Flask', 'FastAPI', 'Starlette')}`,
    t`${v('app', 'api', 'application', '_x')} = ${v('Flask', 'FastAPI', 'Starlette')}(${v('__name__', '')})`,
    t`def ${v('create_app', 'make_app', 'app_factory')}(${v('config=None', '', ')')})${maybe(t` -> ${v('Flask')}`)}:\n${lines([t`    ${hostile}`, '', '    x = 1'], 6)}${maybe(longRun)}\n    ${v('app', 'x')} = ${v('Flask', 'FastAPI')}(__name__)\n    return app`,
    'if __name__ == "__main__":\n    app.run()',
    t`os.makedirs(${q(v('instance', 'data', '/tmp/x'))})`,
    t`db = sqlite3.connect(${q(v('app.db', ':memory:', '/x.db'))})`,
    t`URI = ${q(v('sqlite:///app.db'))}`,
    t`# ${hostile}`,
    t`s = ${q(hostile, ['"', "'", '"""'])}`,
    hostile,
  ],
  8,
);
const djangoSettings = lines(
  [
    t`WSGI_APPLICATION = ${q(v('proj.wsgi.application', 'x.application', '.application', 'a b.application'))}`,
    t`ASGI_APPLICATION = ${q(v('proj.asgi.application'))}`,
    t`STATIC_ROOT = ${v('BASE_DIR / "static"', 'None')}`,
    t`DATABASES = {'default': {'NAME': ${v('BASE_DIR / "db.sqlite3"', 'os.path.join(BASE_DIR, "db.sqlite3")')}}}`,
    hostile,
  ],
  5,
);
const pyLock = mostly(
  list(
    ttable(
      'package',
      {
        name: ts(...PY_DEPS),
        version: fc.constant('"1.0"'),
        source: t`{ ${one('virtual', 'editable', 'registry', 'git', 'directory', 'url', 'type')} = ${ts('.', 'https://example.invalid', 'git')} }`,
        wheels: t`[{ url = ${ts('https://example.invalid/x-1.0-py3-none-any.whl', 'x-1.0-cp312-musllinux_1_1_x86_64.whl', 'x-1.0-cp312-manylinux.whl#sha')} }]`,
        files: t`[{ file = ${ts('x-1.0-cp312-musllinux_1_2_x86_64.whl')} }]`,
      },
      true,
      ['name'],
    ),
    '',
    4,
  ),
);
export const pythonProject: A<Case> = project(
  merge(
    fileSet({
      'pyproject.toml': pyproject,
      'requirements.txt': requirements('requirements.txt'),
      'other.txt': requirements('requirements.txt'),
      'sub/req.txt': requirements('../requirements.txt'),
      'requirements-dev.txt': requirements('requirements.txt'),
      Pipfile: mostly(
        t`${tdict('packages', v(...PY_DEPS), ts('*', '==1.0'))}${maybe(ttable('requires', { python_version: ts(...PY_VERSIONS), python_full_version: ts('3.11.4', 'x') }), 2)}`,
      ),
      'Pipfile.lock': fc.constant('{}'),
      'setup.cfg': lines(
        [
          '[metadata]',
          t`name = ${v('app')}`,
          '[options]',
          t`python_requires = ${v('>=3.9', '>=3.99', 'x')}`,
          '[options.entry_points]',
          'console_scripts =',
          t`    ${v('app', 'serve', 'a b')} = ${v('app.cli:main', 'x', '$(id)')}`,
          t`${v('console_scripts')} = ${v('app = app:main', '')}`,
          hostile,
        ],
        10,
      ),
      'setup.py': t`from setuptools import setup\nsetup(name=${q(v('app'))})\n`,
      '.python-version': v(...PY_VERSIONS),
      'runtime.txt': t`python-${v('3.11.4', '3.12')}`,
      'app.py': pyApp,
      'main.py': pyApp,
      'wsgi.py': pyApp,
      'src/pkg/app.py': pyApp,
      'pkg/__main__.py': fc.constant('print(1)\n'),
      'pkg/__init__.py': fc.constant(''),
      'tests/test_app.py': pyApp,
      'proj/settings.py': djangoSettings,
      'proj/settings/base.py': djangoSettings,
      'uv.lock': pyLock,
      'poetry.lock': pyLock,
      'pdm.lock': pyLock,
    }),
    named(t`${seg('app', 'server', 'bot', 'a b', 'x-y')}.py`, pyApp, 1),
    // Django (manage.py) in one case of five: without gunicorn or uvicorn it is refused, by design.
    fc.oneof(
      { weight: 4, arbitrary: fc.constant({}) },
      { weight: 1, arbitrary: fc.constant({ 'manage.py': 'import django\n' }) },
    ),
    common(['app', 'gunicorn', 'uvicorn'], ['python'], PY_VERSIONS),
  ).map((f) =>
    Object.keys(f).some(
      (k) => k.endsWith('.py') || ['pyproject.toml', 'requirements.txt', 'Pipfile', 'setup.py'].includes(k),
    )
      ? f
      : { ...f, 'app.py': 'print(1)\n' },
  ),
  options('python', ['app.py', 'main.py', 'app', 'pkg', 'serve', 'django', 'app:app', 'Procfile'], PY_VERSIONS),
);

// ---------------------------------------------------------------- Node.js

const NODE_DEPS = [
  'express',
  'next',
  'react-scripts',
  'vite',
  'bcrypt',
  'better-sqlite3',
  'sharp',
  'canvas',
  '@sveltejs/kit',
  '@sveltejs/adapter-static',
  'astro',
  '@angular/core',
  'react-router-dom',
  'nuxt',
  '@nestjs/core',
  'typescript',
  'cypress',
  'gatsby',
  '@vue/cli-service',
  'parcel',
  '@docusaurus/core',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
];
const START = [
  'node server.js',
  'node dist/index.js',
  'PORT=3000 node index.js',
  'cross-env NODE_ENV=production node app.js',
  'npm run build && node dist/main.js',
  'next start',
  'next start -p 4000',
  'nest start',
  'nuxt start',
  'nodemon index.js',
  'ts-node src/index.ts',
  'tsx src/index.ts',
  'serve -s build',
  'vite preview',
  'vite',
  'node',
  'npm run serve',
  'npm run start',
  'yarn serve',
  'remix-serve build',
  'react-router-serve ./build/server/index.js',
  'fastify start app.js',
  'bun index.ts',
  'node --port=3000 x.js',
  'node $PORT',
  'node ${PORT}',
  'PORT=$PORT node x.js',
  'node ../x.js',
  'node /etc/x.js',
  'env A=1 node a.js',
];
/** A JSON value for a field: mostly a string, sometimes the wrong type. */
const jval = (...real: string[]) =>
  fc.oneof(
    { weight: 8, arbitrary: v(...real).map(json) },
    { weight: 1, arbitrary: one('1', 'true', 'null', '[]', '{}', '["a"]', '{"a":"b"}', '-0', '1e999') },
  );
/** A JSON object from key/value parts, keys possibly repeated or Object members. */
const jobj = (entries: A<string>[], max = 4) =>
  fc.array(fc.oneof(...entries), { maxLength: max }).map((xs) => `{${xs.join(', ')}}`);
const jkv = (key: A<string>, value: A<string>) => t`${key.map(json)}: ${value}`;
const pkgKey = (...real: string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: one(...real) },
    { weight: 1, arbitrary: one('__proto__', 'constructor', 'toString') },
    { weight: 1, arbitrary: hostile },
  );
const packageJson = (dir: string) =>
  fc
    .tuple(
      jobj(
        [
          jkv(one('name'), jval('app', '@scope/app', 'My App', 'constructor', '@x/', dir)),
          jkv(one('main'), jval('index.js', './server.js', 'dist/index.js', '../x.js', '/etc/passwd', 'a b.js')),
          jkv(
            one('bin'),
            fc.oneof(
              jval('cli.js', './bin/app.js'),
              jobj([jkv(v('app', 'tool', 'constructor'), jval('bin/app.js', '../x'))], 2),
            ),
          ),
          jkv(one('type'), jval('module', 'commonjs')),
          jkv(
            one('scripts'),
            jobj(
              [
                jkv(
                  pkgKey('start', 'build', 'prepare', 'postinstall', 'prestart', 'serve', 'preinstall'),
                  jval(...START, 'tsc', 'vite build', 'next build', 'husky', 'npm run build'),
                ),
              ],
              5,
            ),
          ),
          jkv(
            one('engines'),
            jobj([jkv(one('node'), jval('>=18', '^20', '22.x', '>=99', '*', 'x || y', '>=18 <19', '20'))], 1),
          ),
          jkv(one('volta'), jobj([jkv(one('node'), jval('20.11.0', 'x'))], 1)),
          jkv(
            one('packageManager'),
            jval(
              'pnpm@9.1.0',
              'yarn@4.1.0',
              'npm@10.0.0',
              'bun@1.1.0',
              'yarn@1.22.19+sha256.abc',
              'pnpm@x',
              'yarn@1.22.0',
            ),
          ),
          jkv(
            one('workspaces'),
            fc.oneof(
              fc
                .array(
                  jval('packages/*', 'apps/**', '[', '!x', '**', '*', '(a|b)', '{a,b}', 'a/[b', 'apps/web', '.*', '\\'),
                  { maxLength: 3 },
                )
                .map((x) => `[${x.join(', ')}]`),
              jobj([jkv(one('packages'), fc.constant('["packages/*"]'))], 1),
            ),
          ),
          jkv(
            one('dependencies', 'devDependencies'),
            jobj([jkv(pkgKey(...NODE_DEPS), jval('^1.0.0', '*', 'workspace:*'))], 5),
          ),
          jkv(hostile, jval('x')),
        ],
        9,
      ),
      one('', '', '', '', '\ufeff', ' ', '\n'),
      fc.oneof(
        { weight: 20, arbitrary: one('', '\n', ' ') },
        { weight: 1, arbitrary: one(',', '}', '\u0000', ' // x') },
      ),
    )
    .map(([o, pre, post]) => pre + o + post);
const nodeSource = lines(
  [
    t`app.listen(${v('3000', 'process.env.PORT || 8080', '0', '99999', 'port')});`,
    t`const PORT = process.env.PORT ${one('||', '??')} ${v('3000', "'8080'", 'x')};`,
    t`server.listen({ port: ${v('4000')} });`,
    t`const port = ${v('5000')};`,
    t`// ${hostile}`,
    t`const s = ${q(hostile, ['"', "'", '`'])};`,
    t`/* ${hostile}`,
    hostile,
  ],
  5,
);
const pnpmLock = lines(
  [
    t`lockfileVersion: ${q(v('9.0', '6.0', '5.4', '6.1', 'x'), ["'", ''])}`,
    'packages:',
    t`  ${one('/', '', "'")}${v(...NODE_DEPS)}@${v('1.0.0')}${one(':', "':")}`,
    '    requiresBuild: true',
    t`  '${v('@scope/x')}@1.0.0':`,
    hostile,
  ],
  8,
);
const yarnLock = lines(
  [
    t`${q(v(...NODE_DEPS), ['"', ''])}@${v('^1.0.0', 'npm:^1')}:`,
    '  version "1.0.0"',
    '__metadata:\n  version: 6',
    t`"${v('@scope/x')}@npm:1.0.0":`,
    hostile,
  ],
  6,
);
const npmLock = t`{"lockfileVersion": 3, "packages": ${jobj([jkv(t`${one('', 'node_modules/', 'node_modules/a/node_modules/')}${v(...NODE_DEPS)}`, jobj([jkv(one('hasInstallScript'), one('true', 'false', '"true"'))], 1))], 4)}, "dependencies": ${jobj([jkv(v(...NODE_DEPS), fc.constant('{}'))], 2)}}`;
const bunLock = t`{"lockfileVersion": 1, "packages": ${jobj([jkv(v(...NODE_DEPS, '@scope/x/y'), t`["${v('x@1.0.0')}", {}],`)], 3)},}`;
const wsYaml = fc.oneof(
  {
    weight: 8,
    arbitrary: t`packages:\n${list(t`  - ${q(v('packages/*', 'apps/*', 'apps/web', 'packages/**', '[', '!x', '**', '{a'), ["'", '"', ''])}\n`, '', 4)}`,
  },
  lines(
    ['packages:', t`  - ${q(v('packages/*', 'apps/**', '[', '!x', '**', '{a', 'apps/web'), ["'", '"', ''])}`, hostile],
    5,
  ),
  fc.constantFrom(
    'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\npackages: *d\n',
    'a: &a ["apps/*"]\npackages: *a\n',
  ),
  t`packages: ${one('!!binary aGk=', '!!js/function "x"', '!!str 1', '{}', 'null', '[1, 2]', '&x [*x]', '*y')}\n`,
);
const nodeFiles = (dir: string) =>
  fileSet({
    [`${dir}package.json`]: packageJson(dir),
    [`${dir}server.js`]: nodeSource,
    [`${dir}index.js`]: nodeSource,
    [`${dir}app.js`]: nodeSource,
    [`${dir}main.js`]: nodeSource,
  });
export const nodeProject: A<Case> = project(
  merge(
    fileSet(
      {
        'package.json': packageJson('.'),
        'package-lock.json': npmLock,
        'pnpm-lock.yaml': pnpmLock,
        'yarn.lock': yarnLock,
        'bun.lock': bunLock,
        'bun.lockb': fc.constant('\u0000\u0001'),
        'pnpm-workspace.yaml': wsYaml,
        '.yarnrc.yml': t`nodeLinker: ${v('pnp', 'node-modules', 'pnpm')}\n`,
        '.nvmrc': v('20', 'v22.11.0', 'lts/iron', 'lts/*', 'node', '99', '4', 'x', '18.x'),
        '.node-version': v('22'),
        '.npmrc': fc.constant('x=y\n'),
        'index.js': nodeSource,
        'server.js': nodeSource,
        'src/index.ts': nodeSource,
        'bin/www': nodeSource,
        'binding.gyp': fc.constant('{}'),
        'tests/x.test.js': nodeSource,
        'vite.config.ts': t`export default { build: { outDir: ${q(v('dist', 'build/web', '../x', '/abs', 'a b'), ["'", '"', '`'])} } }\n`,
        'next.config.js': t`module.exports = { output: ${q(v('standalone', 'export', 'x'))} }\n`,
        'svelte.config.js': t`adapter({ pages: ${q(v('build', '../x'))}, fallback: ${q(v('200.html', 'index.html', '../x.html'))} })\n`,
        'astro.config.mjs': t`export default { outDir: ${q(v('dist'))}${maybe(", output: 'server'")} }\n`,
        'angular.json': t`{"projects": ${jobj([jkv(v('web', '__proto__', 'constructor'), t`{"architect": {"build": {"builder": ${jval('@angular/build:application')}, "options": {"outputPath": ${fc.oneof(jval('dist/web', '../x'), t`{"base": ${jval('dist/x')}, "browser": ${jval('')}}`)}}}}}`)], 2)}}`,
        'vue.config.js': t`module.exports = { outputDir: ${q(v('dist', '../x'))} }\n`,
        '.env.example': lines([t`PORT=${v('3000', 'x')}`, hostile], 3),
      },
      ['package.json'],
    ),
    nodeFiles('packages/api/'),
    nodeFiles('apps/web/'),
    named(t`packages/${seg('lib', 'a b', 'x')}/package.json`, packageJson('packages/x'), 1),
    common(['app', 'server'], ['nodejs', 'node'], ['20.11.0', '22', 'lts/*', 'x']),
  ).map((f) =>
    'package.json' in f || Object.keys(f).some((k) => /\.(?:js|ts|mjs)$/.test(k)) ? f : { ...f, 'index.js': 'x\n' },
  ),
  options(
    'node',
    ['app', '.', 'packages/api', 'apps/web', 'api', 'web', 'server.js'],
    ['20', '22', 'v22.11.0', 'lts/iron', '4', '99', 'node'],
  ),
);

// ---------------------------------------------------------------- Ruby

const GEMS = [
  'rails',
  'railties',
  'puma',
  'sinatra',
  'rack',
  'rackup',
  'pg',
  'nokogiri',
  'sqlite3',
  'bootsnap',
  'hanami',
  'mysql2',
  'rspec',
  'rubocop',
  'sprockets-rails',
  'jsbundling-rails',
  'constructor',
  '__proto__',
  'toString',
  'grpc',
];
const gemfile = lines(
  [
    t`source ${q(v('https://gems.example.invalid'))}`,
    t`ruby ${q(v('3.3.6', '3.2', '~> 3.1', '>= 3.0', '2.7.8', '9.9'))}`,
    t`ruby file: ${q(v('.ruby-version', '../x', '/etc/passwd', 'a b'))}`,
    t`gem ${q(v(...GEMS))}${maybe(t`, ${v('"~> 7.1"', 'path: "engines/x"', 'path: "../outside"', 'path: "/abs"', 'path: "."', 'path: "a b"', 'group: :development', 'groups: [:test, :development]', 'group: [:lint]', 'git: "x"', 'github: "x/y"', 'require: false', 'platforms: :mri', 'groups: %i[test ci]')}`)}`,
    t`gem(${q(v(...GEMS))})`,
    t`group ${v(':development', ':test', ':production', ':lint', '"ci"', ':development, :test')} do`,
    'end',
    'gemspec',
    t`${one('platforms', 'source', 'git', 'path')} ${q(v('x'))} do`,
    t`# ${hostile}`,
    t`if ENV[${q(v('X'))}]`,
    hostile,
  ],
  10,
);
const gemfileLock = t`${maybe(t`GEM\n  remote: https://gems.example.invalid/\n  specs:\n${lines([t`    ${v(...GEMS)} (${v('1.0.0', '7.1.0')}${v('', '-x86_64-linux', '-x86_64-linux-musl', '-arm64-darwin', '-x86_64-linux-gnu', '-java')})`, t`      ${v('dep')} (>= 0)`, hostile], 5)}\n\n`, 3)}${maybe(t`PATH\n  remote: ${v('.', '../x')}\n  specs:\n    ${v('app')} (1.0)\n\n`)}${maybe(t`GIT\n  remote: x\n  revision: abc\n  specs:\n    ${v(...GEMS)} (1.0)\n\n`)}${maybe(t`PLATFORMS\n  ${v('ruby', 'x86_64-linux', 'x86_64-linux-musl')}\n\n`)}${maybe(t`DEPENDENCIES\n  ${v(...GEMS)}\n\n`)}${maybe(t`RUBY VERSION\n   ruby ${v('3.3.6p1', '3.2.2', 'x')}\n\n`)}${maybe(t`BUNDLED WITH\n   ${v('2.5.3', '1.17.3', 'x')}\n`)}${maybe(hostile)}`;
const gemspec = lines(
  [
    'Gem::Specification.new do |spec|',
    t`  spec.name = ${q(v('app', 'tool'))}`,
    t`  spec.executables = ${v('["app"]', '%w[app tool]', 'spec.files.grep(%r{^exe/}) { |f| File.basename(f) }', '[', '%w(a b)', '["a b", "$(x)"]', 'x')}`,
    t`  spec.bindir = ${q(v('exe', 'bin'))}`,
    t`  spec.add_dependency ${q(v(...GEMS))}`,
    t`  spec.add_runtime_dependency(${q(v(...GEMS))})`,
    'end',
    hostile,
  ],
  8,
);
const rubySource = lines(
  [
    t`require ${q(v('sinatra', 'json'))}`,
    t`set :port, ${v('4567', 'ENV.fetch("PORT", 8080)', 'ENV.fetch("PORT") { 9000 }', 'x')}`,
    'get("/") { "hi" }',
    t`# ${hostile}`,
    hostile,
  ],
  5,
);
export const rubyProject: A<Case> = project(
  merge(
    fileSet({
      Gemfile: gemfile,
      'gems.rb': gemfile,
      'Gemfile.lock': gemfileLock,
      'gems.locked': gemfileLock,
      'config.ru': fc.constant('run App\n'),
      'config/application.rb': fc.constant('module App\n  class Application < Rails::Application\n  end\nend\n'),
      'config/puma.rb': lines(
        [
          t`port ${v('ENV.fetch("PORT") { 3000 }', '3000', 'ENV.fetch("PORT", 4000)', '"5000"', 'x')}`,
          'workers 2',
          hostile,
        ],
        3,
      ),
      '.ruby-version': v('3.3.6', 'ruby-3.2.2', '3.1', '2.7', '9.9.9', '3.3.0p0'),
      'bin/rails': fc.constant('#!/usr/bin/env ruby\n'),
      'exe/tool': fc.constant(''),
      'bin/app': fc.constant(''),
      'bin/setup': fc.constant(''),
      'app.rb': rubySource,
      'main.rb': rubySource,
      'lib/x.rb': rubySource,
      'spec/x_spec.rb': rubySource,
      'app/assets/app.css': fc.constant(''),
      'app/javascript/x.js': fc.constant(''),
      'vendor/cache/x.gem': fc.constant(''),
      'engines/x/x.gemspec': gemspec,
      Rakefile: fc.constant(''),
    }),
    named(t`${seg('app', 'tool', 'a b')}.gemspec`, gemspec, 1),
    named(t`${seg('server', 'bot', 'x')}.rb`, rubySource, 1),
    common(['app', 'puma', 'rails', 'bundle'], ['ruby'], ['3.3.0', '3.2', 'x']),
  ).map((f) =>
    Object.keys(f).some((k) => k.endsWith('.rb') || k.endsWith('.gemspec') || k === 'Gemfile' || k === 'gems.rb')
      ? f
      : { ...f, 'main.rb': 'puts 1\n' },
  ),
  options(
    'ruby',
    ['rails', 'config.ru', 'Procfile', 'app.rb', 'main.rb', 'tool', 'app'],
    ['3.3', '3.3.6', 'ruby-3.2.2', '2.7', '9.9'],
  ),
);

/** Every language's projects, by language. */
export const PROJECTS: Record<LangId, A<Case>> = {
  go: goProject,
  c: cProject,
  cpp: cppProject,
  rust: rustProject,
  java: javaProject,
  python: pythonProject,
  node: nodeProject,
  ruby: rubyProject,
};
