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
  // A main that is not in the project is a library's build output (dist/), not a program to start.
  const main = str(pkg?.main)?.replace(/^\.\//, '');
  const starts = !!(str(scripts.start) || (main && scan.has(main)) || obj(pkg?.bin) || str(pkg?.bin));
  if (starts) {
    score += 40;
    evidence.push('a start script or main');
  }
  const deps = Object.keys({ ...obj(pkg?.dependencies) });
  const server = SERVER_PACKAGES.some((s) => deps.includes(s));
  if (server) {
    score += 30;
    evidence.push('a server framework');
  }
  const sources = scan.withExt('.js', '.mjs', '.cjs', '.ts').filter((f) => isBuilt(f) && !f.endsWith('.d.ts'));
  score += sourcePoints(sources, '.js', evidence);
  const tooling = toolingOnly(scripts, starts, server);
  if (tooling) evidence.push(tooling);
  return [
    {
      lang: 'node',
      score: tooling ? Math.min(score, TOOLING_SCORE) : Math.min(score, 190),
      evidence,
      files: sources.length,
    },
  ];
}

/** The most a package.json that is only tooling scores: enough to be Node.js alone, never a tie with a real build. */
const TOOLING_SCORE = 40;
/** A script that runs another language's build: the package.json drives that build, it is not the program. */
const OTHER_TOOLCHAIN =
  /(?:^|[\s;&|(])(?:go (?:build|run|generate|test)|cargo (?:build|run)|python3? |uv run|poetry run|manage\.py|bundle exec|rails |mvn |\.\/mvnw|gradle |\.\/gradlew)/;

/**
 * Why a package.json is tooling beside another language rather than a Node.js program: it starts
 * nothing and has no server framework (linters, release tools, a front end's bundler), or its
 * scripts run another language's build and it has no server framework.
 */
function toolingOnly(scripts: Record<string, unknown>, starts: boolean, server: boolean): string | undefined {
  if (!starts && !server) return 'nothing it starts and no server framework (tooling, or a site it builds)';
  const other = Object.values(scripts).find((v) => typeof v === 'string' && OTHER_TOOLCHAIN.test(v.slice(0, 4096)));
  if (other !== undefined && !server && !str(scripts.start)) return "scripts that run another language's build";
  return undefined;
}
