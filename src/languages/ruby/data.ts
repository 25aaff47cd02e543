import { loadData } from '../../core/data.js';

/** Gems with C extensions: what their compile needs and what they load (data/ruby-gems.json). */
export interface RubyGem {
  ext?: boolean;
  build?: string[];
  libraries?: string[];
  /** Linux platforms a precompiled gem is published for (x86_64-linux-gnu, ...). */
  precompiled?: string[];
  musl?: boolean;
}
export const RUBY_GEMS = loadData<{ gems: Record<string, RubyGem> }>('ruby-gems.json').gems;
