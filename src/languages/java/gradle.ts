import { basename } from 'node:path';
import { readToml } from '../../core/parse.js';
import type { Scan } from '../../core/scan.js';
import type { Fact } from '../../core/types.js';
import { joinRel as join } from '../shared.js';
import {
  BUILD_GRADLE,
  parseGradle,
  parseGradleSettings,
  pluginCatalog,
  SETTINGS_GRADLE,
  type PluginCatalog,
  type GradleScript,
  type GradleSettings,
} from './gradle-files.js';
import { mainClassesIn } from './main-classes.js';
import { MAX_MODULES, type Kind, type Module } from './module.js';
import { javaFeature } from './version.js';

/** A Gradle build's projects as programs, from settings.gradle and each project's build script. */

/** What every project of the build reads from the settings and the root build script. */
interface GradleBuild {
  settings: GradleSettings;
  settingsFile: string | undefined;
  rootName: string;
  /** The root project's name inside the image. */
  rootProjectName: string;
  rootParsed: GradleScript;
  /** The version catalog's plugins, for `alias(libs.plugins.…)`. */
  catalog: PluginCatalog;
}

export function readGradle(scan: Scan): {
  modules: Module[];
  buildFiles: string[];
  rootName: string;
  projectDirs: string[];
} {
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
  const catalog = pluginCatalog(readToml(scan, 'gradle/libs.versions.toml')?.plugins);
  const build: GradleBuild = {
    settings,
    settingsFile,
    rootName,
    rootProjectName,
    rootParsed: parseGradle(rootScript ?? '', catalog),
    catalog,
  };
  for (const dir of dirs) {
    const file = BUILD_GRADLE.map((f) => join(dir, f)).find((f) => scan.has(f));
    if (!file) continue;
    buildFiles.push(file);
    const mod = gradleModule(scan, build, dir, file);
    if (mod) modules.push(mod);
  }
  // What configures the build besides the scripts: properties, the gradle/ folder (the wrapper's
  // jar and properties, version catalogs), buildSrc and included builds (convention plugins).
  if (scan.has('gradle.properties')) buildFiles.push('gradle.properties');
  for (const d of ['gradle', 'buildSrc', ...settings.includedBuilds])
    if (scan.list(d)?.length) buildFiles.push(`${d}/`);
  return { modules, buildFiles, rootName, projectDirs: dirs };
}

/** One project as a program: nothing when it makes nothing runnable (no Boot, application plugin or main class). */
function gradleModule(scan: Scan, build: GradleBuild, dir: string, file: string): Module | undefined {
  const g = parseGradle(scan.manifest(file) ?? '', build.catalog);
  const name = dir === '.' ? build.rootName : basename(dir);
  const projectName = dir === '.' ? build.rootProjectName : basename(dir);
  const bootId = g.plugins.includes('org.springframework.boot');
  const main = g.mainClass
    ? { value: g.mainClass, source: `${file}: application mainClass` }
    : g.manifestMain
      ? { value: g.manifestMain, source: `${file}: jar manifest Main-Class` }
      : undefined;
  const quarkusId = !bootId && g.plugins.includes('io.quarkus');
  const { kind, task } = quarkusId
    ? { kind: 'quarkus' as const, task: 'quarkusBuild' }
    : gradlePackaging(g, bootId, main);
  const runnable = bootId || quarkusId || main || g.plugins.includes('application');
  if (!runnable) return undefined;
  const bootVersion = g.pluginVersions['org.springframework.boot'];
  return {
    dir,
    name,
    tool: 'gradle',
    kind,
    main,
    sourceMains: main || bootId || quarkusId ? [] : mainClassesIn(scan, dir),
    quarkus: quarkusId ? { source: `${file}: plugin io.quarkus` } : undefined,
    boot: bootId
      ? {
          version: bootVersion,
          source: `${file}: plugin org.springframework.boot${bootVersion ? ` ${bootVersion}` : ''}`,
        }
      : undefined,
    jar:
      task === 'installDist'
        ? join(dir, `build/install/${g.applicationName ?? projectName}/lib`)
        : quarkusId
          ? join(dir, 'build/quarkus-app')
          : join(dir, 'build/libs'),
    installName:
      task === 'installDist'
        ? { value: g.applicationName ?? projectName, source: installNameSource(build, g, dir, file) }
        : undefined,
    deps: g.dependencies,
    version: gradleJavaVersion(g, build.rootParsed, file),
    gradleTask: task,
  };
}

/** The task that builds the project, and the kind of jar it makes. */
function gradlePackaging(
  g: GradleScript,
  bootId: boolean,
  main: Fact<string> | undefined,
): { kind: Kind; task: string } {
  const shadow = g.plugins.some((p) => /shadow/.test(p));
  if (bootId) return { kind: 'boot', task: 'bootJar' };
  if (shadow && main) return { kind: 'fat', task: 'shadowJar' };
  if (g.plugins.includes('application')) return { kind: 'classpath', task: 'installDist' };
  if (g.manifestMain) return { kind: 'jar', task: 'jar' };
  return { kind: 'classpath', task: 'installDist' };
}

/** Where the name of the folder installDist fills comes from. */
function installNameSource(build: GradleBuild, g: GradleScript, dir: string, file: string): string {
  if (g.applicationName) return `${file}: applicationName`;
  if (dir !== '.') return `${build.settingsFile}: include`;
  return build.settings.rootName ? `${build.settingsFile}: rootProject.name` : 'the folder the image builds in (/src)';
}

/** The project's Java version: its own toolchain or sourceCompatibility, else the root build file's. */
function gradleJavaVersion(g: GradleScript, rootParsed: GradleScript, file: string): Fact<number> | undefined {
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
  return version ? { value: version, source: `${file}: ${versionSource}` } : undefined;
}
