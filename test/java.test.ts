import { describe, expect, test } from '@jest/globals';
import { DockerfileParser } from 'dockerfile-ast';
import { scanProject } from '../src/core/scan.js';
import { generate } from '../src/index.js';
import { java } from '../src/languages/java/index.js';
import { parseGradle, parseGradleSettings } from '../src/languages/java/gradle-files.js';
import { interpolate } from '../src/languages/java/interpolate.js';
import { parsePom } from '../src/languages/java/pom.js';
import { javaFeature } from '../src/languages/java/version.js';
import { project } from './helpers.js';

const pom = (body: string, head = '<groupId>com.example</groupId><artifactId>app</artifactId><version>1.0</version>') =>
  `<?xml version="1.0"?>\n<project>\n<modelVersion>4.0.0</modelVersion>\n${head}\n${body}\n</project>\n`;
const jarMain = (cls: string) =>
  `<build><plugins><plugin><artifactId>maven-jar-plugin</artifactId><configuration><archive><manifest><mainClass>${cls}</mainClass></manifest></archive></configuration></plugin></plugins></build>`;
const MAIN = (pkg: string, cls: string) =>
  `package ${pkg};\npublic class ${cls} {\n  public static void main(String[] args) { System.out.println("hi"); }\n}\n`;
const resolve = (files: Record<string, string>, opts = {}) => java.resolve(scanProject(project(files)), 'java', opts);
const buildOf = (files: Record<string, string>, opts = {}) => {
  const r = resolve(files, opts);
  return { r, b: java.build(r, r.strategies.find((s) => s.id === 'java-jlink-libs') ?? r.strategies[0]!) };
};

describe('Java versions', () => {
  test.each([
    ['17', 17],
    ['1.8', 8],
    ['11.0.2', 11],
    ['JavaVersion.VERSION_17', 17],
    ['VERSION_1_8', 8],
    ['temurin-21.0.2+13', 21],
    ['21.0.2-tem', 21],
    ['latest', undefined],
    ['1.4', undefined],
    ['${java.version}', undefined],
  ])('%s -> %s', (v, want) => expect(javaFeature(v)).toBe(want));

  test('from the pom, in the order Maven honours them, with properties resolved', () => {
    const r = resolve({
      'pom.xml': pom(
        `<properties><java.version>21</java.version><maven.compiler.release>\${java.version}</maven.compiler.release></properties>${jarMain('a.App')}`,
      ),
      'src/main/java/a/App.java': MAIN('a', 'App'),
    });
    expect(r.version).toEqual({ value: '21', source: 'pom.xml: maven.compiler.release 21' });
  });

  test('a release Temurin no longer publishes moves up to the next LTS, with a warning; none at all is the newest LTS', () => {
    const r = resolve({
      'pom.xml': pom(`<properties><maven.compiler.release>22</maven.compiler.release></properties>${jarMain('a.App')}`),
    });
    expect(r.version.value).toBe('25');
    expect(r.warnings.join()).toContain('Java 22');
    const none = resolve({ 'pom.xml': pom(jarMain('a.App')) });
    expect(none.version.source).toContain('newest LTS');
    expect(resolve({ 'pom.xml': pom(jarMain('a.App')), '.java-version': '17.0.9\n' }).version).toEqual({
      value: '17',
      source: '.java-version (17.0.9)',
    });
  });

  test('a Java 8 target builds and runs with 17; asked for, Java 8 has no jlink: a JRE, and the jlink runtimes refused with the reason', async () => {
    const dir = project({
      'pom.xml': pom(
        `<properties><maven.compiler.source>1.8</maven.compiler.source><maven.compiler.target>1.8</maven.compiler.target></properties>${jarMain('a.App')}`,
      ),
      'src/main/java/a/App.java': MAIN('a', 'App'),
    });
    const floor = await generate(dir);
    expect(floor.plan.runtime).toBe('busybox-glibc');
    expect(floor.files[0]!.content).toContain('ARG JAVA_VERSION=17');
    expect(floor.plan.warnings.join()).toContain('--lang-version 8');
    const g = await generate(dir, { langVersion: '8' });
    expect(g.plan.runtime).toBe('jre');
    expect(g.plan.final.image).toBe('eclipse-temurin:8-jre');
    expect(g.plan.options.find((o) => o.runtime === 'busybox-glibc')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no jlink'),
    });
    expect(g.plan.options.find((o) => o.runtime === 'distroless')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('17 and 21 only'),
    });
  });
});

