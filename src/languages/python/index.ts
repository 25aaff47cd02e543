import { basename, dirname } from 'node:path';
import { DATA, DISTROLESS_PY, packageData } from './data.js';
import { readDependencies } from './dependencies.js';
import { VENV, type PoetryMode, type PythonInfo, type Said } from './info.js';
import { LOCK_FILES, missingLock } from './manager.js';
import { readManifests } from './manifests.js';
import { nativeNeeds } from './native.js';
import { admits, pythonVersion } from './version.js';
import { normalizeName, requirementName } from './names.js';
import { PLAIN_PATH } from './requirements.js';
import { setupCfgFiles, setupCfgScripts } from './setup-cfg.js';
import { UserError } from '../../core/errors.js';
import { isBuilt, type Scan } from '../../core/scan.js';
import { shown } from '../../core/quote.js';
import type { Choice, Fact, Needs, Refusals, Strategy } from '../../core/types.js';
import {
  listed,
  normalizeRel as normalize,
  pickEntry,
  plainName,
  portFromDockerfile,
  procfileWeb,
  SHELL_SYNTAX,
} from '../shared.js';
import { obj, str, strs } from '../../core/parse.js';
import type { Language, ResolveOptions, Resolved } from '../types.js';
import { detectPython } from './detect.js';
import { buildPython, type PythonVars } from './plan.js';

export { normalizeName, requirementName } from './names.js';
export { readRequirements, REQUIREMENTS_LIMITS, type Requirements } from './requirements.js';
export { setupCfgFiles, setupCfgScripts } from './setup-cfg.js';
export { poetryToPep440, pythonMinor } from './version.js';
export type { PythonInfo } from './info.js';
export type { PythonVars } from './plan.js';

/** Whether a package installs on Alpine without a compiler: a pure-Python or musllinux wheel in the lock, or the table says so. */
function muslReady(name: string, files: string[] | undefined): boolean {
  if (files?.some((f) => /-none-any\.whl$|musllinux/.test(f))) return true;
  return packageData(name)?.musl === true;
}

interface Program {
  value: string;
  label: string;
  source: string;
  command: string[];
  port?: number | undefined;
  kind: 'server' | 'cli';
  collectstatic?: boolean;
  env?: string[];
  /** The project's files the program is started from (the script, the app's module, manage.py): kept in the build context. */
  files?: string[];
}

/** A module path from a file (src/pkg/app.py -> pkg.app, app.py -> app). */
function moduleOf(file: string): string {
  return file
    .replace(/^src\//, '')
    .replace(/\.py$/, '')
    .replace(/\/__init__$/, '')
    .split('/')
    .join('.');
}

/** A line that defines an application factory: def create_app(...) (-> T):, at the top level. */
const FACTORY_DEF =
  /^def[ \t]+(create_app|make_app|app_factory)[ \t]*\([^)]{0,200}\)[ \t]*(?:->[ \t]*[\w.]{1,60}[ \t]*)?:/;
/** An indented line that makes the app inside a factory: `    app = Flask(__name__)`. */
const FACTORY_APP = /^[ \t]+\w{1,60}[ \t]*=[ \t]*(Flask|FastAPI|Starlette)[ \t]*\(/;

/**
 * An application factory in a source (Flask's create_app pattern): the def, then within its
 * body (indented or blank lines, at most 80) a line that makes the app. Read a line at a time.
 */
function factoryIn(src: string): { name: string; framework: string } | undefined {
  const lines = src.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const def = lines[i]!.length <= 400 ? FACTORY_DEF.exec(lines[i]!) : null;
    if (!def) continue;
    for (let j = i + 1; j < lines.length && j <= i + 80; j++) {
      const line = lines[j]!.replace(/\r$/, '');
      if (!/^[ \t]/.test(line) && line !== '') break;
      if (line.length > 301) break;
      const app = FACTORY_APP.exec(line);
      if (app) return { name: def[1]!, framework: app[1]! };
    }
  }
  return undefined;
}

