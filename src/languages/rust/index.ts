import { dirname } from 'node:path';
import { isBuilt, type Scan } from '../../core/scan.js';
import { shellWord } from '../../core/quote.js';
import type { Decision, Strategy } from '../../core/types.js';
import { LANGUAGE_DATA } from '../data.js';
import { binaryIgnore, missingSubmodules, sourcePoints } from '../shared.js';
import type { BuildSpec, Detection, Language, ResolveOptions, Resolved } from '../types.js';
import { dependencyLayer } from './layer.js';
import { readLockFile } from './lock.js';
import { nativeCode } from './native.js';
import { runNeeds } from './needs.js';
import { readWorkspace } from './packages.js';
import { notAnOption, pathWord } from './paths.js';
import { resolvePort } from './ports.js';
import { chooseProgram } from './programs.js';
import { linkStrategies } from './strategies.js';
import { resolveVersion } from './version.js';

const DATA = LANGUAGE_DATA.rust;

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
    const ws = readWorkspace(scan, warnings);
    const program = chooseProgram(scan, ws, opts, warnings);
    const { crate, name } = program;
    const version = resolveVersion(scan, opts, crate.rustVersion ?? ws.rootCrate?.rustVersion, warnings);
    const lock = readLockFile(scan, warnings);
    const native = nativeCode(lock.packages);
    const port = resolvePort(scan, opts, crate.dir, ws.memberDirs, lock.packages);
    const run = runNeeds(scan, name, port, lock.packages);
    missingSubmodules(scan, [scan.read('Cargo.toml') ?? ''], warnings);
    const linking = linkStrategies(native, opts.static);
    const layer = dependencyLayer(scan, ws, lock.present, warnings);
    const decisions: Decision[] = [
      program.decision,
      { topic: 'Rust version', choice: version.value, because: version.source },
      ...(native.decision ? [native.decision] : []),
      ...(run.decision ? [run.decision] : []),
      linking.decision,
    ];
    return {
      lang: 'rust',
      name,
      version,
      entries: program.entries,
      entry: program.entry,
      port,
      needs: run.needs,
      strategies: linking.strategies,
      builderGlibc: DATA.builderGlibc,
      decisions,
      warnings,
      ignore: ['target/', ...binaryIgnore(scan.root, name)],
      keep: layer.keep,
      own: {
        pkg: crate.name,
        bin: name,
        features: [...new Set(program.bin.features)],
        lock: lock.present,
        members: layer.packageDirs,
        manifests: layer.manifests,
        stubs: layer.stubs,
        apt: native.apt,
        env: native.env,
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
