import { describe, expect, test } from '@jest/globals';
import { scanProject } from '../src/core/scan.js';
import { generate } from '../src/index.js';
import { go } from '../src/languages/go/index.js';
import { embedPatterns } from '../src/languages/go/embed.js';
import { parseGoMod } from '../src/languages/go/gomod.js';
import { parseGoFile } from '../src/languages/go/source.js';
import { goMinor } from '../src/languages/go/version.js';
import { globMatches, parseGlobElement } from '../src/languages/glob.js';
import { GO_MAIN, project } from './helpers.js';

const resolve = (files: Record<string, string>, opts = {}) => go.resolve(scanProject(project(files)), 'go', opts);

describe('go.mod and Go sources', () => {
  test('parseGoMod reads module, go, toolchain and requires (block and single)', () => {
    const m = parseGoMod(
      'module github.com/a/b/v2 // c\n\ngo 1.22.3\ntoolchain go1.23.1\nrequire x.org/y v1.0.0\nrequire (\n\tgithub.com/mattn/go-sqlite3 v1.14.0 // indirect\n\tz.io/q v0.1.0\n)\n',
    );
    expect(m).toEqual({
      module: 'github.com/a/b/v2',
      go: '1.22.3',
      toolchain: 'go1.23.1',
      requires: ['x.org/y', 'github.com/mattn/go-sqlite3', 'z.io/q'],
      localReplaces: [],
    });
    expect(
      parseGoMod('module m\nreplace a.org/b => ../b\nreplace (\n\tc.org/d v1 => ./d\n\te.org/f => g.org/f v1.2.0\n)\n')
        .localReplaces,
    ).toEqual(['../b', './d']);
  });

  test('parseGoFile ignores imports inside comments and finds aliased ones', () => {
    const f = parseGoFile(
      '// import "os/user"\n/* import "net" */\npackage main\n\nimport (\n\tf "fmt"\n\t_ "embed"\n\t"net/http"\n)\nimport "C"\n',
    );
    expect(f.pkg).toBe('main');
    expect(f.imports.sort()).toEqual(['C', 'embed', 'fmt', 'net/http']);
  });

  test.each([
    ['1.22.3', '1.22'],
    ['go1.23.1', '1.23'],
    ['1.22', '1.22'],
    ['1.21rc2', '1.21'],
    ['latest', undefined],
    ['', undefined],
  ])('goMinor(%s) = %s', (v, want) => {
    expect(goMinor(v)).toBe(want);
  });
});

