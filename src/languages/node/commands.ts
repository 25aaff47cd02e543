import { shellWord } from '../../core/quote.js';
import type { Manager, NodeInfo } from './info.js';

/** The package manager's download cache, mounted as a build cache while it installs. */
export const CACHE: Record<Manager, string> = {
  npm: '/root/.npm',
  pnpm: '/pnpm/store',
  yarn: '/usr/local/share/.cache/yarn',
  'yarn-berry': '/root/.yarn/berry/cache',
  bun: '/root/.bun/install/cache',
};

/** The command that runs the package manager: yarn for both Yarns. */
export const toolOf = (m: Manager): string => (m === 'yarn-berry' || m === 'yarn' ? 'yarn' : m);

/** The install: frozen to the lock when there is one, production dependencies only when `prod`. */
export function installCommand(m: Manager, frozen: boolean, prod: boolean): string {
  switch (m) {
    case 'npm':
      return frozen ? `npm ci${prod ? ' --omit=dev' : ''}` : `npm install${prod ? ' --omit=dev' : ''}`;
    case 'pnpm':
      return `pnpm install${frozen ? ' --frozen-lockfile' : ''}${prod ? ' --prod' : ''}`;
    case 'yarn':
      return `yarn install${frozen ? ' --frozen-lockfile' : ''}${prod ? ' --production' : ''}`;
    case 'yarn-berry':
      return prod ? 'yarn workspaces focus --all --production' : `yarn install${frozen ? ' --immutable' : ''}`;
    case 'bun':
      return `bun install${frozen ? ' --frozen-lockfile' : ''}${prod ? ' --production' : ''}`;
  }
}

/** The package manager itself, when the image has none of it: corepack (pnpm, Yarn Berry) or npm (bun, Yarn 1 from Node 25). */
export function setupCommand(info: NodeInfo, major: number): string {
  const corepack = major >= 25 ? 'npm install --global corepack && corepack enable' : 'corepack enable';
  // corepack takes the version from packageManager when package.json names one.
  // Without packageManager, pnpm's major (the one engines.pnpm asks for, else the lock format's) is installed with npm.
  switch (info.manager) {
    case 'pnpm':
      return info.lockMajor ? `npm install --global pnpm@${info.lockMajor}` : `${corepack} pnpm`;
    case 'yarn-berry':
      return `${corepack} yarn`;
    case 'bun':
      return `npm install --global bun${info.managerVersion ? `@${info.managerVersion}` : ''}`;
    case 'yarn':
      // Yarn 1 came with the node images up to Node 24; from 25 on it is installed like any tool.
      return major >= 25 ? `npm install --global yarn@${info.managerVersion ?? '1'}` : '';
    default:
      return '';
  }
}

/** The build script's run: in a workspace, the manager's way of building every package it needs. */
export function buildCommand(info: NodeInfo): string {
  const m = info.manager;
  const ws = info.workspaceName;
  if (!info.build) return '';
  if (ws && m === 'npm') return `npm run build --workspaces --if-present`;
  if (ws && m === 'pnpm') return `pnpm --filter ${shellWord(`${ws}...`)} run build`;
  if (ws && m === 'yarn-berry') return `yarn workspaces foreach --all --topological run build`;
  if (ws && m === 'yarn') return `yarn workspaces run build`;
  return `${toolOf(m)} run build`;
}

/**
 * A pnpm workspace package: pnpm deploy gathers its production dependencies alone (injected,
 * workspace packages included), instead of every package's dependencies under /app.
 */
export function deployCommand(info: NodeInfo): string {
  if (info.manager !== 'pnpm' || info.dir === '.' || !info.workspaceName || info.kind !== 'server') return '';
  const pnpmMajor = Number((info.managerVersion ?? info.lockMajor ?? '9').split('.')[0]);
  return `pnpm --filter ${shellWord(info.workspaceName)} deploy --prod${pnpmMajor >= 10 ? ' --legacy' : ''} /tmp/deploy && rm -rf ${info.dir}/node_modules && mv /tmp/deploy/node_modules ${info.dir}/node_modules`;
}

/** After the build: dev dependencies go (one install, then a prune, so addons compile once). */
export function pruneCommand(info: NodeInfo, devInstall: boolean): string {
  const m = info.manager;
  const ws = info.workspaceName;
  if (!devInstall || info.kind === 'static' || info.kind === 'next-standalone') return '';
  // --ignore-scripts: the root's prepare would run again, without the dev tools it calls.
  if (m === 'npm') return 'npm prune --omit=dev --ignore-scripts';
  if (m === 'pnpm') return 'pnpm prune --prod --ignore-scripts';
  const prod = installCommand(m, !!info.lockFile, true);
  if (m === 'yarn' && info.lifecycle) return `${prod} --ignore-scripts`;
  if (m === 'yarn-berry' && ws) return `yarn workspaces focus ${shellWord(ws)} --production`;
  if (m === 'bun') return `rm -rf node_modules && ${prod}`;
  return prod;
}
