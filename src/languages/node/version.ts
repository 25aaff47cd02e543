import { intersects, validRange } from 'semver';
import { UserError } from '../../core/errors.js';
import { LIMITS, type Scan } from '../../core/scan.js';
import { shown } from '../../core/quote.js';
import { obj, str } from '../../core/parse.js';
import type { Fact } from '../../core/types.js';
import { ownImageTag } from '../own-dockerfile.js';
import { versionFromToolVersions } from '../shared.js';
import type { ResolveOptions } from '../types.js';
import { DATA, LTS } from './data.js';
import type { Said } from './info.js';
import type { Json } from './read.js';

/** The major of a Node version as .nvmrc, engines or volta write it (v22.11.0, 22, lts/jod, node). */
export function nodeMajor(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  const v = raw.trim().toLowerCase();
  const codename: Record<string, number> = { 'lts/hydrogen': 18, 'lts/iron': 20, 'lts/jod': 22, 'lts/krypton': 24 };
  if (Object.hasOwn(codename, v)) return codename[v];
  if (v === 'lts/*' || v === 'lts' || v === 'node' || v === 'stable' || v === 'latest')
    return Number(DATA.defaultVersion);
  const m = /^v?(\d{1,3})(?:\.\d+){0,2}$/.exec(v) ?? /^v?(\d{1,3})\.x$/.exec(v);
  const major = m ? Number(m[1]) : undefined;
  return major !== undefined && major >= 4 && major < 100 ? major : undefined;
}

/** The newest LTS major an engines.node range admits, or undefined when it admits none. */
export function majorForRange(range: string): number | undefined {
  if (!validRange(range)) return undefined;
  return [...LTS].reverse().find((m) => {
    try {
      return intersects(range, `${m}.x`);
    } catch {
      return false;
    }
  });
}

/** The first line of .nvmrc, .node-version or .tool-versions that names a Node.js release. */
function pinnedVersion(scan: Scan): Fact<string> | undefined {
  const files = [
    ['.nvmrc', scan.manifest('.nvmrc', LIMITS.versionBytes)],
    ['.node-version', scan.manifest('.node-version', LIMITS.versionBytes)],
    ['.tool-versions', versionFromToolVersions(scan, ['nodejs', 'node'])],
  ] as const;
  const pinned = files
    .map(([f, raw]) => ({ f, raw: raw?.trim().split('\n')[0]?.trim(), m: nodeMajor(raw?.trim().split('\n')[0]) }))
    .find((x) => x.m);
  return pinned ? { value: String(pinned.m), source: `${pinned.f} (${shown(pinned.raw!, 20)})` } : undefined;
}

/** Whether an engines range admits a major (an invalid range admits nothing). */
function admits(range: string, major: number): boolean {
  if (!validRange(range)) return false;
  try {
    return intersects(range, `${major}.x`);
  } catch {
    return false;
  }
}

/**
 * The major the project builds and deploys with, where no version file names one: the Node base
 * its tsconfig extends (@tsconfig/node22), else the node image its own Dockerfile starts from
 * (FROM node:20-alpine). Newer majors break projects that were never run on them.
 */
function declaredMajor(scan: Scan): { major: number; source: string } | undefined {
  const tsconfig = scan.manifest('tsconfig.json', LIMITS.versionBytes * 64) ?? '';
  const base = /"@tsconfig\/node(\d{1,2})(?:\/tsconfig(?:\.json)?)?"/.exec(tsconfig);
  if (base && nodeMajor(base[1]))
    return { major: Number(base[1]), source: `tsconfig.json extends @tsconfig/node${base[1]}` };
  const tag = ownImageTag(scan, 'node');
  const major = nodeMajor(/^\d{1,3}(?:\.\d+){0,2}/.exec(tag ?? '')?.[0]);
  return major ? { major, source: `the project's own Dockerfile (FROM node:${major})` } : undefined;
}

/** The newest LTS when nothing, or only an engines range that admits none, names the version. */
function defaultVersion(engines: string | undefined, warnings: string[]): Fact<string> {
  if (!engines)
    return {
      value: DATA.defaultVersion,
      source: `no version named: the newest LTS (Node ${DATA.defaultVersion}, checked ${DATA.supportChecked})`,
    };
  warnings.push(
    `engines.node ${shown(engines, 30)} admits none of the LTS releases (${LTS.join(', ')}): using ${DATA.defaultVersion}. Pass --lang-version.`,
  );
  return {
    value: DATA.defaultVersion,
    source: `the newest LTS (Node ${DATA.defaultVersion}, checked ${DATA.supportChecked}); engines.node ${shown(engines, 30)} admits none`,
  };
}

/** The Node.js major: the flag, version files, then volta and engines (a range: the newest LTS it admits). */
function namedVersion(scan: Scan, root: Json, opts: ResolveOptions, warnings: string[]): Fact<string> {
  if (opts.langVersion !== undefined) {
    const m = nodeMajor(opts.langVersion);
    if (!m)
      throw new UserError(
        'E_BAD_FLAG',
        `--lang-version "${shown(opts.langVersion)}" is not a Node.js release.`,
        'Use a major like 22.',
      );
    return { value: String(m), source: '--lang-version' };
  }
  const pinned = pinnedVersion(scan);
  if (pinned) return pinned;
  const volta = str(obj(root.volta)?.node);
  const voltaMajor = nodeMajor(volta);
  if (volta && voltaMajor) return { value: String(voltaMajor), source: `package.json volta.node ${shown(volta, 20)}` };
  const engines = str(obj(root.engines)?.node);
  const declared = declaredMajor(scan);
  if (declared && (!engines || admits(engines, declared.major)))
    return { value: String(declared.major), source: declared.source };
  const m = engines ? majorForRange(engines) : undefined;
  if (engines && m)
    return { value: String(m), source: `package.json engines.node ${shown(engines, 30)}: the newest LTS it admits` };
  return defaultVersion(engines, warnings);
}

/** The Node.js version, with a warning when it is past its end of life or no longer supported. */
export function nodeVersion(scan: Scan, root: Json, opts: ResolveOptions, said: Said): Fact<string> {
  const version = namedVersion(scan, root, opts, said.warnings);
  const major = Number(version.value);
  const eol = DATA.eol ?? {};
  if (eol[version.value])
    said.warnings.push(
      `Node ${major} reached its end of life on ${eol[version.value]}: it gets no security fixes. Move to ${DATA.defaultVersion}.`,
    );
  else if (!LTS.includes(major) && major < Number(DATA.defaultVersion))
    said.warnings.push(`Node ${major} is no LTS release and no longer supported: move to ${DATA.defaultVersion}.`);
  said.decisions.push({ topic: 'Node version', choice: version.value, because: version.source });
  return version;
}
