import type { Decision, Fact } from '../../core/types.js';
import { bootLayout } from './boot.js';

/** Modules (Maven) or projects (Gradle) read at most. */
export const MAX_MODULES = 300;

/** How the application is packaged, which decides how it is copied and started. */
export type Kind =
  /** A Spring Boot jar: extracted into layers (dependencies, loader, application). */
  | 'boot'
  /** A jar with its dependencies inside and Main-Class in its manifest (shade, assembly, shadow). */
  | 'fat'
  /** A jar with Main-Class in its manifest and no dependencies: java -jar. */
  | 'jar'
  /** The jar and its dependencies in lib/, started by main class: java -cp app.jar:lib/* Main. */
  | 'classpath'
  /** A Quarkus application: the quarkus-app/ folder its build writes (fast-jar), java -jar quarkus-run.jar. */
  | 'quarkus';

/** A module of the build that may make a runnable jar: what its build files say. */
export interface Module {
  dir: string;
  name: string;
  tool: 'maven' | 'gradle';
  kind: Kind;
  main?: Fact<string> | undefined;
  /** Classes with a main method in the sources, when no build file names one. */
  sourceMains: string[];
  boot?: { version?: string | undefined; source: string } | undefined;
  /** Quarkus: its build plugin, which makes the application (no main class of its own). */
  quarkus?: { source: string } | undefined;
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

/** The Packaging decision: how the chosen module's jar is copied and started. */
export function packagingDecision(mod: Module, mainClass: string | undefined): Decision {
  const kindWords: Record<Kind, string> = {
    boot: `a Spring Boot jar, extracted into layers (${bootLayout(mod.boot?.version) === 'tools' ? 'jarmode=tools, Boot 3.3+' : 'jarmode=layertools, Boot before 3.3'}): a code change re-sends only the application layer`,
    fat: 'a jar with its dependencies inside, started with java -jar',
    jar: 'a jar without dependencies, started with java -jar',
    classpath: `the jar with its dependencies in lib/, started by main class ${mainClass ?? ''}`,
    quarkus:
      'a Quarkus application: the quarkus-app/ folder its build writes (the launcher, lib/, app/), started with java -jar quarkus-run.jar',
  };
  return {
    topic: 'Packaging',
    choice: kindWords[mod.kind],
    because: mod.boot?.source ?? mod.quarkus?.source ?? mod.main?.source ?? 'the build files',
  };
}
