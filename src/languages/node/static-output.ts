import type { Scan } from '../../core/scan.js';
import { shown } from '../../core/quote.js';
import { obj, str } from '../../core/parse.js';
import { joinRel } from '../shared.js';
import { configSetting, plainFolder, scriptFlag, type Setting } from './config-setting.js';
import { readJson } from './read.js';

/** Where a front-end build writes its files, and the tool that says so. */
export interface StaticOutput {
  out: string;
  tool: string;
  /** The page that answers unknown paths, when the tool names one (SvelteKit's fallback). */
  fallback?: string | undefined;
  /** Settings of the output folder this tool cannot evaluate (the default is taken). */
  unreadable?: string[] | undefined;
}

/** What a tool's reader works from: the package's folder, its dependencies and build script, and helpers over them. */
interface FrontEnd {
  scan: Scan;
  deps: Set<string>;
  buildScript: string;
  /** A path in the package's folder. */
  at: (f: string) => string;
  /** The first of these config files the package has. */
  config: (names: string[]) => string | undefined;
  /** A key of a config file. */
  setting: (file: string | undefined, key: string) => Setting;
  /** The folder the settings name (the first that is set), the default when none is; an unreadable one is listed. */
  folder: (settings: Setting[], fallback: string) => string;
  unreadable: string[];
}

function frontEndOf(scan: Scan, deps: Set<string>, dir: string, buildScript: string): FrontEnd {
  const unreadable: string[] = [];
  const at = (f: string) => joinRel(dir, f);
  return {
    scan,
    deps,
    buildScript,
    at,
    config: (names) => names.map((n) => at(n)).find((n) => scan.has(n)),
    setting: (file, key) => (file ? configSetting(scan.read(file, 256 * 1024) ?? '', key, file) : undefined),
    folder: (settings, fallback) => {
      for (const s of settings) {
        if (!s) continue;
        if ('value' in s) return s.value;
        unreadable.push(`${s.from} = ${s.unreadable}`);
        return fallback;
      }
      return fallback;
    },
    unreadable,
  };
}

/** Next.js's config files, in the order they are looked for. */
export const NEXT_CONFIGS = ['next.config.js', 'next.config.mjs', 'next.config.ts', 'next.config.cjs'];

