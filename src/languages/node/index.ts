import { dirname } from 'node:path';
import { intersects, validRange } from 'semver';
import { LIBRARIES } from '../../core/data.js';
import { DATA, DISTROLESS, LTS, NODE_PACKAGES, TRIXIE_FROM } from './data.js';
import { UserError } from '../../core/errors.js';
import { isBuilt, LIMITS, type Scan } from '../../core/scan.js';
import { safeRelPath, shellWord, shown } from '../../core/quote.js';
import type { Choice, Decision, Fact, Needs, Refusals, Strategy } from '../../core/types.js';
import {
  findPort,
  joinRel,
  listed,
  normalizeRel,
  pickEntry,
  plainName,
  portFromDockerfile,
  type PortPattern,
  sourcePoints,
  versionFromToolVersions,
} from '../shared.js';
import { obj, str } from '../../core/parse.js';
import type { BuildSpec, Detection, Language, ResolveOptions, Resolved } from '../types.js';
import { configSetting, plainFolder, scriptFlag, type Setting } from './config-setting.js';
import { lockPackages } from './lock.js';
import { readJson, readYaml, type Json } from './read.js';
import { parseStart } from './start.js';
import { globMatches, WORKSPACE_LIMITS, workspaceGlob, type WorkspaceGlob } from './workspace-glob.js';

/**
 * Node.js: the project's package manager installs from its lock (frozen), a `build` script runs
 * with the dev dependencies, and the final stage gets the production dependencies and the app
 * only, started with `node` itself (never `npm start`: signals reach PID 1 only then). A front
 * end whose build emits only files is no Node program at all: a static file server serves it.
 */
const LOCK_CAP = 32 * 1024 * 1024;

type Manager = 'npm' | 'pnpm' | 'yarn' | 'yarn-berry' | 'bun';

/** The major of a Node version as .nvmrc, engines or volta write it (v22.11.0, 22, lts/jod, node). */
export function nodeMajor(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  const v = raw.trim().toLowerCase();
  const codename: Record<string, number> = { 'lts/hydrogen': 18, 'lts/iron': 20, 'lts/jod': 22, 'lts/krypton': 24 };
  if (Object.hasOwn(codename, v)) return codename[v];
  if (v === 'lts/*' || v === 'lts' || v === 'node' || v === 'stable' || v === 'latest')
    return Number(DATA.defaultVersion);
  const m = /^v?(\d{1,3})(?:\.\d+){0,2}$/.exec(v) ?? /^v?(\d{1,3})\.x$/.exec(v);
  const major = m ? Number(m[1]) : undefined;
  return major !== undefined && major >= 4 && major < 100 ? major : undefined;
}

/** The newest LTS major an engines.node range admits, or undefined when it admits none. */
export function majorForRange(range: string): number | undefined {
  if (!validRange(range)) return undefined;
  return [...LTS].reverse().find((m) => {
    try {
      return intersects(range, `${m}.x`);
    } catch {
      return false;
    }
  });
}

interface Workspace {
  dir: string;
  pkg: Json;
}

/**
 * Folders a workspace pattern names ("packages/*", "apps/web", "packages/**", "!**\/test/**"),
 * among the package.json files the scan found. Patterns this tool cannot read are warnings.
 */
function expandWorkspaces(scan: Scan, source: string, patterns: unknown, warnings: string[]): Workspace[] {
  const L = WORKSPACE_LIMITS;
  if (!Array.isArray(patterns)) {
    warnings.push(`${source} is not a list of folder patterns: no workspace packages are read.`);
    return [];
  }
  if (patterns.length > L.patterns)
    warnings.push(`${source} lists ${patterns.length} patterns: only the first ${L.patterns} are read.`);
  const globs: WorkspaceGlob[] = [];
  for (const raw of patterns.slice(0, L.patterns)) {
    const g = workspaceGlob(raw);
    if (typeof g === 'string')
      warnings.push(`${source}: the pattern ${g}: it is not used. Name the folders plainly (packages/*).`);
    else globs.push(g);
  }
  const out: Workspace[] = [];
  let long = 0;
  const dirs: string[] = [];
  for (const f of scan.files) {
    if (!f.endsWith('/package.json') || f.split('/').length > L.depth + 1) continue;
    const d = dirname(f);
    if (!isBuilt(`${d}/x`)) continue;
    if (d.length > L.path || d.split('/').some((n) => n.length > L.name)) {
      long++;
      continue;
    }
    if (dirs.length === L.folders) {
      warnings.push(
        `The project has more than ${L.folders} folders with a package.json: only the first ${L.folders} are matched against ${source}.`,
      );
      break;
    }
    dirs.push(d);
  }
  if (long)
    warnings.push(
      `${long} folder${long > 1 ? 's' : ''} with a package.json ${long > 1 ? 'have' : 'has'} a name over ${L.name} or a path over ${L.path} characters: not matched against ${source}.`,
    );
  const budget = { tests: 0 };
  const excluded = (names: string[]) => globs.some((g) => g.negate && globMatches(g.segments, names, budget));
  for (const g of globs) {
    if (g.negate) continue;
    for (const d of dirs) {
      if (budget.tests > L.tests) {
        warnings.push(
          `${source}: matching its patterns against ${dirs.length} folders took more than ${L.tests} tests: the packages found so far are read, the rest are not. Use fewer, plainer patterns.`,
        );
        return out;
      }
      const names = d.split('/');
      if (!globMatches(g.segments, names, budget) || excluded(names) || out.some((w) => w.dir === d)) continue;
      if (out.length >= L.packages) {
        warnings.push(`${source} names more than ${L.packages} packages: only the first ${L.packages} are read.`);
        return out;
      }
      const pkg = readJson(scan, `${d}/package.json`);
      if (pkg) out.push({ dir: d, pkg });
    }
  }
  return out;
}

