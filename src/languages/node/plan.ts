import { dirname } from 'node:path';
import type { Strategy } from '../../core/types.js';
import type { BuildSpec, Resolved } from '../types.js';
import { buildCommand, CACHE, deployCommand, installCommand, pruneCommand, setupCommand, toolOf } from './commands.js';
import type { NodeInfo } from './info.js';
import { TRIXIE_FROM } from './data.js';

/** The variables of templates/partials/build/node.hbs. */
export interface NodeVars {
  /** The package manager, as the stage's comment names it. */
  tool: string;
  /** Debian packages a native addon's compile needs ('' without one). */
  apt: string;
  /** The same on an Alpine builder. */
  alpineApk: string;
  /** ENV that points node-gyp at the image's headers. */
  nodedir: string;
  /** Installs the package manager itself. */
  setup: string;
  /** ENV of pnpm's home. */
  corepackHome: string;
  /** Dependency files copied before the code, each to its folder. */
  manifests: { src: string; dest: string }[];
  /** The package manager's cache, a build cache mount. */
  cache: string;
  /** The install ('' when nothing is installed). */
  deps: string;
  /** The project is copied before the install (install-time scripts use its files). */
  copyFirst: boolean;
  /** ENV that stops test browsers from downloading. */
  skipDownloads: string;
  /** The page that answers unknown paths. */
  spaFile: string;
  /** The build script's run. */
  build: string;
  /** What removes the dev dependencies after the build. */
  prune: string;
  /** A static site: the final stage takes only its files. */
  static: boolean;
  /** busybox httpd's configuration for client-side routing. */
  spa: boolean;
  /** nginx's configuration for a static site. */
  nginx: boolean;
  /** nginx answers unknown paths with spaFile. */
  spaNginx: boolean;
  /** A Next.js standalone server. */
  next: boolean;
}

type Copies = NonNullable<BuildSpec['copies']>;

/** A static site: its files, and the file server's configuration. */
function siteCopies(info: NodeInfo, nginx: boolean): Copies {
  const copies: Copies = [
    {
      from: 'build',
      src: `/app/${info.staticOut}`,
      dest: nginx ? '/usr/share/nginx/html' : '/www',
      why: `the site: the files the build wrote to ${info.staticOut}/`,
    },
  ];
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
  return copies;
}

/** What the final stage copies from the builder. */
function finalCopies(info: NodeInfo, strategy: Strategy, deploy: boolean): Copies {
  if (info.kind === 'static') return siteCopies(info, strategy.id === 'node-static-nginx');
  if (info.kind === 'next-standalone') {
    const d = info.dir === '.' ? '' : `${info.dir}/`;
    return [
      {
        from: 'build',
        src: '/app/.next/standalone',
        dest: '/app',
        why: 'the standalone server Next.js traced: server.js and only the node_modules it uses',
      },
      {
        from: 'build',
        src: `/app/${d}.next/static`,
        dest: `/app/${d}.next/static`,
        why: 'static assets, which the standalone output leaves out',
      },
      { from: 'build', src: `/app/${d}public`, dest: `/app/${d}public`, why: 'the public folder' },
    ];
  }
  const output = info.build ? ' and its build output' : '';
  if (deploy)
    return [
      {
        from: 'build',
        src: `/app/${info.dir}`,
        dest: '/app',
        why: `the package ${info.workspaceName} with its own production dependencies (pnpm deploy)${output}`,
      },
    ];
  return [{ from: 'build', src: '/app', dest: '/app', why: `the app with its production dependencies only${output}` }];
}

/** How the final stage starts: the file server, or node (distroless's own) with Plug'n'Play's loader when Yarn uses it. */
function entrypoint(info: NodeInfo, strategy: Strategy): string[] {
  if (info.kind === 'static')
    return strategy.id === 'node-static-nginx'
      ? ['nginx', '-c', '/etc/nginx/static.conf', '-g', 'daemon off;']
      : ['httpd', '-f', '-v', '-p', '8080', '-h', '/www', ...(info.spa ? ['-c', '/etc/httpd.conf'] : [])];
  const node = strategy.id === 'node-distroless' ? '/nodejs/bin/node' : 'node';
  return [node, ...(info.pnp ? ['--require', '/app/.pnp.cjs'] : []), ...info.command];
}