describe('Maven programs', () => {
  test('a multi-module build: the module with a main class, built with -pl -am, its dependencies copied to lib/', () => {
    const files = {
      'pom.xml': pom(
        '<packaging>pom</packaging><modules><module>core</module><module>server</module></modules><properties><maven.compiler.release>17</maven.compiler.release></properties>',
        '<groupId>g</groupId><artifactId>parent</artifactId><version>3.0</version>',
      ),
      'core/pom.xml': pom(
        '',
        '<parent><groupId>g</groupId><artifactId>parent</artifactId><version>3.0</version></parent><artifactId>core</artifactId>',
      ),
      'server/pom.xml': pom(
        `<dependencies><dependency><groupId>g</groupId><artifactId>core</artifactId><version>\${project.version}</version></dependency></dependencies>${jarMain('g.Server')}`,
        '<parent><groupId>g</groupId><artifactId>parent</artifactId><version>3.0</version></parent><artifactId>server</artifactId>',
      ),
    };
    const { r, b } = buildOf(files);
    expect(r.name).toBe('server');
    expect(r.version.value).toBe('17');
    expect(b.vars.deps).toMatch(/^mvn -B -ntp -pl server -am dependency:go-offline \|\| echo /);
    expect(b.vars.build.join(' && ')).toContain(
      '-pl server -am -DskipTests package dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/app/lib',
    );
    expect(b.vars.build).toContain('cp server/target/server-3.0.jar /app/app.jar');
    expect(b.entrypoint).toEqual(['/opt/java/openjdk/bin/java', '-cp', '/app/app.jar:/app/lib/*', 'g.Server']);
    expect((b.vars.buildFiles as { src: string }[]).map((f) => f.src)).toEqual([
      'pom.xml',
      'core/pom.xml',
      'server/pom.xml',
    ]);
  });

  test('a module whose build names its main class comes before main methods found in sources (tools beside it)', () => {
    const parent = '<parent><groupId>g</groupId><artifactId>parent</artifactId><version>3.0</version></parent>';
    const r = resolve({
      'pom.xml': pom(
        '<packaging>pom</packaging><modules><module>core</module><module>web</module></modules>',
        '<groupId>g</groupId><artifactId>parent</artifactId><version>3.0</version>',
      ),
      'core/pom.xml': pom('', `${parent}<artifactId>app-core</artifactId>`),
      'core/src/main/java/g/Tool.java': 'package g;\npublic class Tool { public static void main(String[] a) {} }\n',
      'web/pom.xml': pom(jarMain('g.Server'), `${parent}<artifactId>app-web</artifactId>`),
    });
    expect(r.name).toBe('app-web');
    expect(r.entries.map((e) => e.value)).toEqual(['web', 'core']);
  });

  test('shade with a ManifestResourceTransformer is a fat jar run with java -jar; finalName is honoured', () => {
    const shade =
      '<plugin><artifactId>maven-shade-plugin</artifactId><executions><execution><goals><goal>shade</goal></goals><configuration><transformers><transformer implementation="org.apache.maven.plugins.shade.resource.ManifestResourceTransformer"><mainClass>x.Main</mainClass></transformer></transformers></configuration></execution></executions></plugin>';
    const { r, b } = buildOf({
      'pom.xml': pom(
        `<dependencies><dependency><groupId>com.google.code.gson</groupId><artifactId>gson</artifactId><version>2.13.2</version></dependency></dependencies><build><finalName>tool</finalName><plugins>${shade}</plugins></build>`,
      ),
    });
    expect(r.decisions.find((d) => d.topic === 'Packaging')!.choice).toContain('dependencies inside');
    expect(b.vars.build).toContain('cp target/tool.jar /app/app.jar');
    expect(b.entrypoint).toEqual(['/opt/java/openjdk/bin/java', '-jar', '/app/app.jar']);
  });

  test('an assembly configured but never bound makes no fat jar; a main class in a classifier execution names that jar', () => {
    const assembly =
      '<plugin><artifactId>maven-assembly-plugin</artifactId><configuration><archive><manifest><mainClass>z.Cli</mainClass></manifest></archive><descriptorRefs><descriptorRef>jar-with-dependencies</descriptorRef></descriptorRefs></configuration></plugin>';
    const unbound = buildOf({
      'pom.xml': pom(
        `<dependencies><dependency><groupId>g</groupId><artifactId>dep</artifactId><version>1</version></dependency></dependencies><build><plugins>${assembly}</plugins></build>`,
      ),
    });
    expect(unbound.b.entrypoint).toEqual(['/opt/java/openjdk/bin/java', '-cp', '/app/app.jar:/app/lib/*', 'z.Cli']);
    const examples =
      '<plugin><artifactId>maven-jar-plugin</artifactId><executions><execution><id>default-jar</id><goals><goal>jar</goal></goals></execution><execution><id>ex</id><goals><goal>jar</goal></goals><configuration><classifier>examples</classifier><archive><manifest><mainClass>org.x.examples.Demo</mainClass></manifest></archive></configuration></execution></executions></plugin>';
    const { b } = buildOf({ 'pom.xml': pom(`<build><plugins>${examples}</plugins></build>`) });
    expect(b.vars.build).toContain('cp target/app-1.0-examples.jar /app/app.jar');
  });

  test('no main class named: the sources with a main method are the programs; --entry takes a class', () => {
    const files = {
      'pom.xml': pom(''),
      'src/main/java/a/One.java': MAIN('a', 'One'),
      'src/main/java/a/Two.java': MAIN('a', 'Two'),
      'src/test/java/a/T.java': MAIN('a', 'T'),
    };
    const r = resolve(files);
    expect(r.entries.map((e) => e.value)).toEqual(['.::a.One', '.::a.Two']);
    const two = buildOf(files, { entry: 'Two' }).b;
    expect(two.entrypoint!.at(-1)).toBe('a.Two');
    expect(() => resolve(files, { entry: 'Three' })).toThrow(/matches no program/);
  });

  test('the sources of a main class are where <sourceDirectory> says', () => {
    const r = resolve({
      'pom.xml': pom('<build><sourceDirectory>src/main/kotlin</sourceDirectory></build>'),
      'src/main/kotlin/App.kt': 'fun main() {\n  println("hi")\n}\n',
      'src/main/java/Main.java': MAIN('x', 'Main'),
    });
    expect(r.entries.map((e) => e.value)).toEqual(['.']);
    expect(r.decisions.find((d) => d.topic === 'Program')!.choice).toContain('AppKt');
  });

  test('a library without a main class is refused with the fix', () => {
    expect(() =>
      resolve({ 'pom.xml': pom(''), 'src/main/java/a/Lib.java': 'package a;\npublic class Lib {}\n' }),
    ).toThrow(expect.objectContaining({ code: 'E_NO_ENTRY', hint: expect.stringContaining('mainClass') }));
  });

  test('Spring Boot: version from the parent, layers by jarmode=tools from 3.3 (layertools and the launcher before), port and modules', () => {
    const boot = (v: string, props = '') => ({
      'pom.xml': pom(
        `<dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies><build><plugins><plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build>`,
        `<parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>${v}</version></parent><groupId>g</groupId><artifactId>web</artifactId><version>0.1</version><properties><java.version>17</java.version></properties>`,
      ),
      'src/main/java/g/App.java': MAIN('g', 'App'),
      ...(props ? { 'src/main/resources/application.properties': props } : {}),
    });
    const now = buildOf(boot('3.5.7'));
    expect(now.r.port).toMatchObject({ value: 8080 });
    expect(now.b.vars.build).toContain('java -Djarmode=tools -jar /build/app.jar extract --layers --destination /app');
    expect(now.b.copies!.map((c) => c.src)).toEqual([
      '/runtime',
      '/runtime-libs/',
      '/app/dependencies/',
      '/app/spring-boot-loader/',
      '/app/snapshot-dependencies/',
      '/app/application/',
    ]);
    expect(now.b.vars.jlinkCmd).toContain('java.naming');
    expect(now.b.vars.jlinkCmd).toContain('java.security.jgss');
    const old = buildOf(boot('3.1.5', 'server.port=9090\n'));
    expect(old.r.port).toEqual({ value: 9090, source: 'src/main/resources/application.properties: server.port 9090' });
    expect(old.b.vars.build).toContain('java -Djarmode=layertools -jar /build/app.jar extract --destination /app');
    expect(old.b.entrypoint).toEqual(['/opt/java/openjdk/bin/java', 'org.springframework.boot.loader.JarLauncher']);
    expect(buildOf(boot('3.2.4')).b.entrypoint!.at(-1)).toBe('org.springframework.boot.loader.launch.JarLauncher');
  });

  test('ports: Javalin start(N) in the sources, else its default', () => {
    const dep =
      '<dependencies><dependency><groupId>io.javalin</groupId><artifactId>javalin</artifactId><version>6.7.0</version></dependency></dependencies>';
    const app = (start: string) => ({
      'pom.xml': pom(`${dep}${jarMain('a.App')}`),
      'src/main/java/a/App.java': `package a;\npublic class App { public static void main(String[] a) { io.javalin.Javalin.create().start(${start}); } }\n`,
    });
    expect(resolve(app('7070')).port).toMatchObject({ value: 7070, source: expect.stringContaining('.start(7070)') });
    expect(resolve(app('')).port).toMatchObject({ value: 8080, source: expect.stringContaining('io.javalin:javalin') });
  });

  test('the Maven wrapper builds when present, on the JDK image', () => {
    const { b } = buildOf({
      'pom.xml': pom(jarMain('a.App')),
      mvnw: '#!/bin/sh\n',
      '.mvn/wrapper/maven-wrapper.properties': 'distributionType=only-script\n',
    });
    expect(b.image).toBe('eclipse-temurin:${JAVA_VERSION}-jdk');
    // Through sh: a wrapper committed without its executable bit runs all the same.
    expect(b.vars.deps).toMatch(/^sh \.\/mvnw -B -ntp dependency:go-offline \|\| echo /);
    expect((b.vars.buildFiles as { src: string }[]).map((f) => f.src)).toEqual(['pom.xml', 'mvnw', '.mvn/']);
  });

  test('hostile POMs: a DOCTYPE (entity expansion) and malformed XML are exit-2 errors naming the file; a main class that is no name is refused', () => {
    const bomb =
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n<project><artifactId>&lol2;</artifactId></project>\n';
    expect(() => resolve({ 'pom.xml': bomb })).toThrow(
      expect.objectContaining({ code: 'E_UNREADABLE', message: expect.stringContaining('pom.xml') }),
    );
    expect(() => resolve({ 'pom.xml': '<project><artifactId>x</artifactId>' })).toThrow(
      expect.objectContaining({ code: 'E_UNREADABLE' }),
    );
    expect(() => resolve({ 'pom.xml': pom(jarMain('a.App; rm -rf /')) })).toThrow(
      expect.objectContaining({ code: 'E_UNSAFE_VALUE' }),
    );
  });

  test('profiles that turn on by themselves count: a file that exists in the module, or activeByDefault', () => {
    const profile =
      '<profiles><profile><id>boot</id><activation><file><exists>src/main/resources/application.yml</exists></file></activation><build><plugins><plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build></profile></profiles>';
    const files = {
      'pom.xml': pom(
        `<packaging>pom</packaging><modules><module>svc</module><module>lib</module></modules>${profile}`,
        '<parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.5.7</version></parent><groupId>g</groupId><artifactId>all</artifactId><version>1</version>',
      ),
      'svc/pom.xml': pom(
        '',
        '<parent><groupId>g</groupId><artifactId>all</artifactId><version>1</version></parent><artifactId>svc</artifactId>',
      ),
      'svc/src/main/resources/application.yml': 'server:\n  port: 8081\n',
      'svc/src/main/java/g/S.java': MAIN('g', 'S'),
      'lib/pom.xml': pom(
        '',
        '<parent><groupId>g</groupId><artifactId>all</artifactId><version>1</version></parent><artifactId>lib</artifactId>',
      ),
      'lib/src/main/java/g/L.java': 'package g;\nclass L {}\n',
      'src/main/java/module-info.java': 'module g { }\n',
    };
    const r = resolve(files);
    expect(r.entries.map((e) => e.value)).toEqual(['svc']);
    expect(r.port).toEqual({ value: 8081, source: 'svc/src/main/resources/application.yml: server.port 8081' });
  });

  test('properties interpolate in bounded rounds: a cycle stops', () => {
    expect(interpolate('${a}', { a: '${b}', b: '${a}' })).toMatch(/^\$\{[ab]\}$/);
    expect(interpolate('${project.version}-x', { 'project.version': '1.2' })).toBe('1.2-x');
    expect(parsePom(pom('<modules><module>a</module></modules>'), 'pom.xml').modules).toEqual(['a']);
    // Modules of profiles are read too: Maven checks that those of an active profile exist.
    expect(
      parsePom(
        pom(
          '<modules><module>a</module></modules><profiles><profile><activation><jdk>[17,)</jdk></activation><modules><module>web</module></modules></profile></profiles>',
        ),
        'pom.xml',
      ).modules,
    ).toEqual(['a', 'web']);
  });
});

