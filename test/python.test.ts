import { describe, expect, test } from '@jest/globals';
import { scanProject } from '../src/core/scan.js';
import { detect } from '../src/languages/index.js';
import { generate } from '../src/index.js';
import {
  normalizeName,
  poetryToPep440,
  python,
  pythonMinor,
  readRequirements,
  requirementName,
  setupCfgFiles,
  setupCfgScripts,
} from '../src/languages/python/index.js';
import { project } from './helpers.js';

const resolve = (files: Record<string, string>, opts = {}) =>
  python.resolve(scanProject(project(files)), 'python', opts);
const FLASK = 'from flask import Flask\n\napp = Flask(__name__)\n';
const FASTAPI = 'from fastapi import FastAPI\n\napi = FastAPI()\n';
const option = async (files: Record<string, string>, runtime: string) =>
  (await generate(project(files))).plan.options.find((o) => o.runtime === runtime)!;

describe('names and versions', () => {
  test.each([
    ['Flask_SQLAlchemy>=3', 'flask-sqlalchemy'],
    ['requests[socks] ==2.32 ; python_version > "3.8"', 'requests'],
    ['zope.interface', 'zope-interface'],
    ['-e .', undefined],
  ])('%s -> %s', (req, name) => expect(requirementName(req)).toBe(name));
  test('PEP 503 names never match by substring', () => expect(normalizeName('Django-REST')).toBe('django-rest'));
  test.each([
    ['3.11', '3.11'],
    ['3.12.4', '3.12'],
    ['python-3.10.13', '3.10'],
    ['cpython@3.13', '3.13'],
    ['3.13t', '3.13'],
    ['3.14rc1', '3.14'],
    ['2.7', undefined],
    ['latest', undefined],
  ])('%s -> %s', (v, want) => expect(pythonMinor(v)).toBe(want));
  test.each([
    ['^3.11', '>=3.11,<4'],
    ['~3.10', '>=3.10,<3.11'],
    ['>=3.9,<3.13', '>=3.9,<3.13'],
    ['3.11.*', '==3.11.*'],
  ])('poetry %s -> %s', (c, want) => expect(poetryToPep440(c)).toBe(want));

  test("the project's own Dockerfile names the release when no file pins one and the range admits it", () => {
    const base = { 'requirements.txt': '', 'main.py': 'print(1)\n', Dockerfile: 'FROM python:3.12-slim AS build\n' };
    expect(resolve(base).version).toEqual({ value: '3.12', source: "the project's own Dockerfile (FROM python:3.12)" });
    const ranged = {
      ...base,
      'pyproject.toml': '[project]\nname = "x"\nversion = "1"\nrequires-python = ">=3.13"\n',
    };
    expect(resolve(ranged).version.source).toContain('requires-python');
    expect(resolve({ ...base, '.python-version': '3.11\n' }).version.value).toBe('3.11');
    // A release with no image here is not taken from it.
    expect(resolve({ ...base, Dockerfile: 'FROM python:2.7\n' }).version.source).toContain('no version named');
  });

  test('a range gets the newest release it admits; a pinned file wins; distroless only when its 3.11 fits', async () => {
    const ranged = resolve({
      'pyproject.toml': '[project]\nname = "x"\nversion = "1"\nrequires-python = ">=3.10,<3.13"\n',
      'main.py': 'print(1)\n',
    });
    expect(ranged.version).toEqual({
      value: '3.12',
      source: 'pyproject.toml requires-python >=3.10,<3.13: the newest release it admits',
    });
    expect(ranged.decisions.find((d) => d.topic === 'distroless Python')!.choice).toBe('3.11');
    expect(resolve({ 'requirements.txt': '', 'main.py': '', '.python-version': '3.12.1\n' }).version.value).toBe(
      '3.12',
    );
    expect(
      await option({ 'requirements.txt': '', 'main.py': 'print(1)\n', '.python-version': '3.12\n' }, 'distroless'),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('asks for 3.12') });
    expect(
      await option(
        { 'pyproject.toml': '[project]\nname = "x"\nversion = "1"\nrequires-python = ">=3.12"\n', 'main.py': '' },
        'distroless',
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('does not admit') });
    const poetry = resolve({
      'pyproject.toml': '[tool.poetry]\nname = "x"\nversion = "1"\n[tool.poetry.dependencies]\npython = "~3.10"\n',
      'main.py': '',
    });
    expect(poetry.version.value).toBe('3.10');
  });

  test('a range the PEP 440 library cannot compare (a bound too large) admits nothing, and is no crash', async () => {
    const files = {
      'pyproject.toml': `[project]\nrequires-python = ">=3.9,<4${'0'.repeat(40)}"\n`,
      '.tool-versions': 'python 3.12\n',
      'main.py': 'print(1)\n',
    };
    const { plan } = await generate(project(files));
    expect(plan.options.length).toBeGreaterThan(0);
    expect(resolve(files).version.value).toBe('3.12');
  });
});

