/**
 * Administration beyond users and keys: organisations (create, edit) and the audit log (filtered
 * pages, CSV). Rules the server enforces, stated once here for the API, the web and the docs:
 * - A commune office (`kind: 'commune'`) answers for exactly one commune: `adminUnitCode` is
 *   required for it and refused for every other kind (400).
 * - An organisation's `code` is fixed once created (an edit that sends it is refused, 400): it is
 *   the key people and scripts name it by (`user:create --org`, imports, exports).
 * - A user's commune is their organisation's (users have no commune of their own): an inspector
 *   must belong to a commune office that has its commune, and follows it when the office's commune
 *   changes; an office with inspectors cannot become another kind (409).
 */
import { z } from 'zod';
import { isoDate, uuid } from './common.js';
import { organisationKind } from './context.js';
import { planAgency } from './plan-tasks.js';

/** Upper-case letters, digits, `_` and `-`, 2 to 32 characters (the database's CHECK). */
export const organisationCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9_-]{2,32}$/, 'must be 2 to 32 letters, digits, _ or -');

/** An official commune code (5 digits) of one of Hai Phong's units. */
export const adminUnitCode = z.string().regex(/^[0-9]{5}$/, 'must be a 5-digit commune code');

const organisationName = z.string().trim().min(1).max(200);

export const createOrganisationRequest = z.strictObject({
  code: organisationCode,
  name: organisationName,
  kind: organisationKind,
  /** Required for a commune office, refused for any other kind. */
  adminUnitCode: adminUnitCode.nullable().optional(),
  /** Which of plan 317's agencies it is when its kind does not say (null: derived from the kind). */
  planAgency: planAgency.nullable().optional(),
});
export type CreateOrganisationRequest = z.infer<typeof createOrganisationRequest>;

/** Any of the fields; the code cannot change (strict: sending it is a 400). */
export const updateOrganisationRequest = z.strictObject({
  name: organisationName.optional(),
  kind: organisationKind.optional(),
  adminUnitCode: adminUnitCode.nullable().optional(),
  planAgency: planAgency.nullable().optional(),
});
export type UpdateOrganisationRequest = z.infer<typeof updateOrganisationRequest>;

/** An organisation as admins see it: with its commune's name and how many users it has. */
export const adminOrganisation = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: organisationKind,
  adminUnitCode: z.string().nullable(),
  /** The commune's name (Vietnamese), when it has one. */
  adminUnitName: z.string().nullable(),
  planAgency: planAgency.nullable(),
  userCount: z.number().int(),
  createdAt: z.string(),
});
export type AdminOrganisation = z.infer<typeof adminOrganisation>;
export const adminOrganisationList = z.object({ items: z.array(adminOrganisation) });

// ---------- Audit log ----------

export const auditAction = z.enum(['create', 'update', 'delete', 'restore']);
export type AuditAction = z.infer<typeof auditAction>;

/** The longest page of the audit log. */
export const AUDIT_PAGE_MAX = 200;
/** The most rows one CSV export holds (newest first); narrow the filters for older ones. */
export const AUDIT_CSV_MAX_ROWS = 50_000;

/**
 * The audit log's filters. `from` and `to` are calendar days in Vietnam time (Asia/Ho_Chi_Minh,
 * UTC+7, no daylight saving), both included: `from=2026-12-01&to=2026-12-01` is
 * 2026-11-30T17:00Z up to (not including) 2026-12-01T17:00Z.
 */
export const auditFilters = z.strictObject({
  /** The user who made the change. */
  actor: uuid.optional(),
  action: auditAction.optional(),
  /** What was changed: a resource name such as `towers`, `users`, `organisations`. */
  resource: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/, 'must be a resource name (lower-case letters, digits, -)')
    .optional(),
  /** The changed record's id. */
  recordId: uuid.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type AuditFilters = z.infer<typeof auditFilters>;

export const auditListQuery = auditFilters.extend({
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
  /** The `next` of the previous page. */
  cursor: z
    .string()
    .regex(/^[0-9]{1,18}$/, 'must be the next cursor of a previous page')
    .optional(),
});
export type AuditListQuery = z.input<typeof auditListQuery>;

/** One audit entry; secrets (password hashes, key and token hashes) are replaced by "[redacted]". */
export const auditEntry = z.object({
  /** The entry's number (a string: it outgrows JavaScript numbers in theory). */
  id: z.string(),
  /** ISO 8601 (UTC). */
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  /** The actor's e-mail address today (null when the user is gone or it was the system). */
  actorEmail: z.string().nullable(),
  actorOrgId: z.string().nullable(),
  actorOrgCode: z.string().nullable(),
  /** `session`, `api_key` or `system`. */
  via: z.string().nullable(),
  requestId: z.string(),
  resource: z.string(),
  recordId: z.string(),
  action: auditAction,
  version: z.number().int(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditPage = z.object({
  items: z.array(auditEntry),
  /** The cursor of the next (older) page; null on the last one. */
  next: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPage>;

/** The value secrets are replaced with in audit answers. */
export const REDACTED = '[redacted]';

/**
 * What the audit log names records that are not asset kinds (asset kinds have their own labels in
 * `assetResources`), for the log's "what" filter.
 */
export const AUDIT_RESOURCE_LABELS: Record<string, { vi: string; en: string }> = {
  organisations: { vi: 'Tổ chức', en: 'Organisations' },
  users: { vi: 'Người dùng', en: 'Users' },
  'api-keys': { vi: 'Khóa API', en: 'API keys' },
  plans: { vi: 'Quy hoạch', en: 'Plans' },
  'plan-versions': { vi: 'Phiên bản quy hoạch', en: 'Plan versions' },
  'plan-items': { vi: 'Hạng mục quy hoạch', en: 'Plan items' },
  'plan-zones': { vi: 'Vùng quy hoạch', en: 'Plan zones' },
  'plan-tasks': { vi: 'Nhiệm vụ Kế hoạch 317', en: 'Plan 317 tasks' },
  'plan-tasks-reports': { vi: 'Báo cáo tiến độ nhiệm vụ', en: 'Task progress reports' },
  obstacles: { vi: 'Khó khăn, vướng mắc', en: 'Obstacles' },
  'key-sites': { vi: 'Địa điểm trọng điểm', en: 'Key sites' },
  'site-offers': { vi: 'Địa điểm xã/phường đề xuất', en: 'Commune site offers' },
  violations: { vi: 'Vi phạm', en: 'Violations' },
  'permit-applications': { vi: 'Hồ sơ cấp phép', en: 'Permit applications' },
  'permit-comments': { vi: 'Ý kiến hồ sơ cấp phép', en: 'Permit comments' },
  'permit-check-config': { vi: 'Tham số kiểm tra cấp phép', en: 'Permit check parameters' },
  'colocation-requests': { vi: 'Yêu cầu dùng chung', en: 'Co-location requests' },
  'colocation-messages': { vi: 'Trao đổi dùng chung', en: 'Co-location messages' },
  'undergrounding-campaign': { vi: 'Chiến dịch hạ ngầm', en: 'Undergrounding campaign' },
  'dii-criteria': { vi: 'Tiêu chí DII', en: 'DII criteria' },
  'dii-values': { vi: 'Giá trị DII', en: 'DII values' },
  'interim-targets': { vi: 'Chỉ tiêu trung gian', en: 'Interim targets' },
  'ftth-reports': { vi: 'Báo cáo cáp quang đến hộ', en: 'FTTH reports' },
};
