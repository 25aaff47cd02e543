import { growthProbes } from './growth.js';
import { C_MAIN, GO_MAIN } from './helpers.js';

/*
 * Growth probes for the Go, Rust and C/C++ readers: each crafted input grows 10 and 100 times,
 * and the time of a run must grow no faster than the input (test/growth.ts).
 */

const GO_MOD = 'module example.com/app\n\ngo 1.22\n';
const goEmbed = (pattern: string) =>
  `package main\n\nimport "embed"\n\n//go:embed ${pattern}\nvar files embed.FS\n\nfunc main() { _ = files }\n`;
const spaces = (n: number) => ' '.repeat(n);

growthProbes('go readers grow linearly', [
  {
    name: "//go:embed *a*a*a*a*a*a*a*a*b against a name of n a's",
    base: 2,
    make: (n) => ({
      'go.mod': GO_MOD,
      'main.go': goEmbed(`static/${'*a'.repeat(8)}*b`),
      [`static/x${'a'.repeat(n)}`]: 'x',
      'static/y': 'x',
    }),
  },
  {
    name: '//go:embed n stars then x, against a name without x',
    base: 2,
    make: (n) => ({
      'go.mod': GO_MOD,
      'main.go': goEmbed(`static/${'*'.repeat(n)}x`),
      'static/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa': 'x',
      'static/x': 'x',
    }),
  },
  {
    name: '//go:embed a glob against n files',
    base: 20,
    make: (n) =>
      Object.fromEntries([
        ['go.mod', GO_MOD],
        ['main.go', goEmbed('static/*.html')],
        ...Array.from({ length: n }, (_, i): [string, string] => [`static/f${i}.txt`, '']),
        ['static/index.html', ''],
      ]),
  },
  {
    name: '//go:embed x[ and a long tail (an invalid pattern)',
    base: 100,
    make: (n) => ({ 'go.mod': GO_MOD, 'main.go': goEmbed(`x[${'a'.repeat(n)}`) }),
  },
  {
    name: '//go:embed, n spaces, a line separator (U+2028)',
    base: 1000,
    make: (n) => ({
      'go.mod': GO_MOD,
      'main.go': `package main\n\nimport "embed"\n\n//go:embed${spaces(n)}\u2028x\nvar files embed.FS\n\nfunc main() { _ = files }\n`,
      x: '',
    }),
  },
  {
    name: 'n //go:embed lines',
    base: 100,
    make: (n) => ({
      'go.mod': GO_MOD,
      'main.go': `package main\n\nimport "embed"\n\n${'//go:embed static/*\n'.repeat(n)}var files embed.FS\n\nfunc main() { _ = files }\n`,
      'static/a': '',
    }),
  },
  {
    name: 'go.mod: a line of n "//" then a line separator (U+2028)',
    base: 1000,
    make: (n) => ({ 'go.mod': `module example.com/app\n\ngo 1.22\n${'//'.repeat(n)}\u2028x\n`, 'main.go': GO_MAIN }),
  },
  {
    name: 'a Go source of 3n short lines',
    base: 1500,
    make: (n) => ({
      'go.mod': GO_MOD,
      'main.go': `package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n${'x\n \n}\n'.repeat(n)}`,
    }),
  },
  {
    name: 'a Go source: n spaces after os.Create( and Getenv("PORT")',
    base: 1000,
    make: (n) => ({
      'go.mod': GO_MOD,
      'main.go': `package main\n\nimport "os"\n\nfunc main() { os.Create(${spaces(n)}) ; a :=${spaces(n)}\n os.Getenv("PORT")${spaces(n)}\n}\n`,
    }),
  },
]);

const pkg = (name: string, extra = '') => `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n${extra}`;
const MAIN_RS = 'fn main() {}\n';