describe('console scripts', () => {
  test("a project's own console script run from a requirements install: the project installs too, without its dependencies", async () => {
    const files = {
      'requirements.txt': 'click\n',
      'pyproject.toml': '[project]\nname = "tool"\nversion = "1"\n[project.scripts]\ntool = "tool.cli:main"\n',
      'tool/__init__.py': '',
      'tool/cli.py': 'def main():\n    print(1)\n',
    };
    const g = await generate(project(files));
    const text = g.files[0]!.content;
    expect(text).toContain('pip install -r requirements.txt');
    expect(text).toContain('pip install --no-deps .');
    expect(text).toContain('ENTRYPOINT ["/opt/venv/bin/tool"]');
    expect(g.plan.decisions.find((d) => d.topic === 'Install')?.choice).toContain('then pip install --no-deps .');
    // A script run as a file needs no install of the project.
    const script = await generate(project({ 'requirements.txt': 'click\n', 'main.py': 'print(1)\n' }));
    expect(script.files[0]!.content).not.toContain('pip install --no-deps .');
  });
});

describe('requirements files', () => {
  test('-r and -c includes are followed inside the project, hashes noticed, URLs and options skipped', () => {
    const scan = scanProject(
      project({
        'requirements.txt':
          '# prod\n-r requirements/base.txt\n-c ../outside.txt\ngunicorn==23.0.0 \\\n    --hash=sha256:abc\n--index-url https://example.invalid/simple\n',
        'requirements/base.txt': 'Flask==3.1.2\n-r base.txt\ngit+https://example.invalid/x.git#egg=x\n',
      }),
    );
    expect(readRequirements(scan, 'requirements.txt')).toEqual({
      names: ['flask', 'gunicorn'],
      files: ['requirements.txt', 'requirements/base.txt'],
      hashes: true,
      warnings: [
        'requirements/base.txt line 2 includes requirements/base.txt itself: pip would read it in circles. Remove that include.',
        'requirements.txt line 3 includes ../outside.txt, which is outside the project: the image build cannot read it. Move it into the project and change the include.',
      ],
    });
  });
});