/** A project path a COPY line names by itself: plain, or refused with the fix (renaming; no flag changes a folder's name). */
function copyable(rel: string, what: string): string {
  try {
    return safeRelPath(rel, what, '--entry', 'the project');
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    throw new UserError(
      e.code,
      e.message,
      `Rename it to letters, digits and . _ + - / (at most 255 characters): a COPY line of the dependency layer names it.`,
    );
  }
}

interface StaticOutput {
  out: string;
  tool: string;
  fallback?: string | undefined;
  unreadable?: string[] | undefined;
}

/** Where a front-end build writes its files, by the tool that builds it. */
function staticOutput(scan: Scan, deps: Set<string>, dir: string, buildScript: string): StaticOutput | undefined {
  const at = (f: string) => joinRel(dir, f);
  const config = (names: string[]) => names.map((n) => at(n)).find((n) => scan.has(n));
  const setting = (file: string | undefined, key: string): Setting =>
    file ? configSetting(scan.read(file, 256 * 1024) ?? '', key, file) : undefined;
  const unreadable: string[] = [];
  /** The folder the settings name (the first that is set), the default when none is; an unreadable one is listed. */
  const folder = (settings: Setting[], fallback: string): string => {
    for (const s of settings) {
      if (!s) continue;
      if ('value' in s) return s.value;
      unreadable.push(`${s.from} = ${s.unreadable}`);
      return fallback;
    }
    return fallback;
  };
  const result = (r: StaticOutput): StaticOutput => (unreadable.length ? { ...r, unreadable } : r);
  if (deps.has('next')) {
    const f = config(['next.config.js', 'next.config.mjs', 'next.config.ts', 'next.config.cjs']);
    if (f && /\boutput\s*:\s*['"]export['"]/.test(scan.read(f, 256 * 1024) ?? ''))
      return { out: 'out', tool: `Next.js static export (${f}: output 'export')` };
    return undefined;
  }
  if (deps.has('@angular/core') && scan.has(at('angular.json'))) {
    const ng = readJson(scan, at('angular.json'));
    const projects = obj(ng?.projects) ?? {};
    const name = Object.keys(projects)[0];
    const build = obj(obj(obj(name !== undefined ? projects[name] : undefined)?.architect)?.build);
    const op = build?.options ? obj(build.options)?.outputPath : undefined;
    const base = folder(
      [scriptFlag(buildScript, ['ng'], ['--output-path', '--outputPath'])],
      str(op) ?? str(obj(op)?.base) ?? (name ? `dist/${name}` : 'dist'),
    );
    const app = /:application$/.test(str(build?.builder) ?? '');
    return result({
      out: app && !str(obj(op)?.browser) ? `${base}/browser` : base,
      tool: `Angular (angular.json: ${shown(name ?? '', 40)})`,
    });
  }
  if (deps.has('@sveltejs/kit')) {
    if (!deps.has('@sveltejs/adapter-static')) return undefined;
    const f = config(['svelte.config.js', 'svelte.config.mjs', 'svelte.config.ts']);
    const fb = setting(f, 'fallback');
    const fallback = fb && 'value' in fb && /^[\w.-]+\.html$/.test(fb.value) ? fb.value : undefined;
    return result({
      out: folder([setting(f, 'pages')], 'build'),
      tool: `SvelteKit with adapter-static${f ? ` (${f})` : ''}`,
      fallback,
    });
  }
  if (deps.has('astro')) {
    const f = config(['astro.config.mjs', 'astro.config.ts', 'astro.config.js']);
    const text = f ? (scan.read(f, 256 * 1024) ?? '') : '';
    if (/\boutput\s*:\s*['"]server['"]|adapter\s*:/.test(text)) return undefined;
    return result({
      out: folder([scriptFlag(buildScript, ['astro'], ['--outDir']), setting(f, 'outDir')], 'dist'),
      tool: 'Astro (static output)',
    });
  }
  if (deps.has('react-scripts')) {
    // Create React App writes to BUILD_PATH when the build script sets it.
    const env = /(?:^|\s)BUILD_PATH=(\S{1,200})/.exec(buildScript)?.[1];
    const v = env !== undefined ? plainFolder(env) : undefined;
    const s: Setting =
      env === undefined
        ? undefined
        : v !== undefined
          ? { value: v, from: 'package.json scripts.build: BUILD_PATH' }
          : { unreadable: shown(env, 60), from: 'package.json scripts.build: BUILD_PATH' };
    return result({ out: folder([s], 'build'), tool: 'Create React App' });
  }
  if (deps.has('@vue/cli-service'))
    return result({
      out: folder(
        [
          scriptFlag(buildScript, ['vue-cli-service'], ['--dest']),
          setting(config(['vue.config.js', 'vue.config.mjs']), 'outputDir'),
        ],
        'dist',
      ),
      tool: 'Vue CLI',
    });
  if (deps.has('gatsby')) return { out: 'public', tool: 'Gatsby' };
  if (deps.has('@docusaurus/core'))
    return result({
      out: folder([scriptFlag(buildScript, ['docusaurus'], ['--out-dir'])], 'build'),
      tool: 'Docusaurus',
    });
  if (deps.has('vite')) {
    const f = config([
      'vite.config.ts',
      'vite.config.js',
      'vite.config.mjs',
      'vite.config.mts',
      'vite.config.cjs',
      'vite.config.cts',
    ]);
    // build.outDir is relative to Vite's root (the config's folder unless root says otherwise).
    const flag = scriptFlag(buildScript, ['vite'], ['--outDir']);
    const out = setting(f, 'outDir');
    const root = flag ? undefined : setting(f, 'root');
    const base = folder([root], '.');
    const o = folder([flag, out], 'dist');
    const fromConfig = !flag && !!out && 'value' in out && !!out.fromConfig;
    return result({ out: base === '.' || fromConfig ? o : `${base}/${o}`, tool: `Vite${f ? ` (${f})` : ''}` });
  }
  if (deps.has('parcel'))
    return result({ out: folder([scriptFlag(buildScript, ['parcel'], ['--dist-dir'])], 'dist'), tool: 'Parcel' });
  return undefined;
}

/** Packages that serve HTTP from Node: a project with one of them is a server, not a static site. */
const SERVER_PACKAGES = [
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
const CLIENT_ROUTERS = [
  'react-router',
  'react-router-dom',
  'vue-router',
  '@angular/router',
  '@tanstack/react-router',
  'wouter',
  'preact-router',
  'svelte-routing',
  '@solidjs/router',
];

const PORT_PATTERNS: PortPattern[] = [
  /\bPORT\s*(?:\|\||\?\?)\s*['"]?(\d{2,5})\b/,
  /\.listen\(\s*(\d{2,5})\b/,
  /\bport\s*[:=]\s*(\d{2,5})\b/,
];

interface Program {
  value: string;
  label: string;
  source: string;
  dir: string;
  pkg: Json;
}

interface NodeInfo {
  manager: Manager;
  managerVersion: string | undefined;
  lockFile: string | undefined;
  /** Dependency files copied before the code (the lock, package.json files of the workspaces, .npmrc ...). */
  manifests: string[];
  build: string | undefined;
  /** The program's folder in the project ('.' unless a workspace package). */
  dir: string;
  command: string[];
  env: string[];
  gyp: boolean;
  buildApt: string[];
  runLibs: string[];
  kind: 'server' | 'static' | 'next-standalone';
  staticOut?: string | undefined;
  spa: boolean;
  pnp: boolean;
  workspaceName?: string | undefined;
  hasDeps: boolean;
  /** pnpm's major from the lock's format, when package.json names no packageManager. */
  lockMajor: string | undefined;
  /** The root has install-time scripts: the project is copied before the install. */
  lifecycle: boolean;
  /** Packages whose install downloads a browser or an app no build needs. */
  skipDownloads: string[];
  /** The page that answers unknown paths (client-side routing). */
  spaFile: string;
}

export const node: Language = {
  ids: ['node'],

  detect(scan: Scan): Detection[] {
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
    for (const f of [
      'package-lock.json',
      'npm-shrinkwrap.json',
      'pnpm-lock.yaml',
      'yarn.lock',
      'bun.lock',
      'bun.lockb',
    ])
      if (scan.has(f)) {
        score += 30;
        evidence.push(f);
        break;
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
  },

  resolve(scan: Scan, _lang, opts: ResolveOptions): Resolved {
    const warnings: string[] = [];
    const notes: string[] = [];
    const decisions: Decision[] = [];
    const root = readJson(scan, 'package.json');
    if (!root)
      throw new UserError(
        'E_NO_PROJECT',
        'No package.json here: a Node.js project needs one.',
        'Run npm init, or run this in the project folder.',
      );

    // The package manager: packageManager (corepack) first, then the lock file.
    const pmField = str(root.packageManager);
    const pm = pmField
      ? /^(npm|pnpm|yarn|bun)@(\d{1,4}(?:\.\d{1,6}){0,2}(?:-[\w.]{1,40})?)(?:\+[\w.]{1,200})?$/.exec(pmField)
      : null;
    if (pmField && !pm)
      warnings.push(
        `packageManager ${shown(pmField, 60)} is not a name@version this tool reads: the lock file decides.`,
      );
    const locks: [string, Manager][] = [
      ['pnpm-lock.yaml', 'pnpm'],
      ['yarn.lock', 'yarn'],
      ['bun.lock', 'bun'],
      ['bun.lockb', 'bun'],
      ['package-lock.json', 'npm'],
      ['npm-shrinkwrap.json', 'npm'],
    ];
    const lock = locks.find(([f, m]) => scan.has(f) && (!pm || pm[1] === m.replace('-berry', '')));
    let manager: Manager = (pm?.[1] as Manager | undefined) ?? lock?.[1] ?? 'npm';
    const lockText = lock && lock[0] !== 'bun.lockb' ? scan.read(lock[0], LOCK_CAP) : undefined;
    if (manager === 'yarn') {
      const berry =
        (pm && Number(pm[2]!.split('.')[0]) >= 2) || scan.has('.yarnrc.yml') || /^__metadata:/m.test(lockText ?? '');
      if (berry) manager = 'yarn-berry';
    }
    const managerVersion = pm?.[2];
    // Without packageManager, the pnpm major that writes the lock's format (9.0: pnpm 9, which also
    // runs dependencies' build scripts; newer majors refuse unlisted ones).
    const lockMajor =
      manager === 'pnpm' && !pm
        ? ({ '9.0': '9', '6.0': '8', '6.1': '8', '5.4': '7', '5.3': '6' }[
            /^lockfileVersion:\s*'?([\d.]{1,5})'?/m.exec(lockText ?? '')?.[1] ?? ''
          ] ?? '9')
        : undefined;
    const yarnrc = manager === 'yarn-berry' ? readYaml(scan, '.yarnrc.yml') : undefined;
    const pnp = manager === 'yarn-berry' && (str(yarnrc?.nodeLinker) ?? 'pnp') === 'pnp';
    if (!lock)
      warnings.push(
        `There is no lock file: dependency versions are not pinned and the build resolves them anew each time. Run ${manager === 'yarn-berry' ? 'yarn' : manager} install and commit the lock file.`,
      );
    if (manager === 'bun' && lock?.[0] === 'bun.lockb')
      warnings.push(
        'bun.lockb is binary: the packages it locks cannot be read here (native addons are not looked for). bun 1.2 writes a text bun.lock instead.',
      );
    decisions.push({
      topic: 'Package manager',
      choice: `${manager === 'yarn-berry' ? 'Yarn (Berry)' : manager}${managerVersion ? ` ${managerVersion}` : ''}${pnp ? " with Plug'n'Play" : ''}`,
      because: pm
        ? `package.json packageManager ${shown(pmField!, 40)}`
        : lock
          ? lock[0]
          : 'no lock file and no packageManager: npm',
    });

    // Workspaces: the programs are the packages that start something.
    const wsSource =
      manager === 'pnpm'
        ? 'pnpm-workspace.yaml packages'
        : Array.isArray(root.workspaces)
          ? 'package.json workspaces'
          : 'package.json workspaces.packages';
    // Yarn's { packages: [...], nohoist: [...] } names them under packages.
    const wsPatterns =
      manager === 'pnpm'
        ? readYaml(scan, 'pnpm-workspace.yaml')?.packages
        : obj(root.workspaces)
          ? obj(root.workspaces)!.packages
          : root.workspaces;
    const workspaces = wsPatterns !== undefined ? expandWorkspaces(scan, wsSource, wsPatterns, warnings) : [];
    if (workspaces.length)
      decisions.push({
        topic: 'Workspaces',
        choice: listed(
          workspaces.map((w) => w.dir),
          8,
        ),
        because: manager === 'pnpm' ? 'pnpm-workspace.yaml' : 'package.json workspaces',
      });

    // Node version: flag, version files, then engines (a range) and volta.
    let version: Fact<string>;
    const eol = DATA.eol ?? {};
    if (opts.langVersion !== undefined) {
      const m = nodeMajor(opts.langVersion);
      if (!m)
        throw new UserError(
          'E_BAD_FLAG',
          `--lang-version "${shown(opts.langVersion)}" is not a Node.js release.`,
          'Use a major like 22.',
        );
      version = { value: String(m), source: '--lang-version' };
    } else {
      const files = [
        ['.nvmrc', scan.manifest('.nvmrc', LIMITS.versionBytes)],
        ['.node-version', scan.manifest('.node-version', LIMITS.versionBytes)],
        ['.tool-versions', versionFromToolVersions(scan, ['nodejs', 'node'])],
      ] as const;
      const pinned = files
        .map(([f, raw]) => ({ f, raw: raw?.trim().split('\n')[0]?.trim(), m: nodeMajor(raw?.trim().split('\n')[0]) }))
        .find((x) => x.m);
      const volta = str(obj(root.volta)?.node);
      const engines = str(obj(root.engines)?.node);
      if (pinned) version = { value: String(pinned.m), source: `${pinned.f} (${shown(pinned.raw!, 20)})` };
      else if (volta && nodeMajor(volta))
        version = { value: String(nodeMajor(volta)), source: `package.json volta.node ${shown(volta, 20)}` };
      else if (engines) {
        const m = majorForRange(engines);
        if (m)
          version = {
            value: String(m),
            source: `package.json engines.node ${shown(engines, 30)}: the newest LTS it admits`,
          };
        else {
          warnings.push(
            `engines.node ${shown(engines, 30)} admits none of the LTS releases (${LTS.join(', ')}): using ${DATA.defaultVersion}. Pass --lang-version.`,
          );
          version = {
            value: DATA.defaultVersion,
            source: `the newest LTS (Node ${DATA.defaultVersion}, checked ${DATA.supportChecked}); engines.node ${shown(engines, 30)} admits none`,
          };
        }
      } else
        version = {
          value: DATA.defaultVersion,
          source: `no version named: the newest LTS (Node ${DATA.defaultVersion}, checked ${DATA.supportChecked})`,
        };
    }
    const major = Number(version.value);
    if (eol[version.value])
      warnings.push(
        `Node ${major} reached its end of life on ${eol[version.value]}: it gets no security fixes. Move to ${DATA.defaultVersion}.`,
      );
    else if (!LTS.includes(major) && major < Number(DATA.defaultVersion))
      warnings.push(`Node ${major} is no LTS release and no longer supported: move to ${DATA.defaultVersion}.`);
    decisions.push({ topic: 'Node version', choice: version.value, because: version.source });

    // Programs: the root package, or each workspace package that starts something.
    const candidates: Program[] = [];
    const consider = (dir: string, pkg: Json) => {
      const scripts = obj(pkg.scripts) ?? {};
      const name = str(pkg.name) ?? (dir === '.' ? 'app' : dir.split('/').pop()!);
      // In a workspace, a package with only main (or index.js) is a library the others use.
      const starts =
        dir === '.'
          ? !!str(pkg.main) ||
            !!pkg.bin ||
            !!str(scripts.build) ||
            ['server.js', 'index.js', 'app.js', 'main.js'].some((f) => scan.has(joinRel(dir, f)))
          : ['server.js', 'app.js', 'main.js'].some((f) => scan.has(joinRel(dir, f)));
      if (str(scripts.start) || starts || (dir !== '.' && !!pkg.bin && !!str(scripts.build))) {
        candidates.push({
          value: dir === '.' ? name : dir,
          label: dir === '.' ? `${name}` : `${name} (${dir})`,
          source: dir === '.' ? 'package.json' : `${dir}/package.json`,
          dir,
          pkg,
        });
      }
    };
    if (workspaces.length) {
      for (const w of workspaces) consider(w.dir, w.pkg);
      if (!candidates.length) consider('.', root);
    } else consider('.', root);
    if (!candidates.length)
      throw new UserError(
        'E_NO_ENTRY',
        "No program found: no start script, main, build script or server.js/index.js/app.js in package.json's folder or any workspace package.",
        'Add a start script to package.json (node server.js), or pass --entry.',
      );
    // Packages that only build a library (no start, no server file) come after those that run.
    const runs = (p: Program) =>
      !!str(obj(p.pkg.scripts)?.start) ||
      ['server.js', 'index.js', 'app.js', 'main.js'].some((f) => scan.has(joinRel(p.dir, f)));
    candidates.sort((a, b) => Number(runs(b)) - Number(runs(a)));
    const entries: Choice[] = candidates.map((p) => ({ value: p.value, label: p.label, source: p.source }));
    const entry = pickEntry(entries, opts.entry, (e) => e.value.split('/').pop()!, '', warnings, opts.entrySource);
    const program = candidates.find((p) => p.value === entry.value)!;
    const dir = copyable(program.dir, 'Workspace folder');
    const pkg = program.pkg;
    const scripts = obj(pkg.scripts) ?? {};
    const rootScripts = obj(root.scripts) ?? {};
    const deps = new Set(Object.keys({ ...obj(pkg.dependencies) }));
    const allDeps = new Set([...deps, ...Object.keys({ ...obj(pkg.devDependencies) })]);
    const buildScript = str(scripts.build) ?? (dir !== '.' ? str(rootScripts.build) : undefined);
    // Scripts the package manager runs on install at the root (prepare runs husky, a compile, ...):
    // they need the project's files and, usually, its dev dependencies.
    const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare'].filter((k) => str(rootScripts[k]));
    if (lifecycle.length)
      decisions.push({
        topic: 'Install scripts',
        choice: 'the whole project is copied before the install, with the dev dependencies, which are pruned after',
        because: `package.json ${lifecycle.map((k) => `${k}: ${shown(str(rootScripts[k])!, 40)}`).join('; ')}`,
      });
    const name = plainName(
      (str(pkg.name) ?? (dir === '.' ? scan.root.split('/').pop()! : dir.split('/').pop()!)).replace(/^@[^/]*\//, ''),
      'Package name',
      joinRel(dir, 'package.json'),
    );

    // What runs: the start script turned into node's own command, a Next.js standalone server, or files.
    let kind: NodeInfo['kind'] = 'server';
    let command: string[] = [];
    const env: string[] = [];
    let port: Fact<number> | undefined;
    let staticOut: string | undefined;
    let portVar = false;
    let programDecision: Decision | undefined;
    const start = str(scripts.start);
    const parsed = start ? parseStart(start, scripts) : undefined;
    const serverDeps = SERVER_PACKAGES.filter((s) => s !== 'next' && deps.has(s));
    const front = buildScript && !serverDeps.length ? staticOutput(scan, allDeps, dir, buildScript) : undefined;
    const nextConfig = ['next.config.js', 'next.config.mjs', 'next.config.ts', 'next.config.cjs']
      .map((f) => joinRel(dir, f))
      .find((f) => scan.has(f));
    const standalone =
      allDeps.has('next') &&
      !!nextConfig &&
      /\boutput\s*:\s*['"]standalone['"]/.test(scan.read(nextConfig, 256 * 1024) ?? '');
    if (front && (!parsed || 'problem' in parsed)) {
      kind = 'static';
      const out = normalizeRel(joinRel(dir, front.out));
      if (out === undefined || out === '.') {
        throw new UserError(
          'E_REFUSED',
          `${front.tool} writes the site to ${shown(front.out, 80)}, ${out === '.' ? 'the project folder itself' : 'outside the project'}: the image can only take the build's own output folder inside the project.`,
          "Set the output folder to one inside the project (outDir: 'dist'), or run this tool in the folder that holds it.",
        );
      }
      staticOut = safeRelPath(out, 'Build output folder', '--entry', front.tool);
      if (front.unreadable?.length) {
        const note = `${listed(front.unreadable, 3)}: the output folder is set in a way this tool cannot evaluate; the image copies ${staticOut}/, the default. If the build writes elsewhere, the COPY of ${staticOut}/ fails: write the folder as a plain string (outDir: 'site').`;
        warnings.push(note);
        notes.push(note);
      }
      decisions.push({
        topic: 'Static site',
        choice: `${staticOut}/ served by a static file server, no Node.js at run time`,
        because: `${front.tool}${parsed && 'problem' in parsed ? `; ${parsed.problem}` : start ? '' : '; no start script'}`,
      });
      port = { value: 8080, source: 'the file server listens on 8080 (an unprivileged port)' };
    } else if (standalone) {
      kind = 'next-standalone';
      command = ['server.js'];
      env.push('PORT=3000', 'HOSTNAME=0.0.0.0');
      port = { value: 3000, source: `${nextConfig}: output 'standalone' (server.js listens on PORT)` };
      decisions.push({
        topic: 'Program',
        choice: 'Next.js standalone server (node server.js)',
        because: `${nextConfig}: output 'standalone': .next/standalone, .next/static and public only`,
      });
    } else {
      let source: string;
      if (parsed && !('problem' in parsed)) {
        command = parsed.args;
        portVar = !!parsed.portVar;
        env.push(...parsed.env.filter((e) => !e.startsWith('NODE_ENV=')));
        source = `package.json start: ${shown(start!, 80)}`;
        if (parsed.port)
          port = {
            value: parsed.port,
            source: parsed.framework
              ? `${parsed.framework} listens on ${parsed.port} by default${start!.includes(String(parsed.port)) ? ' (as the start script says)' : ''}`
              : `package.json start: ${shown(start!, 60)}`,
          };
        if (parsed.framework === 'next') {
          const f = nextConfig ?? 'next.config.js';
          warnings.push(
            `Next.js runs here with next start and the whole production node_modules; output: 'standalone' in ${f} makes Next.js trace the files the server needs, and the image would copy only those (typically a fraction of node_modules).`,
          );
        }
      } else {
        // No usable start script: npm's own default (server.js), then main, then a command the
        // package installs (bin: the one named like the package, or the only one), then the usual names.
        const binField =
          str(pkg.bin) ??
          (() => {
            const bins = obj(pkg.bin) ?? {};
            const pkgName = (str(pkg.name) ?? '').replace(/^@[^/]*\//, '');
            return str(bins[pkgName]) ?? (Object.keys(bins).length === 1 ? str(Object.values(bins)[0]) : undefined);
          })();
        const built = () => !!buildScript || lifecycle.length > 0;
        const fallback = [
          ...(scan.has(joinRel(dir, 'server.js')) ? ['server.js'] : []),
          ...(str(pkg.main) ? [str(pkg.main)!] : []),
          ...(binField ? [binField] : []),
          'index.js',
          'app.js',
          'main.js',
          'bin/www',
        ]
          .map((f) => f.replace(/^\.\//, ''))
          .find(
            (f) =>
              scan.has(joinRel(dir, f)) ||
              (f === 'bin/www' && scan.read(joinRel(dir, f)) !== undefined) ||
              ((f === str(pkg.main)?.replace(/^\.\//, '') || f === binField?.replace(/^\.\//, '')) && built()),
          );
        if (
          parsed &&
          'problem' in parsed &&
          /development runner/.test(parsed.problem) &&
          /\.(c|m)?tsx?\b/.test(start ?? '') &&
          !buildScript
        ) {
          throw new UserError(
            'E_NO_ENTRY',
            `${parsed.problem[0]!.toUpperCase()}${parsed.problem.slice(1)}: TypeScript must be compiled for production, and there is no build script.`,
            'Add a build script (tsc) and a start script that runs its output (node dist/index.js), or pass --entry with a JavaScript file.',
          );
        }
        if (parsed && 'problem' in parsed && 'args' in parsed && Array.isArray((parsed as { args?: string[] }).args)) {
          command = (parsed as { args: string[] }).args;
          warnings.push(`${parsed.problem}: the image runs node ${command.join(' ')} instead.`);
          source = `package.json start, without its development runner`;
        } else if (fallback) {
          if (parsed && 'problem' in parsed) {
            warnings.push(`${parsed.problem}: not used; the image runs node ${fallback}.`);
          }
          command = [fallback];
          source =
            fallback === str(pkg.main)?.replace(/^\.\//, '')
              ? `package.json main: ${shown(fallback, 60)}`
              : fallback === binField?.replace(/^\.\//, '')
                ? `package.json bin: ${shown(fallback, 60)}`
                : `${joinRel(dir, fallback)}${start ? '' : " (npm start's default is node server.js)"}`;
        } else if (parsed && 'problem' in parsed) {
          throw new UserError(
            'E_NO_ENTRY',
            `${parsed.problem[0]!.toUpperCase()}${parsed.problem.slice(1)}, which cannot be PID 1 of an image, and there is no main or server.js to run instead.`,
            'Make the start script `node <file>` (the file the app starts from), or pass --entry.',
          );
        } else {
          throw new UserError(
            'E_NO_ENTRY',
            'No program found: package.json has no start script and no main, and there is no server.js, index.js or app.js.',
            'Add a start script (node server.js) to package.json.',
          );
        }
      }
      for (const w of command)
        if (w.length > 300 || /[\n\r]/.test(w))
          throw new UserError(
            'E_UNSAFE_VALUE',
            `The command word ${shown(w)} cannot go in a Dockerfile.`,
            'Make the start script plainer, or pass --entry.',
          );
      const file = command.find((w) => !w.startsWith('-'));
      if (file && !file.startsWith('node_modules/'))
        safeRelPath(file.replace(/^\.\//, ''), 'Start file', '--entry', 'package.json start');
      decisions.push((programDecision = { topic: 'Program', choice: `node ${command.join(' ')}`, because: source }));
    }

    if (kind !== 'static' && !port) {
      const sources = scan
        .withExt('.js', '.mjs', '.cjs', '.ts')
        .filter(
          (f) =>
            isBuilt(f) &&
            (dir === '.' || f.startsWith(`${dir}/`)) &&
            !/(^|\/)(test|tests|__tests__|spec|templates?|fixtures?|examples?)\//.test(f) &&
            !/\.(test|spec)\.[cm]?[jt]s$/.test(f) &&
            !f.endsWith('.d.ts'),
        )
        .slice(0, 400);
      port =
        opts.port !== undefined
          ? undefined
          : findPort(
              scan,
              [...(scan.read(joinRel(dir, 'bin/www')) !== undefined ? [joinRel(dir, 'bin/www')] : []), ...sources],
              PORT_PATTERNS,
            );
      if (!port) {
        const envFile = ['.env.example', '.env.sample', '.env.template']
          .map((f) => joinRel(dir, f))
          .find((f) => scan.has(f));
        const m = envFile ? /^PORT\s*=\s*(\d{2,5})\s*$/m.exec(scan.read(envFile, 64 * 1024) ?? '') : null;
        if (m) port = { value: Number(m[1]), source: `${envFile}: PORT=${m[1]}` };
      }
      port ??= portFromDockerfile(scan);
      if (!port && (deps.has('@nestjs/core') || deps.has('next') || deps.has('nuxt')))
        port = { value: 3000, source: 'the framework listens on 3000 by default' };
    }
    if (opts.port !== undefined) port = { value: opts.port, source: '--port' };
    if (portVar) {
      // Exec form runs no shell: the port goes into the command itself, and into ENV PORT for a
      // program that also reads it (docker run -e PORT=... then needs the command changed too).
      if (!port)
        throw new UserError(
          'E_NO_ENTRY',
          `The start script passes $PORT to the program (${shown(start ?? '', 80)}), and nothing says which port that is: an exec-form ENTRYPOINT does not expand variables.`,
          'Pass --port with the port the app should listen on (it is written into the command and set as ENV PORT).',
        );
      command = command.map((w) => w.split('$PORT').join(String(port!.value)));
      if (programDecision) programDecision.choice = `node ${command.join(' ')}`;
      const i = env.findIndex((e) => e.startsWith('PORT='));
      if (i >= 0) env.splice(i, 1);
      env.push(`PORT=${port.value}`);
      decisions.push({
        topic: 'Start script variables',
        choice: `$PORT written as ${port.value} in the command, and ENV PORT=${port.value}`,
        because: `an exec-form ENTRYPOINT does not expand $PORT; the port: ${port.source}`,
      });
    }

    // Native addons: the lock's packages (and the project's own binding.gyp) against the table.
    const lockInfo = lockText ? lockPackages(lockText, lock![0]) : undefined;
    const names = new Set([
      ...(lockInfo?.names ?? []),
      ...allDeps,
      ...workspaces.flatMap((w) => Object.keys({ ...obj(w.pkg.dependencies) })),
    ]);
    const addons = [...names].filter((n) => NODE_PACKAGES[n]?.gyp).sort();
    const ownGyp = scan.files.filter((f) => f.endsWith('binding.gyp') && isBuilt(f)).slice(0, 5);
    const gyp = kind !== 'static' ? addons.length > 0 || ownGyp.length > 0 : addons.length > 0;
    const buildApt = [...new Set(addons.flatMap((a) => NODE_PACKAGES[a]!.build ?? []))];
    const libs =
      kind === 'static'
        ? []
        : [...new Set(addons.flatMap((a) => NODE_PACKAGES[a]!.libraries ?? []))].filter((l) => LIBRARIES[l]);
    if (gyp)
      decisions.push({
        topic: 'Native addons',
        choice: `${listed([...addons, ...ownGyp], 8)}: compiled in the builder (python3, make, g++${buildApt.length ? `, ${buildApt.join(', ')}` : ''})`,
        because: `${lockInfo ? lock![0] : 'package.json'}${ownGyp.length ? `, ${ownGyp[0]}` : ''}; data/node-packages.json`,
      });
    if (libs.length)
      decisions.push({
        topic: 'Run-time libraries',
        choice: libs.map((l) => LIBRARIES[l]!.debian).join(', '),
        because: `loaded by ${listed(addons.filter((a) => NODE_PACKAGES[a]!.libraries?.length))}`,
      });
    const unknownScripts = [...(lockInfo?.installScripts ?? [])].filter(
      (n) =>
        !NODE_PACKAGES[n] &&
        !/^(esbuild|@swc\/core|core-js|core-js-pure|fsevents|sharp|protobufjs|@parcel\/watcher|nx|msgpackr-extract|unrs-resolver|@biomejs\/biome|puppeteer|cypress|husky|electron|spawn-sync|es5-ext|ejs|nodemon|styled-components|@prisma\/client|@prisma\/engines|prisma|bufferutil|utf-8-validate|lmdb|@tailwindcss\/oxide|workerd|better-sqlite3)$/.test(
          n,
        ) &&
        !n.startsWith('('),
    );
    if (unknownScripts.length && kind !== 'static')
      warnings.push(
        `${listed(unknownScripts, 6)} run${unknownScripts.length > 1 ? '' : 's'} install scripts this tool does not know: if one compiles an addon, the build needs python3, make and g++ (they are in the node image without -slim).`,
      );

    // Where it runs.
    const distrolessOk = DISTROLESS.includes(major);
    const needsLibs = libs.filter((l) => l !== 'libssl' && l !== 'libz');
    const refusals: Refusals = {};
    const strategies: Strategy[] = [];
    if (kind === 'static') {
      strategies.push({
        id: 'node-static-busybox',
        libc: 'glibc',
        requires: ['httpd'],
        runtimes: ['busybox-glibc'],
        summary: `the files of ${staticOut}/, served by busybox httpd`,
      });
      strategies.push({
        id: 'node-static-nginx',
        libc: 'musl',
        requires: ['httpd'],
        runtimes: ['alpine'],
        summary: `the files of ${staticOut}/, served by nginx (nginx:alpine-slim)`,
      });
      const why = {
        reason: 'the site is files only: it needs a file server, not Node.js or a whole distribution',
        short: 'files only',
        fix: 'choose busybox-glibc (busybox httpd) or alpine (nginx)',
      };
      refusals.scratch = { ...why, reason: 'the site is files only, and scratch has no program to serve them' };
      refusals.slim = why;
      refusals.distroless = why;
    } else {
      strategies.push({
        id: 'node-distroless',
        libc: 'glibc',
        requires: [`node${major}`, ...libs],
        runtimes: ['distroless'],
        summary: `the app on distroless's Node.js ${major} (/nodejs/bin/node)`,
        fix: needsLibs.length ? `${needsLibs.join(', ')} is not in distroless: choose slim` : 'choose slim',
      });
      strategies.push({
        id: 'node-alpine',
        libc: 'musl',
        requires: ['node', ...libs],
        runtimes: ['alpine'],
        summary: `the app on Node.js ${major} for musl (node:${major}-alpine)`,
      });
      strategies.push({
        id: 'node-slim',
        libc: 'glibc',
        requires: ['node', ...libs],
        runtimes: ['slim'],
        summary: `the app on Node.js ${major} (node:${major}-slim)`,
      });
      const noNode = {
        reason: 'a Node.js program needs the node binary and its libraries (libstdc++), and this image has neither',
        short: 'needs Node.js',
        fix: 'choose slim, distroless or alpine',
      };
      refusals.scratch = noNode;
      refusals['busybox-glibc'] = { ...noNode, reason: 'busybox has no Node.js (and no libstdc++, which node links)' };
      if (!distrolessOk)
        refusals.distroless = {
          reason: `distroless publishes Node.js images for ${DISTROLESS.join(', ')} only (checked ${DATA.supportChecked}), and this project runs on Node ${major} (${version.source})`,
          short: `no Node ${major}`,
          fix: 'choose slim, or pin a Node version distroless has (.nvmrc)',
        };
      const musl = addons.filter((a) => NODE_PACKAGES[a]!.musl === false);
      if (musl.length)
        refusals.alpine = {
          reason: `${listed(musl)} ${musl.length > 1 ? 'do' : 'does'} not build on musl as ${musl.length > 1 ? 'they are' : 'it is'}`,
          short: 'needs glibc',
          fix: 'choose slim',
        };
      else if (needsLibs.length)
        refusals.alpine = {
          reason: `${listed(needsLibs)} would have to come from apk, which this tool does not add to an Alpine final stage`,
          short: 'needs libraries',
          fix: 'choose slim',
        };
    }
    const spaFile = front?.fallback ?? 'index.html';
    const spa =
      kind === 'static' &&
      (!!front?.fallback || CLIENT_ROUTERS.some((r) => allDeps.has(r)) || allDeps.has('@sveltejs/kit'));
    if (spa)
      decisions.push({
        topic: 'Client-side routing',
        choice: `unknown paths answer with ${spaFile}`,
        because: front?.fallback
          ? `the adapter's fallback page (${spaFile})`
          : `${listed([...CLIENT_ROUTERS, '@sveltejs/kit'].filter((r) => allDeps.has(r)))} in package.json`,
      });

    // Files the dependency layer needs: the lock, every package.json of the workspaces, the manager's own config.
    // Patch files pnpm and bun apply while installing (patchedDependencies): their folders go with the dependency files.
    const patched = [
      ...(manager === 'pnpm'
        ? [obj(root.pnpm)?.patchedDependencies, readYaml(scan, 'pnpm-workspace.yaml')?.patchedDependencies]
        : []),
      ...(manager === 'bun' ? [root.patchedDependencies] : []),
    ]
      .flatMap((v) => Object.values(obj(v) ?? {}))
      .slice(0, 200);
    const patchDirs = new Set<string>();
    for (const f of patched) {
      const rel = typeof f === 'string' ? normalizeRel(f) : undefined;
      if (rel === undefined || !scan.has(rel)) {
        warnings.push(
          `The patch ${shown(typeof f === 'string' ? f : (JSON.stringify(f) ?? ''), 80)} (patchedDependencies) is not a file in the project: the install fails without it.`,
        );
        continue;
      }
      if (rel.includes('/')) patchDirs.add(dirname(rel));
      else
        warnings.push(
          `The patch ${shown(rel, 80)} (patchedDependencies) lies in the project's root folder: it is copied with the project, after the install that needs it. Keep patches in a folder (patches/).`,
        );
    }
    const manifests = [
      'package.json',
      ...(lock ? [lock[0]] : []),
      ...workspaces.map((w) => `${w.dir}/package.json`),
      ...['.npmrc', '.yarnrc', '.yarnrc.yml', 'pnpm-workspace.yaml', 'bunfig.toml'].filter((f) => scan.has(f)),
      ...(manager === 'yarn-berry' && scan.list('.yarn/releases')?.length ? ['.yarn/releases'] : []),
      ...(manager === 'yarn-berry' && scan.list('.yarn/plugins')?.length ? ['.yarn/plugins'] : []),
      ...(manager === 'yarn-berry' && scan.list('.yarn/patches')?.length ? ['.yarn/patches'] : []),
      ...[...patchDirs].slice(0, 20).map((d) => `${d}/`),
    ].map((m) => copyable(m, 'Dependency file'));
    const hasDeps =
      Object.keys({ ...obj(root.dependencies), ...obj(root.devDependencies) }).length > 0 ||
      workspaces.length > 0 ||
      Object.keys({ ...obj(pkg.dependencies), ...obj(pkg.devDependencies) }).length > 0;
    if (manager === 'bun' && /^bun\b/.test(start ?? '')) {
      throw new UserError(
        'E_REFUSED',
        'The start script runs bun: the program needs the Bun runtime, which this tool does not put in a final stage (only Bun as the package manager).',
        'Start it with node (node index.js) if it runs on Node.js, or use the oven/bun image by hand.',
      );
    }
    if (buildScript && kind !== 'static')
      decisions.push({
        topic: 'Build',
        choice: `${manager === 'yarn-berry' || manager === 'yarn' ? 'yarn' : manager} run build, with the dev dependencies; then only the production dependencies go on`,
        because: `package.json scripts.build: ${shown(buildScript, 60)}`,
      });

    const needs: Needs = {};
    const ignore = [
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
    // Build output folders only when the build makes them again (a committed dist/ may be the program).
    if (buildScript) ignore.push('dist/', 'build/', 'out/');
    if (manager === 'yarn-berry' && !pnp) ignore.push('.yarn/cache/', '.yarn/install-state.gz', '.pnp.*');
    // Paths the build copies or reads by name: the dependency files, and the file node starts (when it is the project's, not the build's).
    const entryWord = kind === 'server' ? command.find((w) => !w.startsWith('-')) : undefined;
    const entryFile = entryWord ? normalizeRel(joinRel(dir, entryWord)) : undefined;
    const keep = [
      ...new Set([
        ...manifests.map((m) => (m.endsWith('/') ? m.slice(0, -1) : m)),
        ...(entryFile && scan.has(entryFile) ? [entryFile] : []),
      ]),
    ];
    return {
      lang: 'node',
      name,
      version,
      entries,
      entry,
      keep,
      port: kind === 'static' ? { value: 8080, source: 'the file server' } : port,
      needs,
      strategies,
      refusals,
      builderGlibc: major >= TRIXIE_FROM ? '2.41' : DATA.builderGlibc,
      decisions,
      warnings,
      ignore,
      ...(notes.length ? { notes } : {}),
      own: {
        manager,
        managerVersion,
        lockFile: lock?.[0],
        manifests,
        build: buildScript,
        dir,
        command,
        env,
        gyp,
        buildApt,
        runLibs: libs.map((l) => LIBRARIES[l]!.debian),
        kind,
        staticOut,
        spa,
        pnp,
        lockMajor,
        lifecycle: lifecycle.length > 0,
        skipDownloads: ['cypress', 'puppeteer', 'playwright', 'playwright-core', '@playwright/test'].filter((n) =>
          names.has(n),
        ),
        spaFile,
        workspaceName: dir !== '.' ? str(pkg.name) : undefined,
        hasDeps,
      } satisfies NodeInfo,
    };
  },

  build(resolved: Resolved, strategy: Strategy): BuildSpec {
    const info = resolved.own as NodeInfo;
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
