import { UserError } from '../../core/errors.js';
import { LIMITS, type Scan } from '../../core/scan.js';
import { shown } from '../../core/quote.js';
import type { Fact } from '../../core/types.js';
import { LANGUAGE_DATA } from '../data.js';
import { versionFromToolVersions } from '../shared.js';
import type { ResolveOptions } from '../types.js';

const DATA = LANGUAGE_DATA.java;
const LTS = DATA.lts!.map(Number);
const CURRENT = Number(DATA.current);

/** "17", "1.8", "17.0.2", "JavaVersion.VERSION_17", "VERSION_1_8", "temurin-17.0.9+9", "17.0.9-tem" -> the feature release (8, 17). */
export function javaFeature(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const s = v
    .trim()
    .replace(/^(?:JavaVersion\.)?VERSION_/, '')
    .replace(/_/g, '.')
    .replace(/^[a-z][a-z-]*?-(?=\d)/i, '');
  const m = /^(?:1\.([5-8])|([1-9]\d?))(?:[.+-][\w.+-]{0,40})?$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1] ?? m[2]);
  return n >= 5 && n <= 40 ? n : undefined;
}

/** The Temurin release to build and run with: the project's own, moved to one Temurin still publishes. */
export function resolveVersion(
  scan: Scan,
  opts: ResolveOptions,
  fromBuild: Fact<number> | undefined,
  warnings: string[],
): Fact<string> {
  const want = wantedVersion(scan, opts, fromBuild);
  if (!want)
    return {
      value: DATA.defaultVersion,
      source: `no version in the build files: the newest LTS release (Java ${DATA.defaultVersion}, checked ${DATA.supportChecked})`,
    };
  const v = want.value;
  // Java 8 in a build file is a bytecode target that keeps old users working, rarely a need for
  // Java 8 itself: build and run with 17, which still compiles for it and has jlink. Only
  // --lang-version asks for a Java 8 runtime (a JRE image: JDK 8 has no jlink).
  if (v < 11 && want.source !== '--lang-version') {
    warnings.push(
      `${shown(want.source, 60)} targets Java ${v}: built and run with Java 17, which still compiles for ${v}. Pass --lang-version ${v} for a Java ${v} runtime (a JRE image only: JDK ${v} has no jlink).`,
    );
    return { value: '17', source: `${want.source}, a target older than 11: Java 17 compiles for it and runs it` };
  }
  if (LTS.includes(v) || v === CURRENT) return { value: String(v), source: want.source };
  if (v > CURRENT) {
    warnings.push(
      `Java ${v} (${want.source}) is newer than ${CURRENT}, the newest release known here: the image tag may not exist yet.`,
    );
    return { value: String(v), source: want.source };
  }
  const up = LTS.find((l) => l >= v) ?? CURRENT;
  warnings.push(
    `Java ${v} (${shown(want.source, 60)}) has no maintained Temurin image; building and running with Java ${up}, which runs code compiled for ${v}. Pass --lang-version to choose.`,
  );
  return {
    value: String(up),
    source: `${want.source}, moved to Java ${up} (Temurin publishes ${[...LTS, CURRENT].join(', ')})`,
  };
}

/** The release asked for: --lang-version, else the build files', else a version file's (.java-version, .sdkmanrc, .tool-versions). */
function wantedVersion(
  scan: Scan,
  opts: ResolveOptions,
  fromBuild: Fact<number> | undefined,
): Fact<number> | undefined {
  if (opts.langVersion !== undefined) {
    const n = javaFeature(opts.langVersion);
    if (!n)
      throw new UserError(
        'E_BAD_FLAG',
        `--lang-version "${shown(opts.langVersion)}" is not a Java release.`,
        'Use a feature release like 17 or 21.',
      );
    return { value: n, source: '--lang-version' };
  }
  if (fromBuild) return fromBuild;
  const jv = scan.manifest('.java-version', LIMITS.versionBytes)?.trim().split('\n')[0];
  const sdk = /^[ \t]*java[ \t]*=[ \t]*(\S{1,60})/m.exec(scan.manifest('.sdkmanrc', LIMITS.versionBytes) ?? '')?.[1];
  const asdf = versionFromToolVersions(scan, ['java']);
  for (const [raw, source] of [
    [jv, '.java-version'],
    [sdk, '.sdkmanrc'],
    [asdf, '.tool-versions'],
  ] as const) {
    const n = javaFeature(raw);
    if (n) return { value: n, source: `${source} (${shown(raw!, 30)})` };
  }
  return undefined;
}
