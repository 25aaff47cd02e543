import type { Scan } from '../../core/scan.js';
import type { Fact } from '../../core/types.js';
import { findPort, portFromDockerfile, type PortPattern } from '../shared.js';
import type { ResolveOptions } from '../types.js';

/** Names of flags, environment variables and constants that hold the listening port or address. */
const PORT_NAME =
  /^(?:[\w-]*[-_.])?(?:http[-_]?)?(?:port|addr|address|listen|listen[-_]?addr(?:ess)?|bind|bind[-_]?addr(?:ess)?|http)$/i;
const CONST_NAME = /^(?:default|listen|http|server|serve|bind)?_?(?:port|addr|address|listenaddr(?:ess)?)$/i;

/** In order of trust: a literal in the call that listens, then flag defaults, env fallbacks, constants. */
const GO_PORT_PATTERNS: PortPattern[] = [
  /ListenAndServe(?:TLS)?\(\s*"[\w.-]{0,100}:(\d{2,5})"/,
  /Listen\(\s*"tcp[46]?"\s*,\s*"[\w.-]{0,100}:(\d{2,5})"/,
  /Addr:\s*"[\w.-]{0,100}:(\d{2,5})"/,
  /Getenv\("PORT"\)[\s\S]{0,120}?"(\d{2,5})"/,
  // flag.Int("port", 8080, ...), flag.StringVar(&a, "addr", ":8080", ...), pflag's IntP("port", "p", 8080, ...)
  {
    re: /\b(?:Int|Uint|String)(?:Var)?P?\((?:&[\w.]{1,60},\s*)?"([\w.-]{1,40})",\s*(?:"\w?",\s*)?(?:(\d{2,5})\b|"[\w.[\]-]{0,60}:(\d{2,5})")/,
    name: PORT_NAME,
  },
  // getEnv("PORT", "8080"), envOr("LISTEN_ADDR", ":8080")
  { re: /\b\w{0,40}\(\s*"([A-Z][A-Z0-9_]{0,40})",\s*"[\w.-]{0,60}?:?(\d{2,5})"\s*\)/, name: PORT_NAME },
  // const defaultPort = 8080, DefaultAddr = ":8080"
  { re: /\b(\w{1,40})\s*:?=\s*(?:(\d{2,5})\b|"[\w.-]{0,60}:(\d{2,5})")/, name: CONST_NAME },
];

/** The port the program listens on: --port, a literal in the linked sources, else the project's Dockerfile. */
export function goPort(scan: Scan, files: string[], opts: ResolveOptions): Fact<number> | undefined {
  if (opts.port !== undefined) return { value: opts.port, source: '--port' };
  return findPort(scan, files, GO_PORT_PATTERNS) ?? portFromDockerfile(scan);
}

/** Flags for side listeners (profiling, metrics, admin): their loopback default is deliberate. */
const SIDE_LISTENER = /pprof|debug|metric|admin|prom|health|profil/i;

/**
 * A flag whose default binds the server to the loopback address (`flag.String("addr",
 * "127.0.0.1:3000", ...)`): in a container nothing outside reaches it, so the image passes the
 * same port on every address. Only for the port the image EXPOSEs.
 */
export function loopbackFlag(
  scan: Scan,
  files: string[],
  port: number | undefined,
): { arg: string; source: string } | undefined {
  if (port === undefined) return undefined;
  const re =
    /\bString(?:Var)?P?\((?:&[\w.]{1,60},\s*)?"([\w.-]{1,40})",\s*(?:"\w?",\s*)?"(?:127\.0\.0\.1|localhost):(\d{2,5})"/g;
  for (const f of files) {
    for (const m of (scan.read(f) ?? '').matchAll(re)) {
      if (!PORT_NAME.test(m[1]!) || SIDE_LISTENER.test(m[1]!) || Number(m[2]) !== port) continue;
      return {
        arg: `--${m[1]}=0.0.0.0:${port}`,
        source: `${f}: the ${m[1]} flag binds the loopback address by default`,
      };
    }
  }
  return undefined;
}