describe('Gradle programs', () => {
  test('the script shapes of Kotlin and Groovy DSLs', () => {
    const kts = parseGradle(
      'plugins {\n  application\n  id("org.springframework.boot") version "3.5.7"\n  kotlin("jvm")\n}\njava { toolchain { languageVersion.set(JavaLanguageVersion.of(21)) } }\napplication { mainClass.set("a.Main") }\ndependencies {\n  implementation("info.picocli:picocli:4.7.7")\n  implementation(project(":core"))\n}\n',
    );
    expect(kts).toMatchObject({
      plugins: ['application', 'org.springframework.boot', 'org.jetbrains.kotlin.jvm'],
      pluginVersions: { 'org.springframework.boot': '3.5.7' },
      mainClass: 'a.Main',
      toolchain: '21',
      dependencies: ['info.picocli:picocli'],
      projectDeps: ['core'],
    });
    const groovy = parseGradle(
      "apply plugin: 'java'\nsourceCompatibility = '11'\nmainClassName = 'b.Main'\njar { manifest { attributes 'Main-Class': 'b.Main' } }\n",
    );
    expect(groovy).toMatchObject({
      plugins: ['java'],
      mainClass: 'b.Main',
      manifestMain: 'b.Main',
      sourceCompatibility: '11',
    });
    expect(parseGradle('kotlin { jvmToolchain(17) }\n').toolchain).toBe('17');
    expect(parseGradle("plugins {\n    id 'org.springframework.boot' version '2.6.3'\n}\n").pluginVersions).toEqual({
      'org.springframework.boot': '2.6.3',
    });
    expect(parseGradleSettings("rootProject.name = 'shop'\ninclude ':api', ':lib:core'\n")).toEqual({
      rootName: 'shop',
      includes: ['api', 'lib/core'],
      includedBuilds: [],
    });
  });

  test('an application subproject: installDist, run by main class, named like the build', () => {
    const { r, b } = buildOf({
      'settings.gradle.kts': 'rootProject.name = "tool"\ninclude("app")\n',
      'app/build.gradle.kts':
        'plugins { application }\napplication { mainClass = "t.Main" }\njava { toolchain { languageVersion = JavaLanguageVersion.of(17) } }\n',
    });
    expect(r.name).toBe('tool');
    expect(b.image).toBe('gradle:9-jdk${JAVA_VERSION}');
    expect(b.vars.build).toContain('gradle --no-daemon --console=plain :app:installDist -x test');
    expect(b.entrypoint).toEqual(['/opt/java/openjdk/bin/java', '-cp', '/app/lib/*', 't.Main']);
    expect(r.warnings.join()).toContain('no Gradle wrapper');
  });

  test('a plugin applied from the version catalog (alias(libs.plugins.spring.boot)) is that plugin', () => {
    const files = {
      'settings.gradle': "rootProject.name = 'svc'\ninclude 'application'\n",
      'application/build.gradle': "plugins {\n  id 'java'\n  alias(libs.plugins.spring.boot)\n}\n",
      'gradle/libs.versions.toml':
        "[plugins]\nspring-boot = 'org.springframework.boot:4.1.0'\nlombok = { id = 'io.freefair.lombok', version = '9.5.0' }\n",
    };
    const r = resolve(files);
    expect(r.entries.map((e) => e.value)).toEqual(['application']);
    expect(r.entry.source).toContain('plugin org.springframework.boot 4.1.0');
    // Without the catalog the alias names nothing: no program.
    const without = Object.fromEntries(Object.entries(files).filter(([f]) => f !== 'gradle/libs.versions.toml'));
    expect(() => resolve(without)).toThrow(expect.objectContaining({ code: 'E_NO_ENTRY' }));
  });

  test('Spring Boot with Gradle: bootJar, picked from build/libs without the -plain jar', () => {
    const { b } = buildOf({
      'settings.gradle': "rootProject.name = 'svc'\n",
      'build.gradle':
        "plugins {\n  id 'java'\n  id 'org.springframework.boot' version '3.4.1'\n}\njava { toolchain { languageVersion = JavaLanguageVersion.of(21) } }\n",
      gradlew: '#!/bin/sh\n',
      'gradle/wrapper/gradle-wrapper.properties': 'distributionUrl=gradle-8.12-bin.zip\n',
    });
    expect(b.vars.build).toContain('sh ./gradlew --no-daemon --console=plain bootJar -x test');
    expect(b.vars.build.join(' ')).toContain('case "$f" in *-plain.jar | *-sources.jar | *-javadoc.jar) ;;');
    expect(b.vars.jlinkCmd).toContain('--compress=zip-6');
    // The wrapper needs its jar from gradle/: the whole folder goes into the dependency step.
    expect((b.vars.buildFiles as { src: string }[]).map((f) => f.src)).toEqual([
      'settings.gradle',
      'build.gradle',
      'gradle/',
      'gradlew',
    ]);
  });

  test('included builds and buildSrc configure the build: copied before the dependency step', () => {
    const { b } = buildOf({
      'settings.gradle.kts': 'rootProject.name = "x"\nincludeBuild("build-logic")\ninclude("app")\n',
      'build-logic/settings.gradle.kts': '',
      'buildSrc/build.gradle.kts': '',
      'gradle.properties': 'org.gradle.jvmargs=-Xmx1g\n',
      'app/build.gradle.kts': 'plugins { application }\napplication { mainClass.set("x.Main") }\n',
    });
    expect((b.vars.buildFiles as { src: string }[]).map((f) => f.src)).toEqual([
      'settings.gradle.kts',
      'app/build.gradle.kts',
      'gradle.properties',
      'buildSrc/',
      'build-logic/',
    ]);
  });

  test('a parent POM reached by relativePath but no module goes into the image too', () => {
    const { b } = buildOf({
      'pom.xml': pom(
        jarMain('a.App'),
        '<parent><groupId>g</groupId><artifactId>base</artifactId><version>1</version><relativePath>build/base</relativePath></parent><artifactId>app</artifactId>',
      ),
      'build/base/pom.xml': pom(
        '<packaging>pom</packaging><properties><maven.compiler.release>17</maven.compiler.release></properties>',
        '<groupId>g</groupId><artifactId>base</artifactId><version>1</version>',
      ),
    });
    expect((b.vars.buildFiles as { src: string }[]).map((f) => f.src)).toEqual(['pom.xml', 'build/base/pom.xml']);
  });
});

