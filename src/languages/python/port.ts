import type { Scan } from '../../core/scan.js';
import type { Fact } from '../../core/types.js';
import { portFromDockerfile } from '../shared.js';
import type { ResolveOptions } from '../types.js';
import type { Program } from './program.js';

/** The port: --port, else the one the program's command or settings name, else the project's own Dockerfile's EXPOSE. */
export function pythonPort(scan: Scan, opts: ResolveOptions, program: Program): Fact<number> | undefined {
  if (opts.port !== undefined) return { value: opts.port, source: '--port' };
  if (program.port) return { value: program.port, source: program.source };
  return portFromDockerfile(scan);
}