describe('Go version: flag > .go-version > .tool-versions > toolchain > go > default, with its source', () => {
  const files = { 'go.mod': 'module x\n\ngo 1.26.0\ntoolchain go1.27.1\n', 'main.go': GO_MAIN };
  test('toolchain beats go', () =>
    expect(resolve(files).version).toEqual({ value: '1.27', source: 'go.mod (toolchain go1.27.1)' }));
  test('go line alone', () =>
    expect(resolve({ ...files, 'go.mod': 'module x\ngo 1.26.2\n' }).version).toEqual({
      value: '1.26',
      source: 'go.mod (go 1.26.2)',
    }));
  test('a go line older than the oldest supported release is a minimum: built with that release, its semantics kept', () => {
    const r = resolve({ ...files, 'go.mod': 'module x\ngo 1.22\n' });
    expect(r.version.value).toBe('1.26');
    expect(r.version.source).toMatch(
      /^go\.mod \(go 1\.22\) is a minimum; Go 1\.22 is no longer supported, so Go 1\.26 .* builds it with Go 1\.22 language semantics$/,
    );
    expect(r.warnings).toEqual([]);
    // An old toolchain line is a minimum too.
    expect(resolve({ ...files, 'go.mod': 'module x\ngo 1.20\ntoolchain go1.24.3\n' }).version.value).toBe('1.26');
  });
  test('a pinned toolchain (.go-version) is kept as pinned', () =>
    expect(resolve({ ...files, '.go-version': '1.22.5\n' }).version).toEqual({ value: '1.22', source: '.go-version' }));
  test('.tool-versions beats go.mod', () =>
    expect(resolve({ ...files, '.tool-versions': 'nodejs 20\ngolang 1.23.2\n' }).version).toEqual({
      value: '1.23',
      source: '.tool-versions',
    }));
  test('.go-version beats .tool-versions', () =>
    expect(resolve({ ...files, '.tool-versions': 'golang 1.23.2\n', '.go-version': '1.20.1\n' }).version.source).toBe(
      '.go-version',
    ));
  test('the flag beats everything', () =>
    expect(resolve(files, { langVersion: '1.24' }).version).toEqual({ value: '1.24', source: '--lang-version' }));
  test('a bad flag is a typed error', () =>
    expect(() => resolve(files, { langVersion: 'newest' })).toThrow(expect.objectContaining({ code: 'E_BAD_FLAG' })));
  test('no go.mod: the floating golang:1 tag, said so', () =>
    expect(resolve({ 'main.go': GO_MAIN }).version).toEqual({ value: '1', source: expect.stringMatching(/^default/) }));
  test('an ancient pinned version builds with the oldest image used, with a warning', () => {
    const r = resolve({ 'go.mod': 'module x\ngo 1.12\n', '.go-version': '1.12\n', 'main.go': GO_MAIN });
    expect(r.version).toEqual({ value: '1.16', source: '.go-version, raised to 1.16' });
    expect(r.warnings.join()).toContain('older than the oldest image');
  });
  test('a version newer than any known is kept, with a warning', () => {
    const r = resolve({ 'go.mod': 'module x\ngo 1.40\n', 'main.go': GO_MAIN });
    expect(r.version.value).toBe('1.40');
    expect(r.warnings.join()).toContain('--lang-version');
  });
  test('requirements without go.sum are a warning that names the fix', () => {
    const r = resolve({ 'go.mod': 'module x\nrequire a.org/b v1.0.0\n', 'main.go': GO_MAIN });
    expect(r.warnings.join()).toContain('go mod tidy');
    expect(r.decisions.find((d) => d.topic === 'Modules')).toMatchObject({
      choice: 'downloaded in their own cached layer',
      because: '1 requirement in go.mod',
    });
    expect(
      resolve({ 'go.mod': 'module x\nrequire a.org/b v1.0.0\n', 'go.sum': '', 'main.go': GO_MAIN }).warnings,
    ).toEqual([]);
  });

  test('a replace outside the project is a warning', () => {
    expect(resolve({ 'go.mod': 'module x\nreplace y.org/z => ../z\n', 'main.go': GO_MAIN }).warnings.join()).toContain(
      'outside this directory',
    );
  });
  test('a garbage version in a file is a warning, not a silent swap', () => {
    const r = resolve({ 'go.mod': 'module x\n', '.go-version': 'stable\n', 'main.go': GO_MAIN });
    expect(r.warnings.join()).toContain('stable');
  });
});

