import type { Role } from '@hatang/contracts';

/**
 * Who is making a request, once authenticated: a signed-in user (session cookie) or a machine
 * client acting as a user (API key). Anonymous requests have no principal.
 */
export interface Principal {
  userId: string;
  displayName: string;
  orgId: string;
  orgKind: string;
  /** For commune staff: the unit they work in. */
  adminUnitCode: string | null;
  roles: Role[];
  via: 'session' | 'api_key';
  /** API keys only: what the key may do on top of the user's roles. Sessions: ['read', 'write']. */
  scopes: ('read' | 'write')[];
  /** Session id or API key id, for revocation and audit. */
  credentialId: string;
}
