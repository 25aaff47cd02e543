import { Scalar, stringify } from 'yaml';
import type { Scan } from './core/scan.js';
import type { Plan } from './plan/index.js';

/**
 * compose.yaml for the service (--compose): its build, port, the environment names the project's
 * .env.example lists (values left to the environment), and a database service when the project
 * clearly uses one: a driver among its dependencies, or a URL scheme in .env.example.
 */

interface Database {
  kind: 'postgres' | 'mysql' | 'redis';
  evidence: string;
}

/** Files where dependencies are named, whatever the language. */
const MANIFESTS = [
  'package.json',
  'requirements.txt',
  'pyproject.toml',
  'Pipfile',
  'Gemfile',
  'go.mod',
  'Cargo.toml',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
];

/** Driver names by database: package names of npm, PyPI, RubyGems, Go modules, crates and Maven. */
const DRIVERS: Record<Database['kind'], RegExp> = {
  postgres:
    /(?:^|["'\s/=:])(pg|postgres|psycopg2|psycopg2-binary|psycopg|asyncpg|sequel_pg|lib\/pq|jackc\/pgx(?:\/v\d)?|tokio-postgres|sqlx-postgres|postgresql)(?:["'\s=<>~^@:,\]]|$)/m,
  mysql:
    /(?:^|["'\s/=:])(mysql2|mysqlclient|pymysql|PyMySQL|aiomysql|go-sql-driver\/mysql|mysql-connector-j|mysql-connector-python)(?:["'\s=<>~^@:,\]]|$)/m,
  redis: /(?:^|["'\s/=:])(redis|ioredis|go-redis\/redis(?:\/v\d)?|redis-rb|hiredis)(?:["'\s=<>~^@:,\]]|$)/m,
};

const ENV_FILES = ['.env.example', '.env.sample', '.env.template', '.env.dist'];

export function envNames(scan: Scan): string[] {
  const file = ENV_FILES.find((f) => scan.has(f));
  if (!file) return [];
  const names: string[] = [];
  for (const line of (scan.read(file, 64 * 1024) ?? '').split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Z][A-Z0-9_]{0,60})\s*=/.exec(line);
    if (m && !names.includes(m[1]!) && names.length < 100) names.push(m[1]!);
  }
  return names;
}

export function databases(scan: Scan): Database[] {
  const out: Database[] = [];
  const env = ENV_FILES.map((f) => (scan.has(f) ? (scan.read(f, 64 * 1024) ?? '') : '')).join('\n');
  for (const kind of ['postgres', 'mysql', 'redis'] as const) {
    const scheme = {
      postgres: /=\s*["']?postgres(?:ql)?:\/\//,
      mysql: /=\s*["']?mysql2?:\/\//,
      redis: /=\s*["']?rediss?:\/\//,
    }[kind];
    if (scheme.test(env)) {
      out.push({ kind, evidence: `.env.example: a ${kind} URL` });
      continue;
    }
    for (const f of MANIFESTS) {
      const text = scan.has(f) ? (scan.read(f, 512 * 1024) ?? '') : '';
      const m = DRIVERS[kind].exec(text);
      if (m) {
        out.push({ kind, evidence: `${f}: ${m[1]}` });
        break;
      }
    }
  }
  return out;
}

const IMAGES: Record<
  Database['kind'],
  {
    image: string;
    port: number;
    env: Record<string, string>;
    data: string;
    url: (host: string) => string;
    names: string[];
  }
> = {
  postgres: {
    image: 'postgres:17-alpine',
    port: 5432,
    env: { POSTGRES_PASSWORD: '${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}' },
    data: '/var/lib/postgresql/data',
    url: (h) => `postgres://postgres:\${POSTGRES_PASSWORD}@${h}:5432/postgres`,
    names: ['db', 'postgres', 'postgres-db'],
  },
  mysql: {
    image: 'mysql:8.4',
    port: 3306,
    env: { MYSQL_ROOT_PASSWORD: '${MYSQL_ROOT_PASSWORD:?set MYSQL_ROOT_PASSWORD}', MYSQL_DATABASE: 'app' },
    data: '/var/lib/mysql',
    url: (h) => `mysql://root:\${MYSQL_ROOT_PASSWORD}@${h}:3306/app`,
    names: ['db', 'mysql', 'mysql-db'],
  },
  redis: {
    image: 'redis:7-alpine',
    port: 6379,
    env: {},
    data: '/data',
    url: (h) => `redis://${h}:6379/0`,
    names: ['redis', 'cache', 'redis-cache'],
  },
};

/**
 * A name for an added service that no other service has: the usual one (db, redis), else the
 * next of its list, else the first with a number. The app's own service may be named db or redis
 * (a package's name): the added one steps aside, so the app never depends on itself.
 */
function freeName(kind: Database['kind'], taken: (n: string) => boolean): string {
  const names = IMAGES[kind].names;
  const free = names.find((n) => !taken(n));
  if (free) return free;
  for (let i = 2; ; i++) if (!taken(`${names[0]}-${i}`)) return `${names[0]}-${i}`;
}

/** restart: "no", quoted as Compose writes it (YAML 1.1 reads a bare no as false). */
const NO = Object.assign(new Scalar('no'), { type: Scalar.QUOTE_DOUBLE });

/** A service name no other service has: the wanted one, else it with a number. */
function freeService(wanted: string, taken: (n: string) => boolean): string {
  if (!taken(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken(`${wanted}-${i}`)) return `${wanted}-${i}`;
}

export function composeFile(plan: Plan, scan: Scan): { content: string; decisions: string[] } {
  const decisions: string[] = [];
  const service: Record<string, unknown> = { build: '.', image: plan.name };
  if (plan.final.expose) service.ports = [`${plan.final.expose}:${plan.final.expose}`];
  const environment: Record<string, string> = {};
  for (const name of envNames(scan)) environment[name] = `\${${name}:-}`;
  // Services and volumes by name (Maps: names come from the project).
  const services = new Map<string, unknown>([[plan.name, service]]);
  const volumes = new Map<string, Record<string, never>>();
  const dbs = databases(scan);
  const dependsOn: string[] = [];
  let sql: Database['kind'] | undefined;
  for (const db of dbs) {
    const info = IMAGES[db.kind];
    // One SQL database: DATABASE_URL names one.
    if (db.kind !== 'redis') {
      if (sql) {
        decisions.push(`${db.kind}: not added (${db.evidence}; DATABASE_URL already names ${sql})`);
        continue;
      }
      sql = db.kind;
    }
    const name = freeName(db.kind, (n) => services.has(n));
    services.set(name, {
      image: info.image,
      ...(Object.keys(info.env).length ? { environment: info.env } : {}),
      volumes: [`${name}-data:${info.data}`],
    });
    volumes.set(`${name}-data`, {});
    environment[db.kind === 'redis' ? 'REDIS_URL' : 'DATABASE_URL'] = info.url(name);
    dependsOn.push(name);
    decisions.push(
      `${name}: ${info.image} (${db.evidence})${name !== info.names[0] ? ` (named ${name}: the app's service is ${plan.name})` : ''}`,
    );
  }
  // Settings the program cannot start without: compose stops with their names until they are set.
  // A value compose already gives (DATABASE_URL of its db service) stays.
  for (const setting of plan.settings)
    if (environment[setting.name] === undefined || environment[setting.name] === `\${${setting.name}:-}`)
      environment[setting.name] = `\${${setting.name}:?set ${setting.name}}`;
  if (Object.keys(environment).length) service.environment = environment;
  // The app's other processes: the same build, another command; a release step runs to its end first.
  let release: string | undefined;
  for (const p of plan.processes) {
    const name = freeService(`${plan.name}-${p.role}`, (n) => services.has(n));
    // The image the app's service builds (one build: two services building one tag race):
    // never pulled, since no registry has it.
    services.set(name, {
      image: plan.name,
      pull_policy: 'never',
      entrypoint: p.command,
      ...(Object.keys(environment).length ? { environment } : {}),
      ...(dependsOn.length ? { depends_on: [...dependsOn] } : {}),
      ...(p.once ? { restart: NO } : {}),
    });
    if (p.once) release ??= name;
    decisions.push(`${name}: ${p.once ? 'runs once before the server' : 'beside the server'} (${p.source})`);
  }
  if (release) {
    service.depends_on = Object.fromEntries([
      ...dependsOn.map((d) => [d, { condition: 'service_started' }]),
      [release, { condition: 'service_completed_successfully' }],
    ]);
    // Other processes wait for the release too (a worker reads the migrated schema).
    for (const [name, s] of services)
      if (name !== release && name !== plan.name && (s as { entrypoint?: unknown }).entrypoint)
        (s as Record<string, unknown>).depends_on = service.depends_on;
  } else if (dependsOn.length) service.depends_on = dependsOn;
  const doc: Record<string, unknown> = { services: Object.fromEntries(services) };
  if (volumes.size) doc.volumes = Object.fromEntries(volumes);
  const toSet = [
    ...(sql ? [sql === 'postgres' ? 'POSTGRES_PASSWORD' : 'MYSQL_ROOT_PASSWORD'] : []),
    ...plan.settings.map((x) => x.name),
  ];
  const header = `# compose.yaml for ${plan.name}, written by create-slim-dockerfile --compose.\n# docker compose up --build${toSet.length ? ` (set ${toSet.join(', ')} in the environment or a .env file first)` : ''}\n`;
  return { content: `${header}${stringify(doc, { lineWidth: 0 })}`, decisions };
}