describe('programs', () => {
  test('Flask with gunicorn; without it, the development server and a warning', () => {
    const r = resolve({ 'requirements.txt': 'flask\ngunicorn\n', 'web/app.py': FLASK });
    expect((r.own as { command: string[] }).command).toEqual([
      '/opt/venv/bin/gunicorn',
      '--bind',
      '0.0.0.0:8000',
      'web.app:app',
    ]);
    expect(r.port).toMatchObject({ value: 8000 });
    const dev = resolve({ 'requirements.txt': 'flask\n', 'app.py': FLASK });
    expect((dev.own as { command: string[] }).command).toContain('run');
    expect(dev.warnings.join()).toContain('development server');
  });

  test('an application factory: gunicorn calls create_app(), uvicorn gets --factory', () => {
    const factory =
      'from flask import Flask\n\n\ndef create_app(test_config=None):\n    # make the app\n    app = Flask(__name__)\n    return app\n';
    expect(
      (
        resolve({ 'requirements.txt': 'flask\ngunicorn\n', 'flaskr/__init__.py': factory }).own as { command: string[] }
      ).command.at(-1),
    ).toBe('flaskr:create_app()');
    const fast = 'from fastapi import FastAPI\n\ndef create_app() -> FastAPI:\n    api = FastAPI()\n    return api\n';
    expect(
      (
        resolve({ 'requirements.txt': 'fastapi\nuvicorn\n', 'svc/main.py': fast }).own as { command: string[] }
      ).command.slice(-2),
    ).toEqual(['--factory', 'svc.main:create_app']);
  });

  test('FastAPI in a src layout with uv: uvicorn on the module path; a console script is offered with --entry', () => {
    const files = {
      'pyproject.toml':
        '[project]\nname = "svc"\nversion = "1"\ndependencies = ["fastapi", "uvicorn"]\n[project.scripts]\nsvc-admin = "svc.admin:main"\n',
      'src/svc/main.py': FASTAPI,
      'src/svc/__init__.py': '',
    };
    const r = resolve(files);
    expect((r.own as { command: string[] }).command).toEqual([
      '/opt/venv/bin/uvicorn',
      '--host',
      '0.0.0.0',
      '--port',
      '8000',
      'svc.main:api',
    ]);
    expect((resolve(files, { entry: 'svc-admin' }).own as { command: string[] }).command).toEqual([
      '/opt/venv/bin/svc-admin',
    ]);
  });

  test('Django: gunicorn on WSGI_APPLICATION, collectstatic when STATIC_ROOT is set; without a server it is refused, never runserver', () => {
    const files = {
      'manage.py': 'import django\n',
      'site1/settings.py': 'WSGI_APPLICATION = "site1.wsgi.application"\nSTATIC_ROOT = BASE_DIR / "static"\n',
      'site1/wsgi.py': '',
    };
    const r = resolve({ ...files, 'requirements.txt': 'Django==5.2\ngunicorn\n' });
    expect(r.own as { command: string[]; collectstatic: boolean }).toMatchObject({
      command: ['/opt/venv/bin/gunicorn', '--bind', '0.0.0.0:8000', 'site1.wsgi:application'],
      collectstatic: true,
    });
    expect(() => resolve({ ...files, 'requirements.txt': 'Django==5.2\n' })).toThrow(
      expect.objectContaining({ code: 'E_NO_ENTRY', hint: expect.stringContaining('gunicorn') }),
    );
  });

  test('Django and Flask: the other application servers (waitress, uwsgi, granian, hypercorn, daphne) serve on 0.0.0.0:8000', () => {
    const django = {
      'manage.py': 'import django\n',
      'site1/settings.py': 'WSGI_APPLICATION = "site1.wsgi.application"\n',
      'site1/wsgi.py': '',
      'site1/asgi.py': '',
    };
    const command = (files: Record<string, string>) => (resolve(files).own as { command: string[] }).command;
    expect(command({ ...django, 'requirements.txt': 'Django\nwaitress\n' })).toEqual([
      '/opt/venv/bin/waitress-serve',
      '--listen=0.0.0.0:8000',
      'site1.wsgi:application',
    ]);
    expect(command({ ...django, 'requirements.txt': 'Django\nuwsgi\n' })).toEqual([
      '/opt/venv/bin/uwsgi',
      '--http-socket',
      '0.0.0.0:8000',
      '--master',
      '--need-app',
      '--module',
      'site1.wsgi:application',
    ]);
    // Only an ASGI server: it serves the module beside the WSGI one, with its own binary (daphne was run as uvicorn).
    expect(command({ ...django, 'requirements.txt': 'Django\ndaphne\n' })).toEqual([
      '/opt/venv/bin/daphne',
      '-b',
      '0.0.0.0',
      '-p',
      '8000',
      'site1.asgi:application',
    ]);
    expect(command({ ...django, 'requirements.txt': 'Django\ngranian\n' })).toEqual([
      '/opt/venv/bin/granian',
      '--interface',
      'wsgi',
      '--host',
      '0.0.0.0',
      '--port',
      '8000',
      'site1.wsgi:application',
    ]);
    expect(command({ 'requirements.txt': 'flask\nwaitress\n', 'app.py': FLASK })).toEqual([
      '/opt/venv/bin/waitress-serve',
      '--listen=0.0.0.0:8000',
      'app:app',
    ]);
  });

  test('a Procfile web command is the command, with $PORT made the port; shell syntax is not used', () => {
    const r = resolve({
      'requirements.txt': 'gunicorn\n',
      Procfile: 'web: gunicorn hello:app --bind 0.0.0.0:$PORT --workers 2\n',
      'hello.py': '',
    });
    expect((r.own as { command: string[] }).command).toEqual([
      '/opt/venv/bin/gunicorn',
      'hello:app',
      '--bind',
      '0.0.0.0:8000',
      '--workers',
      '2',
    ]);
    // Without a bind the platform's $PORT is missing: gunicorn would listen on 127.0.0.1 only.
    const bare = resolve({
      'requirements.txt': 'gunicorn\n',
      Procfile: 'web: gunicorn wsgi --chdir ./src/\n',
      'src/wsgi.py': '',
    });
    expect(bare.own as { command: string[]; env: string[] }).toMatchObject({
      command: ['/opt/venv/bin/gunicorn', 'wsgi', '--chdir', './src/', '--bind', '0.0.0.0:8000'],
      env: ['PORT=8000'],
    });
    expect(bare.port?.value).toBe(8000);
    const shell = resolve({ 'requirements.txt': '', Procfile: 'web: cd src && python main.py\n', 'main.py': '' });
    expect(shell.warnings.join()).toContain('shell syntax');
  });

  test('a folder name with spaces or symbols makes a plain image name', async () => {
    const dir = project({ 'My Project $(x)/main.py': 'print(1)\n', 'My Project $(x)/requirements.txt': '' });
    const g = await generate(`${dir}/My Project $(x)`);
    expect(g.plan.name).toBe('my-project-x');
  });

  test('console scripts from setup.cfg count too', () => {
    expect(
      setupCfgScripts(
        '[metadata]\nname = x\n[options.entry_points]\nconsole_scripts =\n    http = httpie.__main__:main\n    https = httpie.__main__:main\ngui_scripts =\n    g = x:y\n[options]\nzip_safe = False\n',
      ),
    ).toEqual({ http: 'httpie.__main__:main', https: 'httpie.__main__:main' });
    const r = resolve({
      'setup.py': 'from setuptools import setup\nsetup()\n',
      'setup.cfg': '[options.entry_points]\nconsole_scripts =\n    tool = tool.cli:main\n',
      'tool/__init__.py': '',
      'tool/cli.py': 'def main(): pass\n',
    });
    expect((r.own as { command: string[] }).command).toEqual(['/opt/venv/bin/tool']);
  });

  test('a package with __main__.py runs with -m; nothing to run is an error with the fix', () => {
    expect(
      (
        resolve({
          'pyproject.toml': '[project]\nname = "tool"\nversion = "1"\n',
          'tool/__main__.py': '',
          'tool/__init__.py': '',
        }).own as { command: string[] }
      ).command,
    ).toEqual(['/opt/venv/bin/python', '-m', 'tool']);
    expect(() => resolve({ 'requirements.txt': 'requests\n', 'lib/util.py': 'x = 1\n' })).toThrow(
      expect.objectContaining({ code: 'E_NO_ENTRY' }),
    );
  });
});

