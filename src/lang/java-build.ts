import { XMLParser } from 'fast-xml-parser';
import { UserError } from '../errors.js';
import { shown } from '../quote.js';

/**
 * Readers for Java build files: Maven POMs with a real XML parser, Gradle build scripts line by
 * line (a Groovy or Kotlin script cannot be evaluated; the few settings that decide an image are
 * written in a handful of shapes, matched one line at a time so that nothing can go quadratic).
 */

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() || undefined : typeof v === 'number' ? String(v) : undefined);

export interface PomPlugin {
  groupId?: string | undefined;
  artifactId: string;
  version?: string | undefined;
  /** The plugin's <configuration> and every execution's, as parsed XML. */
  configs: Obj[];
  /** Goals bound by its executions (a plugin configured but never bound runs only when called by name). */
  goals: string[];
  /** Each execution's own configuration with the plugin's (what one execution makes: a classifier jar). */
  executions: Obj[];
}
export interface PomDependency { groupId: string; artifactId: string; version?: string | undefined; scope?: string | undefined; type?: string | undefined }
export interface Pom {
  groupId?: string | undefined;
  artifactId?: string | undefined;
  version?: string | undefined;
  packaging: string;
  finalName?: string | undefined;
  /** <build><sourceDirectory>, when the sources are not in src/main/java. */
  sourceDirectory?: string | undefined;
  modules: string[];
  properties: Record<string, string>;
  parent?: { groupId?: string | undefined; artifactId?: string | undefined; version?: string | undefined; relativePath?: string | undefined } | undefined;
  dependencies: PomDependency[];
  /** BOMs imported in <dependencyManagement> (scope import). */
  boms: PomDependency[];
  plugins: PomPlugin[];
  /** Plugins of profiles that turn on by themselves: activeByDefault, or a file that exists (checked per module). */
  profiles: { exists?: string | undefined; plugins: PomPlugin[] }[];
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  // No entity expansion at all: a POM never needs one, and a DOCTYPE's entities could blow up.
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
  isArray: (name) => ['module', 'dependency', 'plugin', 'execution', 'transformer', 'descriptorRef', 'profile', 'goal'].includes(name),
});

function dependencyOf(d: unknown): PomDependency | undefined {
  const o = obj(d);
  const groupId = text(o?.groupId);
  const artifactId = text(o?.artifactId);
  if (!groupId || !artifactId) return undefined;
  return { groupId, artifactId, version: text(o?.version), scope: text(o?.scope), type: text(o?.type) };
}