describe('Go programs, cgo and run-time needs', () => {
  test('several cmd/ programs: the one named like the module wins, else the first with a warning', () => {
    const files = {
      'go.mod': 'module example.com/tool\n',
      'cmd/tool/main.go': GO_MAIN,
      'cmd/admin/main.go': GO_MAIN,
      'internal/x/x.go': 'package x\n',
    };
    const r = resolve(files);
    expect(r.name).toBe('tool');
    expect(r.entries.map((e) => e.value)).toEqual(['cmd/admin', 'cmd/tool']);
    const r2 = resolve({ ...files, 'go.mod': 'module example.com/other\n' });
    expect(r2.name).toBe('admin');
    expect(r2.warnings.join()).toMatch(/Several programs.*--entry/);
    expect(resolve(files, { entry: 'admin' }).name).toBe('admin');
    expect(resolve(files, { entry: './cmd/admin/' }).name).toBe('admin');
    expect(() => resolve(files, { entry: 'nope' })).toThrow(expect.objectContaining({ code: 'E_NO_ENTRY' }));
  });

  test('generators behind //go:build ignore and examples are not programs; cmd/ comes before tools', () => {
    const files = {
      'go.mod': 'module example.com/lib\n',
      'lib.go': 'package lib\n',
      'gen.go': '//go:build ignore\n\npackage main\n\nimport "os"\nfunc main(){ os.Exit(0) }\n',
      'examples/demo/main.go': GO_MAIN,
      'tools/lint/main.go': GO_MAIN,
      'cmd/zed/main.go': GO_MAIN,
    };
    const r = resolve(files);
    expect(r.entries.map((e) => e.value)).toEqual(['cmd/zed', 'tools/lint']);
    // A main package under examples/ is no program of the project's, unless named.
    expect(resolve(files, { entry: 'examples/demo' }).name).toBe('demo');
    expect(r.name).toBe('zed');
    expect(parseGoFile('// +build ignore\n\npackage main\n').excluded).toBe('// +build ignore');
    expect(parseGoFile('package main\n// go:build ignore is only a comment here\n').excluded).toBeUndefined();
  });

  test('a library without package main is refused', () => {
    expect(() => resolve({ 'go.mod': 'module x\n', 'lib.go': 'package lib\n' })).toThrow(
      expect.objectContaining({ code: 'E_NO_ENTRY' }),
    );
  });

  test('the root package takes the module name, without a /vN suffix', () => {
    expect(resolve({ 'go.mod': 'module github.com/a/server/v3\n', 'main.go': GO_MAIN }).name).toBe('server');
  });

  test('cgo: import "C" (not in tests) or a known cgo module', () => {
    const r = resolve({
      'go.mod': 'module x\n',
      'main.go': GO_MAIN,
      'c.go': 'package main\n// #include <stdio.h>\nimport "C"\n',
    });
    expect(r.strategies.map((s) => s.id)).toEqual(['cgo-glibc']);
    expect(r.decisions.find((d) => d.topic === 'cgo')!.because).toBe('import "C" in c.go');
    expect(
      resolve({ 'go.mod': 'module x\n', 'main.go': GO_MAIN, 'c_test.go': 'package main\nimport "C"\n' }).strategies[0]!
        .id,
    ).toBe('static');
    const sqlite = resolve({
      'go.mod': 'module x\nrequire github.com/mattn/go-sqlite3 v1.14.22\n',
      'main.go': GO_MAIN,
    });
    expect(sqlite.strategies[0]!.id).toBe('cgo-glibc');
  });

  test('needs: certificates for net/http, passwd for os/user, /tmp for temp files, tzdata embedded for LoadLocation', () => {
    const r = resolve({
      'go.mod': 'module x\n',
      'main.go':
        'package main\nimport (\n"net/http"\n"os/user"\n"os"\n"time"\n)\nfunc main(){ http.Get("x"); user.Current(); os.CreateTemp("", "x"); time.LoadLocation("Europe/Paris") }\n',
    });
    expect(r.needs.certs).toContain('net/http');
    expect(r.needs.passwd).toContain('os/user');
    expect(r.needs.tmp).toContain('main.go');
    expect(r.decisions.find((d) => d.topic === 'Time zones')!.choice).toContain('timetzdata');
  });

  test('only what the chosen program links counts: its own packages, transitively', () => {
    const files = {
      'go.mod': 'module example.com/m\n',
      'cmd/api/main.go': 'package main\nimport "example.com/m/internal/web"\nfunc main(){ web.Serve() }\n',
      'cmd/worker/main.go': 'package main\nimport "fmt"\nfunc main(){ fmt.Println() }\n',
      'internal/web/web.go': 'package web\nimport "example.com/m/internal/auth"\nfunc Serve(){}\n',
      'internal/auth/auth.go':
        'package auth\nimport ("crypto/tls"; "os/user")\nvar _ = tls.Client\nvar _ = user.Current\n',
      'internal/cgo/c.go': 'package cgo\nimport "C"\n',
    };
    const api = resolve(files, { entry: 'api' });
    expect(api.needs).toEqual({
      certs: 'imports "crypto/tls" (internal/auth/auth.go)',
      passwd: 'imports "os/user" (internal/auth/auth.go)',
    });
    expect(api.strategies[0]!.id).toBe('static');
    const worker = resolve(files, { entry: 'worker' });
    expect(worker.needs).toEqual({});
  });

  test('.dockerignore keeps a local build of the binary out, but never a directory of that name', () => {
    const files = { 'go.mod': 'module x\n', 'cmd/api/main.go': GO_MAIN };
    expect(resolve(files).ignore).toContain('/api');
    expect(resolve({ ...files, 'api/openapi.yaml': 'x' }).ignore).not.toContain('/api');
  });

  test('net/url alone needs no certificates', () => {
    expect(
      resolve({ 'go.mod': 'module x\n', 'main.go': 'package main\nimport "net/url"\nfunc main(){ url.Parse("") }\n' })
        .needs.certs,
    ).toBeUndefined();
  });

  test('port from ListenAndServe, or --port', () => {
    const r = resolve({
      'go.mod': 'module x\n',
      'main.go': 'package main\nimport "net/http"\nfunc main(){ http.ListenAndServe(":8081", nil) }\n',
    });
    expect(r.port).toEqual({ value: 8081, source: expect.stringContaining('main.go') });
    expect(resolve({ 'go.mod': 'module x\n', 'main.go': GO_MAIN }, { port: 9000 }).port).toEqual({
      value: 9000,
      source: '--port',
    });
  });

  test('go.sum is copied with go.mod when present; vendor/ skips the download layer', async () => {
    const withSum = await generate(project({ 'go.mod': 'module x\n', 'go.sum': '', 'main.go': GO_MAIN }));
    expect(withSum.files[0]!.content).toContain('COPY go.mod go.sum ./');
    const vendored = await generate(project({ 'go.mod': 'module x\n', 'vendor/modules.txt': '', 'main.go': GO_MAIN }));
    expect(vendored.files[0]!.content).not.toContain('go mod download');
    const bare = await generate(project({ 'main.go': GO_MAIN }));
    expect(bare.files[0]!.content).toContain('go mod init');
  });

  test('no go.mod: the module path comes from an import of its own folder, and go mod tidy adds the rest', async () => {
    const files = {
      'main.go':
        'package main\n\nimport (\n\t"github.com/dave/blast/worker"\n\t"github.com/pkg/errors"\n)\n\nfunc main() { worker.Run(); _ = errors.New }\n',
      'worker/worker.go': 'package worker\n\nfunc Run() {}\n',
    };
    const g = await generate(project(files));
    expect(g.files[0]!.content).toContain('go mod init github.com/dave/blast && go mod tidy');
    // Nothing that names one of its folders: the project's name.
    const plain = await generate(project({ 'main.go': GO_MAIN }));
    expect(plain.files[0]!.content).toMatch(/go mod init [\w.-]+ && go mod tidy/);
    // An import path that could break the RUN line is no module path.
    const odd = await generate(
      project({ ...files, 'main.go': files['main.go'].replace('github.com/dave/blast/worker', 'a;b.c/worker') }),
    );
    expect(odd.files[0]!.content).not.toContain('a;b.c');
  });
});

