import { isUserError, UserError } from '../../core/errors.js';
import { safeRelPath, shown } from '../../core/quote.js';
import type { Scan } from '../../core/scan.js';
import type { Decision } from '../../core/types.js';
import { BUILD_GRADLE, gradleWrapperVersion, SETTINGS_GRADLE } from './gradle-files.js';
import { readGradle } from './gradle.js';
import { mavenModule } from './maven-module.js';
import { readMaven } from './maven-tree.js';
import type { Module } from './module.js';

/** The build the project has, Maven or Gradle: its modules and the files the image copies before the sources. */
export interface JavaBuild {
  maven: boolean;
  wrapper: boolean;
  modules: Module[];
  /** What the dependency step copies by name: POMs or Gradle scripts, the wrapper, gradle/ and buildSrc/. */
  buildFiles: string[];
  /** Folders of the build's modules (Maven) or projects (Gradle). */
  moduleDirs: string[];
  /** The Gradle version the wrapper pins. */
  gradleVersion?: string | undefined;
  /** Gradle: the build's name (rootProject.name, or the folder's). */
  gradleRoot?: string | undefined;
}

/** Whether the project has Gradle build or settings files. */
export function hasGradleFiles(scan: Scan): boolean {
  return [...BUILD_GRADLE, ...SETTINGS_GRADLE].some((f) => scan.has(f));
}

/** Reads the build: Maven when there is a pom.xml (said in a decision when Gradle files are there too), else Gradle. */
export function readBuild(scan: Scan, warnings: string[], decisions: Decision[]): JavaBuild {
  const maven = scan.has('pom.xml');
  if (maven && hasGradleFiles(scan))
    decisions.push({
      topic: 'Build tool',
      choice: 'Maven',
      because:
        'both pom.xml and Gradle build files are here: Maven is the one read (a project that keeps both builds the same program with either)',
    });
  if (maven) return mavenBuild(scan, warnings);
  if (hasGradleFiles(scan)) return gradleBuild(scan, warnings);
  throw new UserError(
    'E_NO_PROJECT',
    'No pom.xml or Gradle build file here: a Java project needs one to build in an image.',
    'Run it in the folder of pom.xml or build.gradle(.kts).',
  );
}

function mavenBuild(scan: Scan, warnings: string[]): JavaBuild {
  const wrapper = scan.has('mvnw') && scan.has('.mvn/wrapper/maven-wrapper.properties');
  const nodes = readMaven(scan, warnings);
  if (!nodes.length)
    throw new UserError('E_NO_PROJECT', 'pom.xml could not be read.', "Run it in the folder of the project's pom.xml.");
  const modules = nodes.map((n) => mavenModule(scan, n, nodes)).filter((m): m is Module => !!m);
  const buildFiles = nodes.map((n) =>
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
  return { maven: true, wrapper, modules, buildFiles, moduleDirs: nodes.map((n) => n.dir) };
}

function gradleBuild(scan: Scan, warnings: string[]): JavaBuild {
  const wrapper = scan.has('gradlew') && scan.has('gradle/wrapper/gradle-wrapper.properties');
  const g = readGradle(scan);
  const modules = g.modules;
  // Gradle's usual layout keeps the program in a subproject named app: the build's name is the program's.
  if (modules.length === 1) modules[0]!.name = g.rootName;
  const buildFiles = g.buildFiles.map((f) =>
    copiedPath(
      f,
      'Gradle build file',
      'settings.gradle',
      `Rename ${shown(f)} to a plain path (letters, digits, . _ + - /) and change settings.gradle to match: the Dockerfile copies each build file by its path.`,
    ),
  );
  if (wrapper) buildFiles.push('gradlew');
  const gradleVersion = gradleWrapperVersion(scan.read('gradle/wrapper/gradle-wrapper.properties', 64 * 1024) ?? '');
  if (!wrapper)
    warnings.push(
      "There is no Gradle wrapper (gradlew): the build uses the gradle image's Gradle, which may differ from the one the project was written for. Run gradle wrapper and commit it.",
    );
  return {
    maven: false,
    wrapper,
    modules,
    buildFiles,
    moduleDirs: g.projectDirs,
    gradleVersion,
    gradleRoot: g.rootName,
  };
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

/** The Build decision: which tool (and wrapper) builds the program. */
export function buildDecision(build: JavaBuild, tool: Module['tool']): Decision {
  const { maven, wrapper, gradleVersion } = build;
  return {
    topic: 'Build',
    choice: `${tool === 'maven' ? (wrapper ? 'the Maven wrapper (mvnw)' : 'Maven') : wrapper ? `the Gradle wrapper (gradlew${gradleVersion ? `, Gradle ${gradleVersion}` : ''})` : 'Gradle'}, tests skipped in the image build`,
    because: `${maven ? 'pom.xml' : 'Gradle build files'}${wrapper ? ' and the wrapper' : ''}; tests belong in CI, not in every image build`,
  };
}
