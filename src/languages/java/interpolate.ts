/**
 * Maven's ${name} property references, replaced by hand in bounded rounds and a bounded length (no
 * pattern to backtrack, no property looked up on Object.prototype).
 */

/** Properties by name: a Map, or a plain record read by its own keys only. */
export type Props = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

/** A property's value by its own name: never a member of Object.prototype (`${constructor}`). */
export function prop(props: Props, name: string): string | undefined {
  if (props instanceof Map) return (props as ReadonlyMap<string, string>).get(name);
  const rec = props as Readonly<Record<string, string>>;
  return Object.hasOwn(rec, name) ? rec[name] : undefined;
}

/** Longest value interpolation builds: longer, it stops and the value keeps its references. */
const INTERPOLATED_MAX = 1024;

/**
 * ${name} references replaced from `props` (own keys only), a bounded number of rounds and a
 * bounded length; unknown ones stay as they are, as Maven leaves them. A property that names
 * itself, or a chain longer than the rounds, ends with its reference unresolved.
 */
export function interpolate(value: string | undefined, props: Props): string | undefined {
  if (value === undefined) return undefined;
  let out = value;
  for (let round = 0; round < 8 && out.includes('${'); round++) {
    const next = replaceOnce(out, props);
    if (next === undefined || next === out) break;
    out = next;
  }
  return out;
}

/** One round of replacement, by hand (no pattern to backtrack); undefined when it would pass the length cap. */
function replaceOnce(value: string, props: Props): string | undefined {
  let out = '';
  let at = 0;
  let close = -1;
  for (;;) {
    const open = value.indexOf('${', at);
    if (open < 0) break;
    // The first } after the reference's start (kept while it still lies ahead: each character is looked at once).
    if (close < open + 2) close = value.indexOf('}', open + 2);
    if (close < 0) break;
    const name = close - open - 2 <= 100 ? value.slice(open + 2, close) : '';
    if (!/^[\w.-]+$/.test(name)) {
      // Not a reference (${a ${b}): its ${ stays, and the search goes on after it.
      out += value.slice(at, open + 2);
      at = open + 2;
    } else {
      out += value.slice(at, open) + (prop(props, name) ?? value.slice(open, close + 1));
      at = close + 1;
    }
    if (out.length > INTERPOLATED_MAX) return undefined;
  }
  out += value.slice(at);
  return out.length > INTERPOLATED_MAX ? undefined : out;
}
