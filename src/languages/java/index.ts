import type { Scan } from '../../core/scan.js';
import type { Decision } from '../../core/types.js';
import { LANGUAGE_DATA } from '../data.js';
import { joinRel as join } from '../shared.js';
import type { Language, ResolveOptions, Resolved } from '../types.js';
import { bootLayout } from './boot.js';
import { buildDecision, readBuild } from './build-system.js';
import { detectJava } from './detect.js';
import { fontNeed } from './fonts.js';
import { extraModules, jlinkDecision } from './jlink-modules.js';
import { packagingDecision } from './module.js';
import { buildJava, type JavaInfo, type JavaVars } from './plan.js';
import { javaPort } from './ports.js';
import { chooseProgram, programDecision } from './program.js';
import { javaRefusals, javaStrategies } from './strategies.js';
import { resolveVersion } from './version.js';

export type { JavaInfo, JavaVars } from './plan.js';

/** Java: a Maven or Gradle build, its jar run on a JRE image or on a runtime jlink cuts to the modules it uses. */
export const java: Language<JavaInfo, JavaVars> = {
  ids: ['java'],

  detect: detectJava,

  resolve(scan: Scan, _lang, opts: ResolveOptions): Resolved<JavaInfo> {
    const warnings: string[] = [];
    const decisions: Decision[] = [];
    const build = readBuild(scan, warnings, decisions);
    const program = chooseProgram(scan, build, opts, warnings);
    const { mod, mainClass } = program;
    decisions.push(programDecision(program), buildDecision(build, mod.tool));
    const version = resolveVersion(scan, opts, mod.version, warnings);
    decisions.push({ topic: 'Java version', choice: version.value, because: version.source });
    const v = Number(version.value);
    decisions.push(packagingDecision(mod, mainClass));
    const sources = scan.withExt('.java', '.kt').filter((f) => f.startsWith(join(mod.dir, 'src/main/')));
    const extra = extraModules(scan, mod, v, sources, opts.jlinkModules);
    const port = javaPort(scan, mod, sources, opts.port);
    const fonts = fontNeed(scan, sources, [
      ...build.buildFiles,
      ...(scan.has('gradle/libs.versions.toml') ? ['gradle/libs.versions.toml'] : []),
    ]);
    if (fonts)
      decisions.push({
        topic: 'Fonts',
        choice:
          'fontconfig and the DejaVu fonts (the JRE and distroless images have them; a jlink runtime gets them copied)',
        because: fonts,
      });
    const strategies = javaStrategies(v, !!fonts);
    const refusals = javaRefusals(v);
    decisions.push(jlinkDecision(v, extra));
    return {
      lang: 'java',
      name: program.name,
      version,
      entries: program.entries,
      entry: program.entry,
      port,
      needs: {
        ...(mod.kind === 'boot' ? { tmp: 'Spring Boot (Tomcat) writes to /tmp' } : {}),
        ...(fonts ? { fonts } : {}),
      },
      strategies,
      refusals,
      builderGlibc: LANGUAGE_DATA.java.builderGlibc,
      decisions,
      warnings,
      ignore: ['target/', 'build/', '.gradle/', '*.class', '.idea/', '*.iml'],
      // What the build copies by name (POMs, scripts, the wrapper, gradle/ and buildSrc/) and the
      // modules' folders it builds: a module may sit in a folder called build/ or target/.
      keep: [
        ...new Set([
          ...build.buildFiles.map((f) => f.replace(/\/$/, '')),
          ...build.moduleDirs.filter((d) => d !== '.'),
        ]),
      ],
      own: {
        tool: mod.tool,
        wrapper: build.wrapper,
        dir: mod.dir,
        kind: mod.kind,
        jar: mod.jar,
        mainClass,
        boot: bootLayout(mod.boot?.version),
        bootVersion: mod.boot?.version,
        buildFiles: build.buildFiles,
        modules: extra.modules,
        gradleTask: mod.gradleTask,
        gradleVersion: build.gradleVersion,
        fonts: !!fonts,
      },
    };
  },

  build: buildJava,
};
