import { dirname } from 'node:path';
import { LIBRARIES } from '../../core/data.js';
import type { Scan } from '../../core/scan.js';
import { shellWord, shown } from '../../core/quote.js';
import { str } from '../../core/parse.js';
import type { Strategy } from '../../core/types.js';
import type { BuildSpec, Detection, Language, ResolveOptions, Resolved } from '../types.js';
import { DATA, TRIXIE_FROM } from './data.js';
import { detectNode } from './detect.js';
import { ignoreLines, keptPaths } from './ignore.js';
import type { NodeInfo, Said } from './info.js';
import { packageManager } from './manager.js';
import { dependencyFiles, hasDependencies } from './manifests.js';
import { nativeAddons } from './native.js';
import { chooseProgram, programPackage } from './programs.js';
import { rootPackage } from './read.js';
import { nodeProgram, refuseBunRuntime } from './runs.js';
import { clientRouting } from './static-site.js';
import { serverStrategies, staticStrategies } from './strategies.js';
import { nodeVersion } from './version.js';
import { workspacePackages } from './workspaces.js';

/** Packages whose install downloads a browser or an app no build needs. */
const DOWNLOADERS = ['cypress', 'puppeteer', 'playwright', 'playwright-core', '@playwright/test'];

/**
 * Node.js: the project's package manager installs from its lock (frozen), a `build` script runs
 * with the dev dependencies, and the final stage gets the production dependencies and the app
 * only, started with `node` itself (never `npm start`: signals reach PID 1 only then). A front
 * end whose build emits only files is no Node program at all: a static file server serves it.
 */
