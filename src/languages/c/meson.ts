/** meson.build: the names given to executable(). */
export function mesonExecutables(text: string): string[] {
  return [...text.matchAll(/\bexecutable[ \t]*\([ \t\n]*'([^'\n]{1,200})'/g)].map((m) => m[1]!);
}
