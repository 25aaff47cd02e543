import { obj } from '../../core/parse.js';
import type { Json } from './read.js';

/** Package names a lock file holds (npm, pnpm, yarn 1 and Berry, bun's text lock), with npm's install-script marks. */
export function lockPackages(text: string, file: string): { names: Set<string>; installScripts: Set<string> } {
  const names = new Set<string>();
  const installScripts = new Set<string>();
  if (file === 'package-lock.json' || file === 'npm-shrinkwrap.json' || file === 'bun.lock') {
    let json: Json | undefined;
    try {
      json = obj(JSON.parse(file === 'bun.lock' ? text.replace(/,(\s*[}\]])/g, '$1') : text));
    } catch {
      json = undefined;
    }
    for (const [key, v] of Object.entries(obj(json?.packages) ?? {})) {
      const name =
        file === 'bun.lock'
          ? key
              .split('/')
              .slice(-2)
              .join('/')
              .replace(/^[^@][^/]*\//, '')
          : key.split('node_modules/').pop()!;
      if (!name) continue;
      names.add(name);
      if (obj(v)?.hasInstallScript === true) installScripts.add(name);
    }
    for (const k of Object.keys(obj(json?.dependencies) ?? {})) names.add(k);
    return { names, installScripts };
  }
  // pnpm-lock.yaml ("/name@1.2.3:", "name@1.2.3:", "'@scope/name@1.2.3':") and yarn.lock ("name@^1.0.0", "@scope/name@npm:^1"): keys at the start of a line.
  for (const line of text.split('\n')) {
    if (line.length > 2000) continue;
    const m = /^ {0,4}['"]?\/?((?:@[\w.-]{1,100}\/)?[\w.-]{1,200})@/.exec(line);
    if (m && (line.endsWith(':') || line.endsWith(':\r'))) names.add(m[1]!);
    if (/^\s+requiresBuild: true/.test(line)) installScripts.add('(pnpm requiresBuild)');
  }
  return { names, installScripts };
}