export const node: Language<NodeInfo> = {
  ids: ['node'],

  detect(scan: Scan): Detection[] {
    return detectNode(scan);
  },

  resolve(scan: Scan, _lang, opts: ResolveOptions): Resolved<NodeInfo> {
    const said: Said = { warnings: [], notes: [], decisions: [] };
    const root = rootPackage(scan);
    const pm = packageManager(scan, root, said);
    const workspaces = workspacePackages(scan, root, pm.manager, said);
    const version = nodeVersion(scan, root, opts, said);
    const { entries, entry, program } = chooseProgram(scan, root, workspaces, opts, said.warnings);
    const p = programPackage(scan, root, program, said);
    const run = nodeProgram(scan, p, opts, said);
    const native = nativeAddons(scan, pm, p, workspaces, run.kind, said);
    const { strategies, refusals } =
      run.kind === 'static' ? staticStrategies(run.staticOut) : serverStrategies(version, native);
    const { spa, spaFile } = clientRouting(run.kind === 'static', run.front, p.allDeps, said);
    const manifests = dependencyFiles(scan, root, pm, workspaces, said.warnings);
    refuseBunRuntime(pm.manager, p.start);
    if (p.buildScript && run.kind !== 'static')
      said.decisions.push({
        topic: 'Build',
        choice: `${pm.manager === 'yarn-berry' || pm.manager === 'yarn' ? 'yarn' : pm.manager} run build, with the dev dependencies; then only the production dependencies go on`,
        because: `package.json scripts.build: ${shown(p.buildScript, 60)}`,
      });
    return {
      lang: 'node',
      name: p.name,
      version,
      entries,
      entry,
      keep: keptPaths(scan, manifests, run.kind, p.dir, run.command),
      port: run.port,
      needs: {},
      strategies,
      refusals,
      builderGlibc: Number(version.value) >= TRIXIE_FROM ? '2.41' : DATA.builderGlibc,
      decisions: said.decisions,
      warnings: said.warnings,
      ignore: ignoreLines(p.buildScript, pm),
      ...(said.notes.length ? { notes: said.notes } : {}),
      own: {
        manager: pm.manager,
        managerVersion: pm.version,
        lockFile: pm.lockFile,
        manifests,
        build: p.buildScript,
        dir: p.dir,
        command: run.command,
        env: run.env,
        gyp: native.gyp,
        buildApt: native.buildApt,
        runLibs: native.libs.map((l) => LIBRARIES[l]!.debian),
        kind: run.kind,
        staticOut: run.staticOut,
        spa,
        pnp: pm.pnp,
        lockMajor: pm.lockMajor,
        lifecycle: p.lifecycle.length > 0,
        skipDownloads: DOWNLOADERS.filter((n) => native.packages.has(n)),
        spaFile,
        workspaceName: p.dir !== '.' ? str(p.pkg.name) : undefined,
        hasDeps: hasDependencies(root, p.pkg, workspaces),
      },
    };
  },

  build(resolved: Resolved<NodeInfo>, strategy: Strategy): BuildSpec {
    const info = resolved.own;
    const alpine = strategy.id === 'node-alpine';
    const distroless = strategy.id === 'node-distroless';
    const major = Number(resolved.version.value);
    // distroless is Debian 12: the builder must be too, for addons to find the same glibc.
    const image = `node:\${NODE_VERSION}-${alpine ? 'alpine' : distroless ? 'bookworm-slim' : 'slim'}`;
    const m = info.manager;
    const tool = m === 'yarn-berry' || m === 'yarn' ? 'yarn' : m;
    const frozen = !!info.lockFile;
    const cache = {
      npm: '/root/.npm',
      pnpm: '/pnpm/store',
      yarn: '/usr/local/share/.cache/yarn',
      'yarn-berry': '/root/.yarn/berry/cache',
      bun: '/root/.bun/install/cache',
    }[m];
    const install = (prod: boolean): string => {
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
    };
    // The package manager itself, when the image has none of it: corepack (pnpm, Yarn Berry) or npm (bun).
    const corepack = major >= 25 ? 'npm install --global corepack && corepack enable' : 'corepack enable';
    // corepack takes the version from packageManager when package.json names one.
    // Without packageManager, pnpm's major follows the lock's format, installed with npm.
    const setup =
      m === 'pnpm'
        ? info.lockMajor
          ? `npm install --global pnpm@${info.lockMajor}`
          : `${corepack} pnpm`
        : m === 'yarn-berry'
          ? `${corepack} yarn`
          : m === 'bun'
            ? `npm install --global bun${info.managerVersion ? `@${info.managerVersion}` : ''}`
            : undefined;
    const run = (script: string) =>
      `${tool === 'npm' ? 'npm run' : tool === 'bun' ? 'bun run' : `${tool} run`} ${script}`;
    const ws = info.workspaceName;
    const buildCmd = !info.build
      ? undefined
      : ws && m === 'npm'
        ? `npm run build --workspaces --if-present`
        : ws && m === 'pnpm'
          ? `pnpm --filter ${shellWord(`${ws}...`)} run build`
          : ws && m === 'yarn-berry'
            ? `yarn workspaces foreach --all --topological run build`
            : ws && m === 'yarn'
              ? `yarn workspaces run build`
              : run('build');
    // After the build: dev dependencies go (one install, then a prune, so addons compile once).
    const devInstall = !!info.build || info.lifecycle;
    // A pnpm workspace package: pnpm deploy gathers its production dependencies alone (injected,
    // workspace packages included), instead of every package's dependencies under /app.
    const pnpmMajor = Number((info.managerVersion ?? info.lockMajor ?? '9').split('.')[0]);
    const deploy =
      m === 'pnpm' && info.dir !== '.' && info.workspaceName && info.kind === 'server'
        ? `pnpm --filter ${shellWord(info.workspaceName)} deploy --prod${pnpmMajor >= 10 ? ' --legacy' : ''} /tmp/deploy && rm -rf ${info.dir}/node_modules && mv /tmp/deploy/node_modules ${info.dir}/node_modules`
        : undefined;
    const prune = deploy
      ? deploy
      : !devInstall || info.kind === 'static' || info.kind === 'next-standalone'
        ? undefined
        : // --ignore-scripts: the root's prepare would run again, without the dev tools it calls.
          m === 'npm'
          ? 'npm prune --omit=dev --ignore-scripts'
          : m === 'pnpm'
            ? 'pnpm prune --prod --ignore-scripts'
            : m === 'yarn' && info.lifecycle
              ? `${install(true)} --ignore-scripts`
              : m === 'yarn-berry' && ws
                ? `yarn workspaces focus ${shellWord(ws)} --production`
                : m === 'bun'
                  ? `rm -rf node_modules && ${install(true)}`
                  : install(true);
    const apt = info.gyp ? ['python3', 'make', 'g++', ...info.buildApt] : [];
    const node = distroless ? '/nodejs/bin/node' : 'node';
    const staticSite = info.kind === 'static';
    const copies: NonNullable<BuildSpec['copies']> = [];
    if (staticSite) {
      const nginx = strategy.id === 'node-static-nginx';
      copies.push({
        from: 'build',
        src: `/app/${info.staticOut}`,
        dest: nginx ? '/usr/share/nginx/html' : '/www',
        why: `the site: the files the build wrote to ${info.staticOut}/`,
      });
      if (nginx)
        copies.push({
          from: 'build',
          src: '/tmp/static.conf',
          dest: '/etc/nginx/static.conf',
          why: `nginx's configuration: port 8080, temporary files in /tmp (it runs unprivileged)${info.spa ? ', index.html for unknown paths (client-side routing)' : ''}`,
        });
      else if (info.spa)
        copies.push({
          from: 'build',
          src: '/tmp/httpd.conf',
          dest: '/etc/httpd.conf',
          why: 'unknown paths answer with index.html (client-side routing; busybox httpd sends it as its 404 page)',
        });
    } else if (info.kind === 'next-standalone') {
      const d = info.dir === '.' ? '' : `${info.dir}/`;
      copies.push({
        from: 'build',
        src: '/app/.next/standalone',
        dest: '/app',
        why: 'the standalone server Next.js traced: server.js and only the node_modules it uses',
      });
      copies.push({
        from: 'build',
        src: `/app/${d}.next/static`,
        dest: `/app/${d}.next/static`,
        why: 'static assets, which the standalone output leaves out',
      });
      copies.push({ from: 'build', src: `/app/${d}public`, dest: `/app/${d}public`, why: 'the public folder' });
    } else if (deploy) {
      copies.push({
        from: 'build',
        src: `/app/${info.dir}`,
        dest: '/app',
        why: `the package ${info.workspaceName} with its own production dependencies (pnpm deploy)${info.build ? ' and its build output' : ''}`,
      });
    } else {
      copies.push({
        from: 'build',
        src: '/app',
        dest: '/app',
        why: `the app with its production dependencies only${info.build ? ' and its build output' : ''}`,
      });
    }
    const envs = staticSite ? [] : ['NODE_ENV=production', ...info.env];
    return {
      partial: 'node',
      image,
      args: [{ name: 'NODE_VERSION', value: resolved.version.value }],
      artifact: '/app',
      copies,
      workdir: staticSite
        ? undefined
        : info.kind === 'next-standalone' || info.dir === '.' || deploy
          ? '/app'
          : `/app/${info.dir}`,
      entrypoint: staticSite
        ? strategy.id === 'node-static-nginx'
          ? ['nginx', '-c', '/etc/nginx/static.conf', '-g', 'daemon off;']
          : ['httpd', '-f', '-v', '-p', '8080', '-h', '/www', ...(info.spa ? ['-c', '/etc/httpd.conf'] : [])]
        : [node, ...(info.pnp ? ['--require', '/app/.pnp.cjs'] : []), ...info.command],
      env: envs,
      vars: {
        tool: m === 'yarn-berry' ? 'Yarn' : tool,
        apt: apt.join(' '),
        alpineApk: alpine && info.gyp ? 'python3 make g++' : '',
        // node-gyp compiles against the headers the node image ships, instead of downloading them.
        nodedir: info.gyp ? 'npm_config_nodedir=/usr/local' : '',
        setup,
        corepackHome: m === 'pnpm' ? 'PNPM_HOME=/pnpm PATH=/pnpm:$PATH' : '',
        manifests: info.manifests.map((f) => {
          // Folders (.yarn/releases, patches/) keep their path; files go to their folder.
          const d = f.includes('.yarn/') || f.endsWith('/') ? f : dirname(f);
          return { src: f, dest: d === '.' ? './' : d.endsWith('/') ? d : `${d}/` };
        }),
        cache,
        deps: info.hasDeps || info.lifecycle ? install(!devInstall) : undefined,
        copyFirst: info.lifecycle,
        skipDownloads: info.skipDownloads.length
          ? 'CYPRESS_INSTALL_BINARY=0 PUPPETEER_SKIP_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1'
          : '',
        spaFile: info.spaFile,
        build: staticSite || info.kind === 'next-standalone' ? (info.build ? buildCmd : undefined) : buildCmd,
        prune,
        static: staticSite,
        spa: info.spa && strategy.id === 'node-static-busybox',
        nginx: staticSite && strategy.id === 'node-static-nginx',
        spaNginx: info.spa,
        next: info.kind === 'next-standalone',
      },
    };
  },
};