describe('Go: ports and vendor/, from what the program builds', () => {
  const withMain = (body: string, extra: Record<string, string> = {}) =>
    resolve({
      'go.mod': 'module example.com/app\ngo 1.26\n',
      'main.go': `package main\n\nimport "flag"\n\nfunc main() {\n${body}\n}\n`,
      ...extra,
    });
  test.each([
    ['port := flag.Int("port", 9090, "listen port")', 9090],
    ['flag.StringVar(&addr, "listen-addr", "0.0.0.0:7070", "address")', 7070],
    ['cmd.Flags().IntP("port", "p", 5050, "port")', 5050],
    ['p := getEnv("PORT", "3000")', 3000],
    ['addr := envOr("HTTP_ADDR", ":8081")', 8081],
    ['const defaultPort = 4040', 4040],
    ['retries := flag.Int("retries", 3000, "")\nmaxConns := 1024', undefined],
  ])('%s -> %s', (code, port) => {
    expect(withMain(code).port?.value).toBe(port);
  });
  test('a port in a file the program does not build is no evidence', () => {
    expect(
      withMain('', {
        'x_windows.go': 'package main\n\nconst defaultPort = 4040\n',
        'tools/gen/main.go': 'package main\n\nfunc main() { _ = getEnv("PORT", "9999") }\n',
      }).port,
    ).toBeUndefined();
  });
  test('vendor/ with a go line below 1.14 is not used by go build: said so, and modules are downloaded', () => {
    const r = resolve({
      'go.mod': 'module example.com/app\ngo 1.13\nrequire x.org/y v1.0.0\n',
      'go.sum': '',
      'vendor/modules.txt': '# x.org/y v1.0.0\n',
      'main.go': GO_MAIN,
    });
    expect(r.decisions.find((d) => d.topic === 'vendor/')).toMatchObject({
      choice: 'not used: modules are downloaded',
    });
    expect(r.decisions.find((d) => d.topic === 'Modules')!.choice).toBe('downloaded in their own cached layer');
    const v = resolve({
      'go.mod': 'module example.com/app\ngo 1.21\nrequire x.org/y v1.0.0\n',
      'vendor/modules.txt': '# x.org/y v1.0.0\n',
      'main.go': GO_MAIN,
    });
    expect(v.decisions.find((d) => d.topic === 'Modules')!.choice).toMatch(/^vendored/);
  });
});