describe('Java on every runtime', () => {
  const files = {
    'pom.xml': pom(`<properties><maven.compiler.release>17</maven.compiler.release></properties>${jarMain('a.App')}`),
    'src/main/java/a/App.java': MAIN('a', 'App'),
  };
  test.each([
    ['busybox-glibc', 3],
    ['slim', 3],
    ['alpine', 3],
    ['distroless', 2],
    ['jre', 2],
  ])('%s: %s stages, and the final one starts the jar', async (runtime, stages) => {
    const g = await generate(project(files), { runtime: runtime as never });
    const froms = DockerfileParser.parse(g.files[0]!.content).getFROMs();
    expect(froms).toHaveLength(stages);
    expect(froms.at(-1)!.getImage()).toBe(g.plan.final.image);
    expect(g.files[0]!.content).toMatch(/ENTRYPOINT \[".*java", "-jar", "\/app\/app.jar"\]/);
    if (runtime === 'busybox-glibc') expect(g.files[0]!.content).toContain('COPY --from=runtime /runtime-libs/ /lib/');
    if (runtime === 'alpine')
      expect(g.files[0]!.content).toContain('FROM eclipse-temurin:${JAVA_VERSION}-jdk-alpine AS runtime');
  });
  test('scratch is refused with the reason; --jlink-modules adds modules; jre is refused for other languages', async () => {
    await expect(generate(project(files), { runtime: 'scratch' })).rejects.toMatchObject({
      code: 'E_REFUSED',
      message: expect.stringContaining('C library and its loader'),
    });
    const g = await generate(project(files), { jlinkModules: ['java.scripting'] });
    expect(g.files[0]!.content).toContain('--add-modules "$modules,java.scripting,jdk.crypto.ec"');
    await expect(
      generate(project({ 'go.mod': 'module x\n', 'main.go': 'package main\nfunc main(){}\n' }), { runtime: 'jre' }),
    ).rejects.toMatchObject({ code: 'E_REFUSED', message: expect.stringContaining('Java programs') });
  });
});

