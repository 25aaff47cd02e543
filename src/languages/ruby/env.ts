import type { Scan } from '../../core/scan.js';
import type { Fact } from '../../core/types.js';
import type { Bundle } from './bundle.js';

/** ENV lines of the final stage: the framework's production environment (Rails, Hanami, Rack, Sinatra), and PORT from the command. */
export function runEnv(
  scan: Scan,
  bundle: Bundle,
  rails: boolean,
  port: Fact<number> | undefined,
  portEnv: string[],
): string[] {
  const hanami = bundle.gems.has('hanami');
  const framework = rails
    ? ['RAILS_ENV=production', 'RAILS_LOG_TO_STDOUT=1', 'RAILS_SERVE_STATIC_FILES=1']
    : hanami
      ? ['HANAMI_ENV=production', 'RACK_ENV=production', ...(port ? [`HANAMI_PORT=${port.value}`] : [])]
      : scan.has('config.ru') || bundle.gems.has('sinatra')
        ? ['RACK_ENV=production', 'APP_ENV=production']
        : [];
  return [...framework, ...portEnv];
}