describe('Go: what the build needs is in the tree', () => {
  test('a //go:embed pattern that matches nothing stops the run, naming the line', async () => {
    const main = 'package main\n\nimport "embed"\n\n//go:embed web/dist/*\nvar files embed.FS\n\nfunc main() {}\n';
    const dir = project({ 'go.mod': 'module example.com/app\ngo 1.26\n', 'main.go': main, 'web/src/app.ts': '' });
    await expect(generate(dir)).rejects.toMatchObject({
      code: 'E_MISSING',
      message:
        'main.go:5: //go:embed web/dist/* matches no file in the project, so go build would stop inside the image.',
    });
    const built = project({
      'go.mod': 'module example.com/app\ngo 1.26\n',
      'main.go': main,
      'web/dist/index.html': '<p>',
    });
    expect((await generate(built)).plan.name).toBe('app');
  });
});

describe('Go: //go:embed patterns, read the way the Go tool reads them', () => {
  const mod = 'module example.com/app\ngo 1.26\n';
  const embed = (pattern: string) =>
    `package main\n\nimport "embed"\n\n//go:embed ${pattern}\nvar files embed.FS\n\nfunc main() {}\n`;
  const matches = (pattern: string, name: string) => {
    const e = parseGlobElement(pattern, 'go');
    if (typeof e === 'string') throw new Error(e);
    return globMatches(e, name);
  };

  test('path.Match semantics: * and ? within a name, [a-z] and [^a-z] classes, \\ escapes, dot files matched', () => {
    expect(matches('*.html', 'index.html')).toBe(true);
    expect(matches('*.html', '.hidden.html')).toBe(true);
    expect(matches('*.html', 'index.htm')).toBe(false);
    expect(matches('a?c', 'abc')).toBe(true);
    expect(matches('a?c', 'ac')).toBe(false);
    expect(matches('[a-c]x', 'bx')).toBe(true);
    expect(matches('[^a-c]x', 'bx')).toBe(false);
    expect(matches('[^a-c]x', 'dx')).toBe(true);
    expect(matches('[!a]', '!')).toBe(true); // Go negates with ^ only
    expect(matches('\\*', '*')).toBe(true);
    expect(matches('\\*', 'a')).toBe(false);
    expect(matches('*a*b', 'xaxxb')).toBe(true);
    expect(matches('*a*b', 'xaxxbc')).toBe(false);
    expect(matches('a*', 'a')).toBe(true);
    expect(matches('**', 'anything')).toBe(true); // two stars are one star within a name
    expect(matches('(a|b){c}', '(a|b){c}')).toBe(true); // no groups, braces or extglobs
    expect(matches('*é', 'café')).toBe(true);
    // A long name against many stars: at most (name x pattern) steps, never backtracking.
    expect(matches(`${'*a'.repeat(40)}*b`, 'a'.repeat(255))).toBe(false);
  });

  test('what go build rejects as "invalid pattern syntax" is a typed refusal naming the line, with the fix', async () => {
    for (const bad of ['x[', '[]a]', '[-a]', '[a-]', 'x\\', '../x', '/x', 'x/', 'a//b', '.']) {
      const dir = project({ 'go.mod': mod, 'main.go': embed(bad), x: '' });
      const e = await generate(dir).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect({ bad, e }).toMatchObject({
        bad,
        e: {
          code: 'E_UNREADABLE',
          message: expect.stringContaining('main.go:5: //go:embed'),
          hint: expect.stringContaining('Fix the pattern at main.go:5'),
        },
      });
    }
    const open = project({ 'go.mod': mod, 'main.go': embed('"x y'), x: '' });
    await expect(generate(open)).rejects.toMatchObject({
      code: 'E_UNREADABLE',
      message: expect.stringContaining('main.go:5: //go:embed does not parse'),
    });
    expect(embedPatterns(' a "b c" `d` e\t\u2028f\u0085g')).toEqual(['a', 'b c', 'd', 'e', 'f', 'g']);
  });

  test('patterns are matched an element at a time; what they match is kept out of .dockerignore exclusions', () => {
    const r = resolve({
      'go.mod': mod,
      'go.sum': '',
      'main.go': embed('web/*/index.html all:.env templates'),
      'web/dist/index.html': '',
      '.env': 'X=1',
      'templates/a.tmpl': '',
    });
    expect(r.keep).toEqual(expect.arrayContaining(['web/dist/index.html', '.env', 'templates', 'go.mod', 'go.sum']));
    expect(() => resolve({ 'go.mod': mod, 'main.go': embed('web/*/index.html'), 'web/dist/other.html': '' })).toThrow(
      /matches no file/,
    );
    // A folder name that is matched but holds no such file matches nothing, as in Go.
    expect(() => resolve({ 'go.mod': mod, 'main.go': embed('*/x.txt'), 'a/y.txt': '' })).toThrow(/matches no file/);
  });

  test('a pattern over the length cap is not checked, and the user is told', () => {
    const long = `static/${'a'.repeat(250)}`;
    const r = resolve({ 'go.mod': mod, 'main.go': embed(long) });
    expect(r.warnings.join('\n')).toMatch(
      /main\.go:5: the \/\/go:embed pattern .* is longer than 200 characters and was not checked/,
    );
  });

  test('checking stops after 2000 patterns, and says so', () => {
    const r = resolve({ 'go.mod': mod, 'main.go': embed('x '.repeat(2001)), x: '' });
    expect(r.warnings.join('\n')).toContain('Stopped checking //go:embed patterns after 2000 patterns');
  });

  test('keep: go.mod, go.sum, go.work, vendor when used, the main package folder, local replace targets', () => {
    const r = resolve({
      'go.mod': 'module example.com/app\ngo 1.22\nrequire x.org/y v1.0.0\nreplace x.org/y => ./third/y\n',
      'go.sum': '',
      'vendor/modules.txt': '# x.org/y v1.0.0\n',
      'cmd/app/main.go': GO_MAIN,
      'third/y/go.mod': 'module x.org/y\n',
    });
    expect(r.keep!.sort()).toEqual(['cmd/app', 'go.mod', 'go.sum', 'third/y', 'vendor', 'vendor/modules.txt']);
  });

  test('go.mod comments are cut at //, whatever follows on the line', () => {
    expect(parseGoMod('module m // a // b \u2028 c\ngo 1.22 //x\n')).toMatchObject({ module: 'm', go: '1.22' });
  });
});

