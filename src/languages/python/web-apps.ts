import { appObjects, moduleOf, type AppObject } from './apps.js';
import { bin, type Program, type ProgramSearch } from './program.js';
import { serverFor, serverNames } from './servers.js';

/** A Flask app: a WSGI server among the dependencies (gunicorn first), else Flask's development server (said in a warning). */
function flaskProgram(a: AppObject, target: string, { deps, said }: ProgramSearch): Program {
  const server = serverFor(deps, 'wsgi', target, 8000);
  if (server)
    return {
      value: target,
      label: `Flask app ${target} with ${server.name}`,
      source: `${a.file}: ${a.name} = Flask(...), ${server.name} in the dependencies`,
      command: server.command,
      port: 8000,
      kind: 'server',
      files: [a.file],
    };
  said.warnings.push(
    `${a.file} is a Flask app, served here by Flask's development server (no WSGI server, ${serverNames('wsgi')}, is among the dependencies): add gunicorn for production.`,
  );
  return {
    value: target,
    label: `Flask app ${target}`,
    source: `${a.file}: ${a.name} = Flask(...)`,
    command: [bin('flask'), '--app', target, 'run', '--host', '0.0.0.0', '--port', '5000'],
    port: 5000,
    kind: 'server',
    files: [a.file],
  };
}

/** A FastAPI or Starlette app served by uvicorn (an application factory with --factory). */
function asgiProgram(a: AppObject, target: string, { deps, said }: ProgramSearch): Program {
  const factory = a.name.endsWith('()');
  const uvTarget = factory ? target.slice(0, -2) : target;
  const framework = a.framework === 'fastapi' ? 'FastAPI' : 'Starlette';
  if (!deps.has('uvicorn'))
    said.warnings.push(
      `${a.file} is served by uvicorn, which is not named among the dependencies (fastapi[standard] brings it): add uvicorn if the build says it is missing.`,
    );
  return {
    value: target,
    label: `${framework} app ${target} with uvicorn`,
    source: `${a.file}: ${a.name}${factory ? ', an application factory' : ` = ${framework}(...)`}`,
    command: [bin('uvicorn'), '--host', '0.0.0.0', '--port', '8000', ...(factory ? ['--factory'] : []), uvTarget],
    port: 8000,
    kind: 'server',
    files: [a.file],
  };
}

/** The web apps the sources define, each with the server that runs it (a Flask app only when Flask is installed, an ASGI app only when uvicorn or fastapi is). */
export function webAppPrograms(search: ProgramSearch): Program[] {
  const programs: Program[] = [];
  for (const a of appObjects(search.scan, search.sources)) {
    const target = `${moduleOf(a.file)}:${a.name}`;
    if (a.framework === 'flask') {
      // Flask from an extra (pip install pkg[server]) or not at all: the image would not have it.
      if ([...search.deps].some((d) => d === 'flask' || d.startsWith('flask-')))
        programs.push(flaskProgram(a, target, search));
      else
        search.said.warnings.push(
          `${a.file} defines a Flask app, but Flask is not among the dependencies the image installs (an optional extra?): it is not offered as the program.`,
        );
    } else if (search.deps.has('uvicorn') || search.deps.has('fastapi')) programs.push(asgiProgram(a, target, search));
  }
  return programs;
}