growthProbes('rust readers grow linearly', [
  {
    name: 'Cargo.toml: n workspace members, n excludes',
    base: 50,
    make: (n) => ({
      'Cargo.toml': `${pkg('app')}\n[workspace]\nmembers = [${Array.from({ length: n }, (_, i) => `"m${i}"`).join(', ')}]\nexclude = [${Array.from({ length: n }, (_, i) => `"x${i}"`).join(', ')}]\n`,
      'src/main.rs': MAIN_RS,
    }),
  },
  {
    name: 'Cargo.toml: n member globs',
    base: 50,
    make: (n) => ({
      'Cargo.toml': `${pkg('app')}\n[workspace]\nmembers = [${Array.from({ length: n }, (_, i) => `"crates/*${i}"`).join(', ')}]\n`,
      'src/main.rs': MAIN_RS,
      'crates/a1/Cargo.toml': pkg('a1'),
      'crates/a1/src/lib.rs': '',
    }),
  },
  {
    name: 'Cargo.toml: a member glob with many * against a long folder name',
    base: 2,
    make: (n) => ({
      'Cargo.toml': `${pkg('app')}\n[workspace]\nmembers = ["crates/${'*a'.repeat(8)}*b"]\n`,
      'src/main.rs': MAIN_RS,
      [`crates/${'a'.repeat(n)}/Cargo.toml`]: pkg('aa'),
      [`crates/${'a'.repeat(n)}/src/lib.rs`]: '',
    }),
  },
  {
    name: 'Cargo.toml: n path dependencies without a package',
    base: 50,
    make: (n) => ({
      'Cargo.toml': `${pkg('app')}\n[dependencies]\n${Array.from({ length: n }, (_, i) => `d${i} = { path = "deps/d${i}" }`).join('\n')}\n`,
      'src/main.rs': MAIN_RS,
    }),
  },
  {
    name: 'Cargo.toml: n [[bin]] by name, src/bin with n other files',
    base: 20,
    make: (n) =>
      Object.fromEntries([
        ['Cargo.toml', `${pkg('app')}\n${Array.from({ length: n }, (_, i) => `[[bin]]\nname = "b${i}"\n`).join('\n')}`],
        ['src/main.rs', MAIN_RS],
        ...Array.from({ length: n }, (_, i): [string, string] => [`src/bin/o${i}.rs`, MAIN_RS]),
      ]),
  },
  {
    name: 'a Rust source: n spaces inside #[arg(...)] and bind(',
    base: 1000,
    make: (n) => ({
      'Cargo.toml': pkg('app'),
      'src/main.rs': `#[arg(long = "port",${spaces(n)}default_value = "80"${spaces(n)}\nfn main() { bind(${spaces(n)}) }\n`,
    }),
  },
]);

const CONFIGURE_AC = 'AC_INIT([app], [1.0])\nAM_INIT_AUTOMAKE\nAC_PROG_CC\nAC_CONFIG_FILES([Makefile])\nAC_OUTPUT\n';