describe('Go: what a server needs to start', () => {
  const mod = 'module example.com/svc\ngo 1.26\n';
  test('a program that makes relative folders gets a working directory it owns', async () => {
    const g = await generate(
      project({
        'go.mod': mod,
        'main.go': 'package main\n\nimport "os"\n\nfunc main() { _ = os.MkdirAll("data/db", 0o755) }\n',
      }),
    );
    expect(g.files[0]!.content).toContain(
      'COPY --from=build --chown=65532:65532 /rootfs-app /app\n# the program\nCOPY --from=build /out/svc /app/svc',
    );
    expect(g.files[0]!.content).toContain('RUN mkdir -p /rootfs-app');
    const abs = await generate(
      project({
        'go.mod': mod,
        'main.go': 'package main\n\nimport "os"\n\nfunc main() { _ = os.MkdirAll("/tmp/x", 0o755) }\n',
      }),
    );
    expect(abs.files[0]!.content).not.toContain('rootfs-app');
  });
  test('a server whose README runs `svc serve` gets it as CMD; a CLI that does not listen does not', async () => {
    const readme = '# svc\n\n```sh\n$ svc serve --addr :8080\n```\n';
    const server = await generate(
      project({
        'go.mod': mod,
        'README.md': readme,
        'main.go': 'package main\n\nimport "net/http"\n\nfunc main() { _ = http.ListenAndServe(":8080", nil) }\n',
      }),
    );
    expect(server.files[0]!.content).toMatch(/ENTRYPOINT \["\/app\/svc"\]\nCMD \["serve"\]\n/);
    expect(server.plan.decisions.find((d) => d.topic === 'Command')!.because).toContain(
      'README.md: $ svc serve --addr :8080',
    );
    const cli = await generate(project({ 'go.mod': mod, 'README.md': readme, 'main.go': GO_MAIN }));
    expect(cli.files[0]!.content).not.toContain('CMD');
    const procfile = await generate(
      project({
        'go.mod': mod,
        Procfile: 'web: bin/svc server --port $PORT\n',
        'main.go': 'package main\n\nimport "net"\n\nfunc main() { _, _ = net.Listen("tcp", ":9000") }\n',
      }),
    );
    expect(procfile.plan.final.cmd).toEqual(['server']);
    expect(procfile.plan.final.expose).toBe(9000);
  });
  test("an existing Dockerfile's EXPOSE is evidence of the port", async () => {
    const g = await generate(
      project({
        'go.mod': mod,
        Dockerfile: 'FROM golang\nEXPOSE 7000\n',
        'main.go':
          'package main\n\nimport "net/http"\n\nfunc main() { _ = http.ListenAndServe(addr(), nil) }\nfunc addr() string { return "" }\n',
      }),
    );
    expect(g.plan.final.expose).toBe(7000);
  });
  test('a terminal program gets docker run -it in the header', async () => {
    const g = await generate(
      project({
        'go.mod': `${mod}require github.com/charmbracelet/bubbletea v1.0.0\n`,
        'go.sum': '',
        'main.go':
          'package main\n\nimport tea "github.com/charmbracelet/bubbletea"\n\nvar _ tea.Model\n\nfunc main() {}\n',
      }),
    );
    expect(g.files[0]!.content).toContain('#   docker run --rm -it svc\n');
  });
});

