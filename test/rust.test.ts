import { describe, expect, test } from '@jest/globals';
import { scanProject } from '../src/core/scan.js';
import { generate } from '../src/index.js';
import { rust } from '../src/languages/rust/index.js';
import { rustRelease } from '../src/languages/rust/version.js';
import { project } from './helpers.js';

const MAIN = 'fn main() { println!("hi"); }\n';
const pkg = (name: string, extra = '') => `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n${extra}`;
const resolve = (files: Record<string, string>, opts = {}) => rust.resolve(scanProject(project(files)), 'rust', opts);
const lock = (...crates: [string, string[]?][]) =>
  `version = 4\n${crates.map(([n, deps]) => `\n[[package]]\nname = "${n}"\nversion = "1.0.0"\n${deps ? `dependencies = [${deps.map((d) => `"${d}"`).join(', ')}]\n` : ''}`).join('')}`;

describe('Rust binaries, as Cargo finds them', () => {
  test('[[bin]], src/main.rs, src/bin/*.rs and src/bin/*/main.rs; default-run first', () => {
    const r = resolve({
      'Cargo.toml': pkg(
        'tools',
        'default-run = "beta"\n\n[[bin]]\nname = "gamma"\npath = "tools/gamma.rs"\nrequired-features = ["extra"]\n',
      ),
      'src/main.rs': MAIN,
      'src/bin/alpha.rs': MAIN,
      'src/bin/beta/main.rs': MAIN,
      'tools/gamma.rs': MAIN,
    });
    expect(r.entries.map((e) => e.value)).toEqual(['beta', 'gamma', 'alpha', 'tools']);
    expect(r.name).toBe('beta');
    const gamma = resolve(
      {
        'Cargo.toml': pkg(
          'tools',
          '\n[[bin]]\nname = "gamma"\npath = "tools/gamma.rs"\nrequired-features = ["extra"]\n',
        ),
        'tools/gamma.rs': MAIN,
      },
      { entry: 'gamma' },
    );
    expect(rust.build(gamma, gamma.strategies[0]!).vars.build).toContain('--bin gamma --features extra');
  });

  test('a workspace: members by glob, libraries are no programs, path dependencies get stand-ins too', async () => {
    const files = {
      'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\ndefault-members = ["crates/cli"]\n',
      'crates/cli/Cargo.toml': pkg(
        'mycli',
        '\n[dependencies]\ncore = { path = "../core" }\nshared = { path = "../../shared" }\n',
      ),
      'crates/cli/src/main.rs': MAIN,
      'crates/core/Cargo.toml': pkg('core'),
      'crates/core/src/lib.rs': '',
      'crates/server/Cargo.toml': pkg('server', 'build = "build.rs"\n'),
      'crates/server/src/main.rs': MAIN,
      'crates/server/build.rs': MAIN,
      'shared/Cargo.toml': pkg('shared'),
      'shared/src/lib.rs': '',
    };
    const r = resolve(files);
    expect(r.entries.map((e) => e.value)).toEqual(['crates/cli::mycli', 'crates/server::server']);
    expect(r.name).toBe('mycli');
    expect(resolve(files, { entry: 'server' }).name).toBe('server');
    const text = (await generate(project(files))).files[0]!.content;
    for (const m of [
      'COPY Cargo.toml ./',
      'COPY crates/cli/Cargo.toml crates/cli/',
      'COPY crates/core/Cargo.toml crates/core/',
      'COPY shared/Cargo.toml shared/',
    ])
      expect(text).toContain(m);
    expect(text).toContain("echo '' > crates/core/src/lib.rs");
    expect(text).toContain("echo 'fn main() {}' > crates/server/build.rs");
    expect(text).toContain('-p mycli --bin mycli');
    expect(text).toMatch(/touch .*crates\/cli\/src\/main\.rs/);
  });

  test('a package with only a library is refused with the fix', () => {
    expect(() => resolve({ 'Cargo.toml': pkg('lib'), 'src/lib.rs': '' })).toThrow(
      expect.objectContaining({ code: 'E_NO_ENTRY' }),
    );
  });

  test('Cargo.toml that is not TOML is an exit-2 error naming it', () => {
    expect(() => resolve({ 'Cargo.toml': '[package\nname = ', 'src/main.rs': MAIN })).toThrow(
      expect.objectContaining({
        code: 'E_UNREADABLE',
        message: expect.stringContaining('Cargo.toml is not valid TOML'),
      }),
    );
  });
});

