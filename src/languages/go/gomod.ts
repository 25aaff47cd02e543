import { basename } from 'node:path';

export interface GoMod {
  module?: string;
  go?: string;
  toolchain?: string;
  requires: string[];
  /** Targets of replace directives that are local paths (./x, ../x). */
  localReplaces: string[];
}

/** go.mod is line-based; a full parser is not needed for module, go, toolchain and require. */
export function parseGoMod(text: string): GoMod {
  const out: GoMod = { requires: [], localReplaces: [] };
  let block: string | undefined;
  const replace = (spec: string) => {
    const target = spec.split('=>')[1]?.trim().split(/\s+/)[0];
    if (target && /^\.\.?\//.test(target)) out.localReplaces.push(target);
  };
  for (const raw of text.split('\n')) {
    const comment = raw.indexOf('//');
    const line = (comment >= 0 ? raw.slice(0, comment) : raw).trim();
    if (!line) continue;
    if (block) {
      if (line === ')') block = undefined;
      else if (block === 'require') out.requires.push(line.split(/\s+/)[0]!);
      else if (block === 'replace') replace(line);
      continue;
    }
    const [kw, ...rest] = line.split(/\s+/);
    if (kw === 'module') out.module = rest.join(' ').replace(/^"|"$/g, '');
    else if (kw === 'go') out.go = rest[0];
    else if (kw === 'toolchain') out.toolchain = rest[0];
    else if (kw === 'require' || kw === 'replace') {
      if (rest[0] === '(') block = kw;
      else if (kw === 'require' && rest[0]) out.requires.push(rest[0]);
      else if (kw === 'replace') replace(rest.join(' '));
    }
  }
  return out;
}

/** The program's name from the module path: its last element, without a /vN suffix; else the folder's name. */
export function moduleName(mod: GoMod | undefined, root: string): string {
  const parts = (mod?.module ?? '').split('/').filter(Boolean);
  let last = parts.pop();
  if (last && /^v\d+$/.test(last)) last = parts.pop();
  return last ?? basename(root);
}
