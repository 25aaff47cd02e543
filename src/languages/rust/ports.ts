import { isBuilt, type Scan } from '../../core/scan.js';
import type { Fact } from '../../core/types.js';
import { findPort, portFromDockerfile, type PortPattern } from '../shared.js';
import type { ResolveOptions } from '../types.js';
import type { LockIndex } from './lock.js';

const PORT_ARG = /^(port|addr|address|listen|bind|http[-_]?port|listen[-_]?addr(ess)?)$/i;

/** Ports: explicit binds, framework defaults, clap defaults for port/addr arguments. */
const RUST_PORT_PATTERNS: PortPattern[] = [
  /\bbind\(\s*"[\w.\-[\]:]{0,60}:(\d{2,5})"/,
  /\bbind\(\s*\(\s*"[\w.\-:]{0,60}"\s*,\s*(\d{2,5})\s*\)/,
  /SocketAddr::from\(\s*\(\s*\[[\d,\s]{1,30}\]\s*,\s*(\d{2,5})\s*\)\s*\)/,
  /\b(?:parse|from_str)\(\s*"[\w.\-[\]]{0,60}:(\d{2,5})"/,
  // clap: #[arg(long = "port", default_value = "8080")], or the field's own name after the attribute.
  {
    re: /\b(?:long|name)\s*=\s*"([\w-]{1,40})"[^\]\n]{0,160}?default_value(?:_t)?\s*=\s*(?:"?(\d{2,5})(?![\d.:])|"[\w.\-[\]]{0,60}:(\d{2,5})")/,
    name: PORT_ARG,
  },
  {
    re: /#\[(?:arg|clap|structopt)\([^\]\n]{0,200}?default_value(?:_t)?\s*=\s*(?:"?(\d{2,5})(?![\d.:])|"[\w.\-[\]]{0,60}:(\d{2,5})")[^\]\n]{0,200}\]\s*(?:pub\s+)?(\w{1,40})\s*:/,
    name: PORT_ARG,
    nameGroup: 3,
  },
];

/** The package's own sources: under its folder, or for the root package, outside every member's. */
function packageSources(scan: Scan, dir: string, memberDirs: string[]): string[] {
  const members = new Set(memberDirs);
  const inMember = (f: string) => {
    for (let i = f.indexOf('/'); i > 0; i = f.indexOf('/', i + 1)) if (members.has(f.slice(0, i))) return true;
    return false;
  };
  return scan.withExt('.rs').filter((f) => (dir === '.' ? !inMember(f) : f.startsWith(`${dir}/`)) && isBuilt(f));
}

/** The port the program listens on: --port, a bind in its package's sources, Rocket's default, or the project's Dockerfile. */
export function resolvePort(
  scan: Scan,
  opts: ResolveOptions,
  dir: string,
  memberDirs: string[],
  inLock: LockIndex,
): Fact<number> | undefined {
  if (opts.port !== undefined) return { value: opts.port, source: '--port' };
  return (
    findPort(scan, packageSources(scan, dir, memberDirs), RUST_PORT_PATTERNS) ??
    (inLock.has('rocket') ? { value: 8000, source: 'rocket in Cargo.lock (its default port)' } : undefined) ??
    portFromDockerfile(scan)
  );
}
