import { basename } from 'node:path';
import { isBuilt, type Scan } from '../../core/scan.js';
import { joinRel as join } from '../shared.js';

/** Classes with a main method under src/main/java and src/main/kotlin (or the build's sourceDirectory): package + class name. */
export function mainClassesIn(scan: Scan, dir: string, sourceDirs = ['src/main/java', 'src/main/kotlin']): string[] {
  const prefixes = sourceDirs.map((d) => `${join(dir, d.replace(/\/$/, ''))}/`);
  const out: string[] = [];
  for (const f of scan
    .withExt('.java', '.kt')
    .filter(
      (x) =>
        prefixes.some((p) => x.startsWith(p) && isBuilt(x.slice(p.length))) &&
        !/(?:^|\/)(?:module|package)-info\.java$/.test(x),
    )) {
    const src = scan.read(f) ?? '';
    const kotlin = f.endsWith('.kt');
    // Indentation is [ \t]*, never \s*: a \s* after ^ would run over every following blank line
    // again from each line start.
    const hasMain = kotlin
      ? /^fun main\s*\(/m.test(src)
      : /\bstatic\s+(?:public\s+)?void\s+main\s*\(\s*(?:final\s+)?String/.test(src) ||
        /^[ \t]*(?:public\s+)?(?:static\s+)?void\s+main\s*\(\s*\)/m.test(src);
    if (!hasMain) continue;
    const pkg = /^[ \t]*package[ \t]+([\w.]{1,200})[ \t]*(?:;[ \t]*)?$/m.exec(src)?.[1];
    const cls = basename(f).replace(/\.(?:java|kt)$/, '') + (kotlin ? 'Kt' : '');
    out.push(pkg ? `${pkg}.${cls}` : cls);
    if (out.length >= 50) break;
  }
  return out;
}
