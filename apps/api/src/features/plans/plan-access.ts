import type { PlanVersionKind } from '@hatang/contracts';
import type { Principal } from '../../auth/principal.js';
import { ApiError, notFound } from '../../errors.js';
import { type Rule, SIGNED_IN } from '../../policy/rules.js';

/**
 * Who may see work in progress (drafts and baselines): the city's planners and admins, and the
 * Construction Department (reviewer), which is consulted on the plan. Everyone signed in sees
 * approved and superseded versions: the plan, once issued, is public.
 */
const DRAFT_READERS = new Set(['admin', 'planner', 'reviewer']);

export const mayReadDrafts = (principal: Principal | undefined) =>
  principal?.roles.some((r) => DRAFT_READERS.has(r)) ?? false;

/**
 * A version as `principal` sees it: who drafted and approved it (city staff's user ids) is for
 * city staff; everyone else sees what and when (issue 15: answers name no staff member).
 */
export const versionFor = <T extends { createdBy: string | null; approvedBy: string | null }>(
  principal: Principal | undefined,
  version: T,
): T => (mayReadDrafts(principal) ? version : { ...version, createdBy: null, approvedBy: null });

export const isPublishedKind = (kind: PlanVersionKind) => kind === 'approved' || kind === 'superseded';

/** 404 (not 403: a draft's existence is not for everyone) when the viewer may not read the version. */
export function assertMayReadVersion(
  version: { kind: PlanVersionKind } | undefined,
  principal: Principal | undefined,
  what = 'Plan version',
): asserts version is { kind: PlanVersionKind } {
  if (!version || (!isPublishedKind(version.kind) && !mayReadDrafts(principal))) throw notFound(what);
}

/** 409 VERSION_LOCKED: a version that is not a draft is a record and cannot change. */
export function versionLocked(kind: PlanVersionKind): ApiError {
  return new ApiError(
    409,
    'VERSION_LOCKED',
    `This plan version is ${kind === 'baseline' ? 'a baseline' : kind}: only drafts can change; fork it to make a new draft`,
  );
}

/** Reads: everyone signed in at the policy level (the handlers then hide drafts, above). */
export const PLAN_READERS: Rule = SIGNED_IN;
/** City planners and admins draft. */
export const PLANNERS: Rule = { admin: 'all', planner: 'all' };
/** Approving is the City People's Committee's act, recorded in Hatang by an admin. */
export const APPROVERS: Rule = { admin: 'all' };
