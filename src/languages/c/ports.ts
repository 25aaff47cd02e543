import type { Scan } from '../../core/scan.js';
import type { Fact } from '../../core/types.js';
import { findPort, portFromDockerfile, type PortPattern } from '../shared.js';

/** Listening ports in C sources: htons(N), #define ..._PORT N. */
const C_PORT_PATTERNS: PortPattern[] = [
  /\bhtons[ \t]*\([ \t]*(\d{2,5})[ \t]*\)/,
  { re: /^[ \t]*#[ \t]*define[ \t]+(\w{1,60})[ \t]+(\d{2,5})\b/m, name: /(^|_)PORT(NO|NUM|NUMBER)?(_|$)/i },
];

/** The port: --port, else what a shipped config file says the server listens on, then literals in the code, then a Dockerfile's EXPOSE. */
export function portOf(scan: Scan, sources: string[], port: number | undefined): Fact<number> | undefined {
  if (port !== undefined) return { value: port, source: '--port' };
  return (
    findPort(
      scan,
      scan.files.filter((f) => !f.includes('/') && f.endsWith('.conf')),
      [/^port[ \t]+(\d{2,5})[ \t]*$/m, /^listener[ \t]+(\d{2,5})\b/m],
    ) ??
    findPort(scan, sources, C_PORT_PATTERNS) ??
    portFromDockerfile(scan)
  );
}
