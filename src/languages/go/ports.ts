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
