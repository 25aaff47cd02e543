import { UserError } from '../../core/errors.js';
import type { Scan } from '../../core/scan.js';
import { safeRelPath, shown } from '../../core/quote.js';
import { obj, str } from '../../core/parse.js';
import type { Fact } from '../../core/types.js';
import { joinRel } from '../shared.js';
import type { ProgramPackage } from './info.js';
import type { Json } from './read.js';
import type { StartCommand, StartProblem } from './start.js';

/** The node command of a server: the words after `node`, its environment, and where they came from. */
export interface ServerCommand {
  command: string[];
  env: string[];
  /** The words hold `$PORT`, which exec form does not expand. */
  portVar: boolean;
  /** The port the start script or its framework names. */
  port: Fact<number> | undefined;
  because: string;
}

/** A usable start script: its command, its variables but NODE_ENV (the image sets that), its port. */
function fromStart(
  parsed: StartCommand,
  start: string,
  nextConfig: string | undefined,
  warnings: string[],
): ServerCommand {
  let port: Fact<number> | undefined;
  if (parsed.port)
    port = {
      value: parsed.port,
      source: parsed.framework
        ? `${parsed.framework} listens on ${parsed.port} by default${start.includes(String(parsed.port)) ? ' (as the start script says)' : ''}`
        : `package.json start: ${shown(start, 60)}`,
    };
  if (parsed.framework === 'next') {
    const f = nextConfig ?? 'next.config.js';
    warnings.push(
      `Next.js runs here with next start and the whole production node_modules; output: 'standalone' in ${f} makes Next.js trace the files the server needs, and the image would copy only those (typically a fraction of node_modules).`,
    );
  }
  return {
    command: parsed.args,
    env: parsed.env.filter((e) => !e.startsWith('NODE_ENV=')),
    portVar: !!parsed.portVar,
    port,
    because: `package.json start: ${shown(start, 80)}`,
  };
}

/** The command the package installs: bin as a string, the one named like the package, or the only one. */
function binFile(pkg: Json): string | undefined {
  const named = str(pkg.bin);
  if (named !== undefined) return named;
  const bins = obj(pkg.bin) ?? {};
  const pkgName = (str(pkg.name) ?? '').replace(/^@[^/]*\//, '');
  return str(bins[pkgName]) ?? (Object.keys(bins).length === 1 ? str(Object.values(bins)[0]) : undefined);
}

/**
 * No usable start script: npm's own default (server.js), then main, then a command the package
 * installs (bin), then the usual names. main and bin count when the build makes them.
 */
function fallbackFile(scan: Scan, p: ProgramPackage, bin: string | undefined): string | undefined {
  const main = str(p.pkg.main);
  const built = () => !!p.buildScript || p.lifecycle.length > 0;
  return [
    ...(scan.has(joinRel(p.dir, 'server.js')) ? ['server.js'] : []),
    ...(main ? [main] : []),
    ...(bin ? [bin] : []),
    'index.js',
    'app.js',
    'main.js',
    'bin/www',
  ]
    .map((f) => f.replace(/^\.\//, ''))
    .find(
      (f) =>
        scan.has(joinRel(p.dir, f)) ||
        (f === 'bin/www' && scan.read(joinRel(p.dir, f)) !== undefined) ||
        ((f === main?.replace(/^\.\//, '') || f === bin?.replace(/^\.\//, '')) && built()),
    );
}

const capitalized = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

/**
 * SvelteKit with adapter-node: the build writes a Node server to build/ (adapter({ out }) moves
 * it), started as `node build`, listening on PORT (3000) and HOST (0.0.0.0) by default.
 */
function svelteKitNode(scan: Scan, p: ProgramPackage): ServerCommand | undefined {
  if (!p.allDeps.has('@sveltejs/kit') || !p.allDeps.has('@sveltejs/adapter-node') || !p.buildScript) return undefined;
  const config = ['svelte.config.js', 'svelte.config.mjs', 'svelte.config.ts']
    .map((f) => joinRel(p.dir, f))
    .find((f) => scan.has(f));
  if (!config) return undefined;
  const text = scan.read(config, 64 * 1024) ?? '';
  if (!/@sveltejs\/adapter-node/.test(text)) return undefined;
  const out = /\bout\s*:\s*['"]([\w.-]{1,100}(?:\/[\w.-]{1,100}){0,5})['"]/.exec(text)?.[1] ?? 'build';
  if (out.split('/').includes('..')) return undefined;
  return {
    command: [out],
    env: ['PORT=3000', 'HOST=0.0.0.0'],
    portVar: false,
    port: { value: 3000, source: `${config}: adapter-node (its server listens on PORT, 3000 by default)` },
    because: `${config}: SvelteKit's adapter-node writes the server to ${out}/`,
  };
}

/** Without a usable start script: the development runner's JS file, or the fallback file; else no program. */
function withoutStart(
  scan: Scan,
  p: ProgramPackage,
  problem: StartProblem | undefined,
  warnings: string[],
): ServerCommand {
  const bin = binFile(p.pkg);
  const fallback = fallbackFile(scan, p, bin);
  const plain = { env: [], portVar: false, port: undefined };
  const svelte = problem ? undefined : svelteKitNode(scan, p);
  if (svelte) return svelte;
  if (problem && /development runner/.test(problem.problem) && /\.[cm]?tsx?\b/.test(p.start ?? '') && !p.buildScript) {
    throw new UserError(
      'E_NO_ENTRY',
      `${capitalized(problem.problem)}: TypeScript must be compiled for production, and there is no build script.`,
      'Add a build script (tsc) and a start script that runs its output (node dist/index.js), or pass --entry with a JavaScript file.',
    );
  }
  if (problem?.args) {
    warnings.push(`${problem.problem}: the image runs node ${problem.args.join(' ')} instead.`);
    return { ...plain, command: problem.args, because: `package.json start, without its development runner` };
  }
  if (fallback) {
    if (problem) warnings.push(`${problem.problem}: not used; the image runs node ${fallback}.`);
    const because =
      fallback === str(p.pkg.main)?.replace(/^\.\//, '')
        ? `package.json main: ${shown(fallback, 60)}`
        : fallback === bin?.replace(/^\.\//, '')
          ? `package.json bin: ${shown(fallback, 60)}`
          : `${joinRel(p.dir, fallback)}${p.start ? '' : " (npm start's default is node server.js)"}`;
    return { ...plain, command: [fallback], because };
  }
  if (problem)
    throw new UserError(
      'E_NO_ENTRY',
      `${capitalized(problem.problem)}, which cannot be PID 1 of an image, and there is no main or server.js to run instead.`,
      'Make the start script `node <file>` (the file the app starts from), or pass --entry.',
    );
  throw new UserError(
    'E_NO_ENTRY',
    'No program found: package.json has no start script and no main, and there is no server.js, index.js or app.js.',
    'Add a start script (node server.js) to package.json.',
  );
}

/** The command words go into an exec-form ENTRYPOINT: one line each, bounded, the file a plain path. */
function checkCommand(command: string[]): void {
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
}

/** What node runs: the start script as node's own command, or, without a usable one, a file. */
export function serverCommand(
  scan: Scan,
  p: ProgramPackage,
  parsed: StartCommand | StartProblem | undefined,
  nextConfig: string | undefined,
  warnings: string[],
): ServerCommand {
  const server =
    parsed && !('problem' in parsed)
      ? fromStart(parsed, p.start!, nextConfig, warnings)
      : withoutStart(scan, p, parsed, warnings);
  checkCommand(server.command);
  return server;
}
