import { describe, expect, test } from '@jest/globals';
import { DockerfileParser } from 'dockerfile-ast';
import { generate } from '../src/index.js';
import { place } from '../src/runtimes/index.js';
import { RUNTIMES, type RuntimeId, type Strategy } from '../src/core/types.js';
import { runtimesFor } from '../src/runtimes/index.js';
import { C_MAIN, GO_MAIN, project } from './helpers.js';

const STATIC: Strategy = { id: 'static', libc: 'none', requires: [], summary: 'static' };
const GLIBC: Strategy = { id: 'dyn', libc: 'glibc', requires: ['glibc'], summary: 'dynamic glibc' };
const CXX: Strategy = {
  id: 'cxx',
  libc: 'glibc',
  requires: ['glibc', 'libstdc++', 'libgcc_s'],
  summary: 'dynamic C++',
};

describe('the compatibility rule (data/runtimes.json)', () => {
  test('a static binary runs everywhere, on the smallest distroless image', () => {
    for (const r of runtimesFor('go')) expect(place(r, [STATIC], '2.36')).toMatchObject({ ok: true });
    // The JRE image is for Java alone: no native program is placed there.
    expect(place('jre', [STATIC], '2.36', 'go')).toMatchObject({ ok: false });
    expect(place('distroless', [STATIC], '2.36')).toMatchObject({
      image: { image: 'gcr.io/distroless/static-debian12:nonroot' },
    });
  });
  test('a glibc binary: refused on scratch and alpine, base on distroless', () => {
    expect(place('scratch', [GLIBC], '2.36')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('needs glibc'),
    });
    expect(place('alpine', [GLIBC], '2.36')).toMatchObject({ ok: false, reason: expect.stringContaining('musl') });
    expect(place('busybox-glibc', [GLIBC], '2.36')).toMatchObject({ ok: true });
    expect(place('distroless', [GLIBC], '2.36')).toMatchObject({
      image: { image: 'gcr.io/distroless/base-debian12:nonroot' },
    });
  });
  test('a dynamic C++ binary dies on busybox:glibc (no libgcc_s) but runs on slim and distroless/cc', () => {
    expect(place('busybox-glibc', [CXX], '2.36')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('libstdc++, libgcc_s'),
    });
    expect(place('slim', [CXX], '2.36')).toMatchObject({ ok: true });
    expect(place('distroless', [CXX], '2.36')).toMatchObject({
      image: { image: 'gcr.io/distroless/cc-debian12:nonroot' },
    });
  });
  test('a builder glibc newer than the runtime is refused (GLIBC_2.xx not found)', () => {
    expect(place('slim', [GLIBC], '2.41')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('glibc 2.41 or newer'),
    });
    expect(place('busybox-glibc', [GLIBC], '2.41')).toMatchObject({ ok: true });
  });
  test('a library the image lacks but can install is installed; one it cannot is a refusal', () => {
    const SSL: Strategy = { id: 'ssl', libc: 'glibc', requires: ['glibc', 'libssl'], summary: 'dynamic with libssl' };
    expect(place('slim', [SSL], '2.36')).toMatchObject({ ok: true, install: ['libssl3'] });
    expect(place('distroless', [SSL], '2.36')).toMatchObject({
      ok: true,
      install: [],
      image: { image: 'gcr.io/distroless/base-debian12:nonroot' },
    });
    expect(place('busybox-glibc', [SSL], '2.36')).toMatchObject({ ok: false, short: 'needs libssl' });
    expect(place('slim', [GLIBC], '2.36')).toMatchObject({ install: [] });
  });
  test('the runtime prefers its own libc: slim gets the dynamic build, scratch the static one', () => {
    expect(place('slim', [GLIBC, STATIC], '2.36')).toMatchObject({ strategy: { id: 'dyn' } });
    expect(place('scratch', [GLIBC, STATIC], '2.36')).toMatchObject({ strategy: { id: 'static' } });
  });
});

const EXAMPLES: Record<string, Record<string, string>> = {
  go: {
    'go.mod': 'module example.com/app\n\ngo 1.22\n',
    'main.go':
      'package main\nimport ("net/http"; "os/user")\nfunc main(){ user.Current(); http.ListenAndServe(":8080", nil) }\n',
  },
  cgo: { 'go.mod': 'module example.com/app\n', 'main.go': GO_MAIN, 'c.go': 'package main\nimport "C"\n' },
  c: { 'CMakeLists.txt': 'project(app C)\nadd_executable(app main.c)\n', 'main.c': C_MAIN },
  cpp: { Makefile: 'app: main.cpp\n\t$(CXX) -o app main.cpp\n', 'main.cpp': 'int main(){}' },
};

/** Every allowed pair renders a Dockerfile of the right shape; every refused pair errors with E_REFUSED. */
describe.each(Object.entries(EXAMPLES))('%s on every runtime', (_name, files) => {
  const dir = project(files);
  test.each(RUNTIMES.map((r) => [r]))('%s', async (runtime: RuntimeId) => {
    const base = await generate(dir);
    const option = base.plan.options.find((o) => o.runtime === runtime);
    if (!option?.ok) {
      expect(option === undefined).toBe(runtime === 'jre');
      await expect(generate(dir, { runtime })).rejects.toMatchObject({
        code: 'E_REFUSED',
        hint: expect.stringContaining('--runtime'),
      });
      return;
    }
    const g = await generate(dir, { runtime });
    const df = DockerfileParser.parse(g.files[0]!.content);
    const froms = df.getFROMs();
    expect(froms).toHaveLength(2);
    expect(froms[1]!.getImage()).toBe(g.plan.final.image);
    expect(g.plan.runtime).toBe(runtime);
  });
});

test('--explain lists only libraries as what a runtime provides for linking', async () => {
  const slim = await generate(project(EXAMPLES.c!), { runtime: 'slim' });
  expect(slim.plan.decisions.find((d) => d.topic === 'Linking')!.because).toBe(
    'slim provides glibc, libgcc_s, libstdc++, libz',
  );
  const distroless = await generate(project(EXAMPLES.cgo!), { runtime: 'distroless' });
  expect(distroless.plan.decisions.find((d) => d.topic === 'Linking')!.because).toBe(
    'distroless provides glibc, libssl',
  );
});

test('the default runtime is the smallest that runs the program', async () => {
  expect((await generate(project(EXAMPLES.go!))).plan.runtime).toBe('scratch');
  expect((await generate(project(EXAMPLES.cgo!))).plan.runtime).toBe('busybox-glibc');
  expect((await generate(project(EXAMPLES.c!))).plan.runtime).toBe('scratch');
  expect((await generate(project(EXAMPLES.cpp!))).plan.runtime).toBe('scratch');
});
