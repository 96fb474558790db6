/**
 * Who may call the co-location routes. The policy admits the roles; the handlers then scope them
 * (request-access.ts): operators see and act on requests their organisation made or received,
 * planners and admins read everything, nobody else sees requests.
 */
import type { Rule } from '../../policy/rules.js';

export const READERS: Rule = { admin: 'all', planner: 'all', operator_editor: 'all', operator_viewer: 'all' };
export const EDITORS: Rule = { admin: 'all', operator_editor: 'all' };
export const OVERSEERS: Rule = { admin: 'all', planner: 'all' };
