import { shown } from '../../core/quote.js';
import type { Scan } from '../../core/scan.js';
import type { Needs } from '../../core/types.js';

/** glibc loads these through NSS modules at run time, which a -static glibc binary cannot. */
const NSS_CALLS =
  /\b(?:getaddrinfo|gethostbyname2?|getnameinfo|getpwnam|getpwuid|getgrnam|getgrgid|getservbyname|getpwent|getgrouplist)\s*\(/;
const TLS_INCLUDES = /#\s*include\s*[<"](?:openssl\/ssl\.h|curl\/curl\.h|gnutls\/gnutls\.h|mbedtls\/ssl\.h)[>"]/;
/** A write to a relative path: the program needs a working directory of its own. */
/** The user's home: getenv("HOME"), or the passwd entry's folder. */
const C_HOME = /\bgetenv[ \t]*\([ \t]*"HOME"[ \t]*\)|->[ \t]*pw_dir\b/;
const C_RELATIVE_WRITE =
  /\bmkdir[ \t]*\([ \t]*"[\w.-][^"\n]{0,200}"|\bfopen[ \t]*\([ \t]*"[\w.-][^"\n]{0,200}"[ \t]*,[ \t]*"[wa]/;

/**
 * What the program needs at run time, read from its sources and libraries: CA certificates,
 * a working directory, a terminal. `nss` names the source that looks up users or hosts.
 */
export function runtimeNeeds(
  scan: Scan,
  sources: string[],
  known: string[],
): { needs: Needs; nss: string | undefined } {
  const nss = sources.find((f) => NSS_CALLS.test(scan.read(f) ?? ''));
  const needs: Needs = {};
  const tls = sources.find((f) => TLS_INCLUDES.test(scan.read(f) ?? ''));
  if (tls) needs.certs = `TLS client library included in ${tls}`;
  const writes = sources.map((f) => ({ f, m: C_RELATIVE_WRITE.exec(scan.read(f) ?? '') })).find((x) => x.m);
  if (writes) needs.workdir = `${shown(writes.m![0])} (${writes.f})`;
  const home = sources.map((f) => ({ f, m: C_HOME.exec(scan.read(f) ?? '') })).find((x) => x.m);
  if (home) needs.home = `${shown(home.m![0])} (${home.f})`;
  const tty = known.find((l) => l === 'libncursesw' || l === 'libreadline' || l === 'libedit');
  if (tty) needs.interactive = `links ${tty}`;
  return { needs, nss };
}
