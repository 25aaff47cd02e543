import { describe, expect, test } from '@jest/globals';
import { automakePrograms } from '../src/languages/c/autotools.js';
import { cmakeCommands } from '../src/languages/c/cmake-parse.js';
import { cmakeLibs, cmakeTargets, linuxCommands } from '../src/languages/c/cmake.js';
import { makeTargets } from '../src/languages/c/make.js';
import { mesonExecutables } from '../src/languages/c/meson.js';
import { evalBuildExpr, excludedByName } from '../src/languages/go/constraints.js';
import { parseGoFile } from '../src/languages/go/source.js';
import { forTerminal, oneLine, shown } from '../src/core/quote.js';
import { sanitized } from '../src/render.js';

describe('Go sources are read as the Go tool reads them', () => {
  test('file name suffixes leave files out of a linux/amd64 build', () => {
    expect(excludedByName('a/x_windows.go')).toBe('for windows only');
    expect(excludedByName('x_darwin_arm64.go')).toBe('for darwin/arm64 only');
    expect(excludedByName('x_linux_amd64.go')).toBeUndefined();
    expect(excludedByName('x_linux.go')).toBeUndefined();
    expect(excludedByName('x_arm64.go')).toBe('for arm64 only');
    expect(excludedByName('x_test.go')).toBe('a test file');
    expect(excludedByName('_gen.go')).toBeDefined();
    expect(excludedByName('windows.go')).toBeUndefined();
  });
  test.each([
    ['linux', true],
    ['windows', false],
    ['!windows', true],
    ['linux && amd64', true],
    ['linux && arm64', false],
    ['darwin || linux', true],
    ['(darwin || freebsd) && !cgo', false],
    ['!cgo', true],
    ['cgo', false],
    ['go1.21', true],
    ['ignore', false],
    ['linux &&', undefined],
    ['((linux)', undefined],
  ])('//go:build %s -> %s', (expr, want) => {
    expect(evalBuildExpr(expr)).toBe(want);
  });
  test('constraints, package and imports; comments and strings never confuse the lexer', () => {
    expect(parseGoFile('//go:build windows\n\npackage main\n\nimport "os/user"\n').excluded).toBe('//go:build windows');
    expect(parseGoFile('// +build linux,386 darwin\n\npackage main\n').excluded).toBe('// +build linux,386 darwin');
    expect(parseGoFile('// +build linux\n\npackage main\nimport "net"\n').imports).toEqual(['net']);
    const f = parseGoFile(
      '// c "os"\npackage main // x\n\nimport (\n\t"fmt" // "net"\n\tx "a/b"; . "c/d"\n\t/* "os/user" */\n)\nimport _ "embed"\nvar s = "import \\"net/http\\""\n',
    );
    expect(f).toEqual({ pkg: 'main', imports: ['fmt', 'a/b', 'c/d', 'embed'] });
  });
  test('an import string with a line break, a space or a quote is no import', () => {
    expect(parseGoFile('package main\nimport "net/http\nRUN id"\n').imports).toEqual([]);
    expect(parseGoFile('package main\nimport ("a b"; "ok")\n').imports).toEqual(['ok']);
    expect(parseGoFile('package main\nimport `raw\nlines`\n').imports).toEqual([]);
  });
  test('unterminated comments and strings end the file, not the lexer', () => {
    expect(parseGoFile('package main\n/* never closed import "net"').imports).toEqual([]);
    expect(parseGoFile('package main\nimport ("fmt"\n').imports).toEqual(['fmt']);
    expect(parseGoFile(`${' \n'.repeat(10_000)}package main\n`).pkg).toBe('main');
  });
});

