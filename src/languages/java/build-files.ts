import { XMLParser } from 'fast-xml-parser';
import { UserError } from '../../core/errors.js';
import { shown } from '../../core/quote.js';

/**
 * Readers for Java build files: Maven POMs with a real XML parser, Gradle build scripts line by
 * line (a Groovy or Kotlin script cannot be evaluated; the few settings that decide an image are
 * written in a handful of shapes, matched one line at a time so that nothing can go quadratic).
 */

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.trim() || undefined : typeof v === 'number' ? String(v) : undefined;

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
export interface PomDependency {
  groupId: string;
  artifactId: string;
  version?: string | undefined;
  scope?: string | undefined;
  type?: string | undefined;
}
export interface Pom {
  groupId?: string | undefined;
  artifactId?: string | undefined;
  version?: string | undefined;
  packaging: string;
  finalName?: string | undefined;
  /** <build><sourceDirectory>, when the sources are not in src/main/java. */
  sourceDirectory?: string | undefined;
  modules: string[];
  /** <properties> as written, by name (a Map: a name is never looked up on Object.prototype). */
  properties: Map<string, string>;
  parent?:
    | {
        groupId?: string | undefined;
        artifactId?: string | undefined;
        version?: string | undefined;
        relativePath?: string | undefined;
      }
    | undefined;
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
  isArray: (name) =>
    ['module', 'dependency', 'plugin', 'execution', 'transformer', 'descriptorRef', 'profile', 'goal'].includes(name),
});

/**
 * Element names the XML reader refuses or renames because they are members of JavaScript objects
 * (a property <constructor> is valid in a POM): renamed before parsing with a suffix, and given
 * their own names back where a POM's names matter (<properties>).
 */
const RESERVED_ELEMENT =
  /<(\/?)(__proto__|constructor|prototype|hasOwnProperty|toString|valueOf|__defineGetter__|__defineSetter__|__lookupGetter__|__lookupSetter__)(?=[\s/>])/g;
const RESERVED_SUFFIX = '__reserved-name';

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
    doc = parser.parse(xml.replace(RESERVED_ELEMENT, `<$1$2${RESERVED_SUFFIX}`), true) as Obj;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new UserError(
      'E_UNREADABLE',
      `${shown(file)} is not a valid POM: ${shown(msg.split('\n')[0] ?? '', 100)}.`,
      `Fix ${shown(file)} (mvn validate shows the same error).`,
    );
  }
  const project = obj(doc.project);
  if (!project)
    throw new UserError(
      'E_UNREADABLE',
      `${shown(file)} has no <project> element.`,
      `Fix ${shown(file)}, or run in the folder of the project's pom.xml.`,
    );
  const properties = new Map<string, string>();
  for (const [k, v] of Object.entries(obj(project.properties) ?? {})) {
    const t = text(v);
    if (t !== undefined) properties.set(k.endsWith(RESERVED_SUFFIX) ? k.slice(0, -RESERVED_SUFFIX.length) : k, t);
  }
  const parent = obj(project.parent);
  const build = obj(project.build);
  const pluginsIn = (b: Obj | undefined) => {
    const out: PomPlugin[] = [];
    for (const p of arr(obj(b?.plugins)?.plugin)) {
      const o = obj(p);
      const artifactId = text(o?.artifactId);
      if (!o || !artifactId) continue;
      const execs = arr(obj(o.executions)?.execution)
        .map(obj)
        .filter((e): e is Obj => !!e);
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
    profileModules.push(
      ...arr(obj(pr?.modules)?.module)
        .map(text)
        .filter((m): m is string => !!m),
    );
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
    modules: [
      ...new Set([
        ...arr(obj(project.modules)?.module)
          .map(text)
          .filter((m): m is string => !!m),
        ...profileModules,
      ]),
    ],
    properties,
    parent: parent
      ? {
          groupId: text(parent.groupId),
          artifactId: text(parent.artifactId),
          version: text(parent.version),
          relativePath: typeof parent.relativePath === 'string' ? parent.relativePath.trim() : undefined,
        }
      : undefined,
    dependencies: arr(obj(project.dependencies)?.dependency)
      .map(dependencyOf)
      .filter((d): d is PomDependency => !!d),
    boms: arr(obj(obj(project.dependencyManagement)?.dependencies)?.dependency)
      .map(dependencyOf)
      .filter((d): d is PomDependency => !!d && d.scope === 'import'),
    plugins,
    profiles,
  };
}

/** Properties by name: a Map, or a plain record read by its own keys only. */
export type Props = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

/** A property's value by its own name: never a member of Object.prototype (`${constructor}`). */
export function prop(props: Props, name: string): string | undefined {
  if (props instanceof Map) return (props as ReadonlyMap<string, string>).get(name);
  const rec = props as Readonly<Record<string, string>>;
  return Object.hasOwn(rec, name) ? rec[name] : undefined;
}

/** Longest value interpolation builds: longer, it stops and the value keeps its references. */
const INTERPOLATED_MAX = 1024;

/**
 * ${name} references replaced from `props` (own keys only), a bounded number of rounds and a
 * bounded length; unknown ones stay as they are, as Maven leaves them. A property that names
 * itself, or a chain longer than the rounds, ends with its reference unresolved.
 */
export function interpolate(value: string | undefined, props: Props): string | undefined {
  if (value === undefined) return undefined;
  let out = value;
  for (let round = 0; round < 8 && out.includes('${'); round++) {
    const next = replaceOnce(out, props);
    if (next === undefined || next === out) break;
    out = next;
  }
  return out;
}

/** One round of replacement, by hand (no pattern to backtrack); undefined when it would pass the length cap. */
function replaceOnce(value: string, props: Props): string | undefined {
  let out = '';
  let at = 0;
  let close = -1;
  for (;;) {
    const open = value.indexOf('${', at);
    if (open < 0) break;
    // The first } after the reference's start (kept while it still lies ahead: each character is looked at once).
    if (close < open + 2) close = value.indexOf('}', open + 2);
    if (close < 0) break;
    const name = close - open - 2 <= 100 ? value.slice(open + 2, close) : '';
    if (!/^[\w.-]+$/.test(name)) {
      // Not a reference (${a ${b}): its ${ stays, and the search goes on after it.
      out += value.slice(at, open + 2);
      at = open + 2;
    } else {
      out += value.slice(at, open) + (prop(props, name) ?? value.slice(open, close + 1));
      at = close + 1;
    }
    if (out.length > INTERPOLATED_MAX) return undefined;
  }
  out += value.slice(at);
  return out.length > INTERPOLATED_MAX ? undefined : out;
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
  const s = v
    .trim()
    .replace(/^(?:JavaVersion\.)?VERSION_/, '')
    .replace(/_/g, '.')
    .replace(/^[a-z][a-z-]*?-(?=\d)/i, '');
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

export function parseGradle(source: string): GradleScript {
  const out: GradleScript = { plugins: [], pluginVersions: {}, dependencies: [], projectDeps: [] };
  for (const line of scriptLines(source, 1000)) {
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
    if (built && /^[\w.-]+(\/[\w.-]+)*$/.test(built[1]!) && !built[1]!.split('/').includes('..'))
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