describe('runtimes', () => {
  test('psycopg2 compiles in the builder and needs libpq at run time: slim installs it, distroless is refused', async () => {
    const files = {
      'requirements.txt': 'psycopg2==2.9.10\n',
      'main.py': 'import psycopg2\n',
      '.python-version': '3.11\n',
    };
    const g = await generate(project(files));
    expect(g.plan.runtime).toBe('slim');
    expect(g.plan.final.install).toEqual(['libpq5']);
    expect(g.files[0]!.content).toContain('apt-get install -y --no-install-recommends gcc libc6-dev libpq-dev');
    expect(g.plan.options.find((o) => o.runtime === 'distroless')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('libpq'),
    });
    expect(g.plan.options.find((o) => o.runtime === 'alpine')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('psycopg2 compiles from source on musl'),
    });
  });

  test('alpine: with a lock whose every package has a musllinux or pure wheel; refused naming those without', async () => {
    const lock = (wheels: string) =>
      `version = 1\n\n[[package]]\nname = "app"\nversion = "1"\nsource = { virtual = "." }\n\n[[package]]\nname = "fastlib"\nversion = "1"\nwheels = [${wheels}]\n`;
    const base = {
      'pyproject.toml':
        '[project]\nname = "app"\nversion = "1"\nrequires-python = ">=3.11"\ndependencies = ["fastlib"]\n',
      'main.py': '',
    };
    expect(
      await option(
        { ...base, 'uv.lock': lock('{ url = "fastlib-1-cp311-cp311-musllinux_1_2_x86_64.whl" }') },
        'alpine',
      ),
    ).toMatchObject({ ok: true, image: 'python:3.14-alpine' });
    expect(
      await option(
        { ...base, 'uv.lock': lock('{ url = "fastlib-1-cp311-cp311-manylinux_2_17_x86_64.whl" }') },
        'alpine',
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('fastlib has no musllinux') });
    expect(await option({ 'requirements.txt': 'numpy\n', 'main.py': '' }, 'alpine')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no lock lists the wheels'),
    });
    expect(await option({ 'main.py': 'print(1)\n', 'requirements.txt': '' }, 'alpine')).toMatchObject({ ok: true });
  });

  test('an app that writes beside its code (Flask instance folder, SQLite next to it) owns /app', async () => {
    const factory =
      'import os\nfrom flask import Flask\n\ndef create_app():\n    app = Flask(__name__, instance_relative_config=True)\n    os.makedirs(app.instance_path, exist_ok=True)\n    return app\n';
    const g = await generate(
      project({ 'requirements.txt': 'flask\ngunicorn\n', 'flaskr/__init__.py': factory, '.python-version': '3.11\n' }),
    );
    expect(g.files[0]!.content).toContain('COPY --from=build --chown=65532:65532 /app /app');
    const plain = await generate(
      project({ 'requirements.txt': 'flask\ngunicorn\n', 'app.py': FLASK, '.python-version': '3.11\n' }),
    );
    expect(plain.files[0]!.content).toContain('COPY --from=build /app /app');
  });

  test('scratch and busybox are refused with the reason; the final stage holds the venv and the app only', async () => {
    const g = await generate(
      project({ 'requirements.txt': 'flask\ngunicorn\n', 'app.py': FLASK, '.python-version': '3.11\n' }),
      { runtime: 'slim' },
    );
    expect(g.plan.options.find((o) => o.runtime === 'scratch')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('interpreter'),
    });
    expect(g.plan.options.find((o) => o.runtime === 'busybox-glibc')).toMatchObject({ ok: false });
    const final = g.files[0]!.content.split('\nFROM ').pop()!;
    expect(final.match(/^COPY .*/gm)).toEqual(['COPY --from=build /opt/venv /opt/venv', 'COPY --from=build /app /app']);
    expect(final).toContain('ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/opt/venv/bin:$PATH');
  });
});

