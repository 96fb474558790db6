import { z } from 'zod';
import { uuid } from './common.js';

/**
 * Roles a user can hold. admin: everything; planner: city departments, all assets in full;
 * operator_editor / operator_viewer: an operator's or tower company's staff; reviewer: the
 * Construction Department; inspector: a commune's staff (scoped to its unit); viewer: read-only public.
 */
export const role = z.enum([
  'admin',
  'planner',
  'operator_editor',
  'operator_viewer',
  'reviewer',
  'inspector',
  'viewer',
]);
export type Role = z.infer<typeof role>;
export const ROLES = role.options;

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'must be an e-mail address' }));

/** At least 10 characters; a passphrase is better than a password. */
export const newPassword = z.string().min(10, 'must be at least 10 characters').max(200);

export const loginRequest = z.strictObject({ email, password: z.string().min(1).max(200) });
export type LoginRequest = z.infer<typeof loginRequest>;

/** The signed-in user as the API describes them. */
export const sessionUser = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  orgKind: z.string(),
  /** The commune a commune's staff (inspector) works in. */
  adminUnitCode: z.string().nullable(),
  roles: z.array(role),
});
export type SessionUser = z.infer<typeof sessionUser>;

/** `POST /auth/login` and `GET /auth/me`: the user and the token to send as `X-CSRF-Token` on writes. */
export const sessionInfo = z.object({
  user: sessionUser,
  /** Empty for an API key (it needs no CSRF token). */
  csrfToken: z.string(),
  /** When the session ends unless used again (ISO 8601); empty for an API key without an end. */
  expiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof sessionInfo>;

export const createUserRequest = z.strictObject({
  email,
  displayName: z.string().trim().min(1).max(120),
  orgId: uuid,
  roles: z.array(role).min(1).max(ROLES.length),
  password: newPassword,
});

export const updateUserRequest = z.strictObject({
  displayName: z.string().trim().min(1).max(120).optional(),
  roles: z.array(role).min(1).max(ROLES.length).optional(),
  isDisabled: z.boolean().optional(),
  /** Moves the user to another organisation (their commune is the new organisation's). */
  orgId: uuid.optional(),
});

export const resetPasswordRequest = z.strictObject({ password: newPassword });

export const userRecord = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  orgId: z.string(),
  /** The user's commune: their organisation's (a commune office's); null for other organisations. */
  adminUnitCode: z.string().nullable(),
  roles: z.array(role),
  isDisabled: z.boolean(),
  /** ISO 8601, or null. */
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type UserRecord = z.infer<typeof userRecord>;

/** API key scopes: `read` lists and reads, `write` also creates, edits and deletes (within the user's roles). */
export const apiKeyScope = z.enum(['read', 'write']);
export const createApiKeyRequest = z.strictObject({
  name: z.string().trim().min(1).max(120),
  /** The user the key acts as (admins may issue keys for others; default: yourself). */
  userId: uuid.optional(),
  scopes: z.array(apiKeyScope).min(1).max(2),
  /** Optional end of validity, ISO 8601. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});

export const apiKeyRecord = z.object({
  id: z.string(),
  name: z.string(),
  userId: z.string(),
  /** The first characters of the key, to recognise it in lists. */
  prefix: z.string(),
  scopes: z.array(apiKeyScope),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyRecord = z.infer<typeof apiKeyRecord>;

/** Returned once, at creation: the secret is never shown again. */
export const createdApiKey = apiKeyRecord.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKey>;

/** `POST /api/setup/first-admin`: the first admin of an embedded database, with the one-time token. */
export const firstAdminRequest = z.strictObject({
  token: z.string().min(1).max(200),
  email,
  displayName: z.string().trim().min(1).max(200),
  orgCode: z.string().trim().min(1).max(64),
  orgName: z.string().trim().min(1).max(200).optional(),
  roles: z
    .array(role)
    .min(1)
    .refine((roles) => roles.includes('admin'), 'the first user must be an admin')
    .default(['admin']),
  password: newPassword,
});
export type FirstAdminRequest = z.input<typeof firstAdminRequest>;
