import { LIBRARIES } from '../../core/data.js';
import type { Decision } from '../../core/types.js';
import { CRATES } from './data.js';
import type { LockIndex } from './lock.js';

/** What crates with native code (data/crates.json) in Cargo.lock ask of the build and the runtime. */
export interface NativeCode {
  /** System libraries linked, in a static build as in a dynamic one. */
  libs: string[];
  /** Libraries only a dynamic build links (static builds compile their own copy). */
  dynamicOnly: string[];
  /** Debian packages the builder installs. */
  apt: string[];
  /** Environment of the cargo command (NAME=value). */
  env: string[];
  /** Why a musl build is not possible (a system library built for glibc), if it is not. */
  muslBlocked: string | undefined;
  /** What each crate does, for --explain (none when no crate is known). */
  decision: Decision | undefined;
}

/** Native code and TLS from every package in Cargo.lock, not only direct dependencies. */
export function nativeCode(inLock: LockIndex): NativeCode {
  const libs: string[] = [];
  const dynamicOnly: string[] = [];
  const apt = new Set<string>();
  const env: string[] = [];
  const nativeNotes: string[] = [];
  let muslBlocked: string | undefined;
  for (const [crateName, info] of Object.entries(CRATES)) {
    const p = inLock.get(crateName);
    if (!p) continue;
    for (const t of info.buildApt ?? []) apt.add(t);
    for (const e of info.env ?? []) env.push(e);
    if (info.dynamicLibrary) {
      dynamicOnly.push(info.dynamicLibrary);
      nativeNotes.push(
        `${crateName}: links the system ${info.dynamicLibrary} in a dynamic build, its own copy in a static one`,
      );
      continue;
    }
    const vendored =
      info.vendoredWhen !== undefined &&
      inLock.has(info.vendoredWhen) &&
      (info.vendoredWhenDep ? p.deps.includes(info.vendoredWhen) : true);
    if (!info.library || vendored || info.alwaysStatic) {
      nativeNotes.push(
        `${crateName}: ${vendored ? `built from source (${info.vendoredWhen} in Cargo.lock) and linked in` : info.alwaysStatic ? 'built from source and linked in' : 'no system library'}`,
      );
      continue;
    }
    libs.push(info.library);
    const dev = LIBRARIES[info.library]?.dev;
    if (dev) apt.add(dev);
    nativeNotes.push(`${crateName}: links the system ${info.library}`);
    if (!muslBlocked)
      muslBlocked = `${crateName} links the system ${info.library}, built for glibc${info.fix ? `; ${info.fix}` : ''}`;
  }
  const decision = nativeNotes.length
    ? { topic: 'Native code', choice: nativeNotes.join('; '), because: 'crates in Cargo.lock (data/crates.json)' }
    : undefined;
  return { libs, dynamicOnly, apt: [...apt], env, muslBlocked, decision };
}