/** One POM as written (no inheritance, no interpolation). Malformed XML is an exit-2 error naming the file. */
export function parsePom(xml: string, file: string): Pom {
  let doc: Obj;
  try {
    if (/<!DOCTYPE/i.test(xml.slice(0, 4096))) throw new Error('a DOCTYPE is not accepted in a POM');
    doc = parser.parse(xml, true) as Obj;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new UserError('E_UNREADABLE', `${shown(file)} is not a valid POM: ${shown(msg.split('\n')[0] ?? '', 100)}.`, `Fix ${shown(file)} (mvn validate shows the same error).`);
  }
  const project = obj(doc.project);
  if (!project) throw new UserError('E_UNREADABLE', `${shown(file)} has no <project> element.`, `Fix ${shown(file)}, or run in the folder of the project's pom.xml.`);
  const properties: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(project.properties) ?? {})) { const t = text(v); if (t !== undefined) properties[k] = t; }
  const parent = obj(project.parent);
  const build = obj(project.build);
  const pluginsIn = (b: Obj | undefined) => {
    const out: PomPlugin[] = [];
    for (const p of arr(obj(b?.plugins)?.plugin)) {
      const o = obj(p);
      const artifactId = text(o?.artifactId);
      if (!o || !artifactId) continue;
      const execs = arr(obj(o.executions)?.execution).map(obj).filter((e): e is Obj => !!e);
      const configs = [obj(o.configuration), ...execs.map((e) => obj(e.configuration))].filter((c): c is Obj => !!c);
      const goals = execs.flatMap((e) => arr(obj(e.goals)?.goal).map(text)).filter((g): g is string => !!g);
      const executions = execs.map((e) => ({ ...(obj(o.configuration) ?? {}), ...(obj(e.configuration) ?? {}) }));
      out.push({ groupId: text(o.groupId), artifactId, version: text(o.version), configs, goals, executions });
    }
    return out;
  };
  const plugins = pluginsIn(build);
  const profiles: Pom['profiles'] = [];
  // Modules of profiles count too: Maven checks that every module of an active profile exists
  // (zxing turns some on by JDK version), so their POMs must be in the image as well.
  const profileModules: string[] = [];
  for (const pr of arr(obj(project.profiles)?.profile).map(obj)) {
    profileModules.push(...arr(obj(pr?.modules)?.module).map(text).filter((m): m is string => !!m));
    const act = obj(pr?.activation);
    const exists = text(obj(act?.file)?.exists)?.replace(/^\$\{(?:project\.)?basedir\}\//, '');
    if (text(act?.activeByDefault) === 'true' || exists) profiles.push({ exists, plugins: pluginsIn(obj(pr?.build)) });
  }
  return {
    groupId: text(project.groupId),
    artifactId: text(project.artifactId),
    version: text(project.version),
    packaging: text(project.packaging) ?? 'jar',
    finalName: text(build?.finalName),
    sourceDirectory: text(build?.sourceDirectory)?.replace(/^\$\{(?:project\.)?basedir\}\//, ''),
    modules: [...new Set([...arr(obj(project.modules)?.module).map(text).filter((m): m is string => !!m), ...profileModules])],
    properties,
    parent: parent ? { groupId: text(parent.groupId), artifactId: text(parent.artifactId), version: text(parent.version), relativePath: typeof parent.relativePath === 'string' ? parent.relativePath.trim() : undefined } : undefined,
    dependencies: arr(obj(project.dependencies)?.dependency).map(dependencyOf).filter((d): d is PomDependency => !!d),
    boms: arr(obj(obj(project.dependencyManagement)?.dependencies)?.dependency).map(dependencyOf).filter((d): d is PomDependency => !!d && d.scope === 'import'),
    plugins,
    profiles,
  };
}

/** ${name} references replaced from `props` (and project.*), a bounded number of rounds; unknown ones stay. */
export function interpolate(value: string | undefined, props: Record<string, string>): string | undefined {
  if (value === undefined) return undefined;
  let out = value;
  for (let round = 0; round < 8 && out.includes('${'); round++) {
    const next = out.replace(/\$\{([\w.-]{1,100})\}/g, (all, name: string) => props[name] ?? all);
    if (next === out || next.length > 1024) break;
    out = next;
  }
  return out;
}

/** A value found at a path inside parsed plugin configuration: archive.manifest.mainClass, ... */
export function configValue(configs: Obj[], path: string[]): string | undefined {
  for (const c of configs) {
    let cur: unknown = c;
    for (const key of path) cur = obj(cur)?.[key];
    const t = text(cur);
    if (t) return t;
  }
  return undefined;
}

/** Every object under `key` anywhere in the configurations (transformers, descriptorRefs). */
export function configList(configs: Obj[], parent: string, key: string): unknown[] {
  return configs.flatMap((c) => arr(obj(c[parent])?.[key]));
}

/** "17", "1.8", "17.0.2", "JavaVersion.VERSION_17", "VERSION_1_8", "temurin-17.0.9+9", "17.0.9-tem" -> the feature release (8, 17). */
export function javaFeature(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const s = v.trim().replace(/^(?:JavaVersion\.)?VERSION_/, '').replace(/_/g, '.').replace(/^[a-z][a-z-]*?-(?=\d)/i, '');
  const m = /^(?:1\.([5-8])|([1-9]\d?))(?:[.+-][\w.+-]{0,40})?$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1] ?? m[2]);
  return n >= 5 && n <= 40 ? n : undefined;
}

// ---------- Gradle ----------

export interface GradleScript {
  plugins: string[];
  /** Version written for a plugin id in the plugins block. */
  pluginVersions: Record<string, string>;
  mainClass?: string | undefined;
  /** Main-Class of the jar manifest. */
  manifestMain?: string | undefined;
  toolchain?: string | undefined;
  sourceCompatibility?: string | undefined;
  /** Project dependencies' coordinates, group:artifact (from strings like "g:a:v"). */
  dependencies: string[];
  /** Other projects of the build this one depends on: project(':core'). */
  projectDeps: string[];
}