describe('Poetry', () => {
  const POETRY =
    '[tool.poetry]\nname = "x"\nversion = "1"\npackages = [{ include = "x" }]\n[tool.poetry.dependencies]\npython = "^3.11"\nclick = "8.3.0"\n[tool.poetry.scripts]\nx = "x.cli:main"\n[build-system]\nrequires = ["poetry-core>=2.0"]\nbuild-backend = "poetry.core.masonry.api"\n';
  const LOCKED =
    '[[package]]\nname = "click"\nversion = "8.3.0"\nfiles = [{file = "click-8.3.0-py3-none-any.whl", hash = "sha256:00"}]\n';
  const dockerfile = async (files: Record<string, string>) =>
    (await generate(project({ 'x/__init__.py': '', 'x/cli.py': 'def main(): pass\n', ...files }), { runtime: 'slim' }))
      .files[0]!.content;
  test('a lock is exported with its hashes and pip installs exactly that; Poetry stays in the builder', async () => {
    const d = await dockerfile({ 'pyproject.toml': POETRY, 'poetry.lock': LOCKED });
    expect(d).toContain(
      'poetry export --only main --format requirements.txt --output /tmp/requirements.txt && python -m venv /opt/venv && pip install --no-deps -r /tmp/requirements.txt',
    );
    expect(d).not.toContain('--without-hashes');
    expect(d).toContain('pip install --no-deps .');
    expect(d.split('\nFROM ').pop()).not.toContain('poetry');
  });
  test('a lock with a git package exports without hashes (pip would refuse a mix)', async () => {
    const d = await dockerfile({
      'pyproject.toml': POETRY,
      'poetry.lock': `${LOCKED}\n[[package]]\nname = "y"\nversion = "1"\nfiles = []\n[package.source]\ntype = "git"\nurl = "https://example.invalid/y.git"\nreference = "main"\n`,
    });
    expect(d).toContain('--without-hashes');
  });
  test('without a lock a poetry-core package installs with pip (and a warning); a non-package project needs Poetry', async () => {
    const d = await dockerfile({ 'pyproject.toml': POETRY });
    expect(d).not.toContain('/opt/poetry');
    expect(d).toContain('pip install .');
    expect(resolve({ 'pyproject.toml': POETRY, 'x/__init__.py': '', 'x/cli.py': '' }).warnings.join()).toContain(
      'There is no poetry.lock',
    );
    const app = await dockerfile({
      'pyproject.toml':
        '[tool.poetry]\nname = "x"\nversion = "1"\npackage-mode = false\n[tool.poetry.dependencies]\npython = "^3.11"\n',
      'main.py': 'print(1)\n',
    });
    expect(app).toContain('/opt/poetry/bin/poetry install --only main --no-root');
  });
});

test('a readme the package build reads under docs/ keeps docs/ in the build context', () => {
  expect(
    resolve({
      'pyproject.toml': '[tool.poetry]\nname = "x"\nversion = "1"\nreadme = "docs/pyproject/README.md"\n',
      'main.py': '',
    }).ignore,
  ).not.toContain('docs/');
  expect(resolve({ 'pyproject.toml': '[project]\nname = "x"\nversion = "1"\n', 'main.py': '' }).ignore).toContain(
    'docs/',
  );
});

test('a version from git gets a VERSION build argument (the context has no .git)', async () => {
  const d = (
    await generate(
      project({
        'pyproject.toml':
          '[build-system]\nrequires = ["hatchling", "hatch-vcs"]\n[project]\nname = "x"\ndynamic = ["version"]\n[project.scripts]\nx = "x:main"\n',
        'x/__init__.py': '',
      }),
      { runtime: 'slim' },
    )
  ).files[0]!.content;
  expect(d).toContain('ARG VERSION=0.0.0');
  expect(d).toContain('SETUPTOOLS_SCM_PRETEND_VERSION=${VERSION}');
});

test('Pipenv with a lock: verified, exported with hashes, installed by pip; Pipenv stays in the builder', async () => {
  const d = (
    await generate(
      project({
        Pipfile: '[packages]\nflask = "*"\n[requires]\npython_version = "3.13"\n',
        'Pipfile.lock': '{"_meta": {}, "default": {}, "develop": {}}',
        'app.py': 'print(1)\n',
      }),
      { runtime: 'slim', langVersion: '3.11' },
    )
  ).files[0]!.content;
  expect(d).toContain(
    '/opt/pipenv/bin/pipenv verify && /opt/pipenv/bin/pipenv requirements --hash > /tmp/requirements.txt && python -m venv /opt/venv && pip install --no-deps -r /tmp/requirements.txt',
  );
  expect(d.split('\nFROM ').pop()).not.toContain('pipenv');
});

test('real-repository rules: relative mkdir and a joined sqlite path own /app; a shell Procfile is no program; setup.cfg python_requires', () => {
  const own = (src: string) =>
    (
      resolve({
        'requirements.txt': 'flask\ngunicorn\n',
        'app.py': `from flask import Flask\nimport os\napp = Flask(__name__)\n${src}\n`,
      }).own as { ownsApp: boolean }
    ).ownsApp;
  expect(own("os.mkdir('logs')")).toBe(true);
  expect(own("DB = 'sqlite:///' + os.path.join(basedir, 'app.db')")).toBe(true);
  expect(own("os.makedirs('/var/log/x')")).toBe(false);
  const sh = resolve({ 'requirements.txt': 'flask\ngunicorn\n', Procfile: 'web: bash Procfile.sh\n', 'app.py': FLASK });
  expect((sh.own as { command: string[] }).command[0]).toBe('/opt/venv/bin/gunicorn');
  expect(
    resolve({
      'setup.cfg': '[metadata]\nname = x\n[options]\npython_requires = >=3.10,<3.12\n',
      'setup.py': '',
      'main.py': '',
    }).version.value,
  ).toBe('3.11');
});

