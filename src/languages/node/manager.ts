import type { Scan } from '../../core/scan.js';
import { shown } from '../../core/quote.js';
import { minVersion, validRange } from 'semver';
import { obj, str } from '../../core/parse.js';
import type { Manager, Said } from './info.js';
import { readYaml, type Json } from './read.js';

/** The most of a lock file read (its package names decide native addons). */
const LOCK_CAP = 32 * 1024 * 1024;

/** Lock files in the order they are looked for, with the manager that writes each. */
const LOCKS: [string, Manager][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/** The package manager, its version when packageManager names one, and the lock it installs from. */
export interface PackageManager {
  manager: Manager;
  version: string | undefined;
  lockFile: string | undefined;
  /** The lock's text (none for bun's binary lock). */
  lockText: string | undefined;
  /** pnpm's major from the lock's format, when package.json names no packageManager. */
  lockMajor: string | undefined;
  /** Yarn Berry with Plug'n'Play (no node_modules). */
  pnp: boolean;
}

/** package.json's packageManager (corepack's name@version), or a warning that it is not one. */
function declared(root: Json, warnings: string[]): { name: string; version: string; field: string } | undefined {
  const field = str(root.packageManager);
  if (!field) return undefined;
  const pm = /^(npm|pnpm|yarn|bun)@(\d{1,4}(?:\.\d{1,6}){0,2}(?:-[\w.]{1,40})?)(?:\+[\w.]{1,200})?$/.exec(field);
  if (!pm) {
    warnings.push(`packageManager ${shown(field, 60)} is not a name@version this tool reads: the lock file decides.`);
    return undefined;
  }
  return { name: pm[1]!, version: pm[2]!, field };
}

/**
 * Without packageManager, the pnpm major that writes the lock's format (9.0: pnpm 9, which also
 * runs dependencies' build scripts; newer majors refuse unlisted ones).
 */
function pnpmLockMajor(lockText: string | undefined): string {
  const format = /^lockfileVersion:\s*'?([\d.]{1,5})'?/m.exec(lockText ?? '')?.[1] ?? '';
  return { '9.0': '9', '6.0': '8', '6.1': '8', '5.4': '7', '5.3': '6' }[format] ?? '9';
}

/** The major of the oldest version engines.<manager> admits (engines.pnpm "^11.9.0": 11), when it is a range. */
function enginesMajor(root: Json, manager: string): string | undefined {
  const range = str(obj(root.engines)?.[manager]);
  if (!range || range.length > 100 || !validRange(range)) return undefined;
  const min = minVersion(range);
  return min && min.major > 0 ? String(min.major) : undefined;
}

/** The package manager: packageManager (corepack) first, then the lock file. */
export function packageManager(scan: Scan, root: Json, said: Said): PackageManager {
  const pm = declared(root, said.warnings);
  const lock = LOCKS.find(([f, m]) => scan.has(f) && (!pm || pm.name === m));
  let manager: Manager = (pm?.name as Manager | undefined) ?? lock?.[1] ?? 'npm';
  const lockText = lock && lock[0] !== 'bun.lockb' ? scan.read(lock[0], LOCK_CAP) : undefined;
  if (manager === 'yarn') {
    const berry =
      (pm && Number(pm.version.split('.')[0]) >= 2) || scan.has('.yarnrc.yml') || /^__metadata:/m.test(lockText ?? '');
    if (berry) manager = 'yarn-berry';
  }
  // Without packageManager, pnpm's major: the one engines.pnpm asks for (pnpm refuses to run otherwise), else the lock's format's.
  const engines = manager === 'pnpm' && !pm ? enginesMajor(root, 'pnpm') : undefined;
  const lockMajor = manager === 'pnpm' && !pm ? (engines ?? pnpmLockMajor(lockText)) : undefined;
  const yarnrc = manager === 'yarn-berry' ? readYaml(scan, '.yarnrc.yml') : undefined;
  const pnp = manager === 'yarn-berry' && (str(yarnrc?.nodeLinker) ?? 'pnp') === 'pnp';
  if (!lock)
    said.warnings.push(
      `There is no lock file: dependency versions are not pinned and the build resolves them anew each time. Run ${manager === 'yarn-berry' ? 'yarn' : manager} install and commit the lock file.`,
    );
  if (manager === 'bun' && lock?.[0] === 'bun.lockb')
    said.warnings.push(
      'bun.lockb is binary: the packages it locks cannot be read here (native addons are not looked for). bun 1.2 writes a text bun.lock instead.',
    );
  said.decisions.push({
    topic: 'Package manager',
    choice: `${manager === 'yarn-berry' ? 'Yarn (Berry)' : manager}${pm ? ` ${pm.version}` : ''}${pnp ? " with Plug'n'Play" : ''}`,
    because: pm
      ? `package.json packageManager ${shown(pm.field, 40)}`
      : engines
        ? `${lock?.[0] ?? 'no lock file'}; pnpm ${engines} for package.json engines.pnpm`
        : (lock?.[0] ?? 'no lock file and no packageManager: npm'),
  });
  return { manager, version: pm?.version, lockFile: lock?.[0], lockText, lockMajor, pnp };
}
