import { UserError } from '../../core/errors.js';
import { LIMITS, type Scan } from '../../core/scan.js';
import { shown } from '../../core/quote.js';
import type { Fact } from '../../core/types.js';
import { LANGUAGE_DATA } from '../data.js';
import { versionFromToolVersions } from '../shared.js';
import type { ResolveOptions } from '../types.js';
import type { GoMod } from './gomod.js';

const DATA = LANGUAGE_DATA.go;

/**
 * "1.22.3", "go1.22.3", "1.22", "1.21rc2" -> "1.22"; anything Go never released -> undefined
 * ("2.0", "1.022", "latest").
 */
export function goMinor(v: string | undefined): string | undefined {
  const m = /^(?:go)?1\.(0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,3})|(?:rc|beta)[1-9]\d?)?$/.exec(v?.trim() ?? '');
  return m ? `1.${m[1]}` : undefined;
}

/** The minor number of a "1.N" version. */
export const minorOf = (v: string): number => Number(v.split('.')[1]);

/** The Go version of the builder: the flag, a pinned toolchain, go.mod's minimum, else the newest Go 1.x. */
export function goVersion(scan: Scan, mod: GoMod | undefined, opts: ResolveOptions, warnings: string[]): Fact<string> {
  if (opts.langVersion !== undefined) {
    const v = goMinor(opts.langVersion);
    if (!v)
      throw new UserError(
        'E_BAD_FLAG',
        `--lang-version "${shown(opts.langVersion)}" is not a Go version.`,
        'Use a Go release like 1.22 or 1.22.3.',
      );
    return withinKnown({ value: v, source: '--lang-version' }, warnings);
  }
  // .go-version and .tool-versions pin a toolchain; go.mod's lines are minimums.
  const candidates: [string | undefined, string, boolean][] = [
    [scan.manifest('.go-version', LIMITS.versionBytes)?.trim(), '.go-version', false],
    [versionFromToolVersions(scan, ['golang', 'go']), '.tool-versions', false],
    [mod?.toolchain, `go.mod (toolchain ${shown(mod?.toolchain ?? '', 24)})`, true],
    [mod?.go, `go.mod (go ${shown(mod?.go ?? '', 24)})`, true],
  ];
  for (const [raw, source, minimum] of candidates) {
    if (raw === undefined) continue;
    const v = goMinor(raw);
    if (v) return withinKnown(minimum ? supported({ value: v, source }) : { value: v, source }, warnings);
    warnings.push(`Ignored Go version "${shown(raw, 24)}" in ${source}: not a Go release.`);
  }
  return { value: DATA.defaultVersion, source: 'default: the newest Go 1.x (golang:1), as no version was found' };
}

/**
 * go.mod's version is a minimum, and a newer Go keeps its language semantics: one older than
 * the oldest release the Go team still supports builds with that release, never with an
 * unsupported Go.
 */
function supported(version: Fact<string>): Fact<string> {
  const floor = DATA.oldestSupported!;
  if (minorOf(version.value) >= minorOf(floor)) return version;
  return {
    value: floor,
    source: `${version.source} is a minimum; Go ${version.value} is no longer supported, so Go ${floor} (the oldest supported release as of ${DATA.supportChecked}) builds it with Go ${version.value} language semantics`,
  };
}

/** Versions older than the oldest supported image build with it (Go is backward compatible); newer than known ones are kept, with a warning. */
function withinKnown(version: Fact<string>, warnings: string[]): Fact<string> {
  if (minorOf(version.value) < minorOf(DATA.minVersion!)) {
    warnings.push(
      `Go ${version.value} (${version.source}) is older than the oldest image used (golang:${DATA.minVersion}); building with Go ${DATA.minVersion}, which compiles it too.`,
    );
    return { value: DATA.minVersion!, source: `${version.source}, raised to ${DATA.minVersion}` };
  }
  if (minorOf(version.value) > minorOf(DATA.newestKnown!)) {
    warnings.push(
      `Go ${version.value} (${version.source}) is newer than the newest release known here (${DATA.newestKnown}); if golang:${version.value} does not exist yet, the build will fail at FROM: pass --lang-version.`,
    );
  }
  return version;
}
