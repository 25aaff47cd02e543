import { dirname } from 'node:path';
import { shellWord } from '../../core/quote.js';
import type { Strategy } from '../../core/types.js';
import type { BuildSpec, Resolved } from '../types.js';
import { DATA } from './data.js';
import { VENV, type PythonInfo } from './info.js';

/** The variables of templates/partials/build/python.hbs. */
export interface PythonVars {
  /** What installs the dependencies, in the stage's comment (pip, uv, Poetry, PDM, Pipenv). */
  tool: string;
  /** Debian packages the builder installs (compilers and headers; python3-venv for Debian's Python). */
  apt: string;
  /** Alpine's compiler when a package compiles. */
  alpineApk: string;
  /** The uv image uv is copied from, and its environment. */
  uv: string;
  uvEnv: string;
  /** The installer's own venv (Poetry, PDM, Pipenv). */
  toolSetup: string;
  /** The dependency files copied before the install. */
  manifests: { src: string; dest: string }[];
  /** The cache the install steps mount. */
  cache: string;
  /** The install of the dependencies alone, then of the project. */
  deps: string;
  install: string;
  collectstatic: boolean;
  /** Removes pip and setuptools from the venv when the app does not depend on them. */
  prune: string;
  poetryExport: boolean;
  /** The package takes its version from git: the VERSION build argument stands in. */
  scmVersion: boolean;
  pipenvEnv: string;
}

/** The cache each installer keeps its downloads in. */
function cacheOf(info: PythonInfo): string {
  const poetryPip = info.poetryMode === 'export' || info.poetryMode === 'pip';
  return {
    uv: '/root/.cache/uv',
    poetry: poetryPip ? '/root/.cache/pip' : '/root/.cache/pypoetry',
    pdm: '/root/.cache/pdm',
    pipenv: '/root/.cache/pip',
    pip: '/root/.cache/pip',
    project: '/root/.cache/pip',
  }[info.manager];
}

/**
 * Tools that install, each in a venv of its own, never in the application's.
 * hishel 2 dropped the sync storage that PDM 2.29 imports: every pdm command failed with it (2026-11).
 */
function toolSetup(info: PythonInfo, python: string): string {
  const tool: Partial<Record<PythonInfo['manager'], string[]>> = {
    poetry: info.poetryMode === 'export' ? ['poetry>=2,<3', 'poetry-plugin-export>=1.8'] : ['poetry>=2,<3'],
    pdm: ['pdm>=2,<3', 'hishel<2'],
    pipenv: ['pipenv'],
  };
  const packages = tool[info.manager];
  return packages && info.poetryMode !== 'pip'
    ? `${python} -m venv /opt/${info.manager} && /opt/${info.manager}/bin/pip install ${packages.map(shellWord).join(' ')}`
    : '';
}

/** The install of the dependencies alone (from the manifests), then of the project (after the code is copied). */
function installSteps(info: PythonInfo, python: string): { deps: string; install: string } {
  const venv = `${python} -m venv ${VENV}`;
  switch (info.manager) {
    case 'uv':
      return { deps: 'uv sync --frozen --no-dev --no-install-project', install: 'uv sync --frozen --no-dev' };
    case 'poetry':
      if (info.poetryMode === 'export')
        return {
          deps: `/opt/poetry/bin/poetry export --only main --format requirements.txt --output /tmp/requirements.txt${info.unhashed ? ' --without-hashes' : ''} && ${venv} && pip install --no-deps -r /tmp/requirements.txt`,
          install: info.installsProject ? 'pip install --no-deps .' : '',
        };
      if (info.poetryMode === 'pip') return { deps: venv, install: 'pip install .' };
      return {
        deps: `${venv} && /opt/poetry/bin/poetry install --only main --no-root --no-interaction`,
        install: info.installsProject ? '/opt/poetry/bin/poetry install --only main --no-interaction' : '',
      };
    case 'pdm':
      return {
        deps: `${venv} && /opt/pdm/bin/pdm use -f ${VENV} && /opt/pdm/bin/pdm sync --prod --no-self --no-editable`,
        install: '/opt/pdm/bin/pdm sync --prod --no-editable',
      };
    case 'pipenv':
      // Like Poetry's export: the lock (checked against the Pipfile) becomes pinned requirements
      // with hashes for pip, whatever interpreter the Pipfile was locked with.
      return {
        deps: info.pipfileLock
          ? `/opt/pipenv/bin/pipenv verify && /opt/pipenv/bin/pipenv requirements --hash > /tmp/requirements.txt && ${venv} && pip install --no-deps -r /tmp/requirements.txt`
          : `${venv} && /opt/pipenv/bin/pipenv install`,
        install: info.installsProject ? 'pip install --no-deps .' : '',
      };
    case 'pip':
      return {
        deps: `${venv}${info.manifests.length ? ` && pip install -r ${shellWord(info.manifests[0]!)}` : ''}`,
        // The program is one of the project's console scripts: the project itself installs, after
        // its code, with the dependencies the requirements already gave it.
        install: info.installsProject ? 'pip install --no-deps .' : '',
      };
    case 'project':
      // Dependency groups (PEP 735) and no [project]: pip 25.1 or newer installs the groups.
      if (info.groups.length && !info.installsProject)
        return {
          deps: `${venv} && pip install 'pip>=25.1' && pip install ${info.groups.map((g) => `--group ${shellWord(g)}`).join(' ')}`,
          install: '',
        };
      return { deps: venv, install: 'pip install .' };
  }
}

