import { basename, dirname } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { LIBRARIES } from '../../core/data.js';
import { LANGUAGE_DATA } from '../data.js';
import { CRATES } from './data.js';
import { UserError } from '../../core/errors.js';
import { isBuilt, LIMITS, type Scan } from '../../core/scan.js';
import { safeName, shellWord, shown } from '../../core/quote.js';
import type { Choice, Decision, Fact, Needs, Strategy } from '../../core/types.js';
import {
  binaryIgnore,
  findPort,
  helpersLast,
  joinRel as join,
  listed,
  missingSubmodules,
  pickEntry,
  portFromDockerfile,
  type PortPattern,
  serverCommand,
  sourcePoints,
} from '../shared.js';
import { obj, str, type Toml } from '../../core/parse.js';
import type { BuildSpec, Detection, Language, ResolveOptions, Resolved } from '../types.js';
import type { Crate } from './crate.js';
import { readLock } from './lock.js';
import { readWorkspace } from './packages.js';
import { notAnOption, pathWord, plainPath } from './paths.js';

const DATA = LANGUAGE_DATA.rust;

/** A toolchain channel that is a release ("1.80", "1.80.1"), or undefined ("stable", "nightly-2024-01-01"). */
export function rustRelease(channel: string | undefined): string | undefined {
  const m = /^(1\.(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2}))?)$/.exec(channel?.trim() ?? '');
  return m?.[1];
}

const minor = (v: string) => Number(v.split('.')[1]);

function resolveVersion(scan: Scan, opts: ResolveOptions, floor: string | undefined, warnings: string[]): Fact<string> {
  if (opts.langVersion !== undefined) {
    const v = rustRelease(opts.langVersion);
    if (!v)
      throw new UserError(
        'E_BAD_FLAG',
        `--lang-version "${shown(opts.langVersion)}" is not a Rust release.`,
        'Use a release like 1.80 or 1.80.1.',
      );
    return { value: v, source: '--lang-version' };
  }
  for (const file of ['rust-toolchain.toml', 'rust-toolchain']) {
    const text = scan.manifest(file, LIMITS.versionBytes);
    if (text === undefined) continue;
    let channel: string | undefined;
    try {
      channel = str(obj((parseToml(text) as Toml).toolchain)?.channel);
    } catch {
      channel = text.trim().split('\n')[0];
    }
    const v = rustRelease(channel);
    if (v) return { value: v, source: `${file} (channel ${v})` };
    if (channel && /nightly/.test(channel))
      warnings.push(
        `${file} asks for ${shown(channel, 40)}: the rust image is a stable toolchain, so features that need nightly will not build.`,
      );
    break;
  }
  const source = `the current stable release (rust:${DATA.defaultVersion}, checked ${DATA.supportChecked})`;
  if (floor && rustRelease(floor) && minor(floor) > minor(DATA.defaultVersion))
    warnings.push(
      `rust-version ${shown(floor, 20)} is newer than ${DATA.defaultVersion}, the newest release known here: pass --lang-version.`,
    );
  return {
    value: DATA.defaultVersion,
    source: floor ? `${source}; rust-version ${shown(floor, 20)} is the floor` : source,
  };
}

const PORT_ARG = /^(port|addr|address|listen|bind|http[-_]?port|listen[-_]?addr(ess)?)$/i;

