import type { Decision } from '../../core/types.js';

/** What resolving tells the user, each list in the order it was found: warnings, and the decisions --explain shows. */
export interface Findings {
  warnings: string[];
  decisions: Decision[];
}