describe('Go: which program, in real layouts', () => {
  test('generators, docs tools and clients come after the program; a nested module is not part of this one', () => {
    const r = resolve({
      'go.mod': 'module github.com/cli/cli\ngo 1.26\n',
      'cmd/gen-docs/main.go': GO_MAIN,
      'cmd/gh/main.go': GO_MAIN,
    });
    expect(r.name).toBe('gh');
    // The program named like the module still wins over a daemon beside it: --entry chooses.
    expect(
      resolve({
        'go.mod': 'module github.com/rqlite/rqlite\ngo 1.26\n',
        'cmd/rqlite/main.go': GO_MAIN,
        'cmd/rqlited/main.go': GO_MAIN,
      }).name,
    ).toBe('rqlite');
    const nested = resolve({
      'go.mod': 'module example.com/tools\ngo 1.26\n',
      'main.go': GO_MAIN,
      'multimod/go.mod': 'module example.com/tools/multimod\n',
      'multimod/main.go': GO_MAIN,
    });
    expect(nested.entries.map((e) => e.value)).toEqual(['.']);
  });
});

describe('run-time needs', () => {
  const resolveGo = (files: Record<string, string>) => go.resolve(scanProject(project(files)), 'go', {});
  const main = (body: string, imports: string) =>
    `package main\n\nimport (\n${imports}\n)\n\nfunc main() {\n${body}\n}\n`;
  test('a program that writes beside its own executable, or to a relative path, needs /app as its own', () => {
    const beside = main(
      '\tdir := filepath.Dir(os.Args[0])\n\t_ = ioutil.WriteFile(dir+"/app.toml", nil, 0644)',
      '\t"io/ioutil"\n\t"os"\n\t"path/filepath"',
    );
    expect(resolveGo({ 'go.mod': 'module x\n', 'main.go': beside }).needs.workdir).toContain('finds its own folder');
    const relative = main('\t_ = ioutil.WriteFile(`data.json`, nil, 0644)', '\t"io/ioutil"');
    expect(resolveGo({ 'go.mod': 'module x\n', 'main.go': relative }).needs.workdir).toContain('data.json');
    // Reading its folder without writing anything needs nothing.
    const reads = main('\t_, _ = os.ReadFile(filepath.Dir(os.Args[0]) + "/x")', '\t"os"\n\t"path/filepath"');
    expect(resolveGo({ 'go.mod': 'module x\n', 'main.go': reads }).needs.workdir).toBeUndefined();
  });
  test('a program that keeps files under its home gets one of its own where the image has none', async () => {
    const config = main('\tdir, _ := os.UserConfigDir()\n\t_ = os.MkdirAll(dir, 0o700)', '\t"os"');
    expect(resolveGo({ 'go.mod': 'module x\n', 'main.go': config }).needs.home).toContain('os.UserConfigDir(');
    const xdg = main('\t_ = xdg.DataHome', '\t"github.com/adrg/xdg"');
    expect(resolveGo({ 'go.mod': 'module x\n\nrequire github.com/adrg/xdg v0.5.0\n', 'main.go': xdg }).needs.home).toBe(
      'imports "github.com/adrg/xdg" (main.go)',
    );
    expect(
      resolveGo({ 'go.mod': 'module x\n', 'main.go': main('\t_ = os.Getenv("X")', '\t"os"') }).needs.home,
    ).toBeUndefined();
    const dir = project({ 'go.mod': 'module x\n', 'main.go': config });
    const scratch = await generate(dir, { runtime: 'scratch' });
    expect(scratch.plan.final.env).toContain('HOME=/home/nonroot');
    expect(scratch.files[0]!.content).toContain('COPY --from=build --chown=65532:65532 /rootfs-home /home/nonroot');
    expect(scratch.files[0]!.content).toContain('RUN mkdir -p /rootfs-home');
    // distroless's nonroot user has /home/nonroot already: nothing to copy, HOME comes from its passwd.
    const distroless = await generate(dir, { runtime: 'distroless' });
    expect(distroless.plan.final.rootfs.home).toBe(false);
    expect(distroless.plan.final.env).not.toContain('HOME=/home/nonroot');
    expect(distroless.plan.decisions.find((d) => d.topic === 'Home')?.choice).toContain('has it');
  });
});

