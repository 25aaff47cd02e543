import type { Refusals, Strategy } from '../../core/types.js';
import { listed } from '../shared.js';
import { DISTROLESS_PY, packageData } from './data.js';
import type { Dependencies } from './dependencies.js';
import type { Manager, Said } from './info.js';
import { LOCK_FILES } from './manager.js';
import { admits, type PythonVersion } from './version.js';

/** A runtime refused, with the reason --explain shows. */
type Refusal = NonNullable<Refusals[keyof Refusals]>;

/** The runtimes a Python project may run on, in order of preference, and those refused with the reason. */
export interface PythonRuntimes {
  strategies: Strategy[];
  refusals: Refusals;
}

/** Whether a package installs on Alpine without a compiler: a pure-Python or musllinux wheel in the lock, or the table says so. */
function muslReady(name: string, files: string[] | undefined): boolean {
  if (files?.some((f) => /-none-any\.whl$|musllinux/.test(f))) return true;
  return packageData(name)?.musl === true;
}

/** Where it runs: a Python image (slim or alpine) of that version, or distroless's Debian Python. */
function pythonStrategies(version: string, libs: string[]): Strategy[] {
  const needsLibs = libs.filter((l) => l !== 'libssl');
  const slim: Strategy = {
    id: 'py-slim',
    libc: 'glibc',
    requires: ['python', ...libs],
    runtimes: ['slim'],
    summary: `a virtual environment for Python ${version} (python:${version}-slim)`,
  };
  const distroless: Strategy = {
    id: 'py-distroless',
    libc: 'glibc',
    requires: [`python${DISTROLESS_PY}`, ...libs],
    runtimes: ['distroless'],
    summary: `a virtual environment made by Debian's Python ${DISTROLESS_PY}, the one distroless runs`,
    fix: needsLibs.length ? `${needsLibs.join(', ')} is not in distroless: choose slim` : 'choose slim',
  };
  const alpine: Strategy = {
    id: 'py-alpine',
    libc: 'musl',
    requires: ['python', ...libs],
    runtimes: ['alpine'],
    summary: `a virtual environment for Python ${version} on musl (python:${version}-alpine)`,
  };
  return [distroless, alpine, slim];
}

/**
 * distroless runs Debian's Python: only for a project that pins that version or whose range admits
 * it. Admitted with another version elsewhere, the decision says which Python distroless gets.
 */
function distrolessRefusal(v: PythonVersion, said: Said): Refusal | undefined {
  const { version, exact, range } = v;
  if ((exact && exact !== DISTROLESS_PY) || !admits(v, DISTROLESS_PY)) {
    return {
      reason: `distroless has Python ${DISTROLESS_PY} only, and ${exact && exact !== DISTROLESS_PY ? `the project asks for ${exact} (${version.source})` : range?.valid ? `${range.source} does not admit it` : `${range!.source} is not a version specifier`}`,
      short: `needs Python ${version.value}`,
      fix: 'choose slim',
    };
  }
  if (version.value !== DISTROLESS_PY) {
    said.decisions.push({
      topic: 'distroless Python',
      choice: DISTROLESS_PY,
      because: `distroless runs Debian's Python ${DISTROLESS_PY}, which ${range ? range.source.split(':')[0] : 'the project (which names no version)'} admits; the other runtimes use ${version.value}`,
    });
  }
  return undefined;
}

/** Alpine only with evidence: every locked package has a pure-Python or musllinux wheel (or is known to). */
function alpineRefusal({ lock, names: deps }: Dependencies, lockFile: string | undefined): Refusal | undefined {
  const lockFiles = new Map(lock?.packages.map((p) => [p.name, p.files]) ?? []);
  // Without such a lock, what the dependencies pull in is unknown: Alpine only for the standard library.
  const unknownOnMusl = lock ? [...lockFiles.keys()].filter((n) => !muslReady(n, lockFiles.get(n))) : [...deps];
  if (!unknownOnMusl.length) return undefined;
  const compiled = unknownOnMusl.filter((n) => packageData(n)?.musl === false);
  return {
    reason: lock
      ? `${listed(unknownOnMusl, 6)} ${unknownOnMusl.length > 1 ? 'have' : 'has'} no musllinux or pure-Python wheel in ${lockFile}: on Alpine ${unknownOnMusl.length > 1 ? 'they' : 'it'} would compile, or fail`
      : compiled.length
        ? `${listed(compiled, 6)} compile${compiled.length > 1 ? '' : 's'} from source on musl (data/python-packages.json)`
        : `no lock lists the wheels of ${listed(unknownOnMusl, 6)} and what ${unknownOnMusl.length > 1 ? 'they pull' : 'it pulls'} in: wheels are built for glibc first, and one without a musllinux build compiles on Alpine, or fails`,
    short: 'wheels for glibc',
    fix: 'choose slim (glibc, where manylinux wheels install as they are); a uv.lock or poetry.lock that shows musllinux wheels lets alpine through',
  };
}

/** The runtimes admitted: every image without Python is refused, distroless by its one version, alpine by the wheels. */
export function pythonRuntimes(
  v: PythonVersion,
  libs: string[],
  dependencies: Dependencies,
  manager: Manager,
  said: Said,
): PythonRuntimes {
  const refusals: Refusals = {
    scratch: {
      reason: 'a Python program needs the interpreter and its C library, and scratch has neither',
      short: 'needs Python',
      fix: 'choose slim (or distroless)',
    },
    'busybox-glibc': {
      reason: 'busybox has no Python interpreter (and a venv must run on the Python that made it)',
      short: 'needs Python',
      fix: 'choose slim (or distroless)',
    },
  };
  const distroless = distrolessRefusal(v, said);
  if (distroless) refusals.distroless = distroless;
  const alpine = alpineRefusal(dependencies, LOCK_FILES[manager]);
  if (alpine) refusals.alpine = alpine;
  return { strategies: pythonStrategies(v.version.value, libs), refusals };
}
