import { LIBRARIES } from '../../core/data.js';
import { packageData } from './data.js';
import type { Said } from './info.js';

/** Native code: what the builder compiles and what the final image must carry. */
export interface NativeNeeds {
  /** Debian packages the builder installs to compile. */
  buildApt: string[];
  /** Libraries the final image must carry (names of the library table). */
  libs: string[];
  /** ENV lines the packages ask for. */
  env: string[];
}

/** What data/python-packages.json says the dependencies compile and load, with the decision that shows it. */
export function nativeNeeds(deps: Set<string>, said: Said): NativeNeeds {
  const native = [...deps]
    .map((d) => ({ d, data: packageData(d) }))
    .filter((x) => x.data)
    .map(({ d, data }) => ({ name: d, ...data! }));
  const buildApt = [...new Set(native.flatMap((n) => n.build ?? []))];
  const skipLibrary = (n: { name: string; library?: string | undefined }) =>
    n.name === 'psycopg' && (deps.has('psycopg-binary') || deps.has('psycopg-c'));
  const libs = [...new Set(native.filter((n) => n.library && !skipLibrary(n)).map((n) => n.library!))].filter(
    (l) => LIBRARIES[l],
  );
  if (native.some((n) => n.build || n.library)) {
    said.decisions.push({
      topic: 'Native code',
      choice: native
        .filter((n) => n.build || n.library)
        .map(
          (n) =>
            `${n.name}: ${[n.build ? `compiled (${n.build.filter((b) => b !== 'gcc' && b !== 'libc6-dev').join(', ') || 'gcc'})` : '', n.library ? `loads ${n.library}` : ''].filter(Boolean).join(', ')}`,
        )
        .join('; '),
      because: 'data/python-packages.json',
    });
  }
  return { buildApt, libs, env: [...new Set(native.flatMap((n) => n.env ?? []))] };
}