const QUOTED = `["']([^"'\\n]{1,200})["']`;
const PLUGIN_ID = new RegExp(`^\\s*(?:id\\s*\\(?\\s*${QUOTED}\\s*\\)?(?:\\s*version\\s*\\(?\\s*${QUOTED}\\s*\\)?)?|(application|java|\`java-library\`|war)\\s*$)`);
const APPLY_PLUGIN = new RegExp(`^\\s*apply\\s*\\(?\\s*plugin\\s*[:=]\\s*${QUOTED}`);
const MAIN_CLASS = new RegExp(`\\b(?:mainClass(?:Name)?(?:\\.set\\s*\\(|\\s*=|\\s*\\()|mainClassName\\s*=)\\s*${QUOTED}`);
const MANIFEST_MAIN = new RegExp(`["']Main-Class["']\\s*(?::|to|\\]\\s*=|,)\\s*${QUOTED}`);
const TOOLCHAIN = /\b(?:languageVersion(?:\.set\s*\(|\s*=)\s*JavaLanguageVersion\.of\s*\(\s*["']?(\d{1,2})|jvmToolchain\s*\(\s*(\d{1,2})\s*\))/;
const SOURCE_COMPAT = /\b(?:sourceCompatibility|targetCompatibility)\s*=\s*(?:JavaVersion\.)?["']?(VERSION_[\d_]{1,5}|[\d.]{1,5})/;
const DEPENDENCY = /^\s*(?:implementation|api|runtimeOnly|compile|runtime)\s*\(?\s*(?:platform\s*\(\s*)?["']([\w.-]{1,100}):([\w.-]{1,100})(?::[^"'\s]{0,60})?["']/;
const PROJECT_DEP = /^\s*(?:implementation|api|runtimeOnly|compile)\s*\(?\s*project\s*\(\s*(?:path\s*[:=]\s*)?["']:?([\w.:-]{1,100})["']/;

export function parseGradle(source: string): GradleScript {
  const out: GradleScript = { plugins: [], pluginVersions: {}, dependencies: [], projectDeps: [] };
  for (const raw of source.split('\n')) {
    if (raw.length > 1000) continue;
    const line = raw.replace(/\/\/.*$/, '');
    const p = PLUGIN_ID.exec(line) ?? APPLY_PLUGIN.exec(line);
    if (p) {
      const id = (p[1] ?? p[3] ?? '').replace(/`/g, '');
      if (id) { out.plugins.push(id); if (p[2]) out.pluginVersions[id] = p[2]; }
    }
    const kotlinPlugin = /^\s*kotlin\s*\(\s*"(jvm|plugin\.spring)"\s*\)/.exec(line);
    if (kotlinPlugin) out.plugins.push(`org.jetbrains.kotlin.${kotlinPlugin[1]}`);
    out.mainClass ??= MAIN_CLASS.exec(line)?.[1];
    out.manifestMain ??= MANIFEST_MAIN.exec(line)?.[1];
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

export interface GradleSettings { rootName?: string | undefined; includes: string[]; includedBuilds: string[] }

/** settings.gradle(.kts): rootProject.name and the included projects (':app', 'lib:core' -> app, lib/core). */
export function parseGradleSettings(source: string): GradleSettings {
  const out: GradleSettings = { includes: [], includedBuilds: [] };
  for (const raw of source.split('\n')) {
    if (raw.length > 2000) continue;
    const line = raw.replace(/\/\/.*$/, '');
    const name = new RegExp(`rootProject\\.name\\s*=\\s*${QUOTED}`).exec(line);
    if (name) out.rootName = name[1];
    const built = new RegExp(`^\\s*includeBuild\\s*\\(?\\s*${QUOTED}`).exec(line);
    if (built && /^[\w.-]+(\/[\w.-]+)*$/.test(built[1]!) && !built[1]!.split('/').includes('..')) out.includedBuilds.push(built[1]!);
    const inc = /^\s*include\s*\(?(.*)$/.exec(line);
    if (inc) for (const m of inc[1]!.matchAll(/["']:?([\w.:-]{1,100})["']/g)) out.includes.push(m[1]!.replace(/:/g, '/'));
  }
  return out;
}

/** The Gradle version a wrapper pins, from distributionUrl (…/gradle-8.10.2-bin.zip): the version only. */
export function gradleWrapperVersion(properties: string): string | undefined {
  return /gradle-(\d{1,2}\.\d{1,3}(?:\.\d{1,3})?)-(?:bin|all)\.zip/.exec(properties)?.[1];
}