describe('local replace directives', () => {
  test("the dependency layer copies each replaced module's go.mod to its folder before go mod download", async () => {
    const files = {
      'go.mod':
        'module x\n\ngo 1.22\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ./third_party/lib\n',
      'go.sum': '',
      'main.go': GO_MAIN,
      'third_party/lib/go.mod': 'module example.com/lib\n\ngo 1.22\n',
      'third_party/lib/lib.go': 'package lib\n',
    };
    const text = (await generate(project(files))).files[0]!.content;
    const download = text.indexOf('go mod download');
    const copy = text.indexOf('COPY third_party/lib/go.mod third_party/lib/');
    expect(copy).toBeGreaterThan(0);
    expect(copy).toBeLessThan(download);
  });
});

describe('a server bound to the loopback address by its flag default', () => {
  const main = (flags: string) =>
    `package main\n\nimport (\n\t"flag"\n\t"net/http"\n)\n\nfunc main() {\n${flags}\n\tflag.Parse()\n\thttp.ListenAndServe(*addr, nil)\n}\n`;
  const resolveGo = (src: string) =>
    go.resolve(scanProject(project({ 'go.mod': 'module example.com/srv\n\ngo 1.22\n', 'main.go': src })), 'go', {});

  test('the image passes the same port on every address', () => {
    const r = resolveGo(main('\taddr := flag.String("addr", "127.0.0.1:3000", "listen address")'));
    expect(r.port?.value).toBe(3000);
    expect(r.needs.command?.args).toEqual(['--addr=0.0.0.0:3000']);
  });

  test('a profiling listener’s loopback default, or another port’s, is left alone', () => {
    const r = resolveGo(
      main(
        '\taddr := flag.String("addr", ":8080", "listen")\n\t_ = flag.String("pprof-addr", "localhost:8080", "pprof")\n\t_ = flag.String("listen", "localhost:9000", "other")',
      ),
    );
    expect(r.port?.value).toBe(8080);
    expect(r.needs.command).toBeUndefined();
  });
});
