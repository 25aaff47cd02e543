import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { generate } from '../src/index.js';
import { GO_MAIN, project } from './helpers.js';

/** The app's other processes (Procfile lines, a job queue's worker, a release step) and the settings it cannot start without. */
const plan = async (files: Record<string, string>, opts = {}) => (await generate(project(files), opts)).plan;
const dockerfile = async (files: Record<string, string>) =>
  (await generate(project(files))).files.find((f) => f.name === 'Dockerfile')!.content;

const FLASK = {
  'requirements.txt': 'flask==3.1.2\ngunicorn==23.0.0\ncelery==5.6.3\npsycopg==3.2.3\n',
  'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
};
const RAILS = {
  Gemfile: 'gem "rails"\ngem "puma"\ngem "pg"\ngem "sidekiq"\n',
  'config/application.rb': 'module App; class Application < Rails::Application; end; end\n',
  'config.ru': 'run Rails.application\n',
  'bin/rails': '#!/usr/bin/env ruby\n',
};

describe('companion processes', () => {
  test('Celery: a worker from the module that makes the app (proj/celery.py stands for proj), with the venv’s celery', async () => {
    const p = await plan({
      ...FLASK,
      'proj/__init__.py': '',
      'proj/celery.py': 'from celery import Celery\napp = Celery("proj")\n',
      'proj/tasks.py': 'from .celery import app\n',
    });
    expect(p.processes.map((x) => [x.role, x.command.join(' ')])).toEqual([
      ['worker', '/opt/venv/bin/celery -A proj worker --loglevel=INFO'],
    ]);
    expect(p.processes[0]!.run).toBe(
      'docker run --rm --entrypoint /opt/venv/bin/celery tmp -A proj worker --loglevel=INFO'.replace('tmp', p.name),
    );
  });

  test('Celery beat when the app has a schedule; a module-level app names its module', async () => {
    const p = await plan({
      ...FLASK,
      'worker/jobs.py': 'from celery import Celery\nq = Celery("jobs")\nq.conf.beat_schedule = {}\n',
    });
    expect(p.processes.map((x) => x.command.slice(1, 4).join(' '))).toEqual([
      '-A worker.jobs worker',
      '-A worker.jobs beat',
    ]);
  });

  test('Django with a database server migrates once before release; without one, nothing runs once', async () => {
    const django = {
      'manage.py': 'import django\n',
      'mysite/settings.py': 'WSGI_APPLICATION = "mysite.wsgi.application"\n',
      'mysite/wsgi.py': 'application = None\n',
    };
    const withPg = await plan({ ...django, 'requirements.txt': 'django==5.1\ngunicorn\npsycopg2-binary\n' });
    expect(withPg.processes.filter((x) => x.once).map((x) => x.command.join(' '))).toEqual([
      '/opt/venv/bin/python manage.py migrate --noinput',
    ]);
    const sqlite = await plan({ ...django, 'requirements.txt': 'django==5.1\ngunicorn\n' });
    expect(sqlite.processes).toEqual([]);
  });

  test('a Procfile worker replaces the framework’s, a release line runs once, shell syntax is named, not run', async () => {
    const warnings: string[] = [];
    const p = await plan({
      ...FLASK,
      'tasks.py': 'from celery import Celery\napp = Celery()\n',
      Procfile:
        'web: gunicorn app:app\nworker: celery -A tasks worker -Q high\nrelease: python -m flask db upgrade\nclock: sh -c "sleep 1 && run"\n',
    });
    warnings.push(...p.warnings);
    expect(p.processes.map((x) => [x.role, x.once, x.command.join(' ')])).toEqual([
      ['worker', false, '/opt/venv/bin/celery -A tasks worker -Q high'],
      ['release', true, '/opt/venv/bin/python -m flask db upgrade'],
    ]);
    expect(warnings.join('\n')).toMatch(/Procfile's clock command .* uses shell syntax/);
  });

  test('Rails: the job gem’s worker through the bundle, db:prepare before release, the secret named', async () => {
    const p = await plan(RAILS);
    expect(p.processes.map((x) => [x.role, x.command.join(' ')])).toEqual([
      ['worker', 'bundle exec sidekiq'],
      ['release', 'bin/rails db:prepare'],
    ]);
    expect(p.settings.map((s) => s.name)).toEqual(['SECRET_KEY_BASE']);
    const withCredentials = await plan({ ...RAILS, 'config/credentials.yml.enc': 'x' });
    expect(withCredentials.settings.map((s) => s.name)).toEqual(['RAILS_MASTER_KEY']);
  });

  test('Rails: a Procfile command of a gem runs through bundle exec', async () => {
    const p = await plan({ ...RAILS, Procfile: 'web: bin/rails server\nworker: good_job start\n' });
    expect(p.processes.find((x) => x.role === 'worker')!.command).toEqual(['bundle', 'exec', 'good_job', 'start']);
  });

  test('a compiled program: its own name becomes the ENTRYPOINT; a tool the image lacks is a warning', async () => {
    const p = await plan({
      'go.mod': 'module example.com/app\n\ngo 1.22\n',
      'main.go': GO_MAIN,
      Procfile: 'web: app serve\nworker: bin/app work --queue default\nmailer: npm run mail\n',
    });
    expect(p.processes.map((x) => x.command)).toEqual([['/app/app', 'work', '--queue', 'default']]);
    expect(p.warnings.join('\n')).toMatch(/mailer process .* runs npm, which this image does not have/);
  });

  test('the header names each process and setting, with no values', async () => {
    const text = await dockerfile({
      ...FLASK,
      'app.py':
        'import os\nfrom flask import Flask\napp = Flask(__name__)\napp.secret_key = os.environ["APP_SECRET"]\n',
      'tasks.py': 'from celery import Celery\napp = Celery()\n',
    });
    expect(text).toMatch(/^# {3}docker run --rm -p 8000:8000 -e APP_SECRET \S+$/m);
    expect(text).toMatch(/^# {3}APP_SECRET: app\.py: os\.environ\[\.\.\.\]$/m);
    expect(text).toMatch(
      /^# Beside it, its worker process .*\n# {3}docker run --rm -e APP_SECRET --entrypoint \/opt\/venv\/bin\/celery /m,
    );
  });
});

describe('required settings', () => {
  test('Python: os.environ[...] and env() without defaults; get(), defaults, assignments and tests are not required', async () => {
    const p = await plan({
      'requirements.txt': 'flask\ngunicorn\ndjango-environ\n',
      'app.py': [
        'import os, environ',
        'from flask import Flask',
        'env = environ.Env()',
        'app = Flask(__name__)',
        'A = os.environ["NEEDED_A"]',
        'B = os.environ.get("OPTIONAL_B")',
        'os.environ["SET_HERE"] = "1"',
        'C = env("NEEDED_C")',
        'D = env("OPTIONAL_D", default="x")',
        'E = env.bool("NEEDED_E")',
        '',
      ].join('\n'),
      'tests/test_app.py': 'import os\nT = os.environ["TEST_ONLY"]\n',
    });
    expect(p.settings.map((s) => s.name)).toEqual(['NEEDED_A', 'NEEDED_C', 'NEEDED_E']);
  });

  test('Ruby: ENV.fetch without a default or a block, outside development and test settings', async () => {
    const p = await plan({
      ...RAILS,
      'config/initializers/api.rb':
        'KEY = ENV.fetch("API_KEY")\nT = ENV.fetch("THREADS") { 5 }\nP = ENV.fetch("PORT", 3000)\nX = ENV["OPTIONAL"]\n',
      'config/environments/development.rb': 'ENV.fetch("DEV_ONLY")\n',
    });
    expect(p.settings.map((s) => s.name)).toEqual(['SECRET_KEY_BASE', 'API_KEY']);
  });

  test('Rust: env::var that must succeed; Java: Spring placeholders without a default', async () => {
    const rust = await plan({
      'Cargo.toml': '[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n',
      'src/main.rs':
        'fn main() { let a = std::env::var("DATABASE_URL").expect("set it"); let b = std::env::var("OPT").unwrap_or_default(); }\n',
    });
    expect(rust.settings.map((s) => s.name)).toEqual(['DATABASE_URL']);
    const java = await plan({
      'pom.xml':
        '<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>app</artifactId><version>1</version></project>',
      'src/main/java/a/App.java': 'package a; public class App { public static void main(String[] a) {} }\n',
      'src/main/resources/application.properties': 'spring.datasource.url=${DB_URL}\nserver.port=${PORT:8080}\n',
      'src/main/resources/application-dev.properties': 'x=${DEV_ONLY}\n',
    });
    expect(java.settings.map((s) => s.name)).toEqual(['DB_URL']);
  });

  test('a hostile name never reaches the Dockerfile: only upper-case names are read', async () => {
    const text = await dockerfile({
      ...FLASK,
      'app.py': 'import os\nX = os.environ["a\\nRUN evil"]\nY = os.environ["OK_NAME"]\n',
    });
    expect(text).not.toMatch(/evil/);
    expect(text).toMatch(/-e OK_NAME /);
  });
});

describe('compose', () => {
  test('processes become services of the same build; a release runs to its end before the server; settings are required', async () => {
    const g = await generate(
      project({
        ...FLASK,
        'app.py': 'import os\nfrom flask import Flask\napp = Flask(__name__)\nK = os.environ["APP_SECRET"]\n',
        'manage.py': '',
        'tasks.py': 'from celery import Celery\napp = Celery()\n',
        Procfile: 'web: gunicorn app:app\nrelease: python manage.py migrate\n',
      }),
      { compose: true },
    );
    const doc = parse(g.files.find((f) => f.name === 'compose.yaml')!.content) as {
      services: Record<string, Record<string, unknown>>;
    };
    const name = g.plan.name;
    expect(Object.keys(doc.services).sort()).toEqual([name, 'db', `${name}-release`, `${name}-worker`].sort());
    // One build (the app's): the others run its image, never pulled.
    expect(doc.services[`${name}-worker`]!.build).toBeUndefined();
    expect(doc.services[`${name}-worker`]).toMatchObject({
      image: name,
      pull_policy: 'never',
      entrypoint: ['/opt/venv/bin/celery', '-A', 'tasks', 'worker', '--loglevel=INFO'],
    });
    expect(doc.services[name]!.depends_on).toEqual({
      db: { condition: 'service_started' },
      [`${name}-release`]: { condition: 'service_completed_successfully' },
    });
    expect(doc.services[`${name}-release`]).toMatchObject({ restart: 'no' });
    expect((doc.services[name]!.environment as Record<string, string>).APP_SECRET).toBe(
      '${APP_SECRET:?set APP_SECRET}',
    );
    expect(g.files.find((f) => f.name === 'compose.yaml')!.content).toContain('restart: "no"');
  });

  test('a setting compose gives a value (its database URL) keeps that value', async () => {
    const g = await generate(
      project({
        ...FLASK,
        'app.py': 'import os\nfrom flask import Flask\napp = Flask(__name__)\nDB = os.environ["DATABASE_URL"]\n',
      }),
      { compose: true },
    );
    const doc = parse(g.files.find((f) => f.name === 'compose.yaml')!.content) as {
      services: Record<string, { environment?: Record<string, string> }>;
    };
    expect(doc.services[g.plan.name]!.environment!.DATABASE_URL).toMatch(
      /^postgres:\/\/postgres:\$\{POSTGRES_PASSWORD\}@db/,
    );
  });
});

describe('what is not a setting or a process', () => {
  test('variables the image or the platform sets, one the image sets itself, and del are no settings', async () => {
    const p = await plan({
      ...FLASK,
      'app.py':
        'import os\nfrom flask import Flask\napp = Flask(__name__)\nP = os.environ["PATH"]\nH = os.environ["HOME"]\ndel os.environ["TOKEN"]\nG = os.environ["GOOGLE_API_KEY"]\nU = os.environ["PYTHONUNBUFFERED"]\n',
    });
    expect(p.settings.map((s) => s.name)).toEqual(['GOOGLE_API_KEY']);
  });

  test('Procfile process types in any case: Web is the server, RELEASE runs once; control characters are no command', async () => {
    const p = await plan({
      ...FLASK,
      Procfile: 'Web: gunicorn app:app\nRELEASE: python manage.py migrate\nworker: celery -A tasks worker\u202e\n',
    });
    expect(p.processes.map((x) => [x.role, x.once])).toEqual([['release', true]]);
    expect(p.warnings.join('\n')).toMatch(/Procfile's worker command/);
  });
});