describe('hostile Java builds: bounded walks, own keys, fixes that work', () => {
  const parent = (artifactId: string, rel: string) =>
    `<parent><groupId>g</groupId><artifactId>${artifactId}</artifactId><version>1</version><relativePath>${rel}</relativePath></parent>`;

  test('a parent cycle through <relativePath> ends with a warning', () => {
    const r = resolve({
      'pom.xml': pom(
        `<modules><module>a</module></modules>${jarMain('x.App')}`,
        `${parent('a', 'a/pom.xml')}<groupId>g</groupId><artifactId>root</artifactId><version>1</version>`,
      ),
      'a/pom.xml': pom('<packaging>pom</packaging>', `${parent('root', '../pom.xml')}<artifactId>a</artifactId>`),
    });
    expect(r.warnings.join('\n')).toMatch(/form a cycle through <relativePath>/);
    expect(r.entries.map((e) => e.value)).toEqual(['.']);
  });

  test('a parent chain deeper than the cap stops there, with a warning', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i <= 100; i++) {
      const file = i === 0 ? 'pom.xml' : `p${i}/pom.xml`;
      const up = i < 100 ? parent(`p${i + 1}`, `${i === 0 ? '' : '../'}p${i + 1}/pom.xml`) : '';
      files[file] = pom(
        i === 0 ? jarMain('x.App') : '<packaging>pom</packaging>',
        `${up}<groupId>g</groupId><artifactId>${i === 0 ? 'root' : `p${i}`}</artifactId><version>1</version>`,
      );
    }
    const r = resolve(files);
    expect(r.warnings.join('\n')).toContain('more than 20 parents');
    expect((r.own as { buildFiles: string[] }).buildFiles.length).toBeLessThanOrEqual(22);
  });

  test('modules that list their parent again are read once', () => {
    const r = resolve({
      'pom.xml': pom(
        '<packaging>pom</packaging><modules><module>a</module></modules>',
        '<groupId>g</groupId><artifactId>root</artifactId><version>1</version>',
      ),
      'a/pom.xml': pom(
        `<modules><module>..</module><module>../a</module></modules>${jarMain('x.App')}`,
        `${parent('root', '../pom.xml')}<artifactId>a</artifactId>`,
      ),
    });
    expect((r.own as { buildFiles: string[] }).buildFiles).toEqual(['pom.xml', 'a/pom.xml']);
  });

  test('properties are looked up by their own names: ${constructor} and the like stay unresolved, as Maven leaves them', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(interpolate(`\${${name}}`, {})).toBe(`\${${name}}`);
      expect(interpolate(`\${${name}}`, new Map())).toBe(`\${${name}}`);
    }
    const r = resolve({
      'pom.xml': pom(
        `<properties><main.class>\${constructor}</main.class><maven.compiler.release>\${toString}</maven.compiler.release></properties>`,
      ),
      'src/main/java/a/App.java': MAIN('a', 'App'),
    });
    expect(r.entry.value).toBe('.');
    expect((r.own as { mainClass: string }).mainClass).toBe('a.App');
    expect(r.version.source).toContain('newest LTS');
  });

  test('interpolation is bounded: a property naming itself, a chain of 1000, a value that would grow past the cap', () => {
    expect(interpolate('${a}', { a: '${a}' })).toBe('${a}');
    const chain = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`p${i}`, `\${p${i + 1}}`]));
    expect(interpolate('${p0}', chain)).toMatch(/^\$\{p\d+\}$/);
    expect(interpolate('${a}', { a: '${b}${b}', b: 'x'.repeat(600) })).toBe('${b}${b}');
    expect(interpolate('${a ${b}', { b: 'B' })).toBe('${a B');
    expect(interpolate('${'.repeat(10_000) + '}', {})).toBe('${'.repeat(10_000) + '}');
  });

  test('Spring ports read a line at a time: nested, flow, a dotted key, a placeholder with a default, CRLF, documents', () => {
    const app = (f: string, text: string) =>
      resolve({
        'pom.xml': pom(jarMain('a.App')),
        'src/main/java/a/App.java': MAIN('a', 'App'),
        [`src/main/resources/${f}`]: text,
      }).port;
    expect(
      app(
        'application.yml',
        'spring:\n  application:\n    name: x\nserver:\n  address: 0.0.0.0\n  port: 8081 # the port\n',
      ),
    ).toMatchObject({ value: 8081 });
    expect(app('application.yml', 'server.port: "${PORT:9000}"\n')).toMatchObject({ value: 9000 });
    expect(app('application.yml', 'server:\n' + '          \n'.repeat(50) + '  port: 7000\n')).toMatchObject({
      value: 7000,
    });
    expect(app('application.yml', 'server: [\n')).toBeUndefined();
    // Only server's own port: not a deeper one, not another key's; the flow form and later documents too.
    expect(app('application.yml', 'server:\n  servlet:\n    port: 1111\n  port: 8083\n')).toMatchObject({
      value: 8083,
    });
    expect(app('application.yml', 'management:\n  port: 9999\n')).toBeUndefined();
    expect(app('application.yml', 'server: {address: 0.0.0.0, port: 8084}\n')).toMatchObject({ value: 8084 });
    expect(app('application.yml', 'spring: {}\n---\nserver:\n  port: "8085"\n')).toMatchObject({ value: 8085 });
    // An unterminated quoted scalar over thousands of lines (a YAML library took minutes; timed in the growth probes).
    const hostile = `server:\n  x: ${'"'.repeat(2839)}\n${'\\\n'.repeat(1300)}${'\n\r'.repeat(2500)} port:x\n`;
    expect(app('application.yml', hostile)).toBeUndefined();
    expect(app('application.properties', '# x\r\n  server.port : ${PORT:8082}\r\n')).toMatchObject({
      value: 8082,
      source: 'src/main/resources/application.properties: server.port 8082',
    });
  });

  test('the Gradle scripts: includeBuild is no project, CRLF lines, applicationName', () => {
    expect(parseGradleSettings("rootProject.name = 'x'\r\ninclude ':a', ':b'\r\nincludeBuild('logic')\r\n")).toEqual({
      rootName: 'x',
      includes: ['a', 'b'],
      includedBuilds: ['logic'],
    });
    expect(parseGradle('application {\n  applicationName = "cli"\n  mainClass.set("a.Main")\n}\n')).toMatchObject({
      applicationName: 'cli',
      mainClass: 'a.Main',
    });
    expect(parseGradle('plugins {\n  id  (  "application"  )   version   "1"\n}\n').plugins).toEqual(['application']);
  });

  test("a Gradle project named with a space builds: the image gets a plain name, the install folder keeps Gradle's (quoted)", () => {
    const { r, b } = buildOf({
      'settings.gradle': "rootProject.name = 'My App'\n",
      'build.gradle': "plugins {\n  id 'application'\n}\napplication {\n  mainClass = 'a.Main'\n}\n",
    });
    expect(r.name).toBe('my-app');
    expect(b.vars.build).toContain("cp -r 'build/install/My App/lib' /app/lib");
  });

  test('a Gradle name that can be no folder is refused with the setting that fixes it; the root project is named after /src when settings name none', () => {
    const app = "plugins {\n  id 'application'\n}\napplication {\n  mainClass = 'a.Main'\n}\n";
    expect(() => resolve({ 'settings.gradle': "rootProject.name = 'a/b'\n", 'build.gradle': app })).toThrow(
      expect.objectContaining({
        code: 'E_UNSAFE_VALUE',
        hint: expect.stringContaining("rootProject.name = 'my-app' in settings.gradle"),
      }),
    );
    expect(() => resolve({ 'settings.gradle': 'rootProject.name = "app-${version}"\n', 'build.gradle': app })).toThrow(
      expect.objectContaining({ code: 'E_UNSAFE_VALUE' }),
    );
    expect(buildOf({ 'build.gradle': app }).b.vars.build).toContain('cp -r build/install/src/lib /app/lib');
    expect(
      buildOf({
        'build.gradle': app.replace("mainClass = 'a.Main'", "mainClass = 'a.Main'\n  applicationName = 'tool'"),
      }).b.vars.build,
    ).toContain('cp -r build/install/tool/lib /app/lib');
  });

  test('hints name fixes that work: no --entry where there is nothing to choose; a nested main class is a class name', () => {
    expect(() => resolve({ 'pom.xml': pom('') })).toThrow(
      expect.objectContaining({ code: 'E_NO_ENTRY', hint: expect.not.stringContaining('--entry') }),
    );
    expect(() => resolve({ 'build.gradle': "plugins { id 'java' }\n" })).toThrow(
      expect.objectContaining({ code: 'E_NO_ENTRY', hint: expect.not.stringContaining('--entry') }),
    );
    expect(() =>
      resolve({
        'pom.xml': pom('<modules><module>my mod</module></modules>'),
        'my mod/pom.xml': pom(jarMain('a.App'), `${parent('app', '../pom.xml')}<artifactId>m</artifactId>`),
      }),
    ).toThrow(expect.objectContaining({ code: 'E_UNSAFE_VALUE', hint: expect.stringContaining('Rename the folder') }));
    expect((resolve({ 'pom.xml': pom(jarMain('a.Outer$Main')) }).own as { mainClass: string }).mainClass).toBe(
      'a.Outer$Main',
    );
  });

  test('keep: the build files and module folders (a Maven module may sit under build/ or target/)', () => {
    const r = resolve({
      'pom.xml': pom(
        '<packaging>pom</packaging><modules><module>build/app</module></modules>',
        '<groupId>g</groupId><artifactId>root</artifactId><version>1</version>',
      ),
      'build/app/pom.xml': pom(jarMain('a.App'), `${parent('root', '../../pom.xml')}<artifactId>app</artifactId>`),
      mvnw: '#!/bin/sh\n',
      '.mvn/wrapper/maven-wrapper.properties': '',
    });
    expect(r.keep).toEqual(['pom.xml', 'build/app/pom.xml', 'mvnw', '.mvn', 'build/app']);
    const g = resolve({
      'settings.gradle': "rootProject.name = 'x'\ninclude 'app', 'lib'\n",
      'app/build.gradle': "plugins { id 'application' }\napplication { mainClass = 'a.Main' }\n",
      gradlew: '',
      'gradle/wrapper/gradle-wrapper.properties': '',
    });
    expect(g.keep).toEqual(['settings.gradle', 'app/build.gradle', 'gradle', 'gradlew', 'app', 'lib']);
  });
});

