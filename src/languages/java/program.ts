import { basename } from 'node:path';
import { isUserError, UserError } from '../../core/errors.js';
import { hasLineBreakOrControl, safeName, shown } from '../../core/quote.js';
import type { Scan } from '../../core/scan.js';
import type { Choice, Decision, Fact } from '../../core/types.js';
import { helpersLast, joinRel as join, listed, pickEntry, plainName } from '../shared.js';
import type { ResolveOptions } from '../types.js';
import type { JavaBuild } from './build-system.js';
import type { Module } from './module.js';

/** A Java class by its binary name (com.example.Main, com.example.Outer$Inner): what `java -cp ... <class>` takes. */
const JAVA_CLASS = /^[a-z_$][\w$]{0,100}(?:\.[a-z_$][\w$]{0,100}){0,40}$/i;

/** The program chosen among the build's: its module, its main class and the image's name for it. */
export interface Program {
  entries: Choice[];
  entry: Fact<string>;
  mod: Module;
  mainClass: string | undefined;
  name: string;
}

/**
 * Programs: modules that make a runnable jar, by main class; those whose build names the main
 * class (Spring Boot, a manifest, the application plugin) before main methods found in the
 * sources, which are often tools beside the program. None is an error whose fix is in the build.
 */
function programsOf(build: JavaBuild): Choice[] {
  const entries: Choice[] = [];
  const found: Choice[] = [];
  for (const m of helpersLast(build.modules, (x) => x.name)) {
    const where = m.dir === '.' ? '' : ` (${m.dir})`;
    if (m.boot || m.quarkus || m.main)
      entries.push({
        value: m.dir,
        label: `${m.name}${where}`,
        source: m.boot?.source ?? m.quarkus?.source ?? m.main!.source,
      });
    else
      for (const c of m.sourceMains)
        found.push({
          value: m.sourceMains.length > 1 ? `${m.dir}::${c}` : m.dir,
          label: `${m.name}: ${c}${where}`,
          source: `a main method in ${c}`,
        });
  }
  entries.push(...found);
  if (!entries.length) {
    const modules = build.modules;
    // --entry only chooses among programs found, so the fix is in the build.
    throw new UserError(
      'E_NO_ENTRY',
      `No runnable program found: ${modules.length ? `${listed(modules.map((m) => m.name))} name no main class` : 'no module builds a jar'}.`,
      build.maven
        ? 'Name the main class in the pom (maven-jar-plugin <archive><manifest><mainClass>, or a property start-class), or add a class with a main method under src/main/java.'
        : "Apply the application plugin and name the main class in the build script: plugins { id 'application' } and application { mainClass = 'com.example.Main' }.",
    );
  }
  return entries;
}

/**
 * The program to build: the one --entry names (by module, or by main class, with or without its
 * package), else the root's or the only one. Its main class must be a Java class name, and an
 * installDist folder a folder name.
 */
export function chooseProgram(scan: Scan, build: JavaBuild, opts: ResolveOptions, warnings: string[]): Program {
  const entries = programsOf(build);
  const modules = build.modules;
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
  const rootName = build.maven
    ? (modules.find((m) => m.dir === '.')?.name ?? basename(scan.root))
    : (build.gradleRoot ?? basename(scan.root));
  const entry = pickEntry(entries, wanted, nameOf, rootName, warnings, opts.entrySource);
  const chosen = entries.find((e) => e.value === entry.value)!;
  const mod = moduleOf(chosen);
  const mainClass = mod.main?.value ?? (chosen.value.includes('::') ? chosen.value.split('::')[1] : mod.sourceMains[0]);
  // The image's name: the build's own, or made a plain word from it ("My App" -> my-app); the
  // build itself keeps its name (the paths that carry it are quoted).
  const name = plainWord(mod.name)
    ? mod.name
    : plainName(mod.name, 'Program name', build.maven ? join(mod.dir, 'pom.xml') : 'settings.gradle');
  if (mainClass && !JAVA_CLASS.test(mainClass)) {
    throw new UserError(
      'E_UNSAFE_VALUE',
      `Main class "${shown(mainClass)}" (from ${shown(mod.main?.source ?? 'the sources', 80)}) is not a Java class name.`,
      `Name the class with its package (com.example.Main) in ${shown(mod.main?.source.split(':')[0] ?? 'the build file', 80)}${entries.length > 1 ? ', or choose another program with --entry' : ''}.`,
    );
  }
  if (mod.installName) installFolder(mod.installName, mod.dir);
  return { entries, entry, mod, mainClass, name };
}

/** The Program decision: which module, and what it is. */
export function programDecision(p: Program): Decision {
  const { mod, name, mainClass } = p;
  return {
    topic: 'Program',
    choice: `${name}${mod.dir === '.' ? '' : ` (${mod.dir})`}${mod.boot ? ', a Spring Boot application' : mod.quarkus ? ', a Quarkus application' : mainClass ? `, main class ${mainClass}` : ''}`,
    because: p.entry.source,
  };
}

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
