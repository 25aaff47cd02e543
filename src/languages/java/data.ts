import { loadData } from '../../core/data.js';

/** Java modules that jdeps cannot see but a framework loads at run time (data/java-modules.json). */
export interface JavaModuleRule {
  /** Dependencies (group:artifact, or a group prefix ending in ':') that bring the need. */
  match: string[];
  /** Also for any Spring Boot application. */
  boot?: boolean;
  modules: string[];
  why: string;
}
export const JAVA_MODULES = loadData<{ rules: JavaModuleRule[] }>('java-modules.json').rules;
