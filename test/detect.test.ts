import { describe, expect, test } from '@jest/globals';
import { detect } from '../src/languages/index.js';
import { scanProject } from '../src/core/scan.js';
import { generate } from '../src/index.js';
import { C_MAIN, GO_MAIN, project } from './helpers.js';

const ranked = (files: Record<string, string>) => detect(scanProject(project(files)));
/** Two strong manifests of about the same weight: a tie. */
const GO_AND_C = {
  'go.mod': 'module x\n',
  'main.go': GO_MAIN,
  'CMakeLists.txt': 'project(y)\nadd_executable(y a.c)\n',
  'a.c': C_MAIN,
  'b.c': C_MAIN,
};

describe('detection scores every language and keeps the evidence', () => {
  test('go.mod makes a Go project', () => {
    const r = ranked({ 'go.mod': 'module x\n\ngo 1.22\n', 'main.go': GO_MAIN });
    expect(r.ranked[0]).toMatchObject({ lang: 'go', evidence: ['go.mod', '1 .go file'] });
    expect(r.ties).toEqual([]);
  });

  test('C and C++ are told apart by their sources', () => {
    expect(
      ranked({ 'CMakeLists.txt': 'project(x)\nadd_executable(x main.c)\n', 'main.c': C_MAIN }).ranked[0]!.lang,
    ).toBe('c');
    expect(
      ranked({ 'CMakeLists.txt': 'project(x)\nadd_executable(x main.cpp)\n', 'main.cpp': 'int main(){}' }).ranked[0]!
        .lang,
    ).toBe('cpp');
  });

  test('a Makefile in a Go project does not make it C', () => {
    const r = ranked({ 'go.mod': 'module x\n', 'main.go': GO_MAIN, Makefile: 'build:\n\tgo build ./...\n' });
    expect(r.ranked.map((d) => d.lang)).toEqual(['go']);
  });

  test('cgo C files beside go.mod are reported but do not tie', () => {
    const r = ranked({ 'go.mod': 'module x\n', 'main.go': GO_MAIN, 'helper.c': 'int add(int a,int b){return a+b;}' });
    expect(r.ranked.map((d) => d.lang)).toEqual(['go', 'c']);
    expect(r.ties).toEqual([]);
  });

  test('two strong manifests tie, and generate() refuses to guess without --lang', async () => {
    const dir = project(GO_AND_C);
    const r = detect(scanProject(dir));
    expect([r.ranked[0]!.lang, ...r.ties.map((d) => d.lang)].sort()).toEqual(['c', 'go']);
    await expect(generate(dir)).rejects.toMatchObject({ code: 'E_AMBIGUOUS', hint: expect.stringContaining('--lang') });
    expect((await generate(dir, { lang: 'c' })).plan.lang).toBe('c');
    expect((await generate(dir, { lang: 'go' })).plan.lang).toBe('go');
  });

  test("a package.json that is tooling (no dependencies, nothing it starts; or scripts that run another language's build) makes no tie", () => {
    const go = { 'go.mod': 'module x\n', 'main.go': GO_MAIN };
    const lint = JSON.stringify({ scripts: { lint: 'eslint .' }, devDependencies: { eslint: '9' } });
    const a = ranked({ ...go, 'package.json': lint, 'package-lock.json': '{}', 'web/a.js': '', 'web/b.js': '' });
    expect(a.ranked.map((d) => d.lang)).toEqual(['go', 'node']);
    expect(a.ties).toEqual([]);
    const drives = JSON.stringify({
      main: 'index.js',
      scripts: { build: 'npm run assets && go build -o ./var/app ./cmd/app' },
      dependencies: { preact: '10' },
    });
    const b = ranked({ ...go, 'package.json': drives, 'package-lock.json': '{}', 'index.js': '' });
    expect(b.ranked[0]!.lang).toBe('go');
    expect(b.ties).toEqual([]);
    // Alone, the same package.json is still a Node.js project.
    expect(ranked({ 'package.json': lint, 'index.js': '' }).ranked[0]!.lang).toBe('node');
  });

  test('a language with a fifth of the sources of another (20 or more) is a side part, not a tie', () => {
    const files: Record<string, string> = { 'go.mod': 'module x\n', Gemfile: "gem 'sinatra'\n", 'Gemfile.lock': '' };
    for (let i = 0; i < 30; i++) files[`pkg/f${i}.go`] = 'package pkg\n';
    files['main.go'] = GO_MAIN;
    for (let i = 0; i < 3; i++) files[`lib/s${i}.rb`] = '';
    const r = ranked(files);
    expect(r.ranked.map((d) => d.lang)).toEqual(['go', 'ruby']);
    expect(r.ties).toEqual([]);
    // With as many Ruby files as a third of Go's, it is a tie to ask about (whichever scores higher).
    for (let i = 3; i < 11; i++) files[`lib/s${i}.rb`] = '';
    const close = ranked(files);
    expect([close.ranked[0]!.lang, ...close.ties.map((d) => d.lang)].sort()).toEqual(['go', 'ruby']);
  });

  test('Kotlin and Scala sources count for the JVM build, tests aside', () => {
    const files: Record<string, string> = {
      'build.gradle.kts': 'plugins { kotlin("jvm") }\n',
      'settings.gradle.kts': '',
      'package.json': JSON.stringify({ dependencies: { react: '19' }, scripts: { build: 'vite build' } }),
      'package-lock.json': '{}',
    };
    for (let i = 0; i < 25; i++) files[`src/main/kotlin/F${i}.kt`] = '';
    for (let i = 0; i < 5; i++) files[`web/src/c${i}.js`] = '';
    files['app/src/test/kotlin/T.kt'] = '';
    const r = ranked(files);
    expect(r.ranked[0]).toMatchObject({ lang: 'java', files: 25 });
    expect(r.ranked[0]!.evidence).toContain('25 .kt files');
    expect(r.ties).toEqual([]);
  });

  test("a package.json whose main is build output the project lacks (a library's dist/) starts nothing", () => {
    const files: Record<string, string> = {
      'configure.ac': 'AC_INIT([srv], [1.0])\n',
      'Makefile.am': 'bin_PROGRAMS = srv\n',
      'package.json': JSON.stringify({ main: 'npm/dist/lib.js', dependencies: { adapter: '9' } }),
      'package-lock.json': '{}',
    };
    for (let i = 0; i < 10; i++) files[`src/f${i}.c`] = C_MAIN;
    for (let i = 0; i < 20; i++) files[`html/demo${i}.js`] = '';
    const r = ranked(files);
    expect(r.ranked[0]!.lang).toBe('c');
    expect(r.ties).toEqual([]);
  });

  test('an ask callback settles a tie', async () => {
    const dir = project(GO_AND_C);
    const g = await generate(dir, {
      ask: {
        lang: (c) => {
          expect(c.map((d) => d.lang).sort()).toEqual(['c', 'go']);
          return Promise.resolve('c' as const);
        },
      },
    });
    expect(g.plan.name).toBe('y');
  });

  test('answers given at a prompt are recorded as such', async () => {
    const dir = project({ 'go.mod': 'module m\n', 'cmd/a/main.go': GO_MAIN, 'cmd/b/main.go': GO_MAIN });
    const g = await generate(dir, {
      ask: { entry: () => Promise.resolve('cmd/b'), runtime: () => Promise.resolve('alpine' as const) },
    });
    expect(g.plan.decisions.find((d) => d.topic === 'Program')).toMatchObject({
      choice: 'b (./cmd/b)',
      because: 'chosen at the prompt',
    });
    expect(g.plan.decisions.find((d) => d.topic === 'Runtime')).toMatchObject({
      choice: 'alpine (alpine:3.20)',
      because: 'chosen at the prompt',
    });
    expect(g.plan.warnings).toEqual([]);
  });

  test('nothing recognisable is a clear error', async () => {
    const dir = project({ 'README.md': '# hi\n', 'notes.txt': 'x' });
    expect(detect(scanProject(dir)).ranked).toEqual([]);
    await expect(generate(dir)).rejects.toMatchObject({ code: 'E_NO_PROJECT' });
  });

  test('dependency and build folders are not walked', () => {
    const r = ranked({
      'go.mod': 'module x\n',
      'main.go': GO_MAIN,
      'node_modules/a/b.c': C_MAIN,
      'vendor/x/y.c': C_MAIN,
      'build/z.cpp': C_MAIN,
      '.git/k.c': C_MAIN,
    });
    expect(r.ranked.map((d) => d.lang)).toEqual(['go']);
  });
});
