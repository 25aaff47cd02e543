import { DockerfileParser } from 'dockerfile-ast';
import type { Plan } from '../src/index.js';
import { renderDockerfile, renderDockerignore } from '../src/render.js';

/**
 * What a plan renders to when no value from a project can matter: the property test and the fuzz
 * step hold every generated Dockerfile against it, so that no instruction comes from anywhere but
 * the templates.
 */

/** The plan with every string that does not choose a template part replaced by a harmless word. */
export function harmless(plan: Plan): Plan {
  const keep = new Set(['partial', 'runtime', 'userSetup', 'lang']);
  const walk = (v: unknown, key = ''): unknown => {
    if (typeof v === 'string') return keep.has(key) || v === '' ? v : 'x';
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(plan) as Plan;
}

export const keywords = (dockerfile: string) =>
  DockerfileParser.parse(dockerfile)
    .getInstructions()
    .map((i) => i.getKeyword());

/** What each shape of plan renders to, harmlessly: instruction keywords and .dockerignore line count. */
const expectations = new Map<string, { keywords: string[]; ignoreLines: number }>();
export function expected(plan: Plan) {
  const safe = harmless(plan);
  const key = JSON.stringify(safe);
  let e = expectations.get(key);
  if (!e) {
    e = { keywords: keywords(renderDockerfile(safe)), ignoreLines: renderDockerignore(safe).split('\n').length };
    expectations.set(key, e);
  }
  return e;
}