/**
 * A venv made with `python -m venv` carries pip (and setuptools before 3.12): tools of the
 * install, not of the app, and most of the venv's size for a small app. uv's venv has neither.
 */
function pruneStep(info: PythonInfo): string {
  const keep = new Set(info.deps);
  const tools = ['pip', 'setuptools'].filter((t) => !keep.has(t));
  return info.manager !== 'uv' && tools.length
    ? `${VENV}/bin/python -m pip uninstall --yes --quiet ${tools.join(' ')}`
    : '';
}

/** The build stage's variables for one runtime (Debian's Python for distroless, Alpine's for alpine). */
function pythonVars(info: PythonInfo, strategy: Strategy): PythonVars {
  const debian = strategy.id === 'py-distroless';
  const alpine = strategy.id === 'py-alpine';
  const python = debian ? '/usr/bin/python3' : 'python';
  return {
    tool: {
      uv: 'uv',
      poetry: { export: 'pip', pip: 'pip', install: 'Poetry' }[info.poetryMode ?? 'install'],
      pdm: 'PDM',
      pipenv: info.pipfileLock ? 'pip' : 'Pipenv',
      pip: 'pip',
      project: 'pip',
    }[info.manager],
    apt: [...info.buildApt, ...(debian ? ['python3-venv'] : [])].join(' '),
    alpineApk: alpine && info.buildApt.length ? 'build-base' : '',
    uv: info.manager === 'uv' ? `ghcr.io/astral-sh/uv:${DATA.uvImage}` : '',
    uvEnv:
      info.manager === 'uv'
        ? `UV_PROJECT_ENVIRONMENT=${VENV} UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never UV_PYTHON=${debian ? '/usr/bin/python3' : 'python'}`
        : '',
    toolSetup: toolSetup(info, python),
    manifests: info.manifests.map((m) => ({ src: m, dest: dirname(m) === '.' ? './' : `${dirname(m)}/` })),
    cache: cacheOf(info),
    ...installSteps(info, python),
    collectstatic: info.collectstatic,
    prune: pruneStep(info),
    poetryExport: info.poetryMode === 'export',
    scmVersion: info.scm && (info.installsProject || info.manager === 'uv'),
    pipenvEnv: info.manager === 'pipenv' ? 'PIPENV_VERBOSITY=-1' : '',
  };
}

/** The builder stage: a venv at /opt/venv with the dependencies and the app beside it, both copied to the final image. */
export function buildPython(resolved: Resolved<PythonInfo>, strategy: Strategy): BuildSpec<PythonVars> {
  const info = resolved.own;
  const debian = strategy.id === 'py-distroless';
  const alpine = strategy.id === 'py-alpine';
  return {
    partial: 'python',
    image: debian ? 'debian:bookworm-slim' : `python:\${PYTHON_VERSION}-${alpine ? 'alpine' : 'slim'}`,
    args: debian ? [] : [{ name: 'PYTHON_VERSION', value: resolved.version.value }],
    artifact: VENV,
    copies: [
      {
        from: 'build',
        src: VENV,
        dest: VENV,
        why: 'the virtual environment: the dependencies, and nothing that installed them',
      },
      info.ownsApp
        ? {
            from: 'build',
            src: '/app',
            dest: '/app',
            why: 'the application, owned by the non-root user: it writes beside its code',
            chown: '65532:65532',
          }
        : { from: 'build', src: '/app', dest: '/app', why: 'the application' },
    ],
    entrypoint: info.command,
    env: ['PYTHONDONTWRITEBYTECODE=1', 'PYTHONUNBUFFERED=1', `PATH=${VENV}/bin:$PATH`, ...info.env],
    vars: pythonVars(info, strategy),
  };
}
