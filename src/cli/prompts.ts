import { shown } from '../core/quote.js';
import type { Asker } from '../index.js';
import { promptOf } from '../options.js';
import type { FileStatus } from '../write.js';

/** The questions, asked with @inquirer (loaded only when a terminal is there to answer). */
export async function prompts(): Promise<Asker> {
  const { default: select } = await import('@inquirer/select');
  return {
    lang: (candidates) =>
      select({
        message: promptOf('lang'),
        choices: candidates.map((d) => ({ value: d.lang, name: `${d.lang}  (${shown(d.evidence.join(', '), 120)})` })),
      }),
    entry: (entries, current) =>
      select({
        message: promptOf('entry'),
        default: current,
        choices: entries.map((e) => ({
          value: e.value,
          name: shown(e.label),
          short: shown(e.label),
          description: shown(e.source ?? '', 120),
        })),
      }),
    runtime: (options, current) =>
      select({
        message: promptOf('runtime'),
        default: current,
        // Smallest first; the ones that cannot run the program last, with the reason.
        choices: [...options]
          .sort((a, b) => (a.ok ? a.baseMB! : Infinity) - (b.ok ? b.baseMB! : Infinity))
          .map((o) =>
            o.ok
              ? {
                  value: o.runtime,
                  short: o.runtime,
                  name: `${o.runtime.padEnd(14)} ${String(o.baseMB).padStart(5)} MB  ${o.image}`,
                }
              : {
                  value: o.runtime,
                  short: o.runtime,
                  name: `${o.runtime.padEnd(14)}    --     `,
                  disabled: `(${o.short})`,
                },
          ),
      }),
  };
}

/** Per conflicting file: overwrite, keep, or show the difference first. */
export async function confirmer(err: (text: string) => void): Promise<(f: FileStatus) => Promise<boolean>> {
  const { default: expand } = await import('@inquirer/expand');
  return async (f) => {
    for (;;) {
      const answer = await expand({
        message: `${f.name} exists and differs. Overwrite it (keeping the old one as a .bak copy)?`,
        default: 'n',
        choices: [
          { key: 'y', name: 'Overwrite', value: 'y' },
          { key: 'n', name: 'Keep the existing file', value: 'n' },
          { key: 'd', name: 'Show the difference', value: 'd' },
        ],
      });
      if (answer !== 'd') return answer === 'y';
      err(f.diff ?? '');
    }
  };
}
