/**
 * Readers for Gradle build files: build scripts line by line (a Groovy or Kotlin script cannot be
 * evaluated; the few settings that decide an image are written in a handful of shapes, matched one
 * line at a time so that nothing can go quadratic), settings and the wrapper's properties.
 */

/** The build scripts a Gradle project may have, Kotlin first. */
export const BUILD_GRADLE = ['build.gradle.kts', 'build.gradle'];
/** The settings files, Kotlin first. */
export const SETTINGS_GRADLE = ['settings.gradle.kts', 'settings.gradle'];

export interface GradleScript {
  plugins: string[];
  /** Version written for a plugin id in the plugins block. */
  pluginVersions: Record<string, string>;
  mainClass?: string | undefined;
  /** Main-Class of the jar manifest. */
  manifestMain?: string | undefined;
  /** The application plugin's applicationName, when set. */
  applicationName?: string | undefined;
  toolchain?: string | undefined;
  sourceCompatibility?: string | undefined;
  /** Project dependencies' coordinates, group:artifact (from strings like "g:a:v"). */
  dependencies: string[];
  /** Other projects of the build this one depends on: project(':core'). */
  projectDeps: string[];
}

/*
 * The patterns below run on one line of a script at a time (lines are cut at a length), and none
 * has two quantifiers that can trade characters: `\s*(?:\(\s*)?` rather than `\s*\(?\s*`, so
 * that a line of a keyword and a long run of spaces fails in one pass instead of trying every
 * split of the run.
 */
const QUOTED = `["']([^"'\\n]{1,200})["']`;
const PLUGIN_ID = new RegExp(
  `^\\s*(?:id\\s*(?:\\(\\s*)?${QUOTED}(?:\\s*\\))?(?:\\s*version\\s*(?:\\(\\s*)?${QUOTED})?|(application|java|\`java-library\`|war)\\s*$)`,
);
const APPLY_PLUGIN = new RegExp(`^\\s*apply\\s*(?:\\(\\s*)?plugin\\s*[:=]\\s*${QUOTED}`);
const KOTLIN_PLUGIN = /^\s*kotlin\s*\(\s*"(jvm|plugin\.spring)"\s*\)/;
/** A plugin from the version catalog: `alias(libs.plugins.spring.boot)`. */
const PLUGIN_ALIAS = /^\s*alias\s*\(\s*libs\.plugins\.([\w.]{1,200})\s*\)/;

/** The version catalog's plugins (gradle/libs.versions.toml [plugins]), by their normalized alias. */
export type PluginCatalog = Map<string, { id: string; version?: string | undefined }>;

/** Gradle reads `-`, `_` and `.` in an alias as the same separator. */
export const catalogKey = (alias: string): string => alias.replace(/[-_]/g, '.');

