import type { Scan } from '../../core/scan.js';
import { joinRel, normalizeRel } from '../shared.js';
import type { NodeKind } from './info.js';
import type { PackageManager } from './manager.js';

/** .dockerignore lines of every Node.js project: installed packages, logs, caches, local env files, tests. */
const IGNORE = [
  'node_modules/',
  '**/node_modules/',
  'npm-debug.log*',
  'yarn-debug.log*',
  'yarn-error.log*',
  '.pnpm-store/',
  '.npm/',
  'coverage/',
  '.nyc_output/',
  '.env',
  '.env.*',
  '!.env.example',
  '.next/',
  '.nuxt/',
  '.output/',
  '.turbo/',
  '.cache/',
  '.parcel-cache/',
  '.svelte-kit/',
  '.eslintcache',
  '.DS_Store',
  'test/',
  'tests/',
  '__tests__/',
  '**/*.test.*',
  '**/*.spec.*',
];

/** The .dockerignore lines: the common ones, build output the build makes again, Yarn's cache when it installs node_modules. */
export function ignoreLines(buildScript: string | undefined, pm: PackageManager): string[] {
  const ignore = [...IGNORE];
  // Build output folders only when the build makes them again (a committed dist/ may be the program).
  if (buildScript) ignore.push('dist/', 'build/', 'out/');
  if (pm.manager === 'yarn-berry' && !pm.pnp) ignore.push('.yarn/cache/', '.yarn/install-state.gz', '.pnp.*');
  return ignore;
}

/** Paths the build copies or reads by name: the dependency files, and the file node starts (when it is the project's, not the build's). */
export function keptPaths(scan: Scan, manifests: string[], kind: NodeKind, dir: string, command: string[]): string[] {
  const entryWord = kind === 'server' ? command.find((w) => !w.startsWith('-')) : undefined;
  const entryFile = entryWord ? normalizeRel(joinRel(dir, entryWord)) : undefined;
  return [
    ...new Set([
      ...manifests.map((m) => (m.endsWith('/') ? m.slice(0, -1) : m)),
      ...(entryFile && scan.has(entryFile) ? [entryFile] : []),
    ]),
  ];
}
