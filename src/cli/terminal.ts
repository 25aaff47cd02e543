import { forTerminal } from '../core/quote.js';

/**
 * Where a run's words go and whether it may ask. Only the CLI talks to the terminal, through this:
 * text from a project (file names, versions) reaches it, so no escape sequence gets through raw.
 */
export interface Terminal {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Standard input is a terminal a person answers at. */
  interactive: boolean;
}

let quietOnEpipe = false;

/** The process's own streams. */
export function processTerminal(): Terminal {
  if (!quietOnEpipe) {
    // Output piped into a reader that stops early (head): end quietly, as other tools do.
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
    quietOnEpipe = true;
  }
  return {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    interactive: !!process.stdin.isTTY,
  };
}

/** The same terminal, with every control character but line breaks and tabs made visible first. */
export function safeTerminal(term: Terminal): Terminal {
  return { out: (s) => term.out(forTerminal(s)), err: (s) => term.err(forTerminal(s)), interactive: term.interactive };
}
