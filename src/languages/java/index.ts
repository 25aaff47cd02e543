import { basename, dirname } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { LANGUAGE_DATA } from '../data.js';
import { JAVA_MODULES } from './data.js';
import { isUserError, UserError } from '../../core/errors.js';
import { isBuilt, LIMITS, type Scan } from '../../core/scan.js';
import { hasLineBreakOrControl, safeName, safeRelPath, shellWord, shown } from '../../core/quote.js';
import type { Choice, Decision, Fact, Refusals, RuntimeId, Strategy } from '../../core/types.js';
import {
  findPort,
  helpersLast,
  joinRel as join,
  listed,
  normalizeRel as normalize,
  pickEntry,
  plainName,
  portFromDockerfile,
  type PortPattern,
  sourcePoints,
  versionFromToolVersions,
} from '../shared.js';
import { gradleWrapperVersion, parseGradle, parseGradleSettings } from './gradle-files.js';
import { interpolate } from './interpolate.js';
import { configList, configValue, parsePom, type Pom, type PomPlugin } from './pom.js';
import { javaFeature } from './version.js';
import type { BuildSpec, Detection, Language, ResolveOptions, Resolved } from '../types.js';

const DATA = LANGUAGE_DATA.java;
const LTS = DATA.lts!.map(Number);
const CURRENT = Number(DATA.current);
const MAX_MODULES = 300;

/** A Java class by its binary name (com.example.Main, com.example.Outer$Inner): what `java -cp ... <class>` takes. */
const JAVA_CLASS = /^[a-z_$][\w$]{0,100}(?:\.[a-z_$][\w$]{0,100}){0,40}$/i;

/** Whether a name is a plain word as it is (safeName accepts it). */
function plainWord(value: string): boolean {
  try {
    safeName(value, '', '');
    return true;
  } catch (e) {
    if (isUserError(e)) return false;
    throw e;
  }
}

/** A path the Dockerfile copies by name: a plain relative path, or a refusal whose fix is the one that works (rename it). */
function copiedPath(path: string, what: string, from: string, fix: string): string {
  try {
    return safeRelPath(path, what, '', from);
  } catch (e) {
    if (isUserError(e)) throw new UserError(e.code, e.message, fix);
    throw e;
  }
}

