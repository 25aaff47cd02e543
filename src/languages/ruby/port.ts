import type { Scan } from '../../core/scan.js';
import type { Decision, Fact } from '../../core/types.js';
import { portFromDockerfile } from '../shared.js';
import type { ResolveOptions } from '../types.js';
import type { Bundle } from './bundle.js';
import type { Program } from './program.js';

/** The port the image listens on, and the program's command with a Procfile's $PORT written as that port. */
export interface Listening {
  port: Fact<number> | undefined;
  command: string[];
  /** PORT=..., for code that reads it, when the command named $PORT. */
  env: string[];
  /** How $PORT was written, for --explain (shown after the gems and the assets). */
  decision: Decision | undefined;
}

/** The port: --port, the program's own, Hanami's default for a server, an existing Dockerfile's EXPOSE. */
export function listening(scan: Scan, bundle: Bundle, program: Program, opts: ResolveOptions): Listening {
  const port =
    opts.port !== undefined
      ? { value: opts.port, source: '--port' }
      : program.port
        ? { value: program.port, source: program.source }
        : bundle.gems.has('hanami') && program.kind === 'server'
          ? { value: 2300, source: 'Hanami listens on 2300 by default' }
          : portFromDockerfile(scan);
  // Exec form runs no shell: the Procfile's $PORT becomes the port itself (and ENV PORT, for code that reads it).
  if (!program.portVar || !port) return { port, command: program.command, env: [], decision: undefined };
  return {
    port,
    command: program.command.map((w) => w.split('$PORT').join(String(port.value))),
    env: [`PORT=${port.value}`],
    decision: {
      topic: 'Procfile variables',
      choice: `$PORT written as ${port.value} in the command, and ENV PORT=${port.value}`,
      because: `an exec-form ENTRYPOINT does not expand $PORT; the port: ${port.source}`,
    },
  };
}