describe('detection', () => {
  test('a pyproject.toml that only configures tools, or a requirements.txt for docs, does not outweigh go.mod', () => {
    const { ranked, ties } = detect(
      scanProject(
        project({
          'go.mod': 'module x\n',
          'main.go': 'package main\nfunc main(){}\n',
          'pyproject.toml': '[tool.ruff]\nline-length = 100\n',
          'requirements.txt': 'mkdocs\n',
        }),
      ),
    );
    expect(ranked[0]!.lang).toBe('go');
    expect(ties).toEqual([]);
  });
});

describe('hostile Python projects: bounded includes, fixes that work, one version', () => {
  const main = { 'main.py': 'print(1)\n' };

  test('an include cycle ends with a warning; a chain deeper than the cap and too many files are refused with the fix', () => {
    const cycle = resolve({
      ...main,
      'requirements.txt': 'flask\n-r a.txt\n',
      'a.txt': '-r requirements.txt\nclick\n',
    });
    expect(cycle.warnings.join('\n')).toContain(
      'a.txt line 1 includes requirements.txt, which includes a.txt (a cycle)',
    );
    expect((cycle.own as { manifests: string[] }).manifests).toEqual(['requirements.txt', 'a.txt']);
    const chain: Record<string, string> = { ...main, 'requirements.txt': '-r r0.txt\n' };
    for (let i = 0; i < 30; i++) chain[`r${i}.txt`] = `-r r${i + 1}.txt\n`;
    expect(() => resolve(chain)).toThrow(
      expect.objectContaining({ code: 'E_UNSAFE_VALUE', message: expect.stringContaining('more than 10 deep') }),
    );
    const many: Record<string, string> = {
      ...main,
      'requirements.txt': Array.from({ length: 60 }, (_, i) => `-r r${i}.txt\n`).join(''),
    };
    for (let i = 0; i < 60; i++) many[`r${i}.txt`] = `p${i}\n`;
    expect(() => resolve(many)).toThrow(
      expect.objectContaining({ code: 'E_UNSAFE_VALUE', hint: 'Merge some of the requirement files.' }),
    );
  });

  test('-r https://… is a URL include pip fetches, not a path outside the project; a missing include is said', () => {
    const r = resolve({
      ...main,
      'requirements.txt': 'flask\n-r https://example.invalid/reqs.txt\n--requirement=missing.txt\n',
    });
    expect(r.warnings.join('\n')).toContain(
      'requirements.txt line 2 includes https://example.invalid/reqs.txt, a URL: pip fetches it during the build',
    );
    expect(r.warnings.join('\n')).not.toContain('outside the project');
    expect(r.warnings.join('\n')).toContain(
      'requirements.txt line 3 includes missing.txt, which is not in the project',
    );
  });

  test('an include path over the cap, or one the Dockerfile cannot copy, is refused with the rename; never dropped', () => {
    const long = `${'d/'.repeat(100)}r.txt`;
    expect(() => resolve({ ...main, 'requirements.txt': `-r ${long}\n`, [long]: 'flask\n' })).toThrow(
      expect.objectContaining({
        code: 'E_UNSAFE_VALUE',
        message: expect.stringContaining('line 1 includes a file by a path of 205 characters'),
        hint: expect.stringContaining('shorter path'),
      }),
    );
    expect(() => resolve({ ...main, 'requirements.txt': '-r $x.txt\n', '$x.txt': 'flask\n' })).toThrow(
      expect.objectContaining({ code: 'E_UNSAFE_VALUE', hint: expect.stringContaining('Rename it') }),
    );
  });

  test("line numbers count continuation lines; comments go only after a blank (pip's rule); CRLF", () => {
    const scan = scanProject(
      project({
        'requirements.txt': 'a==1 \\\r\n  --hash=sha256:x\r\nb#c\r\n# -r x.txt\r\n-r https://e.invalid/r.txt # c\r\n',
      }),
    );
    const r = readRequirements(scan, 'requirements.txt');
    expect(r.names).toEqual(['a', 'b']);
    expect(r.warnings[0]).toContain('line 5 includes https://e.invalid/r.txt');
  });

  test('keep: every requirements file the Dockerfile copies, the manifests, the readme and the entry file', () => {
    const r = resolve({
      'requirements.txt': '-r docs/requirements.txt\n',
      'docs/requirements.txt': 'flask\ngunicorn\n',
      'web/app.py': 'from flask import Flask\napp = Flask(__name__)\n',
    });
    expect(r.keep).toEqual(['requirements.txt', 'docs/requirements.txt', 'web/app.py']);
    const pkg = resolve({
      'pyproject.toml':
        '[project]\nname = "x"\nversion = "1"\nreadme = "docs/README.md"\n[project.scripts]\nx = "x:main"\n',
      'uv.lock': 'version = 1\n',
      'docs/README.md': '# x\n',
      'setup.cfg': '',
      'x/__init__.py': 'def main(): pass\n',
    });
    expect(pkg.keep).toEqual(['pyproject.toml', 'uv.lock', 'setup.cfg', 'docs/README.md']);
  });

  test('a dependency named like an Object member is no entry of the package table', () => {
    const r = resolve({ ...main, 'requirements.txt': 'constructor\ntoString\nvalueOf\n__proto__\n' });
    expect(r.decisions.find((d) => d.topic === 'Native code')).toBeUndefined();
  });

  test('--entry runs a script or a package the search does not offer; with nothing found, the hint says so and it works', () => {
    const files = { 'requirements.txt': 'click\n', 'tools/run.py': 'print(1)\n', 'a/b/cli/__main__.py': 'print(1)\n' };
    expect(() => resolve(files)).toThrow(
      expect.objectContaining({ code: 'E_NO_ENTRY', hint: expect.stringContaining('--entry scripts/tool.py') }),
    );
    expect((resolve(files, { entry: 'tools/run.py' }).own as { command: string[] }).command).toEqual([
      '/opt/venv/bin/python',
      'tools/run.py',
    ]);
    expect((resolve(files, { entry: 'a/b/cli' }).own as { command: string[] }).command).toEqual([
      '/opt/venv/bin/python',
      '-m',
      'a.b.cli',
    ]);
    expect(resolve(files, { entry: 'tools/run.py' }).keep).toContain('tools/run.py');
    expect(() => resolve(files, { entry: '../x.py' })).toThrow(expect.objectContaining({ code: 'E_NO_ENTRY' }));
  });

  test('requires-python: the warning names the version the image runs, and every runtime runs that one', async () => {
    const py = (rp: string) => ({
      'pyproject.toml': `[project]\nname = "x"\nversion = "1"\nrequires-python = "${rp}"\n`,
      ...main,
    });
    for (const rp of ['3.11', 'banana', '>=3.15', '<3']) {
      const g = await generate(project(py(rp)));
      const warning = g.plan.warnings.find((w) => w.includes('requires-python'))!;
      expect(warning).toContain('the image uses Python 3.14');
      expect(g.plan.runtime).not.toBe('distroless');
      expect(g.plan.final.image).toMatch(/^python:3\.14-/);
      expect(g.plan.options.find((o) => o.runtime === 'distroless')).toMatchObject({ ok: false });
    }
    expect(
      (await generate(project(py('banana')))).plan.options.find((o) => o.runtime === 'distroless')!.reason,
    ).toContain('is not a version specifier');
    // A pin decides when the range is no specifier: distroless only for its own version.
    const pinned = await generate(project({ ...py('banana'), '.python-version': '3.11\n' }));
    expect(pinned.plan.runtime).toBe('distroless');
    expect(pinned.plan.warnings.join()).not.toContain('3.14');
  });

  test('the factory search reads a line at a time: blank lines, a return type, CRLF', () => {
    const app = (src: string) =>
      (resolve({ 'requirements.txt': 'flask\ngunicorn\n', 'app.py': src }).own as { command: string[] }).command.at(-1);
    expect(
      app(
        `from flask import Flask\ndef create_app():\n${'  \n'.repeat(40)}    app = Flask(__name__)\n    return app\n`,
      ),
    ).toBe('app:create_app()');
    expect(
      app('from flask import Flask\r\ndef make_app(cfg=None) -> Flask:\r\n\r\n    app = Flask(__name__)\r\n'),
    ).toBe('app:make_app()');
    expect(app('from flask import Flask\ndef create_app():\n    pass\nx = 1\n    app = Flask(__name__)\n')).toBe(
      'app.py',
    );
  });

  test('setup.cfg console_scripts: the option split at its first =, CRLF', () => {
    expect(
      setupCfgScripts('[options.entry_points]\r\nconsole_scripts =\r\n    tool = pkg.cli:main\r\nother = x\r\n'),
    ).toEqual({ tool: 'pkg.cli:main' });
    expect(setupCfgScripts('[options.entry_points]\nconsole_scripts = tool = pkg.cli:main\n')).toEqual({
      tool: 'pkg.cli:main',
    });
  });

  test('a Poetry constraint with long runs of blanks and commas', () => {
    expect(poetryToPep440(`>=3.9${' '.repeat(1000)},${' \t'.repeat(1000)}<4`)).toBe('>=3.9,<4');
  });
});

