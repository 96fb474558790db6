import { COLOCATION_TRANSITIONS, type ColocationAction } from '@hatang/contracts';
import type { Principal } from '../../auth/principal.js';
import { ApiError, notFound } from '../../errors.js';
import type { ListScope, StoredRequest } from './request-repository.js';

const has = (p: Principal | undefined, ...roles: string[]) => !!p && p.roles.some((r) => roles.includes(r));

/** Planners and admins oversee every request. */
export const isOverseer = (p: Principal | undefined) => has(p, 'admin', 'planner');

/** Operators list their organisation's boxes; planners and admins everything (the box is ignored). */
export function listScopeOf(p: Principal | undefined, box: 'incoming' | 'outgoing' | 'all'): ListScope {
  if (isOverseer(p)) return { all: true };
  if (has(p, 'operator_editor', 'operator_viewer') && p) return { orgId: p.orgId, box };
  throw new ApiError(403, 'FORBIDDEN', 'Only operators, planners and admins see co-location requests');
}

/** The two parties' operators, planners and admins read a request; anyone else gets 404 (nothing leaks). */
export function assertMayRead(p: Principal | undefined, r: StoredRequest | undefined): StoredRequest {
  if (!r) throw notFound('Co-location request');
  if (isOverseer(p)) return r;
  if (
    has(p, 'operator_editor', 'operator_viewer') &&
    (p?.orgId === r.ownerOrgId || p?.orgId === r.requesterOrgId)
  )
    return r;
  throw notFound('Co-location request');
}

/** Editors of either party (or admins) write messages and attachments. */
export function assertParticipant(p: Principal | undefined, r: StoredRequest): void {
  if (has(p, 'admin')) return;
  if (has(p, 'operator_editor') && (p?.orgId === r.ownerOrgId || p?.orgId === r.requesterOrgId)) return;
  throw new ApiError(403, 'FORBIDDEN', "Only the two organisations' editors may write on this request");
}

/**
 * The step's party: the owner's editors answer, the requester's editors withdraw and respond;
 * admins may act for either. 403 for anyone else; 409 INVALID_STATE when the state machine does
 * not allow the step from the current status.
 */
export function assertTransition(p: Principal | undefined, r: StoredRequest, action: ColocationAction): void {
  const step = COLOCATION_TRANSITIONS[action];
  if (!has(p, 'admin')) {
    const orgId = step.party === 'owner' ? r.ownerOrgId : r.requesterOrgId;
    if (!has(p, 'operator_editor') || p?.orgId !== orgId)
      throw new ApiError(
        403,
        'FORBIDDEN',
        step.party === 'owner'
          ? "Only the owner organisation's editors may answer this request"
          : "Only the requesting organisation's editors may do this",
      );
  }
  if (!step.from.includes(r.status))
    throw new ApiError(
      409,
      'INVALID_STATE',
      `A co-location request that is ${r.status} cannot take the step "${action}"`,
    );
}

/** 409 with the current record when the If-Match version is stale. */
export function staleRequest(current: unknown, version: number, expected: number): ApiError {
  return new ApiError(
    409,
    'VERSION_CONFLICT',
    `This co-location request is at version ${version}, not ${expected}: it changed since you read it`,
    undefined,
    current,
  );
}
