import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { sep } from 'node:path';

/** Why an entry that exists cannot be read. */
type Problem = string;

export const kindOf = (st: Stats): string =>
  st.isDirectory()
    ? 'a directory'
    : st.isFIFO()
      ? 'a FIFO (named pipe)'
      : st.isCharacterDevice() || st.isBlockDevice()
        ? 'a device'
        : st.isSocket()
          ? 'a socket'
          : 'not a regular file';

export function inside(realRoot: string, real: string): boolean {
  return real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
}

/**
 * Reads at most `cap` bytes of a regular file without following a final symbolic link and
 * without blocking on a FIFO; returns the text or the problem.
 */
export function readBounded(
  abs: string,
  cap: number,
  raw = false,
): { text: string } | { problem: Problem; missing?: true } {
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: 'does not exist', missing: true };
    if (code === 'ELOOP') return { problem: 'is a symbolic link' };
    if (code === 'EACCES' || code === 'EPERM') return { problem: 'cannot be read (permission denied)' };
    return { problem: `cannot be opened (${code ?? 'error'})` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { problem: `is ${kindOf(st)}` };
    if (st.size > cap)
      return { problem: `is larger than ${cap >= 1024 * 1024 ? `${cap / 1024 / 1024} MiB` : `${cap} bytes`}` };
    // The size may change under us: never read more than cap + 1 bytes.
    const buf = Buffer.alloc(Math.min(cap + 1, Math.max(st.size, 0) + 1));
    let got = 0;
    for (;;) {
      if (got === buf.length) break;
      const n = readSync(fd, buf, got, buf.length - got, got);
      if (n === 0) break;
      got += n;
    }
    if (got > cap) return { problem: `is larger than ${cap} bytes` };
    const text = buf.subarray(0, got).toString('utf8');
    return { text: raw ? text : normalize(text) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { problem: code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'error'})` };
  } finally {
    closeSync(fd);
  }
}

/** One line-ending convention for every parser: no BOM, LF only. */
function normalize(text: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
}
