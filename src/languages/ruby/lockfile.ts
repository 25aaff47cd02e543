/** Gemfile.lock: every locked gem (with the platforms it is locked for), PLATFORMS, RUBY VERSION, BUNDLED WITH. */
export interface Lockfile {
  gems: Map<string, string[]>;
  platforms: string[];
  ruby?: string | undefined;
  bundler?: string | undefined;
  remote: boolean;
  git: boolean;
}

export function parseLockfile(text: string): Lockfile {
  const out: Lockfile = { gems: new Map(), platforms: [], remote: false, git: false };
  let section = '';
  for (const raw of text.split('\n')) {
    if (raw.length > 500) continue;
    if (/^[A-Z][A-Z ]{1,30}$/.test(raw.trim()) && !raw.startsWith(' ')) {
      section = raw.trim();
      continue;
    }
    if (section === 'GEM' && /^ {2}remote:/.test(raw)) out.remote = true;
    if (section === 'GIT') out.git = true;
    const spec = /^ {4}([a-z0-9][\w.-]{0,100}) \(([^)]{1,80})\)$/i.exec(raw);
    if (spec && ['GEM', 'PATH', 'GIT'].includes(section)) {
      const rest = spec[2]!.split('-').slice(1);
      const list = out.gems.get(spec[1]!) ?? [];
      list.push(rest.join('-') || 'ruby');
      out.gems.set(spec[1]!, list);
    }
    if (section === 'PLATFORMS' && /^ {2}\S/.test(raw)) out.platforms.push(raw.trim());
    if (section === 'RUBY VERSION') {
      const m = /^ {3}ruby (\d+\.\d+\.\d+)/.exec(raw);
      if (m) out.ruby = m[1];
    }
    if (section === 'BUNDLED WITH') {
      const m = /^ {3}(\d+\.\d+\.\d+)/.exec(raw);
      if (m) out.bundler = m[1];
    }
  }
  return out;
}