test('a POM may name a property constructor or toString: read under its own name, never as an Object member', () => {
  const files = (release: string) => ({
    'pom.xml': pom(
      `<properties><constructor>21</constructor><toString>17</toString><__proto__>11</__proto__><maven.compiler.release>${release}</maven.compiler.release></properties>${jarMain('a.App')}`,
    ),
  });
  expect(resolve(files('${constructor}')).version.value).toBe('21');
  expect(resolve(files('${toString}')).version.value).toBe('17');
  expect(resolve(files('${__proto__}')).version.value).toBe('11');
  expect(
    parsePom(pom('<properties><constructor>x</constructor></properties>'), 'pom.xml').properties.get('constructor'),
  ).toBe('x');
});

describe('Java programs that draw text', () => {
  const drawing = {
    'pom.xml': pom(jarMain('a.App')),
    'src/main/java/a/App.java':
      'package a;\nimport java.awt.Font;\npublic class App { public static void main(String[] x) { new Font("SansSerif", 0, 12); } }\n',
  };

  test('AWT text in its code: fonts are a need, copied with fontconfig onto busybox, installed on slim, refused on alpine', async () => {
    expect(resolve(drawing).needs.fonts).toMatch(/App\.java draws or measures text/);
    const busybox = await generate(project(drawing), { runtime: 'busybox-glibc' });
    const text = busybox.files.find((f) => f.name === 'Dockerfile')!.content;
    expect(text).toMatch(/awk '\$1 == "libfontconfig\.so\.1" \{ print \$NF; exit \}' \/tmp\/ldcache\.txt/);
    expect(text).toMatch(/^COPY --from=runtime \/runtime-fonts\/ \/$/m);
    const slim = await generate(project(drawing), { runtime: 'slim' });
    expect(slim.plan.final.install).toContain('fontconfig');
    expect(slim.files.find((f) => f.name === 'Dockerfile')!.content).not.toMatch(/runtime-fonts/);
    const alpine = await generate(project(drawing), { runtime: 'alpine' }).catch((e: Error) => e.message);
    expect(alpine).toMatch(/needs fonts/);
    // The JRE and distroless java images carry fontconfig and DejaVu themselves.
    for (const runtime of ['jre', 'distroless'] as const) {
      const g = await generate(project(drawing), { runtime, langVersion: '21' });
      expect(g.plan.final.install).toEqual([]);
    }
  });

  test('a library that renders text (PDFBox, JasperReports) is a need; a plain program is not', () => {
    const withPdf = resolve({
      'pom.xml': pom(
        `${jarMain('a.App')}<dependencies><dependency><groupId>org.apache.pdfbox</groupId><artifactId>pdfbox</artifactId><version>3.0.3</version></dependency></dependencies>`,
      ),
      'src/main/java/a/App.java': MAIN('a', 'App'),
    });
    expect(withPdf.needs.fonts).toMatch(/pom\.xml: pdfbox/);
    const plain = resolve({ 'pom.xml': pom(jarMain('a.App')), 'src/main/java/a/App.java': MAIN('a', 'App') });
    expect(plain.needs.fonts).toBeUndefined();
    expect(plain.strategies.every((s) => !s.requires.includes('fonts'))).toBe(true);
  });
});

