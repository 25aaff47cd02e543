import { shown } from '../../core/quote.js';
import { str } from '../../core/parse.js';
import { commandVars } from '../shell.js';
import type { Json } from './read.js';

/** What the start script runs, as exec-form words (node first), or why it cannot be used. */
export interface StartCommand {
  args: string[];
  env: string[];
  port?: number | undefined;
  framework?: string | undefined;
  runner?: string | undefined;
  /** The words hold `$PORT`, which exec form does not expand: the resolver writes the port there (and sets ENV PORT). */
  portVar?: boolean | undefined;
}

/** Package binaries a start script may call, as the node command that runs them (the CLI's JS file). */
const BIN_SCRIPTS: Record<string, { js: string; framework?: string; port?: number }> = {
  next: { js: 'node_modules/next/dist/bin/next', framework: 'next', port: 3000 },
  'remix-serve': { js: 'node_modules/@remix-run/serve/dist/cli.js', framework: 'remix', port: 3000 },
  'react-router-serve': { js: 'node_modules/@react-router/serve/bin.js', framework: 'react-router', port: 3000 },
  fastify: { js: 'node_modules/fastify-cli/cli.js', framework: 'fastify', port: 3000 },
};
/** Development runners: never PID 1 of a production image. */
const DEV_RUNNERS = new Set(['nodemon', 'ts-node', 'ts-node-dev', 'tsx', 'babel-node', 'node-dev', 'supervisor']);
/** Commands that serve a folder of files: the project is a static site. */
const STATIC_SERVERS = new Set(['serve', 'http-server', 'vite', 'live-server', 'sirv', 'lite-server']);

/**
 * Why the start script cannot be the image's command: `static` when it serves files, `args` the
 * JavaScript file a development runner was given (node runs that instead).
 */
export interface StartProblem {
  problem: string;
  static?: boolean;
  args?: string[];
}

/** The start script as node's own command (npm run chains followed, package binaries as their JS file), or why not. */
export function parseStart(script: string, scripts: Json, depth = 0): StartCommand | StartProblem {
  if (script.length > 400) return { problem: 'the start script is too long to read' };
  const parts = script
    .split('&&')
    .map((p) => p.trim())
    .filter(Boolean);
  // "npm run build && node dist/index.js": the build belongs to the build stage, the last step is the program.
  const last = parts[parts.length - 1] ?? '';
  if (
    parts
      .slice(0, -1)
      .some((p) => !/^(?:npm|pnpm|yarn|bun)(?: run)? (?:build|compile|prestart|migrate)\b|^tsc\b/.test(p))
  )
    return { problem: `the start script chains commands (${shown(script, 80)})` };
  const { words: all, bare, portVar, portDefault, unresolved } = commandVars(last);
  if (/[;|<>`$(){}'"\\*]/.test(bare)) return { problem: `the start script uses shell syntax (${shown(script, 80)})` };
  if (unresolved)
    return {
      problem: `the start script reads the shell variable ${shown(unresolved, 40)}, which an exec-form ENTRYPOINT does not expand (${shown(script, 80)})`,
    };
  let words = all;
  const env: string[] = [];
  if (words[0] === 'cross-env' || words[0] === 'env') words = words.slice(1);
  while (words[0] && /^[A-Z_][A-Z0-9_]{0,60}=[\w.:/-]{0,200}$/.test(words[0])) {
    env.push(words.shift()!);
  }
  const [cmd, ...rest] = words;
  if (!cmd) return { problem: 'the start script is empty' };
  const portOf = (ws: string[]) =>
    Number(
      ws
        .map((w, i) => (/^(?:-p|--port)$/.test(w) ? ws[i + 1] : /^--port=(\d+)$/.exec(w)?.[1]))
        .find((x) => x && /^\d{2,5}$/.test(x)),
    ) || undefined;
  const envPort = Number(env.map((e) => /^PORT=(\d{2,5})$/.exec(e)?.[1]).find(Boolean)) || undefined;
  if (cmd === 'node' || cmd === 'nodejs') {
    if (!rest.some((w) => !w.startsWith('-'))) return { problem: 'the start script runs node without a file' };
    return { args: rest, env, port: envPort ?? portOf(rest) ?? portDefault, ...(portVar ? { portVar } : {}) };
  }
  if (/^(?:npm|pnpm|yarn|bun)$/.test(cmd) && depth < 3) {
    const name = rest[0] === 'run' || rest[0] === 'run-script' ? rest[1] : rest[0];
    const next = name ? str(scripts[name]) : undefined;
    if (name && next) return parseStart(next, scripts, depth + 1);
    return { problem: `the start script runs ${shown(`${cmd} ${rest.join(' ')}`, 60)}` };
  }
  if (Object.hasOwn(BIN_SCRIPTS, cmd)) {
    const b = BIN_SCRIPTS[cmd]!;
    return {
      args: [b.js, ...rest],
      env,
      port: envPort ?? portOf(rest) ?? portDefault ?? b.port,
      framework: b.framework,
      ...(portVar ? { portVar } : {}),
    };
  }
  if (cmd === 'nest' && rest[0] === 'start')
    return { args: ['dist/main'], env, port: envPort ?? 3000, framework: 'nest' };
  if ((cmd === 'nuxt' || cmd === 'nuxi') && (rest[0] === 'start' || rest[0] === 'preview'))
    return { args: ['.output/server/index.mjs'], env, port: envPort ?? 3000, framework: 'nuxt' };
  if (DEV_RUNNERS.has(cmd)) {
    const file = rest.find((w) => /\.[cm]?[jt]sx?$/.test(w));
    return {
      problem: `the start script runs ${cmd}, a development runner${file ? ` on ${shown(file, 60)}` : ''}`,
      ...(file && /\.[cm]?js$/.test(file) ? { args: [file] } : {}),
    };
  }
  if (STATIC_SERVERS.has(cmd) && (cmd !== 'vite' || rest[0] === 'preview'))
    return { problem: `the start script serves files (${shown(last, 60)})`, static: true };
  return { problem: `the start script runs ${shown(cmd, 40)}` };
}
