import { dirname } from 'node:path';
import type { Scan } from '../../core/scan.js';
import { shown } from '../../core/quote.js';
import { joinRel as join, normalizeRel as normalize } from '../shared.js';
import { MAX_MODULES } from './module.js';
import { parsePom, type Pom } from './pom.js';

/** A POM of the build, with its parent when the parent is in the project. */
export interface PomNode {
  dir: string;
  file: string;
  pom: Pom;
  parent?: PomNode | undefined;
}

/** How many parents a POM may have above it in the project (Maven sets no limit; real builds have a few). */
const MAX_PARENT_DEPTH = 20;
/** How deep <modules> may nest below the root POM. */
const MAX_MODULE_DEPTH = 20;
/** POMs read in all, modules and parents together. */
const MAX_POMS = 2 * MAX_MODULES;

/** The parents of a POM inside the project, nearest first, at most MAX_PARENT_DEPTH (links are acyclic: readMaven sees to it). */
export function parentsOf(node: PomNode): PomNode[] {
  const out: PomNode[] = [];
  for (let n = node.parent; n && out.length < MAX_PARENT_DEPTH; n = n.parent) out.push(n);
  return out;
}

/**
 * Every POM of the build: the root and its modules, recursively, each with its parent when the
 * parent is in the project. Both walks keep what they have read, and stop at a depth and a count:
 * a parent cycle through <relativePath> (Maven refuses one too) or a module listing its own parent
 * ends the walk with a warning.
 */
export function readMaven(scan: Scan, warnings: string[]): PomNode[] {
  const reader = new PomReader(scan, warnings);
  const first = reader.read('pom.xml');
  if (!first) return [];
  const order = reader.modules();
  // The modules, in reactor order, then parents read through <relativePath> that are no module
  // (their POMs must be in the image as well).
  const parents = order.flatMap(parentsOf).filter((p) => !order.includes(p));
  return [...order, ...new Set(parents)];
}

/** The POMs read so far, each once, and the warnings of the walks, each given once. */
class PomReader {
  private readonly nodes = new Map<string, PomNode>();
  private readonly warned = new Set<string>();
  /** POMs whose parent has been looked for. */
  private readonly linked = new Set<PomNode>();
  private readonly scan: Scan;
  private readonly warnings: string[];

  constructor(scan: Scan, warnings: string[]) {
    this.scan = scan;
    this.warnings = warnings;
  }

  private warn(w: string): void {
    if (!this.warned.has(w)) {
      this.warned.add(w);
      this.warnings.push(w);
    }
  }

  /** A POM by its path, read once; nothing when it is missing or the count of POMs is reached. */
  read(file: string): PomNode | undefined {
    const known = this.nodes.get(file);
    if (known) return known;
    if (this.nodes.size >= MAX_POMS) {
      this.warn(`The build has more than ${MAX_POMS} POMs: only the first ${MAX_POMS} were read.`);
      return undefined;
    }
    const text = this.scan.manifest(file);
    if (text === undefined) return undefined;
    const node: PomNode = { dir: dirname(file) === '' ? '.' : dirname(file), file, pom: parsePom(text, file) };
    this.nodes.set(file, node);
    return node;
  }

  /** The modules, breadth first from the root, each POM once, each linked to its parents. */
  modules(): PomNode[] {
    const order: PomNode[] = [];
    const queued = new Set<string>(['pom.xml']);
    const queue: { file: string; depth: number }[] = [{ file: 'pom.xml', depth: 0 }];
    for (let i = 0; i < queue.length && order.length < MAX_MODULES; i++) {
      const { file, depth } = queue[i]!;
      const node = this.read(file);
      if (!node) continue;
      order.push(node);
      this.linkParents(node);
      for (const m of node.pom.modules) {
        const target = normalize(join(node.dir, m.endsWith('.xml') ? m : `${m}/pom.xml`));
        if (!target || queued.has(target)) continue;
        if (depth + 1 > MAX_MODULE_DEPTH) {
          this.warn(
            `<modules> nest more than ${MAX_MODULE_DEPTH} deep below pom.xml: the modules of ${shown(file)} were not read.`,
          );
          break;
        }
        if (queued.size >= MAX_MODULES) {
          this.warn(`The build lists more than ${MAX_MODULES} modules: only the first ${MAX_MODULES} were read.`);
          break;
        }
        queued.add(target);
        queue.push({ file: target, depth: depth + 1 });
      }
    }
    return order;
  }

  /** Links a POM to its parent through <relativePath>, and that one to its own, up to a depth and short of a cycle. */
  private linkParents(start: PomNode): void {
    let node = start;
    for (let depth = 0; !this.linked.has(node); depth++) {
      this.linked.add(node);
      const ref = node.pom.parent;
      const rel = ref?.relativePath ?? '../pom.xml';
      if (!ref || rel === '') return;
      if (depth >= MAX_PARENT_DEPTH) {
        this.warn(
          `${shown(start.file)} has more than ${MAX_PARENT_DEPTH} parents in the project (through <relativePath>): the ones above ${shown(node.file)} were not read.`,
        );
        return;
      }
      const target = normalize(join(node.dir, rel.endsWith('.xml') ? rel : `${rel}/pom.xml`));
      // Read directly: a parent may sit in a folder the walk skips (build/, parent/ under target/...).
      if (!target || target === node.file) return;
      const p = this.read(target);
      if (!p || (ref.artifactId && p.pom.artifactId !== ref.artifactId)) return;
      if (p === node || parentsOf(p).includes(node)) {
        this.warn(
          `The parents of ${shown(node.file)} form a cycle through <relativePath> (${shown(node.file)} -> ${shown(p.file)} -> ... -> ${shown(node.file)}): Maven refuses such a build. Fix the <parent> of one of them.`,
        );
        return;
      }
      node.parent = p;
      node = p;
    }
  }
}
