import { UserError } from '../../core/errors.js';
import type { Scan } from '../../core/scan.js';
import type { Fact } from '../../core/types.js';
import { joinRel } from '../shared.js';
import type { ResolveOptions } from '../types.js';
import { SERVER_PACKAGES } from './detect.js';
import type { Manager, NodeKind, ProgramPackage, Said } from './info.js';
import { portIntoCommand, serverPort } from './port.js';
import { serverCommand } from './server-command.js';
import { parseStart } from './start.js';
import { NEXT_CONFIGS, staticOutput, type StaticOutput } from './static-output.js';
import { staticSite } from './static-site.js';

/** What the image runs, and on which port. */
interface Runs {
  kind: NodeKind;
  /** The words after `node` (none for a static site). */
  command: string[];
  env: string[];
  port: Fact<number> | undefined;
  /** What a front-end build writes, when the project has one (its fallback page answers unknown paths). */
  front: StaticOutput | undefined;
}

/** A static site has its folder; a Node.js program none. */
export type NodeProgram =
  | (Runs & { kind: 'static'; staticOut: string })
  | (Runs & { kind: 'server' | 'next-standalone'; staticOut: undefined });

/** A Next.js standalone server: server.js with only the files Next.js traced, listening on PORT. */
function nextStandalone(
  nextConfig: string,
  front: StaticOutput | undefined,
  opts: ResolveOptions,
  said: Said,
): NodeProgram {
  said.decisions.push({
    topic: 'Program',
    choice: 'Next.js standalone server (node server.js)',
    because: `${nextConfig}: output 'standalone': .next/standalone, .next/static and public only`,
  });
  return {
    kind: 'next-standalone',
    command: ['server.js'],
    env: ['PORT=3000', 'HOSTNAME=0.0.0.0'],
    port:
      opts.port !== undefined
        ? { value: opts.port, source: '--port' }
        : { value: 3000, source: `${nextConfig}: output 'standalone' (server.js listens on PORT)` },
    staticOut: undefined,
    front,
  };
}

/**
 * What runs: the files a front-end build writes (when the start script is no usable command),
 * a Next.js standalone server, or the start script turned into node's own command.
 */
export function nodeProgram(scan: Scan, p: ProgramPackage, opts: ResolveOptions, said: Said): NodeProgram {
  const parsed = p.start ? parseStart(p.start, p.scripts) : undefined;
  const serverDeps = SERVER_PACKAGES.filter((s) => s !== 'next' && p.deps.has(s));
  const front = p.buildScript && !serverDeps.length ? staticOutput(scan, p.allDeps, p.dir, p.buildScript) : undefined;
  const nextConfig = NEXT_CONFIGS.map((f) => joinRel(p.dir, f)).find((f) => scan.has(f));
  if (front && (!parsed || 'problem' in parsed)) {
    const staticOut = staticSite(front, p, parsed, said);
    return { kind: 'static', command: [], env: [], port: { value: 8080, source: 'the file server' }, staticOut, front };
  }
  if (
    p.allDeps.has('next') &&
    !!nextConfig &&
    /\boutput\s*:\s*['"]standalone['"]/.test(scan.read(nextConfig, 256 * 1024) ?? '')
  )
    return nextStandalone(nextConfig, front, opts, said);
  const server = serverCommand(scan, p, parsed, nextConfig, said.warnings);
  let port = server.port ?? serverPort(scan, p, opts);
  if (opts.port !== undefined) port = { value: opts.port, source: '--port' };
  const placed = server.portVar ? portIntoCommand(server.command, server.env, port, p.start) : undefined;
  const command = placed?.command ?? server.command;
  said.decisions.push({ topic: 'Program', choice: `node ${command.join(' ')}`, because: server.because });
  if (placed) said.decisions.push(placed.decision);
  return { kind: 'server', command, env: placed?.env ?? server.env, port, staticOut: undefined, front };
}

/** Bun as the package manager is fine; Bun as the runtime is not in any final stage. */
export function refuseBunRuntime(manager: Manager, start: string | undefined): void {
  if (manager === 'bun' && /^bun\b/.test(start ?? '')) {
    throw new UserError(
      'E_REFUSED',
      'The start script runs bun: the program needs the Bun runtime, which this tool does not put in a final stage (only Bun as the package manager).',
      'Start it with node (node index.js) if it runs on Node.js, or use the oven/bun image by hand.',
    );
  }
}
