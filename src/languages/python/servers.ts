import { bin } from './program.js';

/** The application servers a Python web app may be served by, and how each binds 0.0.0.0:8000. */
type Interface = 'wsgi' | 'asgi';
interface Server {
  name: string;
  /** The arguments before the app's module:object, listening on 0.0.0.0 at the port. */
  args: (port: number, iface: Interface) => string[];
  /** The console script the package installs. */
  script?: string;
}

const SERVERS: Record<string, Server> = {
  gunicorn: { name: 'gunicorn', args: (p) => ['--bind', `0.0.0.0:${p}`] },
  waitress: { name: 'waitress', script: 'waitress-serve', args: (p) => [`--listen=0.0.0.0:${p}`] },
  uwsgi: { name: 'uwsgi', args: (p) => ['--http-socket', `0.0.0.0:${p}`, '--master', '--need-app', '--module'] },
  uvicorn: { name: 'uvicorn', args: (p) => ['--host', '0.0.0.0', '--port', String(p)] },
  hypercorn: { name: 'hypercorn', args: (p) => ['--bind', `0.0.0.0:${p}`] },
  daphne: { name: 'daphne', args: (p) => ['-b', '0.0.0.0', '-p', String(p)] },
  granian: { name: 'granian', args: (p, i) => ['--interface', i, '--host', '0.0.0.0', '--port', String(p)] },
};

/** Servers of each interface, in the order they are preferred when a project names several. */
const ORDER: Record<Interface, string[]> = {
  wsgi: ['gunicorn', 'waitress', 'uwsgi', 'granian'],
  asgi: ['uvicorn', 'hypercorn', 'daphne', 'granian'],
};

/** The first server of the interface among the dependencies, with the command that serves `target` on the port. */
export function serverFor(
  deps: Set<string>,
  iface: Interface,
  target: string,
  port: number,
): { name: string; command: string[] } | undefined {
  const s = ORDER[iface].map((n) => SERVERS[n]!).find((x) => deps.has(x.name));
  return s && { name: s.name, command: [bin(s.script ?? s.name), ...s.args(port, iface), target] };
}

/** The servers named in messages: "gunicorn, waitress, uwsgi or granian". */
export const serverNames = (iface: Interface): string =>
  `${ORDER[iface].slice(0, -1).join(', ')} or ${ORDER[iface].at(-1)!}`;
