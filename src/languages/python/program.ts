import type { Scan } from '../../core/scan.js';
import type { Said } from './info.js';
import { VENV } from './info.js';

/** A way to run the project: what --entry names, how --explain shows it, the image's command. */
export interface Program {
  value: string;
  label: string;
  source: string;
  command: string[];
  port?: number | undefined;
  kind: 'server' | 'cli';
  collectstatic?: boolean;
  env?: string[];
  /** A console script of the project itself: it exists only once the project is installed into the venv. */
  ownScript?: boolean;
  /** The project's files the program is started from (the script, the app's module, manage.py): kept in the build context. */
  files?: string[];
}

/** What the search for programs reads: the project, its own code, its dependencies. */
export interface ProgramSearch {
  scan: Scan;
  /** The project's .py files that are its code (not tests, docs, migrations, setup scripts). */
  sources: string[];
  deps: Set<string>;
  said: Said;
}

/** The venv's interpreter. */
export const PY = `${VENV}/bin/python`;
/** A program the venv installs (gunicorn, a console script). */
export const bin = (name: string): string => `${VENV}/bin/${name}`;
