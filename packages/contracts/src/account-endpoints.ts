/** The accounts' endpoints: signing in and out, the current session, users (admins), API keys. */
import { z } from 'zod';
import {
  apiKeyRecord,
  createApiKeyRequest,
  createdApiKey,
  createUserRequest,
  loginRequest,
  resetPasswordRequest,
  sessionInfo,
  updateUserRequest,
  userRecord,
} from './auth.js';
import { endpoint } from './endpoint.js';

const notFound = { description: 'Not found' };
const ended = { description: 'Done (no body)' };
const id = z.object({ id: z.guid() });

export const accountEndpoints = {
  login: endpoint({
    method: 'POST',
    path: '/api/v1/auth/login',
    tag: 'sessions',
    summary: 'Sign in: sets the session cookie, answers the user and the CSRF token',
    body: loginRequest,
    responses: {
      200: { description: 'Signed in', schema: sessionInfo },
      401: { description: 'Wrong e-mail address or password' },
      403: { description: 'The account is disabled' },
      429: { description: 'Too many failed sign-ins from this client (Retry-After)' },
    },
  }),
  logout: endpoint({
    method: 'POST',
    path: '/api/v1/auth/logout',
    tag: 'sessions',
    summary: 'Sign out: ends this session and clears its cookie',
    responses: { 204: ended },
  }),
  me: endpoint({
    method: 'GET',
    path: '/api/v1/auth/me',
    tag: 'sessions',
    summary: 'The signed-in user (or the API key’s) and the CSRF token for writes',
    responses: { 200: { description: 'The session', schema: sessionInfo } },
  }),
  revokeAllSessions: endpoint({
    method: 'POST',
    path: '/api/v1/auth/sessions/revoke-all',
    tag: 'sessions',
    summary: 'Sign out everywhere: ends every session of the signed-in user',
    responses: { 204: ended },
  }),
  listUsers: endpoint({
    method: 'GET',
    path: '/api/v1/users',
    tag: 'users',
    summary: 'Every user account by e-mail address',
    responses: { 200: { description: 'The users', schema: z.object({ items: z.array(userRecord) }) } },
  }),
  createUser: endpoint({
    method: 'POST',
    path: '/api/v1/users',
    tag: 'users',
    summary: 'Create a user account (Location: the new user)',
    body: createUserRequest,
    responses: {
      201: { description: 'Created', schema: userRecord },
      409: { description: 'The e-mail address is in use' },
    },
  }),
  updateUser: endpoint({
    method: 'PATCH',
    path: '/api/v1/users/:id',
    tag: 'users',
    summary: 'Change a user’s name or roles, or disable them (which ends their sessions)',
    params: id,
    body: updateUserRequest,
    responses: { 200: { description: 'The user', schema: userRecord }, 404: notFound },
  }),
  resetPassword: endpoint({
    method: 'POST',
    path: '/api/v1/users/:id/password',
    tag: 'users',
    summary: 'Set a user’s password; ends their sessions and forgets their failed sign-ins',
    params: id,
    body: resetPasswordRequest,
    responses: { 204: ended, 404: notFound },
  }),
  revokeUserSessions: endpoint({
    method: 'POST',
    path: '/api/v1/users/:id/revoke-sessions',
    tag: 'users',
    summary: 'End every session of a user',
    params: id,
    responses: { 204: ended, 404: notFound },
  }),
  listApiKeys: endpoint({
    method: 'GET',
    path: '/api/v1/api-keys',
    tag: 'api-keys',
    summary: 'Your API keys (an admin: everyone’s), newest first',
    responses: { 200: { description: 'The keys', schema: z.object({ items: z.array(apiKeyRecord) }) } },
  }),
  createApiKey: endpoint({
    method: 'POST',
    path: '/api/v1/api-keys',
    tag: 'api-keys',
    summary: 'Issue an API key (from a signed-in session); its secret is shown this once',
    body: createApiKeyRequest,
    responses: { 201: { description: 'The key with its secret', schema: createdApiKey } },
  }),
  revokeApiKey: endpoint({
    method: 'DELETE',
    path: '/api/v1/api-keys/:id',
    tag: 'api-keys',
    summary: 'Revoke an API key (yours; an admin: anyone’s)',
    params: id,
    responses: { 204: ended, 404: notFound },
  }),
} as const;
