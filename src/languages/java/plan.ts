import { dirname } from 'node:path';
import { shellWord } from '../../core/quote.js';
import type { Strategy } from '../../core/types.js';
import type { BuildSpec, Resolved } from '../types.js';
import { launcherFor } from './boot.js';
import type { Kind } from './module.js';

/** What resolve() hands build(): the chosen module's build and packaging. */
export interface JavaInfo {
  tool: 'maven' | 'gradle';
  wrapper: boolean;
  dir: string;
  kind: Kind;
  jar: string;
  mainClass?: string | undefined;
  boot: 'tools' | 'layertools';
  bootVersion?: string | undefined;
  buildFiles: string[];
  modules: string[];
  gradleTask?: string | undefined;
  gradleVersion?: string | undefined;
  /** The program draws text: a jlink runtime on busybox gets fontconfig and its fonts copied. */
  fonts: boolean;
}

/** The variables of templates/partials/build/java.hbs. */
export interface JavaVars {
  tool: 'Maven' | 'Gradle';
  wrapper: boolean;
  gradle: boolean;
  /** What the dependency step copies, each to its folder. */
  buildFiles: { src: string; dest: string }[];
  cache: string;
  /** The command that fetches the dependencies. */
  deps: string;
  /** The commands of the build step, joined with &&. */
  build: string[];
  jlink: boolean;
  musl: boolean;
  bundle: boolean;
  /** Fontconfig, its configuration and the DejaVu fonts, copied with the libraries (bundle only). */
  fonts: boolean;
  runtimeImage: string;
  jdeps: string;
  jlinkCmd: string;
  boot: boolean;
}

/** A copy of the final stage: from the build or runtime stage. */
type Copy = NonNullable<BuildSpec['copies']>[number];

/** The build stage: Maven or Gradle builds the jar, which ends up under /app with what it needs; jlink cuts a runtime when the strategy asks. */
export function buildJava(resolved: Resolved<JavaInfo>, strategy: Strategy): BuildSpec<JavaVars> {
  const info = resolved.own;
  const v = resolved.version.value;
  const jlink = strategy.id !== 'java-jre';
  const musl = strategy.id === 'java-jlink-musl';
  const bundle = strategy.id === 'java-jlink-libs';
  const compress = Number(v) >= 21 ? '--compress=zip-6' : '--compress=2';
  const extra = info.modules.length ? `,${info.modules.join(',')}` : '';
  const { deps, build } = buildCommands(info);
  return {
    partial: 'java',
    image: builderImage(info, v),
    args: [{ name: 'JAVA_VERSION', value: v }],
    artifact: '/app',
    copies: finalCopies(info, jlink, bundle),
    entrypoint: startCommand(info, jlink),
    env: jlink ? ['JAVA_HOME=/opt/java/openjdk', 'PATH=/opt/java/openjdk/bin:$PATH'] : [],
    vars: {
      tool: info.tool === 'maven' ? 'Maven' : 'Gradle',
      wrapper: info.wrapper,
      gradle: info.tool === 'gradle',
      buildFiles: info.buildFiles.map((f) => ({
        src: f,
        dest: f.endsWith('/') ? f : dirname(f) === '.' ? './' : `${dirname(f)}/`,
      })),
      cache: info.tool === 'maven' ? '/root/.m2' : '/root/.gradle',
      deps,
      build,
      jlink,
      musl,
      bundle,
      fonts: bundle && info.fonts,
      runtimeImage: musl ? 'eclipse-temurin:${JAVA_VERSION}-jdk-alpine' : 'eclipse-temurin:${JAVA_VERSION}-jdk',
      jdeps: jdepsCommand(info),
      jlinkCmd: `jlink --add-modules "$modules${extra}" --strip-debug --no-man-pages --no-header-files ${compress} --output /runtime`,
      boot: info.kind === 'boot',
    },
  };
}

/** The builder image: a JDK for a wrapper, else the build tool's own image (Gradle 9 needs Java 17). */
function builderImage(info: JavaInfo, v: string): string {
  if (info.wrapper) return 'eclipse-temurin:${JAVA_VERSION}-jdk';
  return info.tool === 'maven'
    ? 'maven:3.9-eclipse-temurin-${JAVA_VERSION}'
    : `gradle:${Number(v) >= 17 ? '9' : '8'}-jdk\${JAVA_VERSION}`;
}

