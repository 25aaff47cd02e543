import { XMLParser } from 'fast-xml-parser';
import { UserError } from '../../core/errors.js';
import { shown } from '../../core/quote.js';

/**
 * The reader of Maven POMs, with a real XML parser: one POM as written (no inheritance, no
 * interpolation), and the values found in its plugins' configuration.
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
  const project = projectOf(xml, file);
  const parent = obj(project.parent);
  const build = obj(project.build);
  const { profiles, profileModules } = profilesOf(project);
  return {
    groupId: text(project.groupId),
    artifactId: text(project.artifactId),
    version: text(project.version),
    packaging: text(project.packaging) ?? 'jar',
    finalName: text(build?.finalName),
    sourceDirectory: text(build?.sourceDirectory)?.replace(/^\$\{(?:project\.)?basedir\}\//, ''),
    modules: [...new Set([...texts(obj(project.modules)?.module), ...profileModules])],
    properties: propertiesOf(project),
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
    plugins: pluginsIn(build),
    profiles,
  };
}

/** The <project> element of a POM; unreadable XML, a DOCTYPE or no <project> is an exit-2 error naming the file. */
function projectOf(xml: string, file: string): Obj {
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
  return project;
}

/** The texts of a list of elements (<module>s), empty ones left out. */
function texts(v: unknown): string[] {
  return arr(v)
    .map(text)
    .filter((m): m is string => !!m);
}

/** <properties>, by their own names (a reserved name renamed for the parser gets its name back). */
function propertiesOf(project: Obj): Map<string, string> {
  const properties = new Map<string, string>();
  for (const [k, v] of Object.entries(obj(project.properties) ?? {})) {
    const t = text(v);
    if (t !== undefined) properties.set(k.endsWith(RESERVED_SUFFIX) ? k.slice(0, -RESERVED_SUFFIX.length) : k, t);
  }
  return properties;
}

/** The plugins under a <build> (the project's or a profile's), each with its executions' configuration and goals. */
function pluginsIn(b: Obj | undefined): PomPlugin[] {
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
}

/** Profiles that turn on by themselves, with their plugins, and the modules of every profile. */
function profilesOf(project: Obj): { profiles: Pom['profiles']; profileModules: string[] } {
  const profiles: Pom['profiles'] = [];
  // Modules of profiles count too: Maven checks that every module of an active profile exists
  // (zxing turns some on by JDK version), so their POMs must be in the image as well.
  const profileModules: string[] = [];
  for (const pr of arr(obj(project.profiles)?.profile).map(obj)) {
    profileModules.push(...texts(obj(pr?.modules)?.module));
    const act = obj(pr?.activation);
    const exists = text(obj(act?.file)?.exists)?.replace(/^\$\{(?:project\.)?basedir\}\//, '');
    if (text(act?.activeByDefault) === 'true' || exists) profiles.push({ exists, plugins: pluginsIn(obj(pr?.build)) });
  }
  return { profiles, profileModules };
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
