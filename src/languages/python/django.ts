import { UserError } from '../../core/errors.js';
import type { Program, ProgramSearch } from './program.js';
import { serverFor, serverNames } from './servers.js';

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
  const wsgiServer = wsgi && serverFor(deps, 'wsgi', `${wsgi.m}:application`, 8000);
  // An ASGI server serves the ASGI application, or the module beside the WSGI one (proj.asgi).
  const asgiMod = (asgi ?? wsgi)?.m?.replace(/\.wsgi$/, '.asgi');
  const asgiServer = asgiMod !== undefined ? serverFor(deps, 'asgi', `${asgiMod}:application`, 8000) : undefined;
  if (wsgi && wsgiServer)
    program = {
      value: 'django',
      label: `Django with ${wsgiServer.name} (${wsgi.m}:application)`,
      source: `manage.py, ${wsgi.f}: WSGI_APPLICATION, ${wsgiServer.name} in the dependencies`,
      command: wsgiServer.command,
      port: 8000,
      kind: 'server',
      collectstatic: staticRoot,
      files: djangoFiles(wsgi.m!),
    };
  else if (asgiServer && asgiMod !== undefined) {
    program = {
      value: 'django',
      label: `Django with ${asgiServer.name} (${asgiMod}:application)`,
      source: `manage.py, ${(asgi ?? wsgi)!.f}, ${asgiServer.name} in the dependencies`,
      command: asgiServer.command,
      port: 8000,
      kind: 'server',
      collectstatic: staticRoot,
      files: djangoFiles(asgiMod),
    };
  } else if (wsgi || asgi) {
    throw new UserError(
      'E_NO_ENTRY',
      `A Django project with no application server among its dependencies (${serverNames('wsgi')}; ${serverNames('asgi')} for ASGI): the only way left to serve it is runserver, which Django says must not run in production.`,
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
