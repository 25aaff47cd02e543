import { UserError } from '../../core/errors.js';
import { safeRelPath, shown } from '../../core/quote.js';
import { joinRel, listed, normalizeRel } from '../shared.js';
import type { ProgramPackage, Said } from './info.js';
import type { StartProblem } from './start.js';
import type { StaticOutput } from './static-output.js';

/** The site's folder in the project: the build's output, which must lie inside the project and not be all of it. */
export function staticSite(
  front: StaticOutput,
  p: ProgramPackage,
  problem: StartProblem | undefined,
  said: Said,
): string {
  const out = normalizeRel(joinRel(p.dir, front.out));
  if (out === undefined || out === '.') {
    throw new UserError(
      'E_REFUSED',
      `${front.tool} writes the site to ${shown(front.out, 80)}, ${out === '.' ? 'the project folder itself' : 'outside the project'}: the image can only take the build's own output folder inside the project.`,
      "Set the output folder to one inside the project (outDir: 'dist'), or run this tool in the folder that holds it.",
    );
  }
  const staticOut = safeRelPath(out, 'Build output folder', '--entry', front.tool);
  if (front.unreadable?.length) {
    const note = `${listed(front.unreadable, 3)}: the output folder is set in a way this tool cannot evaluate; the image copies ${staticOut}/, the default. If the build writes elsewhere, the COPY of ${staticOut}/ fails: write the folder as a plain string (outDir: 'site').`;
    said.warnings.push(note);
    said.notes.push(note);
  }
  said.decisions.push({
    topic: 'Static site',
    choice: `${staticOut}/ served by a static file server, no Node.js at run time`,
    because: `${front.tool}${problem ? `; ${problem.problem}` : p.start ? '' : '; no start script'}`,
  });
  return staticOut;
}

/** Client-side routers: a static site with one answers unknown paths with its page. */
const CLIENT_ROUTERS = [
  'react-router',
  'react-router-dom',
  'vue-router',
  '@angular/router',
  '@tanstack/react-router',
  'wouter',
  'preact-router',
  'svelte-routing',
  '@solidjs/router',
];

/** Whether a static site routes on the client (unknown paths answer with a page), and which page. */
export function clientRouting(
  isStatic: boolean,
  front: StaticOutput | undefined,
  allDeps: Set<string>,
  said: Said,
): { spa: boolean; spaFile: string } {
  const spaFile = front?.fallback ?? 'index.html';
  const spa =
    isStatic && (!!front?.fallback || CLIENT_ROUTERS.some((r) => allDeps.has(r)) || allDeps.has('@sveltejs/kit'));
  if (spa)
    said.decisions.push({
      topic: 'Client-side routing',
      choice: `unknown paths answer with ${spaFile}`,
      because: front?.fallback
        ? `the adapter's fallback page (${spaFile})`
        : `${listed([...CLIENT_ROUTERS, '@sveltejs/kit'].filter((r) => allDeps.has(r)))} in package.json`,
    });
  return { spa, spaFile };
}
