import type { Scan } from '../../core/scan.js';
import type { Setting } from '../processes.js';
import { procfileCompanions, withFramework, type Companion } from '../processes.js';
import type { Bundle } from './bundle.js';

/** How the image runs a Procfile command: its own binstubs and ruby as they are, any other gem's command through the bundle. */
function bundled(words: string[]): string[] {
  return words[0] === 'bundle' || words[0] === 'ruby' || words[0]!.startsWith('bin/')
    ? words
    : ['bundle', 'exec', ...words];
}

/** A binstub of the app (bin/ is left out of the scan's file list: it is read by name). */
const binstub = (scan: Scan, path: string): boolean => scan.has(path) || scan.read(path, 64 * 1024) !== undefined;

/** Job queues: the gem and the command of its worker process. */
const QUEUES: { gem: string; command: (scan: Scan) => string[] }[] = [
  { gem: 'sidekiq', command: () => ['bundle', 'exec', 'sidekiq'] },
  { gem: 'good_job', command: () => ['bundle', 'exec', 'good_job', 'start'] },
  {
    gem: 'solid_queue',
    command: (scan) => (binstub(scan, 'bin/jobs') ? ['bin/jobs'] : ['bundle', 'exec', 'rake', 'solid_queue:start']),
  },
  { gem: 'delayed_job', command: () => ['bundle', 'exec', 'rake', 'jobs:work'] },
];

/** Database servers' adapters: with one, a Rails release prepares the database first. */
const SERVER_ADAPTERS = ['pg', 'mysql2', 'trilogy'];

/** The app's other processes: the Procfile's, then a job queue's worker and a Rails release step. */
export function rubyCompanions(scan: Scan, bundle: Bundle, rails: boolean, warnings: string[]): Companion[] {
  const framework: Companion[] = [];
  const queue = QUEUES.find((q) => bundle.gems.has(q.gem));
  if (queue)
    framework.push({
      role: 'worker',
      command: queue.command(scan),
      once: false,
      source: `${queue.gem} in ${bundle.gemfileName ?? 'the Gemfile'}`,
    });
  const adapter = SERVER_ADAPTERS.find((g) => bundle.gems.has(g));
  if (rails && adapter)
    framework.push({
      role: 'release',
      command: binstub(scan, 'bin/rails') ? ['bin/rails', 'db:prepare'] : ['bundle', 'exec', 'rails', 'db:prepare'],
      once: true,
      source: `Rails with ${adapter}: the database is made and migrated before the server starts`,
    });
  return withFramework(procfileCompanions(scan, warnings, bundled), framework);
}

/** Rails in production reads its secret from the environment, or decrypts its credentials with the master key. */
export function railsSettings(scan: Scan): Setting[] {
  return scan.has('config/credentials.yml.enc')
    ? [
        {
          name: 'RAILS_MASTER_KEY',
          source: 'Rails decrypts config/credentials.yml.enc with it (or set SECRET_KEY_BASE)',
        },
      ]
    : [{ name: 'SECRET_KEY_BASE', source: 'Rails in production signs sessions with it' }];
}