describe('C/C++ build files are read a command or a line at a time', () => {
  test('CMake commands: comments, quotes, bracket arguments, nested parentheses', () => {
    expect(
      cmakeCommands(
        '# add_executable(no x.c)\n#[[ add_executable(no2 y.c) ]]\nADD_EXECUTABLE( "my app" [=[main.c]=] )\nif((A) AND B)\n',
      ),
    ).toEqual([
      { name: 'add_executable', args: ['my app', 'main.c'] },
      { name: 'if', args: ['A', 'AND', 'B'] },
    ]);
    expect(cmakeCommands('add_executable(x main.c')).toEqual([{ name: 'add_executable', args: ['x', 'main.c'] }]);
  });
  test('branches for other platforms are not programs or libraries', () => {
    const text =
      'project(p C)\nif(WIN32)\n  add_executable(winapp w.c)\n  target_link_libraries(winapp ws2_32)\nelse()\n  add_executable(app a.c)\nendif()\nif(NOT APPLE)\n  find_package(ZLIB)\nendif()\n';
    expect(cmakeTargets([text])).toEqual(['app']);
    expect(cmakeLibs(text)).toEqual(['ZLIB']);
    expect(linuxCommands(cmakeCommands('if(FOO)\nset(A 1)\nelse()\nset(A 2)\nendif()\n')).length).toBe(2);
  });
  test('Makefile.am programs, with continuation lines', () => {
    expect(
      automakePrograms(
        'bin_PROGRAMS = jq \\\n\tjq-helper\nsbin_PROGRAMS += daemon\n# bin_PROGRAMS = no\nnoinst_PROGRAMS = test\n',
      ),
    ).toEqual(['jq', 'jq-helper', 'daemon']);
  });
  test('meson executables, and no match across lines', () => {
    expect(
      mesonExecutables("executable('app', 'main.c')\nexecutable('bad\n')\nexecutable(\n  'two', 'b.c')\n"),
    ).toEqual(['app', 'two']);
  });
  test('Makefiles: sources and objects are never programs; a goal is not a program', () => {
    expect(makeTargets('$(BIN): main.c util.o\n\t$(CC) -o $@ $^\n')).toEqual([]);
    expect(makeTargets('all: server client\nserver: s.c\n\tcc -o $@ $^\nclient: c.c\n\tcc -o $@ $^\n')).toEqual([
      'server',
      'client',
    ]);
    expect(makeTargets('x := 1\ny ::= 2\napp: main.c ; cc -o app main.c\n')).toEqual(['app']);
  });
});

describe('the sanitizing layer', () => {
  test('one line of printable text: every kind of line break and control character made visible', () => {
    expect(oneLine('a\nb\rc\u2028d\u2029e\u0085f\u001b[2Jg\u202eh')).toBe(
      'a\\nb\\rc\\u2028d\\u2029e\\u0085f\\u001b[2Jg\\u202eh',
    );
    expect(oneLine('ends with a continuation \\\\')).toBe('ends with a continuation ');
    expect(oneLine('x'.repeat(5000)).length).toBe(4096);
  });
  test('values in messages are cut to a few dozen characters', () => {
    expect(shown('y'.repeat(500)).length).toBeLessThanOrEqual(60);
  });
  test('terminal text keeps its line breaks and loses its escape sequences', () => {
    expect(forTerminal('error: a\n  fix: \u001b]0;title\u0007b')).toBe('error: a\n  fix: \\u001b]0;title\\u0007b');
  });
  test('templates see only sanitized strings, at any depth', () => {
    const plan = { a: 'x\ny', b: [{ c: 'RUN\u2028id' }], n: 3, t: true, z: null };
    expect(sanitized(plan)).toEqual({ a: 'x\\ny', b: [{ c: 'RUN\\u2028id' }], n: 3, t: true, z: null });
  });
});

test('CMake: escaped quotes in unquoted arguments do not open a string', () => {
  const cmds = cmakeCommands(
    'add_definitions (-DCMAKE -DVERSION=\\"${VERSION}\\")\noption(DOCUMENTATION "Build documentation?" ON)\n',
  );
  expect(cmds.map((c) => c.name)).toEqual(['add_definitions', 'option']);
  expect(cmds[1]!.args[0]).toBe('DOCUMENTATION');
});
