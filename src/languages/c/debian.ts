import { loadData } from '../../core/data.js';

/** data/debian-dev.json: Debian's -dev package of each pkg-config module, library and CMake package. */
interface DebianDev {
  release: string;
  pc: Record<string, string>;
  so: Record<string, string>;
  cmake: Record<string, string>;
}

let table: DebianDev | undefined;
/** Loaded on first use: only C and C++ projects whose libraries data/libraries.json does not know need it. */
const debian = (): DebianDev => (table ??= loadData<DebianDev>('debian-dev.json'));

const own = (o: Record<string, string>, key: string): string | undefined =>
  Object.hasOwn(o, key) ? o[key] : undefined;

/**
 * The Debian -dev package that provides a library as a build file names it: a pkg-config module
 * (`glib-2.0`, `libzim`, read without its `lib`), a -l name (`webp`), a CMake package (`LibIcal`)
 * or a CMake imported target with its component (`Boost::system` is Boost's `boost_system`,
 * `Qt6::Core` is `Qt6Core`). Undefined when Debian has none by that name.
 */
export function debianDevOf(name: string): string | undefined {
  const t = debian();
  const sep = name.indexOf('::');
  if (sep > 0) {
    const [pkg, part] = [name.slice(0, sep), name.slice(sep + 2)];
    return own(t.cmake, `${pkg.toLowerCase()}_${part}`) ?? own(t.cmake, `${pkg}${part}`) ?? debianDevOf(pkg);
  }
  const lower = name.toLowerCase();
  return (
    own(t.pc, name) ??
    own(t.pc, `lib${name}`) ??
    own(t.so, name) ??
    own(t.cmake, name) ??
    own(t.pc, lower) ??
    own(t.so, lower) ??
    own(t.pc, `lib${lower}`)
  );
}
