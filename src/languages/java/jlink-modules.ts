import { shown } from '../../core/quote.js';
import type { Scan } from '../../core/scan.js';
import type { Decision } from '../../core/types.js';
import { JAVA_MODULES } from './data.js';
import type { Module } from './module.js';

/** The modules jlink adds beyond those jdeps finds, and why each. */
export interface ExtraModules {
  modules: string[];
  why: string[];
}

/** Modules that jdeps cannot see (loaded by name at run time), from data/java-modules.json and the sources. */
export function extraModules(
  scan: Scan,
  mod: Module,
  version: number,
  sources: string[],
  flag: string[] | undefined,
): ExtraModules {
  const modules = new Set<string>();
  const why: string[] = [];
  for (const rule of JAVA_MODULES) {
    const hit =
      mod.deps.find((d) =>
        rule.match.some((m) => (m.endsWith(':') ? d.startsWith(m) : d === m || d.startsWith(`${m}:`))),
      ) ?? (rule.boot && mod.boot ? 'the Spring Boot plugin' : undefined);
    if (!hit) continue;
    for (const m of rule.modules) modules.add(m);
    why.push(`${rule.modules.join(', ')}: ${shown(hit, 60)} (${rule.why})`);
  }
  if (version <= 21) {
    modules.add('jdk.crypto.ec');
    why.push('jdk.crypto.ec: elliptic-curve TLS, loaded as a provider (jdeps cannot see it)');
  }
  const uses = (re: RegExp) => sources.find((f) => re.test(scan.read(f) ?? ''));
  const zip = uses(/FileSystems\.newFileSystem|"jar:/);
  if (zip) {
    modules.add('jdk.zipfs');
    why.push(`jdk.zipfs: ${shown(zip, 60)} opens a zip file system`);
  }
  // GERMAN also finds GERMANY.
  const locale = uses(
    /Locale\.forLanguageTag|new\s+Locale\(|Locale\.of\(|Locale\.(?:GERMAN|FRENCH|JAPAN|CHINA|KOREA|ITALY|FRANCE)/,
  );
  if (locale) {
    modules.add('jdk.localedata');
    why.push(`jdk.localedata: ${shown(locale, 60)} uses locales beyond English`);
  }
  for (const m of flag ?? []) {
    modules.add(m);
  }
  if (flag?.length) why.push(`${flag.join(', ')}: --jlink-modules`);
  return { modules: [...modules].sort(), why };
}

/** The jlink modules decision: what jdeps finds, and what is added by name. */
export function jlinkDecision(version: number, extra: ExtraModules): Decision {
  return {
    topic: 'jlink modules',
    choice:
      version < 11
        ? 'none (no jlink before Java 9)'
        : `what jdeps finds in the jar and its dependencies, at build time${extra.modules.length ? `, plus ${extra.modules.join(', ')}` : ''}`,
    because: extra.why.join('; ') || 'jdeps --print-module-deps over the application',
  };
}
