import * as pep440 from '@renovatebot/pep440';
import { UserError } from '../../core/errors.js';
import { obj, str } from '../../core/parse.js';
import { shown } from '../../core/quote.js';
import { LIMITS, type Scan } from '../../core/scan.js';
import type { Fact } from '../../core/types.js';
import { ownImageTag } from '../own-dockerfile.js';
import { versionFromToolVersions } from '../shared.js';
import { DATA, DISTROLESS_PY, KNOWN } from './data.js';
import type { Said } from './info.js';
import type { Manifests } from './manifests.js';

/**
 * The PEP 440 library throws on some specifiers it parsed (a bound with a number too large to
 * compare): such a range admits nothing here, and is no valid range, rather than a crash.
 */
function guarded<A extends unknown[], R>(f: (...a: A) => R, fallback: R): (...a: A) => R {
  return (...a: A) => {
    try {
      return f(...a);
    } catch {
      return fallback;
    }
  };
}
const satisfies = guarded(pep440.satisfies, false);
const maxSatisfying = guarded(pep440.maxSatisfying, null);
const validRange = guarded(pep440.validRange, false);

/** Poetry's constraint syntax (^3.11, ~3.10, 3.11.*, >=3.9,<4) as a PEP 440 specifier; of `a || b`, the first alternative (PEP 440 has no "or"). */
export function poetryToPep440(c: string): string {
  return (
    c.split('||').map((alt) =>
      alt
        .trim()
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((part) => {
          const caret = /^\^(\d+)(?:\.(\d+))?(?:\.\d+)?$/.exec(part);
          if (caret) {
            const [maj, min] = [Number(caret[1]), caret[2] === undefined ? undefined : Number(caret[2])];
            return maj > 0 || min === undefined ? `>=${part.slice(1)},<${maj + 1}` : `>=${part.slice(1)},<0.${min + 1}`;
          }
          const tilde = /^~(\d+)\.(\d+)(?:\.\d+)?$/.exec(part);
          if (tilde) return `>=${part.slice(1)},<${tilde[1]}.${Number(tilde[2]) + 1}`;
          return /^\d/.test(part) ? `==${part}` : part;
        })
        .join(','),
    )[0] ?? c
  );
}

/** A minor release (3.11) from "3.11.4", "python-3.11.4", "cpython@3.12", "3.12t"; undefined otherwise. */
export function pythonMinor(v: string | undefined): string | undefined {
  const m = /^(?:python-|cpython[@-]|pypy)?(3\.(?:[1-9]\d|\d))(?:\.\d{1,3})?(?:(?:a|b|rc)\d{1,2})?t?$/.exec(
    v?.trim() ?? '',
  );
  return m?.[1];
}

/** The Python versions the project admits, as a PEP 440 specifier, where it says so; `valid` when it is one. */
export interface VersionRange {
  spec: string;
  source: string;
  valid: boolean;
}

/** The version the image uses, and what decides which runtimes can run the project. */
export interface PythonVersion {
  version: Fact<string>;
  /** A version the project pins exactly (a file, or the flag): distroless only when it is the one distroless has. */
  exact: string | undefined;
  /** The range the project names (none when --lang-version decides). */
  range: VersionRange | undefined;
}

