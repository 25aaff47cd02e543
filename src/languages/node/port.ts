import { UserError } from '../../core/errors.js';
import { isBuilt, type Scan } from '../../core/scan.js';
import { shown } from '../../core/quote.js';
import type { Decision, Fact } from '../../core/types.js';
import { findPort, joinRel, portFromDockerfile, type PortPattern } from '../shared.js';
import type { ResolveOptions } from '../types.js';
import type { ProgramPackage } from './info.js';

const PORT_PATTERNS: PortPattern[] = [
  /\bPORT\s*(?:\|\||\?\?)\s*['"]?(\d{2,5})\b/,
  /\.listen\(\s*(\d{2,5})\b/,
  /\bport\s*[:=]\s*(\d{2,5})\b/,
];

/** The package's own sources a port may be read from: built, not tests, templates or examples; at most 400. */
function portSources(scan: Scan, dir: string): string[] {
  return scan
    .withExt('.js', '.mjs', '.cjs', '.ts')
    .filter(
      (f) =>
        isBuilt(f) &&
        (dir === '.' || f.startsWith(`${dir}/`)) &&
        !/(?:^|\/)(?:test|tests|__tests__|spec|templates?|fixtures?|examples?)\//.test(f) &&
        !/\.(?:test|spec)\.[cm]?[jt]s$/.test(f) &&
        !f.endsWith('.d.ts'),
    )
    .slice(0, 400);
}

/**
 * The port a server the start script names none for listens on: its sources (bin/www first),
 * then PORT= of an example .env, the project's Dockerfile, a framework's default.
 */
export function serverPort(scan: Scan, p: ProgramPackage, opts: ResolveOptions): Fact<number> | undefined {
  const sources = portSources(scan, p.dir);
  const www = joinRel(p.dir, 'bin/www');
  let port =
    opts.port !== undefined
      ? undefined
      : findPort(scan, [...(scan.read(www) !== undefined ? [www] : []), ...sources], PORT_PATTERNS);
  if (!port) {
    const envFile = ['.env.example', '.env.sample', '.env.template']
      .map((f) => joinRel(p.dir, f))
      .find((f) => scan.has(f));
    const m = envFile ? /^PORT\s*=\s*(\d{2,5})\s*$/m.exec(scan.read(envFile, 64 * 1024) ?? '') : null;
    if (m) port = { value: Number(m[1]), source: `${envFile}: PORT=${m[1]}` };
  }
  port ??= portFromDockerfile(scan);
  if (!port && (p.deps.has('@nestjs/core') || p.deps.has('next') || p.deps.has('nuxt')))
    port = { value: 3000, source: 'the framework listens on 3000 by default' };
  return port;
}

/**
 * Exec form runs no shell: the port goes into the command itself, and into ENV PORT for a
 * program that also reads it (docker run -e PORT=... then needs the command changed too).
 */
export function portIntoCommand(
  command: string[],
  env: string[],
  port: Fact<number> | undefined,
  start: string | undefined,
): { command: string[]; env: string[]; decision: Decision } {
  if (!port)
    throw new UserError(
      'E_NO_ENTRY',
      `The start script passes $PORT to the program (${shown(start ?? '', 80)}), and nothing says which port that is: an exec-form ENTRYPOINT does not expand variables.`,
      'Pass --port with the port the app should listen on (it is written into the command and set as ENV PORT).',
    );
  const i = env.findIndex((e) => e.startsWith('PORT='));
  return {
    command: command.map((w) => w.split('$PORT').join(String(port.value))),
    env: [...env.filter((_, j) => j !== i), `PORT=${port.value}`],
    decision: {
      topic: 'Start script variables',
      choice: `$PORT written as ${port.value} in the command, and ENV PORT=${port.value}`,
      because: `an exec-form ENTRYPOINT does not expand $PORT; the port: ${port.source}`,
    },
  };
}