/** The dependency step's command, and the build step's: build, then put what the final stage needs under /app. */
function buildCommands(info: JavaInfo): { deps: string; build: string[] } {
  // A wrapper runs through sh: repositories often commit it without its executable bit.
  const tool = info.tool === 'maven' ? (info.wrapper ? 'sh ./mvnw' : 'mvn') : info.wrapper ? 'sh ./gradlew' : 'gradle';
  let deps: string;
  const build: string[] = [];
  // Everything the final stage needs ends up under /app in the build stage.
  // A Spring Boot jar is extracted from /build into /app; any other jar goes to /app as it is.
  const jarTo = info.kind === 'boot' ? '/build/app.jar' : '/app/app.jar';
  const mkdirs = info.kind === 'boot' ? 'mkdir -p /build /app' : 'mkdir -p /app';
  if (info.tool === 'maven') {
    const pl = info.dir !== '.' ? ` -pl ${shellWord(info.dir)} -am` : '';
    const flags = `-B -ntp${pl}`;
    // go-offline reaches further than a build does (every profile's plugins, test scopes): what it
    // cannot fetch, the package step fetches when it needs it, and fails there if it really is missing.
    deps = `${tool} ${flags} dependency:go-offline || echo 'Some dependencies could not be fetched ahead; the package step fetches what it needs.'`;
    const copyDeps =
      info.kind === 'classpath'
        ? ' dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/app/lib'
        : '';
    build.push(
      `${tool} ${flags} -DskipTests package${copyDeps}`,
      mkdirs,
      info.kind === 'quarkus' ? `cp -r ${shellWord(info.jar)}/. /app/` : `cp ${shellWord(info.jar)} ${jarTo}`,
    );
  } else {
    const project = info.dir !== '.' ? `:${info.dir.replace(/\//g, ':')}:` : '';
    const flags = '--no-daemon --console=plain';
    deps = `${tool} ${flags} ${project}dependencies > /dev/null`;
    const task = info.gradleTask ?? 'build';
    build.push(
      `${tool} ${flags} ${project}${task} -x test`,
      mkdirs,
      ...(task === 'installDist'
        ? [`cp -r ${shellWord(info.jar)} /app/lib`, 'ls /app/lib/*.jar > /dev/null']
        : info.kind === 'quarkus'
          ? [`cp -r ${shellWord(info.jar)}/. /app/`]
          : pickJar(info.jar, jarTo)),
    );
  }
  if (info.kind === 'boot') {
    // The jar by its path, not by a cd into its folder: the destination is absolute either way.
    build.push(
      info.boot === 'tools'
        ? `java -Djarmode=tools -jar ${jarTo} extract --layers --destination /app`
        : `java -Djarmode=layertools -jar ${jarTo} extract --destination /app`,
    );
  }
  return { deps, build };
}

/**
 * Gradle names the jar after the version: the first jar in the folder, in name order, that is not a
 * plain, sources or javadoc jar. A glob and a loop rather than ls and grep: no pipe (whose head could
 * end early), any file name; an unmatched glob stays a pattern, which the -e test leaves out, so no
 * jar fails at test -n as before.
 */
function pickJar(folder: string, jarTo: string): string[] {
  return [
    "jar=''",
    `for f in ${shellWord(folder)}/*.jar; do case "$f" in *-plain.jar | *-sources.jar | *-javadoc.jar) ;; *) if [ -e "$f" ]; then jar="$f"; break; fi ;; esac; done`,
    'test -n "$jar"',
    `cp "$jar" ${jarTo}`,
  ];
}

/** jdeps over what the final stage runs: the application and the class path it runs with. */
function jdepsCommand(info: JavaInfo): string {
  const target =
    info.kind === 'boot'
      ? info.boot === 'tools'
        ? { cp: '/app/dependencies/lib/*:/app/snapshot-dependencies/lib/*', app: '/app/application/app.jar' }
        : {
            cp: '/app/dependencies/BOOT-INF/lib/*:/app/snapshot-dependencies/BOOT-INF/lib/*',
            app: '/app/application/BOOT-INF/classes',
          }
      : info.kind === 'quarkus'
        ? { cp: '/app/lib/boot/*:/app/lib/main/*', app: '/app/app/*.jar /app/quarkus/*.jar' }
        : info.kind === 'classpath'
          ? info.tool === 'gradle' && info.gradleTask === 'installDist'
            ? { cp: '/app/lib/*', app: '/app/lib/*.jar' }
            : { cp: '/app/lib/*', app: '/app/app.jar' }
          : { cp: '', app: '/app/app.jar' };
  return `jdeps --ignore-missing-deps --print-module-deps --recursive --multi-release "$JAVA_VERSION" -q${target.cp ? ` --class-path '${target.cp}'` : ''} ${target.app}`;
}

/** What the final stage copies: the runtime jlink made (and the libraries busybox lacks), then the application. */
function finalCopies(info: JavaInfo, jlink: boolean, bundle: boolean): Copy[] {
  const copies: Copy[] = [];
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
  if (bundle && info.fonts)
    copies.push({
      from: 'runtime',
      src: '/runtime-fonts/',
      dest: '/',
      why: 'fontconfig’s configuration and cache, and the DejaVu fonts: the program draws text',
    });
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
      why:
        info.kind === 'classpath'
          ? 'the application jar and its dependencies (lib/)'
          : info.kind === 'quarkus'
            ? 'the Quarkus application: quarkus-run.jar, lib/, app/ and quarkus/'
            : 'the application jar',
    });
  }
  return copies;
}

/** How the final stage starts the program: java -jar, Boot's launcher, or java -cp with the main class. */
function startCommand(info: JavaInfo, jlink: boolean): string[] {
  const app = '/app';
  const javaBin = jlink ? '/opt/java/openjdk/bin/java' : 'java';
  if (info.kind === 'boot')
    return info.boot === 'tools' ? [javaBin, '-jar', `${app}/app.jar`] : [javaBin, launcherFor(info.bootVersion)];
  if (info.kind === 'quarkus') return [javaBin, '-jar', `${app}/quarkus-run.jar`];
  if (info.kind === 'classpath')
    return [
      javaBin,
      '-cp',
      info.tool === 'gradle' && info.gradleTask === 'installDist' ? `${app}/lib/*` : `${app}/app.jar:${app}/lib/*`,
      info.mainClass!,
    ];
  return [javaBin, '-jar', `${app}/app.jar`];
}
