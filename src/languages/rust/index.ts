import type { Scan } from '../../core/scan.js';
import type { Decision } from '../../core/types.js';
import { LANGUAGE_DATA } from '../data.js';
import { binaryIgnore, missingSubmodules } from '../shared.js';
import type { Language, ResolveOptions, Resolved } from '../types.js';
import { detect } from './detect.js';
import { dependencyLayer } from './layer.js';
import { readLockFile } from './lock.js';
import { nativeCode } from './native.js';
import { runNeeds } from './needs.js';
import { readWorkspace } from './packages.js';
import { build, type RustInfo, type RustVars } from './plan.js';
import { resolvePort } from './ports.js';
import { chooseProgram } from './programs.js';
import { linkStrategies } from './strategies.js';
import { resolveVersion } from './version.js';

const DATA = LANGUAGE_DATA.rust;

export const rust: Language<RustInfo, RustVars> = {
  ids: ['rust'],
  detect,

  resolve(scan: Scan, _lang, opts: ResolveOptions): Resolved<RustInfo> {
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
      },
    };
  },

  build,
};
