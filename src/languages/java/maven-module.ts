import { basename } from 'node:path';
import type { Scan } from '../../core/scan.js';
import { shown } from '../../core/quote.js';
import type { Fact } from '../../core/types.js';
import { joinRel as join } from '../shared.js';
import { interpolate } from './interpolate.js';
import { mainClassesIn } from './main-classes.js';
import { parentsOf, type PomNode } from './maven-tree.js';
import type { Kind, Module } from './module.js';
import { configList, configValue, type PomPlugin } from './pom.js';
import { javaFeature } from './version.js';

/**
 * A Maven module as a program: its properties and plugins as Maven sees them (inherited from the
 * parents in the project), the main class its plugins name, the jar it makes and its Java version.
 */

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

/** Scopes whose dependencies are not on the class path the program runs with. */
const SKIPPED_SCOPES = new Set(['test', 'provided', 'system', 'import']);

/** A module of jar packaging as a program; nothing for a pom, war or other packaging. */
export function mavenModule(scan: Scan, node: PomNode, all: PomNode[]): Module | undefined {
  const pom = node.pom;
  if (pom.packaging !== 'jar' && pom.packaging !== 'bundle') return undefined;
  const props = propertiesOf(node);
  const plugins = pluginsOf(scan, node);
  const name = pom.artifactId ?? basename(scan.root);
  const finalName = interpolate(pom.finalName ?? `${name}-${props.get('project.version') ?? ''}`, props)!;
  const said = readPlugins(node, props, plugins);
  const deps = pom.dependencies.map((d) => `${d.groupId}:${d.artifactId}`);
  const bootVersion = bootVersionOf(node, props, said.bootPlugin);
  const boot = said.bootPlugin
    ? {
        version: bootVersion,
        source: `${node.file}: spring-boot-maven-plugin${bootVersion ? ` (Spring Boot ${bootVersion})` : ''}`,
      }
    : undefined;
  const runtimeDeps =
    pom.dependencies.some((d) => !SKIPPED_SCOPES.has(d.scope ?? 'compile') && d.type !== 'pom') ||
    all.some((n) => n !== node && n.pom.artifactId && pom.dependencies.some((d) => d.artifactId === n.pom.artifactId));
  // Quarkus builds the application from its plugin (target/quarkus-app): it has no main class of its own.
  const quarkusPlugin = !boot ? plugins.find((p) => p.artifactId === 'quarkus-maven-plugin') : undefined;
  const quarkus = quarkusPlugin ? { source: `${node.file}: quarkus-maven-plugin` } : undefined;
  const { kind, jar } = quarkus
    ? { kind: 'quarkus' as const, jar: `${join(node.dir, 'target')}/quarkus-app` }
    : packagingOf(node, props, finalName, said, !!boot, runtimeDeps);
  const sourceMains =
    said.configured.length || boot || quarkus
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
    main: said.configured[0],
    sourceMains,
    boot,
    quarkus,
    jar,
    deps,
    version: mavenJavaVersion(node, props, plugins),
  };
}

/** What a module's plugins say: the main classes they name, in the order they count, and the plugins that make the jar. */
interface PluginsSay {
  configured: Fact<string>[];
  bootPlugin: PomPlugin | undefined;
  shade: PomPlugin | undefined;
  shadeMain: string | undefined;
  assembly: PomPlugin | undefined;
  assemblyFat: boolean;
  /** The maven-jar-plugin execution that makes a classifier jar with a main class. */
  classifierJar: Record<string, unknown> | undefined;
}

function readPlugins(node: PomNode, props: Map<string, string>, plugins: PomPlugin[]): PluginsSay {
  const plugin = (id: string) => plugins.find((p) => p.artifactId === id);
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
  return { configured, bootPlugin, shade, shadeMain, assembly, assemblyFat, classifierJar };
}

/** The kind of jar the module makes, and where the build puts it (relative to the project). */
function packagingOf(
  node: PomNode,
  props: Map<string, string>,
  finalName: string,
  said: PluginsSay,
  boot: boolean,
  runtimeDeps: boolean,
): { kind: Kind; jar: string } {
  const { bootPlugin, shade, shadeMain, assembly, assemblyFat, classifierJar, configured } = said;
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
  return { kind, jar };
}

/** The Spring Boot version: a Boot parent or BOM in the module's POMs or its parents', else the plugin's version. */
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

/** The Java release the module compiles for: the first of release, target, java.version and source that names one. */
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
