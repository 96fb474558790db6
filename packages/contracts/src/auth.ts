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
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  orgId: string;
  orgName: string;
  orgKind: string;
  /** The commune a commune's staff (inspector) works in. */
  adminUnitCode: string | null;
  roles: Role[];
}

/** `POST /auth/login` and `GET /auth/me`: the user and the token to send as `X-CSRF-Token` on writes. */
export interface SessionInfo {
  user: SessionUser;
  csrfToken: string;
  /** When the session ends unless used again (ISO 8601). */
  expiresAt: string;
}

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
});

export const resetPasswordRequest = z.strictObject({ password: newPassword });

export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  orgId: string;
  roles: Role[];
  isDisabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

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

export interface ApiKeyRecord {
  id: string;
  name: string;
  userId: string;
  /** The first characters of the key, to recognise it in lists. */
  prefix: string;
  scopes: z.infer<typeof apiKeyScope>[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** Returned once, at creation: the secret is never shown again. */
export interface CreatedApiKey extends ApiKeyRecord {
  key: string;
}
