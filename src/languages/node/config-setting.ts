import { shown } from '../../core/quote.js';

/** A folder setting of a front-end tool: read (relative to the config file's folder), set in a way this tool cannot evaluate, or not set. */
export type Setting =
  { value: string; from: string; fromConfig?: boolean } | { unreadable: string; from: string } | undefined;

/** A plain path a config or a flag may name (no variables, no quotes), without ./ before and / after; undefined for any other. */
export function plainFolder(raw: string): string | undefined {
  let v = raw.startsWith('./') ? raw.slice(2) : raw;
  while (v.endsWith('/')) v = v.slice(0, -1);
  if (v === '.') return v;
  return /^[\w.@+-][\w./@+-]{0,99}$/.test(v) ? v : undefined;
}

/**
 * The value of `key` in a JavaScript config file: a plain string ('dist'), or a path from the
 * config's own folder (path.resolve(__dirname, 'dist'), fileURLToPath(new URL('./dist',
 * import.meta.url))). A variable, a function call or a template with ${...} is unreadable: said,
 * never taken for the default. Each place the key appears is read within 300 characters (linear).
 */
export function configSetting(text: string, key: string, file: string): Setting {
  for (let i = text.indexOf(key); i >= 0; i = text.indexOf(key, i + key.length)) {
    const quoted = i > 0 && (text[i - 1] === '"' || text[i - 1] === "'");
    // A property: after {, a comma or the start of a line (a ternary's `? root :` and a call's `(root,` are none).
    let j = (quoted ? i - 1 : i) - 1;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
    if (j >= 0 && !'{,\n\r'.includes(text[j]!)) continue;
    let rest = text.slice(i + key.length, i + key.length + 300);
    if (quoted) {
      if (!rest.startsWith(text[i - 1]!)) continue;
      rest = rest.slice(1);
    } else if (/^[\w$]/.test(rest)) continue;
    const colon = /^\s*:\s*/.exec(rest);
    const from = `${file}: ${key}`;
    if (!colon) {
      // { outDir } or { outDir, ... }: a variable's value.
      if (/^\s*[,}]/.test(rest)) return { unreadable: key, from };
      continue;
    }
    const value = rest.slice(colon[0].length);
    const literal = /^(['"`])([^'"`$\n]{1,100})\1/.exec(value);
    const fromHere =
      /^(?:path\.)?(?:resolve|join)\(\s*__dirname\s*,\s*(['"`])([^'"`$\n]{1,100})\1\s*\)/.exec(value) ??
      /^fileURLToPath\(\s*new URL\(\s*(['"`])([^'"`$\n]{1,100})\1\s*,\s*import\.meta\.url\s*\)\s*\)/.exec(value);
    const found = literal?.[2] ?? fromHere?.[2];
    const v = found !== undefined ? plainFolder(found) : undefined;
    if (v !== undefined) return { value: v, from, ...(fromHere ? { fromConfig: true } : {}) };
    return { unreadable: shown(value.split('\n')[0]!.trim().slice(0, 60)), from };
  }
  return undefined;
}

/** The value of a flag (--outDir x, --outDir=x) in the parts of a build script that run `tool`. */
export function scriptFlag(script: string, tools: string[], flags: string[]): Setting {
  for (const part of script.split(/&&|\|\||;/)) {
    const words = part
      .trim()
      .split(/\s+/)
      .filter((w) => !/^[A-Z_][A-Z0-9_]*=/.test(w));
    const t = words.findIndex((w) => tools.includes(w));
    if (t < 0) continue;
    for (let i = t + 1; i < words.length; i++) {
      const eq = words[i]!.indexOf('=');
      const flag = eq > 0 ? words[i]!.slice(0, eq) : words[i]!;
      if (!flags.includes(flag)) continue;
      const value = eq > 0 ? words[i]!.slice(eq + 1) : (words[i + 1] ?? '');
      const from = `package.json scripts.build: ${flag}`;
      const v = plainFolder(value);
      return v !== undefined ? { value: v, from } : { unreadable: shown(value, 60), from };
    }
  }
  return undefined;
}
