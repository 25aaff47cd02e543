import { LIBRARIES } from '../../core/data.js';
import { isBuilt, type Scan } from '../../core/scan.js';
import { obj } from '../../core/parse.js';
import { listed } from '../shared.js';
import { NODE_PACKAGES } from './data.js';
import type { NodeKind, ProgramPackage, Said } from './info.js';
import { lockPackages } from './lock.js';
import type { PackageManager } from './manager.js';
import type { Workspace } from './workspaces.js';

/** Native addons the build compiles, what the compile needs, and the libraries they load at run time. */
export interface NativeAddons {
  /** Every package the project installs: the lock's, and those its package.json files name. */
  packages: Set<string>;
  /** Packages of the table that node-gyp compiles. */
  addons: string[];
  /** Whether the builder compiles (an addon of the table, or, for a server, the project's own binding.gyp). */
  gyp: boolean;
  /** Debian -dev packages the compile needs beyond python3, make and g++. */
  buildApt: string[];
  /** data/libraries.json names the addons load at run time (none for a static site). */
  libs: string[];
}

/** Packages with install scripts that compile nothing this tool must know of (they download a binary, or set up tooling). */
const KNOWN_INSTALL_SCRIPTS = new Set([
  'esbuild',
  '@swc/core',
  'core-js',
  'core-js-pure',
  'fsevents',
  'sharp',
  'protobufjs',
  '@parcel/watcher',
  'nx',
  'msgpackr-extract',
  'unrs-resolver',
  '@biomejs/biome',
  'puppeteer',
  'cypress',
  'husky',
  'electron',
  'spawn-sync',
  'es5-ext',
  'ejs',
  'nodemon',
  'styled-components',
  '@prisma/client',
  '@prisma/engines',
  'prisma',
  'bufferutil',
  'utf-8-validate',
  'lmdb',
  '@tailwindcss/oxide',
  'workerd',
  'better-sqlite3',
]);

/** A warning for install scripts of packages neither table knows: one may compile an addon. */
function unknownInstallScripts(installScripts: Set<string> | undefined, kind: NodeKind, warnings: string[]): void {
  const unknown = [...(installScripts ?? [])].filter(
    (n) => !NODE_PACKAGES[n] && !KNOWN_INSTALL_SCRIPTS.has(n) && !n.startsWith('('),
  );
  if (unknown.length && kind !== 'static')
    warnings.push(
      `${listed(unknown, 6)} run${unknown.length > 1 ? '' : 's'} install scripts this tool does not know: if one compiles an addon, the build needs python3, make and g++ (they are in the node image without -slim).`,
    );
}

/** Native addons: the lock's packages (and the project's own binding.gyp) against the table. */
export function nativeAddons(
  scan: Scan,
  pm: PackageManager,
  p: ProgramPackage,
  workspaces: Workspace[],
  kind: NodeKind,
  said: Said,
): NativeAddons {
  const lock =
    pm.lockText && pm.lockFile ? { file: pm.lockFile, ...lockPackages(pm.lockText, pm.lockFile) } : undefined;
  const packages = new Set([
    ...(lock?.names ?? []),
    ...p.allDeps,
    ...workspaces.flatMap((w) => Object.keys({ ...obj(w.pkg.dependencies) })),
  ]);
  const addons = [...packages].filter((n) => NODE_PACKAGES[n]?.gyp).sort();
  const ownGyp = scan.files.filter((f) => f.endsWith('binding.gyp') && isBuilt(f)).slice(0, 5);
  const gyp = kind !== 'static' ? addons.length > 0 || ownGyp.length > 0 : addons.length > 0;
  const buildApt = [...new Set(addons.flatMap((a) => NODE_PACKAGES[a]!.build ?? []))];
  const libs =
    kind === 'static'
      ? []
      : [...new Set(addons.flatMap((a) => NODE_PACKAGES[a]!.libraries ?? []))].filter((l) => LIBRARIES[l]);
  if (gyp)
    said.decisions.push({
      topic: 'Native addons',
      choice: `${listed([...addons, ...ownGyp], 8)}: compiled in the builder (python3, make, g++${buildApt.length ? `, ${buildApt.join(', ')}` : ''})`,
      because: `${lock ? lock.file : 'package.json'}${ownGyp.length ? `, ${ownGyp[0]}` : ''}; data/node-packages.json`,
    });
  if (libs.length)
    said.decisions.push({
      topic: 'Run-time libraries',
      choice: libs.map((l) => LIBRARIES[l]!.debian).join(', '),
      because: `loaded by ${listed(addons.filter((a) => NODE_PACKAGES[a]!.libraries?.length))}`,
    });
  unknownInstallScripts(lock?.installScripts, kind, said.warnings);
  return { packages, addons, gyp, buildApt, libs };
}
