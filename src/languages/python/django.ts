import { UserError } from '../../core/errors.js';
import { bin, type Program, type ProgramSearch } from './program.js';

/** A Django project's program, and whether its settings set STATIC_ROOT (collectstatic at build time). */
export interface DjangoProgram {
  program: Program | undefined;
  staticRoot: boolean;
}

/** The settings module's WSGI or ASGI application (`proj.wsgi`), in the first settings file that names it. */
function application(settings: { f: string; src: string }[], kind: 'WSGI' | 'ASGI') {
  const re =
    kind === 'WSGI'
      ? /^WSGI_APPLICATION\s*=\s*['"]([\w.]{1,200})\.application['"]/m
      : /^ASGI_APPLICATION\s*=\s*['"]([\w.]{1,200})\.application['"]/m;
  return settings.map((s) => ({ f: s.f, m: re.exec(s.src)?.[1] })).find((x) => x.m);
}

/**
 * A Django project (manage.py) served by gunicorn (WSGI) or uvicorn (ASGI), whichever is among
 * the dependencies. Never runserver: Django says it must not run in production.
 */
export function djangoProgram({ scan, sources, deps, said }: ProgramSearch): DjangoProgram {
  if (!scan.has('manage.py')) return { program: undefined, staticRoot: false };
  /** manage.py and the module Django's server loads (proj.wsgi -> proj/wsgi.py), those that exist. */
  const djangoFiles = (module: string) => ['manage.py', `${module.replace(/\./g, '/')}.py`].filter((f) => scan.has(f));
  const settings = sources.filter((f) => /settings/.test(f)).map((f) => ({ f, src: scan.read(f) ?? '' }));
  const wsgi = application(settings, 'WSGI');
  const asgi = application(settings, 'ASGI');
  const staticRoot = settings.some((s) => /^STATIC_ROOT\s*=/m.test(s.src));
  let program: Program | undefined;
  if (deps.has('gunicorn') && wsgi)
    program = {
      value: 'django',
      label: `Django with gunicorn (${wsgi.m}:application)`,
      source: `manage.py, ${wsgi.f}: WSGI_APPLICATION, gunicorn in the dependencies`,
      command: [bin('gunicorn'), '--bind', '0.0.0.0:8000', `${wsgi.m}:application`],
      port: 8000,
      kind: 'server',
      collectstatic: staticRoot,
      files: djangoFiles(wsgi.m!),
    };
  else if ((deps.has('uvicorn') || deps.has('daphne')) && (asgi ?? wsgi)) {
    const mod = (asgi ?? wsgi)!.m!.replace(/\.wsgi$/, '.asgi');
    program = {
      value: 'django',
      label: `Django with uvicorn (${mod}:application)`,
      source: `manage.py, ${(asgi ?? wsgi)!.f}, uvicorn in the dependencies`,
      command: [bin('uvicorn'), '--host', '0.0.0.0', '--port', '8000', `${mod}:application`],
      port: 8000,
      kind: 'server',
      collectstatic: staticRoot,
      files: djangoFiles(mod),
    };
  } else if (wsgi || asgi) {
    throw new UserError(
      'E_NO_ENTRY',
      'A Django project with neither gunicorn nor uvicorn among its dependencies: the only way left to serve it is runserver, which Django says must not run in production.',
      'Add gunicorn (or uvicorn for ASGI) to the dependencies, then run this again.',
    );
  }
  if (staticRoot)
    said.decisions.push({
      topic: 'Static files',
      choice: 'python manage.py collectstatic at build time',
      because: 'STATIC_ROOT is set in the settings',
    });
  return { program, staticRoot };
}
