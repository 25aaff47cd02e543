import { parseAllDocuments } from 'yaml';
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

/** server.port in application.properties, read a line at a time (key = value, key: value). */
function propertiesPort(src: string): string | undefined {
  for (const raw of src.split('\n')) {
    if (raw.length > 1000) continue;
    const line = raw.trim();
    if (!line.startsWith('server.port')) continue;
    const m = /^server\.port[ \t]*[=:](.*)$/.exec(line);
    const v = m ? portValue(m[1]) : undefined;
    if (v) return v;
  }
  return undefined;
}

/** server.port in application.yml, parsed as YAML: the first document that sets it (server: port:, or a server.port key). */
function yamlPort(src: string): string | undefined {
  let docs: unknown[];
  try {
    docs = parseAllDocuments(src).map((d) =>
      d.errors.length ? undefined : (d.toJS({ maxAliasCount: 100 }) as unknown),
    );
  } catch {
    return undefined;
  }
  for (const doc of docs) {
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) continue;
    const own = (o: object, k: string): unknown =>
      Object.hasOwn(o, k) ? (o as Record<string, unknown>)[k] : undefined;
    const server = own(doc, 'server');
    const v =
      portValue(server !== null && typeof server === 'object' ? own(server, 'port') : undefined) ??
      portValue(own(doc, 'server.port'));
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