/** The web app object a file defines (`app = Flask(__name__)`, `api = FastAPI()`), by framework. */
function appObjects(
  scan: Scan,
  files: string[],
): { file: string; name: string; framework: 'flask' | 'fastapi' | 'starlette' }[] {
  const out: { file: string; name: string; framework: 'flask' | 'fastapi' | 'starlette' }[] = [];
  for (const f of files) {
    const src = scan.read(f) ?? '';
    const m = /^([A-Za-z_]\w{0,60})\s*=\s*(Flask|FastAPI|Starlette)\s*\(/m.exec(src);
    if (m) {
      out.push({ file: f, name: m[1]!, framework: m[2]!.toLowerCase() as 'flask' | 'fastapi' | 'starlette' });
      continue;
    }
    // An application factory (Flask's create_app pattern): gunicorn and uvicorn call it.
    const factory = src.includes('def ') ? factoryIn(src) : undefined;
    if (factory)
      out.push({
        file: f,
        name: `${factory.name}()`,
        framework: factory.framework.toLowerCase() as 'flask' | 'fastapi' | 'starlette',
      });
  }
  return out;
}

/**
 * Python: a virtual environment at /opt/venv made by the package manager the project locks
 * with, and the app beside it. The final image has the same Python at the same path and the
 * same C library as the builder, so the venv's interpreter link and compiled wheels work.
 */
export const python: Language<PythonInfo, PythonVars> = {
  ids: ['python'],

  detect: detectPython,

  resolve(scan: Scan, _lang, opts: ResolveOptions): Resolved<PythonInfo> {
    const said: Said = { warnings: [], decisions: [] };
    const { warnings, decisions } = said;
    const { manifests: m, manager } = readManifests(scan);
    const { pyproject, project, poetry: poetryTable } = m;
    const lockFile = LOCK_FILES[manager];
    const noLock = missingLock(scan, manager);
    if (noLock) warnings.push(noLock);
    const dependencies = readDependencies(scan, m, manager, said);
    const { lock, reqs } = dependencies;
    const deps = dependencies.names;
    const has = (n: string) => deps.has(n);
    const v = pythonVersion(scan, m, opts.langVersion, said);
    const { version, exact, range } = v;
    const native = nativeNeeds(deps, said);
    const { buildApt, libs } = native;

    // Programs, most specific first: Procfile, Django, ASGI/WSGI apps, console scripts, __main__, a script.
    const sources = scan
      .withExt('.py')
      .filter(
        (f) =>
          isBuilt(f) &&
          !/(^|\/)(tests?|docs?|scripts?|migrations)\//.test(f) &&
          !/(^|\/)(test_[^/]*|[^/]*_test|conftest|setup|noxfile|fabfile)\.py$/.test(f),
      );
    const programs: Program[] = [];
    const py = `${VENV}/bin/python`;
    const bin = (name: string) => `${VENV}/bin/${name}`;
    const procfile = procfileWeb(scan);
    if (procfile) {
      const words = procfile.replace(/\$\{?PORT\}?/g, '8000').split(/\s+/);
      const shellRun = /^(bash|sh|dash|zsh)$|\.sh$/.test(words[0] ?? '');
      if (
        !shellRun &&
        !SHELL_SYNTAX.test(procfile.replace(/\$\{?PORT\}?/g, '')) &&
        words[0] &&
        /^[\w.-]+$/.test(words[0])
      ) {
        const port =
          Number(/(?:--bind|-b)[= ]\S*:(\d{2,5})|--port[= ](\d{2,5})/.exec(words.join(' '))?.slice(1).find(Boolean)) ||
          undefined;
        // A Procfile expects the platform to set $PORT: without it gunicorn and uvicorn bind to
        // 127.0.0.1 only, which no published port reaches. The image sets PORT and binds to all.
        const args = words.slice(1);
        if (words[0] === 'gunicorn' && !args.some((a) => /^(-b|--bind)(=|$)/.test(a)))
          args.push('--bind', '0.0.0.0:8000');
        if (words[0] === 'uvicorn' && !args.some((a) => /^--host(=|$)/.test(a)))
          args.push('--host', '0.0.0.0', ...(args.some((a) => /^--port(=|$)/.test(a)) ? [] : ['--port', '8000']));
        programs.push({
          value: 'Procfile',
          label: `Procfile: ${procfile}`,
          source: `Procfile: web: ${shown(procfile, 80)}`,
          command: [words[0] === 'python' ? py : bin(words[0]), ...args],
          port: port ?? 8000,
          kind: 'server',
          env: port ? [] : ['PORT=8000'],
        });
      } else
        warnings.push(
          `The Procfile's web command uses shell syntax (${shown(procfile, 60)}): not used as the image's command.`,
        );
    }
    let djangoStatic = false;
    /** manage.py and the module Django's server loads (proj.wsgi -> proj/wsgi.py), those that exist. */
    const djangoFiles = (module: string) =>
      ['manage.py', `${module.replace(/\./g, '/')}.py`].filter((f) => scan.has(f));
    if (scan.has('manage.py')) {
      const settings = sources.filter((f) => /settings/.test(f)).map((f) => ({ f, src: scan.read(f) ?? '' }));
      const wsgi = settings
        .map((s) => ({ f: s.f, m: /^WSGI_APPLICATION\s*=\s*['"]([\w.]{1,200})\.application['"]/m.exec(s.src)?.[1] }))
        .find((x) => x.m);
      const asgi = settings
        .map((s) => ({ f: s.f, m: /^ASGI_APPLICATION\s*=\s*['"]([\w.]{1,200})\.application['"]/m.exec(s.src)?.[1] }))
        .find((x) => x.m);
      const staticRoot = settings.some((s) => /^STATIC_ROOT\s*=/m.test(s.src));
      djangoStatic = staticRoot;
      if (has('gunicorn') && wsgi)
        programs.push({
          value: 'django',
          label: `Django with gunicorn (${wsgi.m}:application)`,
          source: `manage.py, ${wsgi.f}: WSGI_APPLICATION, gunicorn in the dependencies`,
          command: [bin('gunicorn'), '--bind', '0.0.0.0:8000', `${wsgi.m}:application`],
          port: 8000,
          kind: 'server',
          collectstatic: staticRoot,
          files: djangoFiles(wsgi.m!),
        });
      else if ((has('uvicorn') || has('daphne')) && (asgi ?? wsgi)) {
        const mod = (asgi ?? wsgi)!.m!.replace(/\.wsgi$/, '.asgi');
        programs.push({
          value: 'django',
          label: `Django with uvicorn (${mod}:application)`,
          source: `manage.py, ${(asgi ?? wsgi)!.f}, uvicorn in the dependencies`,
          command: [bin('uvicorn'), '--host', '0.0.0.0', '--port', '8000', `${mod}:application`],
          port: 8000,
          kind: 'server',
          collectstatic: staticRoot,
          files: djangoFiles(mod),
        });
      } else if (wsgi || asgi) {
        throw new UserError(
          'E_NO_ENTRY',
          'A Django project with neither gunicorn nor uvicorn among its dependencies: the only way left to serve it is runserver, which Django says must not run in production.',
          'Add gunicorn (or uvicorn for ASGI) to the dependencies, then run this again.',
        );
      }
      if (staticRoot)
        decisions.push({
          topic: 'Static files',
          choice: 'python manage.py collectstatic at build time',
          because: 'STATIC_ROOT is set in the settings',
        });
    }
    for (const a of appObjects(scan, sources)) {
      const target = `${moduleOf(a.file)}:${a.name}`;
      if (a.framework === 'flask') {
        if (has('gunicorn'))
          programs.push({
            value: target,
            label: `Flask app ${target} with gunicorn`,
            source: `${a.file}: ${a.name} = Flask(...), gunicorn in the dependencies`,
            command: [bin('gunicorn'), '--bind', '0.0.0.0:8000', target],
            port: 8000,
            kind: 'server',
            files: [a.file],
          });
        else {
          programs.push({
            value: target,
            label: `Flask app ${target}`,
            source: `${a.file}: ${a.name} = Flask(...)`,
            command: [bin('flask'), '--app', target, 'run', '--host', '0.0.0.0', '--port', '5000'],
            port: 5000,
            kind: 'server',
            files: [a.file],
          });
          warnings.push(
            `${a.file} is a Flask app, served here by Flask's development server (gunicorn is not among the dependencies): add gunicorn for production.`,
          );
        }
      } else if (has('uvicorn') || has('fastapi')) {
        const factory = a.name.endsWith('()');
        const uvTarget = factory ? target.slice(0, -2) : target;
        programs.push({
          value: target,
          label: `${a.framework === 'fastapi' ? 'FastAPI' : 'Starlette'} app ${target} with uvicorn`,
          source: `${a.file}: ${a.name}${factory ? ', an application factory' : ` = ${a.framework === 'fastapi' ? 'FastAPI' : 'Starlette'}(...)`}`,
          command: [bin('uvicorn'), '--host', '0.0.0.0', '--port', '8000', ...(factory ? ['--factory'] : []), uvTarget],
          port: 8000,
          kind: 'server',
          files: [a.file],
        });
        if (!has('uvicorn'))
          warnings.push(
            `${a.file} is served by uvicorn, which is not named among the dependencies (fastapi[standard] brings it): add uvicorn if the build says it is missing.`,
          );
      }
    }
    const cfgScripts = setupCfgScripts(scan.read('setup.cfg', 256 * 1024) ?? '');
    const scripts = { ...cfgScripts, ...(obj(project?.scripts) ?? {}), ...(obj(poetryTable?.scripts) ?? {}) };
    const scriptSource = (n: string) =>
      obj(project?.scripts)?.[n] !== undefined
        ? 'pyproject.toml [project.scripts]'
        : obj(poetryTable?.scripts)?.[n] !== undefined
          ? 'pyproject.toml [tool.poetry.scripts]'
          : 'setup.cfg [options.entry_points]';
    // Whether the project itself is installed into the venv (its console scripts need that).
    const installsProject =
      manager === 'project' ||
      manager === 'pdm' ||
      (manager === 'uv' && !!project) ||
      (manager === 'poetry' &&
        poetryTable?.['package-mode'] !== false &&
        (!!poetryTable?.packages || !!project || Object.keys(scripts).length > 0));
    // Poetry with a lock: `poetry export` turns it into pinned requirements with their hashes, and pip
    // installs exactly those (Poetry stays in the builder). Without a lock, a package whose build
    // backend is poetry-core installs with pip like any PEP 517 project; only a lockless
    // non-package project needs Poetry itself to resolve.
    const backend = str(obj(pyproject?.['build-system'])?.['build-backend']) ?? '';
    const poetryMode: PoetryMode | undefined =
      manager !== 'poetry'
        ? undefined
        : scan.has('poetry.lock')
          ? 'export'
          : installsProject && backend.startsWith('poetry.core')
            ? 'pip'
            : 'install';
    for (const [name, target] of Object.entries(scripts)) {
      if (typeof target !== 'string' || !/^[A-Za-z0-9][\w.-]{0,80}$/.test(name)) continue;
      programs.push({
        value: name,
        label: `console script ${name}`,
        source: `${scriptSource(name)}: ${name} = ${shown(target, 60)}`,
        command: [bin(name)],
        kind: 'cli',
      });
    }
    for (const f of sources.filter((x) => x.endsWith('/__main__.py') && x.split('/').length <= 3)) {
      const pkg = moduleOf(dirname(f) + '.py');
      programs.push({
        value: pkg,
        label: `python -m ${pkg}`,
        source: f,
        command: [py, '-m', pkg],
        kind: 'cli',
        files: [f],
      });
    }
    for (const f of [
      'main.py',
      'app.py',
      'run.py',
      'server.py',
      'bot.py',
      '__main__.py',
      ...sources.filter((s) => !s.includes('/')),
    ]) {
      // A file that holds a web app is that app, not a script of its own.
      if (
        !sources.includes(f) ||
        f === 'manage.py' ||
        programs.some((p) => p.value === f || p.value.startsWith(`${moduleOf(f)}:`))
      )
        continue;
      programs.push({
        value: f,
        label: `python ${f}`,
        source: `${f}${/if __name__ == ['"]__main__['"]/.test(scan.read(f) ?? '') ? ' (runs as __main__)' : ''}`,
        command: [py, f],
        kind: 'cli',
        files: [f],
      });
      if (programs.length > 20) break;
    }
    // --entry may also name what the search above does not offer: any script of the project
    // (scripts/tool.py), or a package with a __main__.py (pkg.cli, or its folder).
    const asked = opts.entry?.replace(/^\.\//, '').replace(/\/$/, '');
    if (asked && !programs.some((p) => p.value === asked)) {
      const script = asked.endsWith('.py') && normalize(asked) === asked && scan.has(asked) ? asked : undefined;
      const pkg =
        /^[a-z_][\w./]{0,200}$/i.test(asked) && !asked.endsWith('.py') ? asked.replace(/\//g, '.') : undefined;
      const main = pkg
        ? [`${pkg.replace(/\./g, '/')}/__main__.py`, `src/${pkg.replace(/\./g, '/')}/__main__.py`].find((f) =>
            scan.has(f),
          )
        : undefined;
      if (script)
        programs.push({
          value: asked,
          label: `python ${script}`,
          source: `${opts.entrySource ?? '--entry'}: ${shown(script, 80)}`,
          command: [py, script],
          kind: 'cli',
          files: [script],
        });
      else if (pkg && main)
        programs.push({
          value: asked,
          label: `python -m ${pkg}`,
          source: `${opts.entrySource ?? '--entry'}: ${shown(main, 80)}`,
          command: [py, '-m', pkg],
          kind: 'cli',
          files: [main],
        });
    }
    if (!programs.length) {
      throw new UserError(
        'E_NO_ENTRY',
        'No program found: no Procfile, Django project, Flask or FastAPI app, console script, __main__.py or top-level script.',
        'Pass --entry with the script to run (--entry scripts/tool.py), or a package that has a __main__.py (--entry pkg).',
      );
    }
    const entries: Choice[] = programs.map((p) => ({ value: p.value, label: p.label, source: p.source }));
    let entry: Fact<string>;
    if (opts.entry !== undefined)
      entry = pickEntry(entries, opts.entry, (e) => e.value, '', warnings, opts.entrySource);
    else
      entry = {
        value: programs[0]!.value,
        source:
          programs.length > 1
            ? `${programs[0]!.source}; also found: ${listed(
                programs.slice(1).map((p) => p.value),
                5,
              )} (--entry)`
            : programs[0]!.source,
      };
    const program = programs.find((p) => p.value === entry.value)!;
    // The image's name: the project's, or its folder's, made a plain word (a folder may be "My Project").
    const name = plainName(
      normalizeName(str(project?.name) ?? str(poetryTable?.name) ?? basename(scan.root)),
      'Project name',
      'pyproject.toml',
      true,
    );
    for (const w of program.command) {
      if (w.length > 300 || /[\n\r]/.test(w)) {
        throw new UserError(
          'E_UNSAFE_VALUE',
          `The command word ${shown(w)} (from ${shown(program.source, 80)}) cannot go in a Dockerfile: longer than 300 characters or more than one line.`,
          programs.length > 1
            ? `Choose another program with --entry (${listed(
                programs.filter((p) => p !== program).map((p) => p.value),
                5,
              )}), or shorten it where it is written.`
            : 'Shorten it where it is written.',
        );
      }
    }
    decisions.push({ topic: 'Program', choice: program.label, because: entry.source });
    decisions.push({
      topic: 'Install',
      choice: `${{ uv: 'uv sync --frozen --no-dev', poetry: { export: `poetry export --only main${lock?.unhashed ? ' --without-hashes' : ''}, then pip install --no-deps${lock?.unhashed ? '' : ' (with the hashes it pins)'}`, pip: 'pip install . (poetry-core builds it; no lock: versions resolve at build time)', install: 'poetry install --only main' }[poetryMode ?? 'install'], pdm: 'pdm sync --prod', pipenv: scan.has('Pipfile.lock') ? 'pipenv requirements --hash of Pipfile.lock (after pipenv verify), then pip install --no-deps' : 'pipenv install (no lock: versions resolve at build time)', pip: `pip install -r requirements.txt${reqs?.hashes ? ' (with the hashes it pins)' : ''}`, project: 'pip install . (no lock: versions resolve at build time)' }[manager]} into ${VENV}`,
      because:
        lockFile && scan.has(lockFile)
          ? lockFile
          : manager === 'pip'
            ? reqs?.files.join(', ') || 'requirements.txt'
            : manager === 'project'
              ? 'pyproject.toml / setup.py without a lock'
              : `${manager} files`,
    });

    const port =
      opts.port !== undefined
        ? { value: opts.port, source: '--port' }
        : program.port
          ? { value: program.port, source: program.source }
          : portFromDockerfile(scan);

    // Where it runs: a Python image (slim or alpine) of that version, or distroless's Debian Python.
    const needsLibs = libs.filter((l) => l !== 'libssl');
    const slim: Strategy = {
      id: 'py-slim',
      libc: 'glibc',
      requires: ['python', ...libs],
      runtimes: ['slim'],
      summary: `a virtual environment for Python ${version.value} (python:${version.value}-slim)`,
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
      summary: `a virtual environment for Python ${version.value} on musl (python:${version.value}-alpine)`,
    };
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
    // distroless runs Debian's Python: only for a project that pins that version or whose range admits it.
    if ((exact && exact !== DISTROLESS_PY) || !admits(v, DISTROLESS_PY)) {
      refusals.distroless = {
        reason: `distroless has Python ${DISTROLESS_PY} only, and ${exact && exact !== DISTROLESS_PY ? `the project asks for ${exact} (${version.source})` : range?.valid ? `${range.source} does not admit it` : `${range!.source} is not a version specifier`}`,
        short: `needs Python ${version.value}`,
        fix: 'choose slim',
      };
    } else if (version.value !== DISTROLESS_PY) {
      decisions.push({
        topic: 'distroless Python',
        choice: DISTROLESS_PY,
        because: `distroless runs Debian's Python ${DISTROLESS_PY}, which ${range ? range.source.split(':')[0] : 'the project (which names no version)'} admits; the other runtimes use ${version.value}`,
      });
    }
    // Alpine only with evidence: every locked package has a pure-Python or musllinux wheel (or is known to).
    const lockFiles = new Map(lock?.packages.map((p) => [p.name, p.files]) ?? []);
    // Without such a lock, what the dependencies pull in is unknown: Alpine only for the standard library.
    const unknownOnMusl = lock ? [...lockFiles.keys()].filter((n) => !muslReady(n, lockFiles.get(n))) : [...deps];
    if (unknownOnMusl.length) {
      const compiled = unknownOnMusl.filter((n) => packageData(n)?.musl === false);
      refusals.alpine = {
        reason: lock
          ? `${listed(unknownOnMusl, 6)} ${unknownOnMusl.length > 1 ? 'have' : 'has'} no musllinux or pure-Python wheel in ${lockFile}: on Alpine ${unknownOnMusl.length > 1 ? 'they' : 'it'} would compile, or fail`
          : compiled.length
            ? `${listed(compiled, 6)} compile${compiled.length > 1 ? '' : 's'} from source on musl (data/python-packages.json)`
            : `no lock lists the wheels of ${listed(unknownOnMusl, 6)} and what ${unknownOnMusl.length > 1 ? 'they pull' : 'it pulls'} in: wheels are built for glibc first, and one without a musllinux build compiles on Alpine, or fails`,
        short: 'wheels for glibc',
        fix: 'choose slim (glibc, where manylinux wheels install as they are); a uv.lock or poetry.lock that shows musllinux wheels lets alpine through',
      };
    }

    const needs: Needs = {};
    if (program.kind === 'server') needs.tmp = 'gunicorn and uvicorn keep worker files in /tmp';
    // The app writes beside itself (Flask's instance folder, a SQLite file next to the code): the
    // non-root user must own /app.
    const WRITES =
      /\binstance_path\b|os\.makedirs\(\s*(?:app\.)?instance|os\.(?:mkdir|makedirs)\(\s*['"](?!\/)[\w.-]{1,60}['"]|['"]sqlite:\/\/\/['"]\s*\+|f['"]sqlite:\/\/\/\{|sqlite3\.connect\(\s*['"](?!\/|:memory:)|['"]sqlite:\/\/\/(?!\/)[\w.-]|['"]NAME['"]\s*:\s*(?:BASE_DIR|os\.path\.join\(\s*BASE_DIR)[^\n]{0,40}sqlite/;
    const writer = sources.find((f) => WRITES.test(scan.read(f) ?? ''));
    const ownsApp = writer
      ? `${writer} writes files beside the code (an instance folder or a SQLite database)`
      : undefined;
    if (ownsApp) decisions.push({ topic: 'Working directory', choice: '/app, owned by nonroot', because: ownsApp });
    // A version taken from git: the build context has no .git, so the build is told one (VERSION).
    const requires = strs(obj(pyproject?.['build-system'])?.requires).map((r) => requirementName(r) ?? '');
    const scm =
      requires.some((r) => ['setuptools-scm', 'hatch-vcs', 'poetry-dynamic-versioning', 'flit-scm'].includes(r)) ||
      str(obj(obj(obj(pyproject?.tool)?.pdm)?.version)?.source) === 'scm' ||
      str(obj(obj(obj(pyproject?.tool)?.hatch)?.version)?.source) === 'vcs';
    if (scm)
      decisions.push({
        topic: 'Version',
        choice: 'from the VERSION build argument (default 0.0.0)',
        because:
          'the package takes its version from git, and .git stays out of the build context: docker build --build-arg VERSION=1.2.3',
      });
    const readmes = [project?.readme, obj(project?.readme)?.file, poetryTable?.readme, ...strs(poetryTable?.readme)]
      .map(str)
      .filter((r): r is string => !!r)
      .map((r) => r.replace(/^\.\//, ''))
      .concat(setupCfgFiles(scan.read('setup.cfg', 256 * 1024) ?? ''));
    const localFiles = [...(reqs?.files ?? [])];
    const manifests = {
      uv: ['pyproject.toml', 'uv.lock'],
      poetry: ['pyproject.toml', 'poetry.lock'],
      pdm: ['pyproject.toml', 'pdm.lock'],
      pipenv: ['Pipfile', 'Pipfile.lock'],
      pip: localFiles,
      project: [],
    }[manager].filter((f) => scan.has(f) || localFiles.includes(f));
    for (const m of manifests) {
      if (!PLAIN_PATH.test(m))
        throw new UserError(
          'E_UNSAFE_VALUE',
          `The dependency file ${shown(m)} cannot be copied by the Dockerfile as it is named (only letters, digits and . _ + - / are accepted).`,
          'Rename it to a plain path (and change what includes it).',
        );
    }
    // What the build reads by name: the files copied before the install, the other manifests and
    // locks a package build reads, the readme the package names, and the program's own files.
    const keep = [
      ...new Set([
        ...manifests,
        'pyproject.toml',
        'setup.py',
        'setup.cfg',
        'uv.lock',
        'poetry.lock',
        'pdm.lock',
        'Pipfile',
        'Pipfile.lock',
        ...readmes,
        ...(program.files ?? []),
      ]),
    ].filter((f) => localFiles.includes(f) || scan.has(f));
    return {
      lang: 'python',
      name,
      version,
      entries,
      entry,
      port,
      needs,
      strategies: [distroless, alpine, slim],
      refusals,
      builderGlibc: DATA.builderGlibc,
      decisions,
      warnings,
      // A folder the package build reads (its readme under docs/) stays in the context.
      ignore: [
        '.venv/',
        'venv/',
        '__pycache__/',
        '*.pyc',
        '.pytest_cache/',
        '.mypy_cache/',
        '.ruff_cache/',
        '.tox/',
        '.nox/',
        'tests/',
        'docs/',
        '*.egg-info/',
        'build/',
        'dist/',
        '.coverage',
        'htmlcov/',
      ].filter((i) => !i.endsWith('/') || !readmes.some((r) => r.startsWith(i))),
      keep,
      own: {
        manager,
        manifests,
        installsProject,
        command: program.command,
        buildApt,
        collectstatic: !!program.collectstatic || (program.kind === 'server' && djangoStatic),
        deps: [...deps].sort(),
        env: [...new Set([...native.env, ...(program.env ?? [])])],
        ownsApp: !!ownsApp,
        poetryMode,
        unhashed: !!lock?.unhashed,
        scm,
        pipfileLock: scan.has('Pipfile.lock'),
      } satisfies PythonInfo,
    };
  },

  build: buildPython,
};