describe('Rust toolchain', () => {
  test.each([
    ['1.80', '1.80'],
    ['1.80.1', '1.80.1'],
    ['stable', undefined],
    ['nightly-2024-01-01', undefined],
    ['1.080', undefined],
  ])('rustRelease(%s) = %s', (c, want) => {
    expect(rustRelease(c)).toBe(want);
  });
  test('rust-toolchain.toml names a release; rust-version is a floor shown with the stable default', () => {
    expect(
      resolve({
        'Cargo.toml': pkg('a'),
        'src/main.rs': MAIN,
        'rust-toolchain.toml': '[toolchain]\nchannel = "1.82.0"\n',
      }).version,
    ).toEqual({ value: '1.82.0', source: 'rust-toolchain.toml (channel 1.82.0)' });
    expect(resolve({ 'Cargo.toml': pkg('a'), 'src/main.rs': MAIN, 'rust-toolchain': '1.79\n' }).version.value).toBe(
      '1.79',
    );
    const r = resolve({ 'Cargo.toml': pkg('a', 'rust-version = "1.74"\n'), 'src/main.rs': MAIN });
    expect(r.version.value).toBe('1.96');
    expect(r.version.source).toContain('rust-version 1.74 is the floor');
    expect(
      resolve({
        'Cargo.toml': pkg('a'),
        'src/main.rs': MAIN,
        'rust-toolchain.toml': '[toolchain]\nchannel = "nightly"\n',
      }).warnings.join(),
    ).toContain('nightly');
  });
});

describe('native code and TLS from every package in Cargo.lock', () => {
  const base = { 'Cargo.toml': pkg('app'), 'src/main.rs': MAIN };
  const ids = (files: Record<string, string>, opts = {}) =>
    resolve({ ...base, ...files }, opts).strategies.map((s) => s.id);
  test('no native code: dynamic, musl static (the default) and glibc static', () => {
    expect(ids({ 'Cargo.lock': lock(['app']) })).toEqual(['rust-dynamic', 'rust-musl', 'rust-glibc-static']);
    expect(ids({}, { static: 'glibc' })).toEqual(['rust-dynamic', 'rust-glibc-static']);
    expect(ids({}, { static: 'musl' })).toEqual(['rust-dynamic', 'rust-musl']);
  });
  test('openssl-sys without vendored: no static build, libssl at run time, the fix says rustls or vendored', async () => {
    const files = {
      ...base,
      'Cargo.lock': lock(
        ['app', ['openssl']],
        ['openssl', ['openssl-sys']],
        ['openssl-sys', ['cc', 'libc', 'pkg-config']],
      ),
    };
    const r = resolve(files);
    expect(r.strategies.map((s) => s.id)).toEqual(['rust-dynamic', 'glibc-closure']);
    expect(r.strategies[0]!.requires).toEqual(['glibc', 'libgcc_s', 'libssl']);
    expect(r.needs.certs).toContain('openssl-sys');
    // busybox:glibc with libssl, libcrypto and libgcc_s copied in (what ldd lists), before distroless/cc.
    const g = await generate(project(files));
    expect(g.plan.runtime).toBe('busybox-glibc');
    expect(g.files[0]!.content).toContain('COPY --from=build /out/lib/ /usr/local/lib/');
    const d = await generate(project(files), { runtime: 'distroless' });
    expect(d.plan.final.image).toBe('gcr.io/distroless/base-debian12:nonroot');
    expect(g.plan.options.find((o) => o.runtime === 'scratch')!.fix).toContain('rustls');
    expect(g.files[0]!.content).toContain('libssl-dev');
  });
  test('openssl-sys with openssl-src (vendored) builds its own and links statically', () => {
    expect(
      ids({ 'Cargo.lock': lock(['app', ['openssl-sys']], ['openssl-sys', ['cc', 'openssl-src']], ['openssl-src']) }),
    ).toEqual(['rust-dynamic', 'rust-musl', 'rust-glibc-static']);
  });
  test('libsqlite3-sys: bundled (cc among its dependencies) or the system library, whose archive allows glibc static', () => {
    expect(
      ids({
        'Cargo.lock': lock(['app', ['libsqlite3-sys']], ['libsqlite3-sys', ['cc', 'pkg-config', 'vcpkg']], ['cc']),
      }),
    ).toEqual(['rust-dynamic', 'rust-musl', 'rust-glibc-static']);
    expect(
      ids({ 'Cargo.lock': lock(['app', ['libsqlite3-sys']], ['libsqlite3-sys', ['pkg-config', 'vcpkg']], ['cc']) }),
    ).toEqual(['rust-dynamic', 'rust-glibc-static']);
  });
  test('rustls with webpki-roots needs no CA file; native roots do', () => {
    expect(
      resolve({ ...base, 'Cargo.lock': lock(['app', ['rustls']], ['rustls'], ['webpki-roots']) }).needs.certs,
    ).toBeUndefined();
    expect(
      resolve({ ...base, 'Cargo.lock': lock(['app', ['rustls']], ['rustls'], ['rustls-native-certs']) }).needs.certs,
    ).toContain('rustls-native-certs');
  });
  test('a crate that finds the home (dirs, directories, xdg) asks for a writable HOME', () => {
    expect(resolve({ ...base, 'Cargo.lock': lock(['app', ['dirs']], ['dirs']) }).needs.home).toBe(
      "dirs in Cargo.lock finds the user's home",
    );
    expect(resolve({ ...base, 'Cargo.lock': lock(['app', ['rustls']], ['rustls']) }).needs.home).toBeUndefined();
  });
  test('no Cargo.lock: a warning, and no --locked', async () => {
    const g = await generate(project(base));
    expect(g.plan.warnings.join()).toContain('no Cargo.lock');
    expect(g.files[0]!.content).not.toContain('--locked');
  });
});

