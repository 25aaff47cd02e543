import { dirname } from 'node:path';
import { shellWord } from '../../core/quote.js';
import type { Strategy } from '../../core/types.js';
import { CLOSURE, closureFiles } from '../closure.js';
import type { BuildSpec, Resolved } from '../types.js';
import { notAnOption, pathWord } from './paths.js';

/** What resolve() hands build(): the package and binary, and what the dependency layer copies. */
export interface RustInfo {
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

/** The variables of templates/partials/build/rust.hbs. */
export interface RustVars {
  /** Debian packages the builder installs ('' for none). */
  apt: string;
  /** The musl target is added to the toolchain. */
  musl: boolean;
  /** COPY lines of the manifests, each to its package's folder. */
  manifests: { src: string; dest: string }[];
  /** Cargo.lock is copied. */
  lock: boolean;
  /** Commands that write the stand-in sources. */
  stubs: string[];
  /** The cargo command of the dependency layer. */
  deps: string;
  /** The command that makes the real sources newer than the stand-ins' build. */
  touch: string;
  /** The build and the copy of the binary to /out. */
  build: string;
  /** The program's name: the binary in /out. */
  name: string;
  /** The libraries the program links are copied from the build stage (ldd's list) to /out/lib. */
  closure: boolean;
}

/** The cargo build command: the target triple for static builds, the crates' environment, the package and binary. */
function cargoCommand(info: RustInfo, musl: boolean, staticGlibc: boolean): string {
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
  return `${triple ? `${triple} && ` : ''}${env.length ? `${env.join(' ')} ` : ''}cargo build ${flags.join(' ')} --config profile.release.strip=true`;
}

/** The build stage: dependencies from the manifests and stand-in sources, then the real sources. */
export function build(resolved: Resolved<RustInfo>, strategy: Strategy): BuildSpec<RustVars> {
  const info = resolved.own;
  const musl = strategy.id === 'rust-musl';
  const staticGlibc = strategy.id === 'rust-glibc-static';
  const closure = strategy.id === CLOSURE.id;
  const cargo = cargoCommand(info, musl, staticGlibc);
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
    ...(closure ? closureFiles(resolved.name) : {}),
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
      closure,
    },
  };
}