test('files setup.cfg reads by name (file: directives) stay in the build context and are kept', () => {
  expect(
    setupCfgFiles(
      '[metadata]\nlong_description = file: docs/README.md, CHANGES.md\nversion = file: ./VERSION\nname = x\n',
    ),
  ).toEqual(['docs/README.md', 'CHANGES.md', 'VERSION']);
  const r = resolve({
    'setup.py': 'from setuptools import setup\nsetup()\n',
    'setup.cfg': '[metadata]\nname = x\nlong_description = file: docs/README.md\n',
    'docs/README.md': '# x\n',
    'main.py': 'print(1)\n',
  });
  expect(r.ignore).not.toContain('docs/');
  expect(r.keep).toEqual(['setup.py', 'setup.cfg', 'docs/README.md', 'main.py']);
});

describe('which requirements file', () => {
  test('a production requirements file is the one installed (it names the server); requirements.txt otherwise', async () => {
    const files = {
      'requirements.txt': 'flask\n',
      'requirements-production.txt': '-r requirements.txt\nwaitress\n',
      'app.py': FLASK,
    };
    const g = await generate(project(files));
    const text = g.files[0]!.content;
    expect(text).toContain('pip install -r requirements-production.txt');
    expect(text).toContain('waitress-serve');
    expect(g.plan.decisions.find((d) => d.topic === 'Install')?.choice).toContain('requirements-production.txt');
    const plain = await generate(project({ 'requirements.txt': 'flask\ngunicorn\n', 'app.py': FLASK }));
    expect(plain.files[0]!.content).toContain('pip install -r requirements.txt');
  });
});