describe('Rust ports', () => {
  test.each([
    ['let l = TcpListener::bind("0.0.0.0:8080")?;', 8080],
    ['let addr = SocketAddr::from(([0, 0, 0, 0], 3000));', 3000],
    ['HttpServer::new(app).bind(("0.0.0.0", 8088))?', 8088],
    ['#[arg(long, default_value = "9000")]\nport: u16,', 9000],
    ['#[arg(long = "listen", default_value = "127.0.0.1:7878")]', 7878],
    ['let retries = 3000;', undefined],
  ])('%s -> %s', (code, port) => {
    expect(resolve({ 'Cargo.toml': pkg('srv'), 'src/main.rs': `fn main() {\n${code}\n}\n` }).port?.value).toBe(port);
  });
});

describe('Rust: manifests are hostile too', () => {
  test('a target path that starts with - is never read as an option: ./-rf in mkdir, echo, touch and COPY', async () => {
    const files = {
      'Cargo.toml': `${pkg('app')}\n[[bin]]\nname = "app"\npath = "-rf"\n\n[[bin]]\nname = "two"\npath = "-x/main.rs"\n`,
      '-rf': MAIN,
      '-x/main.rs': MAIN,
    };
    const g = await generate(project(files));
    const text = g.files[0]!.content;
    expect(text).toContain('mkdir -p ./-x');
    expect(text).toContain("echo 'fn main() {}' > ./-rf");
    expect(text).toContain('touch ./-rf ./-x/main.rs');
    expect(text).not.toMatch(/(mkdir -p|touch|>) -/);
    const ws = await generate(
      project({
        'Cargo.toml': '[workspace]\nmembers = ["--x"]\n',
        '--x/Cargo.toml': pkg('xx'),
        '--x/src/main.rs': MAIN,
      }),
    );
    expect(ws.files[0]!.content).toContain('COPY ./--x/Cargo.toml ./--x/\n');
  });

  test('keep: every manifest, Cargo.lock, and every target file Cargo needs by name (examples, tests, benches named in Cargo.toml)', () => {
    const r = resolve({
      'Cargo.toml': `${pkg('app')}\n[[example]]\nname = "demo"\n\n[[example]]\nname = "big"\n\n[[test]]\nname = "it"\npath = "checks/it.rs"\n\n[[bench]]\nname = "speed"\n\n[dependencies]\ncore = { path = "core" }\n`,
      'Cargo.lock': lock(['app']),
      'src/main.rs': MAIN,
      'build.rs': MAIN,
      'examples/demo.rs': MAIN,
      'examples/big/main.rs': MAIN,
      'checks/it.rs': '',
      'benches/speed.rs': '',
      'core/Cargo.toml': pkg('core'),
      'core/src/lib.rs': '',
      'rust-toolchain.toml': '[toolchain]\nchannel = "1.80"\n',
    });
    expect(r.keep!.sort()).toEqual([
      'Cargo.lock',
      'Cargo.toml',
      'benches/speed.rs',
      'build.rs',
      'checks/it.rs',
      'core/Cargo.toml',
      'core/src/lib.rs',
      'examples/big/main.rs',
      'examples/demo.rs',
      'rust-toolchain.toml',
      'src/main.rs',
    ]);
  });

  test('member globs as Cargo reads them: *, ?, [..], [!..] within an element, ** across folders; exclude covers a folder and what is under it', () => {
    const files = {
      'Cargo.toml': '[workspace]\nmembers = ["crates/a?", "crates/[!b]*", "tools/**", "x["]\nexclude = ["tools/old"]\n',
      'crates/a1/Cargo.toml': pkg('a1'),
      'crates/a1/src/main.rs': MAIN,
      'crates/b1/Cargo.toml': pkg('b1'),
      'crates/b1/src/lib.rs': '',
      'crates/c1/Cargo.toml': pkg('c1'),
      'crates/c1/src/lib.rs': '',
      'tools/new/deep/Cargo.toml': pkg('deep'),
      'tools/new/deep/src/lib.rs': '',
      'tools/old/inner/Cargo.toml': pkg('inner'),
      'tools/old/inner/src/lib.rs': '',
    };
    const r = resolve(files);
    expect((r.own as { members: string[] }).members.sort()).toEqual(['crates/a1', 'crates/c1', 'tools/new/deep']);
    expect(r.warnings.join('\n')).toContain(
      'The workspace member pattern x[ in Cargo.toml is not a valid glob (a [ is never closed by ]): left out',
    );
  });

  test('path dependencies: a cycle ends, a path outside the project is a warning, a folder name the Dockerfile cannot copy is refused with a fix that works', () => {
    const cyc = resolve({
      'Cargo.toml': `${pkg('app')}\n[dependencies]\na = { path = "a" }\n`,
      'src/main.rs': MAIN,
      'a/Cargo.toml': `${pkg('a')}\n[dependencies]\napp = { path = ".." }\nb = { path = "../b" }\n`,
      'a/src/lib.rs': '',
      'b/Cargo.toml': `${pkg('b')}\n[dependencies]\na = { path = "../a" }\n`,
      'b/src/lib.rs': '',
    });
    expect((cyc.own as { members: string[] }).members).toEqual(['a', 'b']);
    const out = resolve({
      'Cargo.toml': `${pkg('app')}\n[dependencies]\nz = { path = "../z" }\n`,
      'src/main.rs': MAIN,
    });
    expect(out.warnings.join('\n')).toContain('Cargo.toml depends on ../z by path, outside this directory');
    expect(
      resolve({
        'Cargo.toml': `${pkg('app')}\n[dependencies]\nz = { path = "/opt/z" }\n`,
        'src/main.rs': MAIN,
        'opt/z/Cargo.toml': pkg('z'),
      }).warnings.join('\n'),
    ).toContain('depends on /opt/z by path, outside this directory');
    expect(() =>
      resolve({
        'Cargo.toml': `${pkg('app')}\n[dependencies]\nz = { path = "my crate" }\n`,
        'src/main.rs': MAIN,
        'my crate/Cargo.toml': pkg('z'),
        'my crate/src/lib.rs': '',
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'E_UNSAFE_VALUE',
        hint: expect.stringContaining('Rename it to a plain relative path'),
      }),
    );
  });

  test('a binary name holding :: is refused as a name, not a crash (found by the fuzz step)', () => {
    for (const name of ['app:::::', 'a::b'])
      expect(() => resolve({ 'Cargo.toml': `${pkg('app')}\n[[bin]]\nname = "${name}"\n` })).toThrow(
        expect.objectContaining({ code: 'E_UNSAFE_VALUE' }),
      );
  });

  test('a chain of path dependencies deeper than the cap is cut, with a warning', () => {
    const files: Record<string, string> = {
      'Cargo.toml': `${pkg('app')}\n[dependencies]\nd0 = { path = "d0" }\n`,
      'src/main.rs': MAIN,
    };
    for (let i = 0; i < 40; i++) {
      files[`d${i}/Cargo.toml`] = `${pkg(`d${i}`)}\n[dependencies]\nd${i + 1} = { path = "../d${i + 1}" }\n`;
      files[`d${i}/src/lib.rs`] = '';
    }
    const r = resolve(files);
    expect(r.warnings.join('\n')).toMatch(/Stopped reading packages at path dependencies nested more than 32 deep/);
    expect((r.own as { members: string[] }).members.length).toBe(32);
  });
});
