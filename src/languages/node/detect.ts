import { isBuilt, type Scan } from '../../core/scan.js';
import { obj, str } from '../../core/parse.js';
import { sourcePoints } from '../shared.js';
import type { Detection } from '../types.js';
import type { Json } from './read.js';

/** Packages that serve HTTP from Node: a project with one of them is a server, not a static site. */
export const SERVER_PACKAGES = [
  'express',
  'fastify',
  'koa',
  '@hapi/hapi',
  'hapi',
  '@nestjs/core',
  'nuxt',
  '@remix-run/node',
  '@react-router/node',
  '@sveltejs/adapter-node',
  '@astrojs/node',
  'socket.io',
  'restify',
  'polka',
  'h3',
  'hono',
  '@hono/node-server',
  'ws',
  'next',
];

const LOCK_FILES = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb'];

/** Whether this is a Node.js project: package.json (weighed by a lock, a start script, a server framework) or JavaScript sources. */
export function detectNode(scan: Scan): Detection[] {
  if (!scan.has('package.json')) {
    const evidence: string[] = [];
    const points = sourcePoints(
      scan.withExt('.js', '.mjs', '.ts').filter((f) => isBuilt(f) && !f.endsWith('.d.ts')),
      '.js',
      evidence,
    );
    return points ? [{ lang: 'node', score: Math.min(points, 30), evidence }] : [];
  }
  const evidence = ['package.json'];
  let score = 60;
  const lock = LOCK_FILES.find((f) => scan.has(f));
  if (lock) {
    score += 30;
    evidence.push(lock);
  }
  let pkg: Json | undefined;
  try {
    pkg = obj(JSON.parse(scan.read('package.json', 1024 * 1024) ?? '{}'));
  } catch {
    pkg = undefined;
  }
  const scripts = obj(pkg?.scripts) ?? {};
  // A package.json whose only scripts build assets is the front-end tooling of another language's app.
  if (str(scripts.start) || str(pkg?.main) || obj(pkg?.bin) || str(pkg?.bin)) {
    score += 40;
    evidence.push('a start script or main');
  }
  const deps = Object.keys({ ...obj(pkg?.dependencies) });
  if (SERVER_PACKAGES.some((s) => deps.includes(s))) {
    score += 30;
    evidence.push('a server framework');
  }
  score += sourcePoints(
    scan.withExt('.js', '.mjs', '.cjs', '.ts').filter((f) => isBuilt(f) && !f.endsWith('.d.ts')),
    '.js',
    evidence,
  );
  return [{ lang: 'node', score: Math.min(score, 190), evidence }];
}