describe('a web app whose framework the image does not install', () => {
  test('is not the program: a Flask app with Flask only in an optional extra gives way to the console script', async () => {
    const files = {
      'requirements.txt': 'certifi\n',
      'pyproject.toml':
        '[project]\nname = "tool"\nversion = "1"\n[project.optional-dependencies]\nserver = ["Flask"]\n[project.scripts]\ntool = "tool:main"\n',
      'tool.py': 'def main():\n    print(1)\n',
      'toolserver/server.py':
        'from flask import Flask\n\ndef create_app():\n    app = Flask(__name__)\n    return app\n',
    };
    const g = await generate(project(files));
    expect(g.files[0]!.content).toContain('ENTRYPOINT ["/opt/venv/bin/tool"]');
    expect(g.plan.warnings.join('\n')).toContain('Flask is not among the dependencies the image installs');
  });
});

describe('setup.py programs', () => {
  test('scripts= files run by their own names from the venv, with the project installed', () => {
    const r = resolve({
      'setup.py':
        'from distutils.core import setup\nsetup(name="canto", version="0.9", packages=["canto_next"],\n      scripts=["bin/canto-daemon", "bin/canto-remote"], install_requires=["feedparser"])\n',
      'bin/canto-daemon': '#!/usr/bin/env python3\nfrom canto_next.canto_backend import main\nmain()\n',
      'bin/canto-remote': '#!/usr/bin/env python3\nprint(1)\n',
      'canto_next/__init__.py': '',
      'canto_next/canto_backend.py': 'def main(): pass\n',
    });
    expect(r.entries.map((e) => e.value)).toEqual(['canto-daemon', 'canto-remote']);
    expect(r.own.command).toEqual(['/opt/venv/bin/canto-daemon']);
    expect(r.own.installsProject).toBe(true);
    expect(r.keep).toContain('bin/canto-daemon');
  });

  test('entry_points console_scripts in setup.py', () => {
    const r = resolve({
      'setup.py':
        'from setuptools import setup\nsetup(name="tool", entry_points={"console_scripts": ["tool = tool.cli:main", "tool-admin=tool.admin:run"]})\n',
      'tool/__init__.py': '',
      'tool/cli.py': 'def main(): pass\n',
    });
    expect(r.entries.map((e) => e.value)).toEqual(['tool', 'tool-admin']);
    expect(r.entry.source).toMatch(/console_scripts: tool = tool\.cli:main/);
  });
});

describe('dependency groups (PEP 735) without a [project] table', () => {
  test('the groups not for development install with pip --group; the app is run from its code', async () => {
    const g = await generate(
      project({
        'pyproject.toml':
          '[dependency-groups]\nmain = ["Django==5.2.16", "gunicorn==25.0.3", {include-group = "extra"}]\nextra = ["requests"]\ndev = ["pytest"]\n',
        'manage.py': 'import django\n',
        'mysite/settings.py': 'WSGI_APPLICATION = "mysite.wsgi.application"\n',
        'mysite/wsgi.py': 'application = None\n',
      }),
    );
    const text = g.files.find((f) => f.name === 'Dockerfile')!.content;
    expect(text).toContain("pip install 'pip>=25.1' && pip install --group main --group extra");
    // pyproject.toml is copied before the code: the groups install in a layer of their own.
    expect(text.indexOf('COPY pyproject.toml ./')).toBeLessThan(text.indexOf('--group main'));
    expect(text.indexOf('--group main')).toBeLessThan(text.indexOf('COPY . .'));
    expect(g.plan.decisions.find((d) => d.topic === 'Install')?.choice).toMatch(
      /^pip install --group main --group extra \(PEP 735/,
    );
    expect(text).not.toMatch(/--group dev|pip install \.$/m);
    expect(g.plan.final.entrypoint).toContain('/opt/venv/bin/gunicorn');
  });
});
