import { isUserError, UserError } from '../../core/errors.js';
import { safeRelPath, shellWord, shown } from '../../core/quote.js';

/**
 * A path from a manifest, as a word of a command: never read as an option. A path that starts
 * with - (`[[bin]] path = "-rf"`) is written ./-rf, the same file, in shell commands and in
 * COPY (whose flags start with --).
 */
export const notAnOption = (path: string): string => (path.startsWith('-') ? `./${path}` : path);
export const pathWord = (path: string): string => shellWord(notAnOption(path));

/** A folder or file named by a manifest, checked for the Dockerfile: the fix is in the manifest, not a flag. */
export function plainPath(value: string, what: string, from: string): string {
  try {
    return safeRelPath(value, what, '--entry', from);
  } catch (e) {
    if (!isUserError(e)) throw e;
    throw new UserError(
      e.code,
      e.message,
      `Rename it to a plain relative path (letters, digits, . _ + - and /, no ..) and update ${shown(from, 80)}: the Dockerfile copies it by name.`,
    );
  }
}