growthProbes('c readers grow linearly', [
  {
    name: 'CMakeLists.txt: n nested if() then n commands',
    base: 200,
    make: (n) => ({
      'CMakeLists.txt': `cmake_minimum_required(VERSION 3.10)\nproject(app C)\n${'if(UNIX)\n'.repeat(n)}${'target_link_libraries(app m)\n'.repeat(n)}add_executable(app main.c)\n`,
      'main.c': C_MAIN,
    }),
  },
  {
    name: 'CMakeLists.txt: set(A ${A}${A}) n times',
    base: 1,
    make: (n) => ({
      'CMakeLists.txt': `cmake_minimum_required(VERSION 3.10)\nproject(app C)\nset(A x)\n${'set(A ${A}${A})\n'.repeat(n)}add_executable(app main.c)\n`,
      'main.c': C_MAIN,
    }),
  },
  {
    name: 'CMakeLists.txt: long runs of spaces, blank lines and comments',
    base: 1000,
    make: (n) => ({
      'CMakeLists.txt': `cmake_minimum_required(VERSION 3.10)\nproject(${spaces(n)}app C)\n${'\n'.repeat(n)}${'#\n'.repeat(n)}add_executable(${spaces(n)}app${spaces(n)}main.c)\ntarget_link_libraries(app ${spaces(n)})\nfind_package(${spaces(n)}\n`,
      'main.c': C_MAIN,
    }),
  },
  {
    name: 'Makefile: n nested ifndef then n lines',
    base: 400,
    make: (n) => ({
      Makefile: `${'ifndef X\n'.repeat(n)}${'CFLAGS += -O2\n'.repeat(n)}app: main.c\n\t$(CC) -o app main.c\n`,
      'main.c': C_MAIN,
    }),
  },
  {
    name: 'Makefile: A := $(A)$(A) n times',
    base: 1,
    make: (n) => ({
      Makefile: `A := x\n${'A := $(A)$(A)\n'.repeat(n)}app: main.c\n\t$(CC) -o app main.c\n`,
      'main.c': C_MAIN,
    }),
  },
  {
    name: 'Makefile: n prerequisites of all, n folders handed to make',
    base: 300,
    make: (n) => ({
      Makefile: `all: ${Array.from({ length: n }, (_, i) => `p${i}`).join(' ')}\n${Array.from({ length: n }, (_, i) => `p${i}:\n\t$(MAKE) -C d${i}\n`).join('')}`,
      'main.c': C_MAIN,
    }),
  },
  {
    name: 'Makefile: n continuation lines, long runs of spaces',
    base: 500,
    make: (n) => ({
      Makefile: `CC = gcc${spaces(n)}\nSRC = ${'main.c \\\n'.repeat(n)}\n${'\n'.repeat(n)}app: $(SRC)${spaces(n)}\n\t$(MAKE)${spaces(n)}-C${spaces(n)}\n\tcd ${spaces(n)}x\n\t$(CC) -o app $(SRC) -lm${spaces(n)}\n`,
      'main.c': C_MAIN,
    }),
  },
  {
    name: 'Makefile.am: "if", n spaces, no name',
    base: 1000,
    make: (n) => ({
      'configure.ac': CONFIGURE_AC,
      'Makefile.am': `bin_PROGRAMS = app\nif${spaces(n)}-\nendif\napp_SOURCES = main.c\n`,
      'main.c': C_MAIN,
    }),
  },
  {
    name: 'meson.build: n spaces in executable( and option(',
    base: 1000,
    make: (n) => ({
      'meson.build': `project('app', 'c')\nexecutable(${spaces(n)}\ndependency(${spaces(n)}\nexecutable('app', 'main.c')\n`,
      'meson_options.txt': `option(${spaces(n)}'tests'${spaces(n)}\n`,
      'main.c': C_MAIN,
    }),
  },
  {
    name: 'C source: n spaces around htons(, #define, fopen(, main(',
    base: 500,
    make: (n) => ({
      'main.c': `#include <stdio.h>\n#${spaces(n)}define${spaces(n)}PORT${spaces(n)}\nint x = htons(${spaces(n)}8080${spaces(n)};\nvoid f(void) { fopen(${spaces(n)}"out.txt"${spaces(n)}; mkdir(${spaces(n)}); }\n#${spaces(n)}include${spaces(n)}\nint${spaces(n)}main${spaces(n)}(void) { return getaddrinfo${spaces(n)}; }\n${spaces(n)}main${spaces(n)}\n`,
    }),
  },
  {
    name: 'C sources: n lines of int main( without a body, in one file',
    base: 1000,
    make: (n) => ({ 'main.c': `${'int main\n'.repeat(n)}int main(void) { return 0; }\n` }),
  },
  {
    name: 'Makefile: -l flags and pkg-config with long runs of spaces',
    base: 1000,
    make: (n) => ({
      Makefile: `LDLIBS = ${'-lz '.repeat(n)}\nLIBS = $(shell pkg-config --libs${spaces(n)}zlib${spaces(n)})\napp: main.c\n\t$(CC) -o app main.c $(LDLIBS)\n`,
      'main.c': C_MAIN,
    }),
  },
]);