/** Next.js writes files only with output: 'export' (otherwise it is a server). */
function nextExport(b: FrontEnd): StaticOutput | undefined {
  const f = b.config(NEXT_CONFIGS);
  if (f && /\boutput\s*:\s*['"]export['"]/.test(b.scan.read(f, 256 * 1024) ?? ''))
    return { out: 'out', tool: `Next.js static export (${f}: output 'export')` };
  return undefined;
}

/** Angular: the first project's build outputPath (the application builder writes into browser/ below it). */
function angular(b: FrontEnd): StaticOutput {
  const ng = readJson(b.scan, b.at('angular.json'));
  const projects = obj(ng?.projects) ?? {};
  const name = Object.keys(projects)[0];
  const build = obj(obj(obj(name !== undefined ? projects[name] : undefined)?.architect)?.build);
  const op = build?.options ? obj(build.options)?.outputPath : undefined;
  const base = b.folder(
    [scriptFlag(b.buildScript, ['ng'], ['--output-path', '--outputPath'])],
    str(op) ?? str(obj(op)?.base) ?? (name ? `dist/${name}` : 'dist'),
  );
  const app = /:application$/.test(str(build?.builder) ?? '');
  return {
    out: app && !str(obj(op)?.browser) ? `${base}/browser` : base,
    tool: `Angular (angular.json: ${shown(name ?? '', 40)})`,
  };
}

/** SvelteKit writes files only with adapter-static: its pages folder and fallback page. */
function svelteKit(b: FrontEnd): StaticOutput | undefined {
  if (!b.deps.has('@sveltejs/adapter-static')) return undefined;
  const f = b.config(['svelte.config.js', 'svelte.config.mjs', 'svelte.config.ts']);
  const fb = b.setting(f, 'fallback');
  const fallback = fb && 'value' in fb && /^[\w.-]+\.html$/.test(fb.value) ? fb.value : undefined;
  return {
    out: b.folder([b.setting(f, 'pages')], 'build'),
    tool: `SvelteKit with adapter-static${f ? ` (${f})` : ''}`,
    fallback,
  };
}

/** Astro writes files unless it has an adapter or server output. */
function astro(b: FrontEnd): StaticOutput | undefined {
  const f = b.config(['astro.config.mjs', 'astro.config.ts', 'astro.config.js']);
  const text = f ? (b.scan.read(f, 256 * 1024) ?? '') : '';
  if (/\boutput\s*:\s*['"]server['"]|adapter\s*:/.test(text)) return undefined;
  return {
    out: b.folder([scriptFlag(b.buildScript, ['astro'], ['--outDir']), b.setting(f, 'outDir')], 'dist'),
    tool: 'Astro (static output)',
  };
}

/** Create React App writes to BUILD_PATH when the build script sets it. */
function createReactApp(b: FrontEnd): StaticOutput {
  const env = /(?:^|\s)BUILD_PATH=(\S{1,200})/.exec(b.buildScript)?.[1];
  const v = env !== undefined ? plainFolder(env) : undefined;
  const s: Setting =
    env === undefined
      ? undefined
      : v !== undefined
        ? { value: v, from: 'package.json scripts.build: BUILD_PATH' }
        : { unreadable: shown(env, 60), from: 'package.json scripts.build: BUILD_PATH' };
  return { out: b.folder([s], 'build'), tool: 'Create React App' };
}

/** Vue CLI: --dest, or vue.config's outputDir. */
function vueCli(b: FrontEnd): StaticOutput {
  const dest = scriptFlag(b.buildScript, ['vue-cli-service'], ['--dest']);
  return {
    out: b.folder([dest, b.setting(b.config(['vue.config.js', 'vue.config.mjs']), 'outputDir')], 'dist'),
    tool: 'Vue CLI',
  };
}

const VITE_CONFIGS = [
  'vite.config.ts',
  'vite.config.js',
  'vite.config.mjs',
  'vite.config.mts',
  'vite.config.cjs',
  'vite.config.cts',
];

/** Vite: --outDir or build.outDir, which is relative to Vite's root (the config's folder unless root says otherwise). */
function vite(b: FrontEnd): StaticOutput {
  const f = b.config(VITE_CONFIGS);
  const flag = scriptFlag(b.buildScript, ['vite'], ['--outDir']);
  const out = b.setting(f, 'outDir');
  const root = flag ? undefined : b.setting(f, 'root');
  const base = b.folder([root], '.');
  const o = b.folder([flag, out], 'dist');
  const fromConfig = !flag && !!out && 'value' in out && !!out.fromConfig;
  return { out: base === '.' || fromConfig ? o : `${base}/${o}`, tool: `Vite${f ? ` (${f})` : ''}` };
}

/**
 * The tools that build a front end, in the order they are asked: the first whose package the
 * project uses decides (a Next.js or SvelteKit app that is a server writes no files).
 */
const TOOLS: { when: (b: FrontEnd) => boolean; read: (b: FrontEnd) => StaticOutput | undefined }[] = [
  { when: (b) => b.deps.has('next'), read: nextExport },
  { when: (b) => b.deps.has('@angular/core') && b.scan.has(b.at('angular.json')), read: angular },
  { when: (b) => b.deps.has('@sveltejs/kit'), read: svelteKit },
  { when: (b) => b.deps.has('astro'), read: astro },
  { when: (b) => b.deps.has('react-scripts'), read: createReactApp },
  { when: (b) => b.deps.has('@vue/cli-service'), read: vueCli },
  { when: (b) => b.deps.has('gatsby'), read: () => ({ out: 'public', tool: 'Gatsby' }) },
  {
    when: (b) => b.deps.has('@docusaurus/core'),
    read: (b) => ({
      out: b.folder([scriptFlag(b.buildScript, ['docusaurus'], ['--out-dir'])], 'build'),
      tool: 'Docusaurus',
    }),
  },
  { when: (b) => b.deps.has('vite'), read: vite },
  {
    when: (b) => b.deps.has('parcel'),
    read: (b) => ({ out: b.folder([scriptFlag(b.buildScript, ['parcel'], ['--dist-dir'])], 'dist'), tool: 'Parcel' }),
  },
];

/** Where a front-end build writes its files, by the tool that builds it. */
export function staticOutput(
  scan: Scan,
  deps: Set<string>,
  dir: string,
  buildScript: string,
): StaticOutput | undefined {
  const b = frontEndOf(scan, deps, dir, buildScript);
  const r = TOOLS.find((t) => t.when(b))?.read(b);
  return r && b.unreadable.length ? { ...r, unreadable: b.unreadable } : r;
}
