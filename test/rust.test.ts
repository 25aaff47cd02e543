import { describe, expect, test } from '@jest/globals';
import { scanProject } from '../src/detect/scan.js';
import { generate } from '../src/index.js';
import { rust, rustRelease } from '../src/lang/rust.js';
import { project } from './helpers.js';

const MAIN = 'fn main() { println!("hi"); }\n';
const pkg = (name: string, extra = '') => `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n${extra}`;
const resolve = (files: Record<string, string>, opts = {}) => rust.resolve(scanProject(project(files)), 'rust', opts);
const lock = (...crates: [string, string[]?][]) => `version = 4\n${crates.map(([n, deps]) => `\n[[package]]\nname = "${n}"\nversion = "1.0.0"\n${deps ? `dependencies = [${deps.map((d) => `"${d}"`).join(', ')}]\n` : ''}`).join('')}`;

describe('Rust binaries, as Cargo finds them', () => {
  test('[[bin]], src/main.rs, src/bin/*.rs and src/bin/*/main.rs; default-run first', () => {
    const r = resolve({
      'Cargo.toml': pkg('tools', 'default-run = "beta"\n\n[[bin]]\nname = "gamma"\npath = "tools/gamma.rs"\nrequired-features = ["extra"]\n'),
      'src/main.rs': MAIN, 'src/bin/alpha.rs': MAIN, 'src/bin/beta/main.rs': MAIN, 'tools/gamma.rs': MAIN,
    });
    expect(r.entries.map((e) => e.value)).toEqual(['beta', 'gamma', 'alpha', 'tools']);
    expect(r.name).toBe('beta');
    const gamma = resolve({ 'Cargo.toml': pkg('tools', '\n[[bin]]\nname = "gamma"\npath = "tools/gamma.rs"\nrequired-features = ["extra"]\n'), 'tools/gamma.rs': MAIN }, { entry: 'gamma' });
    expect(rust.build(gamma, gamma.strategies[0]!).vars.build).toContain("--bin gamma --features extra");
  });

  test('a workspace: members by glob, libraries are no programs, path dependencies get stand-ins too', async () => {
    const files = {
      'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\ndefault-members = ["crates/cli"]\n',
      'crates/cli/Cargo.toml': pkg('mycli', '\n[dependencies]\ncore = { path = "../core" }\nshared = { path = "../../shared" }\n'), 'crates/cli/src/main.rs': MAIN,
      'crates/core/Cargo.toml': pkg('core'), 'crates/core/src/lib.rs': '',
      'crates/server/Cargo.toml': pkg('server', 'build = "build.rs"\n'), 'crates/server/src/main.rs': MAIN, 'crates/server/build.rs': MAIN,
      'shared/Cargo.toml': pkg('shared'), 'shared/src/lib.rs': '',
    };
    const r = resolve(files);
    expect(r.entries.map((e) => e.value)).toEqual(['crates/cli::mycli', 'crates/server::server']);
    expect(r.name).toBe('mycli');
    expect(resolve(files, { entry: 'server' }).name).toBe('server');
    const text = (await generate(project(files))).files[0]!.content;
    for (const m of ['COPY Cargo.toml ./', 'COPY crates/cli/Cargo.toml crates/cli/', 'COPY crates/core/Cargo.toml crates/core/', 'COPY shared/Cargo.toml shared/']) expect(text).toContain(m);
    expect(text).toContain("echo '' > crates/core/src/lib.rs");
    expect(text).toContain("echo 'fn main() {}' > crates/server/build.rs");
    expect(text).toContain('-p mycli --bin mycli');
    expect(text).toMatch(/touch .*crates\/cli\/src\/main\.rs/);
  });

  test('a package with only a library is refused with the fix', () => {
    expect(() => resolve({ 'Cargo.toml': pkg('lib'), 'src/lib.rs': '' })).toThrow(expect.objectContaining({ code: 'E_NO_ENTRY' }));
  });

  test('Cargo.toml that is not TOML is an exit-2 error naming it', () => {
    expect(() => resolve({ 'Cargo.toml': '[package\nname = ', 'src/main.rs': MAIN })).toThrow(expect.objectContaining({ code: 'E_UNREADABLE', message: expect.stringContaining('Cargo.toml is not valid TOML') }));
  });
});

