import type { Scan } from '../../core/scan.js';
import type { Fact } from '../../core/types.js';
import { findPort, joinRel as join, portFromDockerfile, type PortPattern } from '../shared.js';
import type { Module } from './module.js';

/**
 * The port the program listens on: --port, Spring's server.port, a port written in the sources, a
 * web framework's default, or the project's own Dockerfile.
 */
export function javaPort(
  scan: Scan,
  mod: Module,
  sources: string[],
  flag: number | undefined,
): Fact<number> | undefined {
  if (flag !== undefined) return { value: flag, source: '--port' };
  // starter-web also finds starter-webflux.
  const isWeb = mod.deps.some(
    (d) =>
      /^org\.springframework\.boot:spring-boot-starter-(?:web|jersey)/.test(d) ||
      /^io\.(?:micronaut|quarkus)[\w.]*:/.test(d),
  );
  const javalin = mod.deps.find((d) => d.startsWith('io.javalin:javalin'));
  return (
    springPort(scan, mod.dir) ??
    findPort(scan, sources, JAVA_PORT_PATTERNS) ??
    (isWeb
      ? {
          value: 8080,
          source: `${mod.deps.find((d) => /spring-boot-starter-web|micronaut|quarkus/.test(d))} (its default port)`,
        }
      : undefined) ??
    (javalin ? { value: 8080, source: `${javalin} (its default port, when start() names none)` } : undefined) ??
    portFromDockerfile(scan)
  );
}

/** A port written in the sources: Javalin's or any server's start(n), a socket address, a server socket, Spark's port(n). */
const JAVA_PORT_PATTERNS: PortPattern[] = [
  /\bJavalin\.create\([^)\n]{0,200}\)\s*\.start\(\s*(\d{2,5})\s*\)/,
  /\.start\(\s*(\d{2,5})\s*\)/,
  /new\s+InetSocketAddress\(\s*(?:"[\w.:-]{1,60}"\s*,\s*)?(\d{2,5})\s*\)/,
  /new\s+ServerSocket\(\s*(\d{2,5})\s*[,)]/,
  /\bport\(\s*(\d{2,5})\s*\)/,
];

/** A port written as a number, or as a placeholder with a default (${PORT:8080}); the number as text. */
function portValue(v: unknown): string | undefined {
  const t = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
  const m = /^(?:(\d{2,5})|\$\{[\w.]{1,60}:(\d{2,5})\})$/.exec(t);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** server.port (Spring) or quarkus.http.port in application.properties, read a line at a time (key = value, key: value). */
function propertiesPort(src: string): string | undefined {
  for (const raw of src.split('\n')) {
    if (raw.length > 1000) continue;
    const line = raw.trim();
    if (!line.startsWith('server.port') && !line.startsWith('quarkus.http.port')) continue;
    const m = /^(?:server\.port|quarkus\.http\.port)[ \t]*[=:](.*)$/.exec(line);
    const v = m ? portValue(m[1]) : undefined;
    if (v) return v;
  }
  return undefined;
}

/** A YAML scalar as written: without a comment and the quotes around it. */
function scalar(text: string): string {
  const t = text.replace(/(?:^|[ \t])#.*$/, '').trim();
  return t.length >= 2 && (t[0] === '"' || t[0] === "'") && t.endsWith(t[0]) ? t.slice(1, -1) : t;
}

/**
 * server.port in application.yml, read a line at a time: a top-level `server:` with a `port:` as
 * its direct child, `server: {port: ...}`, or a `server.port:` key; the first document (between
 * `---` lines) that sets it. Not a YAML library: on hostile text (an unterminated quoted scalar
 * over thousands of lines) one took minutes, and this file only ever decides a port.
 */
function yamlPort(src: string): string | undefined {
  let inServer = false;
  let childIndent = -1;
  for (const raw of src.split('\n')) {
    if (raw.length > 1000) continue;
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('---')) {
      inServer = false;
      continue;
    }
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      inServer = /^server[ \t]*:[ \t]*(?:#.*)?$/.test(t);
      childIndent = -1;
      const flow = /^server[ \t]*:[ \t]*\{[^}]{0,300}?\bport[ \t]*:[ \t]*([^,}]{1,60})/.exec(t);
      const dotted = /^server\.port[ \t]*:(.{0,200})$/.exec(t);
      const v = portValue(scalar(flow?.[1] ?? dotted?.[1] ?? ''));
      if (v) return v;
      continue;
    }
    if (!inServer) continue;
    if (childIndent < 0) childIndent = indent;
    if (indent !== childIndent) continue;
    const m = /^port[ \t]*:(.{0,200})$/.exec(t);
    const v = m ? portValue(scalar(m[1]!)) : undefined;
    if (v) return v;
  }
  return undefined;
}

/** server.port in the module's application.properties, .yml or .yaml, the first that sets it. */
function springPort(scan: Scan, dir: string): Fact<number> | undefined {
  const res = join(dir, 'src/main/resources');
  for (const f of ['application.properties', 'application.yml', 'application.yaml']) {
    const rel = `${res}/${f}`;
    const src = scan.read(rel, 256 * 1024);
    if (src === undefined) continue;
    const port = f.endsWith('.properties') ? propertiesPort(src) : yamlPort(src);
    if (port) return { value: Number(port), source: `${rel}: server.port ${port}` };
  }
  return undefined;
}