/** [plugins] of a version catalog: `alias = "id:version"` or `alias = { id = "…", version = "…" }`. */
export function pluginCatalog(table: unknown): PluginCatalog {
  const out: PluginCatalog = new Map();
  if (!table || typeof table !== 'object') return out;
  for (const [alias, v] of Object.entries(table as Record<string, unknown>)) {
    if (typeof v === 'string') {
      const [id, version] = v.split(':');
      if (id) out.set(catalogKey(alias), { id, version });
    } else if (v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string') {
      const version = (v as { version?: unknown }).version;
      out.set(catalogKey(alias), {
        id: (v as { id: string }).id,
        version: typeof version === 'string' ? version : undefined,
      });
    }
  }
  return out;
}
const MAIN_CLASS = new RegExp(`\\bmainClass(?:Name)?(?:\\.set\\s*\\(|\\s*[=(])\\s*${QUOTED}`);
const MANIFEST_MAIN = new RegExp(`["']Main-Class["']\\s*(?::|to|\\]\\s*=|,)\\s*${QUOTED}`);
/** application { applicationName = "x" }: the folder installDist fills (build/install/<applicationName>). */
const APPLICATION_NAME = new RegExp(`\\bapplicationName(?:\\.set\\s*\\(|\\s*=)\\s*${QUOTED}`);
const TOOLCHAIN =
  /\b(?:languageVersion(?:\.set\s*\(|\s*=)\s*JavaLanguageVersion\.of\s*\(\s*["']?(\d{1,2})|jvmToolchain\s*\(\s*(\d{1,2})\s*\))/;
const SOURCE_COMPAT =
  /\b(?:sourceCompatibility|targetCompatibility)\s*=\s*(?:JavaVersion\.)?["']?(VERSION_[\d_]{1,5}|[\d.]{1,5})/;
const DEPENDENCY =
  /^\s*(?:implementation|api|runtimeOnly|compile|runtime)\s*(?:\(\s*)?(?:platform\s*\(\s*)?["']([\w.-]{1,100}):([\w.-]{1,100})(?::[^"'\s]{0,60})?["']/;
const PROJECT_DEP =
  /^\s*(?:implementation|api|runtimeOnly|compile)\s*(?:\(\s*)?project\s*\(\s*(?:path\s*[:=]\s*)?["']:?([\w.:-]{1,100})["']/;
const ROOT_NAME = new RegExp(`rootProject\\.name\\s*=\\s*${QUOTED}`);
const INCLUDE_BUILD = new RegExp(`^\\s*includeBuild\\s*(?:\\(\\s*)?${QUOTED}`);
const INCLUDE = /^\s*include\b/;
const INCLUDED = /["']:?([\w.:-]{1,100})["']/g;

/** The lines of a script, each without its line ending and its // comment; lines longer than `max` are left out. */
function scriptLines(source: string, max: number): string[] {
  const out: string[] = [];
  for (const raw of source.split('\n')) {
    if (raw.length > max) continue;
    const comment = raw.indexOf('//');
    out.push((comment < 0 ? raw : raw.slice(0, comment)).replace(/\r$/, ''));
  }
  return out;
}

export function parseGradle(source: string, catalog: PluginCatalog = new Map()): GradleScript {
  const out: GradleScript = { plugins: [], pluginVersions: {}, dependencies: [], projectDeps: [] };
  for (const line of scriptLines(source, 1000)) {
    const alias = PLUGIN_ALIAS.exec(line);
    const fromCatalog = alias ? catalog.get(catalogKey(alias[1]!)) : undefined;
    if (fromCatalog) {
      out.plugins.push(fromCatalog.id);
      if (fromCatalog.version) out.pluginVersions[fromCatalog.id] = fromCatalog.version;
    }
    const p = PLUGIN_ID.exec(line) ?? APPLY_PLUGIN.exec(line);
    if (p) {
      const id = (p[1] ?? p[3] ?? '').replace(/`/g, '');
      if (id) {
        out.plugins.push(id);
        if (p[2]) out.pluginVersions[id] = p[2];
      }
    }
    const kotlinPlugin = KOTLIN_PLUGIN.exec(line);
    if (kotlinPlugin) out.plugins.push(`org.jetbrains.kotlin.${kotlinPlugin[1]}`);
    out.mainClass ??= MAIN_CLASS.exec(line)?.[1];
    out.manifestMain ??= MANIFEST_MAIN.exec(line)?.[1];
    out.applicationName ??= APPLICATION_NAME.exec(line)?.[1];
    const t = TOOLCHAIN.exec(line);
    if (t) out.toolchain ??= t[1] ?? t[2];
    out.sourceCompatibility ??= SOURCE_COMPAT.exec(line)?.[1];
    const d = DEPENDENCY.exec(line);
    if (d) out.dependencies.push(`${d[1]}:${d[2]}`);
    const pd = PROJECT_DEP.exec(line);
    if (pd) out.projectDeps.push(pd[1]!.replace(/:/g, '/'));
  }
  return out;
}

export interface GradleSettings {
  rootName?: string | undefined;
  includes: string[];
  includedBuilds: string[];
}

/** settings.gradle(.kts): rootProject.name and the included projects (':app', 'lib:core' -> app, lib/core). */
export function parseGradleSettings(source: string): GradleSettings {
  const out: GradleSettings = { includes: [], includedBuilds: [] };
  for (const line of scriptLines(source, 2000)) {
    const name = ROOT_NAME.exec(line);
    if (name) out.rootName = name[1];
    const built = INCLUDE_BUILD.exec(line);
    if (built && /^[\w.-]+(?:\/[\w.-]+)*$/.test(built[1]!) && !built[1]!.split('/').includes('..'))
      out.includedBuilds.push(built[1]!);
    // include(...) names projects; includeBuild (above) names a build of its own, not a project.
    const inc = INCLUDE.exec(line);
    if (inc) for (const m of line.slice(inc[0].length).matchAll(INCLUDED)) out.includes.push(m[1]!.replace(/:/g, '/'));
  }
  return out;
}

/** The Gradle version a wrapper pins, from distributionUrl (…/gradle-8.10.2-bin.zip): the version only. */
export function gradleWrapperVersion(properties: string): string | undefined {
  return /gradle-(\d{1,2}\.\d{1,3}(?:\.\d{1,3})?)-(?:bin|all)\.zip/.exec(properties)?.[1];
}
