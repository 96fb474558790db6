/**
 * Who may call a route: subjects (roles, or anonymous), actions, scopes and the rules that join
 * them, shared by the policy table and the routes declared with their policy (http/define-route).
 */
import type { Role } from '@hatang/contracts';
import type { ZodType } from 'zod';

/** Who asks: a role of the signed-in user, or nobody signed in. */
export type Subject = Role | 'anonymous';
export type Action = 'read' | 'create' | 'update' | 'delete' | 'admin';
/** `all`: any record; `own`: only records of the user's organisation (assets) or the user's own (keys). */
export type Scope = 'all' | 'own';
export type Rule = Partial<Record<Subject, Scope>>;

export interface RoutePolicy {
  resource: string;
  action: Action;
  rule: Rule;
  /**
   * Only a signed-in session may call the route, not an API key: the refusal (403) says why. Checked
   * with the roles, before the body is read.
   */
  sessionOnly?: string;
  /** The JSON body the route takes (the contract it validates with), for the OpenAPI document. */
  body?: ZodType;
}

export const EVERYONE: Rule = {
  anonymous: 'all',
  admin: 'all',
  planner: 'all',
  operator_editor: 'all',
  operator_viewer: 'all',
  reviewer: 'all',
  inspector: 'all',
  viewer: 'all',
};
export const SIGNED_IN: Rule = { ...EVERYONE, anonymous: undefined };
/** City departments keep the whole register; operators and tower companies keep their own assets. */
export const ASSET_EDITORS: Rule = { admin: 'all', planner: 'all', operator_editor: 'own' };
export const ADMINS: Rule = { admin: 'all' };
/**
 * Coverage analyses aggregate every operator's tenancies: for the city, the Construction
 * Department, communes and operators (as national coverage maps publish per operator), not the public.
 */
export const ANALYSTS: Rule = { ...SIGNED_IN, viewer: undefined };
/** Everyone manages their own API keys; admins manage everyone's. */
export const KEY_HOLDERS: Rule = Object.fromEntries(
  Object.entries(SIGNED_IN).map(([subject, scope]) => [
    subject,
    subject === 'admin' ? scope : scope && 'own',
  ]),
);

/** The widest scope any of the subjects has under a rule (`all` beats `own`). */
export function scopeOf(rule: Rule, subjects: readonly Subject[]): Scope | undefined {
  let best: Scope | undefined;
  for (const subject of subjects) {
    const scope = rule[subject];
    if (scope === 'all') return 'all';
    if (scope === 'own') best = 'own';
  }
  return best;
}