/** Folders (.yarn/releases, patches/) keep their path; files go to their folder. */
const manifestCopies = (manifests: string[]): NodeVars['manifests'] =>
  manifests.map((f) => {
    const d = f.includes('.yarn/') || f.endsWith('/') ? f : dirname(f);
    return { src: f, dest: d === '.' ? './' : d.endsWith('/') ? d : `${d}/` };
  });

/** The build stage's variables. */
function nodeVars(info: NodeInfo, strategy: Strategy, major: number, deploy: string): NodeVars {
  const m = info.manager;
  const staticSite = info.kind === 'static';
  // After the build: dev dependencies go (one install, then a prune, so addons compile once).
  const devInstall = !!info.build || info.lifecycle;
  return {
    tool: m === 'yarn-berry' ? 'Yarn' : toolOf(m),
    // Debian 13's Python (3.13) has no distutils, which node-gyp before 10 imports: setuptools brings it back.
    apt: info.gyp
      ? ['python3', ...(major >= TRIXIE_FROM ? ['python3-setuptools'] : []), 'make', 'g++', ...info.buildApt].join(' ')
      : '',
    alpineApk: strategy.id === 'node-alpine' && info.gyp ? 'python3 make g++' : '',
    // node-gyp compiles against the headers the node image ships, instead of downloading them.
    nodedir: info.gyp ? 'npm_config_nodedir=/usr/local' : '',
    setup: setupCommand(info, major),
    corepackHome: m === 'pnpm' ? 'PNPM_HOME=/pnpm PATH=/pnpm:$PATH' : '',
    manifests: manifestCopies(info.manifests),
    cache: CACHE[m],
    deps: info.hasDeps || info.lifecycle ? installCommand(m, !!info.lockFile, !devInstall) : '',
    copyFirst: info.lifecycle,
    skipDownloads: info.skipDownloads.length
      ? 'CYPRESS_INSTALL_BINARY=0 PUPPETEER_SKIP_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1'
      : '',
    spaFile: info.spaFile,
    build: buildCommand(info),
    prune: deploy || pruneCommand(info, devInstall),
    static: staticSite,
    spa: info.spa && strategy.id === 'node-static-busybox',
    nginx: staticSite && strategy.id === 'node-static-nginx',
    spaNginx: info.spa,
    next: info.kind === 'next-standalone',
  };
}

/** The build stage: the package manager installs, the build runs, the dev dependencies go. */
export function buildNode(resolved: Resolved<NodeInfo>, strategy: Strategy): BuildSpec<NodeVars> {
  const info = resolved.own;
  const alpine = strategy.id === 'node-alpine';
  const distroless = strategy.id === 'node-distroless';
  const deploy = deployCommand(info);
  const staticSite = info.kind === 'static';
  const major = Number(resolved.version.value);
  // The builder is the Debian of the distroless image (12, or 13 for the majors distroless
  // publishes on Debian 13 only), for addons to find the same glibc.
  const debian = major >= TRIXIE_FROM ? 'trixie' : 'bookworm';
  return {
    partial: 'node',
    image: `node:\${NODE_VERSION}-${alpine ? 'alpine' : distroless ? `${debian}-slim` : 'slim'}`,
    args: [{ name: 'NODE_VERSION', value: resolved.version.value }],
    artifact: '/app',
    copies: finalCopies(info, strategy, !!deploy),
    workdir: staticSite
      ? undefined
      : info.kind === 'next-standalone' || info.dir === '.' || deploy
        ? '/app'
        : `/app/${info.dir}`,
    entrypoint: entrypoint(info, strategy),
    env: staticSite ? [] : ['NODE_ENV=production', ...info.env],
    vars: nodeVars(info, strategy, major, deploy),
  };
}