/** Ports: explicit binds, framework defaults, clap defaults for port/addr arguments. */
const RUST_PORT_PATTERNS: PortPattern[] = [
  /\bbind\(\s*"[\w.\-[\]:]{0,60}:(\d{2,5})"/,
  /\bbind\(\s*\(\s*"[\w.\-:]{0,60}"\s*,\s*(\d{2,5})\s*\)/,
  /SocketAddr::from\(\s*\(\s*\[[\d,\s]{1,30}\]\s*,\s*(\d{2,5})\s*\)\s*\)/,
  /\b(?:parse|from_str)\(\s*"[\w.\-[\]]{0,60}:(\d{2,5})"/,
  // clap: #[arg(long = "port", default_value = "8080")], or the field's own name after the attribute.
  {
    re: /\b(?:long|name)\s*=\s*"([\w-]{1,40})"[^\]\n]{0,160}?default_value(?:_t)?\s*=\s*(?:"?(\d{2,5})(?![\d.:])|"[\w.\-[\]]{0,60}:(\d{2,5})")/,
    name: PORT_ARG,
  },
  {
    re: /#\[(?:arg|clap|structopt)\([^\]\n]{0,200}?default_value(?:_t)?\s*=\s*(?:"?(\d{2,5})(?![\d.:])|"[\w.\-[\]]{0,60}:(\d{2,5})")[^\]\n]{0,200}\]\s*(?:pub\s+)?(\w{1,40})\s*:/,
    name: PORT_ARG,
    nameGroup: 3,
  },
];

export const rust: Language = {
  ids: ['rust'],

  detect(scan: Scan): Detection[] {
    const evidence: string[] = [];
    let score = 0;
    if (scan.has('Cargo.toml')) {
      score += 100;
      evidence.push('Cargo.toml');
    }
    if (scan.has('Cargo.lock')) {
      score += 10;
      evidence.push('Cargo.lock');
    }
    const sources = scan.withExt('.rs').filter(isBuilt);
    score += sourcePoints(sources, '.rs', evidence);
    return score >= 100
      ? [{ lang: 'rust', score, evidence }]
      : score
        ? [{ lang: 'rust', score: Math.min(score, 30), evidence }]
        : [];
  },

  resolve(scan: Scan, _lang, opts: ResolveOptions): Resolved {
    const warnings: string[] = [];
    const decisions: Decision[] = [];
    const { crates, rootCrate, memberDirs, defaults, seen } = readWorkspace(scan, warnings);
    const wsName = rootCrate?.name ?? basename(scan.root);
    // Programs: default members first, then the root package, then the rest; examples and tests folders are no programs.
    const rank = (c: Crate) => (defaults.has(c.dir) ? 0 : c.dir === '.' ? 1 : isBuilt(`${c.dir}/x`) ? 2 : 3);
    const ordered = [...crates].sort((a, b) => rank(a) - rank(b));
    const entries: Choice[] = helpersLast(
      ordered
        .filter((c) => rank(c) < 3 || opts.entry !== undefined)
        .flatMap((c) => {
          const bins = c.defaultRun
            ? [...c.bins].sort((a, b) => Number(b.name === c.defaultRun) - Number(a.name === c.defaultRun))
            : c.bins;
          return bins.map((b) => ({
            value: c.dir === '.' ? b.name : `${c.dir}::${b.name}`,
            label: c.dir === '.' ? b.name : `${b.name} (${c.dir})`,
            source: `${join(c.dir, b.path)} in package ${c.name}${b.name === c.defaultRun ? ' (default-run)' : ''}`,
          }));
        }),
      (e) => (e.source?.endsWith('(default-run)') ? '' : e.value.split('::').pop()!),
    );
    if (!entries.length) {
      throw new UserError(
        'E_NO_ENTRY',
        `No binary found: ${crates.length ? `the package${crates.length > 1 ? 's' : ''} ${listed(crates.map((c) => c.name))} build${crates.length > 1 ? '' : 's'} only libraries` : 'Cargo.toml has no [package] and no workspace members'}.`,
        'Run it in the folder of a binary crate (src/main.rs or [[bin]]), or name one with --entry.',
      );
    }
    const binOf = (e: Choice) => e.value.split('::').pop()!;
    // --entry may name a package: its only (or default-run) binary.
    let wanted = opts.entry;
    const byPackage = wanted !== undefined ? crates.find((c) => c.name === wanted || c.dir === wanted) : undefined;
    if (byPackage && !entries.some((e) => binOf(e) === wanted))
      wanted = byPackage.defaultRun ?? byPackage.bins[0]?.name ?? wanted;
    const preferred = rootCrate?.defaultRun ?? wsName;
    const entry = pickEntry(entries, wanted, binOf, preferred, warnings, opts.entrySource);
    const [dir, binName] = entry.value.includes('::')
      ? (entry.value.split('::') as [string, string])
      : ['.', entry.value];
    const crate = crates.find((c) => c.dir === dir)!;
    const bin = crate.bins.find((b) => b.name === binName)!;
    const name = safeName(bin.name, 'Binary name', '--entry', `${join(dir, 'Cargo.toml')}`);
    decisions.push({
      topic: 'Program',
      choice: `${name} (package ${crate.name}${dir === '.' ? '' : `, ${dir}`})`,
      because: entry.source,
    });

    const floor = crate.rustVersion ?? rootCrate?.rustVersion;
    const version = resolveVersion(scan, opts, floor, warnings);
    decisions.push({ topic: 'Rust version', choice: version.value, because: version.source });

    // Native code and TLS from every package in Cargo.lock, not only direct dependencies.
    const lockText = scan.manifest('Cargo.lock');
    if (!lockText)
      warnings.push(
        'There is no Cargo.lock: dependency versions are not pinned and the build resolves them anew each time. Run cargo generate-lockfile and commit Cargo.lock.',
      );
    const lock = readLock(lockText);
    const inLock = new Map(lock.map((p) => [p.name, p]));
    const libs: string[] = [];
    /** Libraries only a dynamic build links (static builds compile their own copy). */
    const dynamicOnly: string[] = [];
    const apt = new Set<string>();
    const env: string[] = [];
    const nativeNotes: string[] = [];
    let muslBlocked: string | undefined;
    for (const [crateName, info] of Object.entries(CRATES)) {
      const p = inLock.get(crateName);
      if (!p) continue;
      for (const t of info.buildApt ?? []) apt.add(t);
      for (const e of info.env ?? []) env.push(e);
      if (info.dynamicLibrary) {
        dynamicOnly.push(info.dynamicLibrary);
        nativeNotes.push(
          `${crateName}: links the system ${info.dynamicLibrary} in a dynamic build, its own copy in a static one`,
        );
        continue;
      }
      const vendored =
        info.vendoredWhen !== undefined &&
        inLock.has(info.vendoredWhen) &&
        (info.vendoredWhenDep ? p.deps.includes(info.vendoredWhen) : true);
      if (!info.library || vendored || info.alwaysStatic) {
        nativeNotes.push(
          `${crateName}: ${vendored ? `built from source (${info.vendoredWhen} in Cargo.lock) and linked in` : info.alwaysStatic ? 'built from source and linked in' : 'no system library'}`,
        );
        continue;
      }
      libs.push(info.library);
      const dev = LIBRARIES[info.library]?.dev;
      if (dev) apt.add(dev);
      nativeNotes.push(`${crateName}: links the system ${info.library}`);
      if (!muslBlocked)
        muslBlocked = `${crateName} links the system ${info.library}, built for glibc${info.fix ? `; ${info.fix}` : ''}`;
    }
    if (nativeNotes.length)
      decisions.push({
        topic: 'Native code',
        choice: nativeNotes.join('; '),
        because: 'crates in Cargo.lock (data/crates.json)',
      });

    const needs: Needs = {};
    const nativeRoots = [
      'rustls-native-certs',
      'rustls-platform-verifier',
      'openssl-probe',
      'native-tls',
      'openssl-sys',
    ].find((c) => inLock.has(c));
    if (nativeRoots) needs.certs = `${nativeRoots} in Cargo.lock reads the system's CA certificates`;
    else if (inLock.has('webpki-roots'))
      decisions.push({
        topic: 'CA certificates',
        choice: 'not needed',
        because: 'webpki-roots in Cargo.lock: the roots are compiled in',
      });

    const members = new Set(memberDirs);
    const inMember = (f: string) => {
      for (let i = f.indexOf('/'); i > 0; i = f.indexOf('/', i + 1)) if (members.has(f.slice(0, i))) return true;
      return false;
    };
    const sources = scan
      .withExt('.rs')
      .filter((f) => (dir === '.' ? !inMember(f) : f.startsWith(`${dir}/`)) && isBuilt(f));
    const port =
      opts.port !== undefined
        ? { value: opts.port, source: '--port' }
        : (findPort(scan, sources, RUST_PORT_PATTERNS) ??
          (inLock.has('rocket') ? { value: 8000, source: 'rocket in Cargo.lock (its default port)' } : undefined) ??
          portFromDockerfile(scan));
    if (
      port &&
      (inLock.has('axum') ||
        inLock.has('actix-web') ||
        inLock.has('warp') ||
        inLock.has('rocket') ||
        inLock.has('hyper'))
    ) {
      const command = serverCommand(scan, name);
      if (command) needs.command = command;
    }
    missingSubmodules(scan, [scan.read('Cargo.toml') ?? ''], warnings);

    // Ways to link: static with musl (no glibc NSS caveat), static glibc, or dynamic glibc.
    const allStatic = libs.every((l) => LIBRARIES[l]?.static === true);
    const musl: Strategy = {
      id: 'rust-musl',
      libc: 'none',
      requires: [],
      summary: 'a static musl binary (target *-unknown-linux-musl)',
    };
    const glibcStatic: Strategy = {
      id: 'rust-glibc-static',
      libc: 'none',
      requires: [],
      summary: `a static glibc binary (-C target-feature=+crt-static${libs.length ? `, with ${libs.join(', ')} linked in` : ''})`,
    };
    const dynamic: Strategy = {
      id: 'rust-dynamic',
      libc: 'glibc',
      requires: ['glibc', 'libgcc_s', ...libs, ...dynamicOnly],
      summary: `a dynamic glibc binary (needs libgcc_s${libs.length ? `, ${libs.join(', ')}` : ''})`,
      fix: muslBlocked
        ? `${muslBlocked}: choose distroless or slim`
        : 'choose a runtime with glibc and libgcc_s (distroless, slim), or a static build',
    };
    const statics: Strategy[] = [];
    const mode = opts.static;
    if (!muslBlocked && mode !== 'glibc') statics.push(musl);
    if (allStatic && mode !== 'musl') statics.push(glibcStatic);
    const strategies = [dynamic, ...statics];
    decisions.push({
      topic: 'Static linking',
      choice: statics[0] ? statics[0].summary : 'none: dynamic only',
      because:
        statics[0]?.id === 'rust-musl'
          ? mode === 'musl'
            ? '--static musl'
            : 'musl is fully static with no run-time look-ups from glibc (NSS); --static glibc builds with the same toolchain instead'
          : statics[0]
            ? mode === 'glibc'
              ? '--static glibc'
              : `musl is not possible (${muslBlocked}); glibc's static build looks users and hosts up through NSS, which scratch lacks`
            : `${muslBlocked ?? 'a library'} has no static archive`,
    });

    const features = [...new Set(bin.features)];
    const packageDirs = crates.filter((c) => c.dir !== '.').map((c) => c.dir);
    const withPackage = new Set(crates.map((c) => c.dir));
    for (const d of [...seen].filter((x) => x !== '.' && !withPackage.has(x)))
      warnings.push(`${shown(d)} is a path dependency or member without a package: the build may miss it.`);
    const manifests = ['Cargo.toml', ...packageDirs.map((m) => `${m}/Cargo.toml`)].map((m) =>
      plainPath(m, 'Manifest', 'Cargo.toml'),
    );
    const stubs = crates.flatMap((c) =>
      c.targets.map((t) => plainPath(join(c.dir, t.replace(/^\.\//, '')), 'Cargo target', join(c.dir, 'Cargo.toml'))),
    );
    // What Cargo and the dependency layer read by name: no .dockerignore line may exclude it.
    const keep = [
      ...manifests,
      ...(lockText !== undefined ? ['Cargo.lock'] : []),
      ...stubs,
      ...['rust-toolchain.toml', 'rust-toolchain', '.cargo/config.toml', '.cargo/config'].filter((f) => scan.has(f)),
    ];
    return {
      lang: 'rust',
      name,
      version,
      entries,
      entry,
      port,
      needs,
      strategies,
      builderGlibc: DATA.builderGlibc,
      decisions,
      warnings,
      ignore: ['target/', ...binaryIgnore(scan.root, name)],
      keep: [...new Set(keep)],
      own: {
        pkg: crate.name,
        bin: name,
        features,
        lock: lockText !== undefined,
        members: packageDirs,
        manifests,
        stubs,
        apt: [...apt],
        env,
      } satisfies RustInfo,
    };
  },

  build(resolved: Resolved, strategy: Strategy): BuildSpec {
    const info = resolved.own as RustInfo;
    const musl = strategy.id === 'rust-musl';
    const staticGlibc = strategy.id === 'rust-glibc-static';
    // The target triple of the machine building, for the static builds (crt-static needs an explicit --target).
    const triple = musl
      ? 'T="$(uname -m)-unknown-linux-musl"'
      : staticGlibc
        ? 'T="$(rustc -vV | sed -n \'s/^host: //p\')"'
        : '';
    const env = [...info.env, ...(staticGlibc ? ['RUSTFLAGS="-C target-feature=+crt-static"'] : [])];
    const flags = [
      '--release',
      ...(info.lock ? ['--locked'] : []),
      ...(musl || staticGlibc ? ['--target "$T"'] : []),
      '-p',
      shellWord(info.pkg),
      '--bin',
      shellWord(info.bin),
      ...(info.features.length ? ['--features', shellWord(info.features.join(','))] : []),
    ];
    const cargo = `${triple ? `${triple} && ` : ''}${env.length ? `${env.join(' ')} ` : ''}cargo build ${flags.join(' ')} --config profile.release.strip=true`;
    const out = musl || staticGlibc ? 'target/"$T"/release' : 'target/release';
    const stubDirs = [...new Set(info.stubs.map((s) => dirname(s)).filter((d) => d !== '.'))];
    const stubCmd = [
      ...(stubDirs.length ? [`mkdir -p ${stubDirs.map(pathWord).join(' ')}`] : []),
      ...info.stubs.map((s) => `echo '${s.endsWith('lib.rs') ? '' : 'fn main() {}'}' > ${pathWord(s)}`),
    ];
    return {
      partial: 'rust',
      image: 'rust:${RUST_VERSION}-bookworm',
      args: [{ name: 'RUST_VERSION', value: resolved.version.value }],
      artifact: `/out/${resolved.name}`,
      vars: {
        apt: [...info.apt, ...(musl ? ['musl-tools'] : [])].join(' '),
        musl,
        manifests: info.manifests.map((m) => ({
          src: notAnOption(m),
          dest: dirname(m) === '.' ? './' : `${notAnOption(dirname(m))}/`,
        })),
        lock: info.lock,
        stubs: stubCmd,
        deps: cargo,
        touch: info.stubs.length ? `touch ${info.stubs.map(pathWord).join(' ')}` : 'true',
        build: `${cargo} && mkdir -p /out && cp ${out}/${info.bin} /out/${resolved.name}`,
        name: resolved.name,
      },
    };
  },
};

interface RustInfo {
  pkg: string;
  bin: string;
  features: string[];
  lock: boolean;
  members: string[];
  manifests: string[];
  stubs: string[];
  apt: string[];
  env: string[];
}