describe('Rust toolchain', () => {
  test.each([['1.80', '1.80'], ['1.80.1', '1.80.1'], ['stable', undefined], ['nightly-2024-01-01', undefined], ['1.080', undefined]])('rustRelease(%s) = %s', (c, want) => {
    expect(rustRelease(c)).toBe(want);
  });
  test('rust-toolchain.toml names a release; rust-version is a floor shown with the stable default', () => {
    expect(resolve({ 'Cargo.toml': pkg('a'), 'src/main.rs': MAIN, 'rust-toolchain.toml': '[toolchain]\nchannel = "1.82.0"\n' }).version).toEqual({ value: '1.82.0', source: 'rust-toolchain.toml (channel 1.82.0)' });
    expect(resolve({ 'Cargo.toml': pkg('a'), 'src/main.rs': MAIN, 'rust-toolchain': '1.79\n' }).version.value).toBe('1.79');
    const r = resolve({ 'Cargo.toml': pkg('a', 'rust-version = "1.74"\n'), 'src/main.rs': MAIN });
    expect(r.version.value).toBe('1.96');
    expect(r.version.source).toContain('rust-version 1.74 is the floor');
    expect(resolve({ 'Cargo.toml': pkg('a'), 'src/main.rs': MAIN, 'rust-toolchain.toml': '[toolchain]\nchannel = "nightly"\n' }).warnings.join()).toContain('nightly');
  });
});

describe('native code and TLS from every package in Cargo.lock', () => {
  const base = { 'Cargo.toml': pkg('app'), 'src/main.rs': MAIN };
  const ids = (files: Record<string, string>, opts = {}) => resolve({ ...base, ...files }, opts).strategies.map((s) => s.id);
  test('no native code: dynamic, musl static (the default) and glibc static', () => {
    expect(ids({ 'Cargo.lock': lock(['app']) })).toEqual(['rust-dynamic', 'rust-musl', 'rust-glibc-static']);
    expect(ids({}, { staticMode: 'glibc' })).toEqual(['rust-dynamic', 'rust-glibc-static']);
    expect(ids({}, { staticMode: 'musl' })).toEqual(['rust-dynamic', 'rust-musl']);
  });
  test('openssl-sys without vendored: no static build, libssl at run time, the fix says rustls or vendored', async () => {
    const files = { ...base, 'Cargo.lock': lock(['app', ['openssl']], ['openssl', ['openssl-sys']], ['openssl-sys', ['cc', 'libc', 'pkg-config']]) };
    const r = resolve(files);
    expect(r.strategies.map((s) => s.id)).toEqual(['rust-dynamic']);
    expect(r.strategies[0]!.requires).toEqual(['glibc', 'libgcc_s', 'libssl']);
    expect(r.needs.certs).toContain('openssl-sys');
    const g = await generate(project(files));
    expect(g.plan.runtime).toBe('distroless');
    expect(g.plan.final.image).toBe('gcr.io/distroless/cc-debian12:nonroot');
    expect(g.plan.options.find((o) => o.runtime === 'scratch')!.fix).toContain('rustls');
    expect(g.files[0]!.content).toContain('libssl-dev');
  });
  test('openssl-sys with openssl-src (vendored) builds its own and links statically', () => {
    expect(ids({ 'Cargo.lock': lock(['app', ['openssl-sys']], ['openssl-sys', ['cc', 'openssl-src']], ['openssl-src']) })).toEqual(['rust-dynamic', 'rust-musl', 'rust-glibc-static']);
  });
  test('libsqlite3-sys: bundled (cc among its dependencies) or the system library, whose archive allows glibc static', () => {
    expect(ids({ 'Cargo.lock': lock(['app', ['libsqlite3-sys']], ['libsqlite3-sys', ['cc', 'pkg-config', 'vcpkg']], ['cc']) })).toEqual(['rust-dynamic', 'rust-musl', 'rust-glibc-static']);
    expect(ids({ 'Cargo.lock': lock(['app', ['libsqlite3-sys']], ['libsqlite3-sys', ['pkg-config', 'vcpkg']], ['cc']) })).toEqual(['rust-dynamic', 'rust-glibc-static']);
  });
  test('rustls with webpki-roots needs no CA file; native roots do', () => {
    expect(resolve({ ...base, 'Cargo.lock': lock(['app', ['rustls']], ['rustls'], ['webpki-roots']) }).needs.certs).toBeUndefined();
    expect(resolve({ ...base, 'Cargo.lock': lock(['app', ['rustls']], ['rustls'], ['rustls-native-certs']) }).needs.certs).toContain('rustls-native-certs');
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
