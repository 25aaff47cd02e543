import { parse as parseToml } from 'smol-toml';
import { UserError } from '../../core/errors.js';
import { obj, str } from '../../core/parse.js';
import { shown } from '../../core/quote.js';
import { LIMITS, type Scan } from '../../core/scan.js';
import type { Fact } from '../../core/types.js';
import { LANGUAGE_DATA } from '../data.js';
import type { ResolveOptions } from '../types.js';

const DATA = LANGUAGE_DATA.rust;

/** A toolchain channel that is a release ("1.80", "1.80.1"), or undefined ("stable", "nightly-2024-01-01"). */
export function rustRelease(channel: string | undefined): string | undefined {
  const m = /^(1\.(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2}))?)$/.exec(channel?.trim() ?? '');
  return m?.[1];
}

const minor = (v: string) => Number(v.split('.')[1]);

/**
 * The Rust release to build with: --lang-version, the release a rust-toolchain file pins, or the
 * current stable one (with the package's rust-version as its floor).
 */
export function resolveVersion(
  scan: Scan,
  opts: ResolveOptions,
  floor: string | undefined,
  warnings: string[],
): Fact<string> {
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
      channel = str(obj(parseToml(text).toolchain)?.channel);
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