/** Characters Gradle refuses in a project name, what a folder name cannot hold, and what Groovy would interpolate. */
const NOT_IN_FOLDER_NAME = /[/\\:<>"?*|$`]/;

/**
 * The folder installDist fills, build/install/<name>: Gradle's application name, which the
 * Dockerfile copies by path (quoted, so a space is fine). A name that can be no folder name, or
 * that Groovy would interpolate, is refused with the setting that names it.
 */
function installFolder(name: Fact<string>, dir: string): void {
  if (
    !NOT_IN_FOLDER_NAME.test(name.value) &&
    !hasLineBreakOrControl(name.value) &&
    name.value !== '.' &&
    name.value !== '..'
  )
    return;
  const where = name.source.split(':')[0]!;
  const setting = name.source.endsWith('applicationName')
    ? `application { applicationName = 'my-app' } in ${shown(where, 80)}`
    : `rootProject.name = 'my-app' in ${shown(where, 80)}`;
  throw new UserError(
    'E_UNSAFE_VALUE',
    `The application name "${shown(name.value)}" (from ${shown(name.source, 80)}) cannot be a folder name: installDist puts the program in ${shown(join(dir, 'build/install'), 80)}/<that name>.`,
    `Set a plain name (letters, digits, spaces, . _ -) with ${setting}.`,
  );
}

/** How the application is packaged, which decides how it is copied and started. */
type Kind =
  /** A Spring Boot jar: extracted into layers (dependencies, loader, application). */
  | 'boot'
  /** A jar with its dependencies inside and Main-Class in its manifest (shade, assembly, shadow). */
  | 'fat'
  /** A jar with Main-Class in its manifest and no dependencies: java -jar. */
  | 'jar'
  /** The jar and its dependencies in lib/, started by main class: java -cp app.jar:lib/* Main. */
  | 'classpath';

interface Module {
  dir: string;
  name: string;
  tool: 'maven' | 'gradle';
  kind: Kind;
  main?: Fact<string> | undefined;
  /** Classes with a main method in the sources, when no build file names one. */
  sourceMains: string[];
  boot?: { version?: string | undefined; source: string } | undefined;
  /** Where the build puts the jar (relative to the project), or a folder to pick it from. */
  jar: string;
  /** group:artifact of every declared dependency (for framework-specific run-time modules). */
  deps: string[];
  version?: Fact<number> | undefined;
  /** Gradle: the application plugin's installDist layout. */
  gradleTask?: string | undefined;
  /** Gradle, installDist: the folder under build/install it fills (the application's name), and where that name comes from. */
  installName?: Fact<string> | undefined;
}

// ---------- Maven ----------

interface PomNode {
  dir: string;
  file: string;
  pom: Pom;
  parent?: PomNode | undefined;
}

/** How many parents a POM may have above it in the project (Maven sets no limit; real builds have a few). */
const MAX_PARENT_DEPTH = 20;
/** How deep <modules> may nest below the root POM. */
const MAX_MODULE_DEPTH = 20;
/** POMs read in all, modules and parents together. */
const MAX_POMS = 2 * MAX_MODULES;

/** The parents of a POM inside the project, nearest first, at most MAX_PARENT_DEPTH (links are acyclic: readMaven sees to it). */
function parentsOf(node: PomNode): PomNode[] {
  const out: PomNode[] = [];
  for (let n = node.parent; n && out.length < MAX_PARENT_DEPTH; n = n.parent) out.push(n);
  return out;
}

/**
 * Every POM of the build: the root and its modules, recursively, each with its parent when the
 * parent is in the project. Both walks keep what they have read, and stop at a depth and a count:
 * a parent cycle through <relativePath> (Maven refuses one too) or a module listing its own parent
 * ends the walk with a warning.
 */
function readMaven(scan: Scan, warnings: string[]): PomNode[] {
  const nodes = new Map<string, PomNode>();
  const warned = new Set<string>();
  const warn = (w: string) => {
    if (!warned.has(w)) {
      warned.add(w);
      warnings.push(w);
    }
  };
  const read = (file: string): PomNode | undefined => {
    const known = nodes.get(file);
    if (known) return known;
    if (nodes.size >= MAX_POMS) {
      warn(`The build has more than ${MAX_POMS} POMs: only the first ${MAX_POMS} were read.`);
      return undefined;
    }
    const text = scan.manifest(file);
    if (text === undefined) return undefined;
    const node: PomNode = { dir: dirname(file) === '' ? '.' : dirname(file), file, pom: parsePom(text, file) };
    nodes.set(file, node);
    return node;
  };
  /** POMs whose parent has been looked for. */
  const linked = new Set<PomNode>();
  const linkParents = (start: PomNode) => {
    let node = start;
    for (let depth = 0; !linked.has(node); depth++) {
      linked.add(node);
      const ref = node.pom.parent;
      const rel = ref?.relativePath ?? '../pom.xml';
      if (!ref || rel === '') return;
      if (depth >= MAX_PARENT_DEPTH) {
        warn(
          `${shown(start.file)} has more than ${MAX_PARENT_DEPTH} parents in the project (through <relativePath>): the ones above ${shown(node.file)} were not read.`,
        );
        return;
      }
      const target = normalize(join(node.dir, rel.endsWith('.xml') ? rel : `${rel}/pom.xml`));
      // Read directly: a parent may sit in a folder the walk skips (build/, parent/ under target/...).
      if (!target || target === node.file) return;
      const p = read(target);
      if (!p || (ref.artifactId && p.pom.artifactId !== ref.artifactId)) return;
      if (p === node || parentsOf(p).includes(node)) {
        warn(
          `The parents of ${shown(node.file)} form a cycle through <relativePath> (${shown(node.file)} -> ${shown(p.file)} -> ... -> ${shown(node.file)}): Maven refuses such a build. Fix the <parent> of one of them.`,
        );
        return;
      }
      node.parent = p;
      node = p;
    }
  };
  const first = read('pom.xml');
  if (!first) return [];
  // The modules, breadth first from the root, each POM once.
  const order: PomNode[] = [];
  const queued = new Set<string>(['pom.xml']);
  const queue: { file: string; depth: number }[] = [{ file: 'pom.xml', depth: 0 }];
  for (let i = 0; i < queue.length && order.length < MAX_MODULES; i++) {
    const { file, depth } = queue[i]!;
    const node = read(file);
    if (!node) continue;
    order.push(node);
    linkParents(node);
    for (const m of node.pom.modules) {
      const target = normalize(join(node.dir, m.endsWith('.xml') ? m : `${m}/pom.xml`));
      if (!target || queued.has(target)) continue;
      if (depth + 1 > MAX_MODULE_DEPTH) {
        warn(
          `<modules> nest more than ${MAX_MODULE_DEPTH} deep below pom.xml: the modules of ${shown(file)} were not read.`,
        );
        break;
      }
      if (queued.size >= MAX_MODULES) {
        warn(`The build lists more than ${MAX_MODULES} modules: only the first ${MAX_MODULES} were read.`);
        break;
      }
      queued.add(target);
      queue.push({ file: target, depth: depth + 1 });
    }
  }
  // The modules, in reactor order, then parents read through <relativePath> that are no module
  // (their POMs must be in the image as well).
  const parents = order.flatMap(parentsOf).filter((p) => !order.includes(p));
  return [...order, ...new Set(parents)];
}

/** Properties as Maven sees them in a module: its parents' first, then its own, plus project.*. By own name only (a Map). */
function propertiesOf(node: PomNode): Map<string, string> {
  const props = new Map<string, string>();
  for (const n of [...parentsOf(node).reverse(), node]) for (const [k, v] of n.pom.properties) props.set(k, v);
  const version = node.pom.version ?? node.pom.parent?.version;
  const groupId = node.pom.groupId ?? node.pom.parent?.groupId;
  if (version) {
    props.set('project.version', version);
    props.set('version', version);
  }
  if (groupId) props.set('project.groupId', groupId);
  if (node.pom.artifactId) props.set('project.artifactId', node.pom.artifactId);
  if (node.pom.parent?.version) props.set('project.parent.version', node.pom.parent.version);
  return props;
}

/**
 * The module's plugins with those its parents in the project declare under <build><plugins>
 * (inherited), and those of profiles that turn on by themselves for this module.
 */
function pluginsOf(scan: Scan, node: PomNode): PomPlugin[] {
  const out: PomPlugin[] = [];
  for (const n of [node, ...parentsOf(node)]) {
    const active = n.pom.profiles.filter(
      (p) => !p.exists || (!p.exists.includes('$') && scan.has(join(node.dir, p.exists))),
    );
    for (const p of [...n.pom.plugins, ...active.flatMap((a) => a.plugins)])
      if (!out.some((o) => o.artifactId === p.artifactId)) out.push(p);
  }
  return out;
}

const SKIPPED_SCOPES = new Set(['test', 'provided', 'system', 'import']);

function mavenModule(scan: Scan, node: PomNode, all: PomNode[]): Module | undefined {
  const pom = node.pom;
  if (pom.packaging !== 'jar' && pom.packaging !== 'bundle') return undefined;
  const props = propertiesOf(node);
  const plugins = pluginsOf(scan, node);
  const plugin = (id: string) => plugins.find((p) => p.artifactId === id);
  const name = pom.artifactId ?? basename(scan.root);
  const finalName = interpolate(pom.finalName ?? `${name}-${props.get('project.version') ?? ''}`, props)!;
  const file = node.file;
  const configured: Fact<string>[] = [];
  const fromConfig = (p: PomPlugin | undefined, path: string[], what: string) => {
    const v = p ? interpolate(configValue(p.configs, path), props) : undefined;
    if (v && !v.includes('${')) configured.push({ value: v, source: `${file}: ${what}` });
  };
  const bootPlugin = plugin('spring-boot-maven-plugin');
  const shade = plugin('maven-shade-plugin');
  const shadeMain = shade
    ? configList(shade.configs, 'transformers', 'transformer')
        .map((t) => interpolate(configValue([t as Record<string, unknown>], ['mainClass']), props))
        .find((m) => m && !m.includes('${'))
    : undefined;
  const assembly = plugin('maven-assembly-plugin');
  // A fat jar from the assembly plugin only when an execution binds its goal: configured alone, it runs on request.
  const assemblyFat = assembly
    ? configList(assembly.configs, 'descriptorRefs', 'descriptorRef').includes('jar-with-dependencies') &&
      assembly.goals.includes('single')
    : false;
  fromConfig(bootPlugin, ['mainClass'], 'spring-boot-maven-plugin mainClass');
  const startClass = props.get('start-class');
  if (startClass && !startClass.includes('${'))
    configured.push({ value: startClass, source: `${file}: property start-class` });
  if (shadeMain)
    configured.push({ value: shadeMain, source: `${file}: maven-shade-plugin ManifestResourceTransformer` });
  fromConfig(assembly, ['archive', 'manifest', 'mainClass'], 'maven-assembly-plugin manifest mainClass');
  const jarPlugin = plugin('maven-jar-plugin');
  // A main class set in an execution that makes a classifier jar (jsoup's -examples.jar) belongs to that jar.
  const classifierJar = jarPlugin?.executions.find(
    (e) => configValue([e], ['archive', 'manifest', 'mainClass']) && configValue([e], ['classifier']),
  );
  fromConfig(
    jarPlugin,
    ['archive', 'manifest', 'mainClass'],
    `maven-jar-plugin manifest mainClass${classifierJar ? ` (the ${configValue([classifierJar], ['classifier'])} jar)` : ''}`,
  );
  fromConfig(plugin('exec-maven-plugin'), ['mainClass'], 'exec-maven-plugin mainClass');
  for (const key of ['main.class', 'mainClass', 'exec.mainClass', 'app.main.class', 'main-class']) {
    const v = interpolate(props.get(key), props);
    if (v && !v.includes('${')) configured.push({ value: v, source: `${file}: property ${key}` });
  }
  const deps = pom.dependencies.map((d) => `${d.groupId}:${d.artifactId}`);
  const bootVersion = bootVersionOf(node, props, bootPlugin);
  const boot = bootPlugin
    ? {
        version: bootVersion,
        source: `${file}: spring-boot-maven-plugin${bootVersion ? ` (Spring Boot ${bootVersion})` : ''}`,
      }
    : undefined;
  const runtimeDeps =
    pom.dependencies.some((d) => !SKIPPED_SCOPES.has(d.scope ?? 'compile') && d.type !== 'pom') ||
    all.some((n) => n !== node && n.pom.artifactId && pom.dependencies.some((d) => d.artifactId === n.pom.artifactId));
  let kind: Kind;
  let jar = `${join(node.dir, 'target')}/${finalName}.jar`;
  if (boot) {
    kind = 'boot';
    const classifier = interpolate(configValue(bootPlugin!.configs, ['classifier']), props);
    if (classifier) jar = `${join(node.dir, 'target')}/${finalName}-${classifier}.jar`;
  } else if (shadeMain) {
    kind = 'fat';
    if (/^true$/i.test(configValue(shade!.configs, ['shadedArtifactAttached']) ?? ''))
      jar = `${join(node.dir, 'target')}/${finalName}-${configValue(shade!.configs, ['shadedClassifierName']) ?? 'shaded'}.jar`;
  } else if (assemblyFat && configured.some((c) => c.source.includes('assembly'))) {
    kind = 'fat';
    if (!/^false$/i.test(configValue(assembly!.configs, ['appendAssemblyId']) ?? ''))
      jar = `${join(node.dir, 'target')}/${finalName}-jar-with-dependencies.jar`;
  } else if (classifierJar) {
    kind = runtimeDeps ? 'classpath' : 'jar';
    jar = `${join(node.dir, 'target')}/${finalName}-${interpolate(configValue([classifierJar], ['classifier']), props)}.jar`;
  } else if (runtimeDeps) {
    kind = 'classpath';
  } else {
    kind = configured.some((c) => c.source.includes('maven-jar-plugin')) ? 'jar' : 'classpath';
  }
  const sourceMains =
    configured.length || boot
      ? []
      : mainClassesIn(
          scan,
          node.dir,
          pom.sourceDirectory && !pom.sourceDirectory.includes('$') ? [pom.sourceDirectory] : undefined,
        );
  return {
    dir: node.dir,
    name,
    tool: 'maven',
    kind,
    main: configured[0],
    sourceMains,
    boot,
    jar,
    deps,
    version: mavenJavaVersion(node, props, plugins),
  };
}

function bootVersionOf(
  node: PomNode,
  props: Map<string, string>,
  bootPlugin: PomPlugin | undefined,
): string | undefined {
  for (const n of [node, ...parentsOf(node)]) {
    const p = n.pom.parent;
    if (p?.groupId === 'org.springframework.boot' && p.version) return interpolate(p.version, props);
    const bom = n.pom.boms.find(
      (b) => b.groupId === 'org.springframework.boot' && b.artifactId === 'spring-boot-dependencies',
    );
    if (bom?.version) return interpolate(bom.version, props);
  }
  return interpolate(bootPlugin?.version, props) ?? props.get('spring-boot.version');
}

function mavenJavaVersion(node: PomNode, props: Map<string, string>, plugins: PomPlugin[]): Fact<number> | undefined {
  const compiler = plugins.find((p) => p.artifactId === 'maven-compiler-plugin');
  const candidates: [string | undefined, string][] = [
    [props.get('maven.compiler.release'), 'maven.compiler.release'],
    [compiler ? configValue(compiler.configs, ['release']) : undefined, 'maven-compiler-plugin <release>'],
    [props.get('maven.compiler.target'), 'maven.compiler.target'],
    [compiler ? configValue(compiler.configs, ['target']) : undefined, 'maven-compiler-plugin <target>'],
    [props.get('java.version'), 'java.version'],
    [props.get('maven.compiler.source'), 'maven.compiler.source'],
    [compiler ? configValue(compiler.configs, ['source']) : undefined, 'maven-compiler-plugin <source>'],
  ];
  for (const [raw, what] of candidates) {
    const v = interpolate(raw, props);
    const n = javaFeature(v);
    if (n) return { value: n, source: `${node.file}: ${what} ${shown(v!, 20)}` };
  }
  return undefined;
}

/** Classes with a main method under src/main/java and src/main/kotlin (or the build's sourceDirectory): package + class name. */
function mainClassesIn(scan: Scan, dir: string, sourceDirs = ['src/main/java', 'src/main/kotlin']): string[] {
  const prefixes = sourceDirs.map((d) => `${join(dir, d.replace(/\/$/, ''))}/`);
  const out: string[] = [];
  for (const f of scan
    .withExt('.java', '.kt')
    .filter(
      (x) =>
        prefixes.some((p) => x.startsWith(p) && isBuilt(x.slice(p.length))) &&
        !/(^|\/)(module|package)-info\.java$/.test(x),
    )) {
    const src = scan.read(f) ?? '';
    const kotlin = f.endsWith('.kt');
    // Indentation is [ \t]*, never \s*: a \s* after ^ would run over every following blank line
    // again from each line start.
    const hasMain = kotlin
      ? /^fun main\s*\(/m.test(src)
      : /\bstatic\s+(?:public\s+)?void\s+main\s*\(\s*(?:final\s+)?String/.test(src) ||
        /^[ \t]*(?:public\s+)?(?:static\s+)?void\s+main\s*\(\s*\)/m.test(src);
    if (!hasMain) continue;
    const pkg = /^[ \t]*package[ \t]+([\w.]{1,200})[ \t]*(?:;[ \t]*)?$/m.exec(src)?.[1];
    const cls = basename(f).replace(/\.(java|kt)$/, '') + (kotlin ? 'Kt' : '');
    out.push(pkg ? `${pkg}.${cls}` : cls);
    if (out.length >= 50) break;
  }
  return out;
}

// ---------- Gradle ----------

const BUILD_GRADLE = ['build.gradle.kts', 'build.gradle'];
const SETTINGS_GRADLE = ['settings.gradle.kts', 'settings.gradle'];

function readGradle(scan: Scan): { modules: Module[]; buildFiles: string[]; rootName: string; projectDirs: string[] } {
  const settingsFile = SETTINGS_GRADLE.find((f) => scan.has(f));
  const settings = parseGradleSettings(settingsFile ? (scan.manifest(settingsFile) ?? '') : '');
  const rootName = settings.rootName ?? basename(scan.root);
  // Gradle names the root project after its folder when settings name none: in the image that
  // folder is /src (WORKDIR of templates/partials/build/java.hbs), whatever the project's folder is here.
  const rootProjectName = settings.rootName ?? 'src';
  const dirs = ['.', ...settings.includes.slice(0, MAX_MODULES)];
  const modules: Module[] = [];
  const buildFiles: string[] = settingsFile ? [settingsFile] : [];
  const rootScript = BUILD_GRADLE.map((f) => scan.manifest(f)).find((t) => t !== undefined);
  const rootParsed = parseGradle(rootScript ?? '');
  for (const dir of dirs) {
    const file = BUILD_GRADLE.map((f) => join(dir, f)).find((f) => scan.has(f));
    if (!file) continue;
    buildFiles.push(file);
    const g = parseGradle(scan.manifest(file) ?? '');
    const name = dir === '.' ? rootName : basename(dir);
    const projectName = dir === '.' ? rootProjectName : basename(dir);
    const bootId = g.plugins.includes('org.springframework.boot');
    const version =
      javaFeature(g.toolchain) ??
      javaFeature(g.sourceCompatibility) ??
      javaFeature(rootParsed.toolchain) ??
      javaFeature(rootParsed.sourceCompatibility);
    const versionSource = g.toolchain
      ? 'Java toolchain'
      : g.sourceCompatibility
        ? 'sourceCompatibility'
        : rootParsed.toolchain
          ? 'Java toolchain (root build file)'
          : 'sourceCompatibility (root build file)';
    const main = g.mainClass
      ? { value: g.mainClass, source: `${file}: application mainClass` }
      : g.manifestMain
        ? { value: g.manifestMain, source: `${file}: jar manifest Main-Class` }
        : undefined;
    const shadow = g.plugins.some((p) => /shadow/.test(p));
    let kind: Kind;
    let task: string;
    if (bootId) {
      kind = 'boot';
      task = 'bootJar';
    } else if (shadow && main) {
      kind = 'fat';
      task = 'shadowJar';
    } else if (g.plugins.includes('application')) {
      kind = 'classpath';
      task = 'installDist';
    } else if (g.manifestMain) {
      kind = 'jar';
      task = 'jar';
    } else {
      kind = 'classpath';
      task = 'installDist';
    }
    const runnable = bootId || main || g.plugins.includes('application');
    if (!runnable) continue;
    modules.push({
      dir,
      name,
      tool: 'gradle',
      kind,
      main,
      sourceMains: main || bootId ? [] : mainClassesIn(scan, dir),
      boot: bootId
        ? {
            version: g.pluginVersions['org.springframework.boot'],
            source: `${file}: plugin org.springframework.boot${g.pluginVersions['org.springframework.boot'] ? ` ${g.pluginVersions['org.springframework.boot']}` : ''}`,
          }
        : undefined,
      jar:
        task === 'installDist'
          ? join(dir, `build/install/${g.applicationName ?? projectName}/lib`)
          : join(dir, 'build/libs'),
      installName:
        task === 'installDist'
          ? {
              value: g.applicationName ?? projectName,
              source: g.applicationName
                ? `${file}: applicationName`
                : dir === '.'
                  ? settings.rootName
                    ? `${settingsFile}: rootProject.name`
                    : 'the folder the image builds in (/src)'
                  : `${settingsFile}: include`,
            }
          : undefined,
      deps: g.dependencies,
      version: version ? { value: version, source: `${file}: ${versionSource}` } : undefined,
      gradleTask: task,
    });
  }
  // What configures the build besides the scripts: properties, the gradle/ folder (the wrapper's
  // jar and properties, version catalogs), buildSrc and included builds (convention plugins).
  if (scan.has('gradle.properties')) buildFiles.push('gradle.properties');
  for (const d of ['gradle', 'buildSrc', ...settings.includedBuilds])
    if (scan.list(d)?.length) buildFiles.push(`${d}/`);
  return { modules, buildFiles, rootName, projectDirs: dirs };
}

// ---------- version ----------

/** The Temurin release to build and run with: the project's own, moved to one Temurin still publishes. */
function resolveVersion(
  scan: Scan,
  opts: ResolveOptions,
  fromBuild: Fact<number> | undefined,
  warnings: string[],
): Fact<string> {
  let want: Fact<number> | undefined;
  if (opts.langVersion !== undefined) {
    const n = javaFeature(opts.langVersion);
    if (!n)
      throw new UserError(
        'E_BAD_FLAG',
        `--lang-version "${shown(opts.langVersion)}" is not a Java release.`,
        'Use a feature release like 17 or 21.',
      );
    want = { value: n, source: '--lang-version' };
  }
  want ??= fromBuild;
  if (!want) {
    const jv = scan.manifest('.java-version', LIMITS.versionBytes)?.trim().split('\n')[0];
    const sdk = /^[ \t]*java[ \t]*=[ \t]*(\S{1,60})/m.exec(scan.manifest('.sdkmanrc', LIMITS.versionBytes) ?? '')?.[1];
    const asdf = versionFromToolVersions(scan, ['java']);
    for (const [raw, source] of [
      [jv, '.java-version'],
      [sdk, '.sdkmanrc'],
      [asdf, '.tool-versions'],
    ] as const) {
      const n = javaFeature(raw);
      if (n) {
        want = { value: n, source: `${source} (${shown(raw!, 30)})` };
        break;
      }
    }
  }
  if (!want)
    return {
      value: DATA.defaultVersion,
      source: `no version in the build files: the newest LTS release (Java ${DATA.defaultVersion}, checked ${DATA.supportChecked})`,
    };
  const v = want.value;
  // Java 8 in a build file is a bytecode target that keeps old users working, rarely a need for
  // Java 8 itself: build and run with 17, which still compiles for it and has jlink. Only
  // --lang-version asks for a Java 8 runtime (a JRE image: JDK 8 has no jlink).
  if (v < 11 && want.source !== '--lang-version') {
    warnings.push(
      `${shown(want.source, 60)} targets Java ${v}: built and run with Java 17, which still compiles for ${v}. Pass --lang-version ${v} for a Java ${v} runtime (a JRE image only: JDK ${v} has no jlink).`,
    );
    return { value: '17', source: `${want.source}, a target older than 11: Java 17 compiles for it and runs it` };
  }
  if (LTS.includes(v) || v === CURRENT) return { value: String(v), source: want.source };
  if (v > CURRENT) {
    warnings.push(
      `Java ${v} (${want.source}) is newer than ${CURRENT}, the newest release known here: the image tag may not exist yet.`,
    );
    return { value: String(v), source: want.source };
  }
  const up = LTS.find((l) => l >= v) ?? CURRENT;
  warnings.push(
    `Java ${v} (${shown(want.source, 60)}) has no maintained Temurin image; building and running with Java ${up}, which runs code compiled for ${v}. Pass --lang-version to choose.`,
  );
  return {
    value: String(up),
    source: `${want.source}, moved to Java ${up} (Temurin publishes ${[...LTS, CURRENT].join(', ')})`,
  };
}

// ---------- ports ----------

const JAVA_PORT_PATTERNS: PortPattern[] = [
  /\bJavalin\.create\([^)\n]{0,200}\)\s*\.start\(\s*(\d{2,5})\s*\)/,
  /\.start\(\s*(\d{2,5})\s*\)/,
  /new\s+InetSocketAddress\(\s*(?:"[\w.:-]{1,60}"\s*,\s*)?(\d{2,5})\s*\)/,
  /new\s+ServerSocket\(\s*(\d{2,5})\s*[,)]/,
  /\bport\(\s*(\d{2,5})\s*\)/,
];

/** A port written as a number, or as a placeholder with a default (${PORT:8080}); the number as text. */
function portValue(v: unknown): string | undefined {
  const t = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
  const m = /^(?:(\d{2,5})|\$\{[\w.]{1,60}:(\d{2,5})\})$/.exec(t);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** server.port in application.properties, read a line at a time (key = value, key: value). */
function propertiesPort(src: string): string | undefined {
  for (const raw of src.split('\n')) {
    if (raw.length > 1000) continue;
    const line = raw.trim();
    if (!line.startsWith('server.port')) continue;
    const m = /^server\.port[ \t]*[=:](.*)$/.exec(line);
    const v = m ? portValue(m[1]) : undefined;
    if (v) return v;
  }
  return undefined;
}

/** server.port in application.yml, parsed as YAML: the first document that sets it (server: port:, or a server.port key). */
function yamlPort(src: string): string | undefined {
  let docs: unknown[];
  try {
    docs = parseAllDocuments(src).map((d) =>
      d.errors.length ? undefined : (d.toJS({ maxAliasCount: 100 }) as unknown),
    );
  } catch {
    return undefined;
  }
  for (const doc of docs) {
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) continue;
    const own = (o: object, k: string): unknown =>
      Object.hasOwn(o, k) ? (o as Record<string, unknown>)[k] : undefined;
    const server = own(doc, 'server');
    const v =
      portValue(server !== null && typeof server === 'object' ? own(server, 'port') : undefined) ??
      portValue(own(doc, 'server.port'));
    if (v) return v;
  }
  return undefined;
}

function springPort(scan: Scan, dir: string): Fact<number> | undefined {
  const res = join(dir, 'src/main/resources');
  for (const f of ['application.properties', 'application.yml', 'application.yaml']) {
    const rel = `${res}/${f}`;
    const src = scan.read(rel, 256 * 1024);
    if (src === undefined) continue;
    const port = f.endsWith('.properties') ? propertiesPort(src) : yamlPort(src);
    if (port) return { value: Number(port), source: `${rel}: server.port ${port}` };
  }
  return undefined;
}

// ---------- modules jlink must add ----------

/** Modules that jdeps cannot see (loaded by name at run time), from data/java-modules.json and the sources. */
function extraModules(
  scan: Scan,
  mod: Module,
  version: number,
  sources: string[],
  flag: string[] | undefined,
): { modules: string[]; why: string[] } {
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

// ---------- the language ----------

export const java: Language = {
  ids: ['java'],

  detect(scan: Scan): Detection[] {
    const evidence: string[] = [];
    let score = 0;
    if (scan.has('pom.xml')) {
      score += 100;
      evidence.push('pom.xml');
    }
    const gradle = [...BUILD_GRADLE, ...SETTINGS_GRADLE].filter((f) => scan.has(f));
    if (gradle.length) {
      score += 100;
      evidence.push(...gradle);
    }
    for (const w of ['mvnw', 'gradlew'])
      if (scan.has(w)) {
        score += 10;
        evidence.push(w);
      }
    const sources = scan.withExt('.java').filter((f) => isBuilt(f) && !f.startsWith('src/test/'));
    score += sourcePoints(sources, '.java', evidence);
    return score >= 100
      ? [{ lang: 'java', score, evidence }]
      : score
        ? [{ lang: 'java', score: Math.min(score, 30), evidence }]
        : [];
  },

  resolve(scan: Scan, _lang, opts: ResolveOptions): Resolved {
    const warnings: string[] = [];
    const decisions: Decision[] = [];
    const maven = scan.has('pom.xml');
    if (maven && [...BUILD_GRADLE, ...SETTINGS_GRADLE].some((f) => scan.has(f)))
      decisions.push({
        topic: 'Build tool',
        choice: 'Maven',
        because:
          'both pom.xml and Gradle build files are here: Maven is the one read (a project that keeps both builds the same program with either)',
      });
    let modules: Module[];
    let buildFiles: string[];
    /** Folders of the build's modules (Maven) or projects (Gradle). */
    let moduleDirs: string[];
    let gradleVersion: string | undefined;
    let gradleRoot: string | undefined;
    const wrapper = maven
      ? scan.has('mvnw') && scan.has('.mvn/wrapper/maven-wrapper.properties')
      : scan.has('gradlew') && scan.has('gradle/wrapper/gradle-wrapper.properties');
    if (maven) {
      const nodes = readMaven(scan, warnings);
      if (!nodes.length)
        throw new UserError(
          'E_NO_PROJECT',
          'pom.xml could not be read.',
          "Run it in the folder of the project's pom.xml.",
        );
      modules = nodes.map((n) => mavenModule(scan, n, nodes)).filter((m): m is Module => !!m);
      moduleDirs = nodes.map((n) => n.dir);
      buildFiles = nodes.map((n) =>
        copiedPath(
          n.file,
          'POM',
          'pom.xml <modules>',
          `Rename the folder ${shown(n.dir)} to a plain name (letters, digits, . _ + -) and change the <module> (or <relativePath>) that names it: the Dockerfile copies each POM by its path.`,
        ),
      );
      if (wrapper) buildFiles.push('mvnw', '.mvn/');
      if (scan.has('.mvn/maven.config') || scan.has('.mvn/jvm.config'))
        if (!buildFiles.includes('.mvn/')) buildFiles.push('.mvn/');
    } else if ([...BUILD_GRADLE, ...SETTINGS_GRADLE].some((f) => scan.has(f))) {
      const g = readGradle(scan);
      modules = g.modules;
      moduleDirs = g.projectDirs;
      gradleRoot = g.rootName;
      // Gradle's usual layout keeps the program in a subproject named app: the build's name is the program's.
      if (modules.length === 1) modules[0]!.name = g.rootName;
      buildFiles = g.buildFiles.map((f) =>
        copiedPath(
          f,
          'Gradle build file',
          'settings.gradle',
          `Rename ${shown(f)} to a plain path (letters, digits, . _ + - /) and change settings.gradle to match: the Dockerfile copies each build file by its path.`,
        ),
      );
      if (wrapper) buildFiles.push('gradlew');
      gradleVersion = gradleWrapperVersion(scan.read('gradle/wrapper/gradle-wrapper.properties', 64 * 1024) ?? '');
      if (!wrapper)
        warnings.push(
          "There is no Gradle wrapper (gradlew): the build uses the gradle image's Gradle, which may differ from the one the project was written for. Run gradle wrapper and commit it.",
        );
    } else {
      throw new UserError(
        'E_NO_PROJECT',
        'No pom.xml or Gradle build file here: a Java project needs one to build in an image.',
        'Run it in the folder of pom.xml or build.gradle(.kts).',
      );
    }

    // Programs: modules that make a runnable jar, by main class.
    const entries: Choice[] = [];
    for (const m of helpersLast(modules, (x) => x.name)) {
      const where = m.dir === '.' ? '' : ` (${m.dir})`;
      if (m.boot || m.main)
        entries.push({ value: m.dir, label: `${m.name}${where}`, source: m.boot?.source ?? m.main!.source });
      else
        for (const c of m.sourceMains)
          entries.push({
            value: m.sourceMains.length > 1 ? `${m.dir}::${c}` : m.dir,
            label: `${m.name}: ${c}${where}`,
            source: `a main method in ${c}`,
          });
    }
    if (!entries.length) {
      // --entry only chooses among programs found, so the fix is in the build.
      throw new UserError(
        'E_NO_ENTRY',
        `No runnable program found: ${modules.length ? `${listed(modules.map((m) => m.name))} name no main class` : 'no module builds a jar'}.`,
        maven
          ? 'Name the main class in the pom (maven-jar-plugin <archive><manifest><mainClass>, or a property start-class), or add a class with a main method under src/main/java.'
          : "Apply the application plugin and name the main class in the build script: plugins { id 'application' } and application { mainClass = 'com.example.Main' }.",
      );
    }
    const moduleOf = (e: Choice) => modules.find((m) => m.dir === e.value.split('::')[0])!;
    const nameOf = (e: Choice) => moduleOf(e).name;
    let wanted = opts.entry;
    if (wanted !== undefined) {
      const byClass = entries.find(
        (e) =>
          e.value.endsWith(`::${wanted}`) ||
          e.value.split('::')[1]?.split('.').pop() === wanted ||
          moduleOf(e).main?.value === wanted ||
          (moduleOf(e).sourceMains.length === 1 &&
            [moduleOf(e).sourceMains[0], moduleOf(e).sourceMains[0]!.split('.').pop()].includes(wanted)),
      );
      if (byClass) wanted = byClass.value;
    }
    const rootName = maven
      ? (modules.find((m) => m.dir === '.')?.name ?? basename(scan.root))
      : (gradleRoot ?? basename(scan.root));
    const entry = pickEntry(entries, wanted, nameOf, rootName, warnings, opts.entrySource);
    const chosen = entries.find((e) => e.value === entry.value)!;
    const mod = moduleOf(chosen);
    const mainClass =
      mod.main?.value ?? (chosen.value.includes('::') ? chosen.value.split('::')[1] : mod.sourceMains[0]);
    // The image's name: the build's own, or made a plain word from it ("My App" -> my-app); the
    // build itself keeps its name (the paths that carry it are quoted).
    const name = plainWord(mod.name)
      ? mod.name
      : plainName(mod.name, 'Program name', maven ? join(mod.dir, 'pom.xml') : 'settings.gradle');
    if (mainClass && !JAVA_CLASS.test(mainClass)) {
      throw new UserError(
        'E_UNSAFE_VALUE',
        `Main class "${shown(mainClass)}" (from ${shown(mod.main?.source ?? 'the sources', 80)}) is not a Java class name.`,
        `Name the class with its package (com.example.Main) in ${shown(mod.main?.source.split(':')[0] ?? 'the build file', 80)}${entries.length > 1 ? ', or choose another program with --entry' : ''}.`,
      );
    }
    if (mod.installName) installFolder(mod.installName, mod.dir);
    decisions.push({
      topic: 'Program',
      choice: `${name}${mod.dir === '.' ? '' : ` (${mod.dir})`}${mod.boot ? ', a Spring Boot application' : mainClass ? `, main class ${mainClass}` : ''}`,
      because: entry.source,
    });
    decisions.push({
      topic: 'Build',
      choice: `${mod.tool === 'maven' ? (wrapper ? 'the Maven wrapper (mvnw)' : 'Maven') : wrapper ? `the Gradle wrapper (gradlew${gradleVersion ? `, Gradle ${gradleVersion}` : ''})` : 'Gradle'}, tests skipped in the image build`,
      because: `${maven ? 'pom.xml' : 'Gradle build files'}${wrapper ? ' and the wrapper' : ''}; tests belong in CI, not in every image build`,
    });

    const version = resolveVersion(scan, opts, mod.version, warnings);
    decisions.push({ topic: 'Java version', choice: version.value, because: version.source });
    const v = Number(version.value);

    const kindWords: Record<Kind, string> = {
      boot: `a Spring Boot jar, extracted into layers (${bootLayout(mod.boot?.version) === 'tools' ? 'jarmode=tools, Boot 3.3+' : 'jarmode=layertools, Boot before 3.3'}): a code change re-sends only the application layer`,
      fat: 'a jar with its dependencies inside, started with java -jar',
      jar: 'a jar without dependencies, started with java -jar',
      classpath: `the jar with its dependencies in lib/, started by main class ${mainClass ?? ''}`,
    };
    decisions.push({
      topic: 'Packaging',
      choice: kindWords[mod.kind],
      because: mod.boot?.source ?? mod.main?.source ?? 'the build files',
    });

    const sources = scan.withExt('.java', '.kt').filter((f) => f.startsWith(join(mod.dir, 'src/main/')));
    const extra = extraModules(scan, mod, v, sources, opts.jlinkModules);
    // starter-web also finds starter-webflux.
    const isWeb = mod.deps.some(
      (d) =>
        /^org\.springframework\.boot:spring-boot-starter-(?:web|jersey)/.test(d) ||
        /^io\.(micronaut|quarkus)[\w.]*:/.test(d),
    );
    const javalin = mod.deps.find((d) => d.startsWith('io.javalin:javalin'));
    const port =
      opts.port !== undefined
        ? { value: opts.port, source: '--port' }
        : (springPort(scan, mod.dir) ??
          findPort(scan, sources, JAVA_PORT_PATTERNS) ??
          (isWeb
            ? {
                value: 8080,
                source: `${mod.deps.find((d) => /spring-boot-starter-web|micronaut|quarkus/.test(d))} (its default port)`,
              }
            : undefined) ??
          (javalin ? { value: 8080, source: `${javalin} (its default port, when start() names none)` } : undefined) ??
          portFromDockerfile(scan));

    // Ways to run: the jar on a JRE image, or on a runtime cut by jlink (which JDK 8 lacks).
    const jar: Strategy = {
      id: 'java-jre',
      libc: 'glibc',
      requires: [`java${v}`],
      runtimes: ['jre', 'distroless'],
      summary: `a jar run by the image's Java ${v} runtime`,
      fix: 'choose jre, or a jlink runtime (busybox-glibc, slim)',
    };
    const jlinkWords = `a jar on a Java ${v} runtime made by jlink with only the modules it uses`;
    const jlink: Strategy = {
      id: 'java-jlink',
      libc: 'glibc',
      requires: ['glibc', 'libz', 'libstdc++', 'libgcc_s'],
      runtimes: ['slim'],
      summary: jlinkWords,
    };
    const jlinkLibs: Strategy = {
      id: 'java-jlink-libs',
      libc: 'glibc',
      requires: ['glibc'],
      runtimes: ['busybox-glibc'],
      summary: `${jlinkWords}, and the libraries it loads (libz, libstdc++, libgcc_s) copied from the build stage`,
    };
    const jlinkMusl: Strategy = {
      id: 'java-jlink-musl',
      libc: 'musl',
      requires: ['musl'],
      runtimes: ['alpine'],
      summary: `a jar on a Java ${v} runtime made by jlink from Temurin's Alpine (musl) JDK`,
    };
    const refusals: Refusals = {
      scratch: {
        reason:
          'a Java runtime is a dynamically linked program: the JVM needs a C library and its loader, and scratch has neither',
        short: 'needs a C library',
        fix: 'choose busybox-glibc (the smallest image a jlink runtime runs on)',
      },
    };
    let strategies: Strategy[];
    if (v < 11) {
      const why = `JDK ${v} has no jlink (it came with Java 9), so there is no runtime cut to the app's modules`;
      for (const r of ['busybox-glibc', 'slim', 'alpine'] as RuntimeId[])
        refusals[r] = {
          reason: why,
          short: 'needs Java 11+',
          fix: `choose jre, or move the project to Java 11 or newer`,
        };
      strategies = [jar];
    } else {
      strategies = [jar, jlinkLibs, jlink, jlinkMusl];
    }
    if (!DATA.distroless!.includes(String(v)))
      refusals.distroless = {
        reason: `distroless has Java images for ${DATA.distroless!.join(' and ')} only (gcr.io/distroless/javaNN-debian12), not for ${v}`,
        short: `no Java ${v} image`,
        fix: 'choose jre, or a jlink runtime (busybox-glibc, slim)',
      };
    decisions.push({
      topic: 'jlink modules',
      choice:
        v < 11
          ? 'none (no jlink before Java 9)'
          : `what jdeps finds in the jar and its dependencies, at build time${extra.modules.length ? `, plus ${extra.modules.join(', ')}` : ''}`,
      because: extra.why.join('; ') || 'jdeps --print-module-deps over the application',
    });

    return {
      lang: 'java',
      name,
      version,
      entries,
      entry,
      port,
      needs: mod.kind === 'boot' ? { tmp: 'Spring Boot (Tomcat) writes to /tmp' } : {},
      strategies,
      refusals,
      builderGlibc: DATA.builderGlibc,
      decisions,
      warnings,
      ignore: ['target/', 'build/', '.gradle/', '*.class', '.idea/', '*.iml'],
      // What the build copies by name (POMs, scripts, the wrapper, gradle/ and buildSrc/) and the
      // modules' folders it builds: a module may sit in a folder called build/ or target/.
      keep: [...new Set([...buildFiles.map((f) => f.replace(/\/$/, '')), ...moduleDirs.filter((d) => d !== '.')])],
      own: {
        tool: mod.tool,
        wrapper,
        dir: mod.dir,
        kind: mod.kind,
        jar: mod.jar,
        mainClass,
        boot: bootLayout(mod.boot?.version),
        bootVersion: mod.boot?.version,
        buildFiles,
        modules: extra.modules,
        gradleTask: mod.gradleTask,
        gradleVersion,
      } satisfies JavaInfo,
    };
  },

  build(resolved: Resolved, strategy: Strategy): BuildSpec {
    const info = resolved.own as JavaInfo;
    const v = resolved.version.value;
    const jlink = strategy.id !== 'java-jre';
    const musl = strategy.id === 'java-jlink-musl';
    const bundle = strategy.id === 'java-jlink-libs';
    const tool = info.tool === 'maven' ? (info.wrapper ? './mvnw' : 'mvn') : info.wrapper ? './gradlew' : 'gradle';
    const image =
      info.tool === 'maven'
        ? info.wrapper
          ? 'eclipse-temurin:${JAVA_VERSION}-jdk'
          : 'maven:3.9-eclipse-temurin-${JAVA_VERSION}'
        : info.wrapper
          ? 'eclipse-temurin:${JAVA_VERSION}-jdk'
          : `gradle:${Number(v) >= 17 ? '9' : '8'}-jdk\${JAVA_VERSION}`;
    const pl = info.tool === 'maven' && info.dir !== '.' ? ` -pl ${shellWord(info.dir)} -am` : '';
    const cache = info.tool === 'maven' ? '/root/.m2' : '/root/.gradle';
    const project = info.tool === 'gradle' && info.dir !== '.' ? `:${info.dir.replace(/\//g, ':')}:` : '';
    let deps: string;
    const build: string[] = [];
    // Everything the final stage needs ends up under /app in the build stage.
    // A Spring Boot jar is extracted from /build into /app; any other jar goes to /app as it is.
    const jarTo = info.kind === 'boot' ? '/build/app.jar' : '/app/app.jar';
    const mkdirs = info.kind === 'boot' ? 'mkdir -p /build /app' : 'mkdir -p /app';
    const pick = (folder: string) => [
      `jar="$(ls ${shellWord(folder)}/*.jar | grep -v -e '-plain\\.jar$' -e '-sources\\.jar$' -e '-javadoc\\.jar$' | head -n 1)"`,
      'test -n "$jar"',
      `cp "$jar" ${jarTo}`,
    ];
    if (info.tool === 'maven') {
      const flags = `-B -ntp${pl}`;
      // go-offline reaches further than a build does (every profile's plugins, test scopes): what it
      // cannot fetch, the package step fetches when it needs it, and fails there if it really is missing.
      deps = `${tool} ${flags} dependency:go-offline || echo 'Some dependencies could not be fetched ahead; the package step fetches what it needs.'`;
      const copyDeps =
        info.kind === 'classpath'
          ? ' dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/app/lib'
          : '';
      build.push(`${tool} ${flags} -DskipTests package${copyDeps}`, mkdirs, `cp ${shellWord(info.jar)} ${jarTo}`);
    } else {
      const flags = '--no-daemon --console=plain';
      deps = `${tool} ${flags} ${project}dependencies > /dev/null`;
      const task = info.gradleTask ?? 'build';
      build.push(
        `${tool} ${flags} ${project}${task} -x test`,
        mkdirs,
        ...(task === 'installDist'
          ? [`cp -r ${shellWord(info.jar)} /app/lib`, 'ls /app/lib/*.jar > /dev/null']
          : pick(info.jar)),
      );
    }
    if (info.kind === 'boot') {
      build.push(
        'cd /build',
        info.boot === 'tools'
          ? 'java -Djarmode=tools -jar app.jar extract --layers --destination /app'
          : 'java -Djarmode=layertools -jar app.jar extract --destination /app',
      );
    }
    // What jdeps reads: the application and the class path it runs with.
    const jdepsTarget =
      info.kind === 'boot'
        ? info.boot === 'tools'
          ? { cp: '/app/dependencies/lib/*:/app/snapshot-dependencies/lib/*', app: '/app/application/app.jar' }
          : {
              cp: '/app/dependencies/BOOT-INF/lib/*:/app/snapshot-dependencies/BOOT-INF/lib/*',
              app: '/app/application/BOOT-INF/classes',
            }
        : info.kind === 'classpath'
          ? info.tool === 'gradle' && info.gradleTask === 'installDist'
            ? { cp: '/app/lib/*', app: '/app/lib/*.jar' }
            : { cp: '/app/lib/*', app: '/app/app.jar' }
          : { cp: '', app: '/app/app.jar' };
    const compress = Number(v) >= 21 ? '--compress=zip-6' : '--compress=2';
    const extra = info.modules.length ? `,${info.modules.join(',')}` : '';
    const jdeps = `jdeps --ignore-missing-deps --print-module-deps --recursive --multi-release "$JAVA_VERSION" -q${jdepsTarget.cp ? ` --class-path '${jdepsTarget.cp}'` : ''} ${jdepsTarget.app}`;

    // What the final stage copies, and how it starts the program.
    const copies: { from: string; src: string; dest: string; why: string }[] = [];
    if (jlink)
      copies.push({
        from: 'runtime',
        src: '/runtime',
        dest: '/opt/java/openjdk',
        why: 'the Java runtime, cut by jlink to the modules the application uses',
      });
    if (bundle)
      copies.push({
        from: 'runtime',
        src: '/runtime-libs/',
        dest: '/lib/',
        why: 'the shared libraries the runtime loads that busybox lacks (found by ldd in the runtime stage)',
      });
    const app = '/app';
    if (info.kind === 'boot') {
      for (const layer of ['dependencies', 'spring-boot-loader', 'snapshot-dependencies', 'application']) {
        copies.push({
          from: 'build',
          src: `/app/${layer}/`,
          dest: '/app/',
          why:
            layer === 'dependencies'
              ? 'Spring Boot layers, least changing first: dependencies'
              : layer === 'application'
                ? 'the application itself (the layer a code change replaces)'
                : layer,
        });
      }
    } else {
      copies.push({
        from: 'build',
        src: '/app/',
        dest: '/app/',
        why: info.kind === 'classpath' ? 'the application jar and its dependencies (lib/)' : 'the application jar',
      });
    }
    const javaBin = jlink ? '/opt/java/openjdk/bin/java' : 'java';
    const command =
      info.kind === 'boot'
        ? info.boot === 'tools'
          ? [javaBin, '-jar', `${app}/app.jar`]
          : [javaBin, info.bootLauncher ?? launcherFor(info.bootVersion)]
        : info.kind === 'classpath'
          ? [
              javaBin,
              '-cp',
              info.tool === 'gradle' && info.gradleTask === 'installDist'
                ? `${app}/lib/*`
                : `${app}/app.jar:${app}/lib/*`,
              info.mainClass!,
            ]
          : [javaBin, '-jar', `${app}/app.jar`];
    return {
      partial: 'java',
      image,
      args: [{ name: 'JAVA_VERSION', value: v }],
      artifact: '/app',
      copies,
      entrypoint: command,
      env: jlink ? ['JAVA_HOME=/opt/java/openjdk', 'PATH=/opt/java/openjdk/bin:$PATH'] : [],
      vars: {
        tool: info.tool === 'maven' ? 'Maven' : 'Gradle',
        wrapper: info.wrapper,
        gradle: info.tool === 'gradle',
        buildFiles: info.buildFiles.map((f) => ({
          src: f,
          dest: f.endsWith('/') ? f : dirname(f) === '.' ? './' : `${dirname(f)}/`,
        })),
        cache,
        deps,
        build,
        jlink,
        musl,
        bundle,
        runtimeImage: musl ? 'eclipse-temurin:${JAVA_VERSION}-jdk-alpine' : 'eclipse-temurin:${JAVA_VERSION}-jdk',
        jdeps,
        jlinkCmd: `jlink --add-modules "$modules${extra}" --strip-debug --no-man-pages --no-header-files ${compress} --output /runtime`,
        boot: info.kind === 'boot',
      },
    };
  },
};

/** Which extraction a Spring Boot version supports: jarmode=tools from 3.3, layertools before. */
function bootLayout(version: string | undefined): 'tools' | 'layertools' {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return 'tools';
  const [maj, min] = [Number(m[1]), Number(m[2])];
  return maj > 3 || (maj === 3 && min >= 3) ? 'tools' : 'layertools';
}

/** The launcher class of an extracted Boot jar before 3.3: it moved to ...loader.launch in 3.2. */
function launcherFor(version: string | undefined): string {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  return m && (Number(m[1]) > 3 || (Number(m[1]) === 3 && Number(m[2]) >= 2))
    ? 'org.springframework.boot.loader.launch.JarLauncher'
    : 'org.springframework.boot.loader.JarLauncher';
}

interface JavaInfo {
  tool: 'maven' | 'gradle';
  wrapper: boolean;
  dir: string;
  kind: Kind;
  jar: string;
  mainClass?: string | undefined;
  boot: 'tools' | 'layertools';
  bootVersion?: string | undefined;
  bootLauncher?: string | undefined;
  buildFiles: string[];
  modules: string[];
  gradleTask?: string | undefined;
  gradleVersion?: string | undefined;
}
