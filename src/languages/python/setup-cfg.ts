/** setup.cfg's [options.entry_points] console_scripts (name = module:function), one per line. */
export function setupCfgScripts(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let section = '';
  let inScripts = false;
  for (const line of text.split('\n')) {
    if (line.length > 500) continue;
    const raw = line.endsWith('\r') ? line.slice(0, -1) : line;
    const head = /^\[([^\]]{1,100})\]\s*$/.exec(raw);
    if (head) {
      section = head[1]!.trim();
      inScripts = false;
      continue;
    }
    if (section !== 'options.entry_points') continue;
    // An unindented `key = value` starts an option (split at the first =, by hand: no pattern to backtrack).
    const eq = /^\s/.test(raw) ? -1 : raw.indexOf('=');
    const key =
      eq > 0 && raw.slice(0, eq).trim().length <= 101
        ? { name: raw.slice(0, eq).trim(), value: raw.slice(eq + 1).trim() }
        : undefined;
    if (key) {
      inScripts = key.name === 'console_scripts';
      if (!inScripts || !key.value) continue;
    }
    if (!inScripts) continue;
    const entry = /^\s*([a-z\d][\w.-]{0,80})\s*=\s*([\w.]{1,200}(?::[\w.]{1,100})?)\s*$/i.exec(key ? key.value : raw);
    if (entry) out[entry[1]!] = entry[2]!;
  }
  return out;
}

/** Files setup.cfg reads by name (`long_description = file: README.md, CHANGES.md`, `version = file: VERSION`), a line at a time. */
export function setupCfgFiles(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line.length > 500) continue;
    const eq = line.indexOf('=');
    const value = eq > 0 ? line.slice(eq + 1).trim() : '';
    if (!value.startsWith('file:')) continue;
    for (const f of value.slice(5).split(',')) {
      const path = f.trim().replace(/^\.\//, '');
      if (path && out.length < 20) out.push(path);
    }
  }
  return out;
}
