import { shown } from '../../core/quote.js';
import { joinRel as join, normalizeRel as normalize } from '../shared.js';
import { GLOB_PATTERN_MAX, globMatches, parseGlobElement, type GlobElement } from '../glob.js';
import type { Lister } from './crate.js';

/** The longest member pattern read, and how many packages (members and path dependencies) at most. */
const MEMBER_PATTERN_MAX = GLOB_PATTERN_MAX;
export const PACKAGES_MAX = 1000;
/** Folders listed to expand member globs (`**` walks a tree): past this, expansion stops, with a warning. */
const MEMBER_LISTINGS_MAX = 5000;

/** A pattern's path elements: `**` as a whole element, or one element's glob. */
type Element = GlobElement | '**';

/** Listings counted across all patterns, so that the expansion as a whole stays bounded. */
function boundedListing(list: Lister) {
  let listings = 0;
  const listed = (rel: string) => (listings++ < MEMBER_LISTINGS_MAX ? list(rel) : undefined);
  const dirsUnder = (rel: string): string[] => {
    const all = [rel];
    for (let i = 0; i < all.length && listings < MEMBER_LISTINGS_MAX; i++) {
      for (const n of listed(all[i]!) ?? []) {
        if (n === '.git' || n === 'target') continue;
        const child = join(all[i]!, n);
        if (listed(child) !== undefined) all.push(child);
      }
    }
    return all;
  };
  return { listed, dirsUnder, exhausted: () => listings >= MEMBER_LISTINGS_MAX };
}

/** A pattern's elements, or undefined (with a warning) when it reaches outside, is too long or does not parse. */
function patternElements(p: string, warnings: string[]): Element[] | undefined {
  let clean = p.startsWith('./') ? p.slice(2) : p;
  while (clean.endsWith('/')) clean = clean.slice(0, -1);
  if (clean.startsWith('/') || clean.split('/').includes('..')) {
    warnings.push(
      `The workspace member pattern ${shown(p, 60)} reaches outside this directory: Docker cannot see it from here. Build from a parent directory.`,
    );
    return undefined;
  }
  if (clean.length > MEMBER_PATTERN_MAX) {
    warnings.push(
      `The workspace member pattern ${shown(p, 40)} is longer than ${MEMBER_PATTERN_MAX} characters: left out.`,
    );
    return undefined;
  }
  const elements: Element[] = [];
  for (const e of clean.split('/')) {
    if (e === '**') {
      elements.push('**');
      continue;
    }
    const element = parseGlobElement(e, 'cargo');
    if (typeof element === 'string') {
      warnings.push(
        `The workspace member pattern ${shown(p, 60)} in Cargo.toml is not a valid glob (${element}): left out; cargo rejects it too.`,
      );
      return undefined;
    }
    elements.push(element);
  }
  return elements;
}

/** The folders a pattern's elements match, element by element from the project's root. */
function expand(elements: Element[], listing: ReturnType<typeof boundedListing>): string[] {
  let found = ['.'];
  for (const e of elements) {
    const next = new Set<string>();
    for (const at of found) {
      if (e === '**') for (const d of listing.dirsUnder(at)) next.add(d);
      else if (e.literal !== undefined) next.add(join(at, e.literal));
      else for (const n of listing.listed(at) ?? []) if (globMatches(e, n)) next.add(join(at, n));
      if (next.size >= PACKAGES_MAX) break;
    }
    found = [...next];
  }
  return found;
}

/**
 * Workspace members, with globs expanded as Cargo does (the glob crate: `*`, `?`, `[...]`,
 * `[!...]` within a path element, `**` as a whole element) and `exclude` removed (an excluded
 * folder and everything under it). A pattern that does not parse, or is too long, is left out
 * with a warning.
 */
export function memberFolders(
  list: Lister,
  has: (rel: string) => boolean,
  patterns: string[],
  exclude: string[],
  warnings: string[],
): string[] {
  const out = new Set<string>();
  const listing = boundedListing(list);
  for (const p of patterns) {
    if (!/[*?[\]]/.test(p)) {
      const member = p.startsWith('/') ? undefined : normalize(p);
      if (member === undefined)
        warnings.push(
          `The workspace member ${shown(p, 60)} is outside this directory: Docker cannot see it from here. Build from a parent directory.`,
        );
      else if (member !== '.') out.add(member);
      continue;
    }
    const elements = patternElements(p, warnings);
    if (!elements) continue;
    for (const d of expand(elements, listing)) if (d !== '.' && has(`${d}/Cargo.toml`)) out.add(d);
  }
  if (listing.exhausted())
    warnings.push(
      `Stopped expanding workspace member globs after listing ${MEMBER_LISTINGS_MAX} folders: members past that are left out. List the members by path in Cargo.toml.`,
    );
  const excluded = new Set(exclude.map(normalize));
  // Cargo leaves out a member inside an excluded folder too.
  const isExcluded = (m: string) => {
    const parts = m.split('/');
    for (let i = 1; i <= parts.length; i++) if (excluded.has(parts.slice(0, i).join('/'))) return true;
    return false;
  };
  return [...out].filter((m) => !isExcluded(m));
}
