/**
 * What the authorisation matrix tells the attempt makers that need more than the admin's session:
 * whose turn it is, every subject's session, the organisations and the matrix's commune.
 */
import type { Subject } from '../../apps/api/src/policy/policy-table.js';
import type { Session } from '../support/sessions.js';

export type MatrixOrg = 'city' | 'operatorA' | 'operatorB' | 'construction' | 'commune' | 'public';

export interface MatrixContext {
  /** The subject trying the route now. */
  subject: Subject;
  /** Every subject's own session (`undefined` for anonymous). Operators' sessions belong to `orgs.operatorA`. */
  sessions: ReadonlyMap<Subject, Session | undefined>;
  orgs: Readonly<Record<MatrixOrg, string>>;
  /** The matrix's ward: the commune organisation's (and so the inspector's) admin unit, square (20,20)-(20.1,20.1). */
  unitCode: string;
  /** The owner organisation the matrix wants this attempt to act on (operatorA or operatorB). */
  owner: string;
}

/** A concrete request; `session` overrides the subject's own session (e.g. a counterpart's). */
export interface MatrixAttempt {
  method: string;
  path: string;
  json?: unknown;
  /** A multipart body (file uploads) instead of JSON. */
  form?: FormData;
  headers?: Record<string, string>;
  session?: Session;
}
