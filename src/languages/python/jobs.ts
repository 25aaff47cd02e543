import type { Scan } from '../../core/scan.js';
import { procfileCompanions, withFramework, type Companion } from '../processes.js';
import { bin, PY } from './program.js';

/** How the image runs a Procfile command: python is the venv's, any other tool the venv's script of that name. */
function inVenv(words: string[]): string[] {
  const [first, ...rest] = words;
  if (/^python3?(?:\.\d+)?$/.test(first!)) return [PY, ...rest];
  return first!.includes('/') ? words : [bin(first!), ...rest];
}

/** Drivers of database servers: with one, a Django release migrates the database first. */
const SERVER_DRIVERS = ['psycopg', 'psycopg2', 'psycopg2-binary', 'mysqlclient', 'pymysql', 'dj-database-url'];

/**
 * The module a Celery app is in: a celery.py that makes one stands for its package (Django's
 * layout, proj/celery.py: `celery -A proj`); else the first module that makes one.
 */
export function celeryModule(scan: Scan, sources: string[]): { module: string; file: string } | undefined {
  const makers = sources.filter((f) => /\bCelery\(/.test(scan.read(f, 256 * 1024) ?? '')).slice(0, 20);
  const file = makers.find((f) => /(?:^|\/)celery\.py$/.test(f)) ?? makers[0];
  if (!file) return undefined;
  const stem = file.replace(/\.py$/, '');
  const path = stem.endsWith('/celery') ? stem.slice(0, -'/celery'.length) : stem;
  const module = path.replace(/\//g, '.');
  return /^[A-Z_][\w.]{0,200}$/i.test(module) ? { module, file } : undefined;
}

/** The app's other processes: the Procfile's, then Celery's or RQ's worker (and beat), and a Django release step. */
export function pythonCompanions(scan: Scan, sources: string[], deps: Set<string>, warnings: string[]): Companion[] {
  const framework: Companion[] = [];
  const django = scan.has('manage.py') && deps.has('django');
  const celery = deps.has('celery') ? celeryModule(scan, sources) : undefined;
  if (celery) {
    framework.push({
      role: 'worker',
      command: [bin('celery'), '-A', celery.module, 'worker', '--loglevel=INFO'],
      once: false,
      source: `celery in the dependencies, its app in ${celery.file}`,
    });
    if (deps.has('django-celery-beat') || sources.some((f) => /\bbeat_schedule\b/.test(scan.read(f, 256 * 1024) ?? '')))
      framework.push({
        role: 'beat',
        command: [bin('celery'), '-A', celery.module, 'beat', '--loglevel=INFO'],
        once: false,
        source: deps.has('django-celery-beat') ? 'django-celery-beat in the dependencies' : 'a Celery beat_schedule',
      });
  } else if (django && deps.has('django-rq'))
    framework.push({
      role: 'worker',
      command: [PY, 'manage.py', 'rqworker'],
      once: false,
      source: 'django-rq in the dependencies',
    });
  else if (deps.has('rq'))
    framework.push({ role: 'worker', command: [bin('rq'), 'worker'], once: false, source: 'rq in the dependencies' });
  const driver = SERVER_DRIVERS.find((d) => deps.has(d));
  if (django && driver)
    framework.push({
      role: 'release',
      command: [PY, 'manage.py', 'migrate', '--noinput'],
      once: true,
      source: `Django with ${driver}: the database is migrated before the server starts`,
    });
  return withFramework(procfileCompanions(scan, warnings, inVenv), framework);
}
