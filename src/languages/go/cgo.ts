import type { Fact, Strategy } from '../../core/types.js';
import { LANGUAGE_DATA } from '../data.js';
import type { GoMod } from './gomod.js';

const DATA = LANGUAGE_DATA.go;

/**
 * Native code: import "C" in a linked package, or a module known to need cgo anywhere in
 * go.mod (its importers may be out of sight, in other modules: cgo is the safe guess).
 */
export function cgoUse(importedBy: Map<string, string>, mod: GoMod | undefined): Fact<boolean> {
  const cgoFile = importedBy.get('C');
  if (cgoFile) return { value: true, source: `import "C" in ${cgoFile}` };
  const cgoModule = mod?.requires.find((r) => DATA.cgoModules!.some((m) => r === m || r.startsWith(`${m}/`)));
  return cgoModule
    ? { value: true, source: `${cgoModule} in go.mod needs cgo` }
    : { value: false, source: 'no import "C" and no cgo module in go.mod' };
}

/** How the program links: a static binary, or with cgo a dynamic glibc one. */
export function goStrategies(cgo: Fact<boolean>): Strategy[] {
  return cgo.value
    ? [
        {
          id: 'cgo-glibc',
          libc: 'glibc',
          requires: ['glibc'],
          summary: `a dynamic glibc binary (cgo: ${cgo.source})`,
          fix: 'drop cgo (for example modernc.org/sqlite instead of mattn/go-sqlite3) to run on scratch or alpine',
        },
      ]
    : [{ id: 'static', libc: 'none', requires: [], summary: 'a static binary (CGO_ENABLED=0)' }];
}