describe('Quarkus', () => {
  const quarkusPom = pom(
    '<dependencies><dependency><groupId>io.quarkus</groupId><artifactId>quarkus-rest</artifactId></dependency></dependencies><build><plugins><plugin><groupId>io.quarkus</groupId><artifactId>quarkus-maven-plugin</artifactId><version>3.33.2</version></plugin></plugins></build>',
  );

  test('Maven: the quarkus-app folder is the application, started with quarkus-run.jar; no main class needed', () => {
    const { r, b } = buildOf({
      'pom.xml': quarkusPom,
      'src/main/java/a/Hello.java': 'package a;\n@jakarta.ws.rs.Path("/")\npublic class Hello {}\n',
      'src/main/resources/application.properties': 'quarkus.http.port=9090\n',
    });
    expect(r.own.kind).toBe('quarkus');
    expect(r.port?.value).toBe(9090);
    expect(b.vars.build).toContain('cp -r target/quarkus-app/. /app/');
    expect(b.entrypoint).toEqual(['/opt/java/openjdk/bin/java', '-jar', '/app/quarkus-run.jar']);
    expect(b.vars.jdeps).toContain("--class-path '/app/lib/boot/*:/app/lib/main/*' /app/app/*.jar /app/quarkus/*.jar");
    expect(r.own.modules).toContain('jdk.zipfs');
  });

  test('Gradle: plugin io.quarkus builds build/quarkus-app with quarkusBuild', () => {
    const { r, b } = buildOf({
      'settings.gradle': "rootProject.name = 'svc'\n",
      'build.gradle':
        "plugins {\n  id 'java'\n  id 'io.quarkus'\n}\ndependencies { implementation 'io.quarkus:quarkus-rest' }\n",
      'src/main/java/a/Hello.java': 'package a;\npublic class Hello {}\n',
    });
    expect(r.own.kind).toBe('quarkus');
    expect(b.vars.build.join(' ')).toMatch(/quarkusBuild -x test .*cp -r build\/quarkus-app\/\. \/app\//);
  });
});