/** The range the project names: requires-python, setup.cfg's python_requires, Poetry's python, the Pipfile's python_version. */
function requiredRange(scan: Scan, m: Manifests): VersionRange | undefined {
  const found = ((): { spec: string; source: string } | undefined => {
    const rp = str(m.project?.['requires-python']);
    if (rp) return { spec: rp, source: `pyproject.toml requires-python ${shown(rp, 30)}` };
    const cfg = /^python_requires\s*=\s*([^\n#]{1,60})$/m.exec(scan.read('setup.cfg', 256 * 1024) ?? '')?.[1]?.trim();
    if (cfg) return { spec: cfg, source: `setup.cfg python_requires ${shown(cfg, 30)}` };
    const pp = str(obj(m.poetry?.dependencies)?.python);
    if (pp) return { spec: poetryToPep440(pp), source: `[tool.poetry.dependencies] python ${shown(pp, 30)}` };
    const pf = str(obj(m.pipfile?.requires)?.python_version) ?? str(obj(m.pipfile?.requires)?.python_full_version);
    if (pf && pythonMinor(pf))
      return { spec: `==${pythonMinor(pf)}.*`, source: `Pipfile python_version ${shown(pf, 20)}` };
    return undefined;
  })();
  return found && { ...found, valid: !!validRange(found.spec) };
}

/** --lang-version, which must name a Python release. */
function flagVersion(raw: string): Fact<string> {
  const v = pythonMinor(raw);
  if (!v)
    throw new UserError(
      'E_BAD_FLAG',
      `--lang-version "${shown(raw)}" is not a Python release.`,
      'Use a release like 3.12.',
    );
  return { value: v, source: '--lang-version' };
}

/** A version a file pins: .python-version, runtime.txt, .tool-versions (each read, the first that names a release wins). */
function pinnedVersion(scan: Scan): { v: string; raw: string; src: string } | undefined {
  const pinned = [
    [scan.manifest('.python-version', LIMITS.versionBytes)?.trim().split('\n')[0], '.python-version'],
    [scan.manifest('runtime.txt', LIMITS.versionBytes)?.trim(), 'runtime.txt'],
    [versionFromToolVersions(scan, ['python']), '.tool-versions'],
  ]
    .map(([raw, src]) => ({ v: pythonMinor(raw), raw, src }))
    .find((x) => x.v);
  return pinned && { v: pinned.v!, raw: pinned.raw!, src: pinned.src! };
}

/**
 * The newest known release a range admits. One version for the warning and every runtime: a range
 * that admits none of the known releases, or that is no specifier at all, gets the default
 * everywhere (distroless, whose Python is another, is refused for the same reason).
 */
function newestAdmitted(range: VersionRange, warnings: string[]): Fact<string> {
  const best = range.valid
    ? (maxSatisfying(
        KNOWN.map((k) => `${k}.0`),
        range.spec,
      ) ??
      maxSatisfying(
        KNOWN.map((k) => `${k}.99`),
        range.spec,
      ))
    : null;
  if (best)
    return { value: best.split('.').slice(0, 2).join('.'), source: `${range.source}: the newest release it admits` };
  const why = range.valid
    ? `${range.source} admits none of the Python releases known here (${KNOWN.join(', ')})`
    : `${range.source} is not a version specifier`;
  warnings.push(
    `${why}: the image uses Python ${DATA.defaultVersion} (distroless, whose Python is ${DISTROLESS_PY}, is refused). ${range.valid ? 'Pass --lang-version to choose another.' : 'Write it as one (>=3.11, ==3.11.*), or pass --lang-version.'}`,
  );
  return {
    value: DATA.defaultVersion,
    source: `the newest release known here (${DATA.defaultVersion}, checked ${DATA.supportChecked}); ${range.valid ? `${range.source} admits none of them` : `${range.source} is not a version specifier`}`,
  };
}

/**
 * The minor release the project's own Dockerfile builds from (FROM python:3.12-slim), when it is a
 * release known here: what the project is deployed with, preferred to the newest its range admits.
 */
function deployedMinor(scan: Scan): string | undefined {
  const v = pythonMinor(/^\d\.\d{1,2}/.exec(ownImageTag(scan, 'python') ?? '')?.[0]);
  return v && KNOWN.includes(v) ? v : undefined;
}

/** Whether a range admits a minor release (any of its patch releases). */
const inRange = (v: string, range: VersionRange): boolean =>
  satisfies(`${v}.0`, range.spec) || satisfies(`${v}.99`, range.spec);

/** Python version: the project's own word, else the newest release its range admits. */
export function pythonVersion(scan: Scan, m: Manifests, langVersion: string | undefined, said: Said): PythonVersion {
  let result: PythonVersion;
  if (langVersion !== undefined) {
    const version = flagVersion(langVersion);
    result = { version, exact: version.value, range: undefined };
  } else {
    const range = requiredRange(scan, m);
    const pinned = pinnedVersion(scan);
    const deployed = deployedMinor(scan);
    const version: Fact<string> = pinned
      ? { value: pinned.v, source: `${pinned.src} (${shown(pinned.raw, 20)})` }
      : deployed && (!range?.valid || inRange(deployed, range))
        ? { value: deployed, source: `the project's own Dockerfile (FROM python:${deployed})` }
        : range
          ? newestAdmitted(range, said.warnings)
          : {
              value: DATA.defaultVersion,
              source: `no version named: the newest release (Python ${DATA.defaultVersion}, checked ${DATA.supportChecked})`,
            };
    if (pinned && range?.valid && !inRange(pinned.v, range))
      said.warnings.push(
        `${pinned.src} says ${pinned.v}, which ${range.source} does not admit: the image uses ${pinned.v}.`,
      );
    result = { version, exact: pinned?.v, range };
  }
  said.decisions.push({ topic: 'Python version', choice: result.version.value, because: result.version.source });
  return result;
}

/**
 * What the project's range admits: with no range, anything; with one that is no specifier, only
 * the version a file pins (nothing when none does: the default is then used everywhere).
 */
export function admits({ range, exact }: PythonVersion, v: string): boolean {
  return !range || (range.valid ? inRange(v, range) : exact === v);
}
